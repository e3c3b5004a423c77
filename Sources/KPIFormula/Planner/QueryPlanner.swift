import KPICore

/// Turns a ``BoundQuery`` into the ``QueryPlan`` that executors consume.
///
/// The planner gives each distinct aggregate one place in ``QueryPlan/aggregates``, in the
/// order the measures first mention it (depth-first, left to right), and rewrites the measures
/// to index into them. An aggregate written twice — a rate's denominator that is also shown as a
/// measure, `won` in both parts of `won / (won + lost)` — is planned once, so an executor runs it
/// once and two measures that use it compare equal (see docs/plan-ir.md for the guarantees).
public struct QueryPlanner: Sendable {
    /// A planner.
    public init() {}

    /// The plan of a bound query.
    public func plan(_ query: BoundQuery) -> QueryPlan {
        var aggregates: [AggregateNode] = []
        var indexOf: [AggregateNode: Int] = [:]
        func index(of node: AggregateNode) -> Int {
            if let index = indexOf[node] { return index }
            indexOf[node] = aggregates.count
            aggregates.append(node)
            return aggregates.count - 1
        }
        let outputs = query.measures.map { PlannedOutput(name: $0.name, expr: $0.expr.mapAggregates(index), unit: $0.unit) }
        var plan = QueryPlan(
            aggregates: aggregates, outputs: outputs, keyNames: query.keyNames, keyIsTime: query.keyIsTime,
            reportingRange: query.reportingRange, rank: query.rank, limit: query.limit, order: query.order, kpiID: query.kpiID,
            visibleFrom: query.visibleFrom)
        plan.window = query.window
        plan.keyInFunnelOrder = query.keyInFunnelOrder
        plan.asOf = query.asOf
        return plan
    }
}
