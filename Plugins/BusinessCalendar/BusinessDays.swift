import KPICore

/// The calendar arithmetic behind ``BusinessCalendarModule``'s functions, on days since the
/// epoch (UTC). 1970-01-01 was a Thursday, so day −3, 1969-12-29, is a Monday: weeks are
/// counted from there.
enum BusinessDays {
    /// The weekdays (Monday–Friday) in the days [−3, day): a count that grows by five a week,
    /// so the weekdays between two days are the difference of their counts.
    static func weekdaysBefore(_ day: Int64) -> Int64 {
        let sinceMonday = day + 3
        let weeks = Time.floorDiv(sinceMonday, 7)
        return 5 * weeks + min(sinceMonday - 7 * weeks, 5)
    }

    /// 0 for Monday ... 6 for Sunday.
    static func weekday(_ day: Int64) -> Int64 {
        Time.floorMod(day + 3, 7)
    }

    /// The working days from the day of `a` up to (not including) the day of `b`, per row; the
    /// negative of the working days from b's day up to a's when b is earlier.
    static func between(_ a: Int64, _ b: Int64) -> Int64 {
        weekdaysBefore(Time.floorDiv(b, Time.millisecondsPerDay)) - weekdaysBefore(Time.floorDiv(a, Time.millisecondsPerDay))
    }

    /// `business_days_between` over two instant columns; null where `validity` is unset.
    static func between(_ a: Column, _ b: Column, rowCount: Int, validity: Bitmap?) -> Column {
        var out = ContiguousArray<Int64>(repeating: 0, count: rowCount)
        if let from = a.instants, let to = b.instants {
            for row in 0..<rowCount { out[row] = between(from[row], to[row]) }
        }
        let valid = (a.instants != nil && b.instants != nil) ? validity : Bitmap(count: rowCount, allSet: false)
        return Column(name: "business_days_between", data: .int(out), validity: valid)
    }

    /// The share of `instants` (milliseconds) on a Saturday or Sunday.
    static func weekendShare(_ instants: ContiguousArray<Double>) -> Double? {
        guard !instants.isEmpty else { return nil }
        var weekend = 0
        for instant in instants where weekday(Time.floorDiv(Int64(instant), Time.millisecondsPerDay)) >= 5 { weekend += 1 }
        return Double(weekend) / Double(instants.count)
    }
}
