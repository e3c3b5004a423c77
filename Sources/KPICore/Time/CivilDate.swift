/// A proleptic-Gregorian calendar date, with conversions to and from days since 1970-01-01.
///
/// The algorithms are Howard Hinnant's `days_from_civil` / `civil_from_days`: exact for every
/// date, branch-light, no Foundation calendar on the hot path.
public struct CivilDate: Sendable, Hashable, Comparable {
    /// The year (e.g. 2024).
    public var year: Int
    /// The month, 1...12.
    public var month: Int
    /// The day of the month, 1...31.
    public var day: Int

    /// Creates a date from its parts; the parts are not validated (see ``isValid``).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether month and day name a real calendar day.
    public var isValid: Bool {
        month >= 1 && month <= 12 && day >= 1 && day <= CivilDate.daysInMonth(year: year, month: month)
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(m <= 2 ? y + 1 : y), month: Int(m), day: Int(d))
    }

    /// The date of an instant given in milliseconds since the epoch (UTC).
    public init(milliseconds: Int64) {
        self.init(daysSinceEpoch: Time.floorDiv(milliseconds, Time.millisecondsPerDay))
    }

    /// Milliseconds since the epoch at this date's midnight UTC.
    public var milliseconds: Int64 { daysSinceEpoch * Time.millisecondsPerDay }

    /// Whether `year` is a leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days of a month.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// The ISO weekday, 1 = Monday ... 7 = Sunday.
    public var isoWeekday: Int {
        let d = daysSinceEpoch  // 1970-01-01 was a Thursday (4)
        let w = Time.floorMod(d + 3, 7)
        return Int(w) + 1
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// Time constants and integer helpers shared by adapters and kernels.
public enum Time {
    /// Milliseconds in one second.
    public static let millisecondsPerSecond: Int64 = 1000
    /// Milliseconds in one hour.
    public static let millisecondsPerHour: Int64 = 3_600_000
    /// Milliseconds in one day.
    public static let millisecondsPerDay: Int64 = 86_400_000

    /// Integer division rounding towards negative infinity.
    @inlinable public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
    }

    /// The non-negative remainder of `a` divided by `b` (for positive `b`).
    @inlinable public static func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r < 0 ? r + b : r
    }

    /// A month index (`year * 12 + month - 1`) of an instant, for bucketing by month.
    @inlinable public static func monthIndex(milliseconds: Int64) -> Int64 {
        let date = CivilDate(milliseconds: milliseconds)
        return Int64(date.year) * 12 + Int64(date.month - 1)
    }

    /// The month indices (`year * 12 + month - 1`) that period arithmetic stays within: years
    /// -9999 to 9999. Instants far beyond them overflow milliseconds, and no export has such dates.
    public static let supportedMonthIndices: ClosedRange<Int64> = (-9999 * 12)...(9999 * 12 + 11)

    /// The instants of ``supportedMonthIndices``: from -9999-01-01 up to, not including, 10000-01-01.
    public static let supportedInstants: Range<Int64> =
        startOfMonth(index: supportedMonthIndices.lowerBound)..<startOfMonth(index: supportedMonthIndices.upperBound + 1)

    /// The first instant of month `index` `months` later (earlier when negative), or nil when
    /// that leaves ``supportedMonthIndices`` — shifts come from user input such as `99999 periods ago`.
    public static func startOfMonth(index: Int64, plus months: Int64) -> Int64? {
        let (shifted, overflow) = index.addingReportingOverflow(months)
        guard !overflow, supportedMonthIndices.contains(shifted) else { return nil }
        return startOfMonth(index: shifted)
    }

    /// The first instant (ms) of the month with the given month index.
    public static func startOfMonth(index: Int64) -> Int64 {
        let year = Int(floorDiv(index, 12))
        let month = Int(floorMod(index, 12)) + 1
        return CivilDate(year: year, month: month, day: 1).milliseconds
    }
}
