import KPICore

/// Moving a period back in time for comparisons, keeping calendar periods calendar-aligned:
/// the quarter before 2024-Q1 is 2023-Q4, and a month a year back keeps its length.
enum PeriodShift {
    /// `[start, end)` as month indices when both ends are month starts.
    static func months(_ range: Range<Int64>) -> (Int64, Int64)? {
        let a = Time.monthIndex(milliseconds: range.lowerBound), b = Time.monthIndex(milliseconds: range.upperBound)
        guard Time.startOfMonth(index: a) == range.lowerBound, Time.startOfMonth(index: b) == range.upperBound else { return nil }
        return (a, b)
    }

    /// The period of equal length just before `range`, `n` times; nil when that leaves the
    /// calendar (``Time/supportedInstants``): `n` is the user's `N periods ago`.
    static func previous(_ range: Range<Int64>, times n: Int = 1) -> Range<Int64>? {
        if let (a, b) = months(range) {
            let (length, overflow) = (b - a).multipliedReportingOverflow(by: Int64(n))
            guard !overflow, let start = Time.startOfMonth(index: a, plus: -length), let end = Time.startOfMonth(index: b, plus: -length)
            else { return nil }
            return start..<end
        }
        let (length, overflow) = (range.upperBound - range.lowerBound).multipliedReportingOverflow(by: Int64(n))
        guard !overflow else { return nil }
        let (start, startOverflow) = range.lowerBound.subtractingReportingOverflow(length)
        let (end, endOverflow) = range.upperBound.subtractingReportingOverflow(length)
        guard !startOverflow, !endOverflow, Time.supportedInstants.contains(start) else { return nil }
        return start..<end
    }

    /// The same period a year earlier (29 February becomes 28 February).
    static func yearEarlier(_ range: Range<Int64>) -> Range<Int64> {
        if let (a, b) = months(range) { return Time.startOfMonth(index: a - 12)..<Time.startOfMonth(index: b - 12) }
        // 29 February → 28 February can bring the ends together (a range from 28 February noon
        // to 29 February 6:00): keep the length then, rather than build a reversed range.
        let start = yearEarlier(range.lowerBound), end = yearEarlier(range.upperBound)
        return start..<(end > start ? end : start + (range.upperBound - range.lowerBound))
    }

    private static func yearEarlier(_ ms: Int64) -> Int64 {
        let date = CivilDate(milliseconds: ms)
        let timeOfDay = Time.floorMod(ms, Time.millisecondsPerDay)
        let day = min(date.day, CivilDate.daysInMonth(year: date.year - 1, month: date.month))
        return CivilDate(year: date.year - 1, month: date.month, day: day).milliseconds + timeOfDay
    }

    /// A short label: `2024-03`, `2024-Q1`, `2024`, else `2024-03-01 – 2024-03-31`.
    static func label(_ range: Range<Int64>) -> String {
        if let (a, b) = months(range) {
            let year = Time.floorDiv(a, 12), month = Time.floorMod(a, 12) + 1
            if b - a == 1 { return "\(year)-\(month < 10 ? "0" : "")\(month)" }
            if b - a == 3 && (month - 1) % 3 == 0 { return "\(year)-Q\((month - 1) / 3 + 1)" }
            if b - a == 12 && month == 1 { return "\(year)" }
        }
        return ISO8601.formatDate(milliseconds: range.lowerBound) + " – " + ISO8601.formatDate(milliseconds: range.upperBound - 1)
    }
}
