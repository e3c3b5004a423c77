import Foundation
import Testing

/// A `kpi` in batch mode whose standard input the test writes as it goes, so two of them can be
/// made to overlap for certain rather than by luck of timing.
private final class BatchRun {
    let process = Process()
    private let input = Pipe()
    private let outURL: URL
    private let errURL: URL

    init(_ arguments: [String], environment: [String: String], scratch: TemporaryDirectory, name: String) throws {
        outURL = scratch.url.appendingPathComponent("\(name).stdout")
        errURL = scratch.url.appendingPathComponent("\(name).stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = try KPIBinary.require()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    var stdout: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// Waits until standard output contains `text` (or the process ends).
    func waitForOutput(_ text: String, timeout: TimeInterval = 120) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !stdout.contains(text) && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        return stdout.contains(text)
    }

    /// Closes standard input and waits for the end, terminating a run longer than `timeout` seconds.
    func finish(timeout: TimeInterval = 300) -> Int32 {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            Issue.record("kpi ran longer than \(Int(timeout)) s")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// The goals of a goals file's text: `id → statement`.
private func goals(in text: String) -> [Int: String] {
    var out: [Int: String] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("goal ") {
        guard let marker = line.range(of: " -- #", options: .backwards), let id = Int(line[marker.upperBound...]) else { continue }
        #expect(out.updateValue(String(line[..<marker.lowerBound]), forKey: id) == nil, "id \(id) twice")
    }
    return out
}

@Suite("kpi goals: concurrent shells, and where goals are kept")
struct GoalsCLITests {
    @Test("two kpi processes adding 100 goals each to one goals file at the same time end with all 200, each with its own id")
    func concurrentProcesses() throws {
        let scratch = try TemporaryDirectory()
        let file = scratch.url.appendingPathComponent("goals.kpi").path
        let environment = ["NO_COLOR": "1", "XDG_DATA_HOME": scratch.url.appendingPathComponent("data-home").path]
        let runs = try ["a", "b"].map { try BatchRun(["--goals", file], environment: environment, scratch: scratch, name: $0) }
        // Both have read the (empty) file before either adds a goal: each saving what it loaded
        // would now lose the other's goals.
        for run in runs {
            run.send("goals\n")
            #expect(run.waitForOutput("no goals yet"), "\(run.stderr)")
        }
        for (name, run) in zip(["a", "b"], runs) {
            run.send((1...100).map { "goal lead_volume >= \($0) by 2024-12-31 \"\(name)\($0)\"\n" }.joined())
        }
        for run in runs { #expect(run.finish() == 0, "\(run.stderr)") }
        let saved = goals(in: try String(contentsOfFile: file, encoding: .utf8))
        #expect(saved.count == 200)
        #expect(Set(saved.keys) == Set(1...200))
        for name in ["a", "b"] {
            #expect(Set(saved.values.filter { $0.contains("\"\(name)") }.map { $0 }).count == 100, "\(name)'s goals")
        }
        // Each process reported the id it gave, and no two gave the same one.
        let reported = runs.flatMap { run in
            run.stdout.split(separator: "\n").compactMap { line -> Int? in
                guard line.hasPrefix("added goal #"), let colon = line.firstIndex(of: ":") else { return nil }
                return Int(line[line.index(line.startIndex, offsetBy: "added goal #".count)..<colon])
            }
        }
        #expect(reported.sorted() == Array(1...200))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test("with --data, goals are kept in the data home per data folder, and nothing is written into the data folder")
    func dataHomeByDefault() throws {
        let scratch = try TemporaryDirectory()
        let data = scratch.url.appendingPathComponent("crm")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("lead_id,created_at,source,status\n1,2024-01-01,Web,won\n2,2024-01-02,Ads,lost\n".utf8)
            .write(to: data.appendingPathComponent("leads.csv"))
        let home = scratch.url.appendingPathComponent("xdg")
        let environment = ["XDG_DATA_HOME": home.path]
        let add = try CLI.run(["--data", data.path], input: "goal count(leads) >= 10 by 2024-12-31\n", environment: environment)
        #expect(add.status == 0, "\(add)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path) == ["leads.csv"])
        let folders = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("kpikit").path)
        #expect(folders.count == 1 && folders[0].hasPrefix("crm-"), "\(folders)")
        let saved = home.appendingPathComponent("kpikit").appendingPathComponent(folders[0]).appendingPathComponent("goals.kpi")
        #expect(add.stdout.contains("saved to \(saved.path)"), "\(add)")
        #expect(goals(in: try String(contentsOf: saved, encoding: .utf8)) == [1: "goal count(leads) >= 10 by 2024-12-31"])
        // A file in the folder is the same data: the goal is there next time.
        let list = try CLI.run(
            ["--data", data.appendingPathComponent("leads.csv").path, "--format", "csv"], input: "goals\n", environment: environment)
        #expect(list.status == 0 && list.stdout.contains("goal count(leads) >= 10 by 2024-12-31"), "\(list)")
        // `goals` says where they are kept, since it is not beside the data: in every format.
        #expect(list.stderr.contains("goals kept in \(saved.path)"), "\(list)")
        for format in ["table", "markdown"] {
            let shown = try CLI.run(["--data", data.path, "--format", format], input: "goals\n", environment: environment)
            #expect(shown.stdout.contains("goals kept in \(saved.path)"), "\(shown)")
        }
        let json = try CLI.run(["--data", data.path, "--format", "json"], input: "goals\n", environment: environment)
        #expect(json.stdout.contains("\"file\": \"\(saved.path)\""), "\(json)")
        // Before the first goal too, so a user knows where they will go.
        let other = scratch.url.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("lead_id,created_at,source,status\n1,2024-01-01,Web,won\n".utf8).write(to: other.appendingPathComponent("leads.csv"))
        let empty = try CLI.run(["--data", other.path], input: "goals\n", environment: environment)
        #expect(empty.stdout.contains("no goals yet") && empty.stdout.contains("goals kept in \(home.path)/kpikit/other-"), "\(empty)")
    }

    @Test("a goals.kpi already beside the data stays in use, and --goals FILE wins over both")
    func exceptions() throws {
        let scratch = try TemporaryDirectory()
        let data = scratch.url.appendingPathComponent("crm")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("lead_id,created_at,source,status\n1,2024-01-01,Web,won\n".utf8).write(to: data.appendingPathComponent("leads.csv"))
        let beside = data.appendingPathComponent("goals.kpi")
        try Data("goal count(leads) >= 5 by 2024-12-31\n".utf8).write(to: beside)
        let home = scratch.url.appendingPathComponent("xdg")
        let environment = ["XDG_DATA_HOME": home.path]
        let add = try CLI.run(["--data", data.path], input: "goal count(leads) >= 10 by 2024-12-31\n", environment: environment)
        #expect(add.status == 0 && add.stdout.contains("added goal #2") && add.stdout.contains("saved to \(beside.path)"), "\(add)")
        #expect(goals(in: try String(contentsOf: beside, encoding: .utf8)).count == 2)
        #expect(!FileManager.default.fileExists(atPath: home.path))

        let explicit = scratch.url.appendingPathComponent("q3.kpi")
        let named = try CLI.run(
            ["--data", data.path, "--goals", explicit.path], input: "goal count(leads) >= 20 by 2024-12-31\n", environment: environment)
        #expect(named.status == 0 && named.stdout.contains("added goal #1") && named.stdout.contains("saved to \(explicit.path)"), "\(named)")
        #expect(goals(in: try String(contentsOf: beside, encoding: .utf8)).count == 2)
        #expect(!FileManager.default.fileExists(atPath: home.path))
    }

    @Test("the demo's goals have their own key, under ~/.local/share/kpikit when XDG_DATA_HOME is unset")
    func demoGoals() throws {
        let scratch = try TemporaryDirectory()
        let environment = ["HOME": scratch.url.path, "XDG_DATA_HOME": ""]
        let add = try CLI.run([], input: "goal lead_volume >= 10 by 2024-12-31\n", environment: environment)
        let saved = scratch.url.appendingPathComponent(".local/share/kpikit/demo/goals.kpi")
        #expect(add.status == 0 && add.stdout.contains("saved to \(saved.path)"), "\(add)")
        let list = try CLI.run(["--format", "csv"], input: "goals\n", environment: environment)
        #expect(list.stdout.contains("goal lead_volume >= 10 by 2024-12-31"), "\(list)")
    }
}
