import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// Renders `compare` and `explain change` results as tables or JSON.
struct ComparisonRenderer {
    let formatter: ValueFormatter

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

    func table(_ result: PeriodComparison) -> String {
        let head = result.keyNames + [result.currentLabel, result.baselineLabel, "change", "relative", "significant"]
        let rows = result.rows.map { row in
            row.keys.map { formatter.cell($0) } + [
                formatter.format(row.current.value, unit: result.unit), formatter.format(row.baseline.value, unit: result.unit),
                change(row.change, unit: result.unit), percent(row.relativeChange),
                row.pValue.map { ($0 < 0.05 ? "yes" : "no") + " (p = " + formatter.grouped($0, decimals: 3) + ")" } ?? "–",
            ]
        }
        let right = result.keyNames.map { _ in false } + [true, true, true, true, false]
        let note = result.baselineLabel == "goal"
            ? "significant: the rate tested against its target (one-sample z-test), 5% level"
            : "significant: a two-proportion test for rates (intervals for averages), 5% level"
        return BoxTable.draw(head: head, rows: rows, rightAligned: right) + "\n" + note
    }

    func json(_ result: PeriodComparison) -> String {
        func period(_ range: ClosedRange<Int64>?) -> String {
            guard let range else { return "null" }
            return JSON.object([("from", JSON.string(ISO8601.format(milliseconds: range.lowerBound))), ("to", JSON.string(ISO8601.format(milliseconds: range.upperBound + 1)))])
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
            fields += [("change", JSON.number(row.change)), ("relative_change", JSON.number(row.relativeChange)), ("p_value", JSON.number(row.pValue))]
            fields.append(("significant", row.isSignificant.map { $0 ? "true" : "false" } ?? "null"))
            return JSON.object(fields)
        }
        let top: [(String, String)] = [
            ("current", JSON.string(result.currentLabel)), ("baseline", JSON.string(result.baselineLabel)),
            ("current_period", period(result.currentPeriod)), ("baseline_period", period(result.baselinePeriod)),
            ("unit", JSON.string(result.unit.name)),
            ("rows", JSON.lines(rows)),
        ]
        return JSON.document(top)
    }

    func table(_ explanation: ChangeExplanation) -> String {
        let e = explanation
        var lines = [
            "\(e.formula): \(formatter.format(e.totalBefore.value, unit: e.unit)) in \(e.fromLabel) → \(formatter.format(e.totalAfter.value, unit: e.unit)) in \(e.toLabel) (\(change(e.totalChange, unit: e.unit)))"
        ]
        var head = [e.segmentField, e.fromLabel, e.toLabel]
        if e.isRate { head += ["share before", "share after", "mix effect", "rate effect"] }
        head.append("contribution")
        let rows = e.segments.map { s -> [String] in
            var cells = [formatter.cell(s.key), formatter.format(s.before.value, unit: e.unit), formatter.format(s.after.value, unit: e.unit)]
            if e.isRate {
                cells += [percent(s.weightBefore).replacingOccurrences(of: "+", with: ""), percent(s.weightAfter).replacingOccurrences(of: "+", with: ""),
                    change(s.mixEffect, unit: e.unit), change(s.rateEffect, unit: e.unit)]
            }
            cells.append(change(s.contribution, unit: e.unit))
            return cells
        }
        lines.append(BoxTable.draw(head: head, rows: rows, rightAligned: [false] + Array(repeating: true, count: head.count - 1)))
        if e.isRate {
            lines.append("mix effect: the segment's share of the base changed; rate effect: its own rate changed. They sum to the total change.")
        }
        return lines.joined(separator: "\n")
    }

    func json(_ explanation: ChangeExplanation) -> String {
        let e = explanation
        let rows = e.segments.map { s -> String in
            var fields: [(String, String)] = [(e.segmentField, JSON.value(s.key)), ("before", JSON.number(s.before.value)), ("after", JSON.number(s.after.value))]
            if e.isRate {
                fields += [("share_before", JSON.number(s.weightBefore)), ("share_after", JSON.number(s.weightAfter)),
                    ("mix_effect", JSON.number(s.mixEffect)), ("rate_effect", JSON.number(s.rateEffect))]
            }
            fields.append(("contribution", JSON.number(s.contribution)))
            return JSON.object(fields)
        }
        let top: [(String, String)] = [
            ("formula", JSON.string(e.formula)), ("by", JSON.string(e.segmentField)), ("from", JSON.string(e.fromLabel)), ("to", JSON.string(e.toLabel)),
            ("before", JSON.number(e.totalBefore.value)), ("after", JSON.number(e.totalAfter.value)), ("change", JSON.number(e.totalChange)),
            ("unit", JSON.string(e.unit.name)), ("segments", JSON.lines(rows)),
        ]
        return JSON.document(top)
    }
}
