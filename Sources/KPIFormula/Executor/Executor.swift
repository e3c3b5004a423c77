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
    public func run(_ plan: QueryPlan) throws(ExecutionError) -> QueryResult {
        do {
            return try execute(plan)
        } catch let error as ExecutionError {
            throw error
        } catch {
            // The steps throw only ExecutionErrors, but through rethrowing sorts and maps, untyped.
            throw .type("\(error)")
        }
    }

    private func execute(_ plan: QueryPlan) throws -> QueryResult {
        let cancellation = Cancellation(isCancelled: isCancelled)
        let calendar = Grouping.Calendar(weekStart: weekStart, fiscalYearStartMonth: fiscalYearStartMonth)
        let timeKey = plan.keyIsTime.firstIndex(of: true)
        let grain = timeGrain(plan)
        var results = Results()
        let cache = ExecutionCache()
        // The planner gives an aggregate written twice in a query one place: each node runs once.
        for node in plan.aggregates {
            try cancellation.check()
            guard let table = dataset[node.table] else { throw ExecutionError.missingTable(node.table) }
            let evaluator = RowEvaluator(dataset: dataset, table: table, cancellation: cancellation, cache: cache)
            let result: NodeResult
            if node.usesPeriodBounds {
                result = try runPerPeriod(node, plan: plan, evaluator: evaluator, timeKey: timeKey, grain: grain ?? .month, calendar: calendar)
            } else {
                result = try runOnce(node, plan: plan, evaluator: evaluator, calendar: calendar)
            }
            try results.append(result, cancellation: cancellation)
        }
        var keys = plan.keyNames.isEmpty ? [[]] : results.order
        // A series lists periods: rows with no date in its basis belong to none of them (a note says how many).
        if let timeKey { keys.removeAll { $0[timeKey] == .null } }
        if let timeKey, let grain, plan.keyNames.count == 1 {
            keys = fillGaps(
                keys, results: &results, range: plan.reportingRange, extendsToData: plan.window == nil, grain: grain,
                calendar: calendar, timeKey: timeKey)
        }
        // Grouping by an id makes millions of keys: the sort and every pass over them ask too.
        let order = Self.keyOrder(funnel: plan.keyInFunnelOrder)
        var ticker = Cancellation.Ticker(cancellation)
        try keys.sort { a, b in
            try ticker.tick()
            return order(a, b)
        }
        let measures = try keys.enumerated().map { i, key in
            try cancellation.check(atRow: i)
            return plan.aggregates.indices.map { results.maps[$0][key] ?? Aggregation.empty(plan.aggregates[$0].function) }
        }
        let previousRow = timeKey.map { previousRows(keys, timeKey: $0, results: results, grain: grain ?? .month, calendar: calendar) }
        var rows: [QueryResult.Row] = []
        rows.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() {
            try cancellation.check(atRow: i)
            let values = plan.outputs.map { combine($0.expr, row: i, measures: measures, previous: previousRow, plan: plan) }
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
        try cancellation.check()
        if let order = plan.order { rows = try Self.ordered(rows, by: order, keyNames: plan.keyNames, cancellation: cancellation) }
        if let rank = plan.rank {
            // Groups without a value rank last both ways: `bottom 3` means the three lowest values.
            let score: (QueryResult.Row) -> Double? = { row in
                rank.byLowerBound ? (row.measure.confidenceInterval?.lowerBound ?? row.measure.value) : row.measure.value
            }
            try rows.sort { a, b in
                try ticker.tick()
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
        result.keyInFunnelOrder = plan.keyInFunnelOrder
        result.notes = FilterNotes.unmatchedValues(plan, dataset: dataset) + notes
        result.notes += undefinedNotes(plan, rows: rows, keys: keys, measures: measures, previous: previousRow)
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

        mutating func append(_ result: NodeResult, cancellation: Cancellation) throws {
            for (i, (key, bucket)) in result.keys.enumerated() {
                try cancellation.check(atRow: i)
                add(key, bucket: bucket)
            }
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
            try evaluator.cancellation.check(atRow: g)
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

    // MARK: - Combining aggregates into measures

    /// Why a division came out undefined.
    enum UndefinedCause: Hashable {
        /// The denominator is 0.
        case zero
        /// The denominator is money below half a cent: it prints as 0.00.
        case nearZeroMoney
        /// The figure (the expression passed along) is beyond ±1.8e308, or NaN from such figures.
        case outOfRange
    }

    /// Money below this, in absolute value, prints as 0.00: a ratio over it (CLTV over a CAC of
    /// $0.004) measures rounding, not spending, so it is undefined like a ratio over 0.
    static let nearZeroMoney = 0.005

    /// The measure of `expr` in row `row`: aggregate results combined by arithmetic.
    ///
    /// Division of two counts keeps its parts (a rate). Any other division by 0, or by money that
    /// prints as 0.00, is null, and `undefined` hears why and what the denominator was; so is a
    /// figure out of range (a sum beyond ±1.8e308), and `undefined` hears which. A combined
    /// figure rests on as few values as the least-measured of its parts (``derived(_:isCount:from:)``).
    private func combine(
        _ expr: ScalarExpr, row: Int, measures: [[Measure]], previous: [Int?]?, plan: QueryPlan,
        undefined: ((UndefinedCause, ScalarExpr) -> Void)? = nil
    ) -> Measure {
        // A figure beyond ±1.8e308 is null like a division by 0, and `undefined` hears of it too.
        let measure = combineParts(expr, row: row, measures: measures, previous: previous, plan: plan, undefined: undefined)
        if measure.isOutOfRange { undefined?(.outOfRange, expr) }
        return measure
    }

    private func combineParts(
        _ expr: ScalarExpr, row: Int, measures: [[Measure]], previous: [Int?]?, plan: QueryPlan,
        undefined: ((UndefinedCause, ScalarExpr) -> Void)?
    ) -> Measure {
        func part(_ e: ScalarExpr, _ row: Int) -> Measure {
            combine(e, row: row, measures: measures, previous: previous, plan: plan, undefined: undefined)
        }
        switch expr {
        case .aggregate(let i): return measures[row][i]
        case .constant(let v): return Measure(value: v)
        case .negate(let e):
            let m = part(e, row)
            return Self.derived(m.value.map { -$0 }, from: m)
        case .previous(let e):
            guard let p = previous?[row] ?? nil else { return Measure(value: nil) }
            return part(e, p)
        case .arithmetic(let op, let a, let b):
            let x = part(a, row)
            let y = part(b, row)
            if op == .divide, x.isCount, y.isCount, let n = x.value, let d = y.value {
                return Measure(numerator: n, denominator: d)
            }
            guard let u = x.value, let v = y.value else { return Self.derived(nil, from: x, y) }
            switch op {
            case .add: return Self.derived(u + v, isCount: x.isCount && y.isCount, from: x, y)
            case .subtract: return Self.derived(u - v, isCount: x.isCount && y.isCount, from: x, y)
            case .multiply: return Self.derived(u * v, from: x, y)
            default:
                if v == 0 {
                    undefined?(.zero, b)
                    return Self.derived(nil, from: x, y)
                }
                if abs(v) < Self.nearZeroMoney, Self.unit(of: b, in: plan) == .money {
                    undefined?(.nearZeroMoney, b)
                    return Self.derived(nil, from: x, y)
                }
                return Self.derived(u / v, from: x, y)
            }
        }
    }

    /// A figure computed from others. It rests on as few values as the least-measured of them (a
    /// rate on its denominator; counts and sums are not samples), so `count × avg(amount)` over
    /// 4 amounts is flagged as a small sample like the average itself.
    private static func derived(_ value: Double?, isCount: Bool = false, from parts: Measure...) -> Measure {
        var measure = Measure(value: value, isCount: isCount)
        measure.sampleSize = parts.compactMap { $0.sampleSize ?? ($0.isRate ? $0.denominator : nil) }.min()
        return measure
    }

    /// The unit of an intermediate expression, by the binder's rules (`money / count` is money).
    private static func unit(of expr: ScalarExpr, in plan: QueryPlan) -> Unit {
        switch expr {
        case .aggregate(let i): return plan.aggregates[i].unit
        case .constant: return .number
        case .negate(let e), .previous(let e): return unit(of: e, in: plan)
        case .arithmetic(let op, let a, let b):
            let units = (unit(of: a, in: plan), unit(of: b, in: plan))
            return (try? UnitRules.combine(op, units.0, units.1, range: SourceRange(0, 0))) ?? .number
        }
    }

    /// One note per measure and cause for the shown rows whose measure is undefined because it
    /// divides by 0 or by money that prints as 0.00, or is out of range: which measure, where, and why.
    ///
    /// Only null measures are combined again, to hear why, so results without any pay nothing.
    private func undefinedNotes(
        _ plan: QueryPlan, rows: [QueryResult.Row], keys: [[Value]], measures: [[Measure]], previous: [Int?]?
    ) -> [ResultNote] {
        var index: [[Value]: Int] = [:]
        for (i, key) in keys.enumerated() where index[key] == nil { index[key] = i }
        struct Finding: Hashable {
            var output: Int
            var cause: UndefinedCause
            var denominator: ScalarExpr
        }
        var found: [Finding: [[Value]]] = [:]
        var order: [Finding] = []
        for row in rows {
            guard let i = index[row.keys] else { continue }
            for (o, output) in plan.outputs.enumerated() where row.measures[o].value == nil && !row.measures[o].isRate {
                var first: (UndefinedCause, ScalarExpr)?
                _ = combine(output.expr, row: i, measures: measures, previous: previous, plan: plan) { cause, denominator in
                    if first == nil { first = (cause, denominator) }
                }
                guard let (cause, denominator) = first else { continue }
                let finding = Finding(output: o, cause: cause, denominator: denominator)
                if found[finding] == nil { order.append(finding) }
                found[finding, default: []].append(row.keys)
            }
        }
        return order.map { finding in
            let name = finding.output == 0 ? (plan.kpiID ?? "the value") : plan.outputs[finding.output].name
            var place = ""
            if !plan.keyNames.isEmpty, let keys = found[finding] {
                let shown = keys.prefix(3).map { key in
                    key.count == 1 ? key[0].description : "(" + key.map(\.description).joined(separator: ", ") + ")"
                }
                let label = plan.keyNames.count == 1 ? plan.keyNames[0] : "(" + plan.keyNames.joined(separator: ", ") + ")"
                place = " for \(label) " + shown.joined(separator: ", ") + (keys.count > 3 ? " and \(keys.count - 3) more" : "")
            }
            // Name the denominator when the query shows it as a measure of its own (cac's new_customers):
            // the planner gives equal aggregates one index, so equal figures are equal expressions.
            let named = plan.outputs.enumerated().first {
                $0.offset != finding.output && $0.element.expr == finding.denominator
            }
            let why: String
            switch (finding.cause, named?.element.name) {
            case (.zero, nil): why = "it divides by 0"
            case (.zero, let divisor?): why = "it divides by \(divisor), which is 0"
            case (.nearZeroMoney, nil): why = "it divides by an amount that rounds to 0.00"
            case (.nearZeroMoney, let divisor?): why = "it divides by \(divisor), which rounds to 0.00"
            case (.outOfRange, _) where finding.denominator == plan.outputs[finding.output].expr:
                return ResultNote(.undefined, "\(name) is out of range\(place): beyond ±1.8e308, the largest number a figure can hold")
            case (.outOfRange, nil): why = "a figure it rests on is beyond ±1.8e308, the largest number a figure can hold"
            case (.outOfRange, let figure?): why = "it rests on \(figure), which is beyond ±1.8e308"
            }
            return ResultNote(.undefined, "\(name) is undefined\(place): \(why)")
        }
    }

    /// Rows in `order by` order; nulls last, ties keep key order.
    static func ordered(
        _ rows: [QueryResult.Row], by order: QuerySyntax.Order, keyNames: [String], cancellation: Cancellation = .never
    ) throws -> [QueryResult.Row] {
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
        var ticker = Cancellation.Ticker(cancellation)
        return try rows.enumerated().sorted { a, b in
            try ticker.tick()
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

    /// ``keyOrder(_:_:funnel:)`` as a function: funnel order for the keys `funnel` marks
    /// (a plan's or result's ``QueryPlan/keyInFunnelOrder``), else ascending.
    public static func keyOrder(funnel: [Bool]) -> ([Value], [Value]) -> Bool {
        { keyOrder($0, $1, funnel: funnel) }
    }
}
