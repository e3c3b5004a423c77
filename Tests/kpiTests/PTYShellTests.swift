import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive shell end to end: the real `kpi` on the demo data, on a pseudo-terminal,
/// typed at key by key the way a user would (see ``PTYSession``).
@Suite(
    "kpi shell on a pseudo-terminal",
    .enabled(if: PTYSupport.isAvailable, "needs KPIKIT_SLOW_TESTS and util-linux script"))
struct PTYShellTests {
    // MARK: - Tab completion

    @Test("Tab completes a KPI id: win_ra ⇥ ⏎ runs win_rate")
    func tabCompletesKPIId() throws {
        let home = try TemporaryDirectory()
        let kpi = try startKPI(home: home)
        try kpi.waitForPrompt()
        try kpi.type("win_ra")
        try kpi.pressTab(expecting: "kpi> win_rate")
        let result = try kpi.pressEnter()
        #expect(result.contains("Opportunity win rate"), "the completed statement ran; output:\n\(result)")
        try expectCleanExit(kpi)
        #expect(try historyEntries(home.url.path + "/history") == ["win_rate"], "the space completion adds is not recorded")
    }

    @Test("Tab inside a quoted value completes a source: \"Ref ⇥ becomes \"Referral\" and the filtered table appears")
    func tabCompletesQuotedSource() throws {
        let home = try TemporaryDirectory()
        let kpi = try startKPI(home: home)
        try kpi.waitForPrompt()
        try kpi.type(#"win_rate by rep where source = "Ref"#)
        try kpi.pressTab(expecting: #"kpi> win_rate by rep where source = "Referral""#)
        let result = try kpi.pressEnter()
        try expectCleanExit(kpi)

        let expected = try PTYBatchRun.output(of: #"win_rate by rep where source = "Referral""#)
        #expect(result.contains("│ rep "), "a table by rep; output:\n\(result)")
        #expect(result == expected.trimmingCharacters(in: .newlines), "the same table as in batch mode; terminal:\n\(result)\nbatch:\n\(expected)")
        #expect(try historyEntries(home.url.path + "/history") == [#"win_rate by rep where source = "Referral""#])
    }

    @Test("Tab completes a function a Swift plugin registers: avg(business_da ⇥ becomes avg(business_days_between(")
    func tabCompletesPluginFunction() throws {
        let home = try TemporaryDirectory()
        let kpi = try startKPI(home: home)
        try kpi.waitForPrompt()
        try kpi.type("avg(business_da")
        try kpi.pressTab(expecting: "kpi> avg(business_days_between(")
        try kpi.type(#"created_at, closed_at)) of leads where status = "won""#)
        let result = try kpi.pressEnter()
        #expect(result.contains("days"), "the completed statement ran; output:\n\(result)")
        try expectCleanExit(kpi)
    }

    // MARK: - History

    @Test("history persists across two runs: Up ⏎ in the second run repeats the first run's statement")
    func historyAcrossRuns() throws {
        let home = try TemporaryDirectory()
        // No KPI_HISTORY or XDG_STATE_HOME: the default place under HOME is used.
        let historyPath = home.url.path + "/.local/state/kpikit/history"
        let statement = #"count(leads where source = "Referral")"#

        let first = try PTYSession(environment: PTYSupport.environment(home: home.url.path), directory: home.url.path)
        try first.waitForPrompt()
        let firstResult = try first.run(statement)
        try expectCleanExit(first)
        #expect(Int(firstResult.replacingOccurrences(of: ",", with: "")) ?? 0 > 0, "a count; output:\n\(firstResult)")

        let attributes = try FileManager.default.attributesOfItem(atPath: historyPath)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
        #expect(mode == 0o600, "history file mode is \(String(mode, radix: 8))")
        let folder = try FileManager.default.attributesOfItem(atPath: (historyPath as NSString).deletingLastPathComponent)
        #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700, "the history folder is private")
        #expect(try historyEntries(historyPath) == [statement])

        let second = try PTYSession(environment: PTYSupport.environment(home: home.url.path), directory: home.url.path)
        try second.waitForPrompt()
        second.send("\u{1B}[A")
        try second.wait(for: "Up to recall the first run's statement") { $0.cursorLine == PTYSession.prompt + statement }
        let secondResult = try second.pressEnter()
        try expectCleanExit(second)
        #expect(secondResult == firstResult, "the recalled statement gives the same result")
        #expect(try historyEntries(historyPath) == [statement], "a repeat of the newest entry is not stored twice")
    }

    // MARK: - Ctrl-C and Ctrl-D

    @Test("Ctrl-C discards a half-typed line and an unfinished statement; the shell goes on and exits 0")
    func ctrlCReturnsToPrompt() throws {
        let home = try TemporaryDirectory()
        let kpi = try startKPI(home: home)
        try kpi.waitForPrompt()

        try kpi.type("count(lea")
        var typedOn = kpi.screen.row
        kpi.send("\u{3}")
        let screen = try kpi.waitForPrompt(below: typedOn)
        #expect(screen.text.contains("kpi> count(lea^C"), "the abandoned line is marked; screen:\n\(screen.text)")

        // A statement left open over two lines is discarded as a whole.
        try kpi.type("count(")
        try kpi.pressEnter(nextPrompt: PTYSession.continuationPrompt)
        typedOn = kpi.screen.row
        kpi.send("\u{3}")
        try kpi.waitForPrompt(below: typedOn)

        let result = try kpi.run("count(leads)")
        #expect(result == "5,000", "a statement after Ctrl-C runs on its own; output:\n\(result)")
        try expectCleanExit(kpi)
        #expect(try historyEntries(home.url.path + "/history") == ["count(leads)"], "interrupted lines are not history")
    }

    @Test("Ctrl-D on an empty line leaves with status 0")
    func ctrlDExits() throws {
        let home = try TemporaryDirectory()
        let kpi = try startKPI(home: home)
        let screen = try kpi.waitForPrompt()
        #expect(screen.text.contains("KPIKit"), "the banner; screen:\n\(screen.text)")
        try expectCleanExit(kpi)
    }

    // MARK: - UTF-8

    @Test(
        "UTF-8 typed at the prompt reaches the engine intact, whatever the locale",
        arguments: [[:], ["LC_ALL": "C"], ["LANG": "C.UTF-8"]] as [[String: String]])
    func utf8Input(locale: [String: String]) throws {
        let home = try TemporaryDirectory()
        let kpi = try startKPI(home: home, extra: locale)
        try kpi.waitForPrompt()
        let defined = try kpi.run(#"let who = rep = "José Álvarez""#)
        #expect(kpi.screen.text.contains(#"kpi> let who = rep = "José Álvarez""#), "the echo is intact; screen:\n\(kpi.screen.text)")
        #expect(!defined.contains("error"), "output:\n\(defined)")
        let result = try kpi.run("count(leads where who)")
        try expectCleanExit(kpi)

        let count = Int(result.replacingOccurrences(of: ",", with: ""))
        #expect((count ?? 0) > 0, "José Álvarez owns demo leads; output:\n\(result)")
        let expected = try PTYBatchRun.output(of: "let who = rep = \"José Álvarez\"\ncount(leads where who)")
        #expect(expected.hasSuffix(result + "\n"), "the same count as in batch mode (\(expected))")
    }

    @Test("a UTF-8 statement comes back intact from the history file in the next run")
    func utf8History() throws {
        let home = try TemporaryDirectory()
        let statement = #"count(leads where rep = "Zoë Müller")"#
        let first = try startKPI(home: home)
        try first.waitForPrompt()
        let firstResult = try first.run(statement)
        try expectCleanExit(first)
        #expect(try historyEntries(home.url.path + "/history") == [statement])

        let second = try startKPI(home: home)
        try second.waitForPrompt()
        second.send("\u{1B}[A")
        try second.wait(for: "Up to recall the UTF-8 statement") { $0.cursorLine == PTYSession.prompt + statement }
        let secondResult = try second.pressEnter()
        try expectCleanExit(second)
        #expect(secondResult == firstResult)
        #expect(Int(firstResult.replacingOccurrences(of: ",", with: "")) ?? 0 > 0, "Zoë Müller owns demo leads")
    }

    // MARK: - Colour

    @Test("with colour allowed the prompt, editing and results still work, and results are coloured")
    func colourPrompt() throws {
        let home = try TemporaryDirectory()
        let kpi = try startKPI(home: home, color: true)
        try kpi.waitForPrompt()
        try kpi.type("count(leads) by stat")
        try kpi.pressTab(expecting: "kpi> count(leads) by status")
        let result = try kpi.pressEnter()
        try expectCleanExit(kpi)
        #expect(result.contains("│ won "), "the table by status; output:\n\(result)")
        #expect(kpi.rawOutput.contains("\u{1B}[1m"), "bold table headers: colour is on")
    }

    // MARK: - Mode

    @Test("with standard output piped (kpi | cat) kpi reads the terminal in batch mode: no banner, no prompt")
    func pipedOutputIsBatch() throws {
        let home = try TemporaryDirectory()
        let kpi = try PTYSession(
            environment: PTYSupport.environment(home: home.url.path, color: true, extra: ["KPI_HISTORY": home.url.path + "/history"]),
            directory: home.url.path, pipingOutput: true)
        try kpi.type("count(leads)")  // the cooked terminal echoes, whenever kpi starts reading
        kpi.send("\r")
        try kpi.wait(for: "the count") { $0.text.contains("\n5,000") }
        kpi.send("\u{4}")  // end of input on the cooked terminal
        let status = try kpi.waitForExit()
        let screen = kpi.screen.text
        #expect(status == 0, "screen:\n\(screen)")
        #expect(!screen.contains("kpi>") && !screen.contains("KPIKit"), "batch mode: no prompt or banner; screen:\n\(screen)")
        #expect(!kpi.rawOutput.contains("\u{1B}["), "batch mode: no colour or cursor codes")
        #expect(!FileManager.default.fileExists(atPath: home.url.path + "/history"), "batch statements are not history")
    }

    // MARK: - Helpers

    private func startKPI(home: TemporaryDirectory, color: Bool = false, extra: [String: String] = [:]) throws -> PTYSession {
        var variables = extra
        variables["KPI_HISTORY"] = home.url.path + "/history"
        return try PTYSession(
            environment: PTYSupport.environment(home: home.url.path, color: color, extra: variables),
            directory: home.url.path)
    }

    /// Presses Ctrl-D at an empty prompt and expects status 0.
    private func expectCleanExit(_ kpi: PTYSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
        kpi.send("\u{4}")
        let status = try kpi.waitForExit()
        #expect(status == 0, "exit status after Ctrl-D; screen:\n\(kpi.screen.text)", sourceLocation: sourceLocation)
    }

    /// The entries of a libedit history file (first line `_HiStOrY_V2_`, `vis(3)` escapes).
    private func historyEntries(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "_HiStOrY_V2_", "libedit's header; file:\n\(text)")
        lines = Array(lines.dropFirst())
        if lines.last == "" { lines.removeLast() }
        return lines.map(Self.unvis)
    }

    /// Undoes the octal escapes libedit writes (`\040` for a space).
    private static func unvis(_ line: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(line.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "\\"), input.count >= 3,
                let value = UInt8(String(decoding: input.prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                input = input.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
