import Testing

@testable import KPICore

@Suite("Value formats: typing text columns no field took")
struct ValueFormatInferenceTests {
    typealias V = ValueFormatFixture

    static func infer(
        _ cells: [String?], _ context: CoercionContext = CoercionContext()
    ) -> (
        type: CanonicalType, outcome: CoercionOutcome
    )? {
        ColumnCoercion.inferType(SchemaFixture.text("c", cells), context: context)
    }

    @Test(
        "ids, zip codes, plain numbers and words stay text",
        arguments: [
            ["02134", "10001", "94103"], ["1001", "1002"], ["1.5", "2.25"], ["Alice", "Bob"], ["1", "0"],
            ["$5", "hello"], ["12/31/2023", "2024-01-05"], ["N/A", ""], ["1,5", "2.5"], ["$1,200", "02134"],
            ["Y", "N", "maybe"], ["-5", "7"],
        ])
    func staysText(cells: [String]) {
        #expect(Self.infer(cells) == nil)
    }

    @Test("amounts with a currency are money; other formatted numbers are numbers")
    func numbers() throws {
        let money = try #require(Self.infer(["$1,200.00", "$5", "N/A", "0"]))
        #expect(money.type == .money)
        #expect(V.cells(money.outcome) == ["1200.0", "5.0", "null", "0.0"])
        #expect(money.outcome.issues.map(\.kind) == [.nullWord])
        #expect(money.outcome.format == "$ (1,234.56)")
        let percent = try #require(Self.infer(["45%", "50%"]))
        #expect(percent.type == .number)
        #expect(V.cells(percent.outcome) == ["0.45", "0.5"])
        #expect(try #require(Self.infer(["1.234,56", "12,50"])).type == .number)
        #expect(try #require(Self.infer(["1,234", "12"])).type == .number)
        #expect(try #require(Self.infer(["(12)", "15"])).type == .number)
    }

    @Test("dates are stored as dates, timestamps as timestamps")
    func dates() throws {
        let dates = try #require(Self.infer(["12/31/2023", "1/1/2024", ""]))
        #expect(dates.type == .timestamp)
        #expect(dates.outcome.column.type == .date)
        #expect(dates.outcome.column.value(at: 0) == .date(SchemaFixture.ms("2023-12-31")))
        #expect(dates.outcome.format == "M/D/YYYY")
        let timestamps = try #require(Self.infer(["2024-01-05 10:00", "2024-01-06"]))
        #expect(timestamps.outcome.column.type == .timestamp)
        #expect(try #require(Self.infer(["5 Jan 2024"])).outcome.column.type == .date)
    }

    @Test("truth words are booleans, 1/0 are not")
    func booleans() throws {
        let flags = try #require(Self.infer(["Y", "N", "y", "NULL"]))
        #expect(flags.type == .bool)
        #expect(V.cells(flags.outcome) == ["true", "false", "true", "null"])
        #expect(flags.outcome.format == "y/n")
        #expect(try #require(Self.infer(["Yes", "no"])).outcome.format == "yes/no")
        #expect(try #require(Self.infer(["TRUE", "false"])).outcome.format == nil)
    }

    @Test("a declared format is used")
    func declared() throws {
        let context = CoercionContext(declared: FormatDeclaration(datePattern: "YYYYMMDD"))
        let dates = try #require(Self.infer(["20240105", "20240106"], context))
        #expect(dates.outcome.column.type == .date)
    }

    @Test("non-text columns are not inferred")
    func nonText() {
        #expect(ColumnCoercion.inferType(SchemaFixture.int("n", [1, 2]), context: CoercionContext()) == nil)
    }
}
