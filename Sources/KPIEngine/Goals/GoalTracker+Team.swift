import KPICore
import KPIFormula

extension GoalTracker {
    /// The team goal of several goals on the same KPI, comparison, start and deadline (typically
    /// one per rep), with each member's status in ``GoalStatus/members``; `nil` for no goals.
    ///
    /// The team value is the KPI over all the members' rows (their scopes joined with `or`; no
    /// scope if any member has none). The team target is the sum of the targets for cumulative
    /// KPIs; for rates it is weighted by each member's denominator so far, for other levels the
    /// plain mean of the targets (averages carry no weight to use).
    /// - Throws: `engine.execution` when the goals differ in KPI, comparison, start or deadline,
    ///   or the session's error when a KPI does not evaluate.
    public static func rollUp(_ goals: [Goal], in session: Session) throws(SessionError) -> GoalStatus? {
        guard let first = goals.first else { return nil }
        let asOf = CivilDate(milliseconds: session.asOf)
        for goal in goals.dropFirst()
        where goal.kpi != first.kpi || goal.comparison != first.comparison || goal.deadline != first.deadline
            || goal.effectiveStart(asOf: asOf) != first.effectiveStart(asOf: asOf)
        {
            throw SessionError(
                .statement(
                    .goalsTeamMismatch,
                    "goals \(first.number) and \(goal.number) cannot roll up: a team goal needs the same KPI, comparison, start and deadline"))
        }
        var members: [GoalStatus] = []
        for goal in goals { members.append(try status(of: goal, in: session)) }

        var team = first
        team.number = 0
        team.line = nil
        team.start = first.effectiveStart(asOf: asOf)
        team.note = "team of goals " + goals.map { String($0.number) }.joined(separator: ", ")
        let scopes = goals.compactMap(\.scope)
        team.scope = scopes.count == goals.count ? scopes.map { "(\($0))" }.joined(separator: " or ") : nil

        let (target, how) = teamTarget(goals, members: members)
        team.target = target
        var result = try status(of: team, in: session)
        result.members = members
        result.rule += "; team target = \(how)"
        return result
    }

    /// The team target and how it was formed, for the rule.
    private static func teamTarget(_ goals: [Goal], members: [GoalStatus]) -> (Double, String) {
        let targets = goals.map(\.target)
        if members.first?.pacing == .cumulative {
            return (targets.reduce(0, +), "sum of the members' targets")
        }
        let weights = members.map { $0.current?.isRate == true ? $0.current?.denominator : nil }
        let total = weights.reduce(0) { $0 + ($1 ?? 0) }
        if weights.allSatisfy({ $0 != nil }), total > 0 {
            let weighted = zip(targets, weights).reduce(0) { $0 + $1.0 * ($1.1 ?? 0) } / total
            return (weighted, "members' targets weighted by their denominators")
        }
        return (targets.reduce(0, +) / Double(targets.count), "mean of the members' targets")
    }
}
