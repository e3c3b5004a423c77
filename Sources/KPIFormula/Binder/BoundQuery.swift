import KPICore

/// A query after binding: every name resolved, before planning.
///
/// KPI references and `let` names are expanded in place, tables are chosen, fields are columns
/// with their types, units are checked, filters and group keys are row expressions of the
/// aggregate's table, and the `during` window is a pair of instants folded into each
/// aggregate's filter. Nothing in it refers to the query text any more.
///
/// An aggregate appears where it is written, as often as it is written: `won / (won + lost)`
/// holds `won`'s aggregate twice. Giving each distinct aggregate one place, and the measures
/// indices into them, is the planner's work (``QueryPlanner``).
public struct BoundQuery: Sendable, Hashable {
    /// The measures, in the order the query names them (a KPI's other figures after its headline).
    public var measures: [BoundMeasure]
    /// The names of the group keys (`source`, `month`).
    public var keyNames: [String]
    /// Whether each key is a time bucket.
    public var keyIsTime: [Bool]
    /// Whether each key holds funnel words, listed in funnel order (empty: none does).
    public var keyInFunnelOrder: [Bool] = []
    /// The instants a time series spans: the `during` window (widened by one period when
    /// `previous` needs it), or the span of the leads' creation dates.
    public var reportingRange: ClosedRange<Int64>?
    /// `top`/`bottom`.
    public var rank: QuerySyntax.Rank?
    /// `limit`.
    public var limit: Int?
    /// `order by`, its key checked against the group keys.
    public var order: QuerySyntax.Order?
    /// The id of the KPI when the query is exactly one KPI, possibly filtered.
    public var kpiID: String?
    /// Periods starting before this are computed (for `previous`) but not shown.
    public var visibleFrom: Int64?
    /// The `during` window as resolved, with the words that asked for it.
    public var window: ResolvedPeriod?
    /// "Now" for the query.
    public var asOf: Int64?

    /// Creates a bound query.
    public init(
        measures: [BoundMeasure], keyNames: [String] = [], keyIsTime: [Bool] = [], reportingRange: ClosedRange<Int64>? = nil,
        rank: QuerySyntax.Rank? = nil, limit: Int? = nil, order: QuerySyntax.Order? = nil, kpiID: String? = nil,
        visibleFrom: Int64? = nil, window: ResolvedPeriod? = nil, asOf: Int64? = nil
    ) {
        self.measures = measures
        self.keyNames = keyNames
        self.keyIsTime = keyIsTime
        self.reportingRange = reportingRange
        self.rank = rank
        self.limit = limit
        self.order = order
        self.kpiID = kpiID
        self.visibleFrom = visibleFrom
        self.window = window
        self.asOf = asOf
    }
}

/// One bound measure: its name, how it combines the aggregates, each in its place, and its unit.
public typealias BoundMeasure = MeasureDefinition<AggregateNode>

/// Arithmetic over bound aggregates: ``ScalarExpr`` with each aggregate in its place rather
/// than an index into a plan.
public typealias BoundExpr = MeasureExpr<AggregateNode>
