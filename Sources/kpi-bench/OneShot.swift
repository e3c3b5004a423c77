import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kpi-bench oneshot`: questions answered end to end by a fresh process, as users run them —
/// `kpi eval FORMULA --data DIR` (the suite as one batch on standard input) against a fresh
/// python3 + DuckDB process reading the same CSV files (bench/duckdb_oneshot.py). Each run is
/// timed as a whole process, with its peak resident memory from `wait4`.
///
/// "Cold" runs give `kpi` an empty cache folder (`XDG_CACHE_HOME`) each time; "warm" runs share
/// one that a first, uncounted run filled. The operating system's page cache is warm for both
/// engines: every measured run follows an uncounted one that read the same files.
enum OneShotBenchmark {
    /// One question, written for each engine.
    struct Question {
        var id: String
        /// `kpi`'s arguments after the binary (the data folder is appended).
        var kpiArguments: [String]
        /// A file `kpi` reads statements from, on standard input (the batch).
        var kpiInput: String?
    }

    static func questions(suite: String) -> [Question] {
        [
            Question(
                id: "q1",
                kpiArguments: [
                    "eval",
                    "share(leads where status in (\"won\", \"lost\") and source = \"Referral\" and closed_at >= 2024-04-01 and closed_at < 2024-07-01, status = \"won\") by rep",
                ]),
            Question(
                id: "q2",
                kpiArguments: [
                    "eval",
                    "count(leads) as leads, count(leads where status = \"won\") as won, count(leads where status = \"won\") / count(leads) as rate by source, month",
                ]),
            Question(id: "lcr_by_source", kpiArguments: ["eval", "lead_conversion_rate by source"]),
            Question(id: "suite", kpiArguments: ["shell"], kpiInput: suite),
        ]
    }

    /// What one process took.
    struct Sample {
        var seconds: Double
        var peakMegabytes: Double
    }

    static func run(_ arguments: [String]) -> Int32 {
        var directory = "./bench-data/M"
        var binary = ".build/release/kpi"
        var script = "bench/duckdb_oneshot.py"
        var suite = "bench/spec-suite.kpi"
        var runs = 3
        var withDuckDB = true
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            func value() -> String? {
                index += 1
                return arguments[safe: index]
            }
            switch argument {
            case "--runs": runs = Int(value() ?? "").map { max(1, $0) } ?? runs
            case "--kpi": binary = value() ?? binary
            case "--duckdb": script = value() ?? script
            case "--suite": suite = value() ?? suite
            case "--no-duckdb": withDuckDB = false
            default: directory = argument
            }
            index += 1
        }
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("no kpi binary at \(binary); build it with: swift build -c release --product kpi")
            return 1
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-bench-oneshot-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        print("end to end on \(directory): each figure the median of \(runs) runs after an uncounted one (wall time, peak RSS)")
        print(
            pad("", 16) + pad("kpi cold", 20, right: true) + pad("kpi warm", 20, right: true)
                + (withDuckDB ? pad("DuckDB", 20, right: true) + pad("cold ×", 9, right: true) + pad("warm ×", 9, right: true) : ""))
        var coldRatios: [Double] = [], warmRatios: [Double] = []
        var coldPeaks: [Double] = [], duckPeaks: [Double] = []
        for question in questions(suite: suite) {
            let kpiArguments = question.kpiArguments + ["--data", directory]
            do {
                let cold = try measure(runs: runs) { run in
                    let cache = scratch.appendingPathComponent("cold-\(question.id)-\(run)").path
                    return try spawn(binary, kpiArguments, input: question.kpiInput, cache: cache)
                }
                let warmCache = scratch.appendingPathComponent("warm-\(question.id)").path
                let warm = try measure(runs: runs) { _ in
                    try spawn(binary, kpiArguments, input: question.kpiInput, cache: warmCache)
                }
                var line = pad(question.id, 16) + pad(show(cold), 20, right: true) + pad(show(warm), 20, right: true)
                if withDuckDB {
                    let duck = try measure(runs: runs) { _ in
                        try spawn("/usr/bin/env", ["python3", script, directory, question.id], input: nil, cache: nil)
                    }
                    coldRatios.append(cold.seconds / duck.seconds)
                    warmRatios.append(warm.seconds / duck.seconds)
                    coldPeaks.append(cold.peakMegabytes)
                    duckPeaks.append(duck.peakMegabytes)
                    line +=
                        pad(show(duck), 20, right: true) + pad(fixed(cold.seconds / duck.seconds, 2), 9, right: true)
                        + pad(fixed(warm.seconds / duck.seconds, 2), 9, right: true)
                }
                print(line)
            } catch {
                print("\(question.id): \(error)")
                return 1
            }
        }
        if withDuckDB, !coldRatios.isEmpty {
            print(
                pad("geometric mean", 56) + pad(fixed(geometricMean(coldRatios), 2), 9 + 20, right: true)
                    + pad(fixed(geometricMean(warmRatios), 2), 9, right: true))
            let worse = zip(coldPeaks, duckPeaks).filter { $0 > $1 }.count
            print("peak RSS above DuckDB's in \(worse) of \(coldPeaks.count) questions (cold)")
        }
        return 0
    }

    /// The median run by wall time, with the median peak memory, after one uncounted run.
    private static func measure(runs: Int, _ body: (Int) throws -> Sample) throws -> Sample {
        _ = try body(-1)
        let samples = try (0..<runs).map(body)
        let seconds = median(samples.map(\.seconds))
        let peak = median(samples.map(\.peakMegabytes))
        return Sample(seconds: seconds, peakMegabytes: peak)
    }

    private static func show(_ sample: Sample) -> String {
        SuiteReport.time(sample.seconds) + " " + fixed(sample.peakMegabytes, 0) + " MB"
    }

    private static func geometricMean(_ values: [Double]) -> Double {
        exp(values.map(log).reduce(0, +) / Double(values.count))
    }

    /// A failed run: the command and its exit status.
    struct RunError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable` with `arguments` to its end, its output discarded and standard input
    /// read from `input` (else empty); `cache` becomes `XDG_CACHE_HOME`.
    private static func spawn(_ executable: String, _ arguments: [String], input: String?, cache: String?) throws -> Sample {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        if let cache {
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
            environment["XDG_CACHE_HOME"] = cache
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = now()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw RunError(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = now() - start
        let exitStatus = (status >> 8) & 0xff
        guard status & 0x7f == 0, exitStatus == 0 else {
            throw RunError(description: "\(([executable] + arguments).joined(separator: " ")) failed (status \(exitStatus))")
        }
        return Sample(seconds: seconds, peakMegabytes: peakMegabytes(usage))
    }
}
