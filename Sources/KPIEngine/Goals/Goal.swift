import Foundation
import KPICore
import KPIFormula

/// A target for a KPI: `goal win_rate >= 30% by 2024-12-31 for rep = "Ana Ruiz" from 2024-07-01 "stretch"`.
///
/// A goal is plain data; ``GoalTracker`` measures it against a session and ``GoalFile`` keeps a
/// project's goals on disk. Its text form (``statement``) is the line the REPL accepts and the
/// goals file stores, so a goal read back from either is the same value.
public struct Goal: Sendable, Hashable {
    /// Which side of the target is good.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        /// `>=`: the goal is to reach at least the target.
        case atLeast = ">="
        /// `<=`: the goal is to stay at or below the target.
        case atMost = "<="

        /// Whether `value` satisfies the comparison with `target`.
        public func isMet(_ value: Double, target: Double) -> Bool {
            self == .atLeast ? value >= target : value <= target
        }
    }

    /// The goal's id in its file, shown as `#3` and used by `goal remove 3`: it stays the goal's
    /// while other goals are added and removed, by this session or another one (0 for a goal not
    /// in a file yet, or not from one, such as a team roll-up).
    public var number: Int
    /// The KPI id or formula, as written (`win_rate`, `count(leads where source = "Web")`).
    public var kpi: String
    /// `>=` or `<=`.
    public var comparison: Comparison
    /// The target, in the KPI's unit (a rate of 30% is 0.3).
    public var target: Double
    /// Whether the target was written as a percentage, so it is written back as one.
    public var targetIsPercent: Bool
    /// The last day of the goal, included; `nil` when the goal has none (a SMART warning).
    public var deadline: CivilDate?
    /// The first day measured, when given; see ``effectiveStart``.
    public var start: CivilDate?
    /// A condition restricting the rows measured (`rep = "Ana Ruiz"`), as written.
    public var scope: String?
    /// The owner's note.
    public var note: String?
    /// The 1-based line of the goal in its file, when it came from one.
    public var line: Int?
    /// A remark after `--` on the goal's line (after its id), kept when the file is rewritten;
    /// not part of ``statement``.
    public var comment: String?

    /// Creates a goal.
    public init(
        number: Int = 0, kpi: String, comparison: Comparison, target: Double, targetIsPercent: Bool = false,
        deadline: CivilDate?, start: CivilDate? = nil, scope: String? = nil, note: String? = nil, line: Int? = nil,
        comment: String? = nil
    ) {
        self.number = number
        self.kpi = kpi
        self.comparison = comparison
        self.target = target
        self.targetIsPercent = targetIsPercent
        self.deadline = deadline
        self.start = start
        self.scope = scope
        self.note = note
        self.line = line
        self.comment = comment
    }

    /// The first day measured: the given start, or else January 1 of the deadline's year (of the
    /// as-of year when there is no deadline). A goal "by 2024-12-31" is thus a 2024 goal, and one
    /// "by 2024-03-31" a year-to-date goal for the first quarter.
    public func effectiveStart(asOf: CivilDate) -> CivilDate {
        if let start { return start }
        return CivilDate(year: (deadline ?? asOf).year, month: 1, day: 1)
    }

    /// The target as written: `30%`, `120`, `-5`.
    public var targetText: String {
        targetIsPercent ? GoalText.number(target * 100) + "%" : GoalText.number(target)
    }

    /// The goal as a `goal …` statement, the form the REPL accepts and the goals file stores.
    public var statement: String { written.text }

    /// ``statement``, with where the KPI and the scope are in it (UTF-8 byte offsets): the
    /// queries measuring a goal are built from these parts, and their errors point into the goal.
    public var written: (text: String, kpi: Range<Int>, scope: Range<Int>?) {
        var out = "goal "
        let kpiRange = out.utf8.count..<(out.utf8.count + kpi.utf8.count)
        out += "\(kpi) \(comparison.rawValue) \(targetText)"
        if let deadline { out += " by \(ISO8601.formatDate(deadline))" }
        var scopeRange: Range<Int>?
        if let scope {
            out += " for "
            scopeRange = out.utf8.count..<(out.utf8.count + scope.utf8.count)
            out += scope
        }
        if let start { out += " from \(ISO8601.formatDate(start))" }
        if let note { out += " " + SourceText.quoted(note) }
        return (out, kpiRange, scopeRange)
    }
}

/// Text helpers shared by the goal statement, its parser and the status descriptions.
enum GoalText {
    /// A number in its shortest faithful form: `120`, `0.35`, `30` (not `30.000000000000004`).
    static func number(_ value: Double) -> String {
        let text = String(format: "%.12g", value)
        return text == "-0" ? "0" : text
    }

    /// A value for people, following the unit: `31.4%`, `$12,480`, `42`, `3.2 days`.
    static func value(_ value: Double?, unit: KPICore.Unit) -> String {
        guard let value else { return "–" }
        switch unit {
        case .ratio: return String(format: "%.1f%%", value * 100)
        case .money: return "$" + grouped(value)
        case .count: return value == value.rounded() ? grouped(value) : String(format: "%.1f", value)
        case .duration(let scale): return String(format: "%.1f", value) + " \(scale.word)s"
        default: return String(format: "%.4g", value)
        }
    }

    /// An interval for people: `24.0% … 38.1%`.
    static func interval(_ range: ClosedRange<Double>?, unit: KPICore.Unit) -> String? {
        range.map { "\(value($0.lowerBound, unit: unit)) … \(value($0.upperBound, unit: unit))" }
    }

    /// Whole units with thousands separators; cents only below 100.
    private static func grouped(_ value: Double) -> String {
        if abs(value) < 100 && value != value.rounded() { return String(format: "%.2f", value) }
        let digits = String(Int64(abs(value).rounded()))
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
