import Foundation
import KPICore
import KPIEngine
import KPIRepl
import Testing

@Suite("Shell settings, files and the timer")
struct ShellSettingsTests {
    @Test(".output appends every result and never truncates the file")
    func outputAppends() throws {
        let shell = try ShellFixture.demoShell()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-out-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "kept\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(shell.handle(".output \(path)").error == nil)
        let shown = shell.handle("lead_volume")
        #expect(shown.output.contains("5,000"))
        _ = shell.handle("count(customers)")
        _ = shell.handle(".output off")
        _ = shell.handle("count(surveys)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("kept\n"))
        #expect(text.contains("5,000") && text.contains("295"))
        #expect(!text.contains("406"), "after .output off nothing more is written")
    }

    @Test(".once sends only the next result to the file and not to the screen")
    func once() throws {
        let shell = try ShellFixture.demoShell()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-once-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = shell.handle(".once \(path)")
        #expect(shell.handle("count(customers)").output.isEmpty)
        #expect(shell.handle("count(surveys)").output.contains("406"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "295\n")
    }

    @Test(".timer on adds the time a statement took, after the result, on standard error")
    func timer() throws {
        let shell = try ShellFixture.demoShell()
        var ticks = [10.0, 10.25].makeIterator()
        shell.clock = { ticks.next() ?? 0 }
        _ = shell.handle(".timer on")
        let response = shell.handle("lead_volume")
        #expect(response.output.hasSuffix("5,000"), "the result alone: \(response.output)")
        #expect(response.diagnostics == ["time: 250.0 ms"])
    }

    @Test(".set changes as-of, week start, fiscal year and the small-sample mark; bad values say why")
    func settings() throws {
        let shell = try ShellFixture.demoShell()
        #expect(shell.handle(".set as-of 2024-06-30").error == nil)
        #expect(shell.session.asOf == ISO8601.parse("2024-07-01")!.milliseconds - 1)
        // "last N months" are whole months before the current one: with as-of in June that is May.
        let last = shell.handle("count(leads) during last 1 months").output
        #expect(last.hasPrefix(shell.handle("count(leads) during 2024-05").output.split(separator: "\n")[0] + "\n"))
        #expect(last.contains("period: last month = 2024-05-01 – 2024-05-31; June so far not included"), "\(last)")
        #expect(shell.handle(".set week-start sunday").error == nil)
        #expect(shell.session.options.weekStart == 7)
        #expect(shell.handle(".set fiscal-year-start april").error == nil)
        #expect(shell.session.options.fiscalYearStartMonth == 4)
        #expect(shell.handle(".set small-sample 1000").error == nil)
        #expect(shell.handle("win_rate").output.contains("* small sample"))
        #expect(shell.handle(".set week-start someday").error?.contains("weekday") == true)
        #expect(shell.handle(".set colour red").error?.contains("unknown setting") == true)
    }

    @Test(".reset forgets definitions and settings but keeps the data")
    func reset() throws {
        let shell = try ShellFixture.demoShell()
        _ = shell.handle("let referral = source = \"Referral\"")
        _ = shell.handle("kpi referral_volume = count(leads where source = \"Referral\")")
        _ = shell.handle(".set fiscal-year-start april")
        _ = shell.handle(".reset")
        #expect(shell.handle("count(leads where referral)").error?.contains("referral") == true)
        #expect(shell.handle("referral_volume").error != nil)
        #expect(shell.session.options.fiscalYearStartMonth == 1)
        #expect(shell.handle("lead_volume").output.contains("5,000"))
    }

    @Test("_ shows the last result again")
    func underscore() throws {
        let shell = try ShellFixture.demoShell()
        #expect(shell.handle("_").error != nil)
        let first = shell.handle("count(customers)").output
        #expect(shell.handle("_").output == first)
    }
}

@Suite("Completing recipe names")
struct RecipeCompletionTests {
    @Test("run <Tab> offers the shipped recipes by name")
    func recipeNames() throws {
        let completer = ShellCompleter(session: try ShellFixture.demoShell().session)
        let result = completer.complete(CompletionRequest(line: "run rep", cursorUTF8Offset: 7))
        #expect(result.candidates.map(\.text) == ["rep-scorecard"])
        #expect(result.wordLength == 3)
    }
}
