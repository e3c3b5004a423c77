import KPICatalog
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// A lead export without dates: lead_id, source and status only.
///
/// | lead_id | source   | status |
/// |---------|----------|--------|
/// | 1       | Web      | won    |
/// | 2       | Web      | lost   |
/// | 3       | Referral | won    |
/// | 4       | Referral | won    |
/// | 5       | Partner  | open   |
/// | 6       | –        | won    |
private func undatedSession(extra: [Column] = []) throws -> Session {
    let registry = try StandardRegistry.modulesOnly()
    let session = Session(registry: registry)
    let leads = Table(
        name: "leads",
        columns: [
            Column(name: "lead_id", type: .int, values: (1...6).map { .int(Int64($0)) }),
            Column(name: "source", type: .text, values: ["Web", "Web", "Referral", "Referral", "Partner", nil].map { $0.map(Value.text) ?? .null }),
            Column(name: "status", type: .text, values: ["won", "lost", "won", "won", "open", "won"].map(Value.text)),
        ] + extra)
    try session.add(tables: [leads], source: "test")
    return session
}

@Suite("KPIs on data without their date basis: totals and groups, no periods")
struct UndatedDataTests {
    @Test("a lead KPI gives its total and its groups without leads.created_at")
    func totalsAndGroups() throws {
        let session = try undatedSession()
        let kpi = try #require(session.registry.kpi("lead_conversion_rate"))
        #expect(session.registry.availability(of: kpi, in: session.dataset) == .available)
        #expect(session.registry.missingDateBasis(of: kpi, in: session.dataset) == FieldPath("leads", "created_at"))
        // Won: leads 1, 3, 4, 6 of 6.
        let total = try session.evaluate("lead_conversion_rate")
        #expect(total.scalar?.numerator == 4 && total.scalar?.denominator == 6)
        // Partner 0 of 1 (lead 5), Referral 2 of 2, Web 1 of 2, no source 1 of 1.
        let bySource = try session.evaluate("lead_conversion_rate by source")
        #expect(bySource.rows.map(\.keys) == [[.text("Partner")], [.text("Referral")], [.text("Web")], [.null]])
        #expect(bySource.rows.map(\.measure.numerator) == [0, 2, 1, 1])
        #expect(bySource.rows.map(\.measure.denominator) == [1, 2, 2, 1])
        #expect(try session.evaluate("lead_volume").scalar?.value == 6)
        // Win rate counts by closed_at, also missing: won 4 of the closed 1, 2, 3, 4, 6.
        let win = try session.evaluate("win_rate")
        #expect(win.scalar?.numerator == 4 && win.scalar?.denominator == 5)
    }

    @Test("by month and during say the date is missing, once, with the caret where they point today")
    func periodsRefuse() throws {
        let session = try undatedSession()
        let message =
            "lead_conversion_rate has no date to count leads by: this data has no leads.created_at, so it gives totals and groups only; "
            + "`during` and `by month` need leads.created_at"
        let byMonth = try #require(throws: SessionError.self) { try session.evaluate("lead_conversion_rate by month") }
        #expect(byMonth.id == "formula.no-date")
        #expect(
            byMonth.render() == """
                error[formula.no-date]: \(message)
                 --> formula:1:25
                  |
                1 | lead_conversion_rate by month
                  |                         ^^^^^
                """)
        let during = try #require(throws: SessionError.self) { try session.evaluate("lead_conversion_rate during 2024") }
        #expect(during.id == "formula.no-date")
        #expect(
            during.render() == """
                error[formula.no-date]: \(message)
                 --> formula:1:1
                  |
                1 | lead_conversion_rate during 2024
                  | ^^^^^^^^^^^^^^^^^^^^
                """)
        let win = try #require(throws: SessionError.self) { try session.evaluate("win_rate by quarter") }
        #expect(win.render().contains("win_rate has no date to count leads by: this data has no leads.closed_at"))
    }

    @Test("previous, first and ad-hoc grains refuse the same way")
    func otherPeriodUses() throws {
        let session = try undatedSession()
        let growth = try #require(throws: SessionError.self) {
            try session.evaluate("lead_conversion_rate - previous(lead_conversion_rate)")
        }
        #expect(growth.id == "formula.no-date")
        #expect(growth.render().contains("this data has no leads.created_at"))
        let first = try #require(throws: SessionError.self) { try session.evaluate("first(lead_id) of leads") }
        #expect(first.id == "formula.no-date")
        #expect(first.render().contains("first needs a date to order leads by: this data has no leads.created_at"))
        let adHoc = try #require(throws: SessionError.self) { try session.evaluate("count(leads) by month") }
        #expect(adHoc.render().contains("leads has no date to count by: this data has no leads.created_at, so it gives totals and groups only"))
        // Another date of the table can stand in, and the message says how.
        let closed = Column(name: "closed_at", type: .timestamp, values: (1...6).map { _ in .timestamp(1_704_067_200_000) })
        let withClose = try undatedSession(extra: [closed])
        let hint = try #require(throws: SessionError.self) { try withClose.evaluate("lead_conversion_rate by month") }
        #expect(hint.render().contains("need leads.created_at (or count by another date: on closed_at)"))
        #expect(try withClose.evaluate("lead_conversion_rate on closed_at by month").rows.count == 1)
    }

    @Test("a KPI that reads a missing field still refuses, naming it")
    func readsMissingField() throws {
        let session = try undatedSession()
        let kpi = try #require(session.registry.kpi("lead_response_time_hours"))
        #expect(
            session.registry.availability(of: kpi, in: session.dataset)
                == .missing([FieldPath("leads", "created_at"), FieldPath("leads", "first_contact_at")]))
        let error = try #require(throws: SessionError.self) { try session.evaluate("lead_response_time_hours") }
        #expect(error.id == "formula.unavailable")
        #expect(
            error.render().contains("lead_response_time_hours cannot be computed on this data: it needs leads.created_at, leads.first_contact_at"))
        // Without any activities table, a KPI over activities names its fields and then its date.
        let calls = try #require(session.registry.kpi("calls"))
        #expect(
            session.registry.availability(of: calls, in: session.dataset).explanation
                == "needs activities.type, activities.completed, activities.created_at")
    }

    @Test("a dataset with the basis has no missing date basis")
    func basisPresent() throws {
        let registry = try StandardRegistry.modulesOnly()
        let leads = Table(
            name: "leads",
            columns: [
                Column(name: "created_at", type: .timestamp, values: [.timestamp(0)]), Column(name: "status", type: .text, values: [.text("won")]),
            ])
        let dataset = Dataset(tables: [leads])
        let conversion = try #require(registry.kpi("lead_conversion_rate"))
        #expect(registry.missingDateBasis(of: conversion, in: dataset) == nil)
        let noBasis = FormulaKPI(
            id: "plain", title: "Plain", summary: "No basis", unit: .count, direction: .neutral, dateBasis: nil, requirements: [],
            formula: "count(leads)")
        #expect(registry.missingDateBasis(of: noBasis, in: dataset) == nil)
    }
}
