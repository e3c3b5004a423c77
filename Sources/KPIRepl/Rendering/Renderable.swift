import KPICore
import KPIEngine
import KPIFormula

/// Everything a statement can print, in the shell's terms: what ``OutputRenderer`` renders in
/// each ``OutputFormat``.
public enum Renderable: Sendable {
    /// A query's result, with the KPI's title for the table header.
    case result(QueryResult, title: String?)
    /// `compare … vs …`.
    case comparison(PeriodComparison)
    /// `explain change … by … from … to …`.
    case change(ChangeExplanation)
    /// `goals`, `goals why`.
    case goals(GoalReport)
    /// `goal …`, `goal edit N …`, `goal remove N`.
    case goalChange(GoalChange)
    /// `let NAME = …`.
    case defined(name: String)
    /// `kpi NAME = …`.
    case definedKPI(id: String)
    /// `explain …`: the plan as text.
    case plan(String)
    /// `? KPI`, `describe KPI`: a KPI's definition.
    case kpi(KPIFacts)
    /// Text with no table in it (`.inspect`, a function's help), under a JSON key such as `inspect`.
    case text(String, key: String)

    /// What a session statement produced; `title` names a result's value column in tables.
    public init(_ outcome: Session.Outcome, title: String? = nil) {
        switch outcome {
        case .result(let result, _): self = .result(result, title: title)
        case .defined(let name): self = .defined(name: name)
        case .definedKPI(let id): self = .definedKPI(id: id)
        case .explained(_, let text): self = .plan(text)
        case .compared(let comparison): self = .comparison(comparison)
        case .changeExplained(let explanation): self = .change(explanation)
        case .goalChanged(let change): self = .goalChange(change)
        case .goalReport(let report): self = .goals(report)
        }
    }
}

/// Rendered output: the text for standard output, and lines for standard error that are not
/// errors — a CSV result's notes, say, which would spoil the CSV if they were in it.
public struct Rendered: Sendable, Equatable {
    /// For standard output, without a final newline (may be empty).
    public var text: String
    /// For standard error, one line each.
    public var diagnostics: [String]

    /// Creates rendered output.
    public init(_ text: String, diagnostics: [String] = []) {
        self.text = text
        self.diagnostics = diagnostics
    }
}
