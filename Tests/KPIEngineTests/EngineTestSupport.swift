import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// Sessions wired exactly like the `kpi` CLI: built-in adapters first, then the built-in modules.
enum EngineFixture {
    /// A registry with the built-in adapters and KPI modules.
    static func registry() throws -> KPIRegistry { try StandardRegistry.make() }

    /// An empty session on the built-in registry.
    static func session(strict: Bool = false) throws -> Session {
        Session(registry: try registry(), options: SessionOptions(strict: strict))
    }

    /// The measure of a scalar query, failing the test when the result is grouped or empty.
    static func scalar(_ session: Session, _ formula: String) throws -> Measure {
        let result = try session.evaluate(formula)
        return try #require(result.scalar, "'\(formula)' should give one value")
    }

    /// `key → (numerator, denominator)` of a rate grouped by one text key.
    static func groupedRates(_ session: Session, _ formula: String) throws -> [String: Fraction] {
        let result = try session.evaluate(formula)
        try #require(result.keyNames.count == 1, "'\(formula)' should group by one key")
        var out: [String: Fraction] = [:]
        for row in result.rows {
            let key = try #require(row.keys.first).description
            let numerator = try #require(row.measure.numerator, "row \(key) has no numerator")
            let denominator = try #require(row.measure.denominator, "row \(key) has no denominator")
            out[key] = Fraction(numerator: Int(numerator), denominator: Int(denominator))
        }
        return out
    }
}

/// A rate's parts, compared exactly.
struct Fraction: Hashable, CustomStringConvertible {
    var numerator: Int
    var denominator: Int

    var description: String { "\(numerator)/\(denominator)" }
}

extension PackagePaths {
    /// A fixture copied into this test bundle's `Fixtures/`.
    static func fixture(_ relative: String) throws -> URL { try fixture(relative, in: .module) }
}

/// Runs a program and returns its exit status and standard error.
enum Subprocess {
    /// Runs `arguments` through `/usr/bin/env`; `nil` when it cannot be started.
    static func run(_ arguments: [String]) -> (status: Int32, stderr: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Reading to the end before waiting keeps a chatty child from blocking on a full pipe.
        let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errorData, as: UTF8.self))
    }
}
