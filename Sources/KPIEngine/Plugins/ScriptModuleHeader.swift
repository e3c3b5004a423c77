import KPICore

/// A script module's first statement: `module NAME [version X.Y.Z] ["description"]`.
struct ScriptModuleHeader {
    /// The module name: letters, digits, `_` and `-`.
    var name: String
    /// `version ...`, if given.
    var version: String?
    /// The description, if given.
    var summary: String?

    /// Reads the header; every problem names its line and column.
    init(_ statement: ScriptStatement, path: String) throws(DataError) {
        var words = try Self.words(of: statement, path: path)
        func fail(_ message: String, at offset: Int) -> DataError {
            let (line, column) = statement.location(ofByte: offset)
            return DataError(id: .pluginBadModuleLine, message: message, file: path, line: line, column: column)
        }
        let usage = "write: module NAME [version 1.0.0] [\"description\"]"
        words.removeFirst()  // `module`
        guard let first = words.first, !first.isQuoted else {
            throw fail("expected the module's name after 'module'; \(usage)", at: words.first?.offset ?? statement.text.utf8.count)
        }
        guard first.text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw fail("a module name has letters, digits, '_' and '-' only; found '\(first.text)'", at: first.offset)
        }
        name = first.text
        words.removeFirst()
        while let word = words.first {
            words.removeFirst()
            if word.isQuoted, summary == nil {
                summary = word.text
            } else if !word.isQuoted, word.text.lowercased() == "version", version == nil, let value = words.first, !value.isQuoted {
                guard value.text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) })
                else { throw fail("a version is numbers separated by dots (1.2.0); found '\(value.text)'", at: value.offset) }
                version = value.text
                words.removeFirst()
            } else {
                throw fail("unexpected '\(word.text)' in the module line; \(usage)", at: word.offset)
            }
        }
    }

    private struct Word {
        var text: String
        var offset: Int
        var isQuoted: Bool
    }

    /// Whitespace-separated words and double-quoted strings, with byte offsets; comments dropped.
    private static func words(of statement: ScriptStatement, path: String) throws(DataError) -> [Word] {
        var words: [Word] = []
        var lineStart = 0
        for line in statement.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let code = Array(ScriptStatements.stripComment(String(line)).utf8)
            var i = 0
            while i < code.count {
                if code[i] == 32 || code[i] == 9 {
                    i += 1
                } else if code[i] == 34 {
                    let start = i
                    i += 1
                    while i < code.count, code[i] != 34 { i += 1 }
                    guard i < code.count else {
                        let (l, c) = statement.location(ofByte: lineStart + start)
                        throw DataError(id: .pluginBadModuleLine, message: "unterminated string", file: path, line: l, column: c)
                    }
                    words.append(Word(text: String(decoding: code[start + 1..<i], as: UTF8.self), offset: lineStart + start, isQuoted: true))
                    i += 1
                } else {
                    let start = i
                    while i < code.count, code[i] != 32, code[i] != 9, code[i] != 34 { i += 1 }
                    words.append(Word(text: String(decoding: code[start..<i], as: UTF8.self), offset: lineStart + start, isQuoted: false))
                }
            }
            lineStart += line.utf8.count + 1
        }
        return words
    }
}
