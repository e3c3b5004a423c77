import KPIAdapters
import KPICatalog
import KPICore
import KPIDemo
import KPIEngine
import KPIFormula
import Testing

/// The CLI's registry on the demo CRM.
private func demoSession() throws -> Session {
    var registry = KPIRegistry()
    try registry.register(BuiltInAdapters(), origin: .builtIn)
    try BuiltInModules.register(into: &registry)
    let session = Session(registry: registry)
    try session.add(tables: DemoCRM.make().tables, source: "demo")
    return session
}

@Suite("Built-in catalogue")
struct CatalogTests {
    @Test("has at least 35 KPIs, each with a title, summary, formula and snake_case id")
    func metadata() throws {
        let session = try demoSession()
        let entries = session.registry.entries.filter { $0.origin == .builtIn }
        #expect(entries.count >= 35)
        for entry in entries {
            let kpi = entry.kpi
            #expect(!kpi.title.isEmpty && !kpi.summary.isEmpty && !kpi.formula.isEmpty, "\(kpi.id)")
            #expect(!kpi.requirements.isEmpty, "\(kpi.id) declares no requirements")
            #expect(kpi.dateBasis != nil, "\(kpi.id) has no date basis")
        }
    }

    @Test("carries every KPI id the spec's suite builds on")
    func specIDs() throws {
        let ids = Set(try demoSession().registry.kpiIDs)
        let spec = [
            "lead_volume", "lead_qualification_rate", "lead_to_opportunity_rate", "lead_conversion_rate", "win_rate",
            "lead_response_time_hours", "sales_cycle_days", "avg_time_in_stage_days", "avg_deal_size", "sales_velocity",
            "cac", "churn_rate", "retention_rate", "cltv", "nps", "csat", "email_open_rate", "email_click_to_open_rate",
            "meeting_completion_rate", "calls", "data_completeness", "revenue_growth",
        ]
        for id in spec { #expect(ids.contains(id), "missing \(id)") }
    }

    @Test("every available KPI evaluates on the demo data, alone and by month")
    func evaluatesOnDemo() throws {
        let session = try demoSession()
        for entry in session.registry.entries where session.registry.availability(of: entry.kpi, in: session.dataset).isAvailable {
            let id = entry.kpi.id
            if entry.kpi.formula.contains("previous(") {
                // A growth KPI compares periods: alone it asks for a series.
                let error = try #require(throws: SessionError.self) { try session.evaluate(id) }
                #expect(error.id == "formula.needs-series")
            } else {
                let scalar = try session.evaluate(id)
                #expect(scalar.rows.count == 1, "\(id)")
                #expect(scalar.scalar?.value != nil, "\(id) has no value on the demo")
            }
            let series = try session.evaluate("\(id) by month")
            #expect(series.rows.count == 24, "\(id) by month lists the 24 reporting months")
        }
    }

    @Test("declared requirements cover every canonical field the formula reads")
    func requirementsCoverFormula() throws {
        let session = try demoSession()
        let canonical = CanonicalSchema.standard
        for entry in session.registry.entries where session.registry.availability(of: entry.kpi, in: session.dataset).isAvailable {
            let query = entry.kpi.id + " by month"
            let plan = try Binder(environment: session.environment, source: query).plan(try Parser.parseQuery(query))
            let declared = Set(entry.kpi.requirements)
            for field in PlanPrinter.fields(of: plan) where canonical.field(field) != nil {
                let isKey = field.field == "lead_id" || field.field == "customer_id"
                #expect(declared.contains(field) || isKey, "\(entry.kpi.id) reads \(field) but does not declare it")
            }
        }
    }

    @Test("a KPI whose data is missing says what it needs instead of failing obscurely")
    func unavailable() throws {
        let session = try demoSession()
        let error = try #require(throws: SessionError.self) { try session.evaluate("gross_profit_margin") }
        #expect(error.id == "formula.unavailable")
        #expect(error.render().contains("needs finance.month"))
    }

    @Test("multi-figure KPIs report the headline first and their parts beside it")
    func figures() throws {
        let result = try demoSession().evaluate("sales_cycle_days")
        #expect(result.measureNames == ["value", "median", "n"])
        let nps = try demoSession().evaluate("nps")
        let m = nps.rows[0].measures
        let (score, promoters, detractors, responses) = (m[0].value!, m[1].value!, m[2].value!, m[3].value!)
        #expect(abs(score - 100 * (promoters - detractors) / responses) < 1e-9)
    }

    @Test("Wilson intervals come with every rate KPI")
    func intervals() throws {
        let result = try demoSession().evaluate("win_rate by source")
        for row in result.rows {
            let ci = try #require(row.measure.confidenceInterval)
            let value = try #require(row.measure.value)
            #expect(ci.contains(value))
        }
    }
}
