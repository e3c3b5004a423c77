import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether pseudo-terminal tests can run here: util-linux `script` (the BSD one on macOS has
/// other options) and the slow-test switch that `scripts/test` sets.
enum PTYSupport {
    static let scriptPath = "/usr/bin/script"

    static var isAvailable: Bool {
        #if os(Linux)
        ProcessInfo.processInfo.environment["KPIKIT_SLOW_TESTS"] != nil
            && FileManager.default.isExecutableFile(atPath: scriptPath)
        #else
        false
        #endif
    }

    /// How long one step (a prompt, an echo, an exit) may take. Generous because CI runs the
    /// other suites in parallel on two cores; a passing step returns as soon as it is done.
    static let stepTimeout: TimeInterval = 8

    /// A private, minimal environment: no `~/.editrc`, no history of the developer's, no
    /// locale or colour settings leaking in from the machine running the tests.
    static func environment(home: String, color: Bool = false, extra: [String: String] = [:]) -> [String: String] {
        var environment = ["HOME": home, "TERM": "xterm", "PATH": "/usr/bin:/bin"]
        if !color { environment["NO_COLOR"] = "1" }
        environment.merge(extra) { $1 }
        return environment
    }
}

/// A step that did not happen in time, with everything the terminal showed.
struct PTYTimeout: Error, CustomStringConvertible {
    let waitingFor: String
    let screen: String

    var description: String { "timed out waiting for \(waitingFor); screen:\n\(screen)" }
}

/// `kpi` running on a pseudo-terminal under `script -qfec "exec kpi" /dev/null`.
///
/// Keys are written to `script`'s standard input, which it copies to the terminal; everything
/// the terminal shows goes to a file that is read incrementally. Every method that types waits
/// for the effect to be visible before returning, so nothing is typed ahead of libedit's raw
/// mode (the cooked terminal would echo it twice) and a Tab never arrives in the same read as
/// other keys (libedit would take it for a paste and insert a literal tab).
final class PTYSession {
    static let prompt = "kpi> "
    static let continuationPrompt = " ..> "

    private let process = Process()
    private let keyboard = Pipe()
    private let outputPath: String
    private let output: FileHandle
    private var bytes = Data()
    private var cachedScreen: PTYTerminalScreen?
    private var cachedTerminalPath: String?

    /// Starts `kpi` with `arguments` and exactly `environment`; the transcript goes to
    /// `directory/screen-<n>.txt`. With `pipingOutput`, kpi's standard output goes through
    /// `cat` instead of straight to the terminal (`kpi | cat`).
    init(arguments: [String] = [], environment: [String: String], directory: String, pipingOutput: Bool = false) throws {
        let binary = try KPIBinary.require().path
        outputPath = directory + "/screen-\(UUID().uuidString).txt"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        output = try #require(FileHandle(forReadingAtPath: outputPath))
        // `exec`: script runs the command through `sh -c`; a shell left waiting in the same
        // process group would itself die of the Ctrl-C typed at kpi and turn exit 0 into 130.
        let invocation = ([binary] + arguments).map(Self.shellQuoted).joined(separator: " ")
        let command = pipingOutput ? invocation + " | cat" : "exec " + invocation
        process.executableURL = URL(fileURLWithPath: PTYSupport.scriptPath)
        process.arguments = ["-qfec", command, "/dev/null"]
        process.environment = environment
        process.standardInput = keyboard
        let sink = try #require(FileHandle(forWritingAtPath: outputPath))
        process.standardOutput = sink
        process.standardError = sink
        try process.run()
    }

    deinit {
        if process.isRunning { killEverything() }
        try? keyboard.fileHandleForWriting.close()
        try? output.close()
    }

    // MARK: - What the terminal shows

    /// Everything written to the terminal so far, escape codes and all.
    var rawOutput: String {
        readNewOutput()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The terminal as a user would see it now.
    var screen: PTYTerminalScreen {
        readNewOutput()
        if let cachedScreen { return cachedScreen }
        let rendered = PTYTerminalScreen(rendering: String(decoding: bytes, as: UTF8.self))
        cachedScreen = rendered
        return rendered
    }

    private func readNewOutput() {
        while let chunk = try? output.read(upToCount: 1 << 16), !chunk.isEmpty {
            bytes.append(chunk)
            cachedScreen = nil
        }
    }

    // MARK: - Waiting

    /// Polls until `condition` holds for the screen, or throws ``PTYTimeout`` describing `what`.
    @discardableResult
    func wait(
        for what: String, timeout: TimeInterval = PTYSupport.stepTimeout, _ condition: (PTYTerminalScreen) -> Bool
    ) throws -> PTYTerminalScreen {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let current = screen
            if condition(current) { return current }
            guard Date() < deadline, process.isRunning else {
                // One last look: the program may have written and exited since.
                let last = screen
                if condition(last) { return last }
                let state = process.isRunning ? "" : " (kpi exited with \(process.terminationStatus))"
                throw PTYTimeout(waitingFor: what + state, screen: last.text)
            }
            usleep(10_000)
        }
    }

    /// Waits for an empty prompt on a row below `row`, i.e. a prompt that is new since then,
    /// and for libedit to have switched the terminal to its editing mode.
    ///
    /// The prompt alone is not enough: libedit (3.1-20221030) writes the prompt first and only
    /// then leaves canonical mode, so a key sent the moment the prompt shows can still meet
    /// the cooked terminal — text is echoed twice, and a Ctrl-D becomes an end-of-file mark
    /// that libedit later reads as a NUL and ignores (seen about once in 200 starts).
    @discardableResult
    func waitForPrompt(below row: Int = -1, _ prompt: String = PTYSession.prompt) throws -> PTYTerminalScreen {
        try wait(for: "a fresh \(prompt.debugDescription) prompt in editing mode") {
            $0.row > row && $0.cursorLine == prompt.trimmingTrailingSpaces && $0.column == prompt.count
                && isTerminalInEditingMode
        }
    }

    /// Whether kpi's terminal is out of canonical mode (libedit reads key by key). True when
    /// that cannot be determined, so a missing /proc only costs robustness, not the test.
    var isTerminalInEditingMode: Bool {
        guard let path = terminalPath else { return true }
        let descriptor = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else { return true }
        defer { close(descriptor) }
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else { return true }
        return settings.c_lflag & tcflag_t(ICANON) == 0
    }

    /// The pseudo-terminal kpi reads from (its standard input), once kpi is running.
    private var terminalPath: String? {
        if let cachedTerminalPath { return cachedTerminalPath }
        guard let child = childProcessIDs.first,
            let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(child)/fd/0"),
            path.hasPrefix("/dev/pts/")
        else { return nil }
        cachedTerminalPath = path
        return path
    }

    /// The processes `script` started (kpi, as `script` execs it through `sh -c "exec …"`).
    private var childProcessIDs: [pid_t] {
        let scriptID = process.processIdentifier
        let list = (try? String(contentsOfFile: "/proc/\(scriptID)/task/\(scriptID)/children", encoding: .utf8)) ?? ""
        return list.split(separator: " ").compactMap { pid_t($0) }
    }

    // MARK: - Typing

    /// Writes `keys` as they are, without waiting.
    func send(_ keys: String) {
        keyboard.fileHandleForWriting.write(Data(keys.utf8))
    }

    /// Types `text` and waits until the cursor line ends with it (libedit echoed every key).
    func type(_ text: String) throws {
        send(text)
        try wait(for: "the echo of \(text.debugDescription)") { $0.cursorLine.hasSuffix(text.trimmingTrailingSpaces) }
    }

    /// Presses Tab on its own and waits until the cursor line reads `expectedLine`.
    @discardableResult
    func pressTab(expecting expectedLine: String) throws -> PTYTerminalScreen {
        send("\t")
        return try wait(for: "Tab to complete the line to \(expectedLine.debugDescription)") {
            $0.cursorLine == expectedLine.trimmingTrailingSpaces
        }
    }

    /// Presses Enter and waits for the next prompt; returns the text printed in between.
    @discardableResult
    func pressEnter(nextPrompt: String = PTYSession.prompt) throws -> String {
        let typedOn = screen.row
        send("\r")
        let after = try waitForPrompt(below: typedOn, nextPrompt)
        return after.text(between: typedOn, and: after.row)
    }

    /// Types a statement, presses Enter and returns its output.
    func run(_ statement: String) throws -> String {
        try type(statement)
        return try pressEnter()
    }

    // MARK: - Ending

    /// Waits for kpi (and so `script`) to exit and returns its status; throws after the step
    /// timeout, having killed both.
    func waitForExit(timeout: TimeInterval = PTYSupport.stepTimeout) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            killEverything()
            throw PTYTimeout(waitingFor: "kpi to exit", screen: screen.text)
        }
        try? keyboard.fileHandleForWriting.close()
        return process.terminationStatus
    }

    /// Kills kpi (script's child, found by its process id) and then script: only processes
    /// this session started.
    private func killEverything() {
        for child in childProcessIDs { kill(child, SIGKILL) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension String {
    /// The string without trailing spaces (a screen row has none: blanks are not text).
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.hasSuffix(" ") { copy.removeLast() }
        return copy
    }
}
