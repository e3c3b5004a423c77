/// A fixed-length bit vector: column validity (1 = has a value) and filter selections.
public struct Bitmap: Sendable, Hashable {
    /// The bits, 64 per word, least significant first.
    public private(set) var words: ContiguousArray<UInt64>
    /// The number of bits.
    public private(set) var count: Int

    /// A bitmap of `count` bits, all set or all clear.
    public init(count: Int, allSet: Bool) {
        self.count = count
        let wordCount = (count + 63) >> 6
        words = ContiguousArray(repeating: allSet ? ~0 : 0, count: wordCount)
        if allSet { clearTail() }
    }

    /// An empty bitmap, to be grown with ``append(_:)``.
    public init() {
        words = []
        count = 0
    }

    /// A bitmap over these words (64 bits each, least significant first); bits past `count` are cleared.
    ///
    /// - Precondition: `words` has exactly `(count + 63) / 64` elements.
    public init(words: ContiguousArray<UInt64>, count: Int) {
        precondition(words.count == (count + 63) >> 6, "bitmap word count differs from bit count")
        self.words = words
        self.count = count
        clearTail()
    }

    /// A bitmap whose bit `i` is `predicate(i)`, built a word at a time.
    ///
    /// Kernels use it instead of setting bits one by one through the subscript, which re-checks
    /// uniqueness and bounds for every row.
    @inlinable public init(count: Int, setWhere predicate: (Int) throws -> Bool) rethrows {
        let wordCount = (count + 63) >> 6
        var words = ContiguousArray<UInt64>(repeating: 0, count: wordCount)
        try words.withUnsafeMutableBufferPointer { out in
            for w in 0..<wordCount {
                let base = w << 6
                let end = Swift.min(64, count - base)
                var word: UInt64 = 0
                for bit in 0..<end { word |= (try predicate(base | bit) ? 1 : 0) << UInt64(bit) }
                out[w] = word
            }
        }
        self.init(words: words, count: count)
    }

    /// Reads or writes bit `index`.
    public subscript(index: Int) -> Bool {
        get { (words[index >> 6] >> UInt64(index & 63)) & 1 == 1 }
        set {
            if newValue {
                words[index >> 6] |= 1 << UInt64(index & 63)
            } else {
                words[index >> 6] &= ~(1 << UInt64(index & 63))
            }
        }
    }

    /// Appends one bit.
    public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        if bit { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// The number of set bits.
    public var setCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether every bit is set.
    public var isAllSet: Bool { setCount == count }

    /// Bitwise and, in place.
    public mutating func formIntersection(_ other: Bitmap) {
        precondition(other.count == count, "bitmap lengths differ")
        for i in words.indices { words[i] &= other.words[i] }
    }

    /// Bitwise or, in place.
    public mutating func formUnion(_ other: Bitmap) {
        precondition(other.count == count, "bitmap lengths differ")
        for i in words.indices { words[i] |= other.words[i] }
    }

    /// Bitwise not, in place.
    public mutating func invert() {
        for i in words.indices { words[i] = ~words[i] }
        clearTail()
    }

    /// Calls `body` with the index of every set bit, in order.
    @inlinable public func forEachSetBit(_ body: (Int) throws -> Void) rethrows {
        for w in 0..<words.count {
            var word = words[w]
            while word != 0 {
                let bit = word.trailingZeroBitCount
                try body(w << 6 | bit)
                word &= word &- 1
            }
        }
    }

    private mutating func clearTail() {
        let tail = count & 63
        if tail != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(tail)) &- 1 }
    }
}

extension Bitmap {
    /// Whether bit `index` is set; the inlinable read for kernels in other modules.
    @inlinable public func isSet(_ index: Int) -> Bool {
        (words[index >> 6] >> UInt64(index & 63)) & 1 == 1
    }
}
