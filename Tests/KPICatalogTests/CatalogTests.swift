import KPIAdapters
import KPICatalog
import KPICore
import KPIDemo
import KPIEngine
import KPIFormula
import Testing

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
            #expect(kpi.dateBasis != nil, "\(kpi.id) has no date basis")
            #expect(Set(kpi.requirements).count == kpi.requirements.count, "\(kpi.id) lists a field twice")
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

    @Test("declared requirements are exactly the fields the formula reads, the date basis only when it reads it")
    func requirementsMatchFormula() throws {
        // Every canonical table, empty: each KPI binds whatever data the demo lacks (finance).
        var dataset = Dataset()
        for table in CanonicalSchema.standard.tables {
            let columns = table.fields.map { Column(name: $0.name, type: $0.type.storage ?? .text, values: []) }
            dataset.insert(Table(name: table.name, columns: columns, rowCount: 0))
        }
        let registry = try StandardRegistry.modulesOnly()
        let environment = FormulaEnvironment(dataset: dataset, registry: registry, asOf: 0)
        for entry in registry.entries {
            // By month, so growth KPIs (previous) bind too; the month keys are the basis, not what the formula reads.
            let query = entry.kpi.id + " by month"
            var plan = try Binder(environment: environment, source: query).plan(try Parser.parseQuery(query))
            for i in plan.aggregates.indices { plan.aggregates[i].keys = [] }
            let reads = Set(PlanPrinter.fields(of: plan))
            let declared = Set(entry.kpi.requirements)
            #expect(declared == reads, "\(entry.kpi.id) declares \(declared.sorted()) but its formula reads \(reads.sorted())")
        }
    }

    @Test("a KPI whose data is missing says what it needs instead of failing obscurely")
    func unavailable() throws {
        let session = try demoSession()
        let error = try #require(throws: SessionError.self) { try session.evaluate("gross_profit_margin") }
        #expect(error.id == "formula.unavailable")
        // Without a finance table there is nothing to count: the date basis is named last.
        #expect(error.render().contains("needs finance.revenue, finance.cogs, finance.month"))
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
