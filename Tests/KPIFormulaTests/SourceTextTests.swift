import KPICore
import Testing

@testable import KPIFormula

@Suite("Source text scanner and quoter")
struct SourceTextTests {
    @Test(
        "a comment starts at the first -- outside strings and back-quoted names",
        arguments: [
            ("win_rate -- note", 9), ("\"a -- b\" -- c", 9), ("'it''s -- x' --y", 13), (#""say \"hi -- x\"" -- z"#, 18),
            ("`a--b` --c", 7), ("x---", 1), ("-- all", 0), (#""back\\" -- c"#, 9),
        ])
    func commentStarts(line: String, offset: Int) {
        let start = SourceText.commentStart(in: line)
        #expect(start.map { line.utf8.distance(from: line.startIndex, to: $0) } == offset)
    }

    @Test("no comment when the dashes are inside a string, or a string is left open")
    func noComment() {
        #expect(SourceText.commentStart(in: "note \"a -- b\"") == nil)
        #expect(SourceText.commentStart(in: "note \"a -- b") == nil)
        #expect(SourceText.commentStart(in: "2 - -3") == nil)
        #expect(SourceText.comment(in: "x --   ") == nil)
        #expect(SourceText.comment(in: "x -- #3 stretch \t") == "#3 stretch")
    }

    @Test("a statement stays open while a string, back-quoted name or bracket is open; an escaped backslash closes the string")
    func openStatements() {
        #expect(SourceText.isOpen("count(leads"))
        #expect(SourceText.isOpen("note \"it is"))
        #expect(SourceText.isOpen("`lead source"))
        #expect(!SourceText.isOpen("count(leads) -- (open"))
        #expect(!SourceText.isOpen(#"note "C:\\""#))
        #expect(!SourceText.isOpen("'it''s'"))
        #expect(SourceText.isOpen(#"note "say \""#))
    }

    @Test("splits at top-level separators, keeping quotes and brackets whole")
    func splits() {
        let pieces = SourceText.split(#"weekly 2-5 rep="Ana Ruiz" f=(a b) note='x y'"#, at: " ").map(String.init)
        #expect(pieces == ["weekly", "2-5", #"rep="Ana Ruiz""#, "f=(a b)", "note='x y'"])
        #expect(SourceText.split("a,,b", at: ",").map(String.init) == ["a", "", "b"])
    }

    @Test("reads a quoted string as the lexer does, and what follows it")
    func quotedStrings() {
        let cases: [(String, String, String)] = [
            (#""Pipeline review" -- x"#, "Pipeline review", " -- x"), (#""say ""hi""""#, #"say "hi""#, ""),
            (#""tab\there\nline""#, "tab\there\nline", ""), ("'it''s' rest", "it's", " rest"), ("\"José\"", "José", ""),
        ]
        for (text, value, rest) in cases {
            let read = SourceText.quotedString(Substring(text))
            #expect(read?.value == value, "\(text)")
            #expect(read.map { String($0.rest) } == rest, "\(text)")
        }
        #expect(SourceText.quotedString("\"never ends") == nil)
        #expect(SourceText.quotedString("bare") == nil)
    }

    /// Characters that matter to the rules, mixed with ordinary ones.
    private static let alphabet: [String] = [
        "\"", "'", "`", "\\", "-", "-", "--", " ", "a", "x_1", "(", ")", "2", "é", "”", "n", "t", "\"\"", "''", "+", "=",
    ]

    private static func randomLine(_ random: inout SplitMix64) -> String {
        (0..<random.int(0...24)).map { _ in random.pick(alphabet) }.joined()
    }

    @Test("for random lines the scanner and the lexer agree on where a comment starts", arguments: [1, 2, 3] as [UInt64])
    func agreesWithLexer(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var compared = 0
        for _ in 0..<4_000 {
            let line = Self.randomLine(&random)
            // The lexer says where a comment starts only on lines it reads.
            guard let tokens = try? Lexer.tokenize(line) else { continue }
            compared += 1
            let bytes = Array(line.utf8)
            let afterTokens = tokens.count >= 2 ? tokens[tokens.count - 2].range.end : 0
            var position = afterTokens
            while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 { position += 1 }
            let lexerStart = position + 1 < bytes.count && bytes[position] == 45 && bytes[position + 1] == 45 ? position : nil
            let scannerStart = SourceText.commentStart(in: line).map { line.utf8.distance(from: line.startIndex, to: $0) }
            #expect(scannerStart == lexerStart, "\(line)")
        }
        #expect(compared > 500)
    }

    @Test("for random lines the scanner reads each string the lexer reads", arguments: [4, 5] as [UInt64])
    func stringsAgreeWithLexer(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<2_000 {
            let line = Self.randomLine(&random)
            guard let tokens = try? Lexer.tokenize(line) else { continue }
            let bytes = Array(line.utf8)
            for token in tokens {
                guard case .string(let value) = token.kind else { continue }
                let text = String(decoding: bytes[token.range.start...], as: UTF8.self)
                let read = SourceText.quotedString(Substring(text))
                #expect(read?.value == value, "\(line)")
                #expect(read.map { text.utf8.count - $0.rest.utf8.count } == token.range.end - token.range.start, "\(line)")
            }
        }
    }

    @Test("quoting then lexing gives back the string, for random strings", arguments: [6, 7, 8] as [UInt64])
    func quoteRoundTrip(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let pieces = ["\"", "'", "\\", "\n", "\t", "\r", "--", "`", "a", " ", "é", "e\u{301}", "\"\u{301}", "😀", "中", "\\n", "\u{0}"]
        for _ in 0..<1_000 {
            let text = (0..<random.int(0...16)).map { _ in random.pick(pieces) }.joined()
            let literal = SourceText.quoted(text)
            let tokens = try Lexer.tokenize(literal)
            #expect(tokens.count == 2)
            #expect(tokens.first?.kind == .string(text), "\(literal)")
            #expect(SourceText.quotedString(Substring(literal))?.value == text)
            #expect(SourceText.commentStart(in: literal) == nil)
        }
    }
}
