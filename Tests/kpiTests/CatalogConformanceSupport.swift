import Foundation
import Testing

extension ReferenceMeasure {
    /// The parts the reference gives, as sources the coverage check can look for.
    func parts(named name: String) -> Set<SpecSource> {
        var out: Set<SpecSource> = [.value(name)]
        if numerator != nil { out.insert(.numerator(name)) }
        if denominator != nil { out.insert(.denominator(name)) }
        return out
    }
}

extension ReferenceResult {
    struct MissingFigure: Error, CustomStringConvertible {
        var description: String
    }

    /// The number `source` names in `row`; `nil` is the spec's null. Throws when the reference has
    /// no such figure, which means the case table names a figure the spec does not define.
    static func number(_ source: SpecSource, in row: Row) throws -> Double? {
        func measure(_ name: String) throws -> ReferenceMeasure {
            guard let found = row.measures[name] else { throw MissingFigure(description: "the spec has no figure '\(name)'") }
            return found
        }
        func present(_ part: Double?, _ what: String) throws -> Double {
            guard let part else { throw MissingFigure(description: "the spec's '\(what)' is not a rate {num, den, value}") }
            return part
        }
        switch source {
        case .value(let name): return try measure(name).value
        case .numerator(let name): return try present(try measure(name).numerator, name)
        case .denominator(let name): return try present(try measure(name).denominator, name)
        case .difference(let a, let b):
            guard let left = try number(a, in: row), let right = try number(b, in: row) else { return nil }
            return left - right
        }
    }

    /// Every part of every measure the reference gives for this KPI.
    var parts: Set<SpecSource> {
        rows.reduce(into: []) { all, row in
            for (name, measure) in row.measures { all.formUnion(measure.parts(named: name)) }
        }
    }
}

/// What `kpi eval … --format json` printed, in the reference's shape: rows of text keys and
/// named numeric fields (`nil` for JSON null).
///
/// A scalar (`{"value": …, "unit": …, "median": …}`) becomes one row with an empty key; a grouped
/// result's key columns are the `columns` before `value`.
struct CatalogueResult: Sendable {
    struct Row: Sendable {
        var key: [String?]
        var fields: [String: Double?]
    }

    var keyNames: [String]
    var rows: [Row]

    /// Fields that describe the result rather than hold a figure.
    static let descriptive: Set<String> = ["unit", "units", "kpi", "columns", "rows", "small_sample"]

    init(json: [String: Any]) throws {
        if let columns = json["columns"] {
            let names = try #require(columns as? [String], "columns is a list of names")
            keyNames = Array(names.prefix { $0 != CatalogueField.headline })
            let keyNames = self.keyNames
            rows = try #require(json["rows"] as? [[String: Any]], "a grouped result has rows").map { row in
                let key = try keyNames.map { name in Self.keyText(try #require(row[name], "a row has no key '\(name)'")) }
                return Row(key: key, fields: Self.figures(row, skipping: Set(keyNames)))
            }
        } else {
            keyNames = []
            rows = [Row(key: [], fields: Self.figures(json, skipping: []))]
        }
    }

    private static func figures(_ object: [String: Any], skipping keys: Set<String>) -> [String: Double?] {
        var out: [String: Double?] = [:]
        for (name, value) in object where !keys.contains(name) && !descriptive.contains(name) {
            if value is NSNull {
                out[name] = .some(nil)
            } else if let number = value as? NSNumber, !isBoolean(number) {
                out[name] = number.doubleValue
            }
        }
        return out
    }

    /// A key as the reference writes it: text as is, booleans `false`/`true`, null as `nil`.
    static func keyText(_ value: Any) -> String? {
        switch value {
        case is NSNull: return nil
        case let text as String: return text
        case let number as NSNumber:
            if isBoolean(number) { return number.boolValue ? "true" : "false" }
            return number.stringValue
        default: return "\(value)"
        }
    }

    /// JSON `true`/`false` come back as NSNumbers of type `char` (numbers never do).
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}

/// The generated dataset and the reference's figures for it, made once per test run.
struct ConformanceData: Sendable {
    static let leadCount = 3000
    static let seed = 31

    /// The CSV files `kpi eval --data` reads.
    let folder: URL
    /// The reference's result for every spec id.
    let reference: [String: ReferenceResult]

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// The generator: `KPIKIT_GEN_CRM`, else `<package>/../shared/tools/gen_crm.py`.
    static let generator: URL? = {
        if let path = ProcessInfo.processInfo.environment["KPIKIT_GEN_CRM"] { return URL(fileURLWithPath: path) }
        return PackagePaths.inShared("tools/gen_crm.py")
    }()

    /// The independent reference implementation of the spec, kept beside the engine's tests.
    static let referenceScript: URL? = PackagePaths.roots()
        .map { $0.appendingPathComponent("Tests/KPIEngineTests/Reference/kpis_reference.py") }
        .first { FileManager.default.fileExists(atPath: $0.path) }

    /// Slow tests are asked for, and the generator, the reference and python3 with numpy are there.
    static let isAvailable: Bool = {
        guard ProcessInfo.processInfo.environment["KPIKIT_SLOW_TESTS"] != nil, let generator, referenceScript != nil,
            FileManager.default.fileExists(atPath: generator.path)
        else { return false }
        return CLI.runTool(["python3", "-c", "import numpy"])?.status == 0
    }()

    static let shared: Result<ConformanceData, SetupError> = Result { try make() }
        .mapError { $0 as? SetupError ?? SetupError(description: "\($0)") }

    static func require() throws -> ConformanceData { try shared.get() }

    /// This process's scratch folder: named by process id so the exit handler can find it without
    /// capturing anything.
    static func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-catalog-conformance-\(getpid())")
    }

    private static func make() throws -> ConformanceData {
        guard let generator, let referenceScript else { throw SetupError(description: "gen_crm.py or kpis_reference.py not found") }
        let folder = scratch().appendingPathComponent("crm")
        try? FileManager.default.removeItem(at: scratch())
        try FileManager.default.createDirectory(at: scratch(), withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ConformanceData.scratch()) }
        _ = try tool([
            "python3", generator.path, "--leads", String(leadCount), "--seed", String(seed), "--out", folder.path,
            "--formats", "csv", "--no-hash",
        ])
        let output = try tool(["python3", referenceScript.path, folder.path])
        let document = try JSONSerialization.jsonObject(with: Data(output.utf8))
        guard let results = document as? [String: Any] else { throw SetupError(description: "the reference printed no JSON object") }
        return ConformanceData(folder: folder, reference: try results.mapValues { try ReferenceResult(json: $0) })
    }

    private static func tool(_ arguments: [String]) throws -> String {
        let shown = arguments.prefix(2).map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " ")
        guard let run = CLI.runTool(arguments) else { throw SetupError(description: "\(shown) did not start") }
        guard run.status == 0 else { throw SetupError(description: "\(shown) failed: \(run)") }
        return run.stdout
    }
}
