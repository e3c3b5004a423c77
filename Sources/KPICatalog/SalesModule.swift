import KPICore

/// Win rates, cycle length, deal size, revenue and sales activity.
public struct SalesModule: KPIModule {
    public let name = "sales"
    public let version = "0.1.0"
    public let summary = "Win and loss rates, sales cycle, deal size, revenue, activities"

    /// Creates the module.
    public init() {}

    public func register(in registrar: inout ModuleRegistrar) throws {
        registrar.add(define(
            "win_rate", "Opportunity win rate", unit: .ratio, .higherIsBetter, basis: "leads.closed_at",
            requires: "leads.status leads.closed_at", formula: "share(leads where status in (\"won\", \"lost\"), status = \"won\")",
            summary: "Of the opportunities that closed (won or lost), the share that was won. Open deals and disqualified leads are left out."))
        registrar.add(define(
            "loss_rate", "Opportunity loss rate", unit: .ratio, .lowerIsBetter, basis: "leads.closed_at",
            requires: "leads.status leads.closed_at", formula: "share(leads where status in (\"won\", \"lost\"), status = \"lost\")",
            summary: "Of the opportunities that closed, the share that was lost; slice it by lost_reason to see why."))
        registrar.add(define(
            "sales_cycle_days", "Average sales cycle length", unit: .duration(.days), .lowerIsBetter, basis: "leads.closed_at",
            requires: "leads.status leads.created_at leads.closed_at",
            formula: "avg(days_between(created_at, closed_at)) of leads where status = \"won\"",
            summary: "Average days from a lead's creation to a won close. Shorter cycles mean faster revenue."))
        registrar.add(define(
            "avg_deal_size", "Average deal size", unit: .money, .higherIsBetter, basis: "leads.closed_at",
            requires: "leads.status leads.amount leads.closed_at", formula: "avg(amount) of leads where status = \"won\"",
            summary: "Average amount of won deals."))
        registrar.add(define(
            "revenue", "Revenue", unit: .money, .higherIsBetter, basis: "leads.closed_at",
            requires: "leads.status leads.amount leads.closed_at", formula: "sum(amount) of leads where status = \"won\"",
            summary: "Total amount of won deals, counted when they close. Slice by month for monthly revenue."))
        registrar.add(define(
            "calls", "Calls", unit: .count, .higherIsBetter, basis: "activities.created_at",
            requires: "activities.type activities.created_at", formula: "count(activities where type = \"call\")",
            summary: "Number of calls made; `calls by rep` counts per caller."))
        registrar.add(define(
            "meeting_completion_rate", "Meetings held vs scheduled", unit: .ratio, .higherIsBetter, basis: "activities.created_at",
            requires: "activities.type activities.scheduled_at activities.completed",
            formula: "share(activities where type = \"meeting\" and scheduled_at is not null, completed)",
            summary: "Of the meetings scheduled, the share that took place. No-shows and future meetings lower it."))
    }
}
