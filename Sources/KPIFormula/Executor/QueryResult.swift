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
    /// How many values an average, median or other statistic rests on (a rate's is its
    /// denominator), when known: small samples are flagged by it.
    public var sampleSize: Double?
    /// Whether the figure was computed but is not a finite number (a sum beyond ±1.8e308): its
    /// value is then `nil`, and the result's notes say it is out of range.
    public var isOutOfRange = false

    /// A plain value, optionally with the confidence interval of an average. A value that is
    /// infinite or NaN becomes `nil` and ``isOutOfRange``.
    public init(value: Double?, isCount: Bool = false, interval: ClosedRange<Double>? = nil) {
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
        self.isOutOfRange = value.map { !$0.isFinite } ?? false
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
        /// Whether the row's period is only partly covered — by the data (its first or last
        /// period) or by the window — so it reads lower than a whole period would.
        public var isPartial = false

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
    /// Whether each key holds funnel words, its rows in funnel order (empty: none does).
    public var keyInFunnelOrder: [Bool] = []
    /// The rows: exactly one without keys.
    public var rows: [Row]
    /// The names of the measures (`value` first unless named).
    public var measureNames: [String]
    /// The unit of each measure.
    public var units: [Unit]
    /// The KPI's id when the query was one KPI.
    public var kpiID: String?
    /// What a reader must know to read the result right (rows left outside a series, a filter
    /// that matched nothing, rows excluded as invalid, the dates a period resolved to, …).
    /// Every renderer shows them.
    public var notes: [ResultNote] = []
    /// The window the result covers, when a `during` bounded it.
    public var period: ResolvedPeriod?

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

/// Something a reader of a result must know to read it right, carried with the result so that
/// every format shows it: the table's footnotes, JSON's `notes`, CSV's standard error.
public struct ResultNote: Sendable, Hashable, CustomStringConvertible {
    /// What kind of caveat it is; stable, for JSON and tests.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Figures rest on fewer rows than the small-sample threshold.
        case smallSample = "small-sample"
        /// Rows of the KPI's table fell outside the series' periods (or had no date).
        case outsideSeries = "outside-series"
        /// The first or last period is only partly covered.
        case partialPeriod = "partial-period"
        /// A filter value matches no row (with the likeliest intended value).
        case noMatch = "no-match"
        /// Rows left out as invalid: negative durations, missing amounts.
        case excluded
        /// The exact dates a relative period resolved to.
        case period
        /// A figure is undefined (a ratio over zero).
        case undefined
        /// Something about loading the data the result reads: an assumed date order, cells read
        /// as null.
        case loading
    }

    /// What kind of caveat.
    public var kind: Kind
    /// The caveat in words, a sentence without a final full stop.
    public var message: String

    /// Creates a note.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// The window a result covers: instants `start ..< end` and the words that asked for it.
public struct ResolvedPeriod: Sendable, Hashable, CustomStringConvertible {
    /// The first instant, in milliseconds.
    public var start: Int64
    /// The first instant after the window.
    public var end: Int64
    /// The period as written (`last 6 months`).
    public var text: String
    /// What a relative period leaves out on purpose, and how to include it: `December so far
    /// not included (last 6 months to date includes it)`.
    public var leftOut: String?

    /// Creates a period.
    public init(start: Int64, end: Int64, text: String, leftOut: String? = nil) {
        self.start = start
        self.end = end
        self.text = text
        self.leftOut = leftOut
    }

    /// `2024-06-01 – 2024-11-30`: the first and the last day (or instant) of the window.
    public var dates: String {
        let lastInstant = end - 1
        let wholeDays = start % Time.millisecondsPerDay == 0 && end % Time.millisecondsPerDay == 0
        guard !wholeDays else { return "\(ISO8601.formatDate(milliseconds: start)) – \(ISO8601.formatDate(milliseconds: lastInstant))" }
        // A rolling window ends at the as-of instant: to the second, as people read a clock.
        func clock(_ ms: Int64) -> String {
            let second = Time.floorDiv(ms, 1000) * 1000
            let inDay = Time.floorMod(second, Time.millisecondsPerDay) / 1000
            func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(ISO8601.formatDate(milliseconds: second)) \(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))"
        }
        return "\(clock(start)) – \(clock(lastInstant)) UTC"
    }

    /// `last 6 months = 2024-06-01 – 2024-11-30; December so far not included (…)`.
    public var description: String {
        let head = text.isEmpty ? dates : "\(text) = \(dates)"
        return leftOut.map { "\(head); \($0)" } ?? head
    }
}
