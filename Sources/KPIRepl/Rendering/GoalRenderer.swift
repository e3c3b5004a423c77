import Foundation
import KPICore
import KPIEngine

/// Renders goal changes and the `goals` report as tables or JSON.
struct GoalRenderer {
    let formatter: ValueFormatter
    let color: Bool

    private func style(_ text: String, _ state: GoalState) -> String {
        guard color else { return text }
        let code: String
        switch state {
        case .achieved, .onTrack: code = "32"
        case .atRisk: code = "33"
        case .behind: code = "31"
        case .tooFewData: code = "2"
        }
        return "\u{1b}[\(code)m\(text)\u{1b}[0m"
    }

    func text(_ change: GoalChange) -> String {
        var lines = ["\(change.action.rawValue) goal #\(change.goal.number): \(change.goal.statement)"]
        lines += change.warnings.map { "warning: " + $0 }
        if change.savedTo == nil && change.action != .removed {
            lines.append("note: goals are kept for this session only; start kpi with --goals FILE (or --data, to use goals.kpi beside it) to keep them")
        } else if let url = change.savedTo {
            lines.append("saved to \(url.path)")
        }
        return lines.joined(separator: "\n")
    }

    func table(_ report: GoalReport) -> String {
        guard !report.statuses.isEmpty || !report.problems.isEmpty else {
            return "no goals yet: e.g. goal win_rate >= 30% by 2024-12-31 for rep = \"Ana\""
        }
        let statuses = report.statuses + report.rollUps
        let head = ["#", "goal", "current", "target", "progress", "expected now", "projection", "status"]
        let rows = statuses.map { s -> [String] in
            let current = formatter.format(s.current?.value, unit: s.unit)
                + (s.currentInterval.map { " (" + formatter.format($0.lowerBound, unit: s.unit) + "–" + formatter.format($0.upperBound, unit: s.unit) + ")" } ?? "")
            let name = s.goal.kpi + (s.goal.scope.map { " for " + $0 } ?? "") + (s.goal.deadline.map { " by " + ISO8601.formatDate($0) } ?? "")
            return [
                s.goal.number > 0 ? String(s.goal.number) : "team", name, current,
                (s.goal.comparison == .atLeast ? "≥ " : "≤ ") + formatter.format(s.target, unit: s.unit),
                s.progress.map { formatter.grouped($0 * 100, decimals: 0) + "%" } ?? "–",
                formatter.format(s.expected, unit: s.unit), formatter.format(s.projection, unit: s.unit), style(s.state.rawValue, s.state),
            ]
        }
        var out = BoxTable.draw(head: head, rows: rows, rightAligned: [true, false, true, true, true, true, true, false])
        if report.showsRules {
            out += "\n" + statuses.map { "\($0.goal.number > 0 ? "#\($0.goal.number)" : "team"): \($0.rule)" }.joined(separator: "\n")
        } else {
            out += "\n`goals why` shows the rule behind each status"
        }
        if !report.problems.isEmpty { out += "\n" + report.problems.map { "skipped: \($0)" }.joined(separator: "\n") }
        return out
    }

    func json(_ report: GoalReport) -> String {
        func status(_ s: GoalStatus) -> String {
            JSON.object([
                ("number", s.goal.number > 0 ? String(s.goal.number) : "null"), ("goal", JSON.string(s.goal.statement)),
                ("kpi", JSON.string(s.goal.kpi)), ("scope", s.goal.scope.map(JSON.string) ?? "null"),
                ("current", JSON.number(s.current?.value)), ("ci_low", JSON.number(s.currentInterval?.lowerBound)),
                ("ci_high", JSON.number(s.currentInterval?.upperBound)), ("target", JSON.number(s.target)),
                ("progress", JSON.number(s.progress)), ("expected", JSON.number(s.expected)), ("projection", JSON.number(s.projection)),
                ("status", JSON.string(s.state.rawValue)), ("rule", JSON.string(s.rule)), ("unit", JSON.string(s.unit.name)),
            ])
        }
        let goals = report.statuses.map(status), teams = report.rollUps.map(status)
        let problems = report.problems.map { JSON.string($0.description) }
        return "{\n  \"goals\": [" + goals.joined(separator: ",\n    ") + "],\n  \"team\": [" + teams.joined(separator: ",\n    ")
            + "],\n  \"problems\": [" + problems.joined(separator: ", ") + "]\n}"
    }
}
