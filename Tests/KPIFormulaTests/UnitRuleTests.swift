import KPICore
import Testing

@testable import KPIFormula

@Suite("Units combine by rule")
struct UnitRuleTests {
    @Test("a duration in another scale is rescaled to the left side's scale")
    func mixedDurationScales() throws {
        let hours = try evaluate("avg(hours_between(created_at, first_contact_at)) of leads")
        let shifted = try evaluate("avg(hours_between(created_at, first_contact_at)) of leads - 2h")
        let h = try #require(hours.scalar?.value), s = try #require(shifted.scalar?.value)
        #expect(abs((h - s) - 2) < 1e-9)
        #expect(shifted.unit == .duration(.hours))
        let days = try evaluate("avg(hours_between(created_at, first_contact_at)) of leads + 1d")
        #expect(abs((try #require(days.scalar?.value)) - h - 24) < 1e-9)
    }

    @Test("adding a count and a ratio is a unit error")
    func countPlusRatio() {
        #expect(formulaError("count(leads) + share(leads, status = \"won\")")?.id == "formula.unit")
    }

    @Test("a bare field name says to aggregate it")
    func bareField() {
        let error = formulaError("source")
        #expect(error?.id == "formula.type")
        #expect(error?.message.contains("aggregate it") == true)
    }
}
