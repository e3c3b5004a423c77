import Foundation
import KPICore
import KPIEngine
import KPIFormula
import KPIRepl
import Testing

@Suite("Recipe format and parameters")
struct RecipeParameterTests {
    static let header = """
        title "Test"
        description "A test recipe."
        param rep: text = all
        param period: period = 2024-Q3
        param floor: number = 25%
        param since: date = 2024-01-01
        param kpi: kpi = win_rate
        param by: field = source

        """

    @Test("the header, sections, notes and multi-line statements parse with their lines")
    func parsesStructure() throws {
        let recipe = try RecipeFixtures.parse(
            Self.header + """
                -- a comment
                section "One"
                note "Why this matters."
                count(leads)
                lead_volume by source \\
                  during $period
                """)
        #expect(recipe.title == "Test")
        #expect(recipe.parameters.map(\.name) == ["rep", "period", "floor", "since", "kpi", "by"])
        #expect(recipe.parameters[0].type == .text && recipe.parameters[0].defaultValue == "all")
        #expect(recipe.statements.map(\.line) == [12, 13])
        #expect(recipe.statements[1].text == "lead_volume by source \n  during $period")
        #expect(recipe.items.count == 4)
    }

    @Test("a text parameter becomes a quoted literal; 'all' turns its comparison into true")
    func textSubstitution() throws {
        let recipe = try RecipeFixtures.parse(Self.header + "win_rate by rep where rep = $rep during $period")
        let runner = RecipeRunner(session: try RecipeFixtures.session())
        let all = Dictionary(uniqueKeysWithValues: try runner.bind(recipe, values: [:]).map { ($0.parameter.name, $0) })
        #expect(
            try RecipeSubstitution.apply(to: recipe.statements[0], parameters: all, file: "t").text == "win_rate by rep where true during 2024-Q3")
        let one = Dictionary(uniqueKeysWithValues: try runner.bind(recipe, values: ["rep": "Ana \"AJ\" Ruiz"]).map { ($0.parameter.name, $0) })
        #expect(
            try RecipeSubstitution.apply(to: recipe.statements[0], parameters: one, file: "t").text
                == "win_rate by rep where rep = \"Ana \\\"AJ\\\" Ruiz\" during 2024-Q3")
    }

    @Test("a text value with a backslash is written so that the formula reads the same text back")
    func backslashInTextValue() throws {
        let parameter = RecipeParameter(name: "rep", type: .text, defaultValue: "all", line: 1)
        let bound = try RecipeValue.bind(parameter, to: #"C:\new\tab "x""#, registry: nil)
        let tokens = try Lexer.tokenize(try #require(bound.literal))
        #expect(tokens.first?.kind == .string(#"C:\new\tab "x""#))
    }

    @Test("a parameter's default keeps a -- inside an escaped string; only a comment after it is dropped")
    func dashesInsideDefault() throws {
        let recipe = try RecipeFixtures.parse(
            """
            title "T"
            param who: text = "say \\"hi -- there\\"" -- the greeting
            count(leads)
            """)
        #expect(recipe.parameters.first?.defaultValue == #""say \"hi -- there\"""#)
    }

    @Test("a statement line that ends in an escaped backslash in a string is complete")
    func escapedBackslashClosesString() {
        var buffer = StatementBuffer()
        #expect(buffer.add(#"let folder = "C:\\""#) == #"let folder = "C:\\""#)
        #expect(!buffer.isPending)
    }

    @Test(
        "a report prints the statement without the always-true condition 'all' leaves",
        arguments: [
            ("win_rate by rep where rep = $rep during $period", "win_rate by rep during 2024-Q3"),
            ("lead_volume by source during $period where rep = $rep", "lead_volume by source during 2024-Q3"),
            ("count(leads where rep = $rep)", "count(leads)"),
            ("win_rate by rep where rep = $rep and source = \"Web\"", "win_rate by rep where source = \"Web\""),
            ("win_rate by rep where source = \"Web\" and rep = $rep during $period", "win_rate by rep where source = \"Web\" during 2024-Q3"),
            ("win_rate where rep = $rep AND rep = $rep", "win_rate"),
            ("compare win_rate by rep during $period where rep = $rep vs team", "compare win_rate by rep during 2024-Q3 vs team"),
            ("win_rate by rep \\\n  where rep = $rep \\\n  during $period", "win_rate by rep \n  during 2024-Q3"),
            // Dropping it next to `or` or `not` would change the meaning: it stays.
            ("win_rate where rep = $rep or source = \"Web\"", "win_rate where true or source = \"Web\""),
            ("win_rate where not rep = $rep", "win_rate where not true"),
        ])
    func readableStatement(_ statement: String, _ printed: String) throws {
        let recipe = try RecipeFixtures.parse(Self.header + statement)
        let runner = RecipeRunner(session: try RecipeFixtures.session())
        let all = Dictionary(uniqueKeysWithValues: try runner.bind(recipe, values: [:]).map { ($0.parameter.name, $0) })
        #expect(try RecipeSubstitution.apply(to: recipe.statements[0], parameters: all, file: "t").displayText == printed)
    }

    @Test("no shipped recipe's report prints 'where true'", arguments: RecipeFixtures.shippedNames)
    func shippedStatementsRead(_ name: String) throws {
        let report = try RecipeGoldenTests.report(name)
        for format in OutputFormat.allCases {
            #expect(!ReportRenderer().render(report, format: format).contains("where true"), "\(name) as \(format)")
        }
    }

    @Test("'all' outside a FIELD = $name comparison is an error at its column")
    func allNeedsComparison() throws {
        let recipe = try RecipeFixtures.parse(Self.header + "count(leads where rep != $rep)")
        let error = #expect(throws: DataError.self) { try RecipeRunner(session: try RecipeFixtures.session()).run(recipe) }
        #expect(error?.id == "recipe.all-needs-comparison")
        #expect(error?.location.line == 9 && error?.location.column == 26, "\(String(describing: error))")
    }

    @Test("defaults are used when no value is given, and marked as defaults")
    func defaults() throws {
        let recipe = try RecipeFixtures.parse(Self.header + "count(leads)")
        let bound = try RecipeRunner(session: try RecipeFixtures.session()).bind(recipe, values: ["floor": "0.3"])
        #expect(bound.map(\.isDefault) == [true, true, false, true, true, true])
        #expect(bound[2].literal == "0.3" && bound[0].literal == nil && bound[4].literal == "win_rate")
    }

    @Test(
        "bad values are errors that name the parameter",
        arguments: [
            ("floor", "lots"), ("since", "2024-13-45"), ("period", "2024 where source = \"x\""), ("kpi", "win_rat"), ("by", "source; drop"),
        ])
    func badValues(_ name: String, _ value: String) throws {
        let recipe = try RecipeFixtures.parse(Self.header + "count(leads)")
        let error = #expect(throws: DataError.self) { try RecipeRunner(session: try RecipeFixtures.session()).bind(recipe, values: [name: value]) }
        #expect(error?.id == "recipe.bad-param")
        #expect(error?.message.contains("parameter '\(name)'") == true)
    }

    @Test("an unknown KPI value suggests the nearest one")
    func kpiSuggestion() throws {
        let recipe = try RecipeFixtures.parse(Self.header + "count(leads)")
        let error = #expect(throws: DataError.self) {
            try RecipeRunner(session: try RecipeFixtures.session()).bind(recipe, values: ["kpi": "win_rat"])
        }
        #expect(error?.message.contains("did you mean 'win_rate'?") == true)
    }

    @Test("a value for an undeclared parameter is refused")
    func unknownParameter() throws {
        let recipe = try RecipeFixtures.parse(Self.header + "count(leads)")
        let error = #expect(throws: DataError.self) { try RecipeRunner(session: try RecipeFixtures.session()).bind(recipe, values: ["reps": "x"]) }
        #expect(error?.id == "recipe.unknown-param")
        #expect(error?.message.contains("did you mean 'rep'?") == true)
    }

    @Test("a bad default is reported at its declaration")
    func badDefault() {
        let error = #expect(throws: DataError.self) { try RecipeFixtures.parse("title \"T\"\nparam n: number = many\ncount(leads)") }
        #expect(error?.id == "recipe.bad-param")
        #expect(error?.location.line == 2 && error?.location.column == 19)
    }

    @Test(
        "header mistakes are errors with file:line:column",
        arguments: [
            ("count(leads)", "recipe.no-title", 1),
            ("title \"T\"\ncount(leads)\nparam x: text = a", "recipe.header-order", 3),
            ("title \"T\"\nparam x: colour = red", "recipe.param-type", 2),
            ("title \"T\"\nparam x: text", "recipe.param-syntax", 2),
            ("title \"T\"\nparam x: text = a\nparam x: text = b", "recipe.duplicate-param", 3),
            ("title T", "recipe.syntax", 1),
            ("title \"T\"\ncount(leads where", "recipe.unterminated", 2),
        ])
    func headerErrors(_ text: String, _ id: String, _ line: Int) {
        let error = #expect(throws: DataError.self) { try RecipeFixtures.parse(text) }
        #expect(error?.id.rawValue == id)
        #expect(error?.location.line == line)
        #expect(error?.location.file == "test.recipe")
    }

    @Test("a period's .label and .previous are its calendar period and the one before")
    func periodLabels() throws {
        let recipe = try RecipeFixtures.parse(
            "title \"T\"\nparam m: period = last month\nexplain change lead_volume by source from $m.previous to $m.label")
        let report = try RecipeRunner(session: try RecipeFixtures.session()).run(recipe)
        guard case .statement(let entry) = report.sections[0].items[0] else {
            Issue.record("no statement")
            return
        }
        #expect(entry.source == "explain change lead_volume by source from 2024-10 to 2024-11")
    }

    @Test("a run reports the parameters used and the as-of")
    func reportHeader() throws {
        let recipe = try RecipeFixtures.parse(Self.header + "section \"S\"\nlead_volume during $period where rep = $rep")
        let report = try RecipeRunner(session: try RecipeFixtures.session()).run(recipe, parameters: ["rep": "Maya Patel"])
        #expect(report.asOfText == "2024-12-31")
        #expect(report.parameters.first?.value == "Maya Patel")
        #expect(report.sections.map(\.title) == ["S"])
        let text = ReportRenderer().render(report, format: .table)
        #expect(text.contains("rep = Maya Patel, period = 2024-Q3 (default)"))
    }

    @Test("run NAME k=v at the prompt splits quoted values")
    func shellArguments() throws {
        let shell = Shell(session: try RecipeFixtures.session())
        let library = RecipeLibrary(directories: [RecipeFixtures.shippedDirectory])
        let response = RecipeShellCommand.handle("run rep-scorecard rep=\"Maya Patel\" period=2024-Q3", shell: shell, library: library)
        #expect(response.error == nil)
        #expect(response.output.contains("where rep = \"Maya Patel\""))
        let missing = RecipeShellCommand.handle("run rep-scorecrd", shell: shell, library: library)
        #expect(missing.error?.contains("did you mean 'rep-scorecard'?") == true)
    }
}
