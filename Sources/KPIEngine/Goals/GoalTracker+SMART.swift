import KPICore
import KPIFormula

extension GoalTracker {
    /// Days in an average month, to turn a period's target into a monthly pace.
    static let daysPerMonth = 365.2425 / 12

    /// What makes a goal less than SMART, in plain words; empty when nothing is wrong.
    ///
    /// - Time-bound: no deadline, or a start after the deadline.
    /// - Measurable: the KPI does not evaluate, gives one value per group, is not a number, or
    ///   reads no data.
    /// - Achievable / relevant: the target lies outside anything the data has shown — compared
    ///   with the KPI's monthly values (in the goal's scope, over all the data): for levels the
    ///   target itself, for counts and sums the monthly pace it needs (target × 30.44 / days).
    public static func smartWarnings(for goal: Goal, in session: Session) -> [String] {
        var warnings: [String] = []
        let asOf = CivilDate(milliseconds: session.asOf)
        let start = goal.effectiveStart(asOf: asOf)
        if let deadline = goal.deadline {
            if deadline < start {
                warnings.append(
                    "the goal starts \(ISO8601.formatDate(start)), after its deadline \(ISO8601.formatDate(deadline))")
            }
        } else {
            warnings.append("no deadline: add 'by DATE' so progress can be paced (a SMART goal is time-bound)")
        }
        let query: QuerySyntax, source: String
        let result: QueryResult, plan: QueryPlan
        do {
            (query, source) = try measuredQuery(for: goal)
            (result, plan) = try session.runQuery(query, source: source)
        } catch {
            warnings.append("no measurable KPI: '\(goal.kpi)' does not evaluate (\(error.id): \(firstLine(of: error)))")
            return warnings
        }
        if result.isGrouped {
            warnings.append("no measurable KPI: '\(goal.kpi)' gives one value per group; a goal needs a single value")
            return warnings
        }
        if [.text, .bool, .time].contains(result.unit) {
            warnings.append("no measurable KPI: '\(goal.kpi)' is \(result.unit.name), not a number")
            return warnings
        }
        if plan.aggregates.isEmpty {
            warnings.append("no measurable KPI: '\(goal.kpi)' reads no data")
            return warnings
        }
        var monthly = query
        monthly.groupBy.append(GroupKeySyntax(Expr(.name("month", quoted: false))))
        if let history = monthlyRange(monthly, source: source, in: session) {
            let measure = result.scalar ?? Measure(value: nil)
            let cumulative = (result.unit == .count || result.unit == .money) && !measure.isRate && isAdditive(plan.output, in: plan)
            if let warning = historyWarning(goal, start: start, cumulative: cumulative, unit: result.unit, history: history) {
                warnings.append(warning)
            }
        }
        return warnings
    }

    /// The lowest and highest monthly value, with their months; `nil` when the KPI has no monthly series.
    private static func monthlyRange(
        _ query: QuerySyntax, source: String, in session: Session
    ) -> (low: (Double, String), high: (Double, String))? {
        guard let (result, _) = try? session.runQuery(query, source: source), result.keyNames.count == 1 else { return nil }
        var low: (Double, String)?
        var high: (Double, String)?
        for row in result.rows {
            guard let value = row.measure.value, let key = row.keys.first else { continue }
            let month = String(key.description.prefix(7))
            if value < low?.0 ?? .infinity { low = (value, month) }
            if value > high?.0 ?? -.infinity { high = (value, month) }
        }
        guard let low, let high else { return nil }
        return (low, high)
    }

    private static func historyWarning(
        _ goal: Goal, start: CivilDate, cumulative: Bool, unit: KPICore.Unit, history: (low: (Double, String), high: (Double, String))
    ) -> String? {
        let show = { (value: Double) in GoalText.value(value, unit: unit) }
        let range = "monthly values ranged \(show(history.low.0)) (\(history.low.1)) … \(show(history.high.0)) (\(history.high.1))"
        var compared = goal.target
        var what = "target \(show(goal.target)) is"
        if cumulative {
            // A count or sum over a period: compare the pace it needs with what a month has held.
            guard let deadline = goal.deadline, deadline >= start else { return nil }
            let days = Double(deadline.daysSinceEpoch - start.daysSinceEpoch + 1)
            compared = goal.target * daysPerMonth / days
            what = "target \(show(goal.target)) over \(Int(days)) days needs \(show(compared)) a month,"
        }
        if compared > history.high.0 { return "\(what) above anything the data has shown: \(range)" }
        if compared < history.low.0 { return "\(what) below anything the data has shown: \(range)" }
        return nil
    }

    private static func firstLine(of error: SessionError) -> String {
        switch error.kind {
        case .formula(let e, _): return e.message
        default: return error.render().split(separator: "\n").first.map(String.init) ?? error.render()
        }
    }
}
