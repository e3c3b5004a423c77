import KPICore
import KPIFormula

/// Where a goal stands.
public enum GoalState: String, Sendable, Hashable, CaseIterable {
    /// The target is met (see ``GoalTracker`` for when a rate counts as met).
    case achieved
    /// Progress so far is at least what a steady pace needs by now.
    case onTrack = "on track"
    /// Short, but the projection is within 10% of the target.
    case atRisk = "at risk"
    /// More than 10% short, or the deadline passed unmet.
    case behind
    /// No data in the period, a rate over fewer than 30 cases, or a goal not started yet.
    case tooFewData = "too few data"
}

/// How a goal's value accumulates, which decides how it is paced.
public enum GoalPacing: String, Sendable, Hashable {
    /// Counts and sums (unit count or money): the value grows through the period, so "expected by
    /// now" is the target prorated by elapsed days and the projection is the run rate.
    case cumulative
    /// Rates, averages and anything else: the value is a level, expected to be at the target all
    /// along; the projection is today's value.
    case level
}

/// A goal measured at the session's as-of date: renderer-independent figures and the decision.
public struct GoalStatus: Sendable {
    /// The goal (for a roll-up, the synthesized team goal with the team target).
    public var goal: Goal
    /// How the goal is paced.
    public var pacing: GoalPacing
    /// The unit of the KPI's value.
    public var unit: KPICore.Unit
    /// The days measured, from the start to the earlier of as-of and the deadline; `nil` when the
    /// goal starts after as-of.
    public var measured: ClosedRange<CivilDate>?
    /// Days elapsed in the goal's period (start to as-of, both included, at most ``totalDays``).
    public var elapsedDays: Int
    /// Days in the goal's period (start to deadline, both included); `nil` without a deadline.
    public var totalDays: Int?
    /// The value so far, with numerator and denominator for rates; `nil` before the start.
    public var current: Measure?
    /// The 95% interval of the current value (Wilson for rates, Student's t for averages).
    public var currentInterval: ClosedRange<Double>?
    /// The target.
    public var target: Double
    /// `current / target` (for a `<=` goal, above 1 means over the ceiling); `nil` when either is
    /// missing or the target is 0.
    public var progress: Double?
    /// What the value should be by as-of: the prorated target for cumulative goals, the target
    /// itself for levels; `nil` without a deadline (cumulative).
    public var expected: Double?
    /// The value expected at the deadline: the run rate for cumulative goals, the current value
    /// for levels.
    public var projection: Double?
    /// The projection's 95% interval, for levels.
    public var projectionInterval: ClosedRange<Double>?
    /// The decision.
    public var state: GoalState
    /// Why: the rule that decided ``state``, with the numbers it compared.
    public var rule: String
    /// For a roll-up: each member goal's status.
    public var members: [GoalStatus]

    /// Creates a status.
    public init(
        goal: Goal, pacing: GoalPacing, unit: KPICore.Unit, measured: ClosedRange<CivilDate>?, elapsedDays: Int, totalDays: Int?,
        current: Measure?, currentInterval: ClosedRange<Double>?, target: Double, progress: Double?, expected: Double?,
        projection: Double?, projectionInterval: ClosedRange<Double>?, state: GoalState, rule: String, members: [GoalStatus] = []
    ) {
        self.goal = goal
        self.pacing = pacing
        self.unit = unit
        self.measured = measured
        self.elapsedDays = elapsedDays
        self.totalDays = totalDays
        self.current = current
        self.currentInterval = currentInterval
        self.target = target
        self.progress = progress
        self.expected = expected
        self.projection = projection
        self.projectionInterval = projectionInterval
        self.state = state
        self.rule = rule
        self.members = members
    }

    /// One line for people: `#2 win_rate for rep = "Ana Ruiz": 31.4% (24.0% … 39.8%) vs ≥ 30.0% by 2024-12-31 — on track`.
    public func summaryLine() -> String {
        var out = goal.number > 0 ? "#\(goal.number) " : ""
        out += goal.kpi
        if let scope = goal.scope { out += " for \(scope)" }
        out += ": " + GoalText.value(current?.value, unit: unit)
        if let interval = GoalText.interval(currentInterval, unit: unit) { out += " (\(interval))" }
        out += " vs \(goal.comparison == .atLeast ? "≥" : "≤") \(GoalText.value(target, unit: unit))"
        if let deadline = goal.deadline { out += " by \(ISO8601.formatDate(deadline))" }
        if let progress { out += ", \(Int((progress * 100).rounded()))% of target" }
        if pacing == .cumulative, let expected { out += ", expected by now \(GoalText.value(expected, unit: unit))" }
        if pacing == .cumulative, let projection, goal.deadline != nil {
            out += ", heading for \(GoalText.value(projection, unit: unit))"
        }
        return out + " — \(state.rawValue)"
    }
}
