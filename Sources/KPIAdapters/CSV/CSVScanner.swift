import KPICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem found while scanning, located by byte offset; turned into a ``DataError`` with
/// line and column only when reported, so the hot loop never counts lines.
struct CSVFault: Error {
    enum Kind {
        case unterminatedQuote
        case strayQuote
        case textAfterQuote
        case raggedRow(expected: Int, actual: Int, recordStart: Int)
        case invalidUTF8
    }

    var kind: Kind
    /// The byte offset the column points at.
    var offset: Int
    /// The 0-based field index within its record, where known.
    var field: Int? = nil
}

/// A cell the lenient scanner could not read as written: recorded with the bytes it held, and
/// handed to the column builders as an empty (null) cell.
struct CSVRawIssue {
    /// The row within its block (then its chunk).
    var row: Int
    /// The 0-based field index.
    var column: Int
    var kind: CellIssue.Kind
    /// The cell's bytes as they are in the file (quotes included).
    var start: Int
    var end: Int
    var detail: String? = nil
}

/// Field boundaries of a run of records, `columnCount` per record, row-major.
///
/// `starts`/`ends` are byte offsets of the content (inside the quotes for a quoted field);
/// `flags` has ``quoted`` and ``escaped`` (the content holds doubled quotes). `rowLines` holds
/// each record's first line, counted from the line its chunk starts on.
final class CSVFieldBlock {
    static let quoted: UInt8 = 1
    static let escaped: UInt8 = 2
    /// Set by ``CSVScanner/scanField(at:newlines:)`` on a field the lenient scanner read past a
    /// quoting error; bits 3–4 say which (see ``CSVScanner``). Never stored in ``flags``.
    static let bad: UInt8 = 4

    let columnCount: Int
    let rowCapacity: Int
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let flags: UnsafeMutablePointer<UInt8>
    let rowLines: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) var rowCount = 0
    /// The line the next record starts on, relative to the chunk's first line.
    @exclusivity(unchecked) var nextLine = 0
    /// Cells of this block's rows read as null by the lenient scanner.
    @exclusivity(unchecked) var issues: [CSVRawIssue] = []
    /// Records not read as data: `(relative line, reason, start, end)`.
    @exclusivity(unchecked) var skipped: [(line: Int, reason: SkippedRow.Reason, start: Int, end: Int)] = []
    /// Blank lines skipped (`\n` alone), counted only.
    @exclusivity(unchecked) var blankLines = 0

    /// A block for the records of a stretch of `bytes` bytes.
    init(columnCount: Int, bytes: Int = .max) {
        self.columnCount = columnCount
        // About 32k cells: the block's offsets stay in the L2 cache between the scan and the
        // per-column conversion passes. A short stretch (a small file, a rescan of a small chunk)
        // gets about what it can fill: a whole record takes a byte per field (its delimiters and
        // line end), so `bytes / columnCount` rows. Sized by one byte per record, a 6 kB file of
        // 10 columns took 0.5 MB per block, fresh pages for every parse. Short records only fill
        // the block sooner: the scan then takes another.
        let columns = max(columnCount, 1)
        rowCapacity = max(16, min(32_768 / columns, bytes / columns &+ 1))
        let cells = rowCapacity * columnCount
        starts = .allocate(capacity: cells)
        ends = .allocate(capacity: cells)
        flags = .allocate(capacity: cells)
        rowLines = .allocate(capacity: rowCapacity)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        flags.deallocate()
        rowLines.deallocate()
    }
}

/// The header's field contents, to recognise a repeated header row among the data.
struct CSVHeaderBytes {
    /// The bytes of every header name (unescaped), one after another: one buffer, not an array
    /// per name, for a header may have a million.
    let bytes: [UInt8]
    /// Where each name starts in `bytes`, and where the last ends.
    let offsets: [Int]
    /// The first name's length and first byte: every record is checked against them, so the
    /// check must cost next to nothing on the records that are data.
    let firstLength: Int
    let firstByte: UInt8

    init(bytes: [UInt8], offsets: [Int]) {
        self.bytes = bytes
        self.offsets = offsets
        firstLength = offsets.count > 1 ? offsets[1] - offsets[0] : -1
        firstByte = offsets.count > 1 && offsets[1] > offsets[0] ? bytes[offsets[0]] : 0
    }

    /// Whether the record's fields in `block` at `row` equal the header, field by field.
    func matches(_ block: CSVFieldBlock, row: Int, p: UnsafePointer<UInt8>) -> Bool {
        let n = block.columnCount
        let base = row &* n
        let length = block.ends[base] &- block.starts[base]
        guard length == firstLength, length == 0 || p[block.starts[base]] == firstByte else { return false }
        guard offsets.count == n + 1, n > 1 else { return false }
        return bytes.withUnsafeBufferPointer { names in
            for j in 0..<n {
                let cell = base &+ j
                let length = block.ends[cell] &- block.starts[cell]
                guard length == offsets[j + 1] &- offsets[j], block.flags[cell] & CSVFieldBlock.escaped == 0 else { return false }
                if length > 0 && memcmp(p + block.starts[cell], names.baseAddress! + offsets[j], length) != 0 { return false }
            }
            return true
        }
    }
}

/// The RFC 4180 record scanner over a padded byte buffer (see ``CSVInput``).
///
/// Strict, it throws a ``CSVFault`` at the first malformed field or record. Lenient (the
/// default for loading), it reads past them: a stray quote, text after a closing quote or a quote
/// never closed leaves that one field null and recorded; a record with fewer fields than the
/// header gets nulls for the rest, one with more has the extra ones recorded and dropped. Blank
/// records (only delimiters) and repeated header rows are skipped and recorded, never read as
/// data.
struct CSVScanner {
    let p: UnsafePointer<UInt8>
    /// The number of real bytes; `p[count]` is a `\n` sentinel.
    let count: Int
    let delimiter: UInt8
    /// Whether malformed fields and records are read past (recorded) instead of thrown.
    var lenient = false
    /// The header, to skip it where it repeats; `nil` while reading the header itself.
    var header: CSVHeaderBytes? = nil

    /// The issue kinds a bad field carries in its flags, bits 3–4.
    private static let badKinds: [CellIssue.Kind] = [.strayQuote, .textAfterQuote, .unterminatedQuote]

    /// The issue kind of a field whose flags have ``CSVFieldBlock/bad``.
    static func badKind(_ flags: UInt8) -> CellIssue.Kind { badKinds[Int(flags >> 3) & 3] }

    /// Scans one field starting at `position`. Returns the content range, flags, and the offset
    /// of the terminator (the delimiter, or the `\n` ending the record, possibly the sentinel);
    /// adds to `newlines` the line feeds inside a quoted field. A lenient scan returns a field it
    /// read past an error with ``CSVFieldBlock/bad`` set and the field's whole raw range.
    @inline(__always)
    func scanField(at position: Int, newlines: inout Int) throws(CSVFault) -> (start: Int, end: Int, flags: UInt8, terminator: Int) {
        var i = position
        let d = delimiter
        if p[i] == CSVByte.quote {
            let open = i
            var flags = CSVFieldBlock.quoted
            i &+= 1
            while true {
                guard i < count, let hit = memchr(p + i, Int32(CSVByte.quote), count &- i) else {
                    if lenient { return rawField(from: open, through: open &+ 1, kind: 2, newlines: &newlines) }
                    throw CSVFault(kind: .unterminatedQuote, offset: open)
                }
                let q = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
                if q &+ 1 < count && p[q &+ 1] == CSVByte.quote {
                    flags |= CSVFieldBlock.escaped
                    i = q &+ 2
                    continue
                }
                var t = q &+ 1
                let b = p[t]
                if b == CSVByte.carriageReturn && p[t &+ 1] == CSVByte.lineFeed && t < count {
                    t &+= 1
                } else if b != d && b != CSVByte.lineFeed {
                    if lenient { return rawField(from: open, through: q &+ 1, kind: 1, newlines: &newlines) }
                    throw CSVFault(kind: .textAfterQuote, offset: q)
                }
                newlines &+= lineFeeds(from: open &+ 1, to: q)
                return (open &+ 1, q, flags, t)
            }
        }
        let start = i
        while true {
            let b = p[i]
            if b == d || b == CSVByte.lineFeed || b == CSVByte.quote { break }
            i &+= 1
        }
        if p[i] == CSVByte.quote {
            if lenient { return rawField(from: start, through: i, kind: 0, newlines: &newlines) }
            throw CSVFault(kind: .strayQuote, offset: i)
        }
        var end = i
        if p[i] == CSVByte.lineFeed && end > start && p[end &- 1] == CSVByte.carriageReturn { end &-= 1 }
        return (start, end, 0, i)
    }

    /// A field read past a quoting error: from `start`, quotes taken literally, up to the next
    /// delimiter or line end at or after `resume`. Out of line: it is rare, and inlined it would
    /// keep ``scanField(at:newlines:)`` out of the record loop.
    @inline(never)
    private func rawField(
        from start: Int, through resume: Int, kind: UInt8, newlines: inout Int
    )
        -> (start: Int, end: Int, flags: UInt8, terminator: Int)
    {
        newlines &+= lineFeeds(from: start, to: resume)
        var i = resume
        while p[i] != delimiter && p[i] != CSVByte.lineFeed { i &+= 1 }
        var end = i
        if p[i] == CSVByte.lineFeed && end > start && p[end &- 1] == CSVByte.carriageReturn { end &-= 1 }
        return (start, end, CSVFieldBlock.bad | kind << 3, i)
    }

    /// The line feeds in `[from, to)` (inside a quoted field: rare and short). Out of line, so
    /// that ``scanField(at:newlines:)`` stays small enough to inline into the record loop.
    @inline(never)
    func lineFeeds(from: Int, to: Int) -> Int {
        var n = 0
        var i = from
        while i < to, let hit = memchr(p + i, Int32(CSVByte.lineFeed), to &- i) {
            n &+= 1
            i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p &+ 1
        }
        return n
    }

    /// Skips empty lines (LF or CRLF) at `position` when a record cannot be empty; returns the
    /// new position and how many lines it skipped.
    @inline(__always)
    func skipBlankLines(_ position: Int) -> (position: Int, lines: Int) {
        var i = position
        var lines = 0
        while i < count {
            if p[i] == CSVByte.lineFeed {
                i &+= 1
            } else if p[i] == CSVByte.carriageReturn && p[i &+ 1] == CSVByte.lineFeed && i &+ 1 < count {
                i &+= 2
            } else {
                break
            }
            lines &+= 1
        }
        return (i, lines)
    }

    /// Scans records starting before `limit` into `block` until it is full.
    /// Returns the offset after the last record scanned. On a fault, `block.rowCount` counts the
    /// records before the faulty one, so their cells can still be checked (``CSVFirstFault``).
    func scanRecords(from position: Int, limit: Int, into block: CSVFieldBlock) throws(CSVFault) -> Int {
        let n = block.columnCount
        var pos = position
        var row = 0
        var line = block.nextLine
        let skipBlank = n > 1
        block.issues.removeAll(keepingCapacity: true)
        block.skipped.removeAll(keepingCapacity: true)
        // Hoisted so that the per-record checks for junk touch no array and retain nothing.
        let headerFirstLength = header?.firstLength ?? -1
        let headerFirstByte = header?.firstByte ?? 0
        while row < block.rowCapacity {
            if skipBlank {
                // Blank lines count where the record after them starts: the next chunk's, past the limit.
                let skipped = skipBlankLines(pos)
                guard skipped.position < limit && skipped.position < count else { break }
                pos = skipped.position
                line &+= skipped.lines
                block.blankLines &+= skipped.lines
            }
            guard pos < limit && pos < count else { break }
            let recordStart = pos
            let cellBase = row &* n
            var cell = cellBase
            var j = 0
            var extraStart = 0
            var newlines = 0
            var recordHasIssue = false
            while true {
                let field: (start: Int, end: Int, flags: UInt8, terminator: Int)
                do {
                    field = try scanField(at: pos, newlines: &newlines)
                } catch {
                    var located = error
                    located.field = j
                    block.rowCount = row
                    throw located
                }
                if j < n {
                    if field.flags & CSVFieldBlock.bad != 0 {
                        recordHasIssue = true
                        block.issues.append(
                            CSVRawIssue(row: row, column: j, kind: CSVScanner.badKind(field.flags), start: field.start, end: field.end))
                        block.starts[cell] = field.start
                        block.ends[cell] = field.start
                        block.flags[cell] = 0
                    } else {
                        block.starts[cell] = field.start
                        block.ends[cell] = field.end
                        block.flags[cell] = field.flags
                    }
                    cell &+= 1
                } else if j == n {
                    extraStart = pos
                }
                j &+= 1
                pos = field.terminator &+ 1
                if p[field.terminator] == delimiter { continue }
                break
            }
            let recordLine = line
            line &+= 1 &+ newlines
            if j != n {
                let offset = j > n ? extraStart : pos &- 1
                guard lenient else {
                    block.rowCount = row
                    throw CSVFault(kind: .raggedRow(expected: n, actual: j, recordStart: recordStart), offset: offset)
                }
                recordHasIssue = true
                if j < n {
                    for k in j..<n {
                        block.starts[cellBase &+ k] = pos &- 1
                        block.ends[cellBase &+ k] = pos &- 1
                        block.flags[cellBase &+ k] = 0
                    }
                    block.issues.append(
                        CSVRawIssue(
                            row: row, column: j, kind: .missingField, start: pos &- 1, end: pos &- 1,
                            detail: "the row has \(j) of the header's \(n) fields"))
                } else {
                    var end = pos &- 1
                    if end > extraStart && p[end &- 1] == CSVByte.carriageReturn { end &-= 1 }
                    block.issues.append(
                        CSVRawIssue(
                            row: row, column: n, kind: .extraFields, start: extraStart, end: end,
                            detail: "the row has \(j) fields, the header \(n); the extra ones are not read"))
                }
            }
            if skipBlank && !recordHasIssue {
                // A record of empty fields only (`,,,,`), or the header again: not data.
                var reason: SkippedRow.Reason?
                let firstLength = block.ends[cellBase] &- block.starts[cellBase]
                if firstLength == 0 && isEmptyRecord(block, cellBase: cellBase) {
                    reason = .blank
                } else if firstLength == headerFirstLength, firstLength == 0 || p[block.starts[cellBase]] == headerFirstByte,
                    header?.matches(block, row: row, p: p) == true
                {
                    reason = .repeatedHeader
                }
                if let reason {
                    block.skipped.append((recordLine, reason, recordStart, pos &- 1))
                    continue
                }
            }
            block.rowLines[row] = recordLine
            row &+= 1
        }
        block.rowCount = row
        block.nextLine = line
        return pos
    }

    /// Whether every field of the record at `cellBase` is empty (or spaces only) and unquoted.
    private func isEmptyRecord(_ block: CSVFieldBlock, cellBase: Int) -> Bool {
        for k in 0..<block.columnCount {
            let cell = cellBase &+ k
            guard block.flags[cell] == 0 else { return false }
            var s = block.starts[cell]
            let e = block.ends[cell]
            while s < e && (p[s] == CSVByte.space || p[s] == CSVByte.tab) { s &+= 1 }
            if s != e { return false }
        }
        return true
    }

    /// The fields of the record at `position` (for the header and junk detection): content
    /// ranges and flags, and the offset after the record.
    func scanOneRecord(at position: Int) throws(CSVFault) -> (fields: [(start: Int, end: Int, flags: UInt8)], next: Int) {
        var fields: [(start: Int, end: Int, flags: UInt8)] = []
        // The footer search reads every record of a small file this way: growing from empty took
        // four allocations per record.
        fields.reserveCapacity(16)
        var pos = position
        var newlines = 0
        while true {
            let field: (start: Int, end: Int, flags: UInt8, terminator: Int)
            do {
                field = try scanField(at: pos, newlines: &newlines)
            } catch {
                var located = error
                located.field = fields.count
                throw located
            }
            fields.append((field.start, field.end, field.flags))
            pos = field.terminator &+ 1
            if p[field.terminator] != delimiter { break }
        }
        return (fields, pos)
    }

    /// The content of a field with doubled quotes collapsed, into `scratch` (padded by 8 bytes
    /// for hashing). Returns the length.
    @inline(__always)
    func unescape(_ start: Int, _ end: Int, into scratch: CSVGrowableBuffer<UInt8>) -> Int {
        scratch.count = 0
        scratch.reserve(end &- start &+ 8)
        let out = scratch.base
        var n = 0
        var i = start
        while i < end {
            out[n] = p[i]
            n &+= 1
            i &+= p[i] == CSVByte.quote ? 2 : 1
        }
        (out + n).update(repeating: 0, count: 8)
        return n
    }

    /// A field's text as written, for messages and issue lists (invalid UTF-8 shown as U+FFFD).
    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + start, count: max(0, end - start)), as: UTF8.self)
    }
}
