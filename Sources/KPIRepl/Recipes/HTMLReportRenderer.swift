import KPICore
import KPIEngine
import KPIFormula

/// A report as one self-contained HTML page: inline CSS, tables, and inline SVG charts — bars for
/// a breakdown, a line for a time series (with the goal as a dashed reference line when a
/// team goal exists for the KPI), a funnel for stages. No scripts and no network fetches; the
/// layout narrows to a phone's width.
struct HTMLReportRenderer {
    let formatter: ValueFormatter

    static let style = """
        body{font:15px/1.5 -apple-system,system-ui,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#fff;margin:0}
        main{max-width:880px;margin:0 auto;padding:16px}
        h1{font-size:1.6em;margin:.4em 0 .2em}h2{font-size:1.25em;margin:1.6em 0 .4em;border-bottom:1px solid #dfe3ea;padding-bottom:.2em}
        .meta{color:#5b6475;font-size:.9em}.params{border-collapse:collapse;margin:.5em 0}.params td{padding:2px 12px 2px 0}
        pre.statement{background:#f4f6f9;border-radius:6px;padding:6px 10px;font-size:.85em;white-space:pre-wrap;margin:1em 0 .4em}
        pre.plain{font-size:.8em;overflow-x:auto}
        .scroll{overflow-x:auto}table.data{border-collapse:collapse;font-size:.9em;margin:.3em 0 1em}
        table.data th,table.data td{border-bottom:1px solid #e6e9ef;padding:4px 10px;text-align:left;white-space:nowrap}
        table.data td.n,table.data th.n{text-align:right;font-variant-numeric:tabular-nums}
        svg.chart{width:100%;height:auto;max-width:720px;display:block;margin:.4em 0}
        .state-achieved,.state-on-track{color:#1a7f37}.state-at-risk{color:#9a6700}.state-behind{color:#cf222e}.state-too-few-data{color:#6e7781}
        @media (max-width:600px){body{font-size:14px}main{padding:10px}}
        """

    func render(_ report: Report) -> String {
        var body = ["<h1>\(Self.escape(report.title))</h1>"]
        if !report.description.isEmpty { body.append("<p>\(Self.escape(report.description))</p>") }
        if !report.parameters.isEmpty {
            body.append("<table class=\"params\">" + report.parameters.map { p in
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
        switch entry.outcome {
        case .result(let result, _):
            if let chart = ReportChart.svg(for: result, goal: entry.goalTarget, formatter: formatter) { out.append(chart) }
            out.append(table(result))
        case .comparison(let comparison):
            if let chart = ReportChart.svg(for: comparison, formatter: formatter) { out.append(chart) }
            out.append(table(comparison))
        case .change(let change):
            out.append(table(change))
        case .goals(let report):
            out.append(table(report))
        case .plan(let text), .definition(let text):
            out.append("<pre class=\"plain\">\(Self.escape(text))</pre>")
        }
        return out
    }

    // MARK: - Tables

    private func grid(_ head: [String], _ rows: [[String]], numeric: [Bool], classes: [[String]] = []) -> String {
        func cls(_ i: Int) -> String { i < numeric.count && numeric[i] ? " class=\"n\"" : "" }
        let th = head.enumerated().map { "<th\(cls($0.offset))>\(Self.escape($0.element))</th>" }.joined()
        let trs = rows.enumerated().map { r, row in
            "<tr>" + row.enumerated().map { i, cell in
                let extra = r < classes.count && i < classes[r].count && !classes[r][i].isEmpty ? " class=\"\(classes[r][i])\"" : cls(i)
                return "<td\(extra)>\(Self.escape(cell))</td>"
            }.joined() + "</tr>"
        }.joined(separator: "\n")
        return "<div class=\"scroll\"><table class=\"data\"><thead><tr>\(th)</tr></thead><tbody>\n\(trs)\n</tbody></table></div>"
    }

    private func table(_ result: QueryResult) -> String {
        // The headline's 95% interval, when it has one: a rate or an average is read with it.
        let hasInterval = result.rows.contains { $0.measure.confidenceInterval != nil }
        let head = result.keyNames + result.measureNames.enumerated().map { $0.offset == 0 && $0.element.isEmpty ? "value" : $0.element }
            + (hasInterval ? ["95% CI"] : [])
        let rows = result.rows.map { row in
            row.keys.map { formatter.cell($0) } + row.measures.enumerated().map { i, m in formatter.format(m.value, unit: result.units[i]) }
                + (hasInterval ? [row.measure.confidenceInterval.map {
                    formatter.format($0.lowerBound, unit: result.unit) + " – " + formatter.format($0.upperBound, unit: result.unit)
                } ?? "–"] : [])
        }
        return grid(head, rows, numeric: result.keyNames.map { _ in false } + result.measureNames.map { _ in true } + (hasInterval ? [true] : []))
    }

    private func signed(_ value: Double?, unit: KPICore.Unit) -> String {
        guard let value else { return "–" }
        let sign = value > 0 ? "+" : ""
        if unit == .ratio { return sign + formatter.grouped(value * 100, decimals: 1) + " pp" }
        return sign + formatter.format(value, unit: unit)
    }

    private func table(_ c: PeriodComparison) -> String {
        let head = c.keyNames + [c.currentLabel, c.baselineLabel, "change", "relative", "significant"]
        let rows = c.rows.map { row in
            row.keys.map { formatter.cell($0) } + [
                formatter.format(row.current.value, unit: c.unit), formatter.format(row.baseline.value, unit: c.unit),
                signed(row.change, unit: c.unit),
                row.relativeChange.map { ($0 > 0 ? "+" : "") + formatter.grouped($0 * 100, decimals: 1) + "%" } ?? "–",
                row.pValue.map { ($0 < 0.05 ? "yes" : "no") + " (p = " + formatter.grouped($0, decimals: 3) + ")" } ?? "–",
            ]
        }
        return grid(head, rows, numeric: c.keyNames.map { _ in false } + [true, true, true, true, false])
    }

    private func table(_ e: ChangeExplanation) -> String {
        let head = [e.segmentField, e.fromLabel, e.toLabel] + (e.isRate ? ["mix effect", "rate effect"] : []) + ["contribution"]
        let rows = e.segments.map { s in
            [formatter.cell(s.key), formatter.format(s.before.value, unit: e.unit), formatter.format(s.after.value, unit: e.unit)]
                + (e.isRate ? [signed(s.mixEffect, unit: e.unit), signed(s.rateEffect, unit: e.unit)] : []) + [signed(s.contribution, unit: e.unit)]
        }
        let total = ["total", formatter.format(e.totalBefore.value, unit: e.unit), formatter.format(e.totalAfter.value, unit: e.unit)]
            + (e.isRate ? ["", ""] : []) + [signed(e.totalChange, unit: e.unit)]
        return grid(head, rows + [total], numeric: [false] + Array(repeating: true, count: head.count - 1))
    }

    private func table(_ report: GoalReport) -> String {
        guard !report.statuses.isEmpty else { return "<p class=\"meta\">No goals are set.</p>" }
        let all = report.statuses + report.rollUps
        let rows = all.map { s in
            [s.goal.statement, formatter.format(s.current?.value, unit: s.unit), formatter.format(s.target, unit: s.unit),
             s.progress.map { formatter.grouped($0 * 100, decimals: 0) + "%" } ?? "–", s.state.rawValue]
        }
        let classes = all.map { s in ["", "", "", "", "state-" + s.state.rawValue.replacingOccurrences(of: " ", with: "-")] }
        return grid(["goal", "current", "target", "progress", "status"], rows, numeric: [false, true, true, true, false], classes: classes)
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
