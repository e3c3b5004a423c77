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
    static func report(_ name: String) throws -> Report {
        let recipe = try RecipeLibrary.load(RecipeFixtures.shippedDirectory.appendingPathComponent(name + ".recipe"))
        return try RecipeRunner(session: try RecipeFixtures.session()).run(recipe)
    }

    @Test("each shipped recipe gives its committed Markdown and JSON", arguments: RecipeFixtures.shippedNames)
    func golden(_ name: String) throws {
        let report = try Self.report(name)
        let renderer = ReportRenderer()
        for format in [OutputFormat.markdown, .json] {
            try RecipeGolden.check(renderer.render(report, format: format), file: "\(name).\(format.fileExtension)")
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
