import Foundation

/// The figures of one suite benchmark run: what `kpi-bench suite` prints and what
/// `bench/duckdb_suite.py --json` emits, so the two engines can be printed side by side.
struct SuiteFigures: Codable {
    /// Median and fastest time of one thing timed, in seconds.
    struct Timing: Codable {
        var id: String
        var median: Double
        var min: Double

        /// The median and minimum of `samples` (seconds).
        init(id: String, samples: [Double]) {
            let sorted = samples.sorted()
            self.id = id
            median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            self.min = sorted.first ?? 0
        }
    }

    /// `KPIKit` or `DuckDB 2.0.0`.
    var engine: String
    /// Timed runs (after one untimed warm-up).
    var runs: Int
    /// Seconds spent loading the data (not part of any figure below).
    var loadSeconds: Double
    /// The whole suite: every statement, as one total per run.
    var suite: Timing
    /// The benchmark queries, each timed on its own.
    var queries: [Timing]
    /// Each statement of the suite, as timed within the suite runs.
    var statements: [Timing]
}

/// Text layout shared by both engines' reports.
enum SuiteReport {
    /// `0.871 s` for totals, `7.30 ms` below a second.
    static func time(_ seconds: Double) -> String {
        seconds >= 1 ? fixed(seconds, 3) + " s" : fixed(seconds * 1000, 2) + " ms"
    }

    /// One engine's report.
    static func render(_ figures: SuiteFigures, directory: String) -> String {
        var lines: [String] = []
        lines.append(
            "\(figures.engine) on \(directory): \(figures.statements.count) statements, "
                + "\(figures.runs) runs after 1 warm-up, data in memory (load \(fixed(figures.loadSeconds, 1)) s, not timed)")
        lines.append(pad("", 40) + pad("median", 12, right: true) + pad("min", 12, right: true))
        lines.append(
            pad("suite (\(figures.statements.count) statements)", 40) + pad(time(figures.suite.median), 12, right: true)
                + pad(time(figures.suite.min), 12, right: true))
        for q in figures.queries {
            lines.append(pad(q.id, 40) + pad(time(q.median), 12, right: true) + pad(time(q.min), 12, right: true))
        }
        lines.append("")
        lines.append("per statement, within the suite runs:")
        for s in figures.statements {
            lines.append(pad("  " + s.id, 40) + pad(time(s.median), 12, right: true) + pad(time(s.min), 12, right: true))
        }
        return lines.joined(separator: "\n")
    }

    /// Both engines, one line per figure, with the ratio (below 1 = KPIKit faster).
    static func sideBySide(_ ours: SuiteFigures, _ theirs: SuiteFigures, directory: String) -> String {
        var lines: [String] = []
        lines.append(
            "\(ours.engine) vs \(theirs.engine) on \(directory): medians of \(ours.runs) / \(theirs.runs) runs "
                + "after 1 warm-up, data in memory")
        lines.append(
            pad("", 40) + pad(ours.engine, 12, right: true) + pad(theirs.engine.split(separator: " ").first.map(String.init) ?? "", 12, right: true)
                + pad("ratio", 8, right: true))
        func row(_ name: String, _ a: Double?, _ b: Double?) -> String {
            let ratio = a.flatMap { x in b.map { y in y > 0 ? fixed(x / y, 2) : "-" } } ?? "-"
            return pad(name, 40) + pad(a.map(time) ?? "-", 12, right: true) + pad(b.map(time) ?? "-", 12, right: true)
                + pad(ratio, 8, right: true)
        }
        lines.append(row("suite (\(ours.statements.count) statements)", ours.suite.median, theirs.suite.median))
        for q in ours.queries {
            lines.append(row(q.id, q.median, theirs.queries.first { $0.id == q.id }?.median))
        }
        lines.append("")
        lines.append("per statement, within the suite runs:")
        for s in ours.statements {
            lines.append(row("  " + s.id, s.median, theirs.statements.first { $0.id == s.id }?.median))
        }
        let missing = theirs.statements.map(\.id).filter { id in !ours.statements.contains { $0.id == id } }
        if !missing.isEmpty { lines.append("only in \(theirs.engine): \(missing.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}
