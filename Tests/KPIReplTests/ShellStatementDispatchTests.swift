import Foundation
import KPIEngine
import KPIRepl
import Testing

@Suite("Shell: statements dispatch on what the parser read")
struct ShellStatementDispatchTests {
    @Test("a run argument that is not NAME=VALUE is shown with a caret under it (it had none)")
    func runArgumentCaret() throws {
        let shell = try ShellFixture.demoShell()
        let error = try #require(shell.handle("run rep-scorecard rep=Ana =x").error)
        let lines = error.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("error[recipe.bad-argument]: '=x' is not NAME=VALUE") == true, "\(error)")
        #expect(error.contains("--> formula:1:27"), "\(error)")
        // The caret line puts `^^` under `=x`, the 27th and 28th characters of the statement.
        let source = try #require(lines.firstIndex { $0.hasSuffix("run rep-scorecard rep=Ana =x") })
        let caretLine = try #require(lines.dropFirst(source + 1).first)
        let sourceLine = lines[source]
        let column = sourceLine.count - "=x".count
        #expect(caretLine.count >= column + 2, "\(error)")
        #expect(Array(caretLine).dropFirst(column).prefix(2) == ["^", "^"], "\(error)")
    }

    @Test("? NAME and describe NAME describe; neither enters the statement history")
    func describe() throws {
        let shell = try ShellFixture.demoShell()
        let asked = shell.handle("? win_rate")
        let described = shell.handle("describe win_rate")
        #expect(asked.error == nil && described.error == nil)
        #expect(asked.output == described.output && asked.output.contains("win_rate"))
        _ = shell.handle("lead_volume")
        #expect(shell.statementHistory == ["lead_volume"])
    }

    @Test("compare, explain change and goals run through the session from the shell")
    func sessionStatements() throws {
        let shell = try ShellFixture.demoShell()
        #expect(shell.handle("compare lead_volume during 2024-01 vs previous").error == nil)
        #expect(shell.handle("explain change lead_volume by source from 2023 to 2024").error == nil)
        #expect(shell.handle("goals").error == nil)
    }
}
