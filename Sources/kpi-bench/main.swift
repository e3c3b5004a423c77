import Foundation
import KPIAdapters
import KPICore

// kpi-bench — the benchmark figures of KPIKit.
//
//   kpi-bench ingest [DIR]   parse DIR/leads.csv and DIR/activities.csv into typed tables
//   kpi-bench suite [DIR]    the spec's KPI suite and benchmark queries on data in memory
//   kpi-bench wide [N…]      very wide headers: load, bind and count
//   kpi-bench oneshot [DIR]  questions answered end to end by fresh kpi and DuckDB processes
//
// Each subcommand is one `case` in `run(_:)` and one line in `usage`; add new ones beside
// `ingest` the same way.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    usage: kpi-bench <command> [arguments]

    commands:
      ingest [DIR]   CSV ingest speed: DIR/leads.csv and DIR/activities.csv, 3 runs each, median
                     (DIR defaults to ./bench-data/M)
      suite [DIR] [--runs N] [--suite FILE] [--duckdb [SCRIPT.py]]
                     load DIR's tables once (not timed), then time the whole suite (every statement
                     of FILE, default bench/spec-suite.kpi, parse+bind+plan+execute) and each
                     benchmark query (q1_..., q2_..., q3_...) on its own: N runs (default 5) after a
                     warm-up, medians and minimums, and each statement's median. --duckdb also runs
                     SCRIPT (default bench/duckdb_suite.py, needs python3 with duckdb) on the same
                     data and prints both engines side by side.
      startup [KPI] [--runs N]
                     time from starting KPI (default .build/release/kpi) on a pseudo-terminal to
                     its first prompt, demo data; median of N runs (default 10)
      oneshot [DIR] [--runs N] [--kpi KPI] [--duckdb SCRIPT.py] [--no-duckdb]
                     end to end, as users run it: `kpi eval` for q1, q2 and lead_conversion_rate
                     by source, and the whole suite as one batch (`kpi shell` reading
                     bench/spec-suite.kpi), each a fresh process with an empty cache (cold) and
                     with a filled one (warm), beside a fresh python3 + DuckDB process reading
                     the same CSVs (SCRIPT, default bench/duckdb_oneshot.py): median wall time and
                     peak RSS of N runs (default 3) after an uncounted one, the ratios and their
                     geometric mean
      wide [COLUMNS…]
                     load, bind and count a leads.csv whose header has COLUMNS columns (default
                     100000 and 1000000), and one of 20,000 copies of one name; median of 3
    """

/// Wall-clock seconds of a monotonic clock.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The process's peak resident set size, in MB.
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return peakMegabytes(usage)
}

/// The peak resident set size in `usage`, in MB (Linux reports kilobytes, macOS bytes).
func peakMegabytes(_ usage: rusage) -> Double {
    #if os(Linux)
    return Double(usage.ru_maxrss) / 1024
    #else
    return Double(usage.ru_maxrss) / 1_048_576
    #endif
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}

func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

/// `kpi-bench ingest [DIR]`; returns the exit status.
func ingest(_ arguments: [String]) -> Int32 {
    let directory = arguments.first ?? "./bench-data/M"
    let files = ["leads.csv", "activities.csv"]
    let paths = files.map { URL(fileURLWithPath: directory).appendingPathComponent($0).path }
    for path in paths where !FileManager.default.fileExists(atPath: path) {
        print("missing \(path). Create the benchmark data with:")
        print("  python3 ../shared/tools/gen_crm.py --size M --seed 1 --out \(directory == "./bench-data/M" ? "bench-data/M" : directory)")
        return 1
    }
    let runs = 3
    print("CSV ingest, \(runs) runs per file, median; \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print(pad("file", 16) + pad("rows", 11, right: true) + pad("MB", 9, right: true) + pad("seconds", 10, right: true) + pad("MB/s", 9, right: true))
    var totalBytes = 0.0
    var totalSeconds = 0.0
    for path in paths {
        let bytes = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        var times: [Double] = []
        var rows = 0
        for _ in 0..<runs {
            let start = now()
            do {
                let table = try CSVAdapter.read(URL(fileURLWithPath: path))
                rows = table.rowCount
            } catch {
                print("error: \(error)")
                return 1
            }
            times.append(now() - start)
        }
        let seconds = median(times)
        totalBytes += bytes
        totalSeconds += seconds
        let name = (path as NSString).lastPathComponent
        print(
            pad(name, 16) + pad("\(rows)", 11, right: true) + pad(fixed(bytes / 1e6, 1), 9, right: true)
                + pad(fixed(seconds, 3), 10, right: true) + pad(fixed(bytes / 1e6 / seconds, 0), 9, right: true))
    }
    print(
        pad("total", 27) + pad(fixed(totalBytes / 1e6, 1), 9, right: true) + pad(fixed(totalSeconds, 3), 10, right: true)
            + pad(fixed(totalBytes / 1e6 / totalSeconds, 0), 9, right: true))
    print("peak RSS: \(fixed(peakRSSMegabytes(), 0)) MB")
    return 0
}

func run(_ arguments: [String]) -> Int32 {
    guard let command = arguments.first else {
        print(usage)
        return 2
    }
    let rest = Array(arguments.dropFirst())
    switch command {
    case "ingest": return ingest(rest)
    case "suite": return SuiteBenchmark.run(rest)
    case "startup": return StartupBenchmark.run(rest)
    case "wide": return WideHeaderBenchmark.run(rest)
    case "oneshot": return OneShotBenchmark.run(rest)
    case "help", "-h", "--help":
        print(usage)
        return 0
    default:
        print("unknown command '\(command)'\n\n\(usage)")
        return 2
    }
}

exit(run(Array(CommandLine.arguments.dropFirst())))
