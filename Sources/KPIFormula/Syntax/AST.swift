/// A node of a formula's syntax tree, with the source range it came from.
///
/// Equality ignores ranges, so a printed and re-parsed formula compares equal to the original.
public struct Expr: Sendable, Hashable {
    /// What the node is.
    public var kind: ExprKind { didSet { height = Expr.height(of: kind) } }
    /// Where it came from, in UTF-8 byte offsets (zero for synthesised nodes).
    public var range: SourceRange
    /// The number of nodes on the longest path down from this one (1 for a leaf), kept as the
    /// tree is built so depth limits (``NestingLimit``) cost nothing and need no recursion.
    public private(set) var height: Int

    /// Creates a node.
    public init(_ kind: ExprKind, _ range: SourceRange = SourceRange(0, 0)) {
        self.kind = kind
        self.range = range
        height = Expr.height(of: kind)
    }

    private static func height(of kind: ExprKind) -> Int {
        switch kind {
        case .number, .percent, .duration, .string, .bool, .null, .instant, .month, .quarter, .name, .qualified:
            return 1
        case .unary(_, let e), .isNull(let e, _), .of(let e, _), .on(let e, _):
            return e.height + 1
        case .binary(_, let a, let b), .filter(let a, let b):
            return max(a.height, b.height) + 1
        case .inList(let e, let items, _):
            return items.reduce(e.height) { max($0, $1.height) } + 1
        case .between(let e, let lower, let upper, _):
            return max(e.height, lower.height, upper.height) + 1
        case .call(_, let arguments, _):
            return arguments.reduce(0) { max($0, $1.height) } + 1
        case .exists(_, let condition):
            return (condition?.height ?? 0) + 1
        }
    }

    public static func == (a: Expr, b: Expr) -> Bool { a.kind == b.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}

/// Unary operators.
public enum UnaryOperator: String, Sendable, Hashable {
    /// Arithmetic negation, `-x`.
    case negate = "-"
    /// Logical negation, `not x`.
    case not
}

/// Binary operators, by family.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and, or
    case contains
    case startsWith = "starts with"

    /// Whether the operator compares two values into a boolean.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .contains, .startsWith: return true
        default: return false
        }
    }

    /// Whether the operator is arithmetic.
    public var isArithmetic: Bool { self == .add || self == .subtract || self == .multiply || self == .divide }
}

/// The kinds of syntax nodes.
public indirect enum ExprKind: Sendable, Hashable {
    /// A number literal.
    case number(Double, isInteger: Bool)
    /// A percentage literal, as a fraction (`25%` → 0.25).
    case percent(Double)
    /// A duration literal in seconds, with the unit it was written in.
    case duration(seconds: Double, unit: String)
    /// A string literal.
    case string(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// A date or timestamp literal, in milliseconds.
    case instant(milliseconds: Int64, hasTime: Bool)
    /// A month literal `2024-10`.
    case month(year: Int, month: Int)
    /// A quarter literal `2024-Q3`.
    case quarter(year: Int, quarter: Int)
    /// A name: field, table, KPI or `let` definition. `quoted` for `` `back-quoted` `` names.
    case name(String, quoted: Bool)
    /// `table.field`.
    case qualified(table: String, field: String)
    /// A unary operation.
    case unary(UnaryOperator, Expr)
    /// A binary operation.
    case binary(BinaryOperator, Expr, Expr)
    /// `x is null` / `x is not null`.
    case isNull(Expr, negated: Bool)
    /// `x in (a, b)` / `x not in (...)`.
    case inList(Expr, [Expr], negated: Bool)
    /// `x between a and b` / `x not between ...`.
    case between(Expr, lower: Expr, upper: Expr, negated: Bool)
    /// A function call; `distinct` for `count(distinct x)`.
    case call(name: String, arguments: [Expr], distinct: Bool)
    /// `e where condition`: `e` restricted to rows matching `condition`.
    case filter(Expr, condition: Expr)
    /// `e of table`: aggregates in `e` without a table of their own range over `table`.
    case of(Expr, table: String)
    /// `e on field`: aggregates in `e` count by `field` (their date basis) for `by month` and `during`.
    case on(Expr, field: String)
    /// `exists table(condition)`: a row of `table` linked through a shared key exists.
    case exists(table: String, condition: Expr?)
}

/// A period after `during`.
public enum PeriodSyntax: Sendable, Hashable {
    /// A calendar literal: a year (number), month, quarter or date.
    case literal(Expr)
    /// `last N days|weeks|months|quarters|years`: for months and longer, the N whole periods
    /// before the one as-of is in (that one is not over yet).
    case last(count: Int, grain: TimeGrain)
    /// `last N months to date` (or quarters, years): the current period so far and the N − 1
    /// whole ones before it.
    case lastToDate(count: Int, grain: TimeGrain)
    /// `this week|month|quarter|year`.
    case this(TimeGrain)
    /// `ytd` (year to date), `qtd`, `mtd`.
    case toDate(TimeGrain)
    /// `from A to B`: both ends included (B's whole day, month, quarter or year).
    case range(from: Expr, to: Expr)
}

/// Calendar grains for grouping and periods.
public enum TimeGrain: String, Sendable, Hashable, CaseIterable {
    case day, week, month, quarter, year
}

/// A grouping key after `by`: a field, a time grain (`month`), or a grain of a field (`month(closed_at)`).
public struct GroupKeySyntax: Sendable, Hashable {
    /// The key expression.
    public var expr: Expr

    /// Creates a key.
    public init(_ expr: Expr) { self.expr = expr }
}

/// One measure of a query: an expression and an optional name (`median(x) as median`).
public struct MeasureSyntax: Sendable, Hashable {
    /// The expression.
    public var expr: Expr
    /// The name after `as`.
    public var name: String?

    /// Creates a measure.
    public init(_ expr: Expr, name: String? = nil) {
        self.expr = expr
        self.name = name
    }
}

/// A query: one or more measures and their modifiers.
public struct QuerySyntax: Sendable, Hashable {
    /// The measures, in order; the first is the headline value.
    public var measures: [MeasureSyntax]

    /// The first measure's expression (filters from a query-level `where` are folded into every measure).
    public var expr: Expr {
        get { measures[0].expr }
        set { measures[0].expr = newValue }
    }
    /// `by` keys.
    public var groupBy: [GroupKeySyntax] = []
    /// `during` period.
    public var during: PeriodSyntax?
    /// Where the `during` period is written (from `during`'s period to its end), for errors.
    public var duringRange = SourceRange(0, 0)
    /// `top N` (descending by value) or `bottom N` (ascending).
    public var rank: Rank?
    /// `limit N`.
    public var limit: Int?
    /// `order by …`.
    public var order: Order?

    /// How rows are ordered: by the value, by a key, or a text key in funnel order
    /// (new, contacted, qualified, opportunity, won, lost, disqualified).
    public struct Order: Sendable, Hashable {
        /// What to order by.
        public enum Key: Sendable, Hashable {
            /// The headline value.
            case value
            /// A group key, by name.
            case key(String)
            /// The first text key, in funnel order.
            case funnel
        }

        /// What to order by.
        public var key: Key
        /// `desc`.
        public var descending: Bool

        /// Creates an order.
        public init(key: Key, descending: Bool) {
            self.key = key
            self.descending = descending
        }
    }

    /// `top`/`bottom`.
    public struct Rank: Sendable, Hashable {
        /// How many groups.
        public var count: Int
        /// `true` for `top`.
        public var descending: Bool
        /// `top N by ci_low`: rank by the lower bound of the 95% interval, so small samples
        /// don't outrank well-measured ones.
        public var byLowerBound: Bool

        /// Creates a rank.
        public init(count: Int, descending: Bool, byLowerBound: Bool = false) {
            self.count = count
            self.descending = descending
            self.byLowerBound = byLowerBound
        }
    }

    /// Creates a query of one measure.
    public init(expr: Expr) { self.measures = [MeasureSyntax(expr)] }

    // Like ``Expr``, equality ignores where things were written.
    public static func == (a: QuerySyntax, b: QuerySyntax) -> Bool {
        a.measures == b.measures && a.groupBy == b.groupBy && a.during == b.during && a.rank == b.rank && a.limit == b.limit
            && a.order == b.order
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(measures)
        hasher.combine(groupBy)
        hasher.combine(during)
    }

    /// Applies `transform` to every measure's expression (query-level `where`, `of`, `on`).
    public mutating func wrapMeasures(_ transform: (Expr) -> Expr) {
        for i in measures.indices { measures[i].expr = transform(measures[i].expr) }
    }
}

/// A session or module definition of a KPI: `kpi NAME = query [unit U] [higher|lower is better] ["description"]`.
public struct KPIDefinitionSyntax: Sendable, Hashable {
    /// The KPI id.
    public var name: String
    /// Its formula.
    public var query: QuerySyntax
    /// The formula's source text.
    public var formulaText: String
    /// `unit ...`.
    public var unit: String?
    /// `higher is better` / `lower is better`.
    public var higherIsBetter: Bool?
    /// The description string.
    public var summary: String?

    // Like ``Expr``, equality ignores how the definition was written: `formulaText` is the source
    // text, which a printed definition writes differently (`(a + b)` for `a+b`).
    public static func == (a: KPIDefinitionSyntax, b: KPIDefinitionSyntax) -> Bool {
        a.name == b.name && a.query == b.query && a.unit == b.unit && a.higherIsBetter == b.higherIsBetter && a.summary == b.summary
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(query)
    }
}

/// One statement of the language.
public enum Statement: Sendable, Hashable {
    /// Evaluate and show.
    case query(QuerySyntax)
    /// `let NAME = expr`: a named value or filter for the session.
    case define(name: String, value: Expr)
    /// `kpi NAME = ...`.
    case kpi(KPIDefinitionSyntax)
    /// `explain query`: show the plan.
    case explain(QuerySyntax)
    /// `compare QUERY vs BASELINE`.
    case compare(CompareSyntax)
    /// `explain change QUERY by FIELD from PERIOD to PERIOD`.
    case explainChange(ExplainChangeSyntax)
    /// `goal …`, `goal remove N`, `goal edit N …`, `goals [why]`.
    case goal(GoalStatementSyntax)
    /// `describe NAME` or `? NAME`: a KPI's or function's description (the name as typed, trimmed).
    case describe(String)
    /// `run RECIPE [NAME=VALUE]…`.
    case runRecipe(RunRecipeSyntax)
}
