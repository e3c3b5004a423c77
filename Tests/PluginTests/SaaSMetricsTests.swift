import KPICore
import KPIKitTesting
import SaaSMetrics
import Testing

/// The example KPI plugin (`Plugins/SaaSMetrics/`) checked the way a plugin author checks theirs.
@Suite("SaaSMetrics plugin")
struct SaaSMetricsTests {
    /// The plugin's own table, outside the canonical schema: one row per change in a customer's MRR.
    static let revenueChanges = Table(
        name: "revenue_changes",
        columns: [
            Column(name: "customer_id", type: .text, values: []),
            Column(name: "changed_at", type: .timestamp, values: []),
            Column(name: "mrr_delta", type: .double, values: []),
        ],
        rowCount: 0)

    @Test("the module conforms, also beside the built-in modules, as kpi registers it")
    func conforms() throws {
        ModuleConformance.expectConformance(of: SaaSMetricsModule())
        ModuleConformance.expectConformance(of: SaaSMetricsModule(), alongside: try StandardRegistry.make())
    }

    @Test("it registers the five SaaS KPIs")
    func kpis() throws {
        var registrar = ModuleRegistrar()
        try SaaSMetricsModule().register(in: &registrar)
        #expect(registrar.kpis.map(\.id) == ["mrr", "arr", "gross_revenue_retention", "expansion_revenue", "net_revenue_retention"])
        #expect(registrar.adapters.isEmpty)
    }

    @Test("every formula parses and binds on the canonical schema plus revenue_changes")
    func formulasBind() {
        #expect(FormulaConformance.problems(of: SaaSMetricsModule(), extraTables: [Self.revenueChanges]) == [])
    }

    @Test("without revenue_changes the KPIs that read it do not bind, and the check says which")
    func formulasNeedTheirTable() {
        let failing = FormulaConformance.problems(of: SaaSMetricsModule()).map(\.subject)
        #expect(failing == ["kpi expansion_revenue", "kpi net_revenue_retention"])
    }
}
