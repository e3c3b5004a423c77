import KPICore

/// SaaS revenue metrics: MRR, ARR, gross and net revenue retention, expansion revenue.
///
/// An example Swift plugin: this folder is its own target, built against `KPICore` only, and the
/// `kpi` tool registers `SaaSMetricsModule()` because the folder exists (see
/// `docs/writing-a-kpi-module.md`).
///
/// Inputs: `customers.started_at`, `customers.churned_at` and `customers.monthly_revenue` (the
/// canonical schema) for MRR, ARR and gross retention, which run on the demo data. Expansion and
/// net retention also need an optional `revenue_changes` table, one row per change in a
/// customer's monthly revenue: `customer_id`, `changed_at` (timestamp) and `mrr_delta` (money,
/// positive for an upsell, negative for a downgrade); without it they say what is missing.
public struct SaaSMetricsModule: KPIModule {
    public let name = "saas-metrics"
    public let version = "1.0.0"
    public let summary = "MRR, ARR, gross and net revenue retention, expansion revenue (Swift plugin)"

    /// Creates the module.
    public init() {}

    static let activeAtStart = "started_at < period_start and (churned_at is null or churned_at >= period_start)"
    static let activeAtEnd = "started_at < period_end and (churned_at is null or churned_at >= period_end)"

    public func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        let mrr = "sum(monthly_revenue) of customers where \(Self.activeAtEnd)"
        let startMRR = "sum(monthly_revenue) of customers where \(Self.activeAtStart)"
        let keptMRR = "sum(monthly_revenue) of customers where \(Self.activeAtStart) and (churned_at is null or churned_at >= period_end)"
        let customerFields = [FieldPath("customers", "started_at"), FieldPath("customers", "churned_at"), FieldPath("customers", "monthly_revenue")]
        let changeFields = [FieldPath("revenue_changes", "changed_at"), FieldPath("revenue_changes", "mrr_delta")]
        func add(_ id: String, _ title: String, _ unit: Unit, formula: String, requires: [FieldPath], summary: String) {
            registrar.add(
                FormulaKPI(
                    id: id, title: title, summary: summary, unit: unit, direction: .higherIsBetter,
                    dateBasis: FieldPath("customers", "started_at"), requirements: requires, formula: formula))
        }
        add(
            "mrr", "Monthly recurring revenue", .money, formula: mrr, requires: customerFields,
            summary:
                "Monthly revenue of the customers active at a month's end. Ask `mrr by month` for the curve or `mrr during 2024-12` for one month; without either it adds up the reporting months."
        )
        add(
            "arr", "Annual recurring revenue", .money, formula: "12 * (\(mrr))", requires: customerFields,
            summary: "MRR times twelve: the yearly run rate of recurring revenue.")
        add(
            "gross_revenue_retention", "Gross revenue retention", .ratio, formula: "(\(keptMRR)) / (\(startMRR))", requires: customerFields,
            summary: "Of the MRR active at a month's start, the share still there at its end, counting only churn (no upsells).")
        add(
            "expansion_revenue", "Expansion revenue", .money, formula: "sum(mrr_delta) of revenue_changes where mrr_delta > 0",
            requires: changeFields,
            summary: "MRR added by upsells and upgrades of existing customers (needs a revenue_changes table).")
        add(
            "net_revenue_retention", "Net revenue retention", .ratio,
            formula: "((\(keptMRR)) + sum(mrr_delta) of revenue_changes) / (\(startMRR))", requires: customerFields + changeFields,
            summary:
                "Start-of-month MRR kept after churn, plus upsells minus downgrades, over start-of-month MRR; above 100% the base grows on its own.")
    }
}
