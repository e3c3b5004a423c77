import Foundation
import KPICore

extension ReportChart {
    /// The user-unit height of a line chart's plot area.
    static let plotHeight = 170.0
    /// The least room between two period labels.
    static let labelGap = 14.0

    /// Lines over the periods, one per series, on an axis with round ticks. A gap where a value
    /// is null; a partly covered period is a hollow point joined by a dashed segment; a small
    /// sample a hollow point; a single series' intervals are whiskers; the goal a dashed red line.
    static func line(
        _ points: [(label: String, figures: [Figure])], series: [String], goal: Double?, unit: KPICore.Unit, formatter: ValueFormatter
    ) -> String {
        let seriesCount = max(1, points.first?.figures.count ?? 1)
        let figures = points.flatMap(\.figures)
        let intervals = seriesCount == 1 ? figures.compactMap(\.interval).flatMap { [$0.lowerBound, $0.upperBound] } : []
        let values = figures.compactMap(\.value) + intervals + (goal.map { [$0] } ?? [])
        let axis = ChartAxis.ticks(low: min(0, values.min() ?? 0), high: values.max() ?? 1)
        let low = axis.values.first ?? 0, high = axis.values.last ?? 1
        let tickLabels = axis.values.map { ChartAxis.label($0, step: axis.step, unit: unit, formatter: formatter) }

        let anyPartial = figures.contains(where: \.isPartial), anySmall = figures.contains(where: \.isSmall)
        var extras: [(name: String, swatch: (ChartRect) -> String)] = []
        if anyPartial {
            extras.append(
                (
                    "partial period (dashed)",
                    { r in
                        "<path d=\"M\(n(r.x)) \(n(r.y + r.height / 2))h\(n(r.width))\" stroke=\"\(palette[0])\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
                    }
                ))
        }
        if anySmall {
            extras.append(
                (
                    "* small sample (hollow)",
                    { r in
                        "<circle cx=\"\(n(r.x + r.width / 2))\" cy=\"\(n(r.y + r.height / 2))\" r=\"4\" fill=\"#fff\" stroke=\"\(palette[0])\" stroke-width=\"1.5\"/>"
                    }
                ))
        }
        let (legendSVG, legendHeight) = legend(series, colors: palette, extras: extras, top: 2)

        // Period labels are centred under their points, so both margins hold half the widest.
        let widestPeriod = points.map { ChartText.width($0.label, fontSize: fontSize) }.max() ?? 0
        let left = max((tickLabels.map { ChartText.width($0, fontSize: fontSize) }.max() ?? 0) + 10, widestPeriod / 2 + 2)
        let right = max(12, widestPeriod / 2 + 2)
        let top = legendHeight + fontSize, bottom = 30.0
        let height = top + plotHeight + bottom
        let plotWidth = width - left - right
        func x(_ i: Int) -> Double { left + (points.count == 1 ? plotWidth / 2 : plotWidth * Double(i) / Double(points.count - 1)) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (v - low) / (high - low)) }

        var out = [open(height: height, label: series.isEmpty ? "line chart" : "line chart: " + series.joined(separator: ", "))]
        if !legendSVG.isEmpty { out.append(legendSVG) }
        for (v, label) in zip(axis.values, tickLabels) {
            out.append("<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(v)))\" y2=\"\(n(y(v)))\" stroke=\"\(grid)\"/>")
            out.append(text(label, x: left - 6, y: y(v) + fontSize * 0.35, anchor: "end", fill: muted, extra: " class=\"tick\""))
        }
        for s in 0..<seriesCount {
            let color = palette[s % palette.count]
            // Solid runs as polylines; a segment touching a partial period dashed on its own.
            var run: [String] = []
            func flush() {
                if run.count >= 2 {
                    out.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(run.joined(separator: " "))\"/>")
                }
                run = []
            }
            for i in points.indices {
                guard let v = points[i].figures[s].value else {
                    flush()
                    continue
                }
                if i > 0, let previous = points[i - 1].figures[s].value, points[i].figures[s].isPartial || points[i - 1].figures[s].isPartial {
                    flush()
                    out.append(
                        "<line class=\"partial\" x1=\"\(n(x(i - 1)))\" y1=\"\(n(y(previous)))\" x2=\"\(n(x(i)))\" y2=\"\(n(y(v)))\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
                    )
                }
                run.append("\(n(x(i))),\(n(y(v)))")
            }
            flush()
            for (i, point) in points.enumerated() {
                let figure = point.figures[s]
                guard let v = figure.value else { continue }
                if seriesCount == 1, let ci = figure.interval {
                    out.append(
                        "<line class=\"interval\" x1=\"\(n(x(i)))\" x2=\"\(n(x(i)))\" y1=\"\(n(y(ci.lowerBound)))\" y2=\"\(n(y(ci.upperBound)))\" stroke=\"\(color)\" stroke-opacity=\"0.45\" stroke-width=\"1.5\"/>"
                    )
                }
                let hollow = figure.isPartial || figure.isSmall
                let fill = hollow ? "fill=\"#fff\" stroke=\"\(color)\" stroke-width=\"1.5\"" : "fill=\"\(color)\""
                let cls = figure.isPartial ? " class=\"partial\"" : figure.isSmall ? " class=\"small-sample\"" : ""
                let tip = point.label + (figure.isPartial ? " (partial)" : "") + ": " + figure.label
                out.append(
                    "<circle\(cls) cx=\"\(n(x(i)))\" cy=\"\(n(y(v)))\" r=\"\(hollow ? "3.5" : "3")\" \(fill)><title>\(esc(tip))</title></circle>")
            }
        }
        if let goal {
            out.append(
                "<line class=\"goal\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(goal)))\" y2=\"\(n(y(goal)))\" stroke=\"\(goalColor)\" stroke-dasharray=\"6 4\"/>"
            )
            out.append(text("goal \(formatter.format(goal, unit: unit))", x: width - right, y: y(goal) - 4, anchor: "end", fill: goalColor))
        }
        let spacing = points.count > 1 ? plotWidth / Double(points.count - 1) : plotWidth
        for i in labelledPoints(count: points.count, spacing: spacing, widest: widestPeriod) {
            out.append(text(points[i].label, x: x(i), y: top + plotHeight + 18, anchor: "middle", fill: muted, extra: " class=\"period\""))
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// Which periods get a label under the axis: every `step`-th, evenly spaced and centred, far
    /// enough apart that no two touch; the last period always (in place of the one before it
    /// when the two would touch).
    static func labelledPoints(count: Int, spacing: Double, widest: Double) -> [Int] {
        guard count > 1 else { return Array(0..<count) }
        let needed = widest + labelGap
        let step = max(1, Int((needed / max(spacing, 1e-9)).rounded(.up)))
        var chosen = Array(stride(from: 0, to: count, by: step))
        let last = count - 1
        if let tail = chosen.last, tail != last {
            if Double(last - tail) * spacing < needed, chosen.count > 1 { chosen.removeLast() }
            chosen.append(last)
        }
        return chosen
    }
}
