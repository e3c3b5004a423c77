import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `printf '…' | kpi`: the real `kpi` with standard input a pipe the test writes to, so it can
/// also keep the pipe open and see what kpi does before the input ends. Standard output and
/// error go to files (a chatty child never blocks on a full pipe).
final class PTYBatchRun {
    private let process = Process()
    private let input = Pipe()
    private let scratch: TemporaryDirectory
    private let stdoutURL: URL
    private let stderrURL: URL

    /// Starts `kpi arguments` on the demo data, colour allowed (batch mode must not use it).
    init(arguments: [String] = []) throws {
        scratch = try TemporaryDirectory()
        stdoutURL = scratch.url.appendingPathComponent("stdout")
        stderrURL = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = try KPIBinary.require()
        process.arguments = arguments
        process.environment = PTYSupport.environment(home: scratch.url.path, color: true)
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? input.fileHandleForWriting.close()
    }

    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
    var summary: String { "--- stdout\n\(stdout)--- stderr\n\(stderr)" }

    /// Writes to kpi's standard input (while kpi still reads it: a small write lands in the
    /// pipe buffer at once).
    func write(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    /// Closes standard input: the end of the script.
    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Waits until standard output contains `text`.
    func waitForStdout(containing text: String) throws {
        let deadline = Date().addingTimeInterval(PTYSupport.stepTimeout)
        while !stdout.contains(text) {
            guard Date() < deadline, process.isRunning else {
                if stdout.contains(text) { return }
                throw PTYTimeout(waitingFor: "\(text.debugDescription) on standard output", screen: summary)
            }
            usleep(10_000)
        }
    }

    /// Waits for kpi to exit (input left as it is) and returns its status.
    func waitForExit() throws -> Int32 {
        let deadline = Date().addingTimeInterval(PTYSupport.stepTimeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw PTYTimeout(waitingFor: "kpi to exit", screen: summary)
        }
        return process.terminationStatus
    }

    /// Runs `statements` (one per line) to the end and returns standard output; any failure
    /// is recorded.
    static func output(of statements: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run = try PTYBatchRun()
        run.write(statements + "\n")
        run.closeInput()
        let status = try run.waitForExit()
        #expect(status == 0, "batch run of \(statements.debugDescription):\n\(run.summary)", sourceLocation: sourceLocation)
        return run.stdout
    }
}

/// Batch mode: standard input is not a terminal, so kpi reads one statement per line with no
/// prompt and no colour, and its exit status tells a script whether everything ran.
@Suite(
    "kpi batch mode through a pipe",
    .enabled(if: ProcessInfo.processInfo.environment["KPIKIT_SLOW_TESTS"] != nil, "set KPIKIT_SLOW_TESTS=1"))
struct PTYBatchModeTests {
    @Test("printf 'count(leads)\\n' | kpi prints just the count and exits 0: no banner, prompt or colour")
    func countExitsZero() throws {
        let run = try PTYBatchRun()
        run.write("count(leads)\n")
        run.closeInput()
        #expect(try run.waitForExit() == 0, "\(run.summary)")
        #expect(run.stdout == "5,000\n", "\(run.summary)")
        #expect(run.stderr.isEmpty, "\(run.summary)")
    }

    @Test("a bad statement exits 1 at once, before the input ends, and the next statement does not run")
    func badStatementStops() throws {
        let run = try PTYBatchRun()
        run.write("count(leads)\nsorce\ncount(activities)\n")
        // The pipe stays open: kpi must stop at the error, not wait for more input.
        let status = try run.waitForExit()
        run.closeInput()
        #expect(status == 1, "\(run.summary)")
        #expect(run.stdout == "5,000\n", "only the statement before the error ran: \(run.summary)")
        #expect(run.stderr.contains("error[formula.unknown-name]"), "\(run.summary)")
    }

    @Test("--keep-going runs every statement after an error and still exits 1")
    func keepGoing() throws {
        let activities = try PTYBatchRun.output(of: "count(activities)")
        let run = try PTYBatchRun(arguments: ["--keep-going"])
        run.write("count(leads)\nsorce\ncount(activities)\n")
        run.closeInput()
        #expect(try run.waitForExit() == 1, "\(run.summary)")
        #expect(run.stdout == "5,000\n" + activities, "both good statements ran: \(run.summary)")
        #expect(run.stderr.contains("error[formula.unknown-name]"), "\(run.summary)")
    }

    @Test(
        "input ending inside an unfinished statement exits 1 with repl.incomplete",
        arguments: ["count(leads\n", "count(leads where source = \"Referral)\n", "count(leads) by \\\n", "count(\n  leads\n"])
    func unfinishedStatement(input: String) throws {
        let run = try PTYBatchRun()
        run.write(input)
        run.closeInput()
        #expect(try run.waitForExit() == 1, "\(run.summary)")
        #expect(run.stdout.isEmpty, "nothing ran: \(run.summary)")
        #expect(run.stderr.contains("repl.incomplete"), "\(run.summary)")
    }

    @Test("a last line without a newline still runs")
    func lastLineWithoutNewline() throws {
        let run = try PTYBatchRun()
        run.write("count(leads)")
        run.closeInput()
        #expect(try run.waitForExit() == 0, "\(run.summary)")
        #expect(run.stdout == "5,000\n", "\(run.summary)")
    }

    @Test("the caret under an error lines up with the name when wide characters come before it")
    func caretAfterWideCharacters() throws {
        let run = try PTYBatchRun()
        run.write("count(leads where rep = \"日本語テスト\" and sorce = \"x\")\n")
        run.closeInput()
        #expect(try run.waitForExit() == 1, "\(run.summary)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let echoed = try #require(lines.first { $0.hasPrefix("1 | ") }, "\(run.summary)")
        let carets = try #require(lines.first { $0.contains("^") }, "\(run.summary)")
        let nameStart = try #require(echoed.range(of: "sorce")).lowerBound
        let caretStart = try #require(carets.firstIndex(of: "^"))
        #expect(
            Self.columns(echoed[..<nameStart]) == Self.columns(carets[..<caretStart]),
            "on a terminal the carets must sit under 'sorce':\n\(echoed)\n\(carets)")
    }

    /// Terminal columns of `text`: two for the kana and CJK ideographs this test uses.
    private static func columns(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let wide = (0x3040...0x30FF).contains(scalar.value) || (0x4E00...0x9FFF).contains(scalar.value)
            return width + (wide ? 2 : 1)
        }
    }

    @Test("each result is written as its statement finishes, not when the input ends")
    func resultsStream() throws {
        let run = try PTYBatchRun()
        run.write("count(leads)\n")
        try run.waitForStdout(containing: "5,000\n")
        run.write("count(leads)\n")
        try run.waitForStdout(containing: "5,000\n5,000\n")
        run.closeInput()
        #expect(try run.waitForExit() == 0, "\(run.summary)")
    }
}
