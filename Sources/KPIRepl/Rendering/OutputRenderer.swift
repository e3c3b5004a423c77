import KPICore
import KPIEngine
import KPIFormula

/// The one place where anything the shell prints becomes text: every ``Renderable`` in every
/// ``OutputFormat``, so `--format` and `.format` apply to every statement.
///
/// What each format promises, whatever the statement:
/// - `table`: box tables and plain text for a terminal; caveats as footnote lines.
/// - `markdown`: pipe tables, prose as paragraphs, plans as fenced blocks; caveats as a list
///   after the table.
/// - `json`: one document; caveats under `"notes"` (and `"period"`).
/// - `csv`: standard output holds only CSV. Whatever is not a table — caveats, messages such as
///   `defined NAME`, plans — comes back as ``Rendered/diagnostics`` for standard error.
/// - `html`: a fragment — the table with its footnotes as in an HTML report, messages as
///   paragraphs, plans preformatted.
public struct OutputRenderer: Sendable {
    /// Settings shared by every kind: number formatting, colour, width, small samples, row limit.
    public var results: ResultRenderer

    /// Creates a renderer with `results`' settings.
    public init(results: ResultRenderer) {
        self.results = results
    }

    /// `item` in `format`.
    public func render(_ item: Renderable, format: OutputFormat) -> Rendered {
        switch item {
        case .result(let result, let title): return results.rendered(result, format: format, title: title)
        case .comparison(let comparison): return comparisons.rendered(comparison, format: format)
        case .change(let explanation): return comparisons.rendered(explanation, format: format)
        case .goals(let report): return goals.rendered(report, format: format)
        case .goalChange(let change): return goals.rendered(change, format: format)
        case .defined(let name): return message("defined \(name)", json: ("defined", name), format: format)
        case .definedKPI(let id): return message("defined KPI \(id)", json: ("kpi", id), format: format)
        case .plan(let text): return preformatted(text, key: "plan", format: format)
        case .kpi(let facts): return render(facts, format: format)
        case .text(let text, let key): return preformatted(text, key: key, format: format)
        }
    }

    private var fitWidth: Int? { results.fitsWidth ? results.width : nil }
    private var comparisons: ComparisonRenderer {
        ComparisonRenderer(formatter: results.formatter, smallSampleThreshold: results.smallSampleThreshold, fitWidth: fitWidth)
    }
    private var goals: GoalRenderer { GoalRenderer(formatter: results.formatter, color: results.color, fitWidth: fitWidth) }

    /// A one-line message: text, or `{"key": "value"}` in JSON; not CSV, so standard error there.
    private func message(_ text: String, json: (String, String), format: OutputFormat) -> Rendered {
        switch format {
        case .json: return Rendered(JSON.object([(json.0, JSON.string(json.1))]))
        case .csv: return Rendered("", diagnostics: [text])
        case .table, .markdown: return Rendered(text)
        case .html: return Rendered(HTMLReportRenderer.paragraphs(text))
        }
    }

    /// Text laid out for a terminal (a plan, an inspection): as is, fenced in Markdown, one
    /// string in JSON, on standard error beside CSV.
    private func preformatted(_ text: String, key: String, format: OutputFormat) -> Rendered {
        switch format {
        case .table: return Rendered(text)
        case .markdown: return Rendered("```text\n" + text + "\n```")
        case .json: return Rendered(JSON.object([(key, JSON.string(text))]))
        case .csv: return Rendered("", diagnostics: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        case .html: return Rendered(HTMLReportRenderer.preformatted(text))
        }
    }

    private func render(_ kpi: KPIFacts, format: OutputFormat) -> Rendered {
        switch format {
        case .table:
            return Rendered(kpi.text)
        case .markdown:
            let rows = kpi.facts.map { [$0.label, $0.value] }
            return Rendered(
                "**\(kpi.title)** (`\(kpi.id)`)\n\n\(kpi.summary)\n\n"
                    + MarkdownText.table(head: ["fact", "value"], rows: rows, right: [false, false]))
        case .json:
            let fields = [("id", kpi.id), ("title", kpi.title), ("summary", kpi.summary)] + kpi.facts.map { ($0.key, $0.value) }
            return Rendered(JSON.document(fields.map { ($0.0, JSON.string($0.1)) }))
        case .csv:
            let rows = [["id", kpi.id], ["title", kpi.title], ["summary", kpi.summary]] + kpi.facts.map { [$0.key, $0.value] }
            return Rendered(CSVText.table(head: ["field", "value"], rows: rows))
        case .html:
            let columns = ["fact", "value"].map { ReportTable.Column(title: $0, part: .text) }
            let rows = kpi.facts.map { ReportTable.Row(cells: [$0.label, $0.value]) }
            let table = ReportTable(lead: "\(kpi.title) (\(kpi.id)): \(kpi.summary)", columns: columns, rows: rows, footnotes: [])
            return Rendered(HTMLReportRenderer.fragment(table))
        }
    }
}
