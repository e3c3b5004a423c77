import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// Renders a ``Report`` as text, Markdown, JSON or HTML. Output depends only on the report, so
/// reports of the same run are byte-identical.
public struct ReportRenderer: Sendable {
    /// Formats values and draws the shell's tables.
    public var results: ResultRenderer

    /// Creates a renderer (no colour, 100 columns, every row).
    public init(results: ResultRenderer = ResultRenderer(color: false, width: 100)) {
        self.results = results
    }

    /// The report in `format`, ending with a newline. CSV has no report form of its own: a
    /// report asked for in CSV (`run` at a prompt in CSV mode) is the text report.
    public func render(_ report: Report, format: OutputFormat) -> String {
        switch format {
        case .table, .csv: return text(report)
        case .markdown: return markdown(report)
        case .json: return json(report)
        case .html: return HTMLReportRenderer(formatter: results.formatter, smallSampleThreshold: results.smallSampleThreshold).render(report)
        }
    }

    private var comparisons: ComparisonRenderer { ComparisonRenderer(formatter: results.formatter) }
    private var goals: GoalRenderer { GoalRenderer(formatter: results.formatter, color: false) }

    /// `name = value` for each parameter, marking defaults.
    static func parameterLine(_ parameters: [BoundParameter]) -> String {
        parameters.map { "\($0.parameter.name) = \($0.value)" + ($0.isDefault ? " (default)" : "") }.joined(separator: ", ")
    }

    // MARK: - Text

    /// The shell's tables under section headings: each result as the shell prints it, with its
    /// period, notes and ◔ / * marks.
    public func text(_ report: Report) -> String {
        var out = [report.title, String(repeating: "=", count: report.title.count)]
        if !report.description.isEmpty { out.append(report.description) }
        out.append("")
        if !report.parameters.isEmpty { out.append("parameters: " + Self.parameterLine(report.parameters)) }
        out.append("as of \(report.asOfText) · data: \(report.sources.joined(separator: ", "))")
        for section in report.sections {
            if let title = section.title {
                out += ["", title, String(repeating: "-", count: title.count)]
            }
            for item in section.items {
                out.append("")
                switch item {
                case .note(let note): out.append(note)
                case .statement(let entry): out += ["kpi> " + entry.source.replacingOccurrences(of: "\n", with: "\n ..> "), plain(entry.outcome)]
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func plain(_ outcome: Report.Outcome) -> String {
        switch outcome {
        case .result(let result, let title):
            return results.render(result, format: .table, title: title)
        case .comparison(let comparison): return comparisons.table(comparison)
        case .change(let change): return comparisons.table(change)
        case .goals(let report): return goals.table(report)
        case .plan(let text), .definition(let text): return text
        }
    }

    // MARK: - Markdown

    /// Headings, paragraphs and Markdown tables with their footnotes (``ReportTable``: the period,
    /// the result's notes, what `*` and `(partial)` mean); comparisons and goals as fenced text
    /// tables.
    public func markdown(_ report: Report) -> String {
        var out = ["# " + report.title, ""]
        if !report.description.isEmpty { out += [report.description, ""] }
        if !report.parameters.isEmpty {
            out += ["| parameter | type | value |", "|---|---|---|"]
            for p in report.parameters {
                let value = Self.escapeCell(p.value) + (p.isDefault ? " (default)" : "")
                out.append("| \(p.parameter.name) | \(p.parameter.type.rawValue) | \(value) |")
            }
            out.append("")
        }
        out += ["As of **\(report.asOfText)** · data: \(report.sources.joined(separator: ", "))"]
        for section in report.sections {
            if let title = section.title { out += ["", "## " + title] }
            for item in section.items {
                out.append("")
                switch item {
                case .note(let note):
                    out.append(note)
                case .statement(let entry):
                    out += ["```kpi", entry.source, "```", ""]
                    switch entry.outcome {
                    case .result(let result, _): out.append(markdown(reportTable(result)))
                    case .definition(let text): out.append("_\(text)_")
                    default: out += ["```text", plain(entry.outcome), "```"]
                    }
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    private func reportTable(_ result: QueryResult) -> ReportTable {
        ReportTable(result, formatter: results.formatter, smallSampleThreshold: results.smallSampleThreshold)
    }

    /// A Markdown table, then its footnotes as a list.
    func markdown(_ table: ReportTable) -> String {
        var lines: [String] = []
        if let lead = table.lead { lines += [lead, ""] }
        if !table.columns.isEmpty {
            lines.append("| " + table.columns.map { Self.escapeCell($0.title) }.joined(separator: " | ") + " |")
            lines.append("|" + table.columns.map { $0.isNumeric ? " ---: |" : " --- |" }.joined())
            lines += table.rows.map { "| " + $0.cells.map(Self.escapeCell).joined(separator: " | ") + " |" }
        }
        if !table.footnotes.isEmpty {
            if !lines.isEmpty { lines.append("") }
            // A leading `*` would start a list item or emphasis.
            lines += table.footnotes.map { "- " + ($0.text.hasPrefix("*") ? "\\" + $0.text : $0.text) }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - JSON

    /// One document: header, parameters, as-of, and each section's items with typed results.
    public func json(_ report: Report) -> String {
        let parameters = report.parameters.map { p in
            JSON.object([
                ("name", JSON.string(p.parameter.name)), ("type", JSON.string(p.parameter.type.rawValue)),
                ("value", JSON.string(p.value)), ("default", p.isDefault ? "true" : "false"),
            ])
        }
        let sections = report.sections.map { section in
            let items = section.items.map { item -> String in
                switch item {
                case .note(let note):
                    return JSON.object([("note", JSON.string(note))])
                case .statement(let entry):
                    let (kind, body) = jsonBody(entry.outcome)
                    var fields = [
                        ("statement", JSON.string(entry.source)), ("line", String(entry.line)), ("kind", JSON.string(kind)),
                        ("goal_target", JSON.number(entry.goalTarget)),
                    ]
                    return JSON.object(fields + [("output", body)])
                }
            }
            return "{\"title\": \(section.title.map(JSON.string) ?? "null"), \"items\": [\n" + items.joined(separator: ",\n") + "\n]}"
        }
        let head = [
            ("title", JSON.string(report.title)), ("description", JSON.string(report.description)), ("recipe", JSON.string(report.recipe)),
            ("as_of", JSON.string(report.asOfText)), ("data", JSON.array(report.sources.map(JSON.string))),
        ].map { "  \(JSON.string($0.0)): \($0.1)" }
        return "{\n" + head.joined(separator: ",\n") + ",\n  \"parameters\": [" + parameters.joined(separator: ", ") + "],\n"
            + "  \"sections\": [\n" + sections.joined(separator: ",\n") + "\n]\n}\n"
    }

    private func jsonBody(_ outcome: Report.Outcome) -> (String, String) {
        switch outcome {
        case .result(let result, _):
            // The result's own JSON, as `kpi eval --format json` prints it: period, notes, and the
            // rows' partial and small_sample flags included.
            return ("result", results.json(result))
        case .comparison(let comparison): return ("comparison", comparisons.json(comparison))
        case .change(let change): return ("change", comparisons.json(change))
        case .goals(let report): return ("goals", goals.json(report))
        case .plan(let text): return ("plan", JSON.string(text))
        case .definition(let text): return ("definition", JSON.string(text))
        }
    }
}
