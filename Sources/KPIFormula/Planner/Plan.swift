import KPICore

/// A row-level expression over one table: the IR of values and conditions inside an aggregate.
///
/// It is data, not closures, so the executor can run it column-at-a-time today and a SQL
/// backend can print it as a `WHERE` clause or select list later.
public indirect enum RowExpr: Sendable, Hashable {
    /// A column of the aggregate's table.
    case column(String, DataType)
    /// A constant.
    case literal(Value)
    /// A comparison, yielding bool (null when either side is null).
    case compare(BinaryOperator, RowExpr, RowExpr)
    /// Logical and.
    case and(RowExpr, RowExpr)
    /// Logical or.
    case or(RowExpr, RowExpr)
    /// Logical not.
    case not(RowExpr)
    /// `is null` / `is not null`.
    case isNull(RowExpr, negated: Bool)
    /// Membership in a list of constants.
    case inList(RowExpr, [Value], negated: Bool)
    /// Arithmetic on numbers (or instants, for differences).
    case arithmetic(BinaryOperator, RowExpr, RowExpr)
    /// Arithmetic negation.
    case negate(RowExpr)
    /// A scalar function (`hours_between`, `lower`, ...).
    case function(RowFunction, [RowExpr])
    /// A row function a Swift module defines (`business_days_between`), by name, with its
    /// arguments; the executor runs its kernel on the argument columns.
    case moduleFunction(ModuleFunctionReference, [RowExpr])
    /// A value of a linked table (an activity's lead's `source`), joined through keys.
    case lookup(localKey: String, table: String, remoteKey: String, value: RowExpr)
    /// Whether a linked row of `table` matching `condition` exists.
    case exists(localKey: String, table: String, remoteKey: String, condition: RowExpr?)
    /// How many linked rows of `table` match `condition` (0 when none).
    case linkedCount(localKey: String, table: String, remoteKey: String, condition: RowExpr?)
    /// The first instant of the period being computed (`period_start`), or of the next one
    /// (`period_end`): an aggregate that uses it is computed once per period of the series.
    case periodBound(isEnd: Bool)
    /// The value of `value` in the next row with the same `key`, rows ordered by `value`, ties by
    /// `tieBreak` (text in funnel order: new, contacted, qualified, opportunity, won, lost,
    /// disqualified), then table order; null for the last row of each key.
    case next(value: RowExpr, key: RowExpr, tieBreak: RowExpr?)

    /// Whether the expression mentions `period_start` / `period_end`.
    public var usesPeriodBounds: Bool {
        switch self {
        case .periodBound: return true
        case .column, .literal: return false
        case .compare(_, let a, let b), .and(let a, let b), .or(let a, let b), .arithmetic(_, let a, let b), .next(let a, let b, nil):
            return a.usesPeriodBounds || b.usesPeriodBounds
        case .next(let a, let b, let c?):
            return a.usesPeriodBounds || b.usesPeriodBounds || c.usesPeriodBounds
        case .not(let a), .negate(let a), .isNull(let a, _), .inList(let a, _, _): return a.usesPeriodBounds
        case .function(_, let args), .moduleFunction(_, let args): return args.contains { $0.usesPeriodBounds }
        case .lookup(_, _, _, let value): return value.usesPeriodBounds
        case .exists(_, _, _, let condition), .linkedCount(_, _, _, let condition): return condition?.usesPeriodBounds ?? false
        }
    }
}

/// Scalar functions over rows.
public enum RowFunction: String, Sendable, Hashable, CaseIterable {
    case secondsBetween = "seconds_between"
    case minutesBetween = "minutes_between"
    case hoursBetween = "hours_between"
    case daysBetween = "days_between"
    case lower, upper, abs, coalesce
}

/// Aggregate functions.
public enum AggregateFunction: Sendable, Hashable {
    /// Rows (or non-null values of the argument).
    case count
    /// Distinct non-null values.
    case countDistinct
    /// Sum of non-null values.
    case sum
    /// Arithmetic mean of non-null values.
    case avg
    /// The 0.5 quantile, linear interpolation.
    case median
    /// A quantile in [0, 1], linear interpolation.
    case percentile(Double)
    /// Smallest value.
    case min
    /// Largest value.
    case max
    /// A rate: rows matching a condition over all rows; keeps numerator and denominator.
    case share
    /// The value at the earliest date basis (ties: the first row).
    case first
    /// The value at the latest date basis (ties: the first row).
    case last
    /// An aggregate a Swift module defines, run by its kernel on each group's non-null values.
    case module(ModuleFunctionReference)
}

/// A module's function as a plan names it: by name and module, carrying the definition so that
/// an executor needs nothing but the plan and the data.
///
/// Two references are equal when they name the same function of the same module (a registry
/// holds one function per name), so plans stay comparable and deduplicable.
public struct ModuleFunctionReference: Sendable, Hashable {
    /// The function's name.
    public var name: String
    /// The module that defines it.
    public var module: String
    /// The definition, with its kernel.
    public var function: ModuleFunction

    /// A reference to a registered function.
    public init(_ entry: KPIRegistry.FunctionEntry) {
        name = entry.function.name
        module = entry.module
        function = entry.function
    }

    public static func == (a: ModuleFunctionReference, b: ModuleFunctionReference) -> Bool {
        a.name == b.name && a.module == b.module
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(module)
    }
}

/// How a group key is computed on one aggregate's table.
public enum GroupKeyNode: Sendable, Hashable {
    /// The value of a row expression (usually a column).
    case value(RowExpr)
    /// The calendar bucket of an instant expression.
    case time(RowExpr, TimeGrain)
}

/// One aggregate over one table: `AGG(argument) FROM table WHERE filter GROUP BY keys`.
///
/// Every row expression in it is evaluated on rows of ``table`` (linked tables are reached
/// through ``RowExpr/lookup(localKey:table:remoteKey:value:)`` and its kin). The ``filter``
/// already holds the query's `where`, the KPI's own conditions and the `during` window; there is
/// one key per query key, in the query's order. The shapes hold per function: `share` has a
/// ``shareCondition`` and no ``argument``, `countDistinct` an argument, `first` and `last` an
/// ``orderBy``. Equal nodes compute equal results, which is how the planner deduplicates them.
public struct AggregateNode: Sendable, Hashable {
    /// The table.
    public var table: String
    /// The function.
    public var function: AggregateFunction
    /// The measured value; `nil` counts rows.
    public var argument: RowExpr?
    /// The condition of `share` (numerator rows).
    public var shareCondition: RowExpr?
    /// Rows taken into account; `nil` for all.
    public var filter: RowExpr?
    /// Group keys, one per query key, computed on this table.
    public var keys: [GroupKeyNode]
    /// The unit of the aggregate's value.
    public var unit: Unit
    /// What orders rows for `first` and `last`: the date basis.
    public var orderBy: RowExpr? = nil
    /// The filter without the `during` window, when a window cut the rows: rows it keeps and
    /// ``filter`` does not are outside the window, and a series says how many.
    public var unwindowedFilter: RowExpr?? = nil
    /// What the table's rows are called in notes (the schema's ``CanonicalTable/rowNoun``).
    public var rowNoun: RowNoun? = nil

    /// Creates an aggregate.
    public init(
        table: String, function: AggregateFunction, argument: RowExpr? = nil, shareCondition: RowExpr? = nil, filter: RowExpr? = nil,
        keys: [GroupKeyNode] = [], unit: Unit, orderBy: RowExpr? = nil, unwindowedFilter: RowExpr?? = nil, rowNoun: RowNoun? = nil
    ) {
        self.table = table
        self.function = function
        self.argument = argument
        self.shareCondition = shareCondition
        self.filter = filter
        self.keys = keys
        self.unit = unit
        self.orderBy = orderBy
        self.unwindowedFilter = unwindowedFilter
        self.rowNoun = rowNoun
    }

    /// Whether it is computed once per period (`period_start` / `period_end` appear in it).
    public var usesPeriodBounds: Bool {
        [argument, shareCondition, filter, orderBy].contains { $0?.usesPeriodBounds ?? false }
    }
}

/// Arithmetic over aggregate results, evaluated per group: each aggregate is an index into
/// ``QueryPlan/aggregates``.
///
/// In a plan made by ``QueryPlanner`` each aggregate has one index, so two expressions compute
/// the same figure exactly when they are equal.
public typealias ScalarExpr = MeasureExpr<Int>

/// One output column of a query: its aggregates are indices into ``QueryPlan/aggregates``.
public typealias PlannedOutput = MeasureDefinition<Int>

/// A planned query: the aggregates to run and how to combine them.
///
/// The contract between the front end (parse, bind, plan) and every back end: the ``Executor``
/// runs it column-at-a-time, and a SQL compiler can translate it. Neither needs anything but
/// the plan and the data. A plan made by ``QueryPlanner`` guarantees:
///
/// - ``aggregates`` are unique, listed in the order the outputs first mention them;
/// - every ``ScalarExpr/aggregate(_:)`` index is in range, there is at least one output and
///   output names are unique;
/// - ``keyNames``, ``keyIsTime`` and each aggregate's ``AggregateNode/keys`` have one entry per
///   query key, in the same order, so aggregates of different tables join on their key values;
/// - the `during` window is inside each aggregate's filter, except for aggregates that use
///   period bounds, which are computed once per period of ``reportingRange``;
/// - a rate (`share`, or a count divided by a count) keeps its numerator and denominator;
/// - an output that uses `previous` comes with exactly one time key.
///
/// docs/plan-ir.md describes each node and what an executor must reproduce.
public struct QueryPlan: Sendable, Hashable {
    /// The aggregates, each distinct, in the order the outputs first mention them.
    public var aggregates: [AggregateNode]
    /// The measures: how aggregate results combine into each output column.
    public var outputs: [PlannedOutput]
    /// The first output's expression.
    public var output: ScalarExpr { outputs[0].expr }
    /// The names of the group keys (`source`, `month`).
    public var keyNames: [String]
    /// Whether each key is a time bucket (gaps are filled for time series).
    public var keyIsTime: [Bool]
    /// Whether each key holds the funnel's words, whose rows are listed in funnel order rather
    /// than A to Z (empty: none does). The schema decides, at binding.
    public var keyInFunnelOrder: [Bool] = []
    /// The first output's unit.
    public var unit: Unit { outputs[0].unit }
    /// The instants a time series spans: the `during` window, or the span of the leads'
    /// creation dates; every period in it is listed and `period_start` iterates over it.
    public var reportingRange: ClosedRange<Int64>?
    /// `top`/`bottom`.
    public var rank: QuerySyntax.Rank?
    /// `limit`.
    public var limit: Int?
    /// `order by`.
    public var order: QuerySyntax.Order? = nil
    /// The id of the KPI when the query is exactly one KPI (for titles and direction).
    public var kpiID: String?
    /// Periods of the series starting before this are computed (for `previous`) but not shown.
    public var visibleFrom: Int64? = nil
    /// The `during` window as resolved, with the words that asked for it; `nil` without one. A
    /// series without a window spans its own data: the leads' creation span and every period
    /// its own rows fall in.
    public var window: ResolvedPeriod? = nil
    /// "Now" for the query: the last period of a series that contains it is only partly over.
    public var asOf: Int64? = nil
}
