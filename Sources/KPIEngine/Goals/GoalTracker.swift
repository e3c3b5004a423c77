import KPICore
import KPIFormula

/// Measures goals against a session at its as-of date ("today" is the session's as-of instant,
/// never the wall clock, so a status is reproducible).
///
/// A goal's value is its KPI `during from START to min(as-of, deadline)`, filtered by its scope.
/// The rules, tried in order (``GoalStatus/rule`` names the one that decided):
///
/// - **too few data**: the goal starts after as-of; no value in the period; a rate whose
///   denominator is below ``minimumRateDenominator``.
/// - **achieved**: cumulative `>=`: the value reached the target (at any time). Cumulative `<=`:
///   the deadline is reached and the value stayed at or under the target. Levels (rates,
///   averages): the deadline is reached and the value meets the target, or, before it, the
///   whole 95% interval already clears the target (lower bound ≥ a `>=` target, upper bound ≤ a
///   `<=` target).
/// - **behind** at once: the deadline is reached unmet, or a cumulative `<=` value is already
///   over its ceiling (it can only grow).
/// - **on track**: the value meets what is expected by now (the prorated target for cumulative
///   goals, which is the same as the run-rate projection meeting the target; the target for levels).
/// - **at risk**: the projection is short of the target by at most ``riskMargin`` of it.
/// - **behind**: otherwise.
public enum GoalTracker {
    /// The smallest denominator a rate is judged on.
    public static let minimumRateDenominator: Double = 30
    /// How far short (as a fraction of the target) a projection may be and still be "at risk".
    public static let riskMargin = 0.10

    /// The status of one goal.
    /// - Throws: the session's error when the goal's KPI does not evaluate, or gives one value per group.
    public static func status(of goal: Goal, in session: Session) throws(SessionError) -> GoalStatus {
        let period = GoalPeriod(goal: goal, asOf: session.asOf)
        let evaluation = try evaluate(goal, from: period.start, to: max(period.measuredEnd, period.start), in: session)
        return decide(goal, period: period, evaluation: evaluation)
    }

    /// The query that measures `goal` over `from…to` (both days included): its KPI during the
    /// period, filtered by its scope; with the text its errors point into (the goal's statement).
    public static func query(for goal: Goal, from: CivilDate, to: CivilDate) throws(SessionError) -> (query: QuerySyntax, source: String) {
        var (query, source) = try measuredQuery(for: goal)
        query.during = .range(
            from: Expr(.instant(milliseconds: from.milliseconds, hasTime: false)), to: Expr(.instant(milliseconds: to.milliseconds, hasTime: false)))
        return (query, source)
    }

    /// The goal's KPI filtered by its scope, over all the data; with the text its errors point
    /// into (the goal's statement, where the KPI and the scope are parsed from).
    static func measuredQuery(for goal: Goal) throws(SessionError) -> (query: QuerySyntax, source: String) {
        let written = goal.written
        var query: QuerySyntax
        do {
            query = try Parser.parseQuery(written.text, fragment: written.kpi)
            if let scope = written.scope {
                let condition = try Parser.parseExpression(written.text, fragment: scope)
                query.wrapMeasures { Expr(.filter($0, condition: condition), $0.range.union(condition.range)) }
            }
        } catch {
            throw SessionError(.formula(error, source: written.text))
        }
        return (query, written.text)
    }

    // MARK: - Evaluation

    /// A goal's KPI evaluated over a period.
    struct Evaluation {
        var measure: Measure
        var unit: KPICore.Unit
        var pacing: GoalPacing
    }

    static func evaluate(_ goal: Goal, from: CivilDate, to: CivilDate, in session: Session) throws(SessionError) -> Evaluation {
        let (query, source) = try query(for: goal, from: from, to: to)
        let (result, plan) = try session.runQuery(query, source: source)
        guard let measure = result.scalar else {
            throw SessionError(.statement(.goalsGroupedKPI, "the goal's KPI '\(goal.kpi)' gives one value per group; a goal needs a single value"))
        }
        let additive = (result.unit == .count || result.unit == .money) && !measure.isRate && isAdditive(plan.output, in: plan)
        return Evaluation(measure: measure, unit: result.unit, pacing: additive ? .cumulative : .level)
    }

    /// Whether a value grows with the period: counts and sums, and sums, differences and
    /// constant multiples of them. Averages, ratios and per-period snapshots are levels.
    static func isAdditive(_ expr: ScalarExpr, in plan: QueryPlan) -> Bool {
        switch expr {
        case .aggregate(let i):
            guard plan.aggregates.indices.contains(i), !plan.aggregates[i].usesPeriodBounds else { return false }
            switch plan.aggregates[i].function {
            case .count, .countDistinct, .sum: return true
            default: return false
            }
        case .arithmetic(.add, let a, let b), .arithmetic(.subtract, let a, let b):
            return isAdditive(a, in: plan) && isAdditive(b, in: plan)
        case .arithmetic(.multiply, .constant, let e), .arithmetic(.multiply, let e, .constant), .arithmetic(.divide, let e, .constant):
            return isAdditive(e, in: plan)
        case .negate(let e):
            return isAdditive(e, in: plan)
        default:
            return false
        }
    }

    // MARK: - Decision

    static func decide(_ goal: Goal, period: GoalPeriod, evaluation: Evaluation) -> GoalStatus {
        let unit = evaluation.unit
        let measure = evaluation.measure
        let show = { (value: Double?) in GoalText.value(value, unit: unit) }
        let started = period.elapsedDays > 0
        var status = GoalStatus(
            goal: goal, pacing: evaluation.pacing, unit: unit,
            measured: started ? period.start...period.measuredEnd : nil, elapsedDays: period.elapsedDays,
            totalDays: period.totalDays, current: started ? measure : nil,
            currentInterval: started ? measure.confidenceInterval : nil, target: goal.target,
            progress: nil, expected: nil, projection: nil, projectionInterval: nil, state: .tooFewData, rule: "")
        if let total = period.totalDays, total <= 0 {
            status.rule = "too few data: the goal starts (\(ISO8601.formatDate(period.start))) after its deadline"
            return status
        }
        guard started else {
            status.rule = "too few data: the goal starts \(ISO8601.formatDate(period.start)), after as-of \(ISO8601.formatDate(period.asOf))"
            return status
        }
        guard let value = measure.value else {
            status.rule = "too few data: no value in \(period.description)"
            return status
        }
        if goal.target != 0 { status.progress = value / goal.target }
        let judge = Judge(comparison: goal.comparison, target: goal.target)
        let targetText = "\(goal.comparison.rawValue) \(show(goal.target))"

        if evaluation.pacing == .cumulative {
            if let total = period.totalDays {
                status.expected = goal.target * Double(period.elapsedDays) / Double(total)
                status.projection = value * Double(total) / Double(period.elapsedDays)
            }
            let (state, rule) = decideCumulative(value: value, status: status, period: period, judge: judge, show: show)
            status.state = state
            status.rule = "\(state.rawValue): \(rule) (target \(targetText))"
            return status
        }

        status.expected = goal.target
        status.projection = value
        status.projectionInterval = status.currentInterval
        if let denominator = measure.denominator, measure.isRate, denominator < minimumRateDenominator {
            status.rule =
                "too few data: the rate is over \(GoalText.number(denominator)) cases, fewer than \(GoalText.number(minimumRateDenominator))"
            return status
        }
        let (state, rule) = decideLevel(value: value, interval: status.currentInterval, period: period, judge: judge, show: show)
        status.state = state
        status.rule = "\(state.rawValue): \(rule) (target \(targetText))"
        return status
    }

    private static func decideCumulative(
        value: Double, status: GoalStatus, period: GoalPeriod, judge: Judge, show: (Double?) -> String
    ) -> (GoalState, String) {
        let now = show(value)
        if judge.comparison == .atLeast && judge.isMet(value) { return (.achieved, "\(now) reached") }
        if judge.comparison == .atMost && !judge.isMet(value) { return (.behind, "\(now) is already over the ceiling") }
        if period.deadlinePassed {
            return judge.isMet(value) ? (.achieved, "\(now) at the deadline") : (.behind, "the deadline passed at \(now)")
        }
        guard let expected = status.expected, let projection = status.projection else {
            // Without a deadline there is no pace: compare with the target as it stands.
            if judge.isMet(value) { return (.onTrack, "\(now) meets the target; no deadline to pace against") }
            return judge.isWithinRisk(value)
                ? (.atRisk, "\(now) is within \(Int(riskMargin * 100))% of the target; no deadline to pace against")
                : (.behind, "\(now) is more than \(Int(riskMargin * 100))% short; no deadline to pace against")
        }
        let pace = "\(now) after \(period.elapsedDays) of \(period.totalDays ?? 0) days"
        if judge.comparison == .atLeast ? value >= expected : value <= expected {
            return (.onTrack, "\(pace) meets the \(show(expected)) expected by now")
        }
        if judge.isWithinRisk(projection) {
            return (.atRisk, "\(pace) projects \(show(projection)), within \(Int(riskMargin * 100))% of the target")
        }
        return (.behind, "\(pace) projects \(show(projection)), more than \(Int(riskMargin * 100))% short")
    }

    private static func decideLevel(
        value: Double, interval: ClosedRange<Double>?, period: GoalPeriod, judge: Judge, show: (Double?) -> String
    ) -> (GoalState, String) {
        let now = show(value)
        if period.deadlinePassed {
            return judge.isMet(value) ? (.achieved, "\(now) at the deadline") : (.behind, "the deadline passed at \(now)")
        }
        if let interval {
            if judge.comparison == .atLeast && interval.lowerBound >= judge.target {
                return (.achieved, "the interval's lower bound \(show(interval.lowerBound)) already clears the target")
            }
            if judge.comparison == .atMost && interval.upperBound <= judge.target {
                return (.achieved, "the interval's upper bound \(show(interval.upperBound)) already clears the target")
            }
        }
        if judge.isMet(value) { return (.onTrack, "\(now) meets the target now") }
        if judge.isWithinRisk(value) { return (.atRisk, "\(now) is within \(Int(riskMargin * 100))% of the target") }
        return (.behind, "\(now) is more than \(Int(riskMargin * 100))% short of the target")
    }
}

/// A comparison with a target, and how far short counts as "at risk".
struct Judge {
    var comparison: Goal.Comparison
    var target: Double

    func isMet(_ value: Double) -> Bool { comparison.isMet(value, target: target) }

    /// Met, or short by at most ``GoalTracker/riskMargin`` of the target's size.
    func isWithinRisk(_ value: Double) -> Bool {
        if isMet(value) { return true }
        guard target != 0 else { return false }
        let shortfall = comparison == .atLeast ? target - value : value - target
        return shortfall <= GoalTracker.riskMargin * abs(target) + 1e-12
    }
}

/// A goal's calendar at an as-of date.
struct GoalPeriod: CustomStringConvertible {
    /// The as-of day.
    var asOf: CivilDate
    /// The first day measured.
    var start: CivilDate
    /// The last day measured: the earlier of as-of and the deadline.
    var measuredEnd: CivilDate
    /// Days from start to measured end, both included (0 before the start).
    var elapsedDays: Int
    /// Days from start to deadline, both included; `nil` without a deadline.
    var totalDays: Int?
    /// Whether as-of is on or after the deadline (the deadline day counts as reached).
    var deadlinePassed: Bool

    init(goal: Goal, asOf instant: Int64) {
        let today = CivilDate(milliseconds: instant)
        let first = goal.effectiveStart(asOf: today)
        let last = goal.deadline.map { min($0, today) } ?? today
        asOf = today
        start = first
        measuredEnd = last
        elapsedDays = max(0, Int(last.daysSinceEpoch - first.daysSinceEpoch) + 1)
        totalDays = goal.deadline.map { Int($0.daysSinceEpoch - first.daysSinceEpoch) + 1 }
        deadlinePassed = goal.deadline.map { today >= $0 } ?? false
    }

    var description: String { "\(ISO8601.formatDate(start)) … \(ISO8601.formatDate(measuredEnd))" }
}
