import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// A CRM whose export has the errors real ones have: deals closed before they were created, a
/// lead contacted before it was created, a won deal without an amount or a close date, a
/// negative call duration. Every deal converts into an opportunity on the day after its creation.
///
/// | id | created_at       | source   | rep | status | first contact    | closed_at        | amount | cycle     |
/// |----|------------------|----------|-----|--------|------------------|------------------|--------|-----------|
/// | 1  | 2024-01-05 10:00 | Web      | Ann | won    | 2024-01-05 12:00 | 2024-02-04 10:00 | 1000   | 30        |
/// | 2  | 2024-02-10 00:00 | Web      | Ann | won    | 2024-02-09 20:00 | 2024-02-01 00:00 | 500    | −9        |
/// | 3  | 2024-03-01 12:00 | Referral | Bob | won    | 2024-03-01 13:00 | 2024-03-11 00:00 | –      | 9.5       |
/// | 4  | 2024-03-02 00:00 | Web      | Bob | won    | –                | –                | 200    | –         |
/// | 5  | 2024-01-20 00:00 | Web      | Ann | lost   | –                | 2024-01-10 00:00 | 90     | (lost)    |
/// | 6  | 2024-04-01 06:00 | Referral | Bob | won    | 2024-04-01 09:00 | 2024-03-20 00:00 | 300    | −12.25    |
private let leads = """
    lead_id,created_at,source,rep,status,first_contact_at,converted_at,closed_at,amount
    1,2024-01-05T10:00:00Z,Web,Ann,won,2024-01-05T12:00:00Z,2024-01-06T00:00:00Z,2024-02-04T10:00:00Z,1000
    2,2024-02-10T00:00:00Z,Web,Ann,won,2024-02-09T20:00:00Z,2024-02-10T00:00:00Z,2024-02-01T00:00:00Z,500
    3,2024-03-01T12:00:00Z,Referral,Bob,won,2024-03-01T13:00:00Z,2024-03-02T00:00:00Z,2024-03-11T00:00:00Z,
    4,2024-03-02T00:00:00Z,Web,Bob,won,,2024-03-03T00:00:00Z,,200
    5,2024-01-20T00:00:00Z,Web,Ann,lost,,2024-01-21T00:00:00Z,2024-01-10T00:00:00Z,90
    6,2024-04-01T06:00:00Z,Referral,Bob,won,2024-04-01T09:00:00Z,2024-04-02T00:00:00Z,2024-03-20T00:00:00Z,300
    """

/// Calls of 10, −5 and 20 minutes, and one without a duration.
private let activities = """
    activity_id,lead_id,rep,type,created_at,completed,duration_minutes
    1,1,Ann,call,2024-01-05T12:00:00Z,true,10
    2,2,Ann,call,2024-02-09T20:00:00Z,true,-5
    3,3,Bob,call,2024-03-01T13:00:00Z,true,20
    4,6,Bob,email,2024-04-01T09:00:00Z,true,
    """

private func session(leads: String = leads) throws -> (Session, TemporaryDirectory) {
    let folder = try TemporaryDirectory("kpikit-exclusions")
    try folder.write("leads.csv", leads)
    try folder.write("activities.csv", activities)
    let session = try EngineFixture.session()
    try session.load(folder.url.path)
    return (session, folder)
}

/// The notes `text` gets, computed as `Session.run` will for a query of one KPI.
private func notes(_ session: Session, _ text: String) throws -> [String] {
    let query = try Parser.parseQuery(text)
    guard case .result(_, let plan) = try session.run(text), let kpiID = plan.kpiID else { return [] }
    let notes = try session.exclusionNotes(for: kpiID, query: query, source: text)
    #expect(notes.allSatisfy { $0.kind == .excluded })
    return notes.map(\.message)
}

@Suite("Rows a KPI leaves out are counted in notes")
struct SessionExclusionTests {
    @Test("sales_cycle_days averages the 2 measurable won deals and says what it left out")
    func salesCycle() throws {
        let (session, folder) = try session()
        _ = folder
        let result = try session.evaluate("sales_cycle_days")
        // Valid cycles 30 and 9.5 days: mean 19.75, n 2 (deal 5 is lost, so not in it at all).
        #expect(result.scalar?.value == 19.75)
        #expect(result.rows[0].measures[2].value == 2)
        #expect(
            try notes(session, "sales_cycle_days") == [
                "2 won deals closed before they were created are left out",
                "1 won deal without a creation or close date is left out",
            ])
    }

    @Test("the counts take the query's where and during, by the KPI's date basis")
    func sameFilters() throws {
        let (session, folder) = try session()
        _ = folder
        // Web's won deals: 1 (valid), 2 (closed before created), 4 (no close date).
        #expect(
            try notes(session, "sales_cycle_days where source = \"Web\"") == [
                "1 won deal closed before it was created is left out",
                "1 won deal without a creation or close date is left out",
            ])
        // Counted by closed_at: February closes are deals 1 and 2; deal 4 has no close, so no
        // date in February; deal 6 closed in March.
        #expect(try notes(session, "sales_cycle_days during 2024-02") == ["1 won deal closed before it was created is left out"])
        #expect(try notes(session, "sales_cycle_days where source = \"Referral\" during 2024-02").isEmpty)
        // A breakdown gets the total.
        #expect(try notes(session, "sales_cycle_days by rep").first == "2 won deals closed before they were created are left out")
    }

    @Test("response time, deal size, handle time and velocity say what they leave out")
    func otherKPIs() throws {
        let (session, folder) = try session()
        _ = folder
        // Response times +2, +1, +3 hours (lead 2's −4 left out): mean 2, n 3.
        let response = try session.evaluate("lead_response_time_hours")
        #expect(response.scalar?.value == 2 && response.rows[0].measures[2].value == 3)
        #expect(try notes(session, "lead_response_time_hours") == ["1 lead first contacted before it was created is left out"])
        // Amounts 1000, 500, 200, 300: mean 500, n 4.
        let deals = try session.evaluate("avg_deal_size")
        #expect(deals.scalar?.value == 500 && deals.rows[0].measures[1].value == 4)
        #expect(try notes(session, "avg_deal_size") == ["1 won deal without an amount is left out"])
        // Durations 10 and 20 (−5 left out, the email has none): mean 15, n 2.
        let handle = try session.evaluate("avg_handle_time")
        #expect(handle.scalar?.value == 15 && handle.rows[0].measures[1].value == 2)
        #expect(try notes(session, "avg_handle_time") == ["1 activity with a negative duration is left out"])
        #expect(
            try notes(session, "sales_velocity") == ["2 won deals closed before they were created are left out of cycle_days"])
    }

    @Test("nothing left out, no exclusions, or a query that is not the KPI: no notes")
    func noNotes() throws {
        let (session, folder) = try session()
        _ = folder
        #expect(try notes(session, "sales_cycle_days where rep = \"Ann\" during 2024-01").isEmpty)
        #expect(try notes(session, "win_rate").isEmpty)
        let query = try Parser.parseQuery("sales_cycle_days * 2")
        #expect(try session.exclusionNotes(for: "sales_cycle_days", query: query, source: "sales_cycle_days * 2").isEmpty)
        #expect(try session.exclusionNotes(for: "no_such_kpi", query: query, source: "").isEmpty)
    }

    @Test("a close date without a time beside created timestamps counts whole days: same-day closes are 0, not left out")
    func dateOnlyCloses() throws {
        // Closed the day of creation (0 days, not −0.58), the day before (−1: left out), 10 days later.
        let dateOnly = """
            lead_id,created_at,source,rep,status,closed_at
            1,2024-03-05T14:00:00Z,Web,Ann,won,2024-03-05
            2,2024-03-05T14:00:00Z,Web,Ann,won,2024-03-04
            3,2024-03-01T09:00:00Z,Web,Bob,won,2024-03-11
            """
        let (session, folder) = try session(leads: dateOnly)
        _ = folder
        let result = try session.evaluate("sales_cycle_days")
        #expect(result.scalar?.value == 5)
        #expect(result.rows[0].measures[1].value == 5)  // median of 0 and 10
        #expect(result.rows[0].measures[2].value == 2)
        #expect(try notes(session, "sales_cycle_days") == ["1 won deal closed before it was created is left out"])
    }
}

@Suite("Exclusion counts are built as syntax")
struct ExclusionSyntaxTests {
    @Test(
        "the count built for an exclusion is the tree `count(TABLE where CONDITION)` parses to",
        arguments: [
            ("leads", #"status = "won" and closed_at < created_at"#), ("activities", "duration_minutes < 0"),
        ])
    func sameTreeAsText(table: String, condition: String) throws {
        let built = Expr(
            .call(
                name: "count", arguments: [Expr(.filter(Expr(.name(table, quoted: false)), condition: try Parser.parseExpression(condition)))],
                distinct: false))
        #expect(built == (try Parser.parseQuery("count(\(table) where \(condition))").expr))
    }
}
