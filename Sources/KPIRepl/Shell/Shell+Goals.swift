import KPICore
import KPIEngine
import KPIFormula

extension Shell {
    /// Refuses `goal win_rate >= 30` (a rate's target written as a bare number above 1, which
    /// would mean 3000%) before the goal is kept, suggesting `30%`; see
    /// ``GoalStatement/parse(_:file:line:unitOf:)``.
    ///
    /// The session reads the goal itself; this only needs the KPI's unit, which the goal
    /// parser cannot know.
    func checkGoalTarget(_ statement: String) throws(SessionError) {
        let words = statement.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
        guard words.first?.lowercased() == "goal", words.count > 1 else { return }
        let text: String
        switch words[1].lowercased() {
        case "remove": return
        case "edit" where words.count == 4 && Int(words[2]) != nil: text = "goal " + words[3]
        default: text = statement
        }
        do {
            _ = try GoalStatement.parse(text, file: "goal", unitOf: unit(of:))
        } catch {
            // Other errors are the session's to report, as it reports them.
            if error.id == "goals.percent-target" { throw SessionError(.data(error)) }
        }
    }

    /// The unit of a KPI id or a formula, from its plan (nothing is evaluated).
    private func unit(of formula: String) -> KPICore.Unit? {
        if let kpi = session.registry.kpi(formula) { return kpi.unit }
        guard case .explained(let plan, _)? = try? session.run("explain " + formula) else { return nil }
        return plan.unit
    }
}
