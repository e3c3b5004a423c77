import KPIAdapters
import KPICatalog
import KPICore
import KPIDemo
import KPIEngine
import KPIFormula
import Testing

@Suite("Built-in exclusions")
struct CatalogExclusionTests {
    @Test("duration KPIs leave out negative durations and deal size its missing amounts, and say so")
    func declared() throws {
        let registry = try demoSession().registry
        let conditions = { (id: String) in registry.kpi(id)?.exclusions.map(\.condition) ?? [] }
        #expect(conditions("sales_cycle_days").contains("status = \"won\" and days_between(created_at, closed_at) < 0"))
        #expect(conditions("lead_response_time_hours") == ["hours_between(created_at, first_contact_at) < 0"])
        #expect(conditions("avg_handle_time") == ["duration_minutes < 0"])
        #expect(conditions("avg_deal_size") == ["status = \"won\" and amount is null"])
        #expect(registry.kpi("sales_velocity")?.exclusions.map(\.measure) == ["cycle_days"])
        #expect(registry.kpi("win_rate")?.exclusions.isEmpty == true)
        // The formulas leave the same rows out that the exclusions count.
        #expect(registry.kpi("sales_cycle_days")?.formula.contains("days_between(created_at, closed_at) >= 0") == true)
        #expect(registry.kpi("lead_response_time_hours")?.formula.contains("hours_between(created_at, first_contact_at) >= 0") == true)
        #expect(registry.kpi("avg_handle_time")?.formula.contains("duration_minutes >= 0") == true)
    }

    @Test("every exclusion binds on the demo data and reads only fields its KPI needs")
    func bindsWithinRequirements() throws {
        let session = try demoSession()
        for entry in session.registry.entries {
            for exclusion in entry.kpi.exclusions {
                let text = "count(\(exclusion.table) where \(exclusion.condition))"
                guard case .result(let result, let plan) = try session.run(text) else {
                    Issue.record("\(text) is not a query")
                    continue
                }
                #expect(result.scalar?.value != nil, "\(entry.kpi.id): \(text)")
                let allowed = Set(entry.kpi.requirements + [entry.kpi.dateBasis].compactMap { $0 })
                for field in PlanPrinter.fields(of: plan) {
                    #expect(allowed.contains(field), "\(entry.kpi.id)'s exclusion reads \(field), which the KPI does not require")
                }
                #expect(!exclusion.description.isEmpty && !(exclusion.singular ?? "x").isEmpty)
            }
        }
    }

    @Test("the demo data is clean: nothing is left out, and n is the number of values averaged")
    func demoIsClean() throws {
        let session = try demoSession()
        for id in ["sales_cycle_days", "lead_response_time_hours", "avg_handle_time", "sales_velocity"] {
            let query = try Parser.parseQuery(id)
            #expect(try session.exclusionNotes(for: id, query: query, source: id).isEmpty, "\(id)")
        }
        let cycle = try session.evaluate("sales_cycle_days")
        let won = try #require(try session.evaluate("count(leads where status = \"won\" and closed_at is not null)").scalar?.value)
        #expect(cycle.rows[0].measures[2].value == won)
        #expect(cycle.scalar?.sampleSize == won)
    }

    @Test("messages: grouped counts, singular and plural, the measure they are left out of")
    func messages() {
        let exclusion = KPIExclusion(
            table: "leads", condition: "x < 0", description: "won deals closed before they were created",
            singular: "won deal closed before it was created")
        #expect(exclusion.message(count: 1) == "1 won deal closed before it was created is left out")
        #expect(exclusion.message(count: 1443) == "1,443 won deals closed before they were created are left out")
        var partial = exclusion
        partial.measure = "cycle_days"
        #expect(partial.message(count: 90) == "90 won deals closed before they were created are left out of cycle_days")
    }
}
