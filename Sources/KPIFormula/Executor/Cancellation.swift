import KPICore

/// How a run learns that it should stop: its long loops ask every ``rowStride`` rows.
///
/// Ctrl-C must stop a statement within half a second however large the data. A loop over the
/// rows of a table (hashing a key tuple per row, filling a median's buckets, joining on a key)
/// covers ``rowStride`` rows in a few milliseconds in a release build and well under 0.1 s in a
/// debug one, and one ask is an indirect call and an atomic load, so asking that often costs
/// nothing measurable. The engine keeps no global state: the caller's poll is passed down.
struct Cancellation {
    /// Rows (or groups, or comparisons) between two asks.
    static let rowStride = 1 << 12

    /// The caller's poll.
    let isCancelled: @Sendable () -> Bool

    /// A run that is never cancelled.
    static let never = Cancellation { false }

    /// Throws ``ExecutionError/cancelled`` when the caller asked to stop.
    func check() throws {
        if isCancelled() { throw ExecutionError.cancelled }
    }

    /// ``check()`` on every ``rowStride``-th row: for a loop over rows that keeps its shape.
    @inline(__always)
    func check(atRow row: Int) throws {
        if row & (Self.rowStride - 1) == 0 { try check() }
    }

    /// Calls `body` with consecutive ranges of at most ``rowStride`` rows covering `0..<count`,
    /// asking before each.
    func forEachChunk(of count: Int, _ body: (Range<Int>) throws -> Void) throws {
        var start = 0
        while start < count {
            try check()
            let end = Swift.min(count, start + Self.rowStride)
            try body(start..<end)
            start = end
        }
    }

    /// A counter for loops that cannot be cut into ranges (a sort's comparisons): ``tick()``
    /// asks once every ``rowStride`` calls.
    struct Ticker {
        let cancellation: Cancellation
        private var count = 0

        init(_ cancellation: Cancellation) { self.cancellation = cancellation }

        mutating func tick() throws {
            count &+= 1
            if count & (Cancellation.rowStride - 1) == 0 { try cancellation.check() }
        }
    }
}

extension Bitmap {
    /// ``forEachSetBit(_:)`` that asks `cancellation` every ``Cancellation/rowStride`` bits.
    @inline(__always)
    func forEachSetBit(checking cancellation: Cancellation, _ body: (Int) throws -> Void) throws {
        let wordStride = Cancellation.rowStride >> 6
        try words.withUnsafeBufferPointer { words in
            for w in 0..<words.count {
                if w & (wordStride - 1) == 0 { try cancellation.check() }
                var word = words[w]
                while word != 0 {
                    try body(w << 6 | word.trailingZeroBitCount)
                    word &= word &- 1
                }
            }
        }
    }
}
