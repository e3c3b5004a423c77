import KPICore

// The statements besides queries and definitions. Like ``Expr``, their equality ignores where
// things were written, so a printed and re-parsed statement compares equal to the original.

/// `compare QUERY vs BASELINE`.
public struct CompareSyntax: Sendable, Hashable {
    /// What a comparison measures against.
    public enum Baseline: Sendable, Hashable {
        /// `vs previous` (`vs previous period`): the previous period of equal length.
        case previous
        /// `vs last year`: the same period a year earlier.
        case lastYear
        /// `vs N periods ago`.
        case periodsAgo(Int)
        /// `vs team`: each group against the whole.
        case team
        /// `vs goal` (`vs goals`): against the goals set for the query's KPI.
        case goal
    }

    /// The query compared.
    public var query: QuerySyntax
    /// The baseline after `vs`.
    public var baseline: Baseline
    /// Where the baseline is written (after `vs `), for errors about it.
    public var baselineRange: SourceRange
    /// Where the query is written, for errors about the whole of it.
    public var queryRange: SourceRange

    /// Creates a comparison.
    public init(query: QuerySyntax, baseline: Baseline, queryRange: SourceRange = SourceRange(0, 0), baselineRange: SourceRange = SourceRange(0, 0)) {
        self.query = query
        self.baseline = baseline
        self.queryRange = queryRange
        self.baselineRange = baselineRange
    }

    public static func == (a: CompareSyntax, b: CompareSyntax) -> Bool { a.query == b.query && a.baseline == b.baseline }
    public func hash(into hasher: inout Hasher) { hasher.combine(query) }
}

/// `explain change QUERY by FIELD from PERIOD to PERIOD`.
public struct ExplainChangeSyntax: Sendable, Hashable {
    /// The query, with exactly one `by` key and no `during`.
    public var query: QuerySyntax
    /// Where the query is written (its text names the explanation).
    public var queryRange: SourceRange
    /// The period before.
    public var from: PeriodSyntax
    /// Where `from`'s period is written.
    public var fromRange: SourceRange
    /// The period after.
    public var to: PeriodSyntax
    /// Where `to`'s period is written.
    public var toRange: SourceRange

    /// Creates a change explanation.
    public init(
        query: QuerySyntax, from: PeriodSyntax, to: PeriodSyntax, queryRange: SourceRange = SourceRange(0, 0),
        fromRange: SourceRange = SourceRange(0, 0), toRange: SourceRange = SourceRange(0, 0)
    ) {
        self.query = query
        self.from = from
        self.to = to
        self.queryRange = queryRange
        self.fromRange = fromRange
        self.toRange = toRange
    }

    public static func == (a: ExplainChangeSyntax, b: ExplainChangeSyntax) -> Bool { a.query == b.query && a.from == b.from && a.to == b.to }
    public func hash(into hasher: inout Hasher) { hasher.combine(query) }
}

/// One goal: `KPI-OR-FORMULA (>= | <=) TARGET [by DEADLINE] [for CONDITION] [from START] ["note"]`.
public struct GoalSyntax: Sendable, Hashable {
    /// The KPI id or formula.
    public var kpi: QuerySyntax
    /// Where the KPI is written (goals keep it as written).
    public var kpiRange: SourceRange
    /// `>=` (true) or `<=`.
    public var atLeast: Bool
    /// The target, a fraction when written as a percentage.
    public var target: Double
    /// Whether the target was written as a percentage.
    public var targetIsPercent: Bool
    /// Where the target is written, its sign included.
    public var targetRange: SourceRange
    /// The last day (a month, quarter or year deadline is its last day).
    public var deadline: CivilDate?
    /// The first day measured.
    public var start: CivilDate?
    /// The `for` condition.
    public var scope: Expr?
    /// Where the `for` condition is written.
    public var scopeRange: SourceRange?
    /// The trailing note.
    public var note: String?

    /// Creates a goal.
    public init(
        kpi: QuerySyntax, atLeast: Bool, target: Double, targetIsPercent: Bool = false, deadline: CivilDate? = nil, start: CivilDate? = nil,
        scope: Expr? = nil, note: String? = nil, kpiRange: SourceRange = SourceRange(0, 0), targetRange: SourceRange = SourceRange(0, 0),
        scopeRange: SourceRange? = nil
    ) {
        self.kpi = kpi
        self.atLeast = atLeast
        self.target = target
        self.targetIsPercent = targetIsPercent
        self.deadline = deadline
        self.start = start
        self.scope = scope
        self.note = note
        self.kpiRange = kpiRange
        self.targetRange = targetRange
        self.scopeRange = scopeRange
    }

    public static func == (a: GoalSyntax, b: GoalSyntax) -> Bool {
        a.kpi == b.kpi && a.atLeast == b.atLeast && a.target == b.target && a.targetIsPercent == b.targetIsPercent
            && a.deadline == b.deadline && a.start == b.start && a.scope == b.scope && a.note == b.note
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(kpi) }
}

/// The goal statements.
public enum GoalStatementSyntax: Sendable, Hashable {
    /// `goal GOAL`: add a goal.
    case add(GoalSyntax)
    /// `goal remove N` (or `#N`).
    case remove(Int)
    /// `goal edit N GOAL` (or `#N`): replace goal N.
    case edit(Int, GoalSyntax)
    /// `goals`, `goals why`: every goal's status (`why`: with the rule that decided it).
    case report(showsRules: Bool)
}

/// `run RECIPE [NAME=VALUE]…`: run a recipe with parameters.
public struct RunRecipeSyntax: Sendable, Hashable {
    /// One `NAME=VALUE`, the value as written (quotes around a whole value kept: `rep="all"`).
    public struct Argument: Sendable, Hashable {
        /// The parameter's name.
        public var name: String
        /// The value's text.
        public var value: String

        /// Creates an argument.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The recipe's name; `nil` for a bare `run` (which asks for usage).
    public var recipe: String?
    /// The arguments, in order.
    public var arguments: [Argument]

    /// Creates a run.
    public init(recipe: String?, arguments: [Argument] = []) {
        self.recipe = recipe
        self.arguments = arguments
    }
}
