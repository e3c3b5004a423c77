import KPICore
import Testing

@testable import KPIFormula

/// The range of `period` text (as written after `during`) as ISO strings.
private func range(_ period: String, _ environment: FormulaEnvironment = Fixture.environment()) throws -> [String] {
    let syntax = try #require(try Parser.parseQuery("count(leads) during \(period)").during)
    let (start, end) = try PeriodResolver(environment: environment).range(of: syntax)
    return [ISO8601.format(milliseconds: start), ISO8601.format(milliseconds: end)]
}

/// The end of the as-of instant's millisecond, where rolling and to-date periods end.
private let asOfEnd = "2024-05-15T12:00:00.001Z"

@Suite("Periods")
struct PeriodTests {
    @Test(
        "resolves calendar literals to whole periods",
        arguments: [
            ("2024", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
            ("2024-Q2", "2024-04-01T00:00:00Z", "2024-07-01T00:00:00Z"),
            ("2024-Q4", "2024-10-01T00:00:00Z", "2025-01-01T00:00:00Z"),
            ("2024-10", "2024-10-01T00:00:00Z", "2024-11-01T00:00:00Z"),
            ("2024-12", "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z"),
            ("2024-02-29", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z"),
            ("2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z", "2024-03-01T10:00:00.001Z"),
        ])
    func literals(period: String, start: String, end: String) throws {
        #expect(try range(period) == [start, end])
    }

    @Test(
        "resolves relative periods against as-of (Wednesday 2024-05-15 12:00)",
        arguments: [
            ("last 90 days", "2024-02-15T12:00:00.001Z", asOfEnd),
            ("last 1 day", "2024-05-14T12:00:00.001Z", asOfEnd),
            ("last 2 weeks", "2024-05-01T12:00:00.001Z", asOfEnd),
            ("last 6 months", "2023-11-01T00:00:00Z", "2024-05-01T00:00:00Z"),
            ("last month", "2024-04-01T00:00:00Z", "2024-05-01T00:00:00Z"),
            ("last 2 quarters", "2023-10-01T00:00:00Z", "2024-04-01T00:00:00Z"),
            ("last year", "2023-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
            ("this day", "2024-05-15T00:00:00Z", asOfEnd),
            ("this week", "2024-05-13T00:00:00Z", asOfEnd),
            ("this month", "2024-05-01T00:00:00Z", asOfEnd),
            ("this quarter", "2024-04-01T00:00:00Z", asOfEnd),
            ("this year", "2024-01-01T00:00:00Z", asOfEnd),
            ("ytd", "2024-01-01T00:00:00Z", asOfEnd),
            ("qtd", "2024-04-01T00:00:00Z", asOfEnd),
            ("mtd", "2024-05-01T00:00:00Z", asOfEnd),
            ("wtd", "2024-05-13T00:00:00Z", asOfEnd),
        ])
    func relative(period: String, start: String, end: String) throws {
        #expect(try range(period) == [start, end])
    }

    @Test(
        "includes the whole last day, month or quarter of from ... to ...",
        arguments: [
            ("from 2024-01-01 to 2024-03-31", "2024-01-01T00:00:00Z", "2024-04-01T00:00:00Z"),
            ("from 2024-01 to 2024-Q2", "2024-01-01T00:00:00Z", "2024-07-01T00:00:00Z"),
            ("from 2023 to 2024-02", "2023-01-01T00:00:00Z", "2024-03-01T00:00:00Z"),
        ])
    func fromTo(period: String, start: String, end: String) throws {
        #expect(try range(period) == [start, end])
    }

    @Test("starts weeks on the configured day")
    func weekStart() throws {
        #expect(try range("this week", Fixture.environment(weekStart: 7)) == ["2024-05-12T00:00:00Z", asOfEnd])
        #expect(try range("wtd", Fixture.environment(weekStart: 3))[0] == "2024-05-15T00:00:00Z")
        #expect(try range("this week", Fixture.environment(weekStart: 4))[0] == "2024-05-09T00:00:00Z")
        let resolver = PeriodResolver(environment: Fixture.environment(weekStart: 1))
        // A Monday is its own week start; a Sunday belongs to the week before.
        #expect(resolver.startOfPeriod(containing: Fixture.instant("2024-05-13T23:59:59Z"), grain: .week) == Fixture.instant("2024-05-13"))
        #expect(resolver.startOfPeriod(containing: Fixture.instant("2024-05-19T23:59:59Z"), grain: .week) == Fixture.instant("2024-05-13"))
    }

    @Test("handles instants before 1970")
    func beforeEpoch() throws {
        let resolver = PeriodResolver(environment: Fixture.environment())
        #expect(resolver.startOfPeriod(containing: Fixture.instant("1969-12-31T23:00:00Z"), grain: .month) == Fixture.instant("1969-12-01"))
        #expect(resolver.startOfPeriod(containing: Fixture.instant("1969-12-31T23:00:00Z"), grain: .day) == Fixture.instant("1969-12-31"))
    }

    @Test("rejects a year outside four digits as a period")
    func badYear() throws {
        let syntax = try #require(try Parser.parseQuery("count(leads) during 24").during)
        #expect(throws: FormulaError.self) { try PeriodResolver(environment: Fixture.environment()).range(of: syntax) }
    }
}

@Suite("Fiscal years")
struct FiscalYearTests {
    static let april = Fixture.environment(fiscalYearStartMonth: 4)

    @Test("names fiscal years and quarters by the calendar year they end in")
    func labels() throws {
        let years = try evaluate("count(leads) by year", Self.april)
        #expect(years.rows.map(\.keys) == [[.int(2024)], [.int(2025)]])
        #expect(years.rows.map(\.measure.value) == [4, 4])
        let quarters = try evaluate("count(leads) by quarter", Self.april)
        #expect(quarters.rows.map(\.keys) == [[.text("2024-Q4")], [.text("2025-Q1")]])
    }

    @Test("current fiscal periods start in April")
    func relative() throws {
        #expect(try range("this year", Self.april)[0] == "2024-04-01T00:00:00Z")
        #expect(try range("ytd", Self.april)[0] == "2024-04-01T00:00:00Z")
        #expect(try range("last year", Self.april) == ["2023-04-01T00:00:00Z", "2024-04-01T00:00:00Z"])
        let february = Fixture.environment(fiscalYearStartMonth: 2)
        #expect(try range("this quarter", february)[0] == "2024-05-01T00:00:00Z")
        #expect(try range("last quarter", february) == ["2024-02-01T00:00:00Z", "2024-05-01T00:00:00Z"])
    }

    @Test("during a fiscal year or quarter selects the rows its label names")
    func literalsMatchLabels() throws {
        #expect(try range("2024", Self.april) == ["2023-04-01T00:00:00Z", "2024-04-01T00:00:00Z"])
        #expect(try range("2025-Q1", Self.april) == ["2024-04-01T00:00:00Z", "2024-07-01T00:00:00Z"])
        let year = try evaluate("count(leads) by year during 2024", Self.april)
        #expect(year.rows.map(\.keys) == [[.int(2024)]])
        #expect(year.rows.map(\.measure.value) == [4])
        let quarter = try evaluate("count(leads) by quarter during 2024-Q4", Self.april)
        #expect(quarter.rows.map(\.keys) == [[.text("2024-Q4")]])
        #expect(quarter.rows.map(\.measure.value) == [4])
        // A comparison with a quarter literal means the same quarter.
        #expect(try evaluate("count(leads where created_at = 2025-Q1)", Self.april).scalar?.value == 4)
    }
}
