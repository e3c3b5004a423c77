import Foundation
import KPIAdapters
import KPICatalog
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// Sessions wired exactly like the `kpi` CLI: built-in adapters first, then the built-in modules.
enum EngineFixture {
    /// A registry with the built-in adapters and KPI modules.
    static func registry() throws -> KPIRegistry {
        var registry = KPIRegistry()
        try registry.register(BuiltInAdapters(), origin: .builtIn)
        try BuiltInModules.register(into: &registry)
        return registry
    }

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

/// Files the tests find relative to this source file: the package root (for `mappings/`) and the
/// `shared/` checkout that CI clones beside the repository.
enum PackagePaths {
    /// Package roots to try: the one this file was compiled from, and the same with symlinks
    /// resolved (an isolated workspace links the real test folder in).
    static func roots(filePath: String = #filePath) -> [URL] {
        let file = URL(fileURLWithPath: filePath)
        let candidates = [file, file.resolvingSymlinksInPath()].map {
            $0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
        return candidates.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The first existing `<root>/<relative>` among ``roots(filePath:)``.
    static func inPackage(_ relative: String) -> URL? {
        roots().map { $0.appendingPathComponent(relative) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The first existing `<root>/../shared/<relative>`.
    static func inShared(_ relative: String) -> URL? {
        roots().map { $0.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// A vendor fixture copied into the test bundle.
    static func fixture(_ relative: String) throws -> URL {
        let base = try #require(Bundle.module.resourceURL, "the test bundle has no resources")
        let url = base.appendingPathComponent("Fixtures").appendingPathComponent(relative)
        try #require(FileManager.default.fileExists(atPath: url.path), "missing fixture \(url.path)")
        return url
    }
}

/// A directory under the system temp folder, removed when the value is released.
final class TemporaryDirectory {
    /// The directory.
    let url: URL

    init(_ label: String = "kpikit-engine-tests") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// The path of `name` inside the directory (not created).
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
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
