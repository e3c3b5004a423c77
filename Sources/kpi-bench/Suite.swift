import Foundation
import KPIAdapters
import KPICatalog
import KPICore
import KPIEngine
import KPIFormula

/// `kpi-bench suite`: the spec's KPI suite and benchmark queries, timed on data already in memory.
enum SuiteBenchmark {
    struct Options {
        var directory = "./bench-data/M"
        var runs = 5
        var suitePath = "bench/spec-suite.kpi"
        /// Also run this DuckDB script and print both engines side by side.
        var duckDBScript: String?
        /// Print every statement's result once (exact values) instead of timing.
        var check = false
    }

    /// Parses `[DIR] [--runs N] [--suite FILE] [--duckdb [SCRIPT]] [--check]`.
    static func options(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        var sawDirectory = false
        while let argument = rest.popFirst() {
            switch argument {
            case "--runs":
                guard let text = rest.popFirst(), let n = Int(text), n > 0 else { throw SuiteFileError(message: "--runs needs a positive number") }
                options.runs = n
            case "--check":
                options.check = true
            case "--suite":
                guard let path = rest.popFirst() else { throw SuiteFileError(message: "--suite needs a file") }
                options.suitePath = path
            case "--duckdb":
                // The script path is optional: take the next argument only when it names a .py file.
                if let next = rest.first, next.hasSuffix(".py") {
                    options.duckDBScript = next
                    rest = rest.dropFirst()
                } else {
                    options.duckDBScript = "bench/duckdb_suite.py"
                }
            default:
                guard !argument.hasPrefix("-"), !sawDirectory else { throw SuiteFileError(message: "unexpected argument '\(argument)'") }
                options.directory = argument
                sawDirectory = true
            }
        }
        return options
    }

    /// Runs the benchmark; returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        do {
            let options = try options(arguments)
            let suite = try SuiteFile(contentsOf: options.suitePath)
            if options.check {
                try check(suite, options: options)
                return 0
            }
            let ours = try measure(suite, options: options)
            guard let script = options.duckDBScript else {
                print(SuiteReport.render(ours, directory: options.directory))
                return 0
            }
            print(SuiteReport.render(ours, directory: options.directory))
            print("")
            let theirs = try DuckDBRunner.run(script: script, directory: options.directory, runs: options.runs)
            print(SuiteReport.render(theirs, directory: options.directory))
            print("")
            print(SuiteReport.sideBySide(ours, theirs, directory: options.directory))
            return 0
        } catch {
            print("error: \(error)")
            return 1
        }
    }

    /// Loads the data once, then times the suite and each benchmark query `runs` times.
    static func measure(_ suite: SuiteFile, options: Options) throws -> SuiteFigures {
        let loadStart = now()
        let session = try makeSession(directory: options.directory)
        let loadSeconds = now() - loadStart
        let queries = suite.entries.filter(isBenchmarkQuery)
        var suiteTotals: [Double] = []
        var statementTimes = [[Double]](repeating: [], count: suite.entries.count)
        var queryTimes = [[Double]](repeating: [], count: queries.count)
        // Run 0 is a warm-up (and checks that every statement runs); it is not counted.
        for run in 0...options.runs {
            var total = 0.0
            for definition in suite.definitions {
                total += try timed(definition, in: session)
            }
            for (i, entry) in suite.entries.enumerated() {
                let seconds = try timed(entry.statement, in: session, id: entry.id)
                total += seconds
                if run > 0 { statementTimes[i].append(seconds) }
            }
            if run > 0 { suiteTotals.append(total) }
            for (i, query) in queries.enumerated() {
                let seconds = try timed(query.statement, in: session, id: query.id)
                if run > 0 { queryTimes[i].append(seconds) }
            }
        }
        return SuiteFigures(
            engine: "KPIKit", runs: options.runs, loadSeconds: loadSeconds,
            suite: .init(id: "suite", samples: suiteTotals),
            queries: zip(queries, queryTimes).map { .init(id: $0.id, samples: $1) },
            statements: zip(suite.entries, statementTimes).map { .init(id: $0.id, samples: $1) })
    }

    /// Prints each statement's rows with exact values (shortest round-trip doubles), so two builds'
    /// results can be compared with `diff` and bit-identical means identical text.
    static func check(_ suite: SuiteFile, options: Options) throws {
        let session = try makeSession(directory: options.directory)
        for definition in suite.definitions { _ = try timed(definition, in: session) }
        for entry in suite.entries {
            print("-- \(entry.id)")
            let rows: [[String]]
            do {
                rows = try session.evaluate(entry.statement).rows.map { row in
                    row.keys.map { "\($0)" }
                        + row.measures.map { m in
                            let value = m.value.map { "\($0)" } ?? "null"
                            guard let n = m.numerator, let d = m.denominator else { return value }
                            return "\(value) (\(n)/\(d))"
                        }
                }
            } catch {
                throw SuiteFileError(message: "\(entry.id): \(error.render())")
            }
            for row in rows { print("  " + row.joined(separator: " | ")) }
        }
    }

    /// Benchmark queries are named `q1_...`, `q2_...`.
    static func isBenchmarkQuery(_ entry: SuiteFile.Entry) -> Bool {
        let id = entry.id.utf8
        guard id.count > 3, id.first == UInt8(ascii: "q") else { return false }
        let rest = id.dropFirst()
        let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return !digits.isEmpty && rest.dropFirst(digits.count).first == UInt8(ascii: "_")
    }

    /// Parse, bind, plan and execute one statement, as a user pays for it.
    private static func timed(_ statement: String, in session: Session, id: String? = nil) throws -> Double {
        let start = now()
        do {
            _ = try session.run(statement)
        } catch {
            throw SuiteFileError(message: "\(id ?? "let"): \(error.render())")
        }
        return now() - start
    }

    /// A session with the built-in registry (as the `kpi` tool makes it) and the folder loaded.
    private static func makeSession(directory: String) throws -> Session {
        var registry = BuiltInModules.makeRegistry()
        try registry.register(BuiltInAdapters(), origin: .builtIn)
        try BuiltInModules.register(into: &registry)
        let session = Session(registry: registry)
        try session.load(directory)
        return session
    }
}
