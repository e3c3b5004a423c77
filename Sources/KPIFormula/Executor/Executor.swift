import KPICore

/// Executes a ``QueryPlan`` over a dataset, column-at-a-time: filters become bitmaps, group keys
/// dense ids, aggregates per-group arrays; aggregates of different tables are joined on their keys.
public struct Executor: Sendable {
    /// The data.
    public let dataset: Dataset
    /// First day of the week, 1 = Monday.
    public var weekStart: Int
    /// First month of the fiscal year.
    public var fiscalYearStartMonth: Int
    /// Polled between steps; return `true` to abandon the run with ``ExecutionError/cancelled``.
    public var isCancelled: @Sendable () -> Bool

    /// Creates an executor.
    public init(
        dataset: Dataset, weekStart: Int = 1, fiscalYearStartMonth: Int = 1, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.dataset = dataset
        self.weekStart = weekStart
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.isCancelled = isCancelled
    }

    /// Runs the plan.
    ///
    /// - Throws: ``ExecutionError`` when the data lacks what the plan was bound against, or on cancellation.
    public func run(_ plan: QueryPlan) throws -> QueryResult {
        let check: () throws -> Void = { [isCancelled] in if isCancelled() { throw ExecutionError.cancelled } }
        let calendar = Grouping.Calendar(weekStart: weekStart, fiscalYearStartMonth: fiscalYearStartMonth)
        let timeKey = plan.keyIsTime.firstIndex(of: true)
        let grain = timeGrain(plan)
        var results = Results()
        let cache = ExecutionCache()
        // The same aggregate written twice in a query (a rate's denominator reused) runs once.
        var done: [AggregateNode: NodeResult] = [:]
        for node in plan.aggregates {
            try check()
            if let earlier = done[node] {
                results.append(earlier)
                continue
            }
            guard let table = dataset[node.table] else { throw ExecutionError.missingTable(node.table) }
            let evaluator = RowEvaluator(dataset: dataset, table: table, checkCancelled: check, cache: cache)
            let result: NodeResult
            if node.usesPeriodBounds {
                result = try runPerPeriod(node, plan: plan, evaluator: evaluator, timeKey: timeKey, grain: grain ?? .month, calendar: calendar)
            } else {
                result = try runOnce(node, plan: plan, evaluator: evaluator, calendar: calendar)
            }
            done[node] = result
            results.append(result)
        }
        var keys = plan.keyNames.isEmpty ? [[]] : results.order
        // A series lists periods: rows with no date in its basis belong to none of them (a note says how many).
        if let timeKey { keys.removeAll { $0[timeKey] == .null } }
        if let timeKey, let grain, plan.keyNames.count == 1 {
            keys = fillGaps(
                keys, results: &results, range: plan.reportingRange, extendsToData: plan.window == nil, grain: grain,
                calendar: calendar, timeKey: timeKey)
        }
        let funnelKeys = plan.keyNames.map(Self.isFunnelKey)
        keys.sort { Self.keyOrder($0, $1, funnel: funnelKeys) }
        let measures = keys.map { key in
            plan.aggregates.indices.map { results.maps[$0][key] ?? Aggregation.empty(plan.aggregates[$0].function) }
        }
        let previousRow = timeKey.map { previousRows(keys, timeKey: $0, results: results, grain: grain ?? .month, calendar: calendar) }
        var rows: [QueryResult.Row] = []
        rows.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() {
            let values = plan.outputs.map { combine($0.expr, row: i, measures: measures, previous: previousRow) }
            rows.append(QueryResult.Row(keys: key, measures: values))
        }
        var notes: [ResultNote] = []
        if let timeKey, let grain {
            notes += SeriesNotes.partialPeriods(
                &rows, buckets: results.buckets, timeKey: timeKey, grain: grain, calendar: calendar, plan: plan,
                coverageStart: results.coverageStart)
            notes += SeriesNotes.rowsLeftOut(results.leftOut, grain: grain, window: plan.window)
        }
        if let visibleFrom = plan.visibleFrom, let timeKey, let grain {
            rows = rows.filter { row in
                guard let bucket = results.buckets[row.keys] else { return true }
                return TimeBuckets.start(of: bucket, grain: grain, calendar: calendar) >= visibleFrom
            }
        }
        if let order = plan.order { rows = Self.ordered(rows, by: order, keyNames: plan.keyNames) }
        if let rank = plan.rank {
            // Groups without a value rank last both ways: `bottom 3` means the three lowest values.
            let score: (QueryResult.Row) -> Double? = { row in
                rank.byLowerBound ? (row.measure.confidenceInterval?.lowerBound ?? row.measure.value) : row.measure.value
            }
            rows.sort { a, b in
                guard let x = score(a) else { return false }
                guard let y = score(b) else { return true }
                return rank.descending ? x > y : x < y
            }
            rows = Array(rows.prefix(rank.count))
        }
        if let limit = plan.limit { rows = Array(rows.prefix(limit)) }
        var result = QueryResult(
            keyNames: plan.keyNames, rows: rows, measureNames: plan.outputs.map(\.name), units: plan.outputs.map(\.unit),
            kpiID: plan.kpiID)
        result.period = plan.window
        result.notes = FilterNotes.unmatchedValues(plan, dataset: dataset) + notes
        return result
    }

    /// Per-aggregate results keyed by group key values, with the time bucket of each key.
    private struct Results {
        var maps: [[[Value]: Measure]] = []
        var buckets: [[Value]: Int64] = [:]
        var order: [[Value]] = []
        var seen = Set<[Value]>()
        /// Rows a series leaves out, per table and date basis (the largest count of its aggregates).
        var leftOut: [SeriesNotes.LeftOut] = []
        /// The earliest instant of the series' date bases over all their rows: where the data starts.
        var coverageStart: Int64?

        mutating func add(_ key: [Value], bucket: Int64?) {
            if let bucket { buckets[key] = bucket }
            if seen.insert(key).inserted { order.append(key) }
        }

        mutating func append(_ result: NodeResult) {
            for (key, bucket) in result.keys { add(key, bucket: bucket) }
            maps.append(result.map)
            for entry in result.leftOut {
                if let i = leftOut.firstIndex(where: { $0.sameRows(as: entry) }) {
                    leftOut[i].merge(entry)
                } else {
                    leftOut.append(entry)
                }
            }
            if let start = result.coverageStart { coverageStart = min(coverageStart ?? start, start) }
        }
    }

    /// One aggregate's measures by group key, and its keys (with time buckets) in the order found.
    private struct NodeResult {
        var map: [[Value]: Measure] = [:]
        var keys: [([Value], Int64?)] = []
        var leftOut: [SeriesNotes.LeftOut] = []
        var coverageStart: Int64?
    }

    /// The grouping of `keys` on the evaluator's table, computed once per run.
    private func grouping(_ keys: [GroupKeyNode], evaluator: RowEvaluator, calendar: Grouping.Calendar) throws -> Grouping {
        guard let cache = evaluator.cache else { return try Grouping.make(keys, evaluator: evaluator, calendar: calendar) }
        let key = ExecutionCache.key(evaluator.table.name, keys, evaluator.periodBounds)
        if let hit = cache.groupings[key] { return hit }
        let made = try Grouping.make(keys, evaluator: evaluator, calendar: calendar)
        cache.groupings[key] = made
        return made
    }

    /// An ordinary aggregate: filter, group, aggregate once.
    private func runOnce(_ node: AggregateNode, plan: QueryPlan, evaluator: RowEvaluator, calendar: Grouping.Calendar) throws -> NodeResult {
        let selection = try node.filter.map { try evaluator.condition($0).truth }
        let shareTruth = try node.shareCondition.map { try evaluator.condition($0).truth }
        let grouping = try grouping(node.keys, evaluator: evaluator, calendar: calendar)
        let measures = try Aggregation.run(node, selection: selection, grouping: grouping, evaluator: evaluator, shareTruth: shareTruth)
        // Only groups with at least one row in the base set are listed.
        var present = [Bool](repeating: plan.keyNames.isEmpty, count: grouping.groupCount)
        if let ids = grouping.ids {
            present.withUnsafeMutableBufferPointer { p in
                ids.withUnsafeBufferPointer { ids in
                    if let selection { selection.forEachSetBit { p[Int(ids[$0])] = true } } else { for id in ids { p[Int(id)] = true } }
                }
            }
        }
        var result = NodeResult()
        let timeKey = plan.keyIsTime.firstIndex(of: true)
        for g in 0..<grouping.groupCount where present[g] {
            let key = grouping.labels[g]
            result.map[key] = measures[g]
            result.keys.append((key, timeKey.flatMap { grouping.buckets[g][$0] }))
        }
        if let timeKey, case .time(let expr, _) = node.keys[timeKey] {
            let bookkeeping = try SeriesNotes.bookkeeping(
                node, timeExpr: expr, timeKey: timeKey, grouping: grouping, selection: selection, evaluator: evaluator)
            result.leftOut = bookkeeping.leftOut
            result.coverageStart = bookkeeping.coverageStart
        }
        return result
    }

    /// An aggregate whose condition uses `period_start`/`period_end`: computed once per period of
    /// the reporting range. Without a time key the periods are months and the results are summed
    /// (customer-months), as the CLTV definition needs.
    private func runPerPeriod(
        _ node: AggregateNode, plan: QueryPlan, evaluator: RowEvaluator, timeKey: Int?, grain: TimeGrain, calendar: Grouping.Calendar
    ) throws -> NodeResult {
        guard let range = plan.reportingRange else {
            throw ExecutionError.type("period_start needs a reporting range: load leads or add 'during'")
        }
        var otherKeys = node.keys
        if let timeKey { otherKeys.remove(at: timeKey) }
        let first = TimeBuckets.bucket(day: Time.floorDiv(range.lowerBound, Time.millisecondsPerDay), grain: grain, calendar: calendar)
        let last = TimeBuckets.bucket(day: Time.floorDiv(range.upperBound, Time.millisecondsPerDay), grain: grain, calendar: calendar)
        var result = NodeResult()
        var bucket = first
        while bucket <= last {
            let start = TimeBuckets.start(of: bucket, grain: grain, calendar: calendar)
            let end = TimeBuckets.start(of: TimeBuckets.next(bucket, grain: grain), grain: grain, calendar: calendar)
            var periodEvaluator = evaluator
            periodEvaluator.periodBounds = (start, end)
            let selection = try node.filter.map { try periodEvaluator.condition($0).truth }
            let shareTruth = try node.shareCondition.map { try periodEvaluator.condition($0).truth }
            let grouping = try grouping(otherKeys, evaluator: periodEvaluator, calendar: calendar)
            let measures = try Aggregation.run(
                node, selection: selection, grouping: grouping, evaluator: periodEvaluator, shareTruth: shareTruth)
            for g in 0..<grouping.groupCount {
                var key = grouping.labels[g]
                if let timeKey {
                    key.insert(TimeBuckets.label(bucket: bucket, grain: grain, calendar: calendar), at: timeKey)
                    result.map[key] = measures[g]
                    result.keys.append((key, bucket))
                } else {
                    guard let summed = Self.sum(result.map[key], measures[g], node.function) else {
                        throw ExecutionError.type("only counts, sums and shares can add up over periods; add 'by month'")
                    }
                    result.map[key] = summed
                    result.keys.append((key, nil))
                }
            }
            bucket = TimeBuckets.next(bucket, grain: grain)
        }
        return result
    }

    private static func sum(_ a: Measure?, _ b: Measure, _ function: AggregateFunction) -> Measure? {
        switch function {
        case .count, .countDistinct: return Measure(value: (a?.value ?? 0) + (b.value ?? 0), isCount: true)
        case .sum: return Measure(value: (a?.value ?? 0) + (b.value ?? 0))
        case .share:
            return Measure(numerator: (a?.numerator ?? 0) + (b.numerator ?? 0), denominator: (a?.denominator ?? 0) + (b.denominator ?? 0))
        default: return nil
        }
    }

    private func timeGrain(_ plan: QueryPlan) -> TimeGrain? {
        guard let timeKey = plan.keyIsTime.firstIndex(of: true) else { return nil }
        for node in plan.aggregates where timeKey < node.keys.count {
            if case .time(_, let grain) = node.keys[timeKey] { return grain }
        }
        return nil
    }

    /// Lists every period of the reporting range, so a series has no holes.
    private func fillGaps(
        _ keys: [[Value]], results: inout Results, range: ClosedRange<Int64>?, extendsToData: Bool, grain: TimeGrain,
        calendar: Grouping.Calendar, timeKey: Int
    ) -> [[Value]] {
        // A `during` window is exactly its periods. Without one, a series spans the reporting
        // range (the spec's reporting months, the leads' creation span) and every period its own
        // rows fall in — revenue closed after the last lead was created is not cut off.
        let observed = keys.compactMap { results.buckets[$0] }
        var indices = range == nil || extendsToData ? observed : []
        if let range {
            indices += [
                TimeBuckets.bucket(day: Time.floorDiv(range.lowerBound, Time.millisecondsPerDay), grain: grain, calendar: calendar),
                TimeBuckets.bucket(day: Time.floorDiv(range.upperBound, Time.millisecondsPerDay), grain: grain, calendar: calendar),
            ]
        }
        guard let lo = indices.min(), let hi = indices.max() else { return keys }
        var out: [[Value]] = []
        var b = lo
        while b <= hi {
            let key = [TimeBuckets.label(bucket: b, grain: grain, calendar: calendar)]
            results.buckets[key] = b
            out.append(key)
            b = TimeBuckets.next(b, grain: grain)
        }
        // Keep a null bucket (rows without a date) if there was one.
        out += keys.filter { $0.first == .null }
        return out
    }

    /// For each row, the row of the previous period with the same other keys.
    private func previousRows(_ keys: [[Value]], timeKey: Int, results: Results, grain: TimeGrain, calendar: Grouping.Calendar) -> [Int?] {
        var index: [[Value]: Int] = [:]
        for (i, key) in keys.enumerated() { index[key] = i }
        return keys.map { key in
            guard let bucket = results.buckets[key] else { return nil }
            var previous = key
            previous[timeKey] = TimeBuckets.label(bucket: TimeBuckets.previous(bucket, grain: grain), grain: grain, calendar: calendar)
            return index[previous]
        }
    }

    private func combine(_ expr: ScalarExpr, row: Int, measures: [[Measure]], previous: [Int?]?) -> Measure {
        switch expr {
        case .aggregate(let i): return measures[row][i]
        case .constant(let v): return Measure(value: v)
        case .negate(let e):
            let m = combine(e, row: row, measures: measures, previous: previous)
            return Measure(value: m.value.map { -$0 })
        case .previous(let e):
            guard let p = previous?[row] ?? nil else { return Measure(value: nil) }
            return combine(e, row: p, measures: measures, previous: previous)
        case .arithmetic(let op, let a, let b):
            let x = combine(a, row: row, measures: measures, previous: previous)
            let y = combine(b, row: row, measures: measures, previous: previous)
            if op == .divide, x.isCount, y.isCount, let n = x.value, let d = y.value {
                return Measure(numerator: n, denominator: d)
            }
            guard let u = x.value, let v = y.value else { return Measure(value: nil) }
            switch op {
            case .add: return Measure(value: u + v, isCount: x.isCount && y.isCount)
            case .subtract: return Measure(value: u - v, isCount: x.isCount && y.isCount)
            case .multiply: return Measure(value: u * v)
            default: return Measure(value: v == 0 ? nil : u / v)
            }
        }
    }

    /// Rows in `order by` order; nulls last, ties keep key order.
    static func ordered(_ rows: [QueryResult.Row], by order: QuerySyntax.Order, keyNames: [String]) -> [QueryResult.Row] {
        let funnel = Window.funnelOrder
        func sortKey(_ row: QueryResult.Row) -> Value {
            switch order.key {
            case .value: return row.measure.value.map(Value.double) ?? .null
            case .key(let name): return keyNames.firstIndex(of: name).map { row.keys[$0] } ?? .null
            case .funnel:
                guard let text = row.keys.first(where: { if case .text = $0 { return true } else { return false } }),
                    case .text(let word) = text
                else { return .null }
                return .int(Int64(funnel.firstIndex(of: word.lowercased()) ?? funnel.count))
            }
        }
        return rows.enumerated().sorted { a, b in
            let x = sortKey(a.element), y = sortKey(b.element)
            if x == y { return a.offset < b.offset }
            if x.isNull { return false }
            if y.isNull { return true }
            return order.descending ? y < x : x < y
        }.map(\.element)
    }

    /// Key order: text byte-wise, numbers and instants by value, nulls last; for keys marked in
    /// `funnel` (status and stage words), funnel order first (new … disqualified), other words
    /// after them.
    public static func keyOrder(_ a: [Value], _ b: [Value], funnel: [Bool] = []) -> Bool {
        for (i, (x, y)) in zip(a, b).enumerated() where x != y {
            if x.isNull { return false }
            if y.isNull { return true }
            if i < funnel.count, funnel[i], case .text(let u) = x, case .text(let v) = y {
                let order = Window.funnelOrder
                let p = order.firstIndex(of: u.lowercased()) ?? order.count
                let q = order.firstIndex(of: v.lowercased()) ?? order.count
                if p != q { return p < q }
            }
            return x < y
        }
        return false
    }

    /// Whether a group key holds status or stage words, listed in funnel order.
    static func isFunnelKey(_ name: String) -> Bool { name == "status" || name == "stage" }
}
