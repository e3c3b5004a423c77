import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// Inline SVG charts for HTML reports. Which chart fits is read off the result's shape: one time
/// key → a line; a `stage` key and a count → a funnel; one other key → horizontal bars. Results
/// with no key, several keys or fewer than two plottable rows get no chart (the table says it all).
///
/// Every measure in the headline's unit and of its size is drawn (one line or one bar per
/// measure); when the table has more measures than one, a legend names each one drawn, and the
/// others stay in the table. A value resting on a small sample is drawn lighter
/// and labelled with `*` and its `n/of`; a partly covered period is drawn dashed; intervals are
/// whiskers. Charts are drawn in a ``width``-unit box shown at most ``maxDisplayWidth`` CSS px
/// wide, so ``fontSize`` stays at 11 px or more on a 412 px phone and near the body text on a
/// desktop.
enum ReportChart {
    static let grains: Set<String> = ["day", "week", "month", "quarter", "year"]
    /// The user-unit width of every chart.
    static let width = 400.0
    /// The widest a chart is shown, in CSS px (the stylesheet's `max-width`).
    static let maxDisplayWidth = 500
    /// The one font size of chart text, in user units.
    static let fontSize = 12.0
    /// At most this many measures are drawn side by side.
    static let maxSeries = 4
    /// A measure is drawn beside the headline only when their largest values are within this
    /// factor of each other; otherwise its bars would be slivers or the headline's would.
    static let maxScaleRatio = 5.0
    /// The canonical status words in funnel order (the schema's), and the steps of the way to a win.
    static let funnelOrder = ValueVocabulary.statusWords
    static let funnelSteps = Set(ValueVocabulary.statusWords.prefix { $0 != "lost" })
    static let palette = ["#3b6fd8", "#e08a2b", "#2f9e6e", "#8e5bd8"]
    static let comparisonPalette = ["#3b6fd8", "#a9b8d6"]
    static let ink = "#1d2330", muted = "#5b6475", grid = "#e6e9ef", goalColor = "#cf222e"

    /// One figure drawn: its value and what the chart says about it.
    struct Figure {
        var value: Double?
        var label: String
        var interval: ClosedRange<Double>?
        var isSmall = false
        var isPartial = false
    }

    /// The figure of a measure: its formatted value, `*` when small, `n/of` for a rate.
    static func figure(_ m: Measure, unit: KPICore.Unit, isPartial: Bool, formatter: ValueFormatter, threshold: Double) -> Figure {
        let small = ReportTable.isSmall(m, threshold: threshold)
        var label = formatter.format(m.value, unit: unit) + (small ? ReportTable.smallSampleMarker : "")
        if let n = m.numerator, let d = m.denominator { label += " · " + formatter.count(n) + "/" + formatter.count(d) }
        return Figure(value: m.value, label: label, interval: m.confidenceInterval, isSmall: small, isPartial: isPartial)
    }

    /// The chart for a query result, if its shape has one.
    static func svg(for result: QueryResult, goal: Double?, formatter: ValueFormatter, smallSampleThreshold threshold: Double) -> String? {
        guard result.keyNames.count == 1 else { return nil }
        guard result.rows.filter({ $0.measure.value != nil }).count >= 2 else { return nil }
        // The measures in the headline's unit and of its size (within ``maxScaleRatio``): they share
        // the axis readably. The rest (counts beside an average, spend beside CAC) stay in the table.
        func largest(_ i: Int) -> Double { result.rows.compactMap { $0.measures[i].value.map(abs) }.max() ?? 0 }
        let headline = largest(0)
        let drawn = Array(
            result.units.indices.filter { i in
                guard i > 0 else { return true }
                let size = largest(i)
                return result.units[i] == result.unit && size <= headline * maxScaleRatio && size * maxScaleRatio >= headline
            }.prefix(maxSeries))
        // The headline is named by its KPI where the table calls it `value`.
        let names = drawn.map { i -> String in
            let name = result.measureNames[i]
            return name.isEmpty || name == "value" ? (result.kpiID ?? "value") : name
        }
        // A legend whenever the table has more than the one measure drawn, so it is clear which is.
        let legend = result.measureNames.count > 1 ? names : []
        let unit = result.unit
        let name = result.keyNames[0].lowercased()
        let isTime =
            grains.contains(name)
            || result.rows.allSatisfy {
                if case .date = $0.keys[0] { return true }
                if case .timestamp = $0.keys[0] { return true }
                return false
            }
        func figures(_ row: QueryResult.Row) -> [Figure] {
            drawn.map { figure(row.measures[$0], unit: unit, isPartial: row.isPartial, formatter: formatter, threshold: threshold) }
        }
        if isTime {
            let points = result.rows.map { (label: formatter.cell($0.keys[0]), figures: figures($0)) }
            return line(points, series: legend, goal: goal, unit: unit, formatter: formatter)
        }
        var rows = result.rows.filter { $0.measure.value != nil }.map { (label: formatter.cell($0.keys[0]), figures: figures($0)) }
        if name.contains("stage") {
            // Stages in funnel order, not byte order; counts of leads reaching them draw a funnel
            // (exits — lost, disqualified — are not steps of it), anything else bars.
            rows.sort { (funnelOrder.firstIndex(of: $0.label) ?? funnelOrder.count) < (funnelOrder.firstIndex(of: $1.label) ?? funnelOrder.count) }
            if unit == .count && drawn.count == 1 {
                let steps = rows.filter { funnelSteps.contains($0.label) }
                if steps.count >= 2 { return funnel(steps.map { ($0.label, $0.figures[0]) }) }
            }
        }
        return bars(Array(rows.prefix(30)), series: legend, palette: palette, unit: unit)
    }

    /// Current against baseline, per group, for a grouped comparison.
    static func svg(for comparison: PeriodComparison, formatter: ValueFormatter, smallSampleThreshold threshold: Double) -> String? {
        guard comparison.keyNames.count == 1, comparison.rows.count >= 2 else { return nil }
        let rows = comparison.rows.prefix(20).compactMap { row -> (label: String, figures: [Figure])? in
            guard row.current.value != nil, row.baseline.value != nil else { return nil }
            return (
                formatter.cell(row.keys[0]),
                [row.current, row.baseline].map {
                    figure($0, unit: comparison.unit, isPartial: false, formatter: formatter, threshold: threshold)
                }
            )
        }
        guard rows.count >= 2 else { return nil }
        return bars(rows, series: [comparison.currentLabel, comparison.baselineLabel], palette: comparisonPalette, unit: comparison.unit)
    }

    // MARK: - Drawing helpers

    static func n(_ v: Double) -> String { String(format: "%.1f", v) }
    static func esc(_ s: String) -> String { HTMLReportRenderer.escape(s) }

    static func open(height: Double, label: String) -> String {
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height.rounded(.up)))\" role=\"img\" aria-label=\"\(esc(label))\" font-family=\"system-ui,sans-serif\" font-size=\"\(Int(fontSize))\">"
    }

    static func text(_ s: String, x: Double, y: Double, anchor: String = "start", fill: String = ink, extra: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\"\(anchor == "start" ? "" : " text-anchor=\"\(anchor)\"") fill=\"\(fill)\"\(extra)>\(esc(s))</text>"
    }

    /// A legend: a filled swatch per series, then (when used) what the drawing conventions mean.
    /// Returns the SVG and its height.
    static func legend(_ series: [String], colors: [String], extras: [(name: String, swatch: (ChartRect) -> String)], top: Double) -> (String, Double)
    {
        let names = series + extras.map(\.name)
        guard !names.isEmpty else { return ("", 0) }
        let layout = ChartLegend(names, x: 4, y: top, width: width - 8, fontSize: fontSize)
        var out: [String] = []
        for (i, entry) in layout.entries.enumerated() {
            if i < series.count {
                out.append(
                    "<rect class=\"legend-swatch\" x=\"\(n(entry.swatch.x))\" y=\"\(n(entry.swatch.y))\" width=\"\(n(entry.swatch.width))\" height=\"\(n(entry.swatch.height))\" fill=\"\(colors[i % colors.count])\"/>"
                )
            } else {
                out.append(extras[i - series.count].swatch(entry.swatch))
            }
            out.append(text(entry.name, x: entry.label.x, y: entry.label.y + entry.label.height * 0.8, extra: " class=\"legend-label\""))
        }
        return (out.joined(separator: "\n"), layout.height + 8)
    }

    // MARK: - Bars

    /// Horizontal bars: one row per group, one bar per series, each labelled with its value
    /// (`*` and `n/of` where that applies) and its interval as a whisker.
    static func bars(_ rows: [(label: String, figures: [Figure])], series: [String], palette: [String], unit: KPICore.Unit) -> String {
        let perSeries = max(1, rows.first?.figures.count ?? 1)
        let barHeight = 15.0, gap = 9.0
        let rowHeight = barHeight * Double(perSeries) + gap
        let anySmall = rows.contains { $0.figures.contains(where: \.isSmall) }
        let anyPartial = rows.contains { $0.figures.contains(where: \.isPartial) }
        var extras: [(name: String, swatch: (ChartRect) -> String)] = []
        if anySmall {
            extras.append(
                (
                    "* small sample (lighter, outlined)",
                    { r in
                        "<rect x=\"\(n(r.x + 0.5))\" y=\"\(n(r.y + 0.5))\" width=\"\(n(r.width - 1))\" height=\"\(n(r.height - 1))\" fill=\"\(palette[0])\" fill-opacity=\"0.4\" stroke=\"\(palette[0])\"/>"
                    }
                ))
        }
        if anyPartial {
            extras.append(
                (
                    "partial period (dashed)",
                    { r in
                        "<rect x=\"\(n(r.x + 0.5))\" y=\"\(n(r.y + 0.5))\" width=\"\(n(r.width - 1))\" height=\"\(n(r.height - 1))\" fill=\"\(palette[0])\" fill-opacity=\"0.3\" stroke=\"\(palette[0])\" stroke-dasharray=\"3 2\"/>"
                    }
                ))
        }
        let (legendSVG, legendHeight) = legend(series, colors: palette, extras: extras, top: 2)
        let labelWidth = min(width * 0.34, (rows.map { ChartText.width($0.label, fontSize: fontSize) }.max() ?? 0)) + 8
        let valueWidth = (rows.flatMap { $0.figures.map { ChartText.width($0.label, fontSize: fontSize) } }.max() ?? 0) + 8
        let span = max(60, width - labelWidth - valueWidth - 4)
        let maxValue = max(
            rows.flatMap { $0.figures.flatMap { [abs($0.value ?? 0), $0.interval.map { abs($0.upperBound) } ?? 0] } }.max() ?? 1, 1e-12)
        func x(_ v: Double) -> Double { labelWidth + min(abs(v), maxValue) / maxValue * span }
        let height = legendHeight + rowHeight * Double(rows.count) + 4
        var out = [open(height: height, label: series.isEmpty ? "bar chart" : "bar chart: " + series.joined(separator: ", "))]
        if !legendSVG.isEmpty { out.append(legendSVG) }
        for (r, row) in rows.enumerated() {
            let top = legendHeight + Double(r) * rowHeight
            let label = ChartText.fit(row.label, width: labelWidth - 8, fontSize: fontSize)
            out.append(text(label, x: labelWidth - 6, y: top + barHeight * Double(perSeries) / 2 + fontSize * 0.35, anchor: "end"))
            for (s, figure) in row.figures.enumerated() {
                let y = top + Double(s) * barHeight
                let color = palette[s % palette.count]
                let end = x(figure.value ?? 0)
                var style = "fill=\"\(color)\""
                if figure.isPartial {
                    style += " fill-opacity=\"0.3\" stroke=\"\(color)\" stroke-dasharray=\"3 2\" class=\"partial\""
                } else if figure.isSmall {
                    // Lighter and outlined: not to be mistaken for a paler series (a baseline).
                    style += " fill-opacity=\"0.4\" stroke=\"\(color)\" class=\"small-sample\""
                }
                out.append(
                    "<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 1))\" width=\"\(n(max(0, end - labelWidth)))\" height=\"\(n(barHeight - 2))\" \(style)><title>\(esc(row.label)): \(esc(figure.label))</title></rect>"
                )
                var labelX = end
                if let ci = figure.interval {
                    let lo = x(max(0, ci.lowerBound)), hi = x(ci.upperBound), mid = y + barHeight / 2
                    out.append(
                        "<path class=\"interval\" d=\"M\(n(lo)) \(n(mid))H\(n(hi))M\(n(lo)) \(n(mid - 3))v6M\(n(hi)) \(n(mid - 3))v6\" stroke=\"\(ink)\" stroke-width=\"1.2\" fill=\"none\"/>"
                    )
                    labelX = max(labelX, hi)
                }
                out.append(text(figure.label, x: labelX + 4, y: y + barHeight / 2 + fontSize * 0.35, fill: "#333"))
            }
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    // MARK: - Funnel

    /// Centred bars narrowing with the value, one per stage, in the result's order.
    static func funnel(_ stages: [(String, Figure)]) -> String {
        let rowHeight = 28.0
        let height = rowHeight * Double(stages.count) + 4
        let maxValue = max(stages.map { abs($0.1.value ?? 0) }.max() ?? 1, 1e-12)
        let centre = width / 2
        var out = [open(height: height, label: "funnel")]
        for (i, stage) in stages.enumerated() {
            let w = max(2, abs(stage.1.value ?? 0) / maxValue * (width - 40))
            let y = Double(i) * rowHeight + 2
            let opacity = 1 - 0.55 * Double(i) / Double(max(1, stages.count))
            out.append(
                "<rect x=\"\(n(centre - w / 2))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(rowHeight - 4))\" rx=\"3\" fill=\"\(palette[0])\" fill-opacity=\"\(n(opacity * 0.55))\"/>"
            )
            out.append(text("\(stage.0) · \(stage.1.label)", x: centre, y: y + rowHeight / 2 + 2, anchor: "middle"))
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }
}
