import KPICore
import KPIFormula

/// A query compared with a baseline: per group, both values, the change, and whether it is
/// more than noise.
public struct PeriodComparison: Sendable {
    /// One group's comparison.
    public struct Row: Sendable {
        /// The group's key values.
        public var keys: [Value]
        /// The value in the current period (or the group, for `vs team`).
        public var current: Measure
        /// The baseline: an earlier period, or the whole team.
        public var baseline: Measure
        /// current − baseline (null when either is null).
        public var change: Double?
        /// change / baseline (null when the baseline is null or 0).
        public var relativeChange: Double?
        /// Two-sided p-value of the difference (two-proportion z-test for rates, a normal test
        /// on the intervals for averages); nil when it cannot be tested.
        public var pValue: Double?

        /// Whether the change is significant at the 5% level.
        public var isSignificant: Bool? { pValue.map { $0 < 0.05 } }
    }

    /// What the baseline is, for headers: `2024-Q1`, `team`.
    public var baselineLabel: String
    /// What the current value is: `2024-Q2`, or the period.
    public var currentLabel: String
    /// The compared periods, when periods were compared.
    public var currentPeriod: ClosedRange<Int64>?
    /// The baseline's period.
    public var baselinePeriod: ClosedRange<Int64>?
    /// Group key names.
    public var keyNames: [String]
    /// The value's unit.
    public var unit: Unit
    /// The rows, in key order.
    public var rows: [Row]
    /// What the runs behind the comparison said (a filter value that matches no row, cells
    /// that could not be read), once each.
    public var notes: [ResultNote] = []

    /// `current 2024-11 = 2024-11-01 – 2024-11-30; baseline 2024-10 = 2024-10-01 – 2024-10-31`,
    /// when periods were compared: the exact dates, which a header like `2024-11` does not say.
    public var periodsDescription: String? {
        func period(_ what: String, _ label: String, _ range: ClosedRange<Int64>?) -> String? {
            range.map {
                // A label that already is the dates (a window longer than a calendar period) is said once.
                let period = ResolvedPeriod(start: $0.lowerBound, end: $0.upperBound + 1, text: label)
                return what + " " + (label == period.dates ? label : period.description)
            }
        }
        let parts = [period("current", currentLabel, currentPeriod), period("baseline", baselineLabel, baselinePeriod)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// What the `significant` column means for this comparison.
    public var significanceNote: String {
        baselineLabel == "goal"
            ? "significant: the rate tested against its target (one-sample z-test), 5% level"
            : "significant: a two-proportion test for rates (intervals for averages), 5% level"
    }
}

/// A change of a KPI between two periods split into the parts of each segment.
///
/// For a rate, a segment's share of the denominator (mix) and its own rate both move; the mix
/// effect is `(w₂ − w₁)·(r₁ + r₂)/2` and the rate effect `(r₂ − r₁)·(w₁ + w₂)/2`, which add up
/// exactly to the segment's contribution `w₂r₂ − w₁r₁`, and over all segments to the total change.
/// For a count or a sum, each segment contributes its own change.
public struct ChangeExplanation: Sendable {
    /// One segment's part of the change.
    public struct Segment: Sendable {
        /// The segment's key.
        public var key: Value
        /// Value in the first and second period.
        public var before: Measure, after: Measure
        /// For rates: share of the denominator in each period.
        public var weightBefore: Double?, weightAfter: Double?
        /// For rates: the mix and rate effects (they sum to ``contribution``).
        public var mixEffect: Double?, rateEffect: Double?
        /// The segment's contribution to the total change.
        public var contribution: Double
    }

    /// The KPI or formula explained.
    public var formula: String
    /// The segmenting field.
    public var segmentField: String
    /// Period labels.
    public var fromLabel: String, toLabel: String
    /// Totals in each period.
    public var totalBefore: Measure, totalAfter: Measure
    /// totalAfter − totalBefore.
    public var totalChange: Double?
    /// Whether the decomposition is of a rate (mix and rate effects) or of a count/sum.
    public var isRate: Bool
    /// The value's unit.
    public var unit: Unit
    /// Segments, largest absolute contribution first.
    public var segments: [Segment]
}
