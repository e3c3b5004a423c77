import Testing

@testable import KPICore

@Suite("Value formats: numbers and money")
struct ValueFormatNumberTests {
    typealias V = ValueFormatFixture

    /// One value read alone as a number; `nil` when it is not read.
    static func number(
        _ text: String, _ type: CanonicalType = .number, _ context: CoercionContext = CoercionContext()
    )
        -> Double?
    {
        V.outcome([text], type, context).column.value(at: 0).doubleValue
    }

    @Test(
        "accepted forms",
        arguments: [
            ("12", 12), ("-3.5", -3.5), ("1e5", 100_000), ("1.5E-3", 0.0015), (".5", 0.5), ("+7", 7),
            ("\u{2212}2", -2), ("$923.00 ", 923), ("\u{A0}$923.00\u{202F}", 923), ("$1,250.50", 1250.5),
            ("1,40,000.00", 140_000), ("12,34,56,789", 123_456_789), ("(1,234.50)", -1234.5), ("($5)", -5),
            ("$(5)", -5), ("( 5 )", -5), ("-$5", -5), ("$-5", -5), ("$ 5", 5), ("5 $", 5), ("€5", 5), ("5€", 5),
            ("5 €", 5), ("-5 €", -5), ("1.234,56 €", 1234.56), ("EUR 1.234,56", 1234.56), ("1 234,56", 1234.56),
            ("1\u{A0}234,56", 1234.56), ("1\u{202F}234,56", 1234.56), ("1'234.50", 1234.5), ("1\u{2019}234.50", 1234.5),
            ("R$ 1.234,56", 1234.56), ("US$5", 5), ("HK$ 1,000", 1000), ("CHF 1'234.50", 1234.5), ("1 234 kr", 1234),
            ("12,50 zł", 12.5), ("₹1,40,000", 140_000), ("Rs. 1,40,000", 140_000), ("5EUR", 5), ("usd 5", 5),
            ("0,5", 0.5), ("0.500", 0.5), ("1 234 567", 1_234_567), ("1.234.567", 1_234_567),
            ("£1,234,567.89", 1_234_567.89),
            ("¥1,000", 1000), ("₩1,000", 1000), ("₽5", 5), ("₺5", 5), ("₪5", 5), ("A$5", 5), ("C$5", 5), ("NZ$5", 5),
            ("S$5", 5), ("Fr 5", 5), ("45%", 0.45), ("12.5 %", 0.125), ("-0", 0),
        ] as [(String, Double)])
    func accepted(text: String, expected: Double) {
        #expect(Self.number(text) == expected)
    }

    @Test(
        "not numbers",
        arguments: [
            "12.5k", "three", "1e", "NaN?", "1h", "$", "nan", "inf", "1,2,5", "1.2.3,4,5", "--5", "(-5)", "5%€",
            "1,23,4",
            "12 3", "1..5", "5.", "1,", ",", "0,500,000", "12,3456,789", "$$5", "5 $ $", "e5", "1e5%x", "12-", "1 2",
            "USDX 5", "1.234.56", "1,234,56.78", "(5", "5)",
        ])
    func notNumbers(text: String) {
        let outcome = V.outcome([text], .number)
        #expect(V.cells(outcome) == ["null"])
        #expect(outcome.issues.map(\.kind) == [.notANumber])
    }

    @Test("currency: the column's is the majority; another currency or one in a bare column is an issue")
    func currencyMajority() {
        let dollars = V.outcome(["$5", "$6", "€7", "USD 8", "0", "9"], .money)
        #expect(V.cells(dollars) == ["5.0", "6.0", "null", "8.0", "0.0", "9.0"])
        #expect(V.issues(dollars) == ["2 not-a-number €7"])
        #expect(dollars.issues[0].detail == "€ where the column's amounts are in $")
        #expect(dollars.format == "$ (1234.56)")

        let bare = V.outcome(["12500", "13000", "$12500"], .number)
        #expect(V.issues(bare) == ["2 not-a-number $12500"])
        #expect(bare.issues[0].detail == "a currency sign ($) where the column's numbers have none")
    }

    @Test("zeros show no currency: many bare zeros do not outvote the amounts")
    func zerosDoNotVote() {
        let outcome = V.outcome(["$1,200.00", "0", "0", "0", "0.00"], .money)
        #expect(outcome.issues.isEmpty)
        #expect(outcome.format == "$ (1,234.56)")
    }

    @Test("a tie between a feature and none goes to the feature")
    func tiesReadMore() {
        #expect(V.outcome(["$5", "6"], .money).issues.isEmpty)
        #expect(V.outcome(["1,200", "1300"], .number).issues.isEmpty)
    }

    @Test("decimal comma or grouping comma: decided by the values, ambiguous alone is grouping")
    func decimalComma() {
        let comma = V.outcome(["1,5", "12,50", "1.234,56", "1,234", "1.234"], .number)
        #expect(V.cells(comma) == ["1.5", "12.5", "1234.56", "1.234", "1234.0"])
        #expect(comma.format == "decimal comma (1.234,56)")
        let grouping = V.outcome(["1,234.56", "1,234", "1.5"], .number)
        #expect(V.cells(grouping) == ["1234.56", "1234.0", "1.5"])
        #expect(V.cells(V.outcome(["1,234"], .number)) == ["1234.0"])
        let declared = V.outcome(
            ["1,234"], .number, CoercionContext(declared: FormatDeclaration(parsing: "decimal-comma")))
        #expect(V.cells(declared) == ["1.234"])
        let pointDeclared = V.outcome(
            ["1,5", "2"], .number, CoercionContext(declared: FormatDeclaration(parsing: "decimal_point")))
        #expect(V.issues(pointDeclared) == ["0 not-a-number 1,5"])
    }

    @Test("a decimal separator against the column's is an issue")
    func decimalConflict() {
        let outcome = V.outcome(["1,5", "2,5", "3.5"], .number)
        #expect(V.issues(outcome) == ["2 not-a-number 3.5"])
        #expect(outcome.issues[0].detail == "a decimal point where the column's numbers use a decimal comma")
        let point = V.outcome(["1.5", "2.5", "3,5"], .number)
        #expect(point.issues[0].detail == "a decimal comma where the column's numbers use a decimal point")
    }

    @Test("grouping presents a number: once the decimal separator is settled, any grouping reads")
    func groupingMixes() {
        // A HubSpot amount column mixes "2,400" and 8000; a Salesforce one "1,40,000" and "140,000".
        let bare = V.outcome(["12500", "13000", "1,200"], .number)
        #expect(V.cells(bare) == ["12500.0", "13000.0", "1200.0"])
        #expect(bare.issues.isEmpty)
        #expect(V.outcome(["1,200", "1,300", "12500", "7"], .number).issues.isEmpty)
        let spaces = V.outcome(["1 200,5", "1 300,5", "1.400,5"], .number)
        #expect(V.cells(spaces) == ["1200.5", "1300.5", "1400.5"])
        #expect(spaces.format == "decimal comma, space grouping (1 234,56)")
        // Grouping that cannot be grouping under the column's decimal separator is not a number.
        let point = V.outcome(["1.5", "2.5", "1,2345"], .number)
        #expect(V.issues(point) == ["2 not-a-number 1,2345"])
    }

    @Test("Indian grouping: shown when most values use it; thousands grouping reads beside it")
    func indianGrouping() {
        let outcome = V.outcome(["$1,40,000.00", "$12,34,56,789", "$1,234,567", "$10,000", "$923.00 "], .money)
        #expect(V.cells(outcome) == ["140000.0", "123456789.0", "1234567.0", "10000.0", "923.0"])
        #expect(outcome.issues.isEmpty)
        #expect(outcome.format == "$ with Indian grouping (1,40,000.00)")
        let thousands = V.outcome(["1,234,567", "2,345,678", "1,40,000"], .number)
        #expect(V.cells(thousands) == ["1234567.0", "2345678.0", "140000.0"])
    }

    @Test("parentheses and signs around currencies")
    func negatives() {
        let outcome = V.outcome(["(1,234.50)", "-$5", "$-5", "($5.00)", "$5"], .money)
        #expect(V.cells(outcome) == ["-1234.5", "-5.0", "-5.0", "-5.0", "5.0"])
    }

    @Test("percentages: a fraction for numbers, an issue for money and ints, a feature for the majority")
    func percentages() {
        #expect(V.cells(V.outcome(["45%", "12.5 %", "0"], .number)) == ["0.45", "0.125", "0.0"])
        #expect(V.outcome(["45%", "50%"], .number).format == "percent (45.5%)")
        let money = V.outcome(["$5", "45%"], .money)
        #expect(money.issues.first?.detail == "a percentage where an amount of money is expected")
        let bare = V.outcome(["5", "6", "7%"], .number)
        #expect(bare.issues.first?.detail == "a percent sign where the column's numbers have none")
    }

    @Test("ints: grouping and whole decimals; fractions and percentages are not-an-integer")
    func integers() {
        let outcome = V.outcome(["3", "3.0", "1,000", "1e3", "3.5", "45%", "x", "9007199254740993", "-12"], .int)
        #expect(V.cells(outcome) == ["3", "3", "1000", "1000", "null", "null", "null", "9007199254740993", "-12"])
        #expect(outcome.issues.map(\.kind) == [.notAnInteger, .notAnInteger, .notAnInteger])
        #expect(
            outcome.issues.map(\.detail) == [
                "not a whole number", "a percentage where a whole number is expected", "not a number",
            ])
        #expect(V.outcome(["1,000", "2,000"], .int).format == "grouped thousands (1,234)")
        #expect(V.outcome(["99999999999999999999"], .int).issues.map(\.kind) == [.notAnInteger])
    }

    @Test("the formats people read")
    func formats() {
        #expect(V.outcome(["12", "-3.5", "1e5"], .number).format == nil)
        #expect(V.outcome(["1.234,56 €", "12,00 €"], .money).format == "€ with decimal comma (1.234,56)")
        #expect(V.outcome(["1'234.50", "2'000.00"], .number).format == "apostrophe grouping (1'234.56)")
    }

    @Test("null words and blanks in number columns")
    func nullWords() {
        let outcome = V.outcome(["N/A", "-", "#N/A", "(blank)", "None", "", "  ", "5"], .number)
        #expect(V.cells(outcome) == ["null", "null", "null", "null", "null", "null", "null", "5.0"])
        #expect(outcome.issues.map(\.kind) == Array(repeating: .nullWord, count: 5))
    }

    @Test("large and tiny values are parsed exactly as the standard library does")
    func precision() {
        for text in [
            "123456789012345678901234567890", "0.1", "0.30000000000000004", "1.7976931348623157e308", "5e-324",
            "4.9e-324", "2.2250738585072014e-308",
        ] {
            #expect(Self.number(text) == Double(text), "\(text)")
        }
        #expect(Self.number("1e400") == nil)
    }
}
