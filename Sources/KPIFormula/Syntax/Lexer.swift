import KPICore

/// Turns formula text into tokens. Byte-based; offsets are UTF-8 byte offsets.
///
/// Literals that look like calendar periods are read as such when written without spaces:
/// `2024-03-01` is a date, `2024-10` a month, `2024-Q3` a quarter (write `2024 - 10` to subtract).
/// `--` starts a comment that runs to the end of the line.
public struct Lexer {
    private let bytes: [UInt8]
    private var position = 0

    /// A lexer over `source`.
    public init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// All tokens, ending with `.end`.
    public static func tokenize(_ source: String) throws(FormulaError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        // Refusing runaway parentheses here gives the same error as the parser's guard, before
        // a megabyte of '(' becomes a megabyte of tokens.
        var depth = 0
        while true {
            let token = try lexer.next()
            if token.isSymbol("(") {
                depth += 1
                if depth > NestingLimit.descent { throw NestingLimit.tooDeep(token.range, .descent) }
            } else if token.isSymbol(")") {
                depth -= 1
            }
            tokens.append(token)
            if case .end = token.kind { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = position + offset
        return i < bytes.count ? bytes[i] : nil
    }

    private static func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 48 && $0 <= 57 } ?? false }
    private static func isIdentStart(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b >= 0x80
    }
    private static func isIdentPart(_ b: UInt8?) -> Bool { isIdentStart(b) || isDigit(b) }

    /// The next token.
    public mutating func next() throws(FormulaError) -> Token {
        skipTrivia()
        let start = position
        guard let b = peek() else { return Token(.end, SourceRange(start, start)) }
        if Lexer.isDigit(b) { return try number() }
        if nameCharacter(first: true) {
            while nameCharacter(first: false) {}
            return Token(.identifier(text(start, position)), SourceRange(start, position))
        }
        if b == 34 || b == 39 { return try string(quote: b) }
        if b == 96 {  // `quoted name`
            position += 1
            let nameStart = position
            while let c = peek(), c != 96, c != 10 { position += 1 }
            guard peek() == 96 else {
                throw FormulaError(
                    id: .formulaSyntax, message: "unterminated quoted name; expected a closing `", range: SourceRange(start, position))
            }
            let name = text(nameStart, position)
            position += 1
            return Token(.quotedIdentifier(name), SourceRange(start, position))
        }
        let two = peek(1).map { String(decoding: [b, $0], as: UTF8.self) } ?? ""
        if ["<=", ">=", "!=", "<>", "=="].contains(two) {
            position += 2
            return Token(.symbol(two == "<>" ? "!=" : two == "==" ? "=" : two), SourceRange(start, position))
        }
        if "+-*/(),=<>.:".utf8.contains(b) {
            position += 1
            return Token(.symbol(String(UnicodeScalar(b))), SourceRange(start, position))
        }
        let scalarEnd = utf8ScalarEnd(start)
        position = scalarEnd
        throw FormulaError(
            id: .formulaSyntax, message: "unexpected character '\(text(start, scalarEnd))'", range: SourceRange(start, scalarEnd))
    }

    private mutating func skipTrivia() {
        while let b = peek() {
            if b == 32 || b == 9 || b == 10 || b == 13 {
                position += 1
            } else if b == 45 && peek(1) == 45 {  // -- comment
                while let c = peek(), c != 10 { position += 1 }
            } else {
                return
            }
        }
    }

    /// Steps over one character of a name when there is one: ASCII letters and `_`, digits after
    /// the first character, and non-ASCII letters, marks and digits (`José`, `Größe`). Other
    /// characters (`€`, `“`, a non-breaking space) are not names, so they are reported as unexpected.
    private mutating func nameCharacter(first: Bool) -> Bool {
        guard let b = peek() else { return false }
        if b < 0x80 {
            guard Lexer.isIdentStart(b) || (!first && Lexer.isDigit(b)) else { return false }
            position += 1
            return true
        }
        let end = utf8ScalarEnd(position)
        guard let scalar = text(position, end).unicodeScalars.first, Lexer.isNameScalar(scalar) else { return false }
        position = end
        return true
    }

    /// Whether all of `text` reads as one unquoted name; ``Printer`` back-quotes any other name.
    static func readsAsOneName(_ text: String) -> Bool {
        var lexer = Lexer(text)
        guard let token = try? lexer.next(), case .identifier = token.kind else { return false }
        return token.range.start == 0 && token.range.end == lexer.bytes.count
    }

    /// Whether a non-ASCII character may be part of a name.
    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: return true
        default: return scalar.properties.isAlphabetic
        }
    }

    private func text(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    private func utf8ScalarEnd(_ start: Int) -> Int {
        var end = start + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }

    private mutating func digits() -> Int {
        let start = position
        while Lexer.isDigit(peek()) { position += 1 }
        return position - start
    }

    private mutating func number() throws(FormulaError) -> Token {
        let start = position
        let intDigits = digits()
        // Calendar literals: YYYY-MM-DD[Thh:mm[:ss][Z|±hh:mm]], YYYY-MM, YYYY-Qn.
        if intDigits == 4 && peek() == 45 {
            if let token = try period(start) { return token }
        }
        var isInteger = true
        if peek() == 46 && Lexer.isDigit(peek(1)) {
            isInteger = false
            position += 1
            _ = digits()
        }
        if peek() == 101 || peek() == 69, Lexer.isDigit(peek(1)) || ((peek(1) == 43 || peek(1) == 45) && Lexer.isDigit(peek(2))) {
            isInteger = false
            position += 2
            _ = digits()
        }
        let literal = text(start, position)
        guard let value = Double(literal) else {
            throw FormulaError(id: .formulaSyntax, message: "malformed number '\(literal)'", range: SourceRange(start, position))
        }
        // `1e400` reads as infinity, which prints as `inf` and means nothing in a KPI.
        guard value.isFinite else {
            throw FormulaError(id: .formulaSyntax, message: "number '\(literal)' is out of range", range: SourceRange(start, position))
        }
        if peek() == 37 {  // %
            position += 1
            return Token(.percent(value / 100), SourceRange(start, position))
        }
        let suffixStart = position
        if nameCharacter(first: true) {
            while nameCharacter(first: false) {}
            let suffix = text(suffixStart, position).lowercased()
            let scale: Double?
            switch suffix {
            case "s", "sec", "secs", "second", "seconds": scale = 1
            case "min", "mins", "minute", "minutes": scale = 60
            case "h", "hr", "hrs", "hour", "hours": scale = 3600
            case "d", "day", "days": scale = 86400
            case "w", "wk", "week", "weeks": scale = 7 * 86400
            default: scale = nil
            }
            guard let scale else {
                throw FormulaError(
                    id: .formulaSyntax,
                    message: "unknown duration unit '\(suffix)'; expected s, min, h, d or w (e.g. 48h, 7d)",
                    range: SourceRange(suffixStart, position))
            }
            guard (value * scale).isFinite else {
                throw FormulaError(
                    id: .formulaSyntax, message: "duration '\(text(start, position))' is out of range", range: SourceRange(start, position))
            }
            return Token(.duration(seconds: value * scale, unit: suffix), SourceRange(start, position))
        }
        return Token(.number(value, isInteger: isInteger), SourceRange(start, position))
    }

    private mutating func period(_ start: Int) throws(FormulaError) -> Token? {
        let year = Int(text(start, start + 4))!
        // Quarter: 2024-Q3
        if peek(1) == 81 || peek(1) == 113, let q = peek(2), q >= 49 && q <= 52, !Lexer.isIdentPart(peek(3)) {
            position += 3
            return Token(.quarter(year: year, quarter: Int(q - 48)), SourceRange(start, position))
        }
        // `2024-1-5` or `2024-3` look like dates written loosely; reading them as subtraction
        // would silently give 2018, so say what to write instead.
        if Lexer.isDigit(peek(1)), !Lexer.isDigit(peek(2)) || (Lexer.isDigit(peek(2)) && Lexer.isDigit(peek(3))) {
            var end = position + 1
            while end < bytes.count, Lexer.isDigit(bytes[end]) || bytes[end] == 45 { end += 1 }
            throw FormulaError(
                id: .formulaSyntax,
                message: "'\(text(start, end))' is not a date or month; write 2024-03 or 2024-03-05 (put spaces around '-' to subtract)",
                range: SourceRange(start, end))
        }
        guard Lexer.isDigit(peek(1)), Lexer.isDigit(peek(2)) else { return nil }
        if peek(3) != 45 {
            let month = Int(text(position + 1, position + 3))!
            position += 3
            guard (1...12).contains(month) else {
                throw FormulaError(id: .formulaSyntax, message: "month \(month) is not 01–12", range: SourceRange(start, position))
            }
            return Token(.month(year: year, month: month), SourceRange(start, position))
        }
        // A date, possibly with a time: take the longest run of timestamp characters.
        var end = position + 6
        guard end <= bytes.count, Lexer.isDigit(bytes[end - 2]), Lexer.isDigit(bytes[end - 1]) else {
            var stop = position + 4
            while stop < bytes.count, Lexer.isDigit(bytes[stop]) || bytes[stop] == 45 { stop += 1 }
            throw FormulaError(
                id: .formulaSyntax, message: "'\(text(start, stop))' is not a date; write it as 2024-03-05", range: SourceRange(start, stop))
        }
        while end < bytes.count, Lexer.isTimestampByte(bytes[end]) { end += 1 }
        // `2024-03-01 10:00`: a space before a time of day belongs to the timestamp.
        if end == start + 10, end + 5 < bytes.count || end + 5 == bytes.count, bytes[end] == 32,
            Lexer.isDigit(bytes[end + 1]), Lexer.isDigit(bytes[end + 2]), end + 3 < bytes.count, bytes[end + 3] == 58
        {
            end += 1
            while end < bytes.count, Lexer.isTimestampByte(bytes[end]) { end += 1 }
        }
        // Don't swallow a trailing '-' or ':' that belongs to an operator.
        var parsed: ISO8601.Parsed?
        var candidateEnd = end
        while candidateEnd >= start + 10 {
            parsed = bytes.withUnsafeBufferPointer { ISO8601.parse($0, from: start, to: candidateEnd) }
            if parsed != nil { break }
            candidateEnd -= 1
        }
        guard let parsed else {
            let shown = text(start, min(end, start + 10))
            throw FormulaError(id: .formulaSyntax, message: "'\(shown)' is not a valid date", range: SourceRange(start, min(end, start + 10)))
        }
        position = candidateEnd
        return Token(.instant(milliseconds: parsed.milliseconds, hasTime: parsed.hasTime), SourceRange(start, position))
    }

    private static func isTimestampByte(_ b: UInt8) -> Bool {
        isDigit(b) || b == 45 || b == 58 || b == 84 || b == 90 || b == 43 || b == 46
    }

    private mutating func string(quote: UInt8) throws(FormulaError) -> Token {
        let start = position
        position += 1
        var out: [UInt8] = []
        while true {
            guard let b = peek() else {
                throw FormulaError(
                    id: .formulaSyntax, message: "unterminated string; expected a closing \(quote == 34 ? "\"" : "'")",
                    range: SourceRange(start, position))
            }
            position += 1
            if b == quote {
                if peek() == quote {  // doubled quote
                    out.append(quote)
                    position += 1
                    continue
                }
                break
            }
            if b == 92, let escaped = peek() {  // backslash
                position += 1
                out.append(SourceText.unescaped(escaped))
                continue
            }
            out.append(b)
        }
        return Token(.string(String(decoding: out, as: UTF8.self)), SourceRange(start, position))
    }
}
