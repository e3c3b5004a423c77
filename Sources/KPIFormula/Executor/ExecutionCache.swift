import KPICore

/// Intermediate results shared by the aggregates of one query run.
///
/// A query repeats itself a lot: `won` appears in the filter of five measures, `stay_days` in the
/// argument and the filter of three, and `count(customers where churned_in_period)` twice in the
/// churn rate. Each distinct row expression and grouping is computed once per run and reused
/// (each distinct aggregate has one place in the plan already: the planner sees to that). The
/// cache lives for one ``Executor/run(_:)`` only, so it never outlives the data.
final class ExecutionCache {
    /// A row expression on one table; period bounds are part of the key only when it uses them.
    struct ExprKey: Hashable {
        var table: String
        var expr: RowExpr
        var bounds: PeriodBounds?
    }

    /// Group keys on one table.
    struct GroupingKey: Hashable {
        var table: String
        var keys: [GroupKeyNode]
        var bounds: PeriodBounds?
    }

    /// `period_start` and `period_end` as a hashable pair.
    struct PeriodBounds: Hashable {
        var start: Int64
        var end: Int64
    }

    var values: [ExprKey: Vector] = [:]
    var conditions: [ExprKey: Truth] = [:]
    var doubles: [ExprKey: (ContiguousArray<Double>, Bitmap?)] = [:]
    var groupings: [GroupingKey: Grouping] = [:]
    /// The earliest instant of a date expression over all rows (where a series' data starts).
    var earliest: [ExprKey: Int64?] = [:]

    /// The key of `expr` on `table` while `bounds` are in force.
    static func key(_ table: String, _ expr: RowExpr, _ bounds: (start: Int64, end: Int64)?) -> ExprKey {
        ExprKey(table: table, expr: expr, bounds: periodKey(expr.usesPeriodBounds, bounds))
    }

    /// The key of a grouping on `table` while `bounds` are in force.
    static func key(_ table: String, _ keys: [GroupKeyNode], _ bounds: (start: Int64, end: Int64)?) -> GroupingKey {
        let usesBounds = keys.contains { node in
            switch node {
            case .value(let e), .time(let e, _): return e.usesPeriodBounds
            }
        }
        return GroupingKey(table: table, keys: keys, bounds: periodKey(usesBounds, bounds))
    }

    private static func periodKey(_ uses: Bool, _ bounds: (start: Int64, end: Int64)?) -> PeriodBounds? {
        guard uses, let bounds else { return nil }
        return PeriodBounds(start: bounds.start, end: bounds.end)
    }
}
