import KPICore

/// Where a scanned string's bytes are: in the source (no escapes) or decoded into an arena.
struct JSONSpan {
    /// Whether the bytes were decoded into the arena because the string had escapes.
    var isDecoded: Bool
    /// The first byte.
    var start: Int
    /// The number of bytes.
    var count: Int
}

/// A byte-level JSON scanner that feeds rows straight into ``JSONTableBuilder``s.
///
/// It never builds a tree: strings without escapes and numbers stay byte ranges of the source
/// and are converted once, by column, when the final column type is known. The reader borrows
/// `bytes`, so it lives only inside the `withUnsafeBytes` call that made it.
struct JSONReader {
    /// Objects and arrays nested deeper than this are rejected, so recursion cannot exhaust the stack.
    static let maxDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    /// The file label for errors.
    let file: String
    /// The first byte of text (3 when the file starts with a UTF-8 byte-order mark).
    let origin: Int
    /// The current byte offset.
    var pos: Int
    /// Decoded strings nobody keeps (keys of skipped values, strings inside arrays).
    private var scratch = ContiguousArray<UInt8>()

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        origin = hasBOM ? 3 : 0
        pos = origin
    }

    /// The current byte, or 0 at the end (0 is never valid outside strings, so it only ends loops).
    @inline(__always) var current: UInt8 { pos < bytes.count ? bytes[pos] : 0 }

    /// Whether the whole input has been read.
    var isAtEnd: Bool { pos >= bytes.count }

    @inline(__always) mutating func skipWhitespace() {
        while pos < bytes.count {
            let b = bytes[pos]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    /// Skips spaces, tabs and carriage returns, but not newlines (NDJSON's row separator).
    @inline(__always) mutating func skipInlineWhitespace() {
        while pos < bytes.count {
            let b = bytes[pos]
            guard b == 0x20 || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    // MARK: - Rows

    /// Reads one row object at `pos` into `table`; `index` (0-based) names the row in messages.
    mutating func readRow(into table: inout JSONTableBuilder, index: Int) throws {
        guard current == UInt8(ascii: "{") else { throw notARow(index: index) }
        table.rowStarts.append(pos)
        table.beginRow()
        try readMembers(into: &table, depth: 1)
        table.endRow()
    }

    /// The error for a row at `pos` that is not an object.
    func notARow(index: Int) -> DataError {
        guard let kind = Self.kindOfValue(startingWith: current) else { return unexpected(expected: "an object") }
        return error(.jsonNotAnObject, "row \(index + 1) is \(kind), not an object", at: pos)
    }

    /// Reads the members of the object at `pos` (its `{`), flattening nested objects into dotted names.
    private mutating func readMembers(into table: inout JSONTableBuilder, depth: Int) throws {
        guard depth <= Self.maxDepth else {
            throw error(.jsonTooDeep, "objects and arrays are nested more than \(Self.maxDepth) deep", at: pos)
        }
        pos += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            pos += 1
            return
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw unexpected(expected: "a key in double quotes") }
            let keyStart = pos
            let key = try readString(into: &table.arena)
            let restore = table.pushKey(key, source: bytes)
            try expectColon()
            try readMemberValue(into: &table, depth: depth, keyStart: keyStart)
            table.popKey(to: restore)
            if try !afterElement(closing: UInt8(ascii: "}")) { return }
        }
    }

    private mutating func readMemberValue(into table: inout JSONTableBuilder, depth: Int, keyStart: Int) throws {
        let start = pos
        let tag: JSONCellTag
        var length = 0
        switch current {
        case UInt8(ascii: "\""):
            let span = try readString(into: &table.arena)
            tag = span.isDecoded ? .decodedString : .string
            guard table.setCell(tag, start: span.start, count: span.count) else {
                throw duplicateKey(table, at: keyStart)
            }
            return
        case UInt8(ascii: "{"):
            try readMembers(into: &table, depth: depth + 1)
            return
        case UInt8(ascii: "["):
            try skipValue(depth: depth + 1)
            tag = .array
            length = pos - start
        case UInt8(ascii: "t"):
            try readLiteral("true")
            tag = .true
        case UInt8(ascii: "f"):
            try readLiteral("false")
            tag = .false
        case UInt8(ascii: "n"):
            try readLiteral("null")
            tag = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            tag = try readNumber() ? .int : .double
            length = pos - start
        default:
            throw unexpected(expected: "a value")
        }
        guard table.setCell(tag, start: start, count: length) else { throw duplicateKey(table, at: keyStart) }
    }

    private func duplicateKey(_ table: JSONTableBuilder, at offset: Int) -> DataError {
        error(.jsonDuplicateKey, "key '\(table.currentName)' appears twice in this row", at: offset)
    }

    /// After an element of an array or object: consumes a `,` (returns true: another element
    /// follows) or the closing bracket (returns false); a comma right before the bracket is a
    /// trailing-comma error, anything else an unexpected token.
    @inline(__always) mutating func afterElement(closing: UInt8) throws -> Bool {
        skipWhitespace()
        if current == UInt8(ascii: ",") {
            let comma = pos
            pos += 1
            skipWhitespace()
            if current == closing { throw trailingComma(at: comma, closing: String(UnicodeScalar(closing))) }
            return true
        }
        if current == closing {
            pos += 1
            return false
        }
        throw unexpected(expected: "',' or '\(String(UnicodeScalar(closing)))'")
    }

    func trailingComma(at offset: Int, closing: String) -> DataError {
        error(.jsonTrailingComma, "trailing comma before '\(closing)'", at: offset)
    }

    mutating func expectColon() throws {
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw unexpected(expected: "':' after the key") }
        pos += 1
        skipWhitespace()
    }

    // MARK: - Values

    /// Validates and skips any value at `pos`.
    mutating func skipValue(depth: Int) throws {
        guard depth <= Self.maxDepth else {
            throw error(.jsonTooDeep, "objects and arrays are nested more than \(Self.maxDepth) deep", at: pos)
        }
        switch current {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "t"): try readLiteral("true")
        case UInt8(ascii: "f"): try readLiteral("false")
        case UInt8(ascii: "n"): try readLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try readNumber()
        case UInt8(ascii: "["): try skipContainer(close: UInt8(ascii: "]"), depth: depth, hasKeys: false)
        case UInt8(ascii: "{"): try skipContainer(close: UInt8(ascii: "}"), depth: depth, hasKeys: true)
        default: throw unexpected(expected: "a value")
        }
    }

    private mutating func skipContainer(close: UInt8, depth: Int, hasKeys: Bool) throws {
        pos += 1
        skipWhitespace()
        if current == close {
            pos += 1
            return
        }
        while true {
            if hasKeys {
                guard current == UInt8(ascii: "\"") else { throw unexpected(expected: "a key in double quotes") }
                try skipString()
                try expectColon()
            }
            try skipValue(depth: depth + 1)
            if try !afterElement(closing: close) { return }
        }
    }

    /// Validates a string nobody keeps, decoding its escapes into the reused scratch buffer.
    private mutating func skipString() throws {
        var buffer = ContiguousArray<UInt8>()
        swap(&buffer, &scratch)
        defer {
            buffer.removeAll(keepingCapacity: true)
            swap(&buffer, &scratch)
        }
        _ = try readString(into: &buffer)
    }

    mutating func readLiteral(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let start = pos
        let matches = word.withUTF8Buffer { expected -> Bool in
            guard pos + count <= bytes.count else { return false }
            for k in 0..<count where bytes[pos + k] != expected[k] { return false }
            return true
        }
        guard matches else {
            var end = pos
            while end < bytes.count, end - pos < 12, (bytes[end] | 0x20) >= UInt8(ascii: "a"),
                (bytes[end] | 0x20) <= UInt8(ascii: "z")
            {
                end += 1
            }
            let found = String(decoding: UnsafeBufferPointer(rebasing: bytes[pos..<max(end, pos + 1)]), as: UTF8.self)
            throw error(.jsonSyntax, "unexpected '\(found)'; expected a value such as \(word)", at: start)
        }
        pos += count
    }

    /// Scans a number at `pos`; returns whether it is an integer that fits `Int64`.
    mutating func readNumber() throws -> Bool {
        let start = pos
        let negative = current == UInt8(ascii: "-")
        if negative { pos += 1 }
        guard isDigit(current) else {
            throw error(.jsonInvalidNumber, "'-' must be followed by a digit", at: start)
        }
        var isInteger = true
        var magnitude: UInt64 = 0
        var overflow = false
        if current == UInt8(ascii: "0") {
            pos += 1
            if isDigit(current) {
                throw error(.jsonInvalidNumber, "numbers cannot have leading zeros", at: start)
            }
        } else {
            while isDigit(current) {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(current &- 48))
                overflow = overflow || o1 || o2
                magnitude = sum
                pos += 1
            }
        }
        if current == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard isDigit(current) else {
                throw error(.jsonInvalidNumber, "a decimal point must be followed by a digit", at: start)
            }
            while isDigit(current) { pos += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { pos += 1 }
            guard isDigit(current) else {
                throw error(.jsonInvalidNumber, "an exponent must have digits", at: start)
            }
            while isDigit(current) { pos += 1 }
        }
        guard isInteger, !overflow else { return false }
        return negative ? magnitude <= UInt64(Int64.max) + 1 : magnitude <= UInt64(Int64.max)
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }
}
