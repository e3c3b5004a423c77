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

/// Field boundaries of a run of records, `columnCount` per record, row-major.
///
/// `starts`/`ends` are byte offsets of the content (inside the quotes for a quoted field);
/// `flags` has ``quoted`` and ``escaped`` (the content holds doubled quotes).
final class CSVFieldBlock {
    static let quoted: UInt8 = 1
    static let escaped: UInt8 = 2

    let columnCount: Int
    let rowCapacity: Int
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let flags: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var rowCount = 0

    init(columnCount: Int) {
        self.columnCount = columnCount
        // About 32k cells: the block's offsets stay in the L2 cache between the scan and the
        // per-column conversion passes.
        rowCapacity = max(16, 32_768 / max(columnCount, 1))
        let cells = rowCapacity * columnCount
        starts = .allocate(capacity: cells)
        ends = .allocate(capacity: cells)
        flags = .allocate(capacity: cells)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        flags.deallocate()
    }
}

/// The RFC 4180 record scanner over a padded byte buffer (see ``CSVInput``).
struct CSVScanner {
    let p: UnsafePointer<UInt8>
    /// The number of real bytes; `p[count]` is a `\n` sentinel.
    let count: Int
    let delimiter: UInt8

    /// Scans one field starting at `i`. Returns the content range, flags, and the offset of the
    /// terminator (the delimiter, or the `\n` ending the record, possibly the sentinel).
    @inline(__always)
    func scanField(at position: Int) throws(CSVFault) -> (start: Int, end: Int, flags: UInt8, terminator: Int) {
        var i = position
        let d = delimiter
        if p[i] == CSVByte.quote {
            let open = i
            var flags = CSVFieldBlock.quoted
            i &+= 1
            while true {
                guard i < count, let hit = memchr(p + i, Int32(CSVByte.quote), count &- i) else {
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
                    throw CSVFault(kind: .textAfterQuote, offset: q)
                }
                return (open &+ 1, q, flags, t)
            }
        }
        let start = i
        while true {
            let b = p[i]
            if b == d || b == CSVByte.lineFeed || b == CSVByte.quote { break }
            i &+= 1
        }
        if p[i] == CSVByte.quote { throw CSVFault(kind: .strayQuote, offset: i) }
        var end = i
        if p[i] == CSVByte.lineFeed && end > start && p[end &- 1] == CSVByte.carriageReturn { end &-= 1 }
        return (start, end, 0, i)
    }

    /// Skips empty lines (LF or CRLF) at `position` when a record cannot be empty.
    @inline(__always)
    func skipBlankLines(_ position: Int) -> Int {
        var i = position
        while i < count {
            if p[i] == CSVByte.lineFeed {
                i &+= 1
            } else if p[i] == CSVByte.carriageReturn && p[i &+ 1] == CSVByte.lineFeed && i &+ 1 < count {
                i &+= 2
            } else {
                break
            }
        }
        return i
    }

    /// Scans records starting before `limit` into `block` until it is full.
    /// Returns the offset after the last record scanned.
    func scanRecords(from position: Int, limit: Int, into block: CSVFieldBlock) throws(CSVFault) -> Int {
        let n = block.columnCount
        var pos = position
        var row = 0
        let skipBlank = n > 1
        while row < block.rowCapacity {
            if skipBlank { pos = skipBlankLines(pos) }
            guard pos < limit && pos < count else { break }
            let recordStart = pos
            var cell = row &* n
            var j = 0
            var extraStart = 0
            while true {
                let field: (start: Int, end: Int, flags: UInt8, terminator: Int)
                do {
                    field = try scanField(at: pos)
                } catch {
                    var located = error
                    located.field = j
                    throw located
                }
                if j < n {
                    block.starts[cell] = field.start
                    block.ends[cell] = field.end
                    block.flags[cell] = field.flags
                    cell &+= 1
                } else if j == n {
                    extraStart = pos
                }
                j &+= 1
                pos = field.terminator &+ 1
                if p[field.terminator] == delimiter { continue }
                break
            }
            if j != n {
                let offset = j > n ? extraStart : pos &- 1
                throw CSVFault(kind: .raggedRow(expected: n, actual: j, recordStart: recordStart), offset: offset)
            }
            row &+= 1
        }
        block.rowCount = row
        return pos
    }

    /// The fields of the record at `position` (for the header): content ranges and flags, and
    /// the offset after the record.
    func scanOneRecord(at position: Int) throws(CSVFault) -> (fields: [(start: Int, end: Int, flags: UInt8)], next: Int) {
        var fields: [(start: Int, end: Int, flags: UInt8)] = []
        var pos = position
        while true {
            let field: (start: Int, end: Int, flags: UInt8, terminator: Int)
            do {
                field = try scanField(at: pos)
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
}
