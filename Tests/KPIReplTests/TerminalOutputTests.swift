import Foundation
import KPICore
import KPIEngine
import KPIFormula
import KPIRepl
import Testing

/// What a terminal and the files beside it get: colour only on the screen and never counted in
/// widths, wide tables fitted to the width, `time:` last.
@Suite("Colour, widths and files")
struct TerminalOutputTests {
    static func colouredShell(width: Int = 100, fits: Bool = false) throws -> Shell {
        let shell = try ShellFixture.demoShell()
        shell.renderer = ResultRenderer(color: true, width: width)
        shell.renderer.fitsWidth = fits
        return shell
    }

    static let goals = [
        "goal win_rate >= 30% by 2024-12-31 for rep = \"Maya Patel\"", "goal win_rate >= 30% by 2024-12-31 for rep = \"Ava Thompson\"",
        "goal count(leads) >= 100 by 2024-12-31",
    ]

    @Test("the goals table lines up with colour on: coloured statuses take the width of plain ones")
    func goalsAlignWithColour() throws {
        let coloured = try Self.colouredShell(), plain = try ShellFixture.demoShell()
        for goal in Self.goals {
            _ = try ShellFixture.output(coloured, goal)
            _ = try ShellFixture.output(plain, goal)
        }
        let table = try ShellFixture.output(coloured, "goals")
        #expect(table.contains("\u{1b}[31mbehind"), "statuses are coloured: \(table)")
        #expect(ANSI.strip(table) == (try ShellFixture.output(plain, "goals")), "colour changes nothing but colour")
        let box = ANSI.strip(table).split(separator: "\n").prefix { !$0.hasPrefix("`") }
        #expect(box.count == 3 + 4 + 1, "header, 3 goals, a team roll-up: \(table)")
        #expect(Set(box.map { TextWidth.of(String($0)) }).count == 1, "every line of the box has one width:\n\(ANSI.strip(table))")
    }

    @Test(".once and .output files get no escape byte even with colour on; the screen keeps its colour")
    func filesWithoutEscapes() throws {
        let shell = try Self.colouredShell()
        let scratch = try TemporaryDirectory()
        let once = scratch.url.appendingPathComponent("once.txt").path, output = scratch.url.appendingPathComponent("output.txt").path
        _ = shell.handle(".once \(once)")
        #expect(shell.handle("win_rate by region").output.isEmpty)
        _ = shell.handle(".output \(output)")
        let shown = shell.handle("win_rate")
        _ = shell.handle("goal win_rate >= 30% by 2024-12-31")
        _ = shell.handle("goals")
        _ = shell.handle(".output off")
        #expect(shown.output.contains("\u{1b}["), "the screen is coloured: \(shown.output)")
        for path in [once, output] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(!bytes.isEmpty)
            #expect(!bytes.contains(0x1B), "\(path) has an ESC byte:\n\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(try String(contentsOfFile: once, encoding: .utf8).contains("│ region "))
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("behind"))
    }

    @Test(
        "colour only on a terminal, and never with NO_COLOR set (an empty NO_COLOR does not count) or TERM=dumb",
        arguments: [
            ([:], true, true), (["NO_COLOR": "1"], true, false), (["NO_COLOR": ""], true, true), ([:], false, false),
            (["TERM": "dumb"], true, false), (["TERM": "xterm-256color"], true, true),
        ] as [([String: String], Bool, Bool)])
    func colourAllowed(environment: [String: String], terminal: Bool, expected: Bool) {
        #expect(ANSI.isColorAllowed(environment: environment, isTerminal: terminal) == expected)
    }

    @Test("stripping escapes leaves the text: SGR codes, other CSI sequences and lone ESC bytes go")
    func strip() {
        #expect(ANSI.strip("\u{1b}[1;36m18.4%\u{1b}[0m (46 / 250)") == "18.4% (46 / 250)")
        #expect(ANSI.strip("a\u{1b}[2Kb\u{1b}c\u{1b}") == "ab", "ESC c is one escape; a lone ESC at the end goes too")
        #expect(ANSI.strip("plain │ text") == "plain │ text")
    }

    /// A result with several measures, each with a rate's parts and an interval: wider than 60 columns.
    static let wide = QueryResult(
        keyNames: ["region"],
        rows: [
            .init(keys: [.text("EMEA")], measures: [Measure(numerator: 114, denominator: 351), Measure(numerator: 40, denominator: 200)]),
            .init(keys: [.text("APAC")], measures: [Measure(numerator: 41, denominator: 138), Measure(numerator: 12, denominator: 90)]),
        ],
        measureNames: ["win_rate", "conversion"], units: [.ratio, .ratio])

    @Test("a wide table leaves out trailing columns to fit, names them, and .last shows all")
    func wideTableFits() throws {
        var renderer = ResultRenderer(color: false, width: 60)
        let full = renderer.render(Self.wide, format: .table)
        #expect(full.split(separator: "\n").contains { TextWidth.of(String($0)) > 60 }, "the test needs a wide table:\n\(full)")
        renderer.fitsWidth = true
        let fitted = renderer.render(Self.wide, format: .table)
        let lines = fitted.split(separator: "\n").map(String.init)
        #expect(lines.dropLast(2).allSatisfy { TextWidth.of($0) <= 60 }, "\(fitted)")
        #expect(lines[1].hasPrefix("│ region │ win_rate │"), "the key and the headline figure stay: \(fitted)")
        #expect(lines.last == "3 columns not shown: conversion_numerator, conversion_denominator, conversion 95% CI; .last shows all")
        #expect(
            renderer.render(Self.wide, format: .csv) == ResultRenderer(color: false, width: 60).render(Self.wide, format: .csv),
            "only tables are fitted")

        let shell = try ShellFixture.demoShell()
        shell.renderer = renderer
        let shown = try ShellFixture.output(shell, "sales_cycle_days by region")
        #expect(shown.contains("not shown: ") && shown.hasSuffix("; .last shows all"), "\(shown)")
        let last = try ShellFixture.output(shell, ".last")
        #expect(!last.contains("not shown"), "\(last)")
        #expect(last.contains("median") && last.contains("95% CI"))
    }

    @Test("a narrow goals table leaves out the pace columns first and keeps the goal, current value and status")
    func narrowGoals() throws {
        let shell = try Self.colouredShell(width: 90, fits: true)
        _ = try ShellFixture.output(shell, Self.goals[0])
        let table = ANSI.strip(try ShellFixture.output(shell, "goals"))
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("│ # │ goal ") && lines[1].contains("│ current ") && lines[1].hasSuffix("│ status │"), "\(table)")
        #expect(lines[5].hasSuffix("progress, expected now, projection; .last shows all"), "\(table)")
        #expect(lines.prefix(5).allSatisfy { TextWidth.of($0) <= 90 }, "\(table)")
    }
}

/// The loop's order of output and its error locations, with a scripted input.
@Suite("REPL output order, error places and history")
struct REPLOutputTests {
    /// Lines to read, then the end of the input.
    final class ScriptedReader: LineReader {
        var lines: [String]
        init(_ lines: [String]) { self.lines = lines }
        func readLine(prompt: String) -> LineInput { lines.isEmpty ? .endOfInput : .line(lines.removeFirst()) }
        func addToHistory(_ statement: String) throws {}
    }

    /// Runs `lines` in batch mode from `<stdin>`; every write, in order, tagged `out` or `err`.
    static func run(_ lines: [String], keepGoing: Bool = true, shell: Shell? = nil) throws -> (status: Int32, writes: [String]) {
        var writes: [String] = []
        let repl = REPL(
            shell: try shell ?? ShellFixture.demoShell(), reader: ScriptedReader(lines), interactive: false, keepGoing: keepGoing,
            inputLabel: "<stdin>", write: { writes.append("out: " + $0) }, writeError: { writes.append("err: " + $0) })
        let status = repl.run()
        return (status, writes)
    }

    @Test("time: comes after the result, and after an error message, never before")
    func timeIsLast() throws {
        let shell = try ShellFixture.demoShell()
        shell.clock = { 0 }
        let (status, writes) = try Self.run([".timer on", "count(leads)", "sorce"], shell: shell)
        #expect(status == 1)
        #expect(writes.count == 4, "\(writes)")
        #expect(writes[0] == "out: 5,000" && writes[1] == "err: time: 0.0 ms")
        #expect(writes[2].hasPrefix("err: error[formula.unknown-name]") && writes[3] == "err: time: 0.0 ms", "\(writes)")
    }

    @Test("a batch error names <stdin>, the statement's line in the input and the caret's column")
    func batchErrorPlace() throws {
        let (_, writes) = try Self.run(["count(leads)", "", "-- a comment", "  count(leads) by sorce", "count(", "  leads) by", "  regoin"])
        let errors = writes.filter { $0.hasPrefix("err: ") }
        #expect(errors.count == 3, "\(writes)")
        #expect(errors[0].contains("\n --> <stdin>:4:19\n"), "the line as typed, spaces included: \(errors[0])")
        #expect(errors[0].contains("\n4 |   count(leads) by sorce\n"), "\(errors[0])")
        #expect(errors[1].contains("\n --> <stdin>:6:12\n"), "a statement over two lines: its second line: \(errors[1])")
        #expect(errors[2].contains("\n --> <stdin>:7:3\n"), "\(errors[2])")
    }

    @Test("a statement on its own keeps formula:1:COLUMN")
    func evalErrorPlace() throws {
        let error = try #require(try ShellFixture.demoShell().handle("count(leads) by sorce").error)
        #expect(error.contains("\n --> formula:1:17\n"), "\(error)")
    }

    @Test("a goal statement's error in batch mode names <stdin>:LINE:COLUMN too")
    func goalErrorPlace() throws {
        let (_, writes) = try Self.run(["count(leads)", "goal win_rate >= 30 by 2024-12-31"])
        #expect(writes.last?.hasPrefix("err: <stdin>:2:18: error[goals.percent-target]: ") == true, "\(writes)")
    }

    @Test(".history lists the statements that ran, numbered as .save recipe counts them")
    func history() throws {
        let shell = try ShellFixture.demoShell()
        #expect(try ShellFixture.output(shell, ".history") == "no statements yet")
        for statement in ["count(leads)", "sorce", ".tables", "let won = status = \"won\"", "count(leads where won\n  and source = \"Web\")"] {
            _ = shell.handle(statement)
        }
        for n in 4...10 { _ = shell.handle("count(leads) + \(n)") }
        let history = try ShellFixture.output(shell, ".history")
        let lines = history.split(separator: "\n").map(String.init)
        #expect(lines[0] == " 1  count(leads)")
        #expect(lines[1] == " 2  let won = status = \"won\"")
        #expect(lines[2] == " 3  count(leads where won")
        #expect(lines[3] == "      and source = \"Web\")")
        #expect(lines.last == "10  count(leads) + 10")
        #expect(shell.statementHistory.count == 10)
    }
}

/// `goal win_rate >= 30` would ask for 3000%: refused, with the percentage to write instead.
@Suite("Percent goals")
struct PercentGoalTests {
    @Test("a bare number above 1 as a rate's target is an error suggesting the percentage")
    func bareNumber() throws {
        let shell = try ShellFixture.demoShell()
        let response = shell.handle("goal win_rate >= 30 by 2024-12-31")
        #expect(
            response.error == "goal:1:18: error[goals.percent-target]: win_rate is a rate, so a target of 30 would mean 3000%: write 30% (or 0.3)")
        #expect(shell.session.goalFile.goals.isEmpty, "the goal is not kept")
        #expect(shell.handle("goal edit 1 win_rate >= 45 by 2024-12-31").error?.contains("write 45%") == true)
        #expect(shell.handle("goal share(leads, status = \"won\") <= 50 by 2024-12-31").error?.contains("goals.percent-target") == true)
    }

    @Test(
        "percentages, fractions and targets of counts are taken as written",
        arguments: [
            "goal win_rate >= 30% by 2024-12-31", "goal win_rate >= 0.3 by 2024-12-31", "goal win_rate >= 1 by 2024-12-31",
            "goal count(leads) >= 30 by 2024-12-31", "goal lead_volume >= 3000 by 2024-12-31",
        ])
    func accepted(statement: String) throws {
        let shell = try ShellFixture.demoShell()
        #expect(shell.handle(statement).error == nil)
        #expect(shell.session.goalFile.goals.count == 1)
    }
}
