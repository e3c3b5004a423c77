import KPICore

/// Calendar buckets: a sortable index per grain and its label (`2024-03`, `2024-Q1`, `2024`).
enum TimeBuckets {
    /// Month buckets count months since year 0; weeks and days count days since the epoch.
    static func bucket(day: Int64, grain: TimeGrain, calendar: Grouping.Calendar) -> Int64 {
        switch grain {
        case .day: return day
        case .week:
            let weekday = CivilDate(daysSinceEpoch: day).isoWeekday
            return day - Int64((weekday - calendar.weekStart + 7) % 7)
        case .month:
            let d = CivilDate(daysSinceEpoch: day)
            return Int64(d.year) * 12 + Int64(d.month - 1)
        case .quarter, .year:
            let d = CivilDate(daysSinceEpoch: day)
            let span: Int64 = grain == .quarter ? 3 : 12
            let offset = Int64(calendar.fiscalYearStartMonth - 1)
            return Time.floorDiv(Int64(d.year) * 12 + Int64(d.month - 1) - offset, span)
        }
    }

    static func label(bucket: Int64, grain: TimeGrain, calendar: Grouping.Calendar) -> Value {
        switch grain {
        case .day, .week: return .date(bucket * Time.millisecondsPerDay)
        case .month:
            let y = Time.floorDiv(bucket, 12), m = Time.floorMod(bucket, 12) + 1
            return .text("\(y)-\(m < 10 ? "0" : "")\(m)")
        case .quarter:
            // Fiscal years are named by the calendar year in which they end, as most finance teams do.
            let shift: Int64 = calendar.fiscalYearStartMonth == 1 ? 0 : 1
            return .text("\(Time.floorDiv(bucket, 4) + shift)-Q\(Time.floorMod(bucket, 4) + 1)")
        case .year:
            return .int(bucket + (calendar.fiscalYearStartMonth == 1 ? 0 : 1))
        }
    }

    /// The next bucket index (weeks step by 7 days).
    static func next(_ bucket: Int64, grain: TimeGrain) -> Int64 { grain == .week ? bucket + 7 : bucket + 1 }

    /// The previous bucket index.
    static func previous(_ bucket: Int64, grain: TimeGrain) -> Int64 { grain == .week ? bucket - 7 : bucket - 1 }

    /// The first instant of a bucket.
    static func start(of bucket: Int64, grain: TimeGrain, calendar: Grouping.Calendar) -> Int64 {
        let offset = Int64(calendar.fiscalYearStartMonth - 1)
        switch grain {
        case .day, .week: return bucket * Time.millisecondsPerDay
        case .month: return Time.startOfMonth(index: bucket)
        case .quarter: return Time.startOfMonth(index: bucket * 3 + offset)
        case .year: return Time.startOfMonth(index: bucket * 12 + offset)
        }
    }
}
