import KPICore
import Testing

@testable import KPIFormula

@Suite("first, last and counts of linked rows")
struct FirstLastLinkedCountTests {
    @Test("first and last take the value at the earliest and latest date basis")
    func firstLast() throws {
        // Amounts by created_at: lead 1 (Jan 5) 1000, lead 3 (Feb 2) 3000, lead 5 (Apr 1) 2000, lead 7 (Apr 30) 10000.
        #expect(try evaluate("first(amount) of leads where amount is not null").scalar?.value == 1000)
        #expect(try evaluate("last(amount) of leads where amount is not null").scalar?.value == 10000)
        // Per rep: Ana has leads 1 (1000) and 7 (10000); Bo lead 3 (3000); Cy lead 5 (2000).
        let byRep = try evaluate("last(amount) of leads where amount is not null by rep")
        #expect(byRep.rows.map(\.measure.value) == [10000, 3000, 2000])
        // On closed_at instead: the last close is lead 7 (June 30).
        #expect(try evaluate("last(amount) of leads where amount is not null on closed_at").scalar?.value == 10000)
        #expect(try evaluate("first(amount) of leads where status = \"open\"").scalar?.value == nil)
        let plan = try plan("first(amount) of leads")
        #expect(plan.aggregates[0].orderBy == .column("created_at", .timestamp))
    }

    @Test("count(activities …) inside a condition counts each lead's linked rows")
    func linkedCount() throws {
        // Activities per lead: 1 → 2 (meeting, call), 3 → 1, 5 → 1, 7 → 1; lead 99's activity links to nothing.
        #expect(try evaluate("count(leads where count(activities) >= 2)").scalar?.value == 1)
        #expect(try evaluate("count(leads where count(activities) = 0)").scalar?.value == 4)
        #expect(try evaluate("count(leads where count(activities where type = \"meeting\") = 1)").scalar?.value == 3)
        #expect(try evaluate("avg(count(activities)) of leads").scalar?.value == 5.0 / 8.0)
        #expect(formulaError("count(spend where count(activities) > 1)")?.id == "formula.no-link")
    }
}
