import KPICore
import Testing

@testable import KPIFormula

/// The print → parse classes the formula fuzzer found (Fuzz/FINDINGS.md), one test each; the
/// inputs themselves are replayed from Fuzz/corpus/formula/regressions/.
@Suite("Printer: fuzz findings")
struct PrinterFuzzFindingsTests {
    private func roundTrips(_ source: String) throws -> String {
        let statement = try Parser.parseStatement(source)
        let printed = Printer.print(statement)
        #expect(try Parser.parseStatement(printed) == statement, "\(printed)")
        return printed
    }

    @Test("prints integer literals beyond 2^53 as digits, so they read back as integers")
    func longIntegers() throws {
        #expect(try roundTrips(String(repeating: "1", count: 39)) == "111111111111111100000000000000000000000")
        #expect(try roundTrips("99999999999999999999") == "100000000000000000000")
        // A period literal is a whole number; `2.0233e+24` was no period at all.
        #expect(try roundTrips("c>=0 during 2023333333333333366666631") == "(c >= 0) during 2023333333333333400000000")
    }

    @Test(
        "integer digits read back as the same double, without a point or an exponent",
        arguments: [
            1e15, 9007199254740992, 9007199254740994, 123456789012345680, 1e22, 1e23, 2.0233333333333334e24,
            1.1111111111111111e38, 0x1p1023, 1.7976931348623157e308, -3e20,
        ])
    func integerDigits(value: Double) {
        let text = Printer.integerDigits(value)
        #expect(Double(text) == value, "\(text)")
        #expect(!text.contains(".") && !text.contains("e"), "\(text)")
    }

    @Test("escapes a quote followed by a combining mark, which is one Character with it")
    func quoteBeforeCombiningMark() throws {
        let printed = Printer.print(Expr(.string("s\"\u{619}in\n\n\u{0}x\"\u{489}")))
        #expect(printed == "\"s\\\"\u{619}in\\n\\n\u{0}x\\\"\u{489}\"")
        #expect(try Parser.parseQuery(printed).expr == Expr(.string("s\"\u{619}in\n\n\u{0}x\"\u{489}")))
        #expect(try roundTrips("\"a\"\"\u{619}b\"") == "\"a\\\"\u{619}b\"")
    }

    @Test("leaves bare the names the lexer reads bare, a non-ASCII digit first among them")
    func nonASCIIDigitFirst() throws {
        #expect(try roundTrips("\u{7C9}arl") == "\u{7C9}arl")
        #expect(try Parser.parseQuery("\u{7C9}arl").expr == Expr(.name("\u{7C9}arl", quoted: false)))
        #expect(try roundTrips("`\u{7C9}arl`") == "`\u{7C9}arl`")
        #expect(Printer.print(Expr(.name("a--b", quoted: false))) == "`a--b`")
        #expect(Printer.print(Expr(.name("x ", quoted: false))) == "`x `")
    }

    @Test("a KPI definition reads back the same though its formula prints differently from how it was written")
    func kpiDefinitionText() throws {
        #expect(try roundTrips("kpi d= areS+eque24--04-01 a comment") == "kpi d = (areS + eque24)")
        #expect(try roundTrips("kpi d = a+b unit `per lead`, \"x\"") == "kpi d = (a + b) unit `per lead`, \"x\"")
    }

    @Test("parenthesises a measure or group key after a comma that would read as a KPI definition's options")
    func listItemsThatLookLikeOptions() throws {
        #expect(try roundTrips("leclosetu  by \"won\",(\"lost\")") == "leclosetu by \"won\", (\"lost\")")
        #expect(try roundTrips("count(leads), (\"x\")") == "count(leads), (\"x\")")
        #expect(try roundTrips("a by b, (higher), (unit.x)") == "a by b, (higher), (unit.x)")
        #expect(try roundTrips("kpi k = a, (lower) by b, (\"c\"), \"d\"") == "kpi k = a, (lower) by b, (\"c\"), \"d\"")
    }

    @Test("parenthesises a negated operand that starts with a minus and a combining mark, one Character together")
    func negationBeforeCombiningMark() throws {
        let printed = try roundTrips("- -\u{489}a")
        #expect(printed == "-(-\u{489}a)")
        #expect(!printed.contains("--"))
    }
}
