import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drives an interactive program on a pseudo-terminal through util-linux `script -qfec`,
/// sending keystrokes only once the program has gone quiet (so nothing is typed ahead of
/// libedit's raw mode, which the cooked terminal would echo twice).
struct LineEditingPTYSession {
    let process = Process()
    let input = Pipe()
    let outputPath: String

    /// Starts `executable` under `script` with exactly `environment`.
    init(executable: String, environment: [String: String], outputPath: String) throws {
        self.outputPath = outputPath
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // `exec`: script runs the command through `sh -c`, and a dash left waiting in the same
        // process group would itself die of the Ctrl-C the test types, turning exit 0 into 130.
        process.arguments = ["-qfec", "exec " + Self.shellQuoted(executable), "/dev/null"]
        process.environment = environment
        process.standardInput = input
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: outputPath)
        try process.run()
    }

    /// Everything the terminal showed so far, raw.
    var rawOutput: String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// The output with escape sequences and carriage returns removed.
    var screenText: String { Self.strippingEscapes(rawOutput) }

    /// Types `keys`, then waits until the program has produced output and been quiet for a moment.
    func send(_ keys: String) {
        input.fileHandleForWriting.write(Data(keys.utf8))
        waitUntilQuiet()
    }

    /// Waits until the output stops growing for `quiet` seconds (at most `timeout`).
    func waitUntilQuiet(quiet: Double = 0.3, timeout: Double = 10) {
        let deadline = Date().addingTimeInterval(timeout)
        var lastCount = -1
        var stableSince = Date()
        while Date() < deadline, process.isRunning {
            let count = rawOutput.utf8.count
            if count != lastCount {
                lastCount = count
                stableSince = Date()
            } else if count > 0, Date().timeIntervalSince(stableSince) >= quiet {
                return
            }
            usleep(20_000)
        }
    }

    /// Waits for the program to exit and returns its status, or nil after `timeout` (then kills it).
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        defer { try? input.fileHandleForWriting.close() }
        guard !process.isRunning else {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Removes CSI/OSC escape sequences, the \1 prompt markers and carriage returns.
    static func strippingEscapes(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if scalar == "\u{1B}", i + 1 < scalars.count {
                i += 1
                if scalars[i] == "[" {
                    i += 1
                    while i < scalars.count, !(0x40...0x7E).contains(scalars[i].value) { i += 1 }
                } else if scalars[i] == "]" {
                    while i < scalars.count, scalars[i] != "\u{7}" { i += 1 }
                }
                i += 1
                continue
            }
            if scalar != "\r", scalar != "\u{1}", scalar != "\u{7}" { out.append(scalar) }
            i += 1
        }
        return String(out)
    }

    /// The directory holding the test binary, where SwiftPM also puts the package's executables.
    static var buildProductsDirectory: String {
        #if os(Linux)
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return (executable as NSString).deletingLastPathComponent
        #else
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
        return ((bundle?.bundlePath ?? "") as NSString).deletingLastPathComponent
        #endif
    }
}

/// End-to-end check of the line editor on a real pseudo-terminal. Opt-in (it needs the built
/// `kpi` executable and util-linux `script`, and takes a few seconds):
/// `KPIKIT_PTY_TESTS=1 swift test --filter PTY`. `KPIKIT_PTY_BINARY` may name another program
/// that reads with `EditLineReader`; by default it is `kpi` next to the test binary.
@Suite("Line editing on a pseudo-terminal", .enabled(if: ProcessInfo.processInfo.environment["KPIKIT_PTY_TESTS"] != nil))
struct LineEditingPTYTests {
    @Test("UTF-8 typing survives the C locale, Ctrl-C clears the line without exiting, Ctrl-D exits 0")
    func smoke() throws {
        let environment = ProcessInfo.processInfo.environment
        let binary = environment["KPIKIT_PTY_BINARY"] ?? LineEditingPTYSession.buildProductsDirectory + "/kpi"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build \(binary) first")
        let folder = try TemporaryDirectory("kpi-lineedit")
        defer { withExtendedLifetime(folder) {} }
        let root = folder.url.path

        let session = try LineEditingPTYSession(
            executable: binary,
            environment: [
                "HOME": root,  // no ~/.editrc from the developer's account
                "KPI_HISTORY": root + "/history",
                "TERM": "xterm",
                "LANG": "C",  // EditLineReader must still switch LC_CTYPE to UTF-8
                "PATH": "/usr/bin:/bin",
            ],
            outputPath: root + "/screen.txt")
        session.waitUntilQuiet()  // banner and prompt
        session.send("José Müller")
        session.send("\u{3}")  // Ctrl-C: discard the line
        session.send("\u{4}")  // Ctrl-D on the now empty line: leave
        let status = session.waitForExit()
        let screen = session.screenText

        #expect(status == 0, "exit status; screen:\n\(screen)")
        #expect(screen.contains("José Müller"), "typed text echoed intact; screen:\n\(screen)")
        #expect(screen.contains("^C"), "the interrupted line is marked; screen:\n\(screen)")
        let history = (try? String(contentsOfFile: root + "/history", encoding: .utf8)) ?? ""
        #expect(!history.contains("Jos"), "an interrupted line is not recorded")
    }
}
