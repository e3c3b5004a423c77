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

    /// The range of a period; `range` is where the period is written, for errors.
    ///
    /// An empty or reversed period (`last 0 days`, `from 2024 to 2023`) and one beyond the
    /// calendar (``Time/supportedInstants``) are errors: nothing downstream has to cope with them.
    public func range(of period: PeriodSyntax, at range: SourceRange = SourceRange(0, 0)) throws(FormulaError) -> (Int64, Int64) {
        let (start, end) = try unchecked(period, at: range)
        guard start < end else {
            if case .range = period {
                throw FormulaError(id: .formulaEmptyPeriod, message: "the period ends before it starts: \(Printer.print(period))", range: range)
            }
            throw FormulaError(id: .formulaEmptyPeriod, message: "\(Printer.print(period)) is empty", range: range)
        }
        guard Time.supportedInstants.contains(start), end <= Time.supportedInstants.upperBound else { throw outOfRange(period, range) }
        return (start, end)
    }

    private func outOfRange(_ period: PeriodSyntax, _ range: SourceRange) -> FormulaError {
        FormulaError(
            id: .formulaPeriodOutOfRange, message: "\(Printer.print(period)) reaches beyond the calendar (years -9999 to 9999)",
            range: range)
    }

    private func unchecked(_ period: PeriodSyntax, at range: SourceRange) throws(FormulaError) -> (Int64, Int64) {
        let asOf = environment.asOf
        let endOfAsOf = asOf + 1
        switch period {
        case .literal(let expr):
            return try bounds(expr)
        case .last(let count, let grain):
            switch grain {
            case .day, .week:
                // `count` is at most 10⁹ (the parser's whole-number limit), so this cannot overflow;
                // the calendar check in range(of:at:) catches what lands before year -9999.
                let days = Int64(count) * (grain == .week ? 7 : 1)
                return (endOfAsOf - days * Time.millisecondsPerDay, endOfAsOf)
            case .month, .quarter, .year:
                let months = Int64(count) * (grain == .month ? 1 : grain == .quarter ? 3 : 12)
                let start = startOfPeriod(containing: asOf, grain: grain)
                guard let first = Time.startOfMonth(index: Time.monthIndex(milliseconds: start), plus: -months) else {
                    throw outOfRange(period, range)
                }
                return (first, start)
            }
        case .this(let grain), .toDate(let grain):
            return (startOfPeriod(containing: asOf, grain: grain), endOfAsOf)
        case .lastToDate(let count, let grain):
            // Days and weeks roll back from as-of anyway; longer grains include the current one so far.
            let start = startOfPeriod(containing: asOf, grain: grain)
            switch grain {
            case .day, .week: return try unchecked(.last(count: count, grain: grain), at: range)
            case .month, .quarter, .year:
                let months = (Int64(count) - 1) * (grain == .month ? 1 : grain == .quarter ? 3 : 12)
                guard let first = Time.startOfMonth(index: Time.monthIndex(milliseconds: start), plus: -months) else {
                    throw outOfRange(period, range)
                }
                return (first, endOfAsOf)
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
                id: .formulaType, message: "expected a period: a year (2024), month (2024-10), quarter (2024-Q3) or date", range: expr.range)
        }
    }
}
