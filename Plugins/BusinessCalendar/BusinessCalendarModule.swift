import KPICore

/// Business-day arithmetic for formulas: `business_days_between(a, b)` counts the working days
/// (Monday to Friday) from one date to another, and the aggregate `weekend_share(x)` tells how
/// many of a group's dates fall on a weekend.
///
/// An example Swift plugin that adds formula functions, which a formula alone cannot express:
/// this folder is its own target, built against `KPICore` only, and the `kpi` tool registers
/// `BusinessCalendarModule()` because the folder exists (see `docs/writing-a-kpi-module.md`).
///
/// ```
/// avg(business_days_between(created_at, closed_at)) of leads where status = "won"
/// weekend_share(created_at) of leads by source
/// ```
///
/// Days are calendar days in UTC, as everywhere in KPIKit; there are no public holidays.
public struct BusinessCalendarModule: KPIModule {
    public let name = "business-calendar"
    public let version = "1.0.0"
    public let summary = "Working days between dates, and the share of dates on a weekend (Swift plugin)"

    /// Creates the module.
    public init() {}

    public func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        registrar.add(
            ModuleFunction.row(
                "business_days_between", parameters: [.date, .date], result: .number, unit: .fixed(.duration(.days)),
                summary:
                    "Working days (Monday–Friday, UTC) from a up to b: the weekdays in [a's day, b's day), negative when b is before a, null when either is null.",
                example: "avg(business_days_between(created_at, closed_at)) of leads where status = \"won\""
            ) { arguments in
                BusinessDays.between(arguments[0], arguments[1], rowCount: arguments.rowCount, validity: arguments.allValid)
            })
        registrar.add(
            ModuleFunction.aggregate(
                "weekend_share", parameter: .date, unit: .fixed(.ratio),
                summary: "The share of the non-null dates that fall on a Saturday or a Sunday (UTC).",
                example: "weekend_share(created_at) of leads by source"
            ) { instants in BusinessDays.weekendShare(instants) })
    }
}
