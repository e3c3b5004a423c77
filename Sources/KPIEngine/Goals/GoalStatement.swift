import Foundation
import KPICore
import KPIFormula

/// Reads a `goal …` line, as typed at the prompt or stored in a goals file: the parser reads
/// its grammar (``Parser/parseGoal(_:)``); this keeps the KPI and condition as written, checks
/// the target against the KPI's unit, and places errors at `file:line:column`.
public enum GoalStatement {
    /// Parses one goal statement.
    ///
    /// - Parameters:
    ///   - text: the line, starting with `goal`.
    ///   - file: the file (or label, `goal` at the prompt) for error locations.
    ///   - line: the line in `file`.
    /// - Throws: a `DataError` (`goals.syntax`, `goals.formula`) at `file:line:column`.
    public static func parse(_ text: String, file: String = "goal", line: Int = 1) throws(DataError) -> Goal {
        try goal(from: syntax(text, file: file, line: line), source: text, file: file, line: line)
    }

    /// Parses one goal statement and checks its target against the KPI's unit.
    ///
    /// A rate's target is a fraction, so a bare number above 1 for a ratio KPI
    /// (`goal win_rate >= 30 by …`) would ask for 3000%: that is an error at the target,
    /// suggesting `30%`. Write the percentage, or the fraction (`0.3`).
    ///
    /// - Parameter unitOf: the unit of a KPI or formula as written in the goal; `nil` when
    ///   unknown (the target is then taken as written).
    /// - Throws: a `DataError`: those of ``parse(_:file:line:)``, and `goals.percent-target`.
    public static func parse(
        _ text: String, file: String = "goal", line: Int = 1, unitOf: (String) -> KPICore.Unit?
    ) throws(DataError) -> Goal {
        try goal(from: syntax(text, file: file, line: line), source: text, file: file, line: line, unitOf: unitOf)
    }

    private static func syntax(_ text: String, file: String, line: Int) throws(DataError) -> GoalSyntax {
        do {
            return try Parser.parseGoal(text)
        } catch {
            throw dataError(error, in: text, file: file, line: line)
        }
    }

    /// The goal a parsed goal statement describes, its KPI and condition as written in `source`;
    /// a rate's target is checked against `unitOf` (see ``parse(_:file:line:unitOf:)``).
    public static func goal(
        from syntax: GoalSyntax, source: String, file: String = "goal", line: Int = 1, unitOf: (String) -> KPICore.Unit? = { _ in nil }
    ) throws(DataError) -> Goal {
        let goal = Goal(
            kpi: syntax.kpiRange.text(in: source), comparison: syntax.atLeast ? .atLeast : .atMost, target: syntax.target,
            targetIsPercent: syntax.targetIsPercent, deadline: syntax.deadline, start: syntax.start,
            scope: syntax.scopeRange.map { $0.text(in: source) }, note: syntax.note, line: line)
        if !goal.targetIsPercent, Swift.abs(goal.target) > 1, unitOf(goal.kpi) == .ratio {
            let written = GoalText.number(goal.target)
            throw dataError(
                FormulaError(
                    id: .goalsPercentTarget,
                    message:
                        "\(goal.kpi) is a rate, so a target of \(written) would mean \(GoalText.number(goal.target * 100))%: write \(written)% (or \(GoalText.number(goal.target / 100)))",
                    range: syntax.targetRange),
                in: source, file: file, line: line)
        }
        return goal
    }

    /// A goal statement's parse error as a `DataError` at `file:line:column` (the column counts
    /// characters of `text` before the error).
    public static func dataError(_ error: FormulaError, in text: String, file: String, line: Int) -> DataError {
        let bytes = Array(text.utf8)
        let prefix = bytes[0..<min(max(error.range.start, 0), bytes.count)]
        let column = String(decoding: prefix, as: UTF8.self).count + 1
        return DataError(id: error.id, message: error.message, file: file, line: line, column: column)
    }
}
