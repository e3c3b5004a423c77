import Foundation
import KPICore
import KPIFormula
import Testing

@testable import KPIRepl

/// Every caveat a result carries reaches every report format: the resolved period and each
/// note as footnotes under the result (Markdown, text, HTML) and as `period` / `notes` in JSON;
/// partly covered rows marked `(partial)` (`"partial": true`); averages on small samples
/// starred like rates (`small_sample`).
@Suite("Report caveats")
struct RecipeCaveatTests {
    static let report = CaveatFixtures.report()
    static func render(_ format: OutputFormat) -> String { ReportRenderer().render(report, format: format) }

    @Test("the hand-built caveat report gives its committed Markdown, JSON, HTML and text")
    func golden() throws {
        for format in [OutputFormat.markdown, .json, .html, .table] {
            try RecipeGolden.check(Self.render(format), file: "caveats.\(format.fileExtension)")
        }
    }

    static let allNotes = [CaveatFixtures.weekly, CaveatFixtures.responseTimes, CaveatFixtures.winRates, CaveatFixtures.revenue].flatMap(\.notes)

    @Test("the fixture covers every kind of note")
    func fixtureCoversEveryKind() {
        #expect(Set(Self.allNotes.map(\.kind)) == Set(ResultNote.Kind.allCases))
    }

    @Test("each kind of note is a footnote in Markdown, text and HTML and an entry of JSON's notes", arguments: ResultNote.Kind.allCases)
    func noteInEveryFormat(_ kind: ResultNote.Kind) throws {
        for note in Self.allNotes where note.kind == kind {
            // A period note that repeats the resolved period is printed once, as the period line.
            let message = kind == .period ? "Period: " + note.message : note.message
            #expect(Self.render(.markdown).contains("\n- " + message + "\n"), "Markdown lacks \(kind)")
            // Text reports print the shell's table, whose footnotes are `period: …` and `note: …`.
            let textLine = (kind == .period ? "period: " : "note: ") + note.message
            #expect(Self.render(.table).contains("\n" + textLine + "\n"), "text lacks \(kind)")
            let htmlClass = kind == .period ? "period" : kind.rawValue
            #expect(Self.render(.html).contains("<li class=\"foot-\(htmlClass)\">\(HTMLReportRenderer.escape(message))</li>"), "HTML lacks \(kind)")
            #expect(
                Self.render(.json).contains("{\"kind\": \"\(kind.rawValue)\", \"message\": \(JSONText.string(note.message))}"), "JSON lacks \(kind)")
        }
    }

    @Test("the resolved period is printed under each result and given as from/to in JSON")
    func periods() throws {
        let markdown = Self.render(.markdown)
        #expect(markdown.contains("- Period: last 13 weeks = 2024-09-30 – 2024-12-31\n"))
        #expect(markdown.contains("- Period: last 4 weeks = 2024-12-04 – 2024-12-31\n"))
        #expect(Self.render(.table).contains("\nperiod: last 13 weeks = 2024-09-30 – 2024-12-31\n"))
        // JSON items carry the result's own JSON, as `kpi eval --format json` prints it.
        let json = try JSONSerialization.jsonObject(with: Data(Self.render(.json).utf8)) as! [String: Any]
        let items = (json["sections"] as! [[String: Any]]).flatMap { $0["items"] as! [[String: Any]] }
        let output = { (i: Int) in items[i]["output"] as! [String: Any] }
        let period = try #require(output(0)["period"] as? [String: String])
        #expect(period == ["from": "2024-09-30T00:00:00Z", "to": "2025-01-01T00:00:00Z", "text": "last 13 weeks = 2024-09-30 – 2024-12-31"])
        #expect(output(2)["period"] == nil)
        #expect((output(2)["notes"] as? [[String: String]])?.first == ["kind": "small-sample", "message": "Events rests on 3 opportunities"])
    }

    @Test("partly covered rows are marked (partial) in Markdown and HTML, ◔ in text and flagged in JSON")
    func partialRows() throws {
        let markdown = Self.render(.markdown), html = Self.render(.html), text = Self.render(.table)
        #expect(markdown.contains("| 2024-09-30 (partial) | 33 |") && markdown.contains("| 2024-10-28 (partial) | 22 |"))
        #expect(markdown.contains("| 2024-10-07 | 69 |"))
        #expect(markdown.contains("- " + ReportTable.partialLegend + "\n"))
        #expect(html.contains("<tr class=\"partial\"><td>2024-09-30 (partial)</td>"))
        #expect(text.contains("│ 2024-09-30 ◔ │") && text.contains("│ 2024-10-28 ◔ │") && text.contains("│ 2024-10-07   │"))
        #expect(text.contains("$187,200 ◔\n"))
        let json = try JSONSerialization.jsonObject(with: Data(Self.render(.json).utf8)) as! [String: Any]
        let items = (json["sections"] as! [[String: Any]]).flatMap { $0["items"] as! [[String: Any]] }
        let rows = (items[0]["output"] as! [String: Any])["rows"] as! [[String: Any]]
        #expect(rows.map { $0["partial"] as? Bool } == [true, false, false, false, true])
        #expect((items[3]["output"] as! [String: Any])["partial"] as? Bool == true)
    }

    @Test("averages on a small sample get the * of rates, in every format")
    func smallAverages() throws {
        let markdown = Self.render(.markdown)
        #expect(markdown.contains("| Amélie Dubois | 7.6 hours* | 1.2 hours – 15.3 hours | 9.3 hours* | 4 |"))
        #expect(markdown.contains("| Noah Brooks | 7.3 hours | 1.0 hour – 13.6 hours | 4.5 hours | 45 |"))
        #expect(markdown.contains("- \\* small sample: rests on fewer than 30 values"))
        let html = Self.render(.html)
        #expect(html.contains("<td class=\"n small\">7.6 hours*</td>"))
        #expect(html.contains("<li class=\"foot-marker-small-sample\">* small sample: rests on fewer than 30 values"))
        #expect(Self.render(.table).contains("│ Amélie Dubois │ 7.6 hours* │"))
        #expect(Self.render(.table).contains("│ Noah Brooks   │ 7.3 hours  │"))
        let json = try JSONSerialization.jsonObject(with: Data(Self.render(.json).utf8)) as! [String: Any]
        let items = (json["sections"] as! [[String: Any]]).flatMap { $0["items"] as! [[String: Any]] }
        let rows = (items[1]["output"] as! [String: Any])["rows"] as! [[String: Any]]
        #expect(rows.map { $0["small_sample"] as? Bool } == [true, true, false])
    }

    @Test("a rate at 0 of 3 shows its n and of and the small-sample marker in the HTML table and chart")
    func zeroOfThree() {
        let html = Self.render(.html)
        #expect(html.contains("<tr><td>Events</td><td class=\"n small\">0.0%*</td><td class=\"n\">0</td><td class=\"n\">3</td>"))
        #expect(html.contains(">0.0%* · 0/3</text>"))
        #expect(html.contains("class=\"small-sample\""))
    }

}
