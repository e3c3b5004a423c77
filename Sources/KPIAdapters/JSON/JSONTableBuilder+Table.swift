import KPICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONTableBuilder {
    /// Builds the typed table once all rows are read; `reader` holds the buffer the cells point into.
    ///
    /// A number beyond ±1.8e308 (`1e400`) is a bad cell, as in CSV: null, and listed in the
    /// origin's cell issues; with `strict`, the load stops at the first one instead.
    func makeTable(reader: JSONReader, strict: Bool = false) throws(DataError) -> Table {
        let source = reader.bytes
        let file = reader.file
        let (columns, issues, firstOutOfRange) = arena.withUnsafeBufferPointer { arena in
            var issues: [CellIssue] = []
            var first: (offset: Int, column: String, text: String)?
            let columns = self.columns.enumerated().map { index, cells in
                var finisher = JSONColumnFinisher(cells: cells, source: source, arena: arena)
                let column = finisher.makeColumn()
                for (row, start) in finisher.outOfRange {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: source[start..<start + cells.counts[row]]), as: UTF8.self)
                    if first == nil { first = (start, cells.name, text) }
                    issues.append(CellIssue(row: row, column: index, kind: .notANumber, value: text, detail: JSONNumber.outOfRangeDetail))
                }
                return column
            }
            return (columns, issues, first)
        }
        if strict, let first = firstOutOfRange {
            throw reader.error(
                .jsonOutOfRange, "'\(first.column)' is \(first.text), \(JSONNumber.outOfRangeDetail)", at: first.offset)
        }
        var origin = TableOrigin(file: file, format: "json", encoding: .utf8, lines: lineMap(source))
        origin.columnNames = columns.map(\.name)
        origin.cellIssues = issues.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        return Table(name: name, columns: columns, rowCount: rowCount, source: file, origin: origin)
    }

    /// The line each row's object starts on: one pass counting line feeds up to each start.
    private func lineMap(_ source: UnsafeBufferPointer<UInt8>) -> LineMap? {
        guard let base = source.baseAddress, let first = rowStarts.first else { return nil }
        var line = 1
        var position = 0
        func advance(to offset: Int) {
            while position < offset, let hit = memchr(base + position, 0x0A, offset - position) {
                line += 1
                position = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
            }
            position = max(position, offset)
        }
        advance(to: first)
        var map = LineMap(firstLine: line)
        var expected = line + 1
        for (row, start) in rowStarts.enumerated().dropFirst() {
            advance(to: start)
            if line != expected { map.set(row: row, line: line) }
            expected = line + 1
        }
        // Rows packed onto shared lines (a one-line document): lines would point nowhere useful.
        return map.breakpointCount * 2 > rowStarts.count + 2 ? nil : map
    }
}

/// Decides a column's type from the tags it saw, widening instead of failing, and converts its cells.
///
/// | tags seen (nulls aside)          | type |
/// |----------------------------------|------|
/// | none                             | text, all null |
/// | int                              | int |
/// | int, double                      | double |
/// | true, false                      | bool |
/// | strings, all ISO-8601 dates       | date |
/// | strings, all ISO-8601 (some times)| timestamp |
/// | anything else                    | text; numbers, booleans and arrays as their JSON text |
struct JSONColumnFinisher {
    let cells: JSONCellColumn
    let source: UnsafeBufferPointer<UInt8>
    let arena: UnsafeBufferPointer<UInt8>
    /// The rows (and where their text starts) of numbers beyond ±1.8e308, read as null.
    private(set) var outOfRange: [(row: Int, start: Int)] = []

    private static let integers = JSONCellTag.int.bit
    private static let numbers = JSONCellTag.int.bit | JSONCellTag.double.bit
    private static let booleans = JSONCellTag.true.bit | JSONCellTag.false.bit
    private static let strings = JSONCellTag.string.bit | JSONCellTag.decodedString.bit

    mutating func makeColumn() -> Column {
        let kinds = cells.seen & ~JSONCellTag.null.bit
        var validity = makeValidity()
        let data: ColumnData
        if kinds == 0 {
            data = .text(codes: ContiguousArray(repeating: -1, count: cells.tags.count), dictionary: [])
        } else if kinds & ~Self.integers == 0 {
            data = .int(makeIntegers())
        } else if kinds & ~Self.numbers == 0 {
            data = .double(makeDoubles())
            if !outOfRange.isEmpty {
                var valid = validity ?? Bitmap(count: cells.tags.count, allSet: true)
                for cell in outOfRange { valid[cell.row] = false }
                validity = valid
            }
        } else if kinds & ~Self.booleans == 0 {
            data = .bool(ContiguousArray(cells.tags.lazy.map { $0 == JSONCellTag.true.rawValue }))
        } else if kinds & ~Self.strings == 0, let temporal = makeTemporal() {
            data = temporal
        } else {
            data = makeText()
        }
        return Column(name: cells.name, data: data, validity: validity)
    }

    private func makeValidity() -> Bitmap? {
        guard cells.seen & JSONCellTag.null.bit != 0 else { return nil }
        var validity = Bitmap(count: cells.tags.count, allSet: true)
        for (row, tag) in cells.tags.enumerated() where tag == JSONCellTag.null.rawValue {
            validity[row] = false
        }
        return validity
    }

    private func makeIntegers() -> ContiguousArray<Int64> {
        var out = ContiguousArray<Int64>(repeating: 0, count: cells.tags.count)
        for row in 0..<cells.tags.count where cells.tags[row] == JSONCellTag.int.rawValue {
            let start = cells.starts[row]
            out[row] = JSONNumber.int64(source, from: start, to: start + cells.counts[row])
        }
        return out
    }

    private mutating func makeDoubles() -> ContiguousArray<Double> {
        var out = ContiguousArray<Double>(repeating: 0, count: cells.tags.count)
        for row in 0..<cells.tags.count where cells.tags[row] != JSONCellTag.null.rawValue {
            let start = cells.starts[row]
            let value = JSONNumber.double(source, from: start, to: start + cells.counts[row])
            // 1e400 parses to infinity, which every sum and maximum over it would become.
            if value.isFinite { out[row] = value } else { outOfRange.append((row, start)) }
        }
        return out
    }

    /// The bytes a string cell's text lives in.
    @inline(__always) private func buffer(for tag: UInt8) -> UnsafeBufferPointer<UInt8> {
        tag == JSONCellTag.decodedString.rawValue ? arena : source
    }

    /// Dates if every string is an ISO-8601 date, timestamps if every one is a date or timestamp.
    private func makeTemporal() -> ColumnData? {
        var out = ContiguousArray<Int64>(repeating: 0, count: cells.tags.count)
        var hasTime = false
        for row in 0..<cells.tags.count {
            let tag = cells.tags[row]
            if tag == JSONCellTag.null.rawValue { continue }
            let start = cells.starts[row]
            guard let parsed = ISO8601.parse(buffer(for: tag), from: start, to: start + cells.counts[row]) else {
                return nil
            }
            out[row] = parsed.milliseconds
            hasTime = hasTime || parsed.hasTime
        }
        return hasTime ? .timestamp(out) : .date(out)
    }

    private func makeText() -> ColumnData {
        var interner = ByteTextInterner()
        var codes = ContiguousArray<Int32>(repeating: -1, count: cells.tags.count)
        var trueCode: Int32?
        var falseCode: Int32?
        for row in 0..<cells.tags.count {
            let tag = cells.tags[row]
            switch tag {
            case JSONCellTag.null.rawValue:
                continue
            case JSONCellTag.true.rawValue:
                if trueCode == nil { trueCode = interner.code(for: "true") }
                codes[row] = trueCode ?? -1
            case JSONCellTag.false.rawValue:
                if falseCode == nil { falseCode = interner.code(for: "false") }
                codes[row] = falseCode ?? -1
            default:
                let bytes = buffer(for: tag)
                codes[row] = interner.code(bytes.baseAddress.map { $0 + cells.starts[row] }, count: cells.counts[row])
            }
        }
        return .text(codes: codes, dictionary: interner.dictionary)
    }
}
