import Foundation
import KPIEngine
import KPIRepl
import Testing

/// The HTML report shows what the Markdown report shows: for every statement the same columns
/// (n, of, each measure's interval beside it), the same rows with the same markers (`*`,
/// `(partial)`), and the same lines above and under the table.
@Suite("Report parity: HTML has what Markdown has")
struct RecipeReportParityTests {
    static func compare(_ report: Report, name: String) {
        let renderer = ReportRenderer()
        let markdown = ReportParsing.markdown(renderer.render(report, format: .markdown))
        let html = ReportParsing.html(renderer.render(report, format: .html))
        #expect(markdown.count == html.count, "\(name): \(markdown.count) statements in Markdown, \(html.count) in HTML")
        for (md, page) in zip(markdown, html) {
            #expect(md.statement == page.statement, "\(name)")
            #expect(md.head == page.head, "\(name): columns of `\(md.statement)`")
            #expect(md.rows == page.rows, "\(name): rows of `\(md.statement)`\nMarkdown:\n\(md)\nHTML:\n\(page)")
            #expect(md.lead == page.lead, "\(name): the line above `\(md.statement)`")
            #expect(md.footnotes == page.footnotes, "\(name): the lines under `\(md.statement)`")
        }
    }

    @Test("each shipped recipe's HTML has the rows, columns and markers of its Markdown", arguments: RecipeFixtures.shippedNames)
    func shipped(_ name: String) throws {
        let report = try RecipeGoldenTests.report(name)
        Self.compare(report, name: name)
        // Not vacuous: every shipped recipe has tables, and the win rates carry markers.
        let blocks = ReportParsing.html(ReportRenderer().render(report, format: .html))
        #expect(blocks.contains { !$0.rows.isEmpty })
        if name == "rep-scorecard" {
            #expect(
                blocks.contains { block in block.head.contains("n") && block.head.contains("of") && block.rows.contains { $0.contains("0.0%*") } })
        }
    }

    @Test("a report with every caveat kind: HTML has the Markdown's markers and footnotes")
    func caveats() {
        Self.compare(CaveatFixtures.report(), name: "caveats")
    }

    @Test("several measures: each interval sits beside its own measure in both formats")
    func intervalsBesideTheirMeasure() throws {
        let report = try RecipeRunner(session: try RecipeFixtures.session()).run(
            try RecipeFixtures.parse(
                "title \"T\"\nlead_qualification_rate as qualified, win_rate as won by source during 2024"))
        Self.compare(report, name: "two rates")
        let block = try #require(ReportParsing.html(ReportRenderer().render(report, format: .html)).first)
        #expect(block.head == ["source", "qualified", "n", "of", "95% CI", "won", "won n", "won of", "won 95% CI"])
    }

    @Test("goals, comparisons and explanations: HTML has the columns and lines of their text tables")
    func goalsComparisonsExplanations() throws {
        let session = try RecipeFixtures.session()
        for goal in ["goal win_rate >= 30% by 2024-12-31", "goal lead_volume >= 900 by 2024-12-31 for source = \"Paid Search\""] {
            _ = try session.run(goal)
        }
        let report = try RecipeRunner(session: session).run(
            try RecipeFixtures.parse(
                """
                title "T"
                goals
                compare revenue by source during 2024-Q4 vs previous
                explain change lead_volume by source from 2024-Q3 to 2024-Q4
                """))
        Self.compare(report, name: "goals")
        let blocks = ReportParsing.html(ReportRenderer().render(report, format: .html))
        #expect(blocks[0].head == ["#", "goal", "current", "target", "progress", "expected now", "projection", "status"])
        #expect(blocks[0].rows.count >= 2)
        #expect(blocks[2].lead.first?.hasPrefix("lead_volume by source:") == true)
    }
}
