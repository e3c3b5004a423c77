import KPICore
import Testing

@testable import KPIFormula

@Suite("Diagnostics")
struct DiagnosticsTests {
    @Test("renders the line with carets under the span and the suggestion")
    func render() throws {
        let source = "win_rate by rep where sorce = \"x\""
        let error = try #require(formulaError(source))
        #expect(
            error.render(source: source) == """
                error[formula.unknown-field]: unknown field 'sorce' in leads
                 --> formula:1:23
                  |
                1 | win_rate by rep where sorce = "x"
                  |                       ^^^^^ did you mean 'source'?
                """)
        #expect(error.render(source: source, label: "q.kpi").contains(" --> q.kpi:1:23"))
    }

    @Test("counts columns and caret widths in characters when multi-byte text comes first")
    func multiByte() throws {
        let source = "count(leads where source = \"José\" and sorce = \"€\")"
        let error = try #require(formulaError(source))
        let lines = error.render(source: source).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == " --> formula:1:39")
        #expect(lines[4] == "  | " + String(repeating: " ", count: 38) + "^^^^^ did you mean 'source'?")
        let wide = FormulaError(id: "formula.x", message: "m", range: SourceRange(27, 34)).render(source: source)
        #expect(wide.hasSuffix("|" + String(repeating: " ", count: 28) + "^^^^^^"))
    }

    @Test("puts a single caret after the last character for errors at the end")
    func endOfInput() throws {
        let source = "count(leads"
        let error = try #require(syntaxError(source))
        let rendered = error.render(source: source)
        #expect(rendered.contains(" --> formula:1:12"))
        #expect(rendered.hasSuffix("  | " + String(repeating: " ", count: 11) + "^"))
        #expect(FormulaError(id: "formula.x", message: "m", range: SourceRange(0, 0)).render(source: "").hasSuffix("  | ^"))
        // Ranges past the end are clamped, not trapped on.
        #expect(FormulaError(id: "formula.x", message: "m", range: SourceRange(50, 90)).render(source: "ab").hasSuffix("  | " + "  ^"))
    }

    @Test("shows the right line and column of a multi-line formula")
    func multiLine() throws {
        let source = "count(leads)\n  by sorce\n-- done"
        let error = try #require(formulaError(source))
        let lines = error.render(source: source).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == " --> formula:2:6")
        #expect(lines[3] == "2 |   by sorce")
        #expect(lines[4] == "  |      ^^^^^ did you mean 'source'?")
        // A span that runs over a line break is cut at the end of its first line.
        let spanning = FormulaError(id: "formula.x", message: "m", range: SourceRange(6, 20)).render(source: source)
        #expect(spanning.hasSuffix("1 | count(leads)\n  |       ^^^^^^"))
        // Ten lines widen the gutter.
        let tall = String(repeating: "x\n", count: 9) + "bad"
        let tallError = FormulaError(id: "formula.x", message: "m", range: SourceRange(18, 21)).render(source: tall)
        #expect(tallError.contains("  --> formula:10:1\n   |\n10 | bad\n   | ^^^"))
    }

    @Test("describes itself on one line")
    func description() {
        let error = FormulaError(id: "formula.unknown-name", message: "unknown KPI or name 'x'", range: SourceRange(0, 1), suggestion: "y")
        #expect(error.description == "error[formula.unknown-name]: unknown KPI or name 'x' (did you mean 'y'?)")
        #expect(FormulaError(id: "a", message: "b", range: SourceRange(3, 1)).range == SourceRange(3, 3))
    }

    @Test("measures edit distance over characters")
    func distance() {
        #expect(NameSuggester.distance("kitten", "sitting") == 3)
        #expect(NameSuggester.distance("", "abc") == 3)
        #expect(NameSuggester.distance("abc", "") == 3)
        #expect(NameSuggester.distance("José", "Jose") == 1)
        #expect(NameSuggester.distance("same", "same") == 0)
    }

    @Test("suggests within a third of the name's length, at least 1 and at most 3")
    func suggestionThresholds() {
        #expect(NameSuggester.suggest("sorce", among: ["source", "rep"]) == "source")
        #expect(NameSuggester.suggest("srce", among: ["source"]) == nil)
        #expect(NameSuggester.suggest("ab", among: ["abc"]) == "abc")
        #expect(NameSuggester.suggest("ab", among: ["xyz"]) == nil)
        #expect(NameSuggester.suggest("win_rat", among: ["win_rate"]) == "win_rate")
        #expect(NameSuggester.suggest("wn_rat", among: ["win_rate"]) == "win_rate")
        #expect(NameSuggester.suggest("conversion", among: ["lead_conversion"]) == nil)
        #expect(NameSuggester.suggest("abcdefghijklmnop", among: ["xyzdefghijklmnop"]) == "xyzdefghijklmnop")
        #expect(NameSuggester.suggest("abcdefghijklmnop", among: ["wxyzefghijklmnop"]) == nil)
        #expect(NameSuggester.suggest("SOURCE", among: ["source"]) == "source")
        #expect(NameSuggester.suggest("rte", among: ["rate", "rte_x", "rtea"]) == "rate")
        #expect(NameSuggester.suggest("x", among: []) == nil)
    }
}
