import KPICore
import KPIEngine
import KPIFormula

/// A report as one self-contained HTML page: inline CSS, tables, and inline SVG charts — bars for
/// a breakdown, a line for a time series (with the goal as a dashed reference line when a
/// team goal exists for the KPI), a funnel for stages. No scripts and no network fetches; the
/// layout narrows to a phone's width.
///
/// Every table has the columns, markers and footnotes of the Markdown report (``ReportTable``):
/// `n`, `of` and each measure's interval beside it, `*` on small samples, `(partial)` on partly
/// covered periods, the resolved period and the result's notes under it. Wide tables scroll
/// sideways, with a shadow at the edge that has more.
struct HTMLReportRenderer {
    let formatter: ValueFormatter
    /// Rates and averages resting on fewer values than this are marked `*`.
    var smallSampleThreshold: Double = 30

    /// The phone layout's side padding, in CSS px (`main` under 600 px); chart text is sized for
    /// a 412 px screen less twice this.
    static let phonePadding = 10

    static let style = """
        body{font:15px/1.5 -apple-system,system-ui,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#fff;margin:0}
        main{max-width:880px;margin:0 auto;padding:16px}
        h1{font-size:1.6em;margin:.4em 0 .2em}h2{font-size:1.25em;margin:1.6em 0 .4em;border-bottom:1px solid #dfe3ea;padding-bottom:.2em}
        .meta{color:#5b6475;font-size:.9em}.params{border-collapse:collapse;margin:.5em 0}.params td{padding:2px 12px 2px 0}
        pre.statement{background:#f4f6f9;border-radius:6px;padding:6px 10px;font-size:.85em;white-space:pre-wrap;margin:1em 0 .4em}
        pre.plain{font-size:.8em;overflow-x:auto}p.lead{margin:.3em 0;font-size:.95em}
        .scroll{overflow-x:auto;max-width:100%;background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)) left/40px 100% no-repeat local,linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) right/40px 100% no-repeat local,radial-gradient(farthest-side at 0 50%,rgba(29,35,48,.3),rgba(29,35,48,0)) left/16px 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,rgba(29,35,48,.3),rgba(29,35,48,0)) right/16px 100% no-repeat scroll}
        table.data{border-collapse:collapse;font-size:.9em;margin:.3em 0 .3em}
        table.data th,table.data td{border-bottom:1px solid #e6e9ef;padding:4px 10px;text-align:left;white-space:nowrap}
        table.data td.n,table.data th.n{text-align:right;font-variant-numeric:tabular-nums}
        table.data td.small{color:#9a6700}table.data tr.partial td{font-style:italic;color:#5b6475}
        ul.foot{margin:.2em 0 1em;padding-left:1.2em;font-size:.85em;color:#5b6475}ul.foot li{margin:.1em 0}
        svg.chart{width:100%;height:auto;max-width:\(ReportChart.maxDisplayWidth)px;display:block;margin:.4em 0}
        .state-achieved,.state-on-track{color:#1a7f37}.state-at-risk{color:#9a6700}.state-behind{color:#cf222e}.state-too-few-data{color:#6e7781}
        @media (max-width:600px){body{font-size:14px}main{padding:\(phonePadding)px}}
        """

    func render(_ report: Report) -> String {
        var body = ["<h1>\(Self.escape(report.title))</h1>"]
        if !report.description.isEmpty { body.append("<p>\(Self.escape(report.description))</p>") }
        if !report.parameters.isEmpty {
            body.append(
                "<table class=\"params\">"
                    + report.parameters.map { p in
                        "<tr><td>\(Self.escape(p.parameter.name))</td><td><b>\(Self.escape(p.value))</b>\(p.isDefault ? " <span class=\"meta\">(default)</span>" : "")</td></tr>"
                    }.joined() + "</table>")
        }
        body.append("<p class=\"meta\">As of \(Self.escape(report.asOfText)) · data: \(Self.escape(report.sources.joined(separator: ", ")))</p>")
        for section in report.sections {
            body.append("<section>")
            if let title = section.title { body.append("<h2>\(Self.escape(title))</h2>") }
            for item in section.items {
                switch item {
                case .note(let note): body.append("<p>\(Self.escape(note))</p>")
                case .statement(let entry): body += self.entry(entry)
                }
            }
            body.append("</section>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(report.title))</title>
            <style>\(Self.style)</style></head>
            <body><main>
            \(body.joined(separator: "\n"))
            </main></body></html>

            """
    }

    private func entry(_ entry: Report.Entry) -> [String] {
        var out = ["<pre class=\"statement\">\(Self.escape(entry.source))</pre>"]
        let threshold = smallSampleThreshold
        switch entry.outcome {
        case .result(let result, _):
            if let chart = ReportChart.svg(for: result, goal: entry.goalTarget, formatter: formatter, smallSampleThreshold: threshold) {
                out.append(chart)
            }
            out += Self.table(ReportTable(result, formatter: formatter, smallSampleThreshold: threshold))
        case .comparison(let comparison):
            if let chart = ReportChart.svg(for: comparison, formatter: formatter, smallSampleThreshold: threshold) { out.append(chart) }
            out += Self.table(ReportTable(comparison, formatter: formatter, smallSampleThreshold: threshold))
        case .change(let change):
            out += Self.table(ReportTable(change, formatter: formatter))
        case .goals(let report):
            out += Self.table(ReportTable(report, formatter: formatter))
        case .plan(let text), .definition(let text):
            out.append(Self.preformatted(text))
        }
        return out
    }

    // MARK: - Tables

    /// A statement's output as an HTML fragment (`.format html`): the table as in a report,
    /// without the page around it.
    static func fragment(_ table: ReportTable) -> String { self.table(table).joined(separator: "\n") }

    /// Text laid out for a terminal (a plan, an inspection), as it is.
    static func preformatted(_ text: String) -> String { "<pre class=\"plain\">\(escape(text))</pre>" }

    /// A paragraph a line (a message such as `defined NAME`).
    static func paragraphs(_ text: String) -> String {
        text.split(separator: "\n").map { "<p>\(escape(String($0)))</p>" }.joined(separator: "\n")
    }

    /// The lead sentence, the table in a sideways-scrolling box, and the footnotes.
    static func table(_ table: ReportTable) -> [String] {
        var out: [String] = []
        if let lead = table.lead { out.append("<p class=\"lead\">\(Self.escape(lead))</p>") }
        if !table.columns.isEmpty {
            func numeric(_ i: Int) -> Bool { i < table.columns.count && table.columns[i].isNumeric }
            let th = table.columns.enumerated().map { i, column in
                "<th\(numeric(i) ? " class=\"n\"" : "")>\(Self.escape(column.title))</th>"
            }.joined()
            let trs = table.rows.map { row in
                "<tr\(row.isPartial ? " class=\"partial\"" : "")>"
                    + row.cells.enumerated().map { i, cell in
                        var classes = numeric(i) ? ["n"] : []
                        if row.smallSample.contains(i) { classes.append("small") }
                        if let status = row.statusClass[i] { classes = [status] }
                        return "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(Self.escape(cell))</td>"
                    }.joined() + "</tr>"
            }.joined(separator: "\n")
            out.append("<div class=\"scroll\"><table class=\"data\"><thead><tr>\(th)</tr></thead><tbody>\n\(trs)\n</tbody></table></div>")
        }
        if !table.footnotes.isEmpty {
            out.append(
                "<ul class=\"foot\">" + table.footnotes.map { "<li class=\"foot-\($0.kind)\">\(Self.escape($0.text))</li>" }.joined() + "</ul>")
        }
        return out
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
