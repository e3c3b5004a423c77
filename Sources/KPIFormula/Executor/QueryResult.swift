import KPICore

/// One computed figure: a value, and for rates the numerator and denominator it came from.
///
/// A rate keeps its parts so it can be re-aggregated and given a confidence interval;
/// `0 / 0` is `nil` (null), never NaN.
public struct Measure: Sendable, Hashable {
    /// The value; `nil` when undefined (no rows for an average, a zero denominator).
    public var value: Double?
    /// The numerator, for rates.
    public var numerator: Double?
    /// The denominator, for rates.
    public var denominator: Double?
    /// Whether this is a count of rows (so count / count becomes a rate).
    public var isCount: Bool
    /// A 95% confidence interval of an average (rates compute theirs from numerator and denominator).
    public var interval: ClosedRange<Double>?

    /// A plain value, optionally with the confidence interval of an average.
    public init(value: Double?, isCount: Bool = false, interval: ClosedRange<Double>? = nil) {
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
        self.isCount = isCount
        self.interval = self.value == nil ? nil : interval
    }

    /// A rate `numerator / denominator` (null when the denominator is 0).
    public init(numerator: Double, denominator: Double) {
        self.numerator = numerator
        self.denominator = denominator
        self.value = denominator == 0 ? nil : numerator / denominator
        self.isCount = false
    }

    /// Whether it carries numerator and denominator.
    public var isRate: Bool { numerator != nil && denominator != nil }
}

/// The result of a query: one measure, or one row per group.
public struct QueryResult: Sendable {
    /// One row: the group's key values and its measures.
    public struct Row: Sendable, Hashable {
        /// Key values, in ``QueryResult/keyNames`` order.
        public var keys: [Value]
        /// The figures, in ``QueryResult/measureNames`` order.
        public var measures: [Measure]

        /// The headline figure (the first measure).
        public var measure: Measure {
            get { measures[0] }
            set { measures[0] = newValue }
        }

        /// Creates a row with one measure.
        public init(keys: [Value], measure: Measure) {
            self.keys = keys
            self.measures = [measure]
        }

        /// Creates a row with several measures.
        public init(keys: [Value], measures: [Measure]) {
            precondition(!measures.isEmpty, "a row has at least one measure")
            self.keys = keys
            self.measures = measures
        }
    }

    /// The names of the group keys; empty for a scalar.
    public var keyNames: [String]
    /// The rows: exactly one without keys.
    public var rows: [Row]
    /// The names of the measures (`value` first unless named).
    public var measureNames: [String]
    /// The unit of each measure.
    public var units: [Unit]
    /// The KPI's id when the query was one KPI.
    public var kpiID: String?

    /// The headline measure's unit.
    public var unit: Unit { units[0] }

    /// Creates a result with one measure.
    public init(keyNames: [String], rows: [Row], unit: Unit, kpiID: String? = nil) {
        self.init(keyNames: keyNames, rows: rows, measureNames: ["value"], units: [unit], kpiID: kpiID)
    }

    /// Creates a result with several measures.
    public init(keyNames: [String], rows: [Row], measureNames: [String], units: [Unit], kpiID: String? = nil) {
        self.keyNames = keyNames
        self.rows = rows
        self.measureNames = measureNames
        self.units = units
        self.kpiID = kpiID
    }

    /// Whether the result has group keys.
    public var isGrouped: Bool { !keyNames.isEmpty }

    /// The single measure of an ungrouped result.
    public var scalar: Measure? { isGrouped ? nil : rows.first?.measure }
}
