import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// Renders `compare` and `explain change` results as tables, CSV, Markdown, JSON or HTML.
struct ComparisonRenderer {
    let formatter: ValueFormatter
    /// Rates resting on fewer cases than this are marked `*` in HTML.
    var smallSampleThreshold: Double = 30
    /// The width a table must fit, leaving out columns (nil: every column).
    var fitWidth: Int? = nil

    /// A change in the value's unit: percentage points for ratios (`+3.1 pp`).
    private func change(_ value: Double?, unit: KPICore.Unit) -> String {
        guard let value else { return "–" }
        let sign = value > 0 ? "+" : ""
        if unit == .ratio { return sign + formatter.grouped(value * 100, decimals: 1) + " pp" }
        return sign + formatter.format(value, unit: unit)
    }

    private func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return (value > 0 ? "+" : "") + formatter.grouped(value * 100, decimals: 1) + "%"
    }

    // MARK: - Comparisons

    func rendered(_ result: PeriodComparison, format: OutputFormat) -> Rendered {
        switch format {
        case .table: return Rendered(table(result))
        case .json: return Rendered(json(result))
        case .markdown:
            let cells = cells(result)
            return Rendered(MarkdownText.withFootnotes(MarkdownText.table(head: cells.head, rows: cells.rows, right: cells.right), footnotes(result)))
        case .csv:
            var diagnostics = result.periodsDescription.map { ["period: " + $0] } ?? []
            diagnostics.append("note: " + result.significanceNote)
            diagnostics += result.notes.map { "note: " + $0.message }
            return Rendered(csv(result), diagnostics: diagnostics)
        case .html:
            return Rendered(HTMLReportRenderer.fragment(ReportTable(result, formatter: formatter, smallSampleThreshold: smallSampleThreshold)))
        }
    }

    private func cells(_ result: PeriodComparison) -> TableCells {
        let head = result.keyNames + [result.currentLabel, result.baselineLabel, "change", "relative", "significant"]
        let rows = result.rows.map { row in
            row.keys.map { formatter.cell($0) } + [
                formatter.format(row.current.value, unit: result.unit), formatter.format(row.baseline.value, unit: result.unit),
                change(row.change, unit: result.unit), percent(row.relativeChange),
                row.pValue.map { ($0 < 0.05 ? "yes" : "no") + " (p = " + formatter.grouped($0, decimals: 3) + ")" } ?? "–",
            ]
        }
        let right = result.keyNames.map { _ in false } + [true, true, true, true, false]
        return TableCells(head: head, rows: rows, right: right)
    }

    /// The lines under a comparison: the compared periods' dates, then what `significant` means.
    private func footnotes(_ result: PeriodComparison) -> [String] {
        (result.periodsDescription.map { ["period: " + $0] } ?? []) + [result.significanceNote] + result.notes.map { "note: " + $0.message }
    }

    func table(_ result: PeriodComparison) -> String {
        var cells = cells(result)
        if let fitWidth {
            // The keys and both figures stay; `relative`, then `significant`, then `change` go.
            let n = result.keyNames.count
            cells.fit(width: fitWidth, dropOrder: [n + 3, n + 4, n + 2])
        }
        return ([cells.draw()] + [cells.hiddenFooter].compactMap { $0 } + footnotes(result)).joined(separator: "\n")
    }

    /// The rows with raw figures, columns named as in JSON.
    private func csv(_ result: PeriodComparison) -> String {
        let rates = result.rows.contains { $0.current.isRate || $0.baseline.isRate }
        var head = result.keyNames + ["current"]
        if rates { head += ["current_numerator", "current_denominator"] }
        head.append("baseline")
        if rates { head += ["baseline_numerator", "baseline_denominator"] }
        head += ["change", "relative_change", "p_value", "significant"]
        func number(_ v: Double?) -> String { v.map(JSON.plain) ?? "" }
        let rows = result.rows.map { row -> [String] in
            var cells = row.keys.map { $0.isNull ? "" : $0.description } + [number(row.current.value)]
            if rates { cells += [number(row.current.numerator), number(row.current.denominator)] }
            cells.append(number(row.baseline.value))
            if rates { cells += [number(row.baseline.numerator), number(row.baseline.denominator)] }
            cells += [number(row.change), number(row.relativeChange), number(row.pValue), row.isSignificant.map { $0 ? "true" : "false" } ?? ""]
            return cells
        }
        return CSVText.table(head: head, rows: rows)
    }

    func json(_ result: PeriodComparison) -> String {
        func period(_ range: ClosedRange<Int64>?) -> String {
            guard let range else { return "null" }
            return JSON.object([
                ("from", JSON.string(ISO8601.format(milliseconds: range.lowerBound))),
                ("to", JSON.string(ISO8601.format(milliseconds: range.upperBound + 1))),
            ])
        }
        func measure(_ prefix: String, _ m: Measure) -> [(String, String)] {
            var fields = [(prefix, JSON.number(m.value))]
            if m.isRate {
                fields.append((prefix + "_numerator", JSON.number(m.numerator)))
                fields.append((prefix + "_denominator", JSON.number(m.denominator)))
            }
            return fields
        }
        let rows = result.rows.map { row -> String in
            var fields = zip(result.keyNames, row.keys).map { ($0, JSON.value($1)) }
            fields += measure("current", row.current) + measure("baseline", row.baseline)
            fields += [
                ("change", JSON.number(row.change)), ("relative_change", JSON.number(row.relativeChange)), ("p_value", JSON.number(row.pValue)),
            ]
            fields.append(("significant", row.isSignificant.map { $0 ? "true" : "false" } ?? "null"))
            return JSON.object(fields)
        }
        let top: [(String, String)] =
            [
                ("current", JSON.string(result.currentLabel)), ("baseline", JSON.string(result.baselineLabel)),
                ("current_period", period(result.currentPeriod)), ("baseline_period", period(result.baselinePeriod)),
                ("unit", JSON.string(result.unit.name)),
            ] + (result.notes.isEmpty ? [] : [("notes", JSON.array(result.notes.map(ResultRenderer.json)))]) + [
                ("rows", JSON.lines(rows))
            ]
        return JSON.document(top)
    }

    // MARK: - Change explanations

    func rendered(_ explanation: ChangeExplanation, format: OutputFormat) -> Rendered {
        switch format {
        case .table: return Rendered(table(explanation))
        case .json: return Rendered(json(explanation))
        case .markdown:
            let cells = cells(explanation)
            let table = MarkdownText.table(head: cells.head, rows: cells.rows, right: cells.right)
            return Rendered(MarkdownText.withFootnotes(headline(explanation) + "\n\n" + table, note(explanation).map { [$0] } ?? []))
        case .csv:
            return Rendered(csv(explanation), diagnostics: ["note: " + headline(explanation)] + (note(explanation).map { ["note: " + $0] } ?? []))
        case .html: return Rendered(HTMLReportRenderer.fragment(ReportTable(explanation, formatter: formatter)))
        }
    }

    /// `win_rate: 29.5% in 2024-Q3 → 25.5% in 2024-Q4 (-4.0 pp)`.
    private func headline(_ e: ChangeExplanation) -> String {
        "\(e.formula): \(formatter.format(e.totalBefore.value, unit: e.unit)) in \(e.fromLabel) → \(formatter.format(e.totalAfter.value, unit: e.unit)) in \(e.toLabel) (\(change(e.totalChange, unit: e.unit)))"
    }

    private func note(_ e: ChangeExplanation) -> String? {
        e.isRate ? "mix effect: the segment's share of the base changed; rate effect: its own rate changed. They sum to the total change." : nil
    }

    private func cells(_ e: ChangeExplanation) -> TableCells {
        var head = [e.segmentField, e.fromLabel, e.toLabel]
        if e.isRate { head += ["share before", "share after", "mix effect", "rate effect"] }
        head.append("contribution")
        let rows = e.segments.map { s -> [String] in
            var cells = [formatter.cell(s.key), formatter.format(s.before.value, unit: e.unit), formatter.format(s.after.value, unit: e.unit)]
            if e.isRate {
                cells += [
                    percent(s.weightBefore).replacingOccurrences(of: "+", with: ""), percent(s.weightAfter).replacingOccurrences(of: "+", with: ""),
                    change(s.mixEffect, unit: e.unit), change(s.rateEffect, unit: e.unit),
                ]
            }
            cells.append(change(s.contribution, unit: e.unit))
            return cells
        }
        return TableCells(head: head, rows: rows, right: [false] + Array(repeating: true, count: head.count - 1))
    }

    func table(_ explanation: ChangeExplanation) -> String {
        var cells = cells(explanation)
        if let fitWidth {
            // The segment and its contribution stay; the shares go first, then the effects, then the values.
            cells.fit(width: fitWidth, dropOrder: explanation.isRate ? [3, 4, 5, 6, 2, 1] : [2, 1])
        }
        return ([headline(explanation), cells.draw()] + [cells.hiddenFooter, note(explanation)].compactMap { $0 }).joined(separator: "\n")
    }

    private func csv(_ e: ChangeExplanation) -> String {
        var head = [e.segmentField, "before", "after"]
        if e.isRate { head += ["share_before", "share_after", "mix_effect", "rate_effect"] }
        head.append("contribution")
        func number(_ v: Double?) -> String { v.map(JSON.plain) ?? "" }
        let rows = e.segments.map { s -> [String] in
            var cells = [s.key.isNull ? "" : s.key.description, number(s.before.value), number(s.after.value)]
            if e.isRate { cells += [number(s.weightBefore), number(s.weightAfter), number(s.mixEffect), number(s.rateEffect)] }
            cells.append(number(s.contribution))
            return cells
        }
        return CSVText.table(head: head, rows: rows)
    }

    func json(_ explanation: ChangeExplanation) -> String {
        let e = explanation
        let rows = e.segments.map { s -> String in
            var fields: [(String, String)] = [
                (e.segmentField, JSON.value(s.key)), ("before", JSON.number(s.before.value)), ("after", JSON.number(s.after.value)),
            ]
            if e.isRate {
                fields += [
                    ("share_before", JSON.number(s.weightBefore)), ("share_after", JSON.number(s.weightAfter)),
                    ("mix_effect", JSON.number(s.mixEffect)), ("rate_effect", JSON.number(s.rateEffect)),
                ]
            }
            fields.append(("contribution", JSON.number(s.contribution)))
            return JSON.object(fields)
        }
        let top: [(String, String)] = [
            ("formula", JSON.string(e.formula)), ("by", JSON.string(e.segmentField)), ("from", JSON.string(e.fromLabel)),
            ("to", JSON.string(e.toLabel)),
            ("before", JSON.number(e.totalBefore.value)), ("after", JSON.number(e.totalAfter.value)), ("change", JSON.number(e.totalChange)),
            ("unit", JSON.string(e.unit.name)), ("segments", JSON.lines(rows)),
        ]
        return JSON.document(top)
    }
}
