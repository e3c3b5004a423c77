import KPICore

/// Dense group ids for the rows of one table, and the key values of each group.
struct Grouping {
    /// Group id per row (`nil` when there are no keys: everything is group 0).
    var ids: ContiguousArray<Int32>?
    /// Key values per group id.
    var labels: [[Value]]
    /// Sortable bucket index per group and key, for time keys (for gap filling); nil otherwise.
    var buckets: [[Int64?]]

    var groupCount: Int { ids == nil ? 1 : labels.count }

    /// Calendar settings for week and quarter buckets.
    struct Calendar {
        var weekStart: Int
        var fiscalYearStartMonth: Int
    }

    static func make(_ keys: [GroupKeyNode], evaluator: RowEvaluator, calendar: Calendar) throws -> Grouping {
        guard !keys.isEmpty else { return Grouping(ids: nil, labels: [[]], buckets: [[]]) }
        var perKey: [(codes: ContiguousArray<Int32>, labels: [Value], buckets: [Int64?])] = []
        for key in keys {
            perKey.append(try codes(for: key, evaluator: evaluator, calendar: calendar))
        }
        let n = evaluator.count
        if perKey.count == 1 {
            return Grouping(ids: perKey[0].codes, labels: perKey[0].labels.map { [$0] }, buckets: perKey[0].buckets.map { [$0] })
        }
        // Several keys: combine codes, then compact to the combinations that occur.
        var ids = ContiguousArray<Int32>(repeating: 0, count: n)
        var seen: [[Int32]: Int32] = [:]
        var labels: [[Value]] = []
        var buckets: [[Int64?]] = []
        var tuple = [Int32](repeating: 0, count: perKey.count)
        for row in 0..<n {
            for k in 0..<perKey.count { tuple[k] = perKey[k].codes[row] }
            if let id = seen[tuple] {
                ids[row] = id
            } else {
                let id = Int32(labels.count)
                seen[tuple] = id
                labels.append((0..<perKey.count).map { perKey[$0].labels[Int(tuple[$0])] })
                buckets.append((0..<perKey.count).map { perKey[$0].buckets[Int(tuple[$0])] })
                ids[row] = id
            }
        }
        return Grouping(ids: ids, labels: labels, buckets: buckets)
    }

    /// Codes (0-based; nulls get their own code) and labels for one key.
    private static func codes(
        for key: GroupKeyNode, evaluator: RowEvaluator, calendar: Calendar
    ) throws -> (codes: ContiguousArray<Int32>, labels: [Value], buckets: [Int64?]) {
        let n = evaluator.count
        switch key {
        case .value(let expr):
            let v = try evaluator.value(expr)
            switch v {
            case .text(let codes, let dictionary):
                let nullCode = Int32(dictionary.count)
                var hasNull = false
                let out = ContiguousArray(codes.lazy.map { (c: Int32) -> Int32 in
                    if c < 0 { hasNull = true; return nullCode }
                    return c
                })
                let labels = dictionary.map { Value.text($0) } + (hasNull ? [.null] : [])
                return (out, labels, labels.map { _ in nil })
            default:
                var index: [Value: Int32] = [:]
                var labels: [Value] = []
                var out = ContiguousArray<Int32>(repeating: 0, count: n)
                let valid = evaluator.validity(of: v)
                for row in 0..<n {
                    let value: Value
                    if let valid, !valid.isSet(row) {
                        value = .null
                    } else {
                        switch v {
                        case .int(let x, _): value = .int(x[row])
                        case .double(let x, _): value = .double(x[row])
                        case .bool(let x, _): value = .bool(x[row])
                        case .time(let x, _): value = .timestamp(x[row])
                        case .constant(let c): value = c
                        case .text: value = .null
                        }
                    }
                    if let id = index[value] {
                        out[row] = id
                    } else {
                        index[value] = Int32(labels.count)
                        out[row] = Int32(labels.count)
                        labels.append(value)
                    }
                }
                return (out, labels, labels.map { _ in nil })
            }
        case .time(let expr, let grain):
            guard let (ms, valid) = try evaluator.value(expr).integers(count: n) else {
                throw ExecutionError.type("cannot group a non-date by \(grain.rawValue)")
            }
            var out = ContiguousArray<Int32>(repeating: 0, count: n)
            var bucketOf: [Int64: Int32] = [:]
            var bucketValues: [Int64] = []
            // Bucketing goes through a per-day table: one calendar conversion per distinct day.
            var dayCache: [Int64: Int64] = [:]
            var nullCode: Int32 = -1
            for row in 0..<n {
                if let valid, !valid.isSet(row) {
                    if nullCode < 0 {
                        nullCode = Int32(bucketValues.count)
                        bucketValues.append(Int64.min)
                    }
                    out[row] = nullCode
                    continue
                }
                let day = Time.floorDiv(ms[row], Time.millisecondsPerDay)
                let bucket: Int64
                if let cached = dayCache[day] {
                    bucket = cached
                } else {
                    bucket = TimeBuckets.bucket(day: day, grain: grain, calendar: calendar)
                    dayCache[day] = bucket
                }
                if let id = bucketOf[bucket] {
                    out[row] = id
                } else {
                    let id = Int32(bucketValues.count)
                    bucketOf[bucket] = id
                    bucketValues.append(bucket)
                    out[row] = id
                }
            }
            let labels = bucketValues.map { $0 == Int64.min ? Value.null : TimeBuckets.label(bucket: $0, grain: grain, calendar: calendar) }
            return (out, labels, bucketValues.map { $0 == Int64.min ? nil : $0 })
        }
    }
}

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
