import KPICore
import Testing

@testable import KPIFormula

@Suite("Periods: empty, reversed and out-of-calendar periods are errors with a caret")
struct PeriodRangeTests {
    @Test(
        "an empty or reversed period names itself, with carets under it",
        arguments: [
            ("count(leads) during from 2024 to 2023", "the period ends before it starts: from 2024 to 2023", "from 2024 to 2023"),
            (
                "count(leads) during from 2024-03-01 to 2024-01-01 by month", "the period ends before it starts: from 2024-03-01 to 2024-01-01",
                "from 2024-03-01 to 2024-01-01"
            ),
            ("count(leads) during last 0 days", "last 0 days is empty", "last 0 days"),
            ("count(leads) during last 0 months", "last 0 months is empty", "last 0 months"),
            ("count(leads) during last 0 weeks to date", "last 0 weeks to date is empty", "last 0 weeks to date"),
            ("count(leads) during last 0 quarters to date", "last 0 quarters to date is empty", "last 0 quarters to date"),
            ("lead_conversion_rate by month during last 0 years", "last 0 years is empty", "last 0 years"),
        ])
    func empty(text: String, message: String, underlined: String) throws {
        let error = try #require(formulaError(text))
        #expect(error.id == "formula.empty-period")
        #expect(error.message == message)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[error.range.start..<error.range.end], as: UTF8.self) == underlined)
        #expect(error.render(source: text).hasSuffix(String(repeating: "^", count: underlined.utf8.count)))
    }

    @Test(
        "a period reaching beyond the calendar is an error, not an overflow",
        arguments: [
            "count(leads) during last 1000000000 years",
            "count(leads) during last 1000000000 quarters to date",
            "count(leads) during last 1000000000 days",
            "count(leads) during last 1000000000 weeks",
        ])
    func outOfRange(text: String) throws {
        let error = try #require(formulaError(text))
        #expect(error.id == "formula.period-out-of-range")
        #expect(error.message.hasSuffix("reaches beyond the calendar (years -9999 to 9999)"))
    }

    @Test("the widest periods the calendar holds still run")
    func widest() throws {
        #expect(formulaError("count(leads) during from 0000-01-01 to 9999-12-31") == nil)
        #expect(formulaError("count(leads) during last 9000 years") == nil)
        #expect(formulaError("count(leads) during from 2024 to 2024") == nil)
    }

    @Test("the resolver refuses an empty period built without text too")
    func resolver() {
        #expect(throws: FormulaError.self) { try PeriodResolver(environment: Fixture.environment()).range(of: .last(count: 0, grain: .day)) }
    }
}

@Suite("Name suggestions stay cheap")
struct NameSuggesterBoundTests {
    @Test("a megabyte-long unknown name gets no suggestion, and near misses still do")
    func longName() throws {
        let long = String(repeating: "x", count: 1_000_000)
        #expect(NameSuggester.suggest(long, among: ["source", "status", String(repeating: "x", count: 20)]) == nil)
        let error = try #require(formulaError("count(leads where \(long) = 1)"))
        #expect(error.id == "formula.unknown-field")
        #expect(error.suggestion == nil)
        #expect(NameSuggester.suggest("sorce", among: ["status", "source"]) == "source")
        #expect(NameSuggester.suggest("SOURCES", among: ["source"]) == "source")
        #expect(NameSuggester.suggest("src", among: ["source"]) == nil)
    }
}

@Suite("Number literals beyond a double")
struct InfiniteLiteralTests {
    @Test(
        "a number or duration that overflows to infinity is a syntax error at the literal",
        arguments: [
            ("count(leads) * 1e400", "number '1e400' is out of range", "1e400"),
            ("avg(hours_between(created_at, closed_at)) of leads > 1e308w", "duration '1e308w' is out of range", "1e308w"),
        ])
    func infinite(text: String, message: String, literal: String) throws {
        let error = try #require(syntaxError(text))
        #expect(error.id == "formula.syntax")
        #expect(error.message == message)
        #expect(String(decoding: Array(text.utf8)[error.range.start..<error.range.end], as: UTF8.self) == literal)
    }
}
