import Foundation
import KPICore
import KPIEngine
import KPIRepl
import Testing

@Suite("kpi check: recipes are validated before anything runs")
struct RecipeCheckTests {
    static func problems(_ text: String, values: [String: String] = [:]) throws -> [DataError] {
        RecipeChecker(session: try RecipeFixtures.session()).check(try RecipeFixtures.parse(text), parameters: values)
    }

    @Test("an unknown KPI is reported at its file:line:column with a suggestion")
    func unknownKPI() throws {
        let problems = try Self.problems("title \"T\"\nparam p: period = 2024-Q3\n\nsection \"S\"\n  win_rat by source during $p")
        #expect(problems.count == 1)
        #expect(problems.first?.location == SourceLocation(file: "test.recipe", line: 5, column: 3))
        #expect(problems.first?.message.contains("win_rate") == true)
    }

    @Test("positions after a substituted parameter point into the text as written")
    func positionsAfterSubstitution() throws {
        let problems = try Self.problems("title \"T\"\nparam rep: text = \"Maya Patel\"\ncount(leads) where rep = $rep and sorce = \"Web\"")
        #expect(problems.first?.id == "formula.unknown-field")
        #expect(problems.first?.location.line == 3 && problems.first?.location.column == 35)
    }

    @Test("unit errors, unknown parameters and refused statements are all listed, in order")
    func severalProblems() throws {
        let problems = try Self.problems(
            """
            title "T"
            sum(amount) of leads + count(leads)
            count(leads) during $when
            goal win_rate >= 30% by 2024-12-31
            compare win_rat by source vs previous
            explain change lead_volume by sorce from 2024-Q1 to 2024-Q2
            goals
            """)
        #expect(
            problems.map(\.id) == [
                "formula.unit", "recipe.unknown-param", "recipe.unsupported-statement", "formula.unknown-name", "formula.unknown-field",
            ], "\(problems)")
        #expect(problems.map { $0.location.line ?? 0 } == [2, 3, 4, 5, 6])
    }

    @Test("a bad parameter value is reported before any statement is planned")
    func badValue() throws {
        let problems = try Self.problems("title \"T\"\nparam p: period = 2024-Q3\nwin_rat during $p", values: ["p": "next tuesday"])
        #expect(problems.map(\.id) == ["recipe.bad-param"])
    }

    @Test("let and kpi definitions are known to the statements after them")
    func definitions() throws {
        let problems = try Self.problems(
            """
            title "T"
            let referral = source = "Referral"
            kpi referral_share = count(leads where referral) / count(leads) unit ratio
            referral_share by month
            """)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("a goal statement in a recipe is refused when run, so reports never edit the goals file")
    func goalRefused() throws {
        let recipe = try RecipeFixtures.parse("title \"T\"\ngoal win_rate >= 30% by 2024-12-31")
        let error = #expect(throws: DataError.self) { try RecipeRunner(session: try RecipeFixtures.session()).run(recipe) }
        #expect(error?.id == "recipe.unsupported-statement")
    }
}
