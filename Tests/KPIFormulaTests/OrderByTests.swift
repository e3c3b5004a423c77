import KPICore
import Testing

@testable import KPIFormula

@Suite("order by")
struct OrderByTests {
    @Test("orders by the value, a key, or funnel order; nulls last; round-trips through the printer")
    func ordering() throws {
        // Leads per source in the fixture: Web 3, Referral 2, Partner 2, (none) 1.
        let byValue = try evaluate("count(leads) by source order by value desc")
        #expect(byValue.rows.map(\.measure.value) == [3, 2, 2, 1])
        #expect(byValue.rows[1].keys == [.text("Partner")], "ties keep key order")
        let byKey = try evaluate("count(leads) by source order by source desc")
        #expect(byKey.rows.map(\.keys) == [[.text("Web")], [.text("Referral")], [.text("Partner")], [.null]])
        // Statuses in the fixture: won, lost, open → funnel order won, lost, then words outside the funnel.
        let funnel = try evaluate("count(leads) by status order by funnel")
        #expect(funnel.rows.map(\.keys) == [[.text("won")], [.text("lost")], [.text("open")]])
        let limited = try evaluate("count(leads) by source order by value desc limit 1")
        #expect(limited.rows.map(\.keys) == [[.text("Web")]])
        #expect(formulaError("count(leads) by source order by rep")?.id == "formula.unknown-field")
        for text in ["count(leads) by source order by value desc", "count(leads) by stage order by funnel", "count(leads) by rep order by rep"] {
            let query = try Parser.parseQuery(text)
            #expect(try Parser.parseQuery(Printer.print(query)) == query)
        }
    }
}

@Suite("previous() inside a during window")
struct PreviousInWindowTests {
    @Test("the window's first period compares with the period before it, which is not listed")
    func firstPeriodHasAPrevious() throws {
        // Leads per month in the fixture: Jan 2, Feb 2, Mar 0, Apr 3, May 1.
        let growth = "(count(leads) - previous(count(leads))) / previous(count(leads))"
        let feb = try evaluate("\(growth) by month during 2024-02")
        #expect(feb.rows.map(\.keys) == [[.text("2024-02")]])
        #expect(feb.rows[0].measure.value == 0)
        let spring = try evaluate("\(growth) by month during from 2024-04 to 2024-05")
        #expect(spring.rows.map(\.keys) == [[.text("2024-04")], [.text("2024-05")]])
        #expect(spring.rows.map(\.measure.value) == [nil, (1.0 - 3.0) / 3.0], "April follows an empty March: no growth from 0")
    }
}
