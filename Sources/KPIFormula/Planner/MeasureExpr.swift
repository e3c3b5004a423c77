import KPICore

/// Arithmetic over aggregates, the part of a measure computed per group once the aggregates
/// are: binding writes each aggregate in its place (``BoundExpr``), planning replaces it by its
/// index in the plan (``ScalarExpr``). One shape, so the two cannot drift apart.
public indirect enum MeasureExpr<Aggregate: Sendable & Hashable>: Sendable, Hashable {
    /// An aggregate's result.
    case aggregate(Aggregate)
    /// A constant.
    case constant(Double)
    /// Arithmetic. Division of two counts keeps numerator and denominator (a rate).
    case arithmetic(BinaryOperator, MeasureExpr, MeasureExpr)
    /// Negation.
    case negate(MeasureExpr)
    /// The value of the expression in the previous period of the time series (null for the first).
    case previous(MeasureExpr)

    /// Whether `previous(...)` appears in it.
    public var usesPrevious: Bool {
        switch self {
        case .previous: return true
        case .aggregate, .constant: return false
        case .negate(let e): return e.usesPrevious
        case .arithmetic(_, let a, let b): return a.usesPrevious || b.usesPrevious
        }
    }

    /// The same arithmetic with each aggregate replaced by `transform`'s result, visited depth
    /// first, left to right (the order in which the planner numbers them).
    public func mapAggregates<Other>(_ transform: (Aggregate) throws -> Other) rethrows -> MeasureExpr<Other> {
        switch self {
        case .aggregate(let a): return .aggregate(try transform(a))
        case .constant(let value): return .constant(value)
        case .arithmetic(let op, let a, let b):
            let lhs = try a.mapAggregates(transform)
            return .arithmetic(op, lhs, try b.mapAggregates(transform))
        case .negate(let e): return .negate(try e.mapAggregates(transform))
        case .previous(let e): return .previous(try e.mapAggregates(transform))
        }
    }
}

/// A measure: its name, how it combines the aggregates, and its unit.
public struct MeasureDefinition<Aggregate: Sendable & Hashable>: Sendable, Hashable {
    /// Its name (`value` for the first, unless named with `as`).
    public var name: String
    /// How aggregate results combine into it.
    public var expr: MeasureExpr<Aggregate>
    /// Its unit, checked by the unit rules.
    public var unit: Unit

    /// Creates a measure.
    public init(name: String, expr: MeasureExpr<Aggregate>, unit: Unit) {
        self.name = name
        self.expr = expr
        self.unit = unit
    }
}
