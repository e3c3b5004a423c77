import KPICore
import Testing

@testable import KPIFormula

/// Token kinds of `source`, without the final `.end`.
private func kinds(_ source: String) throws -> [Token.Kind] {
    try Lexer.tokenize(source).dropLast().map(\.kind)
}

/// The lexer error of `source`, or nil when it tokenizes.
private func lexError(_ source: String) -> FormulaError? {
    do {
        _ = try Lexer.tokenize(source)
        return nil
    } catch {
        return error
    }
}

@Suite("Lexer")
struct LexerTests {
    @Test("reads integers, decimals and exponents, remembering which were whole")
    func numbers() throws {
        #expect(try kinds("42") == [.number(42, isInteger: true)])
        #expect(try kinds("3.5") == [.number(3.5, isInteger: false)])
        #expect(try kinds("1e3") == [.number(1000, isInteger: false)])
        #expect(try kinds("2.5E-2") == [.number(0.025, isInteger: false)])
        #expect(try kinds("7e+2") == [.number(700, isInteger: false)])
        // A dot not followed by a digit is a symbol, not part of the number.
        #expect(try kinds("1.") == [.number(1, isInteger: true), .symbol(".")])
    }

    @Test("reads percentages as fractions")
    func percents() throws {
        #expect(try kinds("25%") == [.percent(0.25)])
        #expect(try kinds("12.5%") == [.percent(0.125)])
        #expect(try kinds("100%") == [.percent(1)])
    }

    @Test(
        "reads durations in seconds, keeping the unit as written",
        arguments: [
            ("48h", 172_800.0, "h"), ("7d", 604_800, "d"), ("30min", 1_800, "min"), ("2w", 1_209_600, "w"),
            ("90s", 90, "s"), ("1.5hours", 5_400, "hours"), ("3days", 259_200, "days"), ("2WK", 1_209_600, "wk"),
        ])
    func durations(text: String, seconds: Double, unit: String) throws {
        #expect(try kinds(text) == [.duration(seconds: seconds, unit: unit)])
    }

    @Test("reads strings in both quotes, with doubled quotes and escapes")
    func strings() throws {
        #expect(try kinds(#""Referral""#) == [.string("Referral")])
        #expect(try kinds("'Referral'") == [.string("Referral")])
        #expect(try kinds(#""say ""hi""""#) == [.string(#"say "hi""#)])
        #expect(try kinds("'it''s'") == [.string("it's")])
        #expect(try kinds(#""tab\there\nline \"q\" back\\slash""#) == [.string("tab\there\nline \"q\" back\\slash")])
        #expect(try kinds("'a \"b\"'") == [.string("a \"b\"")])
        #expect(try kinds("\"José\"") == [.string("José")])
        #expect(try kinds("\"\"") == [.string("")])
    }

    @Test("reads dates, timestamps with Z or an offset, months and quarters")
    func calendarLiterals() throws {
        let march1 = Fixture.instant("2024-03-01")
        #expect(try kinds("2024-03-01") == [.instant(milliseconds: march1, hasTime: false)])
        #expect(
            try kinds("2024-03-01T10:00:00Z") == [.instant(milliseconds: march1 + 10 * Time.millisecondsPerHour, hasTime: true)])
        #expect(try kinds("2024-03-01T10:00+02:00") == [.instant(milliseconds: march1 + 8 * Time.millisecondsPerHour, hasTime: true)])
        #expect(try kinds("2024-03-01T10:00:00.250Z") == [.instant(milliseconds: march1 + 36_000_250, hasTime: true)])
        #expect(try kinds("2024-10") == [.month(year: 2024, month: 10)])
        #expect(try kinds("2024-Q3") == [.quarter(year: 2024, quarter: 3)])
        #expect(try kinds("2024-q1") == [.quarter(year: 2024, quarter: 1)])
    }

    @Test("reads a date followed by an operator without swallowing it")
    func dateThenOperator() throws {
        let day = Fixture.instant("2024-03-01")
        #expect(try kinds("2024-03-01-1") == [.instant(milliseconds: day, hasTime: false), .symbol("-"), .number(1, isInteger: true)])
        #expect(try kinds("2024-03-01)") == [.instant(milliseconds: day, hasTime: false), .symbol(")")])
    }

    @Test("treats spaced calendar-looking input as arithmetic")
    func spacedSubtraction() throws {
        #expect(try kinds("2024 - 10") == [.number(2024, isInteger: true), .symbol("-"), .number(10, isInteger: true)])
        #expect(try kinds("2024-Q5") == [.number(2024, isInteger: true), .symbol("-"), .identifier("Q5")])
        #expect(try kinds("2024 -100") == [.number(2024, isInteger: true), .symbol("-"), .number(100, isInteger: true)])
    }

    @Test("rejects loosely written dates instead of reading them as subtraction", arguments: ["2024-1-5", "2024-3", "2024-100", "2024-10-0"])
    func looseDates(_ source: String) {
        #expect(throws: FormulaError.self) { try Lexer.tokenize(source) }
    }

    @Test("reads a timestamp written with a space before the time")
    func spacedTimestamp() throws {
        let tokens = try kinds("2024-03-01 10:00+02:00")
        #expect(tokens == [.instant(milliseconds: Fixture.instant("2024-03-01") + 8 * 3_600_000, hasTime: true)])
        #expect(try kinds("2024-03-01 and") == [.instant(milliseconds: Fixture.instant("2024-03-01"), hasTime: false), .identifier("and")])
    }

    @Test("reads plain and back-quoted names; back-quoted names may hold spaces and keywords")
    func names() throws {
        #expect(try kinds("lead_id x2 _a") == [.identifier("lead_id"), .identifier("x2"), .identifier("_a")])
        #expect(try kinds("`Deal Owner`") == [.quotedIdentifier("Deal Owner")])
        #expect(try kinds("`where`") == [.quotedIdentifier("where")])
        #expect(try kinds("José") == [.identifier("José")])
    }

    @Test("skips comments up to the end of the line")
    func comments() throws {
        #expect(try kinds("count(leads) -- all of them") == [.identifier("count"), .symbol("("), .identifier("leads"), .symbol(")")])
        #expect(try kinds("a -- one\n+ b") == [.identifier("a"), .symbol("+"), .identifier("b")])
        #expect(try kinds("-- only a comment") == [])
    }

    @Test("reads every symbol and normalises <> and ==")
    func symbols() throws {
        #expect(
            try kinds("+ - * / ( ) , = != < <= > >= . :")
                == ["+", "-", "*", "/", "(", ")", ",", "=", "!=", "<", "<=", ">", ">=", ".", ":"].map { .symbol($0) })
        #expect(try kinds("<>") == [.symbol("!=")])
        #expect(try kinds("==") == [.symbol("=")])
        #expect(try kinds("a<>b") == [.identifier("a"), .symbol("!="), .identifier("b")])
    }

    @Test("gives tokens UTF-8 byte ranges")
    func ranges() throws {
        let tokens = try Lexer.tokenize("\"José\" = x")
        #expect(tokens.map(\.range) == [SourceRange(0, 7), SourceRange(8, 9), SourceRange(10, 11), SourceRange(11, 11)])
    }

    @Test("reports an unterminated string from its opening quote to the end")
    func unterminatedString() throws {
        let error = try #require(lexError("source = \"Refer"))
        #expect(error.id == "formula.syntax")
        #expect(error.message.contains("unterminated string"))
        #expect(error.range == SourceRange(9, 15))
        #expect(lexError("'abc\\'")?.message.contains("closing '") == true)
    }

    @Test("reports an unterminated back-quoted name")
    func unterminatedQuotedName() throws {
        let error = try #require(lexError("`Deal Owner"))
        #expect(error.message.contains("unterminated quoted name"))
        #expect(error.range == SourceRange(0, 11))
    }

    @Test("reports a month outside 01-12 with the literal's range")
    func badMonth() throws {
        let error = try #require(lexError("during 2024-13"))
        #expect(error.message.contains("month 13"))
        #expect(error.range == SourceRange(7, 14))
        #expect(lexError("2024-00")?.message.contains("month 0") == true)
    }

    @Test("reports an impossible date with the literal's range")
    func badDate() throws {
        let error = try #require(lexError("x = 2024-02-30"))
        #expect(error.message.contains("'2024-02-30' is not a valid date"))
        #expect(error.range == SourceRange(4, 14))
        #expect(lexError("2023-02-29") != nil)
        #expect(lexError("2024-02-29") == nil)
    }

    @Test("reports an unknown duration unit at the suffix")
    func unknownDurationUnit() throws {
        let error = try #require(lexError("5x"))
        #expect(error.message.contains("unknown duration unit 'x'"))
        #expect(error.range == SourceRange(1, 2))
        #expect(lexError("amount > 10 + 3kg")?.range == SourceRange(15, 17))
    }

    @Test("reports an unexpected ASCII character")
    func unexpectedCharacter() throws {
        for (source, offset) in [("a # b", 2), ("a ! b", 2), ("x;", 1), ("a @ b", 2), ("{", 0), ("25 %", 3)] {
            let error = try #require(lexError(source), "\(source)")
            #expect(error.message.hasPrefix("unexpected character"))
            #expect(error.range == SourceRange(offset, offset + 1))
        }
    }

    @Test("reports an unexpected multi-byte character with its whole UTF-8 range")
    func unexpectedMultiByteCharacter() throws {
        let error = try #require(lexError("amount > 5€"))
        #expect(error.range.start == 10)
        let euro = try #require(lexError("amount € 5"))
        #expect(euro.message == "unexpected character '€'")
        #expect(euro.range == SourceRange(7, 10))
        // Smart quotes pasted from a document are not names.
        #expect(lexError("source = “Web”")?.message == "unexpected character '“'")
    }

    @Test("the lexer's next() ends with an empty end token, repeatedly")
    func endToken() throws {
        var lexer = Lexer("  ")
        #expect(try lexer.next() == Token(.end, SourceRange(2, 2)))
        #expect(try lexer.next().kind == .end)
    }
}
