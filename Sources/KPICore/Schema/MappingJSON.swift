/// A small JSON reader for mapping files that keeps object key order and the line and column of
/// every value, so mapping errors can point at `file:line:column`.
///
/// Mapping files are tiny; this favours exact positions over speed. Numbers are read but kept as
/// text, because no mapping setting is numeric.
struct MappingJSON {
    /// A parsed value and where it starts.
    struct Node {
        enum Kind {
            case object([Member])
            case array([Node])
            case string(String)
            case number(String)
            case bool(Bool)
            case null
        }

        var kind: Kind
        var line: Int
        var column: Int

        /// The JSON type's name, for messages.
        var typeName: String {
            switch kind {
            case .object: return "an object"
            case .array: return "an array"
            case .string: return "a string"
            case .number: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            }
        }
    }

    /// An object member: its key, where the key starts, and its value.
    struct Member {
        var key: String
        var line: Int
        var column: Int
        var value: Node
    }

    /// A syntax error at a 1-based line and column.
    struct SyntaxError: Error {
        var message: String
        var line: Int
        var column: Int
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    /// Parses one JSON document.
    static func parse(_ text: String) throws(SyntaxError) -> Node {
        var reader = MappingJSON(scalars: Array(text.unicodeScalars))
        reader.skipSpace()
        let node = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.index < reader.scalars.count { throw reader.error("unexpected text after the JSON value") }
        return node
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func skipSpace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
    }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(message: message, line: line, column: column)
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ what: String) throws(SyntaxError) {
        guard current == scalar else { throw error("expected \(what)") }
        advance()
    }

    private mutating func value(depth: Int) throws(SyntaxError) -> Node {
        guard depth < 64 else { throw error("nesting is too deep") }
        let (startLine, startColumn) = (line, column)
        func node(_ kind: Node.Kind) -> Node { Node(kind: kind, line: startLine, column: startColumn) }
        switch current {
        case "{": return node(.object(try object(depth: depth)))
        case "[": return node(.array(try array(depth: depth)))
        case "\"": return node(.string(try string()))
        case "t":
            try literal("true")
            return node(.bool(true))
        case "f":
            try literal("false")
            return node(.bool(false))
        case "n":
            try literal("null")
            return node(.null)
        case let c? where c == "-" || ("0"..."9").contains(c): return node(.number(number()))
        case nil: throw error("unexpected end of file, expected a value")
        case let c?: throw error("unexpected character '\(c)', expected a value")
        }
    }

    private mutating func object(depth: Int) throws(SyntaxError) -> [Member] {
        advance()
        skipSpace()
        var members: [Member] = []
        if current == "}" {
            advance()
            return members
        }
        while true {
            skipSpace()
            let (keyLine, keyColumn) = (line, column)
            guard current == "\"" else { throw error("expected a quoted key") }
            let key = try string()
            if members.contains(where: { $0.key == key }) {
                throw SyntaxError(message: "duplicate key \"\(key)\"", line: keyLine, column: keyColumn)
            }
            skipSpace()
            try expect(":", "':' after the key")
            skipSpace()
            members.append(Member(key: key, line: keyLine, column: keyColumn, value: try value(depth: depth + 1)))
            skipSpace()
            if current == "," {
                advance()
                continue
            }
            try expect("}", "',' or '}'")
            return members
        }
    }

    private mutating func array(depth: Int) throws(SyntaxError) -> [Node] {
        advance()
        skipSpace()
        var items: [Node] = []
        if current == "]" {
            advance()
            return items
        }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            if current == "," {
                advance()
                continue
            }
            try expect("]", "',' or ']'")
            return items
        }
    }

    private mutating func string() throws(SyntaxError) -> String {
        advance()
        var out = String.UnicodeScalarView()
        while true {
            guard let c = current else { throw error("unterminated string") }
            if c == "\"" {
                advance()
                return String(out)
            }
            if c.value < 0x20 { throw error("control character in string") }
            advance()
            guard c == "\\" else {
                out.append(c)
                continue
            }
            guard let e = current else { throw error("unterminated string") }
            advance()
            switch e {
            case "\"", "\\", "/": out.append(e)
            case "b": out.append("\u{8}")
            case "f": out.append("\u{c}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "u": out.append(try unicodeEscape())
            default: throw error("invalid escape '\\\(e)'")
            }
        }
    }

    private mutating func unicodeEscape() throws(SyntaxError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800..<0xDC00).contains(high) {
            guard current == "\\" else { throw error("unpaired surrogate") }
            advance()
            try expect("u", "a low surrogate")
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            else { throw error("invalid surrogate pair") }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw error("invalid \\u escape") }
        return scalar
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current, let d = Int(String(c), radix: 16) else { throw error("expected 4 hex digits") }
            v = v * 16 + UInt32(d)
            advance()
        }
        return v
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        for expected in word.unicodeScalars {
            guard current == expected else { throw error("unexpected character, expected '\(word)'") }
            advance()
        }
    }

    private mutating func number() -> String {
        var out = String.UnicodeScalarView()
        while let c = current, c == "-" || c == "+" || c == "." || c == "e" || c == "E" || ("0"..."9").contains(c) {
            out.append(c)
            advance()
        }
        return String(out)
    }
}
