import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// Renders goal changes and the `goals` report as tables, CSV, Markdown, JSON or HTML.
struct GoalRenderer {
    let formatter: ValueFormatter
    let color: Bool
    /// The width a table must fit, leaving out columns (nil: every column).
    var fitWidth: Int? = nil

    private func style(_ text: String, _ state: GoalState) -> String {
        let code: String
        switch state {
        case .achieved, .onTrack: code = "32"
        case .atRisk: code = "33"
        case .behind: code = "31"
        case .tooFewData: code = "2"
        }
        return ANSI.style(text, code, when: color)
    }

    // MARK: - Goal changes

    func rendered(_ change: GoalChange, format: OutputFormat) -> Rendered {
        switch format {
        case .table, .markdown: return Rendered(text(change))
        case .json: return Rendered(json(change))
        case .csv:
            let row = [change.action.rawValue, String(change.goal.number), change.goal.statement, change.savedTo?.path ?? ""]
            return Rendered(CSVText.table(head: ["action", "number", "goal", "saved_to"], rows: [row]), diagnostics: comments(change))
        case .html: return Rendered(HTMLReportRenderer.paragraphs(text(change)))
        }
    }

    /// The warnings and where the goal lives, a line each.
    private func comments(_ change: GoalChange) -> [String] {
        var lines = change.warnings.map { "warning: " + $0 }
        if change.savedTo == nil && change.action != .removed {
            lines.append("note: goals are kept for this session only; kpi keeps them in a goals file (see --goals)")
        } else if let url = change.savedTo {
            lines.append("saved to \(url.path)")
        }
        return lines
    }

    func text(_ change: GoalChange) -> String {
        (["\(change.action.rawValue) goal #\(change.goal.number): \(change.goal.statement)"] + comments(change)).joined(separator: "\n")
    }

    private func json(_ change: GoalChange) -> String {
        JSON.object([
            ("action", JSON.string(change.action.rawValue)), ("number", String(change.goal.number)), ("goal", JSON.string(change.goal.statement)),
            ("warnings", JSON.array(change.warnings.map(JSON.string))),
            ("saved_to", change.savedTo.map { JSON.string($0.path) } ?? "null"),
        ])
    }

    // MARK: - The goals report

    static let empty = "no goals yet: e.g. goal win_rate >= 30% by 2024-12-31 for rep = \"Ana\""

    func rendered(_ report: GoalReport, format: OutputFormat) -> Rendered {
        switch format {
        case .table: return Rendered(table(report))
        case .json: return Rendered(json(report))
        case .markdown:
            guard !isEmpty(report) else { return Rendered(([Self.empty] + whereKept(report)).joined(separator: "\n")) }
            let cells = cells(report)
            return Rendered(MarkdownText.withFootnotes(MarkdownText.table(head: cells.head, rows: cells.rows, right: cells.right), footnotes(report)))
        case .csv:
            return Rendered(
                csv(report), diagnostics: (isEmpty(report) ? [Self.empty] : report.problems.map { "skipped: \($0)" }) + whereKept(report))
        case .html: return Rendered(HTMLReportRenderer.fragment(ReportTable(report, formatter: formatter)))
        }
    }

    private func isEmpty(_ report: GoalReport) -> Bool { report.statuses.isEmpty && report.problems.isEmpty }

    /// Where the goals file is, as a line: by default it is in kpikit's data home, not beside
    /// the data, so the report says where to find (or back up) it.
    private func whereKept(_ report: GoalReport) -> [String] {
        report.file.map { ["goals kept in \($0.path)"] } ?? []
    }

    /// The goals table's columns, in the shell and in reports.
    static let head = ["#", "goal", "current", "target", "progress", "expected now", "projection", "status"]

    /// One goal's row: number, goal, current (with its interval), target, progress, expected
    /// now, projection and status.
    func cells(_ s: GoalStatus) -> [String] {
        let current =
            formatter.format(s.current?.value, unit: s.unit)
            + (s.currentInterval.map {
                " (" + formatter.format($0.lowerBound, unit: s.unit) + "–" + formatter.format($0.upperBound, unit: s.unit) + ")"
            } ?? "")
        let name = s.goal.kpi + (s.goal.scope.map { " for " + $0 } ?? "") + (s.goal.deadline.map { " by " + ISO8601.formatDate($0) } ?? "")
        return [
            s.goal.number > 0 ? String(s.goal.number) : "team", name, current,
            (s.goal.comparison == .atLeast ? "≥ " : "≤ ") + formatter.format(s.target, unit: s.unit),
            s.progress.map { formatter.grouped($0 * 100, decimals: 0) + "%" } ?? "–",
            formatter.format(s.expected, unit: s.unit), formatter.format(s.projection, unit: s.unit), s.state.rawValue,
        ]
    }

    private func cells(_ report: GoalReport) -> TableCells {
        let rows = (report.statuses + report.rollUps).map(cells)
        return TableCells(head: Self.head, rows: rows, right: [true, false, true, true, true, true, true, false])
    }

    /// Each status's rule (`goals why`), or how to see them; then the goals file's skipped lines.
    static func rules(_ report: GoalReport) -> [String] {
        let statuses = report.statuses + report.rollUps
        let lines =
            report.showsRules
            ? statuses.map { "\($0.goal.number > 0 ? "#\($0.goal.number)" : "team"): \($0.rule)" }
            : ["`goals why` shows the rule behind each status"]
        return lines + report.problems.map { "skipped: \($0)" }
    }

    /// The lines under the table: each status's rule (`goals why`) or how to see them, and
    /// the goals file's lines that were skipped.
    private func footnotes(_ report: GoalReport) -> [String] { Self.rules(report) + whereKept(report) }

    func table(_ report: GoalReport) -> String {
        guard !isEmpty(report) else { return ([Self.empty] + whereKept(report)).joined(separator: "\n") }
        let states = (report.statuses + report.rollUps).map(\.state)
        var cells = cells(report)
        var statusColumn: Int? = 7
        if let fitWidth {
            // The goal, its current value and status stay; the pace columns go first, then the target.
            let kept = cells.fit(width: fitWidth, dropOrder: [5, 6, 4, 3])
            statusColumn = kept.firstIndex(of: 7)
        }
        // The status is coloured after padding, so the escapes never count towards its width.
        let table = cells.draw(style: { row, column, text in column == statusColumn ? style(text, states[row]) : text })
        return ([table] + [cells.hiddenFooter].compactMap { $0 } + footnotes(report)).joined(separator: "\n")
    }

    private func csv(_ report: GoalReport) -> String {
        let head = [
            "number", "team", "goal", "kpi", "scope", "deadline", "current", "ci_low", "ci_high", "target", "progress", "expected", "projection",
            "status", "rule", "unit",
        ]
        func number(_ v: Double?) -> String { v.map(JSON.plain) ?? "" }
        let rows = (report.statuses + report.rollUps).map { s -> [String] in
            [
                s.goal.number > 0 ? String(s.goal.number) : "", s.goal.number > 0 ? "false" : "true", s.goal.statement, s.goal.kpi,
                s.goal.scope ?? "", s.goal.deadline.map(ISO8601.formatDate) ?? "", number(s.current?.value), number(s.currentInterval?.lowerBound),
                number(s.currentInterval?.upperBound), number(s.target), number(s.progress), number(s.expected), number(s.projection),
                s.state.rawValue, s.rule, s.unit.name,
            ]
        }
        return CSVText.table(head: head, rows: rows)
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
        // The file only when there is one, so reports of sessions without one read as before.
        let file = report.file.map { ",\n  \"file\": " + JSON.string($0.path) } ?? ""
        return "{\n  \"goals\": [" + goals.joined(separator: ",\n    ") + "],\n  \"team\": [" + teams.joined(separator: ",\n    ")
            + "],\n  \"problems\": [" + problems.joined(separator: ", ") + "]" + file + "\n}"
    }
}
