import KPICore
import KPIEngine
import KPIFormula

/// Calendar labels of a period parameter, for statements that take one period literal
/// (`explain change … from $month.previous to $month.label`): `$p.label` is the calendar month,
/// quarter or year the value resolves to at the run's as-of (`last month` → `2024-11`), and
/// `$p.previous` the one before it (`2024-10`).
enum RecipePeriods {
    /// (label, previous label) of `value`, or nil when it is not one whole calendar period.
    static func labels(of value: String, in session: Session) -> (String, String)? {
        guard let during = try? Parser.parsePeriod(value),
            let (start, end) = try? PeriodResolver(environment: session.environment).range(of: during)
        else { return nil }
        let first = CivilDate(milliseconds: start), last = CivilDate(milliseconds: end - 1)
        guard first.day == 1, CivilDate(milliseconds: end).day == 1 else { return nil }
        let months = (last.year - first.year) * 12 + last.month - first.month + 1
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch months {
        case 1:
            let previous = first.month == 1 ? (first.year - 1, 12) : (first.year, first.month - 1)
            return ("\(first.year)-\(pad(first.month))", "\(previous.0)-\(pad(previous.1))")
        case 3 where (first.month - 1) % 3 == 0:
            let quarter = (first.month - 1) / 3 + 1
            return ("\(first.year)-Q\(quarter)", quarter == 1 ? "\(first.year - 1)-Q4" : "\(first.year)-Q\(quarter - 1)")
        case 12 where first.month == 1:
            return ("\(first.year)", "\(first.year - 1)")
        default:
            return nil
        }
    }
}
