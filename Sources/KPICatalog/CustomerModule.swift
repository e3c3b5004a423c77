import KPICore

/// Acquisition cost, lifetime value, churn, retention and satisfaction.
public struct CustomerModule: KPIModule {
    public let name = "customers"
    public let version = "1.0.0"
    public let summary = "CAC, CLTV, churn, retention, NPS, CSAT, new customers, handle time"

    /// Creates the module.
    public init() {}

    static let activeAtStart = "started_at < period_start and (churned_at is null or churned_at >= period_start)"
    static let activeAtEnd = "started_at < period_end and (churned_at is null or churned_at >= period_end)"
    static let churnedInPeriod = "started_at < period_start and churned_at >= period_start and churned_at < period_end"
    static let startedInPeriod = "started_at >= period_start and started_at < period_end"

    public func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        let atStart = Self.activeAtStart, atEnd = Self.activeAtEnd, churned = Self.churnedInPeriod, started = Self.startedInPeriod
        let cltv = "avg(monthly_revenue) of customers / (count(customers where \(churned)) / count(customers where \(atStart)))"
        registrar.add(
            try define(
                "new_customers", "New customers", unit: .count, .higherIsBetter, basis: "customers.started_at",
                requires: "", formula: "count(customers)",
                summary: "Customers who started in the period."))
        registrar.add(
            try define(
                "cac", "Customer acquisition cost", unit: .money, .lowerIsBetter, basis: "customers.started_at",
                requires: "spend.amount",
                formula: "sum(amount) of spend / count(customers), sum(amount) of spend as spend, count(customers) as new_customers",
                summary: "Sales and marketing spend per new customer. By month it matches spend with the customers won that month."))
        registrar.add(
            try define(
                "churn_rate", "Customer churn rate", unit: .ratio, .lowerIsBetter, basis: "customers.started_at",
                requires: "customers.started_at customers.churned_at",
                formula: "count(customers where \(churned)) / count(customers where \(atStart))",
                summary:
                    "Of the customers active at a month's start, the share who left during it. Without 'by month' it is the pooled monthly rate over the reporting months."
            ))
        registrar.add(
            try define(
                "retention_rate", "Customer retention rate", unit: .ratio, .higherIsBetter, basis: "customers.started_at",
                requires: "customers.started_at customers.churned_at",
                formula: "(count(customers where \(atEnd)) - count(customers where \(started))) / count(customers where \(atStart))",
                summary: "Customers active at a month's end, not counting the ones who started in it, over those active at its start."))
        registrar.add(
            try define(
                "cltv", "Customer lifetime value", unit: .money, .higherIsBetter, basis: "customers.started_at",
                requires: "customers.started_at customers.churned_at customers.monthly_revenue",
                formula: """
                    \(cltv), avg(monthly_revenue) of customers as arpa, \
                    count(customers where \(churned)) / count(customers where \(atStart)) as monthly_churn_rate
                    """,
                summary: "Average monthly revenue per customer divided by the monthly churn rate: what a customer brings in over their life."))
        registrar.add(
            try define(
                "cltv_to_cac", "CLTV : CAC ratio", unit: .number, .higherIsBetter, basis: "customers.started_at",
                requires: "customers.started_at customers.churned_at customers.monthly_revenue spend.amount",
                formula: "(\(cltv)) / (sum(amount) of spend / count(customers))",
                summary: "Lifetime value per unit of acquisition cost; around 3 is the usual healthy mark, below 1 loses money."))
        registrar.add(
            try define(
                "nps", "Net Promoter Score", unit: .score, .higherIsBetter, basis: "surveys.answered_at",
                requires: "surveys.nps",
                formula: """
                    100 * (count(surveys where nps >= 9) - count(surveys where nps <= 6)) / count(surveys where nps is not null), \
                    count(surveys where nps >= 9) as promoters, count(surveys where nps <= 6) as detractors, \
                    count(surveys where nps is not null) as responses
                    """,
                summary: "Promoters (9–10) minus detractors (0–6), as a share of all answers, from −100 to 100. Above 0 means more fans than critics."
            ))
        registrar.add(
            try define(
                "csat", "Customer satisfaction (CSAT)", unit: .ratio, .higherIsBetter, basis: "surveys.answered_at",
                requires: "surveys.csat", formula: "share(surveys where csat is not null, csat >= 4)",
                summary: "Share of survey answers rating 4 or 5 out of 5."))
        registrar.add(
            try define(
                "avg_handle_time", "Average handle time", unit: .duration(.minutes), .lowerIsBetter, basis: "activities.created_at",
                requires: "activities.duration_minutes",
                formula: "avg(duration_minutes) of activities, count(duration_minutes) of activities as n where duration_minutes >= 0",
                summary: """
                    Average length of calls, meetings and demos that logged a duration; by type or rep it shows where time goes. \
                    Negative durations are left out and counted in a note.
                    """,
                excluding: [
                    KPIExclusion(
                        table: "activities", condition: "duration_minutes < 0",
                        description: "activities with a negative duration", singular: "activity with a negative duration")
                ]))
    }
}
