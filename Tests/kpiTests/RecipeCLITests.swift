import Foundation
import Testing

@Suite("kpi run and kpi check")
struct RecipeCLITests {
    @Test("kpi run NAME renders a shipped recipe as Markdown and JSON, deterministically")
    func run() throws {
        let markdown = try CLI.run(["run", "rep-scorecard", "--as-of", "2024-12-31", "--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown)")
        #expect(markdown.stdout.hasPrefix("# Rep scorecard"))
        let again = try CLI.run(["run", "rep-scorecard", "--as-of", "2024-12-31", "--format", "markdown"])
        #expect(again.stdout == markdown.stdout)
        let json = try CLI.run(["run", "lead-source-roi", "--as-of", "2024-12-31", "--format", "json"])
        #expect(json.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) is [String: Any])
    }

    @Test("a bad parameter value is refused, naming the parameter")
    func badParameter() throws {
        let result = try CLI.run(["run", "rep-scorecard", "--param", "period=banana"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("period"), "\(result)")
    }

    @Test("kpi check reports an unknown KPI with file:line:column and exits 2; shipped recipes pass")
    func check() throws {
        #expect(try CLI.run(["check", "weekly-pipeline-review"]).status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-bad-\(UUID().uuidString).recipe")
        defer { try? FileManager.default.removeItem(at: file) }
        try "title \"Bad\"\nsection \"One\"\nwin_rat by rep\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", file.path])
        #expect(result.status == 2, "\(result)")
        #expect((result.stdout + result.stderr).contains("\(file.path):3:1"), "\(result)")
    }

    @Test("--output writes the report atomically to a file")
    func output() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-report-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["run", "customer-health", "--format", "html", "--output", file.path])
        #expect(result.status == 0, "\(result)")
        let html = try String(contentsOf: file, encoding: .utf8)
        // Self-contained: inline SVG, nothing fetched (the SVG namespace URI is not a fetch).
        #expect(html.contains("<svg"))
        for fetch in ["src=", "<link", "<script", "@import", "url("] { #expect(!html.contains(fetch), "\(fetch) in the report") }
    }

    @Test("a parameter value that matches no row is named on stderr with the nearest value, when the report goes to a file")
    func unmatchedParameter() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-report-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLI.run(["run", "rep-scorecard", "--param", "rep=Maya Patell", "--format", "html", "--output", file.path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("note: no row of leads has rep \"Maya Patell\" (did you mean \"Maya Patel\"?)"), "\(result)")
        // The report itself says it under each table too.
        #expect(try String(contentsOf: file, encoding: .utf8).contains("did you mean &quot;Maya Patel&quot;?"))
    }

    @Test("kpi run --format html shows the Markdown report's n, of and * markers, and statements without 'where true'")
    func htmlReport() throws {
        let html = try CLI.run(["run", "rep-scorecard", "--as-of", "2024-12-31", "--format", "html"])
        #expect(html.status == 0, "\(html)")
        #expect(html.stdout.contains("<th class=\"n\">n</th><th class=\"n\">of</th>"))
        #expect(html.stdout.contains("<td class=\"n small\">0.0%*</td>"))
        #expect(html.stdout.contains(">0.0%* · 0/3</text>"))
        #expect(html.stdout.contains("<li class=\"foot-marker-small-sample\">"))
        #expect(!html.stdout.contains("where true"))
    }
}
