import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

@testable import KPIRepl

@Suite("Report charts")
struct ReportChartTests {
    static func html(_ body: String, goals: [String] = []) throws -> String {
        let session = try RecipeFixtures.session()
        for goal in goals { _ = try session.run(goal) }
        let report = try RecipeRunner(session: session).run(try RecipeFixtures.parse("title \"T\"\n" + body))
        return ReportRenderer().render(report, format: .html)
    }

    static func svgs(_ html: String) -> [String] { ReportParsing.matches(of: "(<svg class=\"chart\".*?</svg>)", in: html) }

    @Test("a series of a rate with a team goal draws the goal as a dashed reference line")
    func goalLine() throws {
        let html = try Self.html("win_rate by month during 2024", goals: ["goal win_rate >= 30% by 2024-12-31"])
        #expect(html.contains("<polyline"))
        #expect(html.contains("<line class=\"goal\""))
        #expect(html.contains("goal 30.0%"))
    }

    @Test("a count series has no goal line, even with a goal on its KPI")
    func noGoalLineForCounts() throws {
        let html = try Self.html("lead_volume by month during 2024", goals: ["goal lead_volume >= 3000 by 2024-12-31"])
        #expect(html.contains("<polyline"))
        #expect(!html.contains("class=\"goal\""))
    }

    @Test("stage counts draw a funnel in funnel order; a breakdown draws bars")
    func funnelAndBars() throws {
        let funnel = try Self.html("stage_reach by stage during 2024")
        let new = try #require(funnel.range(of: ">new · ")), won = try #require(funnel.range(of: ">won · "))
        #expect(new.lowerBound < won.lowerBound)
        #expect(!funnel.contains(">lost · "))
        let bars = try Self.html("lead_volume by source during 2024")
        #expect(bars.contains("aria-label=\"bar chart\""))
    }

    // MARK: - Readable on a phone

    @Test("chart text is at least 11 CSS px on a 412 px phone and no larger than the body text on a desktop", arguments: RecipeFixtures.shippedNames)
    func textSize(_ name: String) throws {
        let html = ReportRenderer().render(try RecipeGoldenTests.report(name), format: .html)
        #expect(html.contains("svg.chart{width:100%;height:auto;max-width:\(ReportChart.maxDisplayWidth)px"))
        #expect(html.contains("main{padding:\(HTMLReportRenderer.phonePadding)px}"))
        let phoneWidth = Double(412 - 2 * HTMLReportRenderer.phonePadding)
        for svg in Self.svgs(html) {
            let viewBoxWidth = try #require(Double(ReportParsing.matches(of: "viewBox=\"0 0 ([0-9.]+) ", in: svg).first ?? ""))
            let sizes = ReportParsing.matches(of: "font-size=\"([0-9.]+)\"", in: svg).compactMap(Double.init)
            #expect(!sizes.isEmpty)
            let phoneScale = min(phoneWidth, Double(ReportChart.maxDisplayWidth)) / viewBoxWidth
            let desktopScale = Double(ReportChart.maxDisplayWidth) / viewBoxWidth
            for size in sizes {
                #expect(size * phoneScale >= 11, "\(name): \(size) units show as \(size * phoneScale) px at 412 px")
                #expect(size * desktopScale <= 16, "\(name): \(size) units show as \(size * desktopScale) px on a desktop")
            }
        }
    }

    @Test("tables scroll sideways inside a box with an edge shadow as the cue")
    func scrollCue() throws {
        let html = ReportRenderer().render(try RecipeGoldenTests.report("funnel-bottlenecks"), format: .html)
        #expect(html.contains("<div class=\"scroll\"><table class=\"data\">"))
        let css = try #require(ReportParsing.matches(of: "(\\.scroll\\{[^}]*\\})", in: html).first)
        #expect(css.contains("overflow-x:auto"))
        #expect(css.contains("no-repeat local") && css.contains("no-repeat scroll"), "the shadows that show there is more: \(css)")
    }

    // MARK: - Axes

    @Test(
        "ticks step by 1, 2 or 5 × 10^k",
        arguments: [
            (0.0, 77.7, [0.0, 20, 40, 60, 80]),
            (-3.7, 45.0, [-20.0, 0, 20, 40, 60]),
            (0.0, 0.068, [0.0, 0.02, 0.04, 0.06, 0.08]),
            (0.0, 313_845.0, [0.0, 100_000, 200_000, 300_000, 400_000]),
            (0.0, 1.0, [0.0, 0.5, 1.0]),
            (0.0, 0.0, [0.0, 0.5, 1.0]),
            (12.0, 12.0, [0.0, 5, 10, 15]),
        ])
    func ticks(_ low: Double, _ high: Double, _ expected: [Double]) {
        let axis = ChartAxis.ticks(low: low, high: high)
        #expect(axis.values == expected)
        let mantissa = axis.step / pow(10, floor(log10(axis.step)))
        #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 })
        #expect(axis.values.first! <= low && axis.values.last! >= high)
    }

    @Test("tick labels carry only the decimals their step needs")
    func tickLabels() {
        let f = ValueFormatter()
        #expect(ChartAxis.label(0.04, step: 0.02, unit: .ratio, formatter: f) == "4%")
        #expect(ChartAxis.label(0.025, step: 0.005, unit: .ratio, formatter: f) == "2.5%")
        #expect(ChartAxis.label(200_000, step: 100_000, unit: .money, formatter: f) == "$200,000")
        #expect(ChartAxis.label(1, step: 1, unit: .duration(.days), formatter: f) == "1 day")
        #expect(ChartAxis.label(2.5, step: 0.5, unit: .duration(.hours), formatter: f) == "2.5 hours")
        #expect(ChartAxis.label(-20, step: 20, unit: .score, formatter: f) == "-20")
    }

    @Test("an NPS series ticks at round values, never 77.7 / 58.3 / 38.9")
    func lineTicksAreRound() throws {
        let html = ReportRenderer().render(try RecipeGoldenTests.report("customer-health"), format: .html)
        let ticks = ReportParsing.matches(of: "class=\"tick\">([^<]*)</text>", in: html)
        #expect(!ticks.isEmpty)
        for tick in ticks {
            let digits = tick.filter { $0.isNumber || $0 == "." || $0 == "-" }
            let value = try #require(Double(digits), "\(tick)")
            let step = value == 0 ? 1 : abs(value) / pow(10, floor(log10(abs(value))))
            #expect([1, 2, 3, 4, 5, 6, 7, 8, 9].contains { abs(step - Double($0)) < 1e-9 }, "tick \(tick) is not a round number")
        }
    }

    // MARK: - Legends and labels

    @Test(
        "legend entries never overlap and stay inside the chart, however long the names",
        arguments: [
            ["2024-10-01 – 2024-12-31", "2023-10-01 – 2024-09-30"],
            ["calls", "meetings"],
            ["a very long measure name that cannot fit on one line of any chart at all", "b", "avg_time_in_stage_days", "median_days"],
            ["2024-Q4", "previous", "team", "goal", "last year", "partial period (dashed)", "* small sample (hollow)"],
        ])
    func legendLayout(_ names: [String]) {
        let legend = ChartLegend(names, x: 4, y: 2, width: ReportChart.width - 8, fontSize: ReportChart.fontSize)
        let boxes = legend.entries.map { $0.swatch.union($0.label) }
        for (i, a) in boxes.enumerated() {
            #expect(a.x >= 4 && a.x + a.width <= ReportChart.width - 4 + 1e-9, "\(legend.entries[i].name) runs off the chart")
            for b in boxes[(i + 1)...] { #expect(!a.overlaps(b), "\(a) overlaps \(b)") }
        }
        #expect(legend.height >= ReportChart.fontSize)
    }

    @Test("the comparison legend's entries do not overlap in the shipped report")
    func comparisonLegend() throws {
        let html = ReportRenderer().render(try RecipeGoldenTests.report("lead-source-roi"), format: .html)
        let svg = try #require(Self.svgs(html).first { $0.contains("2023-10-01 – 2024-09-30") })
        let swatches = ReportParsing.matches(of: "<rect class=\"legend-swatch\" x=\"([0-9.]+)\"", in: svg).compactMap(Double.init)
        let labels = ReportParsing.matches(of: "<text x=\"[0-9.]+\" y=\"[0-9.]+\" fill=\"[^\"]+\" class=\"legend-label\">([^<]*)</text>", in: svg)
        #expect(swatches.count == 2 && labels.count == 2)
        // The second swatch starts after the first label ends.
        #expect(
            swatches[1] >= swatches[0] + ChartLegend.swatchSize + ChartLegend.swatchGap + ChartText.width(labels[0], fontSize: ReportChart.fontSize))
    }

    @Test("period labels under a line never touch", arguments: [(14, 80.0), (6, 50.0), (52, 66.0), (2, 72.0), (1, 72.0)])
    func periodLabels(_ count: Int, _ widest: Double) {
        let plotWidth = 330.0
        let spacing = count > 1 ? plotWidth / Double(count - 1) : plotWidth
        let chosen = ReportChart.labelledPoints(count: count, spacing: spacing, widest: widest)
        #expect(chosen.first == 0 && chosen.last == count - 1)
        for (a, b) in zip(chosen, chosen.dropFirst()) { #expect(Double(b - a) * spacing >= widest + ReportChart.labelGap) }
    }

    // MARK: - Several measures, small samples, partial periods

    @Test("a bar chart of two measures draws both, grouped, with a legend naming each")
    func groupedBars() throws {
        let html = try Self.html("calls as calls, meetings as meetings by rep during 2024-Q3")
        let svg = try #require(Self.svgs(html).first)
        #expect(svg.contains("aria-label=\"bar chart: calls, meetings\""))
        #expect(ReportParsing.matches(of: "class=\"legend-label\">([^<]*)<", in: svg) == ["calls", "meetings"])
        #expect(svg.contains("fill=\"\(ReportChart.palette[1])\""))
    }

    @Test("a measure of another unit or size is left to the table, and the legend names the one drawn")
    func namesTheOneShown() throws {
        let svg = try #require(Self.svgs(try Self.html("cac by source during 2024")).first)
        #expect(ReportParsing.matches(of: "class=\"legend-label\">([^<]*)<", in: svg) == ["cac"])
        let stages = try #require(Self.svgs(try Self.html("avg_time_in_stage_days by stage during 2024")).first)
        #expect(ReportParsing.matches(of: "class=\"legend-label\">([^<]*)<", in: stages) == ["avg_time_in_stage_days", "median_days"])
    }

    @Test("partial periods are drawn dashed and hollow; small samples hollow; both explained in the legend")
    func partialAndSmallInLines() throws {
        let html = ReportRenderer().render(CaveatFixtures.report(), format: .html)
        let line = try #require(Self.svgs(html).first { $0.contains("line chart") })
        #expect(line.contains("<line class=\"partial\""))
        #expect(line.contains("stroke-dasharray=\"4 3\""))
        #expect(line.contains("<circle class=\"partial\""))
        #expect(line.contains(">partial period (dashed)</text>"))
        // The dashed segments are the first and the last; the three whole weeks are one solid line.
        #expect(ReportParsing.matches(of: "(<polyline)", in: line).count == 1)
        #expect(ReportParsing.matches(of: "(<line class=\"partial\")", in: line).count == 2)
    }

    @Test("bars of a partial period are dashed; of a small sample lighter and outlined, labelled with * and n/of, with the interval as a whisker")
    func partialAndSmallInBars() throws {
        var result = CaveatFixtures.winRates
        result.rows[1].isPartial = true
        let svg = try #require(ReportChart.svg(for: result, goal: nil, formatter: ValueFormatter(), smallSampleThreshold: 30))
        #expect(svg.contains("fill-opacity=\"0.4\" stroke=\"\(ReportChart.palette[0])\" class=\"small-sample\""))
        #expect(svg.contains(">0.0%* · 0/3</text>"))
        #expect(svg.contains("stroke-dasharray=\"3 2\" class=\"partial\""))
        #expect(svg.contains("<path class=\"interval\""))
        #expect(svg.contains(">* small sample (lighter, outlined)</text>") && svg.contains(">partial period (dashed)</text>"))
    }
}
