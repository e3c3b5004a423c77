import Foundation
import KPIFormula
import KPIRepl
import Testing

/// The shell, `.help` and the documentation read the functions from one catalogue
/// (`FormulaVocabulary`); before it, the completer had drifted from the binder and offered no
/// `first`, `last`, `next`, `previous`, `count_distinct`, `mean` or `seconds_between`.
@Suite("Functions and keywords from one catalogue")
struct FormulaVocabularyTests {
    @Test(
        "completion offers every function the binder knows, with its bracket",
        arguments: [
            "first", "last", "next", "previous", "count_distinct", "mean", "seconds_between",
        ])
    func completesFunction(name: String) throws {
        let completer = ShellCompleter(session: try ShellFixture.demoShell().session)
        let line = "avg(" + name
        let result = completer.complete(CompletionRequest(line: line, cursorUTF8Offset: line.utf8.count))
        #expect(result.candidates.map(\.text).contains(name + "("), "\(result.candidates.map(\.text))")
    }

    @Test("every function's example runs on the demo data")
    func examplesRun() throws {
        let shell = try ShellFixture.demoShell()
        for function in FormulaVocabulary.functions {
            let response = shell.handle(function.example)
            #expect(response.error == nil, "\(function.name): \(function.example): \(response.error ?? "")")
            #expect(function.example.contains(function.name), "\(function.name)'s example does not use it")
        }
    }

    @Test("? NAME describes every function, and .help functions lists them all")
    func helpKnowsEveryFunction() throws {
        let shell = try ShellFixture.demoShell()
        let list = try ShellFixture.output(shell, ".help functions")
        for function in FormulaVocabulary.functions {
            let described = try ShellFixture.output(shell, "? " + function.name)
            #expect(described.contains(function.signature), "? \(function.name): \(described)")
            #expect(list.contains(function.signature), "\(function.name) missing from .help functions")
        }
    }

    @Test("an unknown function's \"did you mean\" comes from the catalogue (previous, next were never offered)")
    func suggestionsFromCatalogue() throws {
        let shell = try ShellFixture.demoShell()
        let error = try #require(shell.handle("count(leads) - previus(count(leads)) by month").error)
        #expect(error.contains("formula.unknown-function") && error.contains("did you mean 'previous'"), "\(error)")
    }

    @Test("docs/formula-language.md lists the catalogue's functions (KPIKIT_RECORD=1 rewrites the table and fails)")
    func documentationTable() throws {
        let url = PackagePaths.repositoryRoot.appendingPathComponent("docs/formula-language.md")
        let page = try String(contentsOf: url, encoding: .utf8)
        let begin = "<!-- functions:begin -->\n", end = "<!-- functions:end -->"
        let start = try #require(page.range(of: begin), "no functions:begin marker")
        let stop = try #require(page.range(of: end, range: start.upperBound..<page.endIndex), "no functions:end marker")
        let expected = FormulaVocabulary.markdownTable + "\n"
        let written = String(page[start.upperBound..<stop.lowerBound])
        if written != expected, ProcessInfo.processInfo.environment["KPIKIT_RECORD"] == "1" {
            try (page.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: expected)).write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded the functions table into docs/formula-language.md; run again without KPIKIT_RECORD")
            return
        }
        #expect(written == expected, "docs/formula-language.md's functions table differs from FormulaVocabulary.markdownTable")
    }
}
