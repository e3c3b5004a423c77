import KPICore

extension JSONReader {
    /// Scans the string at `pos` (its opening quote), validating UTF-8.
    ///
    /// A string without escapes is returned as a range of the source; one with escapes is decoded
    /// into `arena` and returned as a range of that.
    mutating func readString(into arena: inout ContiguousArray<UInt8>) throws -> JSONSpan {
        let open = pos
        pos += 1
        let contentStart = pos
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                return JSONSpan(isDecoded: false, start: contentStart, count: pos - 1 - contentStart)
            }
            if b == UInt8(ascii: "\\") {
                let arenaStart = arena.count
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<pos]))
                try decodeRest(into: &arena, open: open)
                return JSONSpan(isDecoded: true, start: arenaStart, count: arena.count - arenaStart)
            }
            if b < 0x20 { throw badControl(open: open) }
            if b < 0x80 {
                pos += 1
            } else {
                pos += try utf8Length()
            }
        }
        throw unterminated(open: open)
    }

    /// Decodes from the first backslash to the closing quote, appending to `arena`.
    private mutating func decodeRest(into arena: inout ContiguousArray<UInt8>, open: Int) throws {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                return
            }
            if b == UInt8(ascii: "\\") {
                try decodeEscape(into: &arena, open: open)
                continue
            }
            if b < 0x20 { throw badControl(open: open) }
            if b < 0x80 {
                arena.append(b)
                pos += 1
            } else {
                let length = try utf8Length()
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pos..<pos + length]))
                pos += length
            }
        }
        throw unterminated(open: open)
    }

    private mutating func decodeEscape(into arena: inout ContiguousArray<UInt8>, open: Int) throws {
        let backslash = pos
        pos += 1
        guard pos < bytes.count else { throw unterminated(open: open) }
        let e = bytes[pos]
        pos += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): arena.append(e)
        case UInt8(ascii: "b"): arena.append(0x08)
        case UInt8(ascii: "f"): arena.append(0x0C)
        case UInt8(ascii: "n"): arena.append(0x0A)
        case UInt8(ascii: "r"): arena.append(0x0D)
        case UInt8(ascii: "t"): arena.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hexUnit(escapeAt: backslash)
            var scalar = unit
            if unit >= 0xD800 && unit <= 0xDBFF {
                let low = pos
                guard low + 1 < bytes.count, bytes[low] == UInt8(ascii: "\\"), bytes[low + 1] == UInt8(ascii: "u")
                else {
                    throw error(
                        .jsonInvalidEscape, "high surrogate \\u\(hex4(unit)) is not followed by a low surrogate",
                        at: backslash)
                }
                pos += 2
                let second = try hexUnit(escapeAt: low)
                guard second >= 0xDC00 && second <= 0xDFFF else {
                    throw error(
                        .jsonInvalidEscape, "high surrogate \\u\(hex4(unit)) is not followed by a low surrogate",
                        at: backslash)
                }
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (second - 0xDC00)
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw error(
                    .jsonInvalidEscape, "low surrogate \\u\(hex4(unit)) without a high surrogate before it",
                    at: backslash)
            }
            UTF8Writing.append(scalar, to: &arena)
        default:
            pos = backslash + 1
            throw error(
                .jsonInvalidEscape, "invalid escape '\\\(describeByte(at: backslash + 1).trimmingQuotes)'",
                at: backslash)
        }
    }

    /// Reads the four hex digits after `\u` at `pos`.
    private mutating func hexUnit(escapeAt backslash: Int) throws -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 {
            let i = pos + k
            let digit: UInt32
            switch i < bytes.count ? bytes[i] : 0 {
            case let b where b >= 48 && b <= 57: digit = UInt32(b - 48)
            case let b where b >= 65 && b <= 70: digit = UInt32(b - 55)
            case let b where b >= 97 && b <= 102: digit = UInt32(b - 87)
            default:
                throw error(.jsonInvalidEscape, "\\u must be followed by four hex digits", at: backslash)
            }
            value = value << 4 | digit
        }
        pos += 4
        return value
    }

    /// The length of the UTF-8 sequence at `pos`, or an error naming the bad byte.
    @inline(__always)
    private func utf8Length() throws -> Int {
        guard let length = UTF8Validation.sequenceLength(bytes, at: pos) else {
            throw error(
                .jsonInvalidUTF8,
                "invalid UTF-8 byte 0x\(String(bytes[pos], radix: 16, uppercase: true)) in a string", at: pos)
        }
        return length
    }

    private func unterminated(open: Int) -> DataError {
        error(.jsonUnterminatedString, "string is not terminated", at: open)
    }

    /// A raw newline almost always means a missing closing quote, so it is reported as such.
    private func badControl(open: Int) -> DataError {
        if bytes[pos] == 0x0A || bytes[pos] == 0x0D {
            return error(
                .jsonUnterminatedString, "string is not terminated before the end of the line", at: open)
        }
        return error(
            .jsonSyntax, "control character U+\(hex4(UInt32(bytes[pos]))) must be escaped in a string", at: pos)
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        count >= 3 && hasPrefix("'") && hasSuffix("'") ? String(dropFirst().dropLast()) : self
    }
}
