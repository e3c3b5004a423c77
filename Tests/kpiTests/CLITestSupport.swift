import Foundation
import Testing

/// Finds the built `kpi` executable and runs it as a user would.
///
/// The test target depends on the `kpi` executable target, so SwiftPM builds `kpi` into the same
/// products folder as the test bundle. Lookup order: `KPI_BINARY` (an explicit override), the
/// folder of the running test bundle, then `<package>/.build/debug/kpi` from this file's path.
enum KPIBinary {
    /// Every place looked at, in order.
    static var candidates: [URL] {
        var out: [URL] = []
        if let override = ProcessInfo.processInfo.environment["KPI_BINARY"] { out.append(URL(fileURLWithPath: override)) }
        let bundleFolders = [Bundle.main.executableURL, Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap { $0?.deletingLastPathComponent() }
        out += bundleFolders.map { $0.appendingPathComponent("kpi") }
        for root in PackageLocation.roots() {
            out.append(root.appendingPathComponent(".build/debug/kpi"))
            out.append(root.appendingPathComponent(".build/release/kpi"))
        }
        return out
    }

    /// The first executable candidate, resolved once per run.
    static let url: URL? = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !isDirectory($0) }

    /// The binary, or a failure that lists where it was looked for.
    static func require() throws -> URL {
        let searched = candidates.map(\.path).joined(separator: "\n")
        return try #require(
            url, "the kpi executable was not found; build it (swift build) or set KPI_BINARY. Looked at:\n\(searched)")
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}

/// The package root (and `shared/` beside it) from this file's path, with and without symlinks
/// resolved, so an isolated workspace that links the test folder in works too.
enum PackageLocation {
    static func roots(filePath: String = #filePath) -> [URL] {
        let file = URL(fileURLWithPath: filePath)
        let candidates = [file, file.resolvingSymlinksInPath()].map {
            $0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
        return candidates.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The first existing `<root>/../shared/<relative>`.
    static func inShared(_ relative: String) -> URL? {
        roots().map { $0.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }
}

/// What one run of a program did.
struct RunResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

    /// Standard output parsed as one JSON object.
    func jsonObject() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(value as? [String: Any], "stdout is not a JSON object:\n\(stdout)")
    }
}

enum CLI {
    /// Runs `kpi` with `arguments`, feeding `input` on standard input (empty input closes it at once).
    ///
    /// Output goes to temporary files rather than pipes, so a chatty child never blocks on a full
    /// pipe while the test waits; a run longer than `timeout` seconds is terminated and fails.
    /// `XDG_DATA_HOME` is a fresh folder of the run's unless `environment` sets it, so goals a
    /// test adds never reach the developer's home (nor the next test).
    static func run(
        _ arguments: [String], input: String = "", environment: [String: String] = [:], in directory: URL? = nil,
        timeout: TimeInterval = 120
    ) throws -> RunResult {
        try run(executable: try KPIBinary.require(), arguments, input: input, environment: environment, in: directory, timeout: timeout)
    }

    static func run(
        executable: URL, _ arguments: [String], input: String = "", environment extra: [String: String] = [:],
        in directory: URL? = nil, timeout: TimeInterval = 120
    ) throws -> RunResult {
        let temp = try Scratch()
        let outURL = temp.url.appendingPathComponent("stdout")
        let errURL = temp.url.appendingPathComponent("stderr")
        let inURL = temp.url.appendingPathComponent("stdin")
        try Data(input.utf8).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["XDG_DATA_HOME"] = temp.url.appendingPathComponent("data-home").path
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("kpi \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s")
        }
        process.waitUntilExit()
        return RunResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Runs a helper program (python3) through `/usr/bin/env`.
    static func runTool(_ arguments: [String]) -> RunResult? {
        try? run(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments, timeout: 300)
    }
}

/// A temporary directory removed when released.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A small generated CRM for `--data`, made once per run in per-format folders.
struct GeneratedData: Sendable {
    static let leadCount = 1000
    static let formats = ["csv", "json", "ndjson", "sqlite"]

    let root: URL
    let manifestLeads: Int

    func folder(_ format: String) -> String { root.appendingPathComponent(format).path }

    static let generator = PackageLocation.inShared("tools/gen_crm.py")

    static let isAvailable: Bool = generator != nil && CLI.runTool(["python3", "-c", "import numpy"])?.status == 0

    static let shared: GeneratedData? = {
        guard let generator else { return nil }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-cli-crm-\(UUID().uuidString)")
        let raw = root.appendingPathComponent("all")
        let result = CLI.runTool([
            "python3", generator.path, "--leads", String(leadCount), "--seed", "23", "--out", raw.path,
            "--formats", formats.joined(separator: ","), "--no-hash",
        ])
        guard result?.status == 0 else { return nil }
        let manager = FileManager.default
        guard let files = try? manager.contentsOfDirectory(atPath: raw.path),
            let manifest = try? JSONSerialization.jsonObject(with: Data(contentsOf: raw.appendingPathComponent("manifest.json"))),
            let rows = (manifest as? [String: Any])?["rows"] as? [String: Int], let leads = rows["leads"]
        else { return nil }
        for format in formats {
            let folder = root.appendingPathComponent(format)
            try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files where file.hasSuffix("." + format) && file != "manifest.json" {
                try? manager.copyItem(at: raw.appendingPathComponent(file), to: folder.appendingPathComponent(file))
            }
        }
        setenv("KPIKIT_CLI_CRM_ROOT", root.path, 1)
        atexit {
            if let path = getenv("KPIKIT_CLI_CRM_ROOT") { try? FileManager.default.removeItem(atPath: String(cString: path)) }
        }
        return GeneratedData(root: root, manifestLeads: leads)
    }()

    static func require() throws -> GeneratedData {
        try #require(shared, "gen_crm.py did not produce a dataset")
    }

    /// `source → (won, leads)` and the totals, counted straight from `leads.csv` (no quoted
    /// fields there, so splitting on commas is exact).
    func conversionFromCSV() throws -> (total: (won: Int, leads: Int), bySource: [String: [Int]]) {
        let text = try String(contentsOf: root.appendingPathComponent("csv/leads.csv"), encoding: .utf8)
        try #require(!text.contains("\""), "leads.csv has quotes: plain splitting would be wrong")
        let lines = text.split(separator: "\n")
        let header = try #require(lines.first).split(separator: ",", omittingEmptySubsequences: false)
        let source = try #require(header.firstIndex(of: "source"))
        let status = try #require(header.firstIndex(of: "status"))
        var bySource: [String: [Int]] = [:]
        var won = 0
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            try #require(cells.count == header.count)
            let isWon = cells[status] == "won"
            won += isWon ? 1 : 0
            bySource[String(cells[source]), default: [0, 0]][0] += isWon ? 1 : 0
            bySource[String(cells[source]), default: [0, 0]][1] += 1
        }
        return ((won, lines.count - 1), bySource)
    }
}
