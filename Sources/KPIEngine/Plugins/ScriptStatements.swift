import Foundation

/// One statement of a script module file, with where it starts.
public struct ScriptStatement: Sendable, Hashable {
    /// The statement's text: its lines joined with `\n`, comments and blank lines included, so
    /// byte offsets into it map back to the file.
    public var text: String
    /// The 1-based line of the file it starts on (always at column 1).
    public var line: Int

    /// Creates a statement.
    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }

    /// The file line and column (1-based, in bytes) of a UTF-8 byte offset into ``text``.
    public func location(ofByte offset: Int) -> (line: Int, column: Int) {
        var line = self.line
        var lineStart = 0
        for (i, byte) in text.utf8.prefix(max(0, offset)).enumerated() where byte == 10 {
            line += 1
            lineStart = i + 1
        }
        return (line, max(0, offset - lineStart) + 1)
    }

    /// The first word, lower-cased (`module`, `kpi`), or `nil` for a statement that is all comment.
    public var keyword: String? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let code = ScriptStatements.stripComment(String(line)).trimmingCharacters(in: .whitespaces)
            if let word = code.split(whereSeparator: { $0 == " " || $0 == "\t" }).first { return word.lowercased() }
        }
        return nil
    }
}

/// Splits a script module file into statements.
///
/// A statement starts at a line that begins in column 1; it continues over indented lines and
/// over any line while a bracket is open, so long formulas can be wrapped — except that a `kpi`
/// line in column 1 always starts a new statement, so an unclosed bracket swallows nothing after
/// its own definition:
///
/// ```
/// kpi demo_rate = share(leads,
///         exists activities(type = "demo"))
///     unit ratio, higher is better
/// ```
///
/// `--` starts a comment (outside strings) that runs to the end of the line.
public enum ScriptStatements {
    /// The statements of `source`, in order.
    public static func split(_ source: String) -> [ScriptStatement] {
        var statements: [ScriptStatement] = []
        var lines: [String] = []
        var start = 0
        var depth = 0
        func close() {
            // Trailing blank or comment lines belong to no statement; dropping them keeps the text tidy.
            while let last = lines.last, stripComment(last).trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
            if !lines.isEmpty { statements.append(ScriptStatement(text: lines.joined(separator: "\n"), line: start)) }
            lines = []
        }
        for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let code = stripComment(line)
            let isBlank = code.trimmingCharacters(in: .whitespaces).isEmpty
            let startsInColumnOne = !isBlank && !(line.first == " " || line.first == "\t")
            // A `kpi` line in column 1 starts a definition even inside an unclosed bracket: the
            // bracket is the earlier definition's mistake, and should cost only that definition.
            if startsInColumnOne && depth > 0 && startsDefinition(code) { depth = 0 }
            if startsInColumnOne && depth == 0 {
                close()
                start = index + 1
                lines = [line]
            } else if !lines.isEmpty {
                lines.append(line)
            } else if !isBlank {
                // An indented first statement: accept it rather than lose it.
                start = index + 1
                lines = [line]
            }
            depth = max(0, depth + bracketBalance(code))
        }
        close()
        return statements
    }

    /// Whether a line's code begins with the word `kpi`.
    private static func startsDefinition(_ code: String) -> Bool {
        let word = code.prefix { !($0 == " " || $0 == "\t" || $0 == "(" || $0 == "=") }
        return word.lowercased() == "kpi"
    }

    /// The line without its `--` comment; quotes are respected so `"a--b"` stays.
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character?
        var result = ""
        for character in line {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "-" && previous == "-" {
                result.removeLast()
                return result
            }
            result.append(character)
            previous = character
        }
        return result
    }

    /// Opening minus closing brackets outside strings.
    private static func bracketBalance(_ code: String) -> Int {
        var quote: Character?
        var balance = 0
        for character in code {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "(" || character == "[" {
                balance += 1
            } else if character == ")" || character == "]" {
                balance -= 1
            }
        }
        return balance
    }
}
