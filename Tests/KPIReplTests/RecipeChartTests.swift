import Foundation
import KPIRepl
import Testing

@Suite("Report charts")
struct ReportChartTests {
    static func html(_ body: String, goals: [String] = []) throws -> String {
        let session = try RecipeFixtures.session()
        for goal in goals { _ = try session.run(goal) }
        let report = try RecipeRunner(session: session).run(try RecipeFixtures.parse("title \"T\"\n" + body))
        return ReportRenderer().render(report, format: .html)
    }

    @Test("a series of a rate with a team goal draws the goal as a dashed reference line")
    func goalLine() throws {
        let html = try Self.html("win_rate by month during 2024", goals: ["goal win_rate >= 30% by 2024-12-31"])
        #expect(html.contains("<polyline"))
        #expect(html.contains("stroke-dasharray"))
        #expect(html.contains("goal 30.0%"))
    }

    @Test("a count series has no goal line, even with a goal on its KPI")
    func noGoalLineForCounts() throws {
        let html = try Self.html("lead_volume by month during 2024", goals: ["goal lead_volume >= 3000 by 2024-12-31"])
        #expect(html.contains("<polyline"))
        #expect(!html.contains("stroke-dasharray"))
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
}
