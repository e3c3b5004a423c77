/// The language's lexical rules for readers that take text apart without tokenizing it — the
/// recipe parser, the goals file, the shell's statement buffer, the benchmark suite — and the one
/// way to write a string literal.
///
/// The rules are the ``Lexer``'s: a string is in `"` or `'`, with a doubled quote or a backslash
/// escape inside (`\n` a newline, `\t` a tab, any other character itself); a back-quoted name
/// runs to the next back-quote; `--` outside them starts a comment that runs to the end of the
/// line. A test keeps this scanner and the lexer agreeing on random lines.
public enum SourceText {
    /// Where the first `--` comment starts (the index of its first `-`), or `nil` when there is
    /// none outside strings and back-quoted names (or a string is still open at the end).
    public static func commentStart<S: StringProtocol>(in text: S) -> S.Index? {
        var found: S.Index?
        _ = scan(text) { index, byte in
            guard byte == Byte.dash else { return true }
            let next = text.utf8.index(after: index)
            if next < text.utf8.endIndex, text.utf8[next] == Byte.dash {
                found = index
                return false
            }
            return true
        }
        return found
    }

    /// `text` before its comment (all of it when it has none); white space is kept.
    public static func strippingComment<S: StringProtocol>(_ text: S) -> S.SubSequence {
        text[..<(commentStart(in: text) ?? text.endIndex)]
    }

    /// The comment's text after `--`, trimmed of spaces and tabs; `nil` when the line has no
    /// comment or an empty one.
    public static func comment(in text: String) -> String? {
        guard let start = commentStart(in: text) else { return nil }
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        var body = text[text.utf8.index(start, offsetBy: 2)...].drop(while: isBlank)
        while let last = body.last, isBlank(last) { body.removeLast() }
        return body.isEmpty ? nil : String(body)
    }

    /// Whether `text` is nothing but white space and a comment on one line.
    public static func isCommentOnly<S: StringProtocol>(_ text: S) -> Bool {
        guard let start = commentStart(in: text) else { return false }
        return text[..<start].allSatisfy(\.isWhitespace) && !text[start...].contains("\n")
    }

    /// Whether `text` leaves a string, a back-quoted name or a bracket open: a statement that
    /// must go on on the next line.
    public static func isOpen<S: StringProtocol>(_ text: S) -> Bool {
        var depth = 0
        let state = scan(text) { _, byte in
            if byte == Byte.open { depth += 1 } else if byte == Byte.close { depth -= 1 }
            return true
        }
        return state.isQuoted || depth > 0
    }

    /// Whether `text` ends inside a string or a back-quoted name.
    public static func leavesQuoteOpen<S: StringProtocol>(_ text: S) -> Bool { scan(text) { _, _ in true }.isQuoted }

    /// `text` split at each `separator` outside strings, back-quoted names, brackets and
    /// comments; pieces keep their quotes.
    public static func split<S: StringProtocol>(_ text: S, at separator: Character) -> [S.SubSequence] {
        guard let separatorByte = separator.asciiValue else { return [text[...]] }
        var pieces: [S.SubSequence] = []
        var depth = 0
        var pieceStart = text.startIndex
        _ = scan(text) { index, byte in
            if byte == Byte.open {
                depth += 1
            } else if byte == Byte.close {
                depth -= 1
            } else if byte == separatorByte && depth <= 0 {
                pieces.append(text[pieceStart..<index])
                pieceStart = text.utf8.index(after: index)
            }
            return true
        }
        pieces.append(text[pieceStart...])
        return pieces
    }

    /// The string literal at the start of `text` (`"…"` or `'…'`) as the lexer reads it, and what
    /// follows it; `nil` when `text` does not start with a quote or the string never ends.
    public static func quotedString(_ text: Substring) -> (value: String, rest: Substring)? {
        let utf8 = text.utf8
        guard let quote = utf8.first, quote == Byte.doubleQuote || quote == Byte.singleQuote else { return nil }
        var value: [UInt8] = []
        var index = utf8.index(after: utf8.startIndex)
        while index < utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte == quote {
                guard next < utf8.endIndex, utf8[next] == quote else { return (String(decoding: value, as: UTF8.self), text[next...]) }
                value.append(quote)
                index = utf8.index(after: next)
            } else if byte == Byte.backslash, next < utf8.endIndex {
                value.append(unescaped(utf8[next]))
                index = utf8.index(after: next)
            } else {
                value.append(byte)
                index = next
            }
        }
        return nil
    }

    /// A string literal the lexer reads back as `s`. Escapes go scalar by scalar: a `"` followed
    /// by a combining mark is one `Character`, which a search for `"` in the string skips.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// What a backslash followed by `byte` stands for in a string.
    static func unescaped(_ byte: UInt8) -> UInt8 {
        switch byte {
        case Byte.letterN: return Byte.newline
        case Byte.letterT: return Byte.tab
        default: return byte
        }
    }

    // MARK: - Scanning

    /// Where the scan is at a byte.
    private enum State {
        case code
        case string(quote: UInt8)
        case name
        case comment

        var isQuoted: Bool {
            switch self {
            case .string, .name: return true
            case .code, .comment: return false
            }
        }
    }

    /// Walks `text`, calling `code` for each byte that is neither in a string, a back-quoted name
    /// nor a comment, until it returns `false`; the state at the end tells whether a quote is open.
    ///
    /// A back-quoted name runs on over a line break here, so a statement buffer waits for its
    /// closing back-quote (the lexer then reports the name); a comment ends at the line break.
    private static func scan<S: StringProtocol>(_ text: S, code: (S.Index, UInt8) -> Bool) -> State {
        let utf8 = text.utf8
        var state = State.code
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            var next = utf8.index(after: index)
            switch state {
            case .code:
                if byte == Byte.doubleQuote || byte == Byte.singleQuote {
                    state = .string(quote: byte)
                } else if byte == Byte.backquote {
                    state = .name
                } else if byte == Byte.dash, next < utf8.endIndex, utf8[next] == Byte.dash {
                    guard code(index, byte) else { return state }
                    state = .comment
                } else if !code(index, byte) {
                    return state
                }
            case .string(let quote):
                // A doubled quote closes the string and opens it again: the same for positions.
                if byte == quote {
                    state = .code
                } else if byte == Byte.backslash, next < utf8.endIndex {
                    next = utf8.index(after: next)
                }
            case .name:
                if byte == Byte.backquote { state = .code }
            case .comment:
                if byte == Byte.newline { state = .code }
            }
            index = next
        }
        return state
    }

    /// The ASCII bytes the rules are written in.
    private enum Byte {
        static let doubleQuote = UInt8(ascii: "\"")
        static let singleQuote = UInt8(ascii: "'")
        static let backquote = UInt8(ascii: "`")
        static let backslash = UInt8(ascii: "\\")
        static let dash = UInt8(ascii: "-")
        static let open = UInt8(ascii: "(")
        static let close = UInt8(ascii: ")")
        static let newline = UInt8(ascii: "\n")
        static let tab = UInt8(ascii: "\t")
        static let letterN = UInt8(ascii: "n")
        static let letterT = UInt8(ascii: "t")
    }
}
