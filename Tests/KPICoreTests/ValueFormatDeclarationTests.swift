import Testing

@testable import KPICore

@Suite("Value formats: declared formats")
struct ValueFormatDeclarationTests {
    @Test(
        "a mapping's format string: orders, decimal separators, patterns",
        arguments: [
            ("dmy", FormatDeclaration(dateOrder: .dmy)),
            ("MDY", FormatDeclaration(dateOrder: .mdy)),
            (" ymd ", FormatDeclaration(dateOrder: .ymd)),
            ("day-first", FormatDeclaration(dateOrder: .dmy)),
            ("decimal-comma", FormatDeclaration(decimalComma: true)),
            ("decimal_comma", FormatDeclaration(decimalComma: true)),
            ("decimal-point", FormatDeclaration(decimalComma: false)),
            ("DD/MM/YYYY HH:mm", FormatDeclaration(datePattern: "DD/MM/YYYY HH:mm")),
            ("D MMM YYYY", FormatDeclaration(datePattern: "D MMM YYYY")),
            ("MM/DD/YY h:mm a", FormatDeclaration(datePattern: "MM/DD/YY h:mm a")),
            ("dd/mm/yyyy", FormatDeclaration(datePattern: "dd/mm/yyyy")),
            ("YYYY-MM", FormatDeclaration(datePattern: "YYYY-MM")),
        ])
    func parses(text: String, expected: FormatDeclaration) {
        #expect(FormatDeclaration(parsing: text) == expected)
    }

    @Test(
        "anything else is not understood",
        arguments: [
            "", "european", "DD/MM", "hh:mm", "DD/MM/YYYY hh:mm", "DD/MM/YYYY HH:mm a", "DD/MM/YYY", "DDD/MM/YYYY",
            "DD/MM/YYYY QQ", "YYYY-MM-DD HH:ss", "MM/DD/YYYY MM", "decimal comma", "YYYY-MM-DD Z",
        ])
    func rejects(text: String) {
        #expect(FormatDeclaration(parsing: text) == nil)
    }

    @Test("an invalid pattern set directly is ignored: the values decide")
    func invalidPatternIgnored() {
        let context = CoercionContext(declared: FormatDeclaration(datePattern: "nonsense"))
        #expect(ValueFormatFixture.instant("2024-01-05", context) == "2024-01-05T00:00:00Z")
    }

    @Test("a decimal-comma declaration beats the values")
    func decimalCommaBeatsValues() {
        let outcome = ValueFormatFixture.outcome(
            ["1,234.56", "1.234"], .number, CoercionContext(declared: FormatDeclaration(decimalComma: true)))
        #expect(ValueFormatFixture.cells(outcome) == ["null", "1234.0"])
    }
}
