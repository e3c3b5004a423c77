import Foundation
import KPICore

/// Win rates, pipeline, cycle length, deal size, velocity, revenue and sales activity.
public struct SalesModule: KPIModule {
    public let name = "sales"
    public let version = "1.0.0"
    public let summary = "Win, loss and close rates, stages, cycle, deal size, velocity, pipeline, revenue, activities"

    /// Creates the module.
    public init() {}

    private static let closed = "status in (\"won\", \"lost\")"
    private static let cycle = "days_between(created_at, closed_at)"
    private static let stay = "days_between(entered_at, next(entered_at, lead_id, stage))"
    /// A won deal whose cycle can be measured: closed no earlier than it was created (days_between
    /// is null without either date, so those are left out too).
    private static let measurableWin = "status = \"won\" and \(cycle) >= 0"
    /// Won deals closed before they were created: data errors, left out of cycle averages.
    private static let closedBeforeCreated = KPIExclusion(
        table: "leads", condition: "status = \"won\" and \(cycle) < 0",
        description: "won deals closed before they were created", singular: "won deal closed before it was created")

    public func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        let closed = Self.closed, cycle = Self.cycle, stay = Self.stay, measurableWin = Self.measurableWin
        registrar.add(
            try define(
                "win_rate", "Opportunity win rate", unit: .ratio, .higherIsBetter, basis: "leads.closed_at",
                requires: "leads.status", formula: "share(leads where \(closed), status = \"won\")",
                summary: "Of the opportunities that closed (won or lost), the share that was won. Open deals and disqualified leads are left out."))
        registrar.add(
            try define(
                "loss_rate", "Opportunity loss rate", unit: .ratio, .lowerIsBetter, basis: "leads.closed_at",
                requires: "leads.status", formula: "share(leads where \(closed), status = \"lost\")",
                summary: "Of the opportunities that closed, the share that was lost; by lost_reason it shows why."))
        registrar.add(
            try define(
                "close_ratio", "Close ratio", unit: .ratio, .higherIsBetter, basis: "leads.converted_at",
                requires: "leads.status leads.converted_at", formula: "share(leads where converted_at is not null, status = \"won\")",
                summary: "Of all opportunities created, open ones included, the share won so far. Lower than the win rate while deals are still open."
            ))
        registrar.add(
            try define(
                "sales_cycle_days", "Average sales cycle length", unit: .duration(.days), .lowerIsBetter, basis: "leads.closed_at",
                requires: "leads.status leads.created_at leads.closed_at",
                formula: "avg(\(cycle)) of leads, median(\(cycle)) of leads as median, count(\(cycle)) of leads as n where \(measurableWin)",
                summary: """
                    Average days from a lead's creation to a won close, with the median and count beside it. Shorter cycles mean faster revenue. \
                    Deals closed before they were created, or without both dates, are left out and counted in a note; \
                    a close date without a time counts whole days.
                    """,
                excluding: [
                    Self.closedBeforeCreated,
                    KPIExclusion(
                        table: "leads", condition: "status = \"won\" and (created_at is null or closed_at is null)",
                        description: "won deals without a creation or close date", singular: "won deal without a creation or close date"),
                ]))
        registrar.add(
            try define(
                "avg_time_in_stage_days", "Average time in stage", unit: .duration(.days), .lowerIsBetter, basis: "stage_history.entered_at",
                requires: "stage_history.lead_id stage_history.stage stage_history.entered_at",
                formula: """
                    avg(\(stay)) of stage_history, median(\(stay)) of stage_history as median_days, \
                    count(\(stay)) of stage_history as n where \(stay) is not null
                    """,
                summary:
                    "Average days a lead stays in a stage before moving on (completed stays only). By stage it shows where deals stall (stage velocity)."
            ))
        registrar.add(
            try define(
                "stage_reach", "Leads reaching a stage", unit: .count, .higherIsBetter, basis: "stage_history.entered_at",
                requires: "stage_history.lead_id",
                formula: "count(distinct lead_id) of stage_history",
                summary:
                    "Leads that entered a stage. By stage it is the funnel: each stage's count against the one before is the stage-to-stage conversion."
            ))
        registrar.add(
            try define(
                "avg_deal_size", "Average deal size", unit: .money, .higherIsBetter, basis: "leads.closed_at",
                requires: "leads.status leads.amount",
                formula: "avg(amount) of leads, count(amount) of leads as n, sum(amount) of leads as total where status = \"won\"",
                summary: "Average amount of won deals, with the number of amounts it averages and their total.",
                excluding: [
                    KPIExclusion(
                        table: "leads", condition: "status = \"won\" and amount is null",
                        description: "won deals without an amount", singular: "won deal without an amount")
                ]))
        registrar.add(
            try define(
                "sales_velocity", "Sales velocity", unit: .money, .higherIsBetter, basis: "leads.closed_at",
                requires: "leads.status leads.amount leads.created_at leads.converted_at leads.closed_at",
                formula: """
                    count(leads where converted_at is not null) on converted_at \
                    * (avg(amount) of leads where status = "won" on closed_at) \
                    * share(leads where \(closed), status = "won") on closed_at \
                    / (avg(\(cycle)) of leads where \(measurableWin) on closed_at), \
                    count(leads where converted_at is not null) on converted_at as opportunities, \
                    count(leads where status = "won") on closed_at as won, \
                    count(leads where \(closed)) on closed_at as closed, \
                    share(leads where \(closed), status = "won") on closed_at as win_rate, \
                    avg(amount) of leads where status = "won" on closed_at as avg_deal, \
                    avg(\(cycle)) of leads where \(measurableWin) on closed_at as cycle_days
                    """,
                summary: "Revenue the pipeline produces per day: opportunities × average deal × win rate ÷ cycle length. Best read by month.",
                excluding: [
                    KPIExclusion(
                        table: "leads", condition: Self.closedBeforeCreated.condition,
                        description: Self.closedBeforeCreated.description, singular: Self.closedBeforeCreated.singular,
                        measure: "cycle_days")
                ]))
        registrar.add(
            try define(
                "open_pipeline", "Open opportunities", unit: .count, .higherIsBetter, basis: "leads.converted_at",
                requires: "leads.status", formula: "count(leads where status = \"opportunity\")",
                summary: "Opportunities not yet won or lost: the work in the pipeline now."))
        registrar.add(
            try define(
                "open_pipeline_value", "Open pipeline value", unit: .money, .higherIsBetter, basis: "leads.converted_at",
                requires: "leads.status leads.amount",
                formula: "count(leads where status = \"opportunity\") * (avg(amount) of leads where status = \"won\")",
                summary:
                    "Open opportunities valued at the average won deal (exports rarely carry amounts for open deals). What the pipeline is worth if it converts like the past."
            ))
        registrar.add(
            try define(
                "revenue", "Revenue", unit: .money, .higherIsBetter, basis: "leads.closed_at",
                requires: "leads.status leads.amount", formula: "sum(amount) of leads where status = \"won\"",
                summary: "Total amount of won deals, counted when they close. By month it is monthly revenue."))
        registrar.add(
            try define(
                "revenue_growth", "Revenue growth", unit: .ratio, .higherIsBetter, basis: "leads.closed_at",
                requires: "leads.status leads.amount",
                formula: """
                    ((sum(amount) of leads where status = "won") - previous(sum(amount) of leads where status = "won")) \
                    / previous(sum(amount) of leads where status = "won"), sum(amount) of leads where status = "won" as revenue
                    """,
                summary: "Change of revenue against the previous period (query it by month: month-over-month growth)."))
        for (type, plural) in [("call", "calls"), ("email", "emails"), ("meeting", "meetings"), ("demo", "demos")] {
            registrar.add(
                try define(
                    plural, plural.capitalized, unit: .count, .higherIsBetter, basis: "activities.created_at",
                    requires: "activities.type activities.completed",
                    formula: "count(activities where type = \"\(type)\"), count(activities where type = \"\(type)\" and completed) as completed",
                    summary: "Number of \(plural) logged, and how many were completed (connected or held); by rep it counts per person who did them.")
            )
        }
        registrar.add(
            try define(
                "meeting_completion_rate", "Meetings held vs scheduled", unit: .ratio, .higherIsBetter, basis: "activities.created_at",
                requires: "activities.type activities.scheduled_at activities.completed",
                formula: "share(activities where type = \"meeting\" and scheduled_at is not null, completed)",
                summary: "Of the meetings scheduled, the share that took place. No-shows and meetings still ahead lower it."))
    }
}
