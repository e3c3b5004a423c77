import KPICore

/// Satisfaction and customer counts.
public struct CustomerModule: KPIModule {
    public let name = "customers"
    public let version = "0.1.0"
    public let summary = "Net Promoter Score, CSAT, new customers"

    /// Creates the module.
    public init() {}

    public func register(in registrar: inout ModuleRegistrar) throws {
        registrar.add(define(
            "nps", "Net Promoter Score", unit: .score, .higherIsBetter, basis: "surveys.answered_at",
            requires: "surveys.nps surveys.answered_at",
            formula: "100 * (count(surveys where nps >= 9) - count(surveys where nps <= 6)) / count(surveys where nps is not null)",
            summary: "Promoters (9–10) minus detractors (0–6), as a share of all answers, from −100 to 100. Above 0 means more fans than critics."))
        registrar.add(define(
            "csat", "Customer satisfaction (CSAT)", unit: .ratio, .higherIsBetter, basis: "surveys.answered_at",
            requires: "surveys.csat surveys.answered_at", formula: "share(surveys where csat is not null, csat >= 4)",
            summary: "Share of survey answers rating 4 or 5 out of 5."))
        registrar.add(define(
            "new_customers", "New customers", unit: .count, .higherIsBetter, basis: "customers.started_at",
            requires: "customers.customer_id customers.started_at", formula: "count(customers)",
            summary: "Customers who started in the period."))
    }
}
