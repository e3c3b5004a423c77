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
        var perKey: [KeyCodes] = []
        for key in keys {
            perKey.append(try KeyCodes.make(key, evaluator: evaluator, calendar: calendar))
        }
        if perKey.count == 1 {
            return Grouping(ids: perKey[0].codes, labels: perKey[0].labels.map { [$0] }, buckets: perKey[0].buckets.map { [$0] })
        }
        return try combine(perKey, count: evaluator.count, cancellation: evaluator.cancellation)
    }

    /// Several keys: one id per combination that occurs, numbered in order of first appearance.
    ///
    /// Key cardinalities are small (sources × months), so a row's combination is a mixed-radix
    /// number indexing a flat table; only huge products fall back to hashing the code tuples.
    private static func combine(_ perKey: [KeyCodes], count n: Int, cancellation: Cancellation) throws -> Grouping {
        var space = 1
        for key in perKey {
            let (product, overflow) = space.multipliedReportingOverflow(by: max(1, key.labels.count))
            guard !overflow, product <= KeyCodes.denseLimit(n) else { return try combineHashed(perKey, count: n, cancellation: cancellation) }
            space = product
        }
        var combined = ContiguousArray<Int32>(repeating: 0, count: n)
        var strides: [Int] = []
        var stride = 1
        combined.withUnsafeMutableBufferPointer { out in
            for key in perKey {
                let scale = Int32(stride)
                key.codes.withUnsafeBufferPointer { codes in
                    for row in 0..<n { out[row] &+= codes[row] &* scale }
                }
                strides.append(stride)
                stride *= max(1, key.labels.count)
            }
        }
        try cancellation.check()
        let used = KeyCodes.compact(&combined, domain: space)
        var groups = GroupList(perKey, capacity: used.count)
        try cancellation.forEachChunk(of: used.count) { chunk in
            for code in used[chunk] {
                groups.append(perKey.indices.map { k in Int32((code / strides[k]) % perKey[k].labels.count) })
            }
        }
        return Grouping(ids: combined, labels: groups.labels, buckets: groups.buckets)
    }

    /// Combinations too many for a flat table (`by activity_id, lead_id`): hashed, the slowest
    /// grouping, so it asks for cancellation as it goes.
    private static func combineHashed(_ perKey: [KeyCodes], count n: Int, cancellation: Cancellation) throws -> Grouping {
        // A combination is one mixed-radix Int64 whenever the product of the cardinalities fits
        // (a million leads by a million activities does): no array per row to hash and to free.
        var radix: [Int64] = []
        var space: Int64 = 1
        for key in perKey {
            radix.append(space)
            let (product, overflow) = space.multipliedReportingOverflow(by: Int64(max(1, key.labels.count)))
            guard !overflow else {
                return try combineHashed(perKey, count: n, cancellation: cancellation) { row in perKey.map { $0.codes[row] } }
            }
            space = product
        }
        return try combineHashed(perKey, count: n, cancellation: cancellation) { row in
            var packed: Int64 = 0
            for k in 0..<perKey.count { packed &+= Int64(perKey[k].codes[row]) &* radix[k] }
            return packed
        }
    }

    private static func combineHashed<Combination: Hashable>(
        _ perKey: [KeyCodes], count n: Int, cancellation: Cancellation, combination: (Int) -> Combination
    ) throws -> Grouping {
        var ids = ContiguousArray<Int32>(repeating: 0, count: n)
        var seen: [Combination: Int32] = [:]
        var groups = GroupList(perKey, capacity: 0)
        try cancellation.forEachChunk(of: n) { chunk in
            for row in chunk {
                let key = combination(row)
                if let id = seen[key] {
                    ids[row] = id
                } else {
                    let id = Int32(groups.labels.count)
                    seen[key] = id
                    groups.append(perKey.map { $0.codes[row] })
                    ids[row] = id
                }
            }
        }
        return Grouping(ids: ids, labels: groups.labels, buckets: groups.buckets)
    }

    /// The labels and buckets of combinations as they are found.
    ///
    /// Without a time key every group's buckets are nil: they share one array, so a million
    /// groups make (and, when a run is cancelled, free) a million arrays fewer.
    private struct GroupList {
        let perKey: [KeyCodes]
        let noBuckets: [Int64?]?
        var labels: [[Value]] = []
        var buckets: [[Int64?]] = []

        init(_ perKey: [KeyCodes], capacity: Int) {
            self.perKey = perKey
            let hasBuckets = perKey.contains { $0.buckets.contains { $0 != nil } }
            noBuckets = hasBuckets ? nil : [Int64?](repeating: nil, count: perKey.count)
            labels.reserveCapacity(capacity)
            buckets.reserveCapacity(capacity)
        }

        /// Adds the combination of these codes, one per key.
        mutating func append(_ codes: [Int32]) {
            labels.append(codes.indices.map { perKey[$0].labels[Int(codes[$0])] })
            buckets.append(noBuckets ?? codes.indices.map { perKey[$0].buckets[Int(codes[$0])] })
        }
    }
}

/// One group key's codes: 0-based per row, and the label (and time bucket) of each code.
///
/// Codes other than text dictionary codes are numbered in order of first appearance, nulls
/// included, so labels list exactly the values that occur.
struct KeyCodes {
    var codes: ContiguousArray<Int32>
    var labels: [Value]
    var buckets: [Int64?]

    /// The largest flat table (entries) worth allocating for `n` rows instead of hashing.
    static func denseLimit(_ n: Int) -> Int { max(1 << 16, 4 * n) }

    static func make(_ key: GroupKeyNode, evaluator: RowEvaluator, calendar: Grouping.Calendar) throws -> KeyCodes {
        let n = evaluator.count
        switch key {
        case .value(let expr):
            let v = try evaluator.value(expr)
            switch v {
            case .text(let codes, let dictionary): return text(codes, dictionary)
            case .bool(let x, let valid): return bool(x, valid)
            case .int(let x, let valid): return try integer(x, valid, evaluator.cancellation) { .int($0) }
            case .time(let x, let valid): return try integer(x, valid, evaluator.cancellation) { .timestamp($0) }
            default: return try hashed(v, valid: evaluator.validity(of: v), count: n, cancellation: evaluator.cancellation)
            }
        case .time(let expr, let grain):
            guard let (ms, valid) = try evaluator.value(expr).integers(count: n) else {
                throw ExecutionError.type("cannot group a non-date by \(grain.rawValue)")
            }
            return try time(ms, valid, grain: grain, calendar: calendar, cancellation: evaluator.cancellation)
        }
    }

    /// Renumbers codes in `0..<domain` from 0 in order of first appearance; returns the original
    /// code of each new one.
    static func compact(_ codes: inout ContiguousArray<Int32>, domain: Int) -> [Int] {
        var remap = [Int32](repeating: -1, count: domain)
        var used: [Int] = []
        codes.withUnsafeMutableBufferPointer { c in
            remap.withUnsafeMutableBufferPointer { r in
                for row in c.indices {
                    let raw = Int(c[row])
                    var id = r[raw]
                    if id < 0 {
                        id = Int32(used.count)
                        r[raw] = id
                        used.append(raw)
                    }
                    c[row] = id
                }
            }
        }
        return used
    }

    /// Dictionary codes as they are; null rows get one code past the dictionary.
    private static func text(_ codes: ContiguousArray<Int32>, _ dictionary: [String]) -> KeyCodes {
        let nullCode = Int32(dictionary.count)
        var hasNull = false
        let out = ContiguousArray<Int32>(unsafeUninitializedCapacity: codes.count) { buffer, initialized in
            codes.withUnsafeBufferPointer { c in
                for row in 0..<c.count {
                    let code = c[row]
                    hasNull = hasNull || code < 0
                    buffer[row] = code < 0 ? nullCode : code
                }
            }
            initialized = codes.count
        }
        let labels = dictionary.map { Value.text($0) } + (hasNull ? [.null] : [])
        return KeyCodes(codes: out, labels: labels, buckets: labels.map { _ in nil })
    }

    private static func bool(_ x: ContiguousArray<Bool>, _ valid: Bitmap?) -> KeyCodes {
        var codes = ContiguousArray<Int32>(unsafeUninitializedCapacity: x.count) { buffer, initialized in
            x.withUnsafeBufferPointer { v in
                for row in 0..<v.count {
                    buffer[row] = (valid?.isSet(row) ?? true) ? (v[row] ? 1 : 0) : 2
                }
            }
            initialized = x.count
        }
        let raw: [Value] = [.bool(false), .bool(true), .null]
        let labels = compact(&codes, domain: 3).map { raw[$0] }
        return KeyCodes(codes: codes, labels: labels, buckets: labels.map { _ in nil })
    }

    /// Whole numbers and instants: offsets from the smallest value when the span is small, else hashing.
    private static func integer(
        _ x: ContiguousArray<Int64>, _ valid: Bitmap?, _ cancellation: Cancellation, label: @escaping (Int64) -> Value
    ) throws -> KeyCodes {
        let n = x.count
        var lo = Int64.max, hi = Int64.min
        for row in 0..<n where valid?.isSet(row) ?? true {
            lo = min(lo, x[row])
            hi = max(hi, x[row])
        }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        guard lo <= hi, !overflow, span < Int64(denseLimit(n)) else {
            return try hashed(.int(x, valid), valid: valid, count: n, cancellation: cancellation) { label($0) }
        }
        let nullCode = Int32(span + 1)
        var codes = ContiguousArray<Int32>(unsafeUninitializedCapacity: n) { buffer, initialized in
            x.withUnsafeBufferPointer { v in
                for row in 0..<n { buffer[row] = (valid?.isSet(row) ?? true) ? Int32(truncatingIfNeeded: v[row] &- lo) : nullCode }
            }
            initialized = n
        }
        let labels = compact(&codes, domain: Int(span) + 2).map { $0 == Int(nullCode) ? Value.null : label(lo + Int64($0)) }
        return KeyCodes(codes: codes, labels: labels, buckets: labels.map { _ in nil })
    }

    /// Any value, through a hash table of boxed values.
    private static func hashed(
        _ v: Vector, valid: Bitmap?, count n: Int, cancellation: Cancellation, integerLabel: ((Int64) -> Value)? = nil
    ) throws -> KeyCodes {
        var index: [Value: Int32] = [:]
        var labels: [Value] = []
        var out = ContiguousArray<Int32>(repeating: 0, count: n)
        for row in 0..<n {
            try cancellation.check(atRow: row)
            let value: Value
            if let valid, !valid.isSet(row) {
                value = .null
            } else {
                switch v {
                case .int(let x, _): value = integerLabel?(x[row]) ?? .int(x[row])
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
        return KeyCodes(codes: out, labels: labels, buckets: labels.map { _ in nil })
    }

    /// Calendar buckets of instants, through a table from day to bucket over the days that occur.
    private static func time(
        _ ms: ContiguousArray<Int64>, _ valid: Bitmap?, grain: TimeGrain, calendar: Grouping.Calendar, cancellation: Cancellation
    ) throws -> KeyCodes {
        let n = ms.count
        var loDay = Int64.max, hiDay = Int64.min
        ms.withUnsafeBufferPointer { v in
            for row in 0..<n where valid?.isSet(row) ?? true {
                let day = Time.floorDiv(v[row], 86_400_000)
                loDay = min(loDay, day)
                hiDay = max(hiDay, day)
            }
        }
        guard loDay <= hiDay else {
            // No dates at all: every row is in the null bucket.
            let codes = ContiguousArray<Int32>(repeating: 0, count: n)
            return n == 0 ? KeyCodes(codes: codes, labels: [], buckets: []) : KeyCodes(codes: codes, labels: [.null], buckets: [nil])
        }
        let (span, overflow) = hiDay.subtractingReportingOverflow(loDay)
        guard !overflow, span < 1 << 20 else { return try timeHashed(ms, valid, grain: grain, calendar: calendar, cancellation: cancellation) }
        let firstBucket = TimeBuckets.bucket(day: loDay, grain: grain, calendar: calendar)
        let dayCodes = (0...span).map { Int32(TimeBuckets.bucket(day: loDay + $0, grain: grain, calendar: calendar) - firstBucket) }
        let nullCode = (dayCodes.last ?? 0) + 1
        var codes = ContiguousArray<Int32>(unsafeUninitializedCapacity: n) { buffer, initialized in
            ms.withUnsafeBufferPointer { v in
                dayCodes.withUnsafeBufferPointer { table in
                    for row in 0..<n {
                        buffer[row] = (valid?.isSet(row) ?? true) ? table[Int(Time.floorDiv(v[row], 86_400_000) &- loDay)] : nullCode
                    }
                }
            }
            initialized = n
        }
        let used = compact(&codes, domain: Int(nullCode) + 1)
        let buckets: [Int64?] = used.map { $0 == Int(nullCode) ? nil : firstBucket + Int64($0) }
        let labels = buckets.map { $0.map { TimeBuckets.label(bucket: $0, grain: grain, calendar: calendar) } ?? .null }
        return KeyCodes(codes: codes, labels: labels, buckets: buckets)
    }

    /// Dates spread over more than two thousand years: one calendar conversion per distinct day.
    private static func timeHashed(
        _ ms: ContiguousArray<Int64>, _ valid: Bitmap?, grain: TimeGrain, calendar: Grouping.Calendar, cancellation: Cancellation
    ) throws -> KeyCodes {
        var out = ContiguousArray<Int32>(repeating: 0, count: ms.count)
        var bucketOf: [Int64: Int32] = [:]
        var bucketValues: [Int64?] = []
        var dayCache: [Int64: Int64] = [:]
        var nullCode: Int32 = -1
        for row in 0..<ms.count {
            try cancellation.check(atRow: row)
            if let valid, !valid.isSet(row) {
                if nullCode < 0 {
                    nullCode = Int32(bucketValues.count)
                    bucketValues.append(nil)
                }
                out[row] = nullCode
                continue
            }
            let day = Time.floorDiv(ms[row], 86_400_000)
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
        let labels = bucketValues.map { $0.map { TimeBuckets.label(bucket: $0, grain: grain, calendar: calendar) } ?? .null }
        return KeyCodes(codes: out, labels: labels, buckets: bucketValues)
    }
}
