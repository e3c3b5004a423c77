import KPICore

/// The type a column has been inferred to have so far.
enum CSVColumnKind: UInt8 {
    /// Only nulls seen.
    case unknown
    case int, double, bool, date, timestamp, text
    /// A typed column met a cell of another type: it is text, and its chunk is rescanned.
    case demoted

    /// The join of two chunks' kinds: numbers widen to double, dates to timestamps, any other
    /// mix is text.
    func joined(with other: CSVColumnKind) -> CSVColumnKind {
        if self == other { return self == .demoted ? .text : self }
        switch (self, other) {
        case (.unknown, let k), (let k, .unknown): return k == .demoted ? .text : k
        case (.int, .double), (.double, .int): return .double
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        default: return .text
        }
    }
}

/// One column of one chunk, typed as it goes: each cell is converted under the kind inferred so
/// far; a cell that does not fit widens the kind (int → double, date → timestamp) or demotes
/// the column to text, which the chunk then rescans.
///
/// A builder belongs to one chunk and one thread at a time, so its stored properties opt out of
/// dynamic exclusivity checks.
final class CSVColumnBuilder {
    @exclusivity(unchecked) private(set) var kind: CSVColumnKind
    @exclusivity(unchecked) private(set) var rowCount = 0
    /// A quoted empty cell was seen while not text: it is `""` if the column ends up text.
    @exclusivity(unchecked) private(set) var sawQuotedEmpty = false
    /// The rows the chunk is expected to hold (``expect(rows:)``), for the value buffers below.
    @exclusivity(unchecked) private var expectedRows = 0
    /// Int64 values of int, date and timestamp columns. The value buffers are made when first
    /// used: a column fills one of them, and making all of them for every column of every chunk
    /// took a tenth of the csv fuzzer's time.
    private(set) lazy var integers = CSVGrowableBuffer<Int64>(expecting: expectedRows)
    /// Rows of an int column written `-0`: an integer has no negative zero, but the double the
    /// column may widen to has, and a cell read as a double keeps its sign.
    @exclusivity(unchecked) private(set) var negativeZeroRows: [Int] = []
    private(set) lazy var doubles = CSVGrowableBuffer<Double>(expecting: expectedRows)
    private(set) lazy var booleans = CSVGrowableBuffer<Bool>(expecting: expectedRows)
    private(set) lazy var codes = CSVGrowableBuffer<Int32>(expecting: expectedRows)
    /// One bit per row, set where the row has a value.
    let validWords = CSVGrowableBuffer<UInt64>()
    @exclusivity(unchecked) private(set) var nullCount = 0
    @exclusivity(unchecked) private(set) var dictionary: CSVTextDictionary?
    private lazy var scratch = CSVGrowableBuffer<UInt8>()
    /// Words read as null in a typed column; `nil` reads every non-empty cell as written.
    private let nullWords: CSVNullWords?
    /// A null word was seen while not text: it is the word itself if the column ends up text.
    @exclusivity(unchecked) private(set) var sawNullWord = false
    /// Cells read as null because they are null words: `(row, start, end)`, rows of the chunk.
    @exclusivity(unchecked) private(set) var nullWordCells: [(row: Int, start: Int, end: Int)] = []
    /// Whether a text cell that is not valid UTF-8 is recorded and read as null, instead of
    /// stopping the parse (which then tries another encoding).
    private let recordsInvalidText: Bool
    /// Text cells read as null because they are not valid UTF-8: `(row, start, end)`.
    @exclusivity(unchecked) private(set) var invalidTextCells: [(row: Int, start: Int, end: Int)] = []

    /// A builder inferring its type, or one forced to text (for a rescan).
    init(forceText: Bool = false, nullWords: CSVNullWords? = nil, recordsInvalidText: Bool = false) {
        kind = forceText ? .text : .unknown
        self.nullWords = forceText ? nil : nullWords
        self.recordsInvalidText = recordsInvalidText
        if forceText { dictionary = CSVTextDictionary() }
    }

    /// Whether the cell is a null word (only asked once the cell failed the column's type). Out of
    /// line: the append loops it sits in must stay small enough to inline.
    @inline(never)
    private func isNullWord(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, flags: UInt8) -> Bool {
        guard let nullWords, flags & CSVFieldBlock.escaped == 0 else { return false }
        return nullWords.matches(p, start, end)
    }

    /// Tells the buffers how many rows the chunk is expected to have, so they grow once. Asked
    /// before the first append, while the value buffers are still to be made.
    func expect(rows: Int) {
        expectedRows = rows
        validWords.expectedCount = (rows + 63) >> 6
    }

    /// Appends column `column` of every record in `block`.
    func append(_ block: CSVFieldBlock, column: Int, scanner: CSVScanner) throws(CSVFault) {
        let rows = block.rowCount
        guard rows > 0 else { return }
        // Validity bits for the new rows start clear; kernels set them.
        let neededWords = (rowCount &+ rows &+ 63) >> 6
        if neededWords > validWords.count {
            validWords.append(repeating: 0, count: neededWords &- validWords.count)
        }
        var row = 0
        while row < rows {
            switch kind {
            case .unknown: row = appendUnknown(block, column, scanner, from: row)
            case .int: row = appendInts(block, column, scanner, from: row)
            case .double: row = appendDoubles(block, column, scanner, from: row)
            case .bool: row = appendBools(block, column, scanner, from: row)
            case .date, .timestamp: row = appendTemporals(block, column, scanner, from: row)
            case .text: row = try appendTexts(block, column, scanner, from: row)
            case .demoted:
                rowCount &+= rows &- row
                row = rows
            }
        }
    }

    @inline(__always)
    private func setValid(_ row: Int) {
        validWords.base[row >> 6] |= 1 << UInt64(row & 63)
    }

    private func appendUnknown(_ block: CSVFieldBlock, _ column: Int, _ scanner: CSVScanner, from first: Int) -> Int {
        let n = block.columnCount
        for r in first..<block.rowCount {
            let cell = r &* n &+ column
            let start = block.starts[cell]
            let end = block.ends[cell]
            if start == end {
                if block.flags[cell] != 0 { sawQuotedEmpty = true }
                rowCount &+= 1
                nullCount &+= 1
                continue
            }
            if isNullWord(scanner.p, start, end, flags: block.flags[cell]) {
                sawNullWord = true
                nullWordCells.append((rowCount, start, end))
                rowCount &+= 1
                nullCount &+= 1
                continue
            }
            let newKind = classify(scanner.p, start, end, escaped: block.flags[cell] & CSVFieldBlock.escaped != 0)
            switch newKind {
            case .int, .date, .timestamp: integers.append(repeating: 0, count: rowCount)
            case .double: doubles.append(repeating: 0, count: rowCount)
            case .bool: booleans.append(repeating: false, count: rowCount)
            default:
                codes.append(repeating: -1, count: rowCount)
                dictionary = CSVTextDictionary()
                if sawQuotedEmpty || sawNullWord {
                    // Earlier quoted empties and null words were counted as nulls but are text.
                    kind = .demoted
                    rowCount &+= block.rowCount &- r
                    return block.rowCount
                }
            }
            kind = newKind
            return r
        }
        return block.rowCount
    }

    private func classify(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> CSVColumnKind {
        if escaped { return .text }
        switch CSVCellParsers.parseInt(p, start, end) {
        case .value: return .int
        case .overflow: return .double
        case .notInteger: break
        }
        if CSVCellParsers.parseDouble(p, start, end) != nil { return .double }
        if CSVCellParsers.parseBool(p, start, end) != nil { return .bool }
        if let t = CSVCellParsers.parseTemporal(p, start, end) { return t.hasTime ? .timestamp : .date }
        return .text
    }

    private func appendInts(_ block: CSVFieldBlock, _ column: Int, _ scanner: CSVScanner, from first: Int) -> Int {
        let n = block.columnCount
        let rows = block.rowCount
        integers.reserve(rows &- first)
        let out = integers.base + integers.count
        let p = scanner.p
        var r = first
        while r < rows {
            let cell = r &* n &+ column
            let start = block.starts[cell]
            let end = block.ends[cell]
            if start == end {
                out[r &- first] = 0
                nullCount &+= 1
                r &+= 1
                continue
            }
            switch CSVCellParsers.parseInt(p, start, end) {
            case .value(let v):
                out[r &- first] = v
                setValid(rowCount &+ r &- first)
                if v == 0 && CSVCellParsers.isNegative(p, start, end) { negativeZeroRows.append(rowCount &+ r &- first) }
                r &+= 1
            case .overflow, .notInteger:
                if isNullWord(p, start, end, flags: block.flags[cell]) {
                    out[r &- first] = 0
                    nullWordCells.append((rowCount &+ r &- first, start, end))
                    nullCount &+= 1
                    r &+= 1
                    continue
                }
                integers.count &+= r &- first
                rowCount &+= r &- first
                if block.flags[cell] & CSVFieldBlock.escaped == 0, CSVCellParsers.parseDouble(p, start, end) != nil {
                    widenToDouble()
                } else {
                    kind = .demoted
                }
                return r
            }
        }
        integers.count &+= r &- first
        rowCount &+= r &- first
        return r
    }

    /// Int64 → Double is correctly rounded, so a widened cell equals its text parsed as a double.
    private func widenToDouble() {
        let total = integers.count
        doubles.reserve(total)
        let from = integers.base
        let to = doubles.base
        for i in 0..<total { to[i] = Double(from[i]) }
        for row in negativeZeroRows { to[row] = -0.0 }
        negativeZeroRows = []
        doubles.count = total
        integers.count = 0
        kind = .double
    }

    private func appendDoubles(_ block: CSVFieldBlock, _ column: Int, _ scanner: CSVScanner, from first: Int) -> Int {
        let n = block.columnCount
        let rows = block.rowCount
        doubles.reserve(rows &- first)
        let out = doubles.base + doubles.count
        let p = scanner.p
        var r = first
        defer {
            doubles.count &+= r &- first
            rowCount &+= r &- first
        }
        while r < rows {
            let cell = r &* n &+ column
            let start = block.starts[cell]
            let end = block.ends[cell]
            if start == end {
                out[r &- first] = 0
                nullCount &+= 1
            } else if block.flags[cell] & CSVFieldBlock.escaped == 0, let v = CSVCellParsers.parseDouble(p, start, end) {
                out[r &- first] = v
                setValid(rowCount &+ r &- first)
            } else if isNullWord(p, start, end, flags: block.flags[cell]) {
                out[r &- first] = 0
                nullWordCells.append((rowCount &+ r &- first, start, end))
                nullCount &+= 1
            } else {
                kind = .demoted
                return r
            }
            r &+= 1
        }
        return r
    }

    private func appendBools(_ block: CSVFieldBlock, _ column: Int, _ scanner: CSVScanner, from first: Int) -> Int {
        let n = block.columnCount
        let rows = block.rowCount
        booleans.reserve(rows &- first)
        let out = booleans.base + booleans.count
        let p = scanner.p
        var r = first
        defer {
            booleans.count &+= r &- first
            rowCount &+= r &- first
        }
        while r < rows {
            let cell = r &* n &+ column
            let start = block.starts[cell]
            let end = block.ends[cell]
            if start == end {
                out[r &- first] = false
                nullCount &+= 1
            } else if let v = CSVCellParsers.parseBool(p, start, end) {
                out[r &- first] = v
                setValid(rowCount &+ r &- first)
            } else if isNullWord(p, start, end, flags: block.flags[cell]) {
                out[r &- first] = false
                nullWordCells.append((rowCount &+ r &- first, start, end))
                nullCount &+= 1
            } else {
                kind = .demoted
                return r
            }
            r &+= 1
        }
        return r
    }

    private func appendTemporals(_ block: CSVFieldBlock, _ column: Int, _ scanner: CSVScanner, from first: Int) -> Int {
        let n = block.columnCount
        let rows = block.rowCount
        integers.reserve(rows &- first)
        let out = integers.base + integers.count
        let p = scanner.p
        var r = first
        var hasTime = kind == .timestamp
        defer {
            integers.count &+= r &- first
            rowCount &+= r &- first
            if kind != .demoted { kind = hasTime ? .timestamp : .date }
        }
        while r < rows {
            let cell = r &* n &+ column
            let start = block.starts[cell]
            let end = block.ends[cell]
            if start == end {
                out[r &- first] = 0
                nullCount &+= 1
            } else if let t = CSVCellParsers.parseTemporal(p, start, end) {
                out[r &- first] = t.milliseconds
                hasTime = hasTime || t.hasTime
                setValid(rowCount &+ r &- first)
            } else if isNullWord(p, start, end, flags: block.flags[cell]) {
                out[r &- first] = 0
                nullWordCells.append((rowCount &+ r &- first, start, end))
                nullCount &+= 1
            } else {
                kind = .demoted
                return r
            }
            r &+= 1
        }
        return r
    }

    private func appendTexts(_ block: CSVFieldBlock, _ column: Int, _ scanner: CSVScanner, from first: Int) throws(CSVFault) -> Int {
        let n = block.columnCount
        let rows = block.rowCount
        codes.reserve(rows &- first)
        let out = codes.base + codes.count
        let p = scanner.p
        let dictionary = self.dictionary ?? CSVTextDictionary()
        self.dictionary = dictionary
        var r = first
        defer {
            codes.count &+= r &- first
            rowCount &+= r &- first
        }
        while r < rows {
            let cell = r &* n &+ column
            let start = block.starts[cell]
            let end = block.ends[cell]
            let flags = block.flags[cell]
            if start == end && flags == 0 {
                out[r &- first] = -1
                nullCount &+= 1
                r &+= 1
                continue
            }
            let code: Int32?
            if flags & CSVFieldBlock.escaped != 0 {
                let length = scanner.unescape(start, end, into: scratch)
                code = dictionary.code(scratch.base, length)
            } else {
                code = dictionary.code(p + start, end &- start)
            }
            guard let code else {
                guard recordsInvalidText else {
                    throw CSVFault(kind: .invalidUTF8, offset: flags == 0 ? start : start &- 1, field: column)
                }
                invalidTextCells.append((rowCount &+ r &- first, flags == 0 ? start : start &- 1, flags == 0 ? end : end &+ 1))
                out[r &- first] = -1
                nullCount &+= 1
                r &+= 1
                continue
            }
            out[r &- first] = code
            setValid(rowCount &+ r &- first)
            r &+= 1
        }
        return r
    }
}
