import Foundation
import KPICore
import KPIDemo
import KPIFormula
import Testing

@testable import KPIEngine

/// Issue 12: a result says what a reader must know to read it right — as data, so that every
/// format can show it (rendering is tested in KPIReplTests).
@Suite("Result notes: no-match, rows outside a series, partial periods, the current period, loading")
struct ResultNotesTests {
    static func demo(asOf: String? = nil) throws -> Session {
        let options = SessionOptions(asOf: asOf.flatMap { ISO8601.parse($0)?.milliseconds })
        let session = Session(registry: try EngineFixture.registry(), options: options)
        try session.add(tables: DemoCRM.make().tables, source: "demo")
        return session
    }

    /// Leads written out by hand: (created_at, status, closed_at, amount).
    static func leads(_ rows: [(String, String, String?, Double?)], asOf: String? = nil) throws -> Session {
        let ts: (String) -> Value = { .timestamp(ISO8601.parse($0)!.milliseconds) }
        let table = Table(
            name: "leads",
            columns: [
                Column(name: "lead_id", type: .int, values: rows.indices.map { .int(Int64($0 + 1)) }),
                Column(name: "created_at", type: .timestamp, values: rows.map { ts($0.0) }),
                Column(name: "source", type: .text, values: rows.map { _ in .text("Web") }),
                Column(name: "rep", type: .text, values: rows.map { _ in .text("Ana") }),
                Column(name: "status", type: .text, values: rows.map { .text($0.1) }),
                Column(name: "closed_at", type: .timestamp, values: rows.map { $0.2.map(ts) ?? .null }),
                Column(name: "amount", type: .double, values: rows.map { $0.3.map(Value.double) ?? .null }),
            ])
        let options = SessionOptions(asOf: asOf.flatMap { ISO8601.parse($0)?.milliseconds })
        let session = Session(registry: try EngineFixture.registry(), options: options)
        try session.add(tables: [table], source: "test")
        return session
    }

    @Test("a filter value no row holds says so, with the nearest value the column has")
    func noMatch() throws {
        let session = try Self.demo()
        let result = try session.evaluate("win_rate where source = \"Refferal\"")
        let note = try #require(result.notes.first { $0.kind == .noMatch })
        #expect(note.message == "no row of leads has source \"Refferal\" (did you mean \"Referral\"?)")
        // A value that matches and a negated test say nothing; a typo inside an `in` list is named.
        #expect(try session.evaluate("win_rate where source = \"Referral\"").notes.allSatisfy { $0.kind != .noMatch })
        let list = try session.evaluate("win_rate where source in (\"Refferal\", \"Email\")").notes.filter { $0.kind == .noMatch }
        #expect(list.map(\.message) == ["no row of leads has source \"Refferal\" (did you mean \"Referral\"?)"])
        #expect(try session.evaluate("win_rate where source != \"Refferal\"").notes.allSatisfy { $0.kind != .noMatch })
        // A rep's name one letter off, inside a grouped KPI.
        let rep = try session.evaluate("win_rate by source where rep = \"Maya Patell\"")
        #expect(rep.notes.contains { $0.kind == .noMatch && $0.message.contains("did you mean \"Maya Patel\"") })
    }

    @Test("a comparison carries its runs' notes once, and lists statuses in funnel order")
    func comparisonNotes() throws {
        let session = try Self.demo()
        let comparison = try session.compare("compare win_rate where source = \"Refferal\" vs previous")
        #expect(comparison.notes.map(\.message) == ["no row of leads has source \"Refferal\" (did you mean \"Referral\"?)"])
        let team = try session.compare("compare win_rate by source where rep = \"Maya Patell\" vs team")
        #expect(team.notes.contains { $0.kind == .noMatch && $0.message.contains("\"Maya Patel\"") })
        let byStatus = try session.compare("compare count(leads) by status vs previous")
        #expect(byStatus.rows.map { $0.keys[0].description }.prefix(3) == ["new", "contacted", "qualified"])
    }

    @Test("a during window counts the rows of the KPI's basis it leaves out")
    func outsideWindow() throws {
        let session = try Self.demo()
        let result = try session.evaluate("revenue by month during last 3 months")
        let won = try #require(try session.evaluate("count(leads where status = \"won\" and closed_at is not null)").scalar?.value)
        let inside = try #require(try session.evaluate("count(leads where status = \"won\") on closed_at during last 3 months").scalar?.value)
        let note = try #require(result.notes.first { $0.kind == .outsideSeries })
        let outside = Int(won - inside)
        #expect(outside > 0)
        let grouped = outside >= 1000 ? "\(outside / 1000),\(String(format: "%03d", outside % 1000))" : "\(outside)"
        #expect(note.message.hasPrefix("\(grouped) leads with closed_at outside "), "\(note)")
        // Without a window nothing is outside, and the series adds up to the total.
        let whole = try session.evaluate("revenue by month")
        #expect(!whole.notes.contains { $0.kind == .outsideSeries && $0.message.contains("outside") })
        let total = try #require(try session.evaluate("revenue").scalar?.value)
        #expect(abs(whole.rows.compactMap(\.measure.value).reduce(0, +) - total) < 1e-6)
    }

    @Test("rows with no date in the series' basis are counted: they are in no period")
    func undated() throws {
        let session = try Self.leads([
            ("2024-01-03T10:00:00Z", "won", "2024-01-20T10:00:00Z", 100), ("2024-01-04T10:00:00Z", "won", nil, 50),
            ("2024-02-01T10:00:00Z", "won", "2024-02-10T10:00:00Z", 200),
        ])
        let result = try session.evaluate("revenue by month")
        #expect(result.rows.map(\.measure.value) == [100, 200])
        #expect(
            result.notes.contains { $0.kind == .outsideSeries && $0.message == "1 lead has no closed_at, so it is in no month" }, "\(result.notes)")
    }

    @Test("first and last periods covered only in part are marked, and the note says why")
    func partialPeriods() throws {
        // Data from Wednesday 2024-01-03 to Tuesday 2024-01-16; as-of at the last lead.
        let session = try Self.leads([
            ("2024-01-03T10:00:00Z", "new", nil, nil), ("2024-01-09T10:00:00Z", "new", nil, nil), ("2024-01-16T10:00:00Z", "new", nil, nil),
        ])
        let weeks = try session.evaluate("count(leads) by week")
        #expect(weeks.rows.map { $0.keys[0].description } == ["2024-01-01", "2024-01-08", "2024-01-15"])
        #expect(weeks.rows.map(\.isPartial) == [true, false, true])
        let note = try #require(weeks.notes.first { $0.kind == .partialPeriod })
        #expect(note.message.contains("2024-01-01 is a partial week: the data starts 2024-01-03"), "\(note)")
        #expect(note.message.contains("2024-01-15 is a partial week: it runs to the as-of 2024-01-16"), "\(note)")
        // A whole month of data is no partial month at its start; January runs to the as-of.
        let months = try session.evaluate("count(leads) by month")
        #expect(months.rows.map(\.isPartial) == [true])
    }

    @Test("last N months leaves the current month out and says so; to date includes it")
    func currentPeriod() throws {
        let session = try Self.demo(asOf: "2024-12-14T12:00:00Z")
        let last = try session.evaluate("count(leads) during last 6 months")
        let period = try #require(last.period)
        #expect(period.dates == "2024-06-01 – 2024-11-30")
        #expect(period.description == "last 6 months = 2024-06-01 – 2024-11-30; December so far not included (last 6 months to date includes it)")
        let toDate = try session.evaluate("count(leads) during last 6 months to date")
        let whole = try #require(toDate.period)
        #expect(ISO8601.formatDate(milliseconds: whole.start) == "2024-07-01")
        #expect(whole.end == ISO8601.parse("2024-12-14T12:00:00Z")!.milliseconds + 1)
        #expect(whole.leftOut == nil)
        let quarters = try session.evaluate("count(leads) during last 2 quarters")
        #expect(
            quarters.period?.description
                == "last 2 quarters = 2024-04-01 – 2024-09-30; 2024-Q4 so far not included (last 2 quarters to date includes it)")
        // By month, to date: December is the last, partial row.
        let series = try session.evaluate("count(leads) by month during last 3 months to date")
        #expect(series.rows.map { $0.keys[0].description } == ["2024-10", "2024-11", "2024-12"])
        #expect(series.rows.map(\.isPartial) == [false, false, true])
        // The sum over the months is the windowed total.
        let total = try #require(try session.evaluate("count(leads) during last 3 months to date").scalar?.value)
        #expect(series.rows.compactMap(\.measure.value).reduce(0, +) == total)
    }

    @Test("cells that could not be read, and an assumed day/month order, are noted where a result reads them")
    func loading() throws {
        let scratch = try TemporaryDirectory("kpikit-notes")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        let csv = """
            lead_id,created_at,source,rep,status
            1,03/04/2024,Web,Ana,new
            2,05/06/2024,Web,Ana,won
            3,not a date,Ads,Bo,new
            4,07/08/2024,Ads,Bo,lost

            """
        try csv.write(to: folder.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
        let session = try EngineFixture.session()
        _ = try session.load(folder.appendingPathComponent("leads.csv").path)
        let byMonth = try session.evaluate("count(leads) by month")
        let loading = byMonth.notes.filter { $0.kind == .loading }.map(\.message)
        #expect(loading.contains { $0.hasPrefix("leads.created_at: ") && $0.contains("assumed") }, "\(loading)")
        #expect(loading.contains("1 cell of leads.created_at could not be read and count as empty (.rejects lists them)"), "\(loading)")
        // A result that does not read created_at says nothing about it.
        let bySource = try session.evaluate("count(leads where source = \"Web\") by rep")
        #expect(!bySource.notes.contains { $0.kind == .loading }, "\(bySource.notes)")
    }
}
