import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// Inline SVG charts for HTML reports. Which chart fits is read off the result's shape: one time
/// key → a line; a `stage` key → a funnel; one other key → horizontal bars. Results with no key,
/// several keys or fewer than two plottable rows get no chart (the table says it all).
enum ReportChart {
    static let grains: Set<String> = ["day", "week", "month", "quarter", "year"]
    static let width = 640.0
    static let funnelOrder = ["new", "contacted", "qualified", "opportunity", "won", "lost", "disqualified"]
    static let funnelSteps: Set<String> = ["new", "contacted", "qualified", "opportunity", "won"]

    /// The chart for a query result, if its shape has one.
    static func svg(for result: QueryResult, goal: Double?, formatter: ValueFormatter) -> String? {
        guard result.keyNames.count == 1 else { return nil }
        let points = result.rows.map { (label: formatter.cell($0.keys[0]), value: $0.measure.value, key: $0.keys[0]) }
        guard points.filter({ $0.value != nil }).count >= 2 else { return nil }
        let name = result.keyNames[0].lowercased()
        let isTime = grains.contains(name) || points.allSatisfy { if case .date = $0.key { return true }; if case .timestamp = $0.key { return true }; return false }
        let format = { (v: Double) in formatter.format(v, unit: result.unit) }
        if isTime { return line(points.map { ($0.label, $0.value) }, goal: goal, format: format) }
        var values = points.compactMap { p in p.value.map { (p.label, $0) } }
        if name.contains("stage") {
            // Stages in funnel order, not byte order; counts of leads reaching them draw a funnel
            // (exits — lost, disqualified — are not steps of it), anything else bars.
            values.sort { (funnelOrder.firstIndex(of: $0.0) ?? funnelOrder.count) < (funnelOrder.firstIndex(of: $1.0) ?? funnelOrder.count) }
            if result.unit == .count {
                let steps = values.filter { funnelSteps.contains($0.0) }
                if steps.count >= 2 { return funnel(steps, format: format) }
            }
        }
        return bars(values.prefix(30).map { ($0.0, [$0.1]) }, series: [], format: format)
    }

    /// Current against baseline, per group, for a grouped comparison.
    static func svg(for comparison: PeriodComparison, formatter: ValueFormatter) -> String? {
        guard comparison.keyNames.count == 1, comparison.rows.count >= 2 else { return nil }
        let rows = comparison.rows.prefix(20).compactMap { row -> (String, [Double])? in
            guard let current = row.current.value, let baseline = row.baseline.value else { return nil }
            return (formatter.cell(row.keys[0]), [current, baseline])
        }
        guard rows.count >= 2 else { return nil }
        return bars(rows, series: [comparison.currentLabel, comparison.baselineLabel], format: { formatter.format($0, unit: comparison.unit) })
    }

    static func n(_ v: Double) -> String { String(format: "%.1f", v) }
    static func esc(_ s: String) -> String { HTMLReportRenderer.escape(s) }
    static let palette = ["#3b6fd8", "#a9b8d6"]

    private static func open(height: Double, label: String) -> String {
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(label))\" font-family=\"system-ui,sans-serif\" font-size=\"14\">"
    }

    /// Horizontal bars: one row per group, one bar per series value.
    static func bars(_ rows: [(String, [Double])], series: [String], format: (Double) -> String) -> String {
        let barHeight = 16.0, gap = 8.0, labelWidth = 150.0, valueWidth = 80.0
        let perRow = barHeight * Double(max(1, rows.first?.1.count ?? 1)) + gap
        let legend = series.isEmpty ? 0.0 : 22.0
        let height = legend + perRow * Double(rows.count) + 4
        let maxValue = max(rows.flatMap(\.1).map(abs).max() ?? 1, 1e-12)
        let span = width - labelWidth - valueWidth
        var out = [open(height: height, label: "bar chart")]
        for (i, name) in series.enumerated() {
            let x = labelWidth + Double(i) * 150
            out.append("<rect x=\"\(n(x))\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(palette[i % 2])\"/><text x=\"\(n(x + 16))\" y=\"14\">\(esc(name))</text>")
        }
        for (r, row) in rows.enumerated() {
            let top = legend + Double(r) * perRow
            out.append("<text x=\"\(n(labelWidth - 6))\" y=\"\(n(top + barHeight * 0.75))\" text-anchor=\"end\">\(esc(String(row.0.prefix(22))))</text>")
            for (s, value) in row.1.enumerated() {
                let y = top + Double(s) * barHeight
                let w = max(0, abs(value) / maxValue * span)
                out.append("<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 1))\" width=\"\(n(w))\" height=\"\(n(barHeight - 2))\" fill=\"\(palette[s % 2])\"/>")
                out.append("<text x=\"\(n(labelWidth + w + 4))\" y=\"\(n(y + barHeight * 0.75))\" fill=\"#444\">\(esc(format(value)))</text>")
            }
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// A line over the periods; a gap where a value is null; the goal as a dashed line.
    static func line(_ points: [(String, Double?)], goal: Double?, format: (Double) -> String) -> String {
        let height = 240.0, left = 70.0, right = 20.0, top = 16.0, bottom = 36.0
        let values = points.compactMap(\.1) + (goal.map { [$0] } ?? [])
        var low = min(0, values.min() ?? 0), high = values.max() ?? 1
        if high <= low { high = low + 1 }
        high += (high - low) * 0.05
        low = low < 0 ? low - (high - low) * 0.05 : low
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ i: Int) -> Double { left + (points.count == 1 ? plotWidth / 2 : plotWidth * Double(i) / Double(points.count - 1)) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (v - low) / (high - low)) }
        var out = [open(height: height, label: "line chart")]
        for tick in 0...4 {
            let v = low + (high - low) * Double(tick) / 4
            out.append("<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(v)))\" y2=\"\(n(y(v)))\" stroke=\"#e6e9ef\"/>")
            out.append("<text x=\"\(n(left - 6))\" y=\"\(n(y(v) + 4))\" text-anchor=\"end\" fill=\"#5b6475\">\(esc(format(v)))</text>")
        }
        var segments: [[String]] = [[]]
        for (i, point) in points.enumerated() {
            guard let v = point.1 else {
                segments.append([])
                continue
            }
            segments[segments.count - 1].append("\(n(x(i))),\(n(y(v)))")
            out.append("<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(v)))\" r=\"3\" fill=\"\(palette[0])\"><title>\(esc(point.0)): \(esc(format(v)))</title></circle>")
        }
        for segment in segments where segment.count >= 2 {
            out.append("<polyline fill=\"none\" stroke=\"\(palette[0])\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>")
        }
        if let goal {
            out.append("<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(goal)))\" y2=\"\(n(y(goal)))\" stroke=\"#cf222e\" stroke-dasharray=\"6 4\"/>")
            out.append("<text x=\"\(n(width - right))\" y=\"\(n(y(goal) - 4))\" text-anchor=\"end\" fill=\"#cf222e\">goal \(esc(format(goal)))</text>")
        }
        // About six labels; the first and last anchored inwards so they are not clipped.
        let step = max(1, (points.count + 5) / 6)
        var labelled = Array(stride(from: 0, to: points.count, by: step))
        if let last = labelled.last, last != points.count - 1 {
            if points.count - 1 - last < step / 2 + 1 { labelled.removeLast() }
            labelled.append(points.count - 1)
        }
        for i in labelled {
            let anchor = i == 0 ? "start" : i == points.count - 1 ? "end" : "middle"
            out.append("<text x=\"\(n(x(i)))\" y=\"\(n(height - bottom + 18))\" text-anchor=\"\(anchor)\" fill=\"#5b6475\">\(esc(points[i].0))</text>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// Centred bars narrowing with the value, one per stage, in the result's order.
    static func funnel(_ stages: [(String, Double)], format: (Double) -> String) -> String {
        let rowHeight = 30.0
        let height = rowHeight * Double(stages.count) + 4
        let maxValue = max(stages.map(\.1).map(abs).max() ?? 1, 1e-12)
        let centre = width / 2
        var out = [open(height: height, label: "funnel")]
        for (i, stage) in stages.enumerated() {
            let w = max(2, abs(stage.1) / maxValue * (width - 40))
            let y = Double(i) * rowHeight + 2
            out.append("<rect x=\"\(n(centre - w / 2))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(rowHeight - 4))\" rx=\"3\" fill=\"\(palette[0])\" fill-opacity=\"\(n(1 - 0.5 * Double(i) / Double(max(1, stages.count))))\"/>")
            out.append("<text x=\"\(n(centre))\" y=\"\(n(y + rowHeight / 2 + 2))\" text-anchor=\"middle\" fill=\"#1d2330\">\(esc(stage.0)) · \(esc(format(stage.1)))</text>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }
}
