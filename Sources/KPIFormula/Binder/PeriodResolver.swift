import KPICore

/// Turns a `during` period into a half-open range of instants `[start, end)`, relative to the
/// environment's as-of instant.
///
/// `last N days|weeks` is a rolling window ending at as-of; `last N months|quarters|years` is
/// the N whole calendar periods before the one as-of is in (the current, unfinished period is
/// left out: a comparison of whole periods); `last N months to date` is the current period so far
/// and the N − 1 before it; `last month` alone is the previous calendar month.
/// `this month` and `mtd`/`qtd`/`ytd` run from the start of the current period to as-of.
/// `from A to B` includes B's whole day, month, quarter or year.
public struct PeriodResolver: Sendable {
    /// The environment (as-of, calendar settings).
    public let environment: FormulaEnvironment

    /// Creates a resolver.
    public init(environment: FormulaEnvironment) { self.environment = environment }

    /// The range of a period.
    public func range(of period: PeriodSyntax) throws(FormulaError) -> (Int64, Int64) {
        let asOf = environment.asOf
        let endOfAsOf = asOf + 1
        switch period {
        case .literal(let expr):
            return try bounds(expr)
        case .last(let count, let grain):
            switch grain {
            case .day: return (endOfAsOf - Int64(count) * Time.millisecondsPerDay, endOfAsOf)
            case .week: return (endOfAsOf - Int64(count) * 7 * Time.millisecondsPerDay, endOfAsOf)
            case .month, .quarter, .year:
                let months = count * (grain == .month ? 1 : grain == .quarter ? 3 : 12)
                let start = startOfPeriod(containing: asOf, grain: grain)
                return (shiftMonths(start, by: -months), start)
            }
        case .this(let grain), .toDate(let grain):
            return (startOfPeriod(containing: asOf, grain: grain), endOfAsOf)
        case .lastToDate(let count, let grain):
            // Days and weeks roll back from as-of anyway; longer grains include the current one so far.
            let start = startOfPeriod(containing: asOf, grain: grain)
            switch grain {
            case .day, .week: return try range(of: .last(count: count, grain: grain))
            case .month, .quarter, .year:
                let months = (count - 1) * (grain == .month ? 1 : grain == .quarter ? 3 : 12)
                return (shiftMonths(start, by: -months), endOfAsOf)
            }
        case .range(let from, let to):
            let a = try bounds(from)
            let b = try bounds(to)
            return (a.0, b.1)
        }
    }

    /// The first instant of the day/week/month/quarter/year containing `ms`.
    public func startOfPeriod(containing ms: Int64, grain: TimeGrain) -> Int64 {
        let day = Time.floorDiv(ms, Time.millisecondsPerDay)
        switch grain {
        case .day: return day * Time.millisecondsPerDay
        case .week:
            let weekday = CivilDate(daysSinceEpoch: day).isoWeekday
            let back = Int64((weekday - environment.weekStart + 7) % 7)
            return (day - back) * Time.millisecondsPerDay
        case .month:
            return Time.startOfMonth(index: Time.monthIndex(milliseconds: ms))
        case .quarter, .year:
            let span: Int64 = grain == .quarter ? 3 : 12
            let offset = Int64(environment.fiscalYearStartMonth - 1)
            let index = Time.monthIndex(milliseconds: ms) - offset
            return Time.startOfMonth(index: Time.floorDiv(index, span) * span + offset)
        }
    }

    private func shiftMonths(_ ms: Int64, by months: Int) -> Int64 {
        Time.startOfMonth(index: Time.monthIndex(milliseconds: ms) + Int64(months))
    }

    /// The first instant of fiscal year `year`. Fiscal years are named by the calendar year they
    /// end in, as `by year` and `by quarter` label them: with an April start, 2024 begins 2023-04-01.
    private func fiscalYearStart(_ year: Int) -> Int64 {
        let first = environment.fiscalYearStartMonth
        return CivilDate(year: first == 1 ? year : year - 1, month: first, day: 1).milliseconds
    }

    /// The range of a calendar literal: a year, quarter, month, date or timestamp.
    func bounds(_ expr: Expr) throws(FormulaError) -> (Int64, Int64) {
        switch expr.kind {
        case .number(let v, true) where v >= 1000 && v <= 9999:
            let start = fiscalYearStart(Int(v))
            return (start, shiftMonths(start, by: 12))
        case .month(let y, let m):
            let start = CivilDate(year: y, month: m, day: 1).milliseconds
            return (start, shiftMonths(start, by: 1))
        case .quarter(let y, let q):
            let start = shiftMonths(fiscalYearStart(y), by: (q - 1) * 3)
            return (start, shiftMonths(start, by: 3))
        case .instant(let ms, let hasTime):
            return hasTime ? (ms, ms + 1) : (ms, ms + Time.millisecondsPerDay)
        default:
            throw FormulaError(
                id: "formula.type", message: "expected a period: a year (2024), month (2024-10), quarter (2024-Q3) or date", range: expr.range)
        }
    }
}
