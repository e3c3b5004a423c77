import Foundation
import KPICore
import KPIEngine
import KPIFormula
import KPIRepl
import Testing

@Suite("Saving a session as a recipe")
struct RecipeSaveTests {
    static let statements = [
        "lead_volume by source during 2024-Q3 where rep = \"Maya Patel\"",
        "let referral = source = \"Referral\"",
        "win_rate by rep during 2024-Q3 where referral",
    ]

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-recipes-\(UUID().uuidString)")
    }

    @Test("saved literals become typed parameters and the recipe reruns to the same results")
    func roundTrip() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try RecipeFixtures.session()
        let saver = RecipeSaver(directory: directory)
        let command = try RecipeSaver.parse("maya-review rep=\"Maya Patel\" period=2024-Q3")
        let url = try saver.save(command, statements: Self.statements, registry: session.registry)
        let recipe = try RecipeLibrary.load(url)
        #expect(recipe.parameters.map(\.type) == [.text, .period])
        #expect(
            recipe.statements.map(\.text) == [
                "lead_volume by source during $period where rep = $rep", "let referral = source = \"Referral\"",
                "win_rate by rep during $period where referral",
            ])
        let report = try RecipeRunner(session: try RecipeFixtures.session()).run(recipe)
        let sources = report.sections.flatMap(\.items).compactMap { item -> String? in
            if case .statement(let entry) = item { return entry.source } else { return nil }
        }
        #expect(sources == Self.statements)
        let direct = try session.evaluate(Self.statements[0])
        guard case .statement(let entry) = report.sections[0].items[0], case .result(let result, _) = entry.outcome else {
            Issue.record("no result")
            return
        }
        #expect(result.rows == direct.rows)
    }

    @Test("a range saves only those statements, in order")
    func range() throws {
        let session = try RecipeFixtures.session()
        let text = try RecipeSaver(directory: Self.temporaryDirectory())
            .text(for: try RecipeSaver.parse("two 2-3"), statements: Self.statements, registry: session.registry)
        #expect(text.hasSuffix("let referral = source = \"Referral\"\nwin_rate by rep during 2024-Q3 where referral\n"))
        #expect(throws: DataError.self) {
            try RecipeSaver(directory: Self.temporaryDirectory()).text(
                for: try RecipeSaver.parse("x 4"), statements: Self.statements, registry: session.registry)
        }
    }

    @Test("an existing recipe is not overwritten unless the command says replace")
    func noSilentOverwrite() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try RecipeFixtures.session()
        let saver = RecipeSaver(directory: directory)
        let first = saver.handle("mine 1", statements: Self.statements, registry: session.registry)
        #expect(first.error == nil && first.output.hasPrefix("saved "))
        let url = directory.appendingPathComponent("mine.recipe")
        let before = try String(contentsOf: url, encoding: .utf8)
        let again = saver.handle("mine 3", statements: Self.statements, registry: session.registry)
        #expect(again.error?.contains("recipe.exists") == true)
        #expect(try String(contentsOf: url, encoding: .utf8) == before)
        let replaced = saver.handle("mine 3 replace", statements: Self.statements, registry: session.registry)
        #expect(replaced.output.hasPrefix("replaced "))
        #expect(try String(contentsOf: url, encoding: .utf8) != before)
    }

    @Test("a literal that is not in the statements is an error, and nothing is written")
    func missingLiteral() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let response = RecipeSaver(directory: directory).handle(
            "x rep=\"Ana\"", statements: Self.statements, registry: try RecipeFixtures.session().registry)
        #expect(response.error?.contains("recipe.save-literal") == true)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.recipe").path))
    }

    @Test("literals replace whole tokens only")
    func wholeTokens() throws {
        let text = try RecipeSaver(directory: Self.temporaryDirectory()).text(
            for: try RecipeSaver.parse("t n=30"), statements: ["count(leads where amount > 30 and amount < 300)"],
            registry: try RecipeFixtures.session().registry)
        #expect(text.contains("param n: number = 30\n"))
        #expect(text.hasSuffix("count(leads where amount > $n and amount < 300)\n"))
    }
}
