import KPICore

/// Turns byte offsets into 1-based line and character columns, only when an error is reported.
struct JSONSourcePosition {
    /// 1-based line.
    var line: Int
    /// 1-based column, in Unicode scalars (UTF-8 continuation bytes are not counted).
    var column: Int

    /// The position of byte `offset`; `origin` is where the text starts (after a byte-order mark).
    init(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, origin: Int) {
        var line = 1
        var lineStart = origin
        let end = min(offset, bytes.count)
        var i = origin
        while i < end {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var column = 1
        i = lineStart
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        self.line = line
        self.column = column
    }
}

extension JSONReader {
    /// An error at byte `offset`.
    func error(_ id: DiagnosticID, _ message: String, at offset: Int) -> DataError {
        let position = JSONSourcePosition(of: offset, in: bytes, origin: origin)
        return DataError(id: id, message: message, file: file, line: position.line, column: position.column)
    }

    /// "unexpected X; expected Y" at the current byte.
    func unexpected(expected: String) -> DataError {
        if pos < bytes.count, bytes[pos] >= 0x80, UTF8Validation.sequenceLength(bytes, at: pos) == nil {
            return error(
                .jsonInvalidUTF8, "invalid UTF-8 byte 0x\(String(bytes[pos], radix: 16, uppercase: true))",
                at: pos)
        }
        return error(.jsonSyntax, "unexpected \(describeByte(at: pos)); expected \(expected)", at: pos)
    }

    /// How the character at `offset` reads in a message.
    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        let byte = bytes[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 { return "U+\(hex4(UInt32(byte)))" }
        guard let length = UTF8Validation.sequenceLength(bytes, at: offset) else {
            return "byte 0x\(String(byte, radix: 16))"
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        return "'\(text)'"
    }

    /// What kind of value starts with `byte`, for "row 3 is a number" messages.
    static func kindOfValue(startingWith byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        case UInt8(ascii: "{"): return "an object"
        default: return nil
        }
    }
}

func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// UTF-8 well-formedness (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// The length of the well-formed sequence starting at `offset`, or `nil` if it is not one.
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int? {
        let lead = bytes[offset]
        if lead < 0x80 { return 1 }
        let remaining = bytes.count - offset
        @inline(__always) func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            k < remaining && bytes[offset + k] >= low && bytes[offset + k] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : nil
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : nil
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default:
            return nil
        }
    }
}
