import Foundation

/// Runs `bench/duckdb_suite.py --json` (python3 with the duckdb module) and reads its figures.
enum DuckDBRunner {
    static func run(script: String, directory: String, runs: Int) throws -> SuiteFigures {
        guard FileManager.default.fileExists(atPath: script) else {
            throw SuiteFileError(message: "no DuckDB script at \(script) (run from the repository root, or pass --duckdb PATH.py)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, directory, "--runs", "\(runs)", "--json"]
        let output = Pipe()
        process.standardOutput = output
        // Errors (no duckdb module, a failing query) go straight to the terminal.
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw SuiteFileError(message: "cannot start python3: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SuiteFileError(
                message: "\(script) failed with status \(process.terminationStatus) (is the duckdb module installed? pip install duckdb)")
        }
        do {
            return try JSONDecoder().decode(SuiteFigures.self, from: data)
        } catch {
            throw SuiteFileError(message: "\(script) printed something that is not its JSON figures: \(error)")
        }
    }
}
