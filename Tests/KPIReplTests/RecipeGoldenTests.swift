import Foundation
import KPICore
import KPIEngine
import KPIRepl
import Testing

/// Each shipped recipe, run on the demo CRM as of 2024-12-31, gives the committed Markdown and
/// JSON reports (Transcripts/recipes/NAME.md and NAME.json). `KPIKIT_RECORD=1 swift test`
/// rewrites them and fails, so a new baseline is never accepted unseen.
@Suite("Recipe golden reports")
struct RecipeGoldenTests {
    static var goldens: URL { Bundle.module.url(forResource: "Transcripts", withExtension: nil)!.appendingPathComponent("recipes") }

    static func report(_ name: String) throws -> Report {
        let recipe = try RecipeLibrary.load(RecipeFixtures.shippedDirectory.appendingPathComponent(name + ".recipe"))
        return try RecipeRunner(session: try RecipeFixtures.session()).run(recipe)
    }

    @Test("each shipped recipe gives its committed Markdown and JSON", arguments: RecipeFixtures.shippedNames)
    func golden(_ name: String) throws {
        let report = try Self.report(name)
        let renderer = ReportRenderer()
        for (format, ext) in [(ReportFormat.markdown, "md"), (.json, "json")] {
            let actual = renderer.render(report, format: format)
            let file = "\(name).\(ext)"
            if ProcessInfo.processInfo.environment["KPIKIT_RECORD"] != nil {
                let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts/recipes/\(file)")
                try actual.write(to: source, atomically: true, encoding: .utf8)
                Issue.record("recorded a new baseline for \(file); run again without KPIKIT_RECORD")
                continue
            }
            let expected = try String(contentsOf: Self.goldens.appendingPathComponent(file), encoding: .utf8)
            if actual != expected {
                let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
                let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
                Issue.record("\(file) differs at line \(first + 1):\n- \(first < a.count ? a[first] : "<end>")\n+ \(first < b.count ? b[first] : "<end>")")
            }
        }
    }

    @Test("each shipped recipe checks clean on the demo data", arguments: RecipeFixtures.shippedNames)
    func checksClean(_ name: String) throws {
        let recipe = try RecipeLibrary.load(RecipeFixtures.shippedDirectory.appendingPathComponent(name + ".recipe"))
        let problems = RecipeChecker(session: try RecipeFixtures.session()).check(recipe)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("the HTML report is one self-contained page with inline SVG charts", arguments: RecipeFixtures.shippedNames)
    func html(_ name: String) throws {
        let html = ReportRenderer().render(try Self.report(name), format: .html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg class=\"chart\""))
        #expect(html.contains("name=\"viewport\""))
        for external in ["<script", "<link", "src=", "@import", "url("] {
            #expect(!html.contains(external), "\(name).html contains \(external)")
        }
    }

    @Test("a run is deterministic: the same data, parameters and as-of give the same bytes")
    func deterministic() throws {
        let first = ReportRenderer().render(try Self.report("weekly-pipeline-review"), format: .json)
        let second = ReportRenderer().render(try Self.report("weekly-pipeline-review"), format: .json)
        #expect(first == second)
    }

    @Test("the JSON report is one valid document")
    func jsonParses() throws {
        let json = ReportRenderer().render(try Self.report("monthly-kpi-review"), format: .json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["as_of"] as? String == "2024-12-31")
        #expect((object?["sections"] as? [Any])?.count == 3)
    }
}

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
