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
