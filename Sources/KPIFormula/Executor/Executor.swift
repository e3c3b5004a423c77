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
        var perAggregate: [[[Value]: Measure]] = []
        var bucketsByKey: [[Value]: [Int64?]] = [:]
        var order: [[Value]] = []
        var seen = Set<[Value]>()
        for node in plan.aggregates {
            try check()
            guard let table = dataset[node.table] else { throw ExecutionError.missingTable(node.table) }
            let evaluator = RowEvaluator(dataset: dataset, table: table, checkCancelled: check)
            let selection = try node.filter.map { try evaluator.condition($0).truth }
            let shareTruth = try node.shareCondition.map { try evaluator.condition($0).truth }
            let grouping = try Grouping.make(node.keys, evaluator: evaluator, calendar: calendar)
            let measures = try Aggregation.run(node, selection: selection, grouping: grouping, evaluator: evaluator, shareTruth: shareTruth)
            // Only groups with at least one row in the base set are listed (selection ignored for keys).
            var present = [Bool](repeating: plan.keyNames.isEmpty, count: grouping.groupCount)
            if let ids = grouping.ids {
                if let selection { selection.forEachSetBit { present[Int(ids[$0])] = true } } else { for id in ids { present[Int(id)] = true } }
            }
            var map: [[Value]: Measure] = [:]
            for g in 0..<grouping.groupCount where present[g] {
                let key = grouping.labels[g]
                map[key] = measures[g]
                bucketsByKey[key] = grouping.buckets[g]
                if seen.insert(key).inserted { order.append(key) }
            }
            perAggregate.append(map)
        }
        var keys = plan.keyNames.isEmpty ? [[]] : order
        if plan.keyIsTime.count == 1, plan.keyIsTime[0], let grain = timeGrain(plan) {
            keys = fillGaps(keys, buckets: bucketsByKey, grain: grain, calendar: calendar)
        }
        var rows: [QueryResult.Row] = []
        rows.reserveCapacity(keys.count)
        for key in keys {
            let measures = plan.aggregates.indices.map { perAggregate[$0][key] ?? Aggregation.empty(plan.aggregates[$0].function) }
            rows.append(QueryResult.Row(keys: key, measure: combine(plan.output, measures)))
        }
        rows.sort { Self.keyOrder($0.keys, $1.keys) }
        if let rank = plan.rank {
            rows.sort { a, b in
                let x = a.measure.value ?? -.infinity, y = b.measure.value ?? -.infinity
                return rank.descending ? x > y : x < y
            }
            rows = Array(rows.prefix(rank.count))
        }
        if let limit = plan.limit { rows = Array(rows.prefix(limit)) }
        return QueryResult(keyNames: plan.keyNames, rows: rows, unit: plan.unit, kpiID: plan.kpiID)
    }

    private func timeGrain(_ plan: QueryPlan) -> TimeGrain? {
        for node in plan.aggregates {
            if case .time(_, let grain) = node.keys.first { return grain }
        }
        return nil
    }

    /// Lists every bucket between the first and the last, so a series has no holes.
    private func fillGaps(_ keys: [[Value]], buckets: [[Value]: [Int64?]], grain: TimeGrain, calendar: Grouping.Calendar) -> [[Value]] {
        let indices = keys.compactMap { buckets[$0]?.first ?? nil }
        guard let lo = indices.min(), let hi = indices.max() else { return keys }
        var out: [[Value]] = []
        var b = lo
        while b <= hi {
            out.append([TimeBuckets.label(bucket: b, grain: grain, calendar: calendar)])
            b = TimeBuckets.next(b, grain: grain)
        }
        // Keep a null bucket (rows without a date) if there was one.
        out += keys.filter { $0.first == .null }
        return out
    }

    private func combine(_ expr: ScalarExpr, _ measures: [Measure]) -> Measure {
        switch expr {
        case .aggregate(let i): return measures[i]
        case .constant(let v): return Measure(value: v)
        case .negate(let e):
            let m = combine(e, measures)
            return Measure(value: m.value.map { -$0 })
        case .arithmetic(let op, let a, let b):
            let x = combine(a, measures), y = combine(b, measures)
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

    /// Key order: text byte-wise, numbers and instants by value, nulls last.
    static func keyOrder(_ a: [Value], _ b: [Value]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            if x.isNull { return false }
            if y.isNull { return true }
            return x < y
        }
        return false
    }
}
