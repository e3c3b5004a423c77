import Foundation
import Testing

/// Issue 12's acceptance checks through the built `kpi` on the demo CRM: caveats reach the user
/// in every format, and the dates a relative period used are printed.
@Suite("kpi notes and periods in every format")
struct CLINotesTests {
    @Test("kpi eval 'win_rate where source = \"Refferal\"' --format json has a note naming \"Referral\"")
    func noMatchJSON() throws {
        let run = try CLI.run(["eval", "win_rate where source = \"Refferal\"", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let object = try run.jsonObject()
        let notes = try #require(object["notes"] as? [[String: String]], "\(run)")
        #expect(notes.contains { $0["kind"] == "no-match" && $0["message"]?.contains("did you mean \"Referral\"?") == true }, "\(notes)")
        #expect(object["small_sample"] as? Bool == true)
    }

    @Test("a windowed series prints its dates and what it left out, in the table and on CSV's stderr")
    func periodAndOutside() throws {
        let table = try CLI.run(["eval", "revenue by month during last 3 months"])
        #expect(table.status == 0, "\(table)")
        // The demo's as-of is 2024-12-31 23:59: December is the current month, not over yet.
        #expect(
            table.stdout.contains(
                "period: last 3 months = 2024-09-01 – 2024-11-30; December so far not included (last 3 months to date includes it)"), "\(table)")
        #expect(table.stdout.contains("with closed_at outside "), "\(table)")
        let csv = try CLI.run(["eval", "revenue by month during last 3 months", "--format", "csv"])
        #expect(csv.status == 0, "\(csv)")
        let records = try CSVRecords.records(csv.stdout)
        #expect(records.first?.first == "month" && records.count == 4, "\(csv)")
        #expect(!csv.stdout.contains("note:") && !csv.stdout.contains("period:"), "\(csv)")
        #expect(csv.stderr.contains("period: last 3 months = ") && csv.stderr.contains("note: "), "\(csv)")
    }

    @Test("a weekly series marks its partial first and last weeks in JSON")
    func partialWeeksJSON() throws {
        let run = try CLI.run(["eval", "count(leads) by week", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let object = try run.jsonObject()
        let rows = try #require(object["rows"] as? [[String: Any]], "\(run)")
        let partial = rows.indices.filter { rows[$0]["partial"] as? Bool == true }
        #expect(partial.contains(rows.count - 1), "the last week runs to the as-of: \(rows.suffix(2))")
        let notes = try #require(object["notes"] as? [[String: String]])
        #expect(notes.contains { $0["kind"] == "partial-period" }, "\(notes)")
    }
}
