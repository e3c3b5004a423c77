import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// How the spec's KPIs (``SpecIDs/all``) are compared with the engine's results.
extension SpecIDs {
    /// KPIs whose rows the spec orders by stage; the engine lists them in stage order too, but
    /// ties and unknown stages are not the spec's concern, so their rows are compared as sets.
    static let stageOrdered: Set<String> = ["avg_time_in_stage_days", "q3_avg_stage_time"]

    /// Where the suite's `as` names differ from the spec's wording: spec name → engine name.
    static let measureNames: [String: [String: String]] = [
        "churn_rate_by_month": ["S": "active"],
        "retention_rate_by_month": ["S": "s", "E": "e", "N": "n"],
    ]
}

/// The statements of `bench/spec-suite.kpi`: `let` lines first, then each KPI is the one
/// statement after a `-- <id>` line (a one-word comment; longer comments are prose).
struct SpecSuite: Sendable {
    var definitions: [String] = []
    var statements: [(id: String, text: String)] = []

    static let file: URL? = PackagePaths.inPackage("bench/spec-suite.kpi")

    init(contentsOf url: URL) throws {
        var pending: String?
        for raw in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("--") {
                let comment = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
                if !comment.isEmpty, !comment.contains(" ") { pending = comment }
            } else if line.hasPrefix("let ") {
                definitions.append(line)
            } else {
                let id = try #require(pending, "statement without a '-- <id>' line: \(line)")
                statements.append((id, line))
                pending = nil
            }
        }
    }
}

/// What the engine answered for one statement.
enum EngineAnswer: Sendable {
    case result(QueryResult)
    case failed(String)
}

/// The data a conformance case runs on: `gen_crm.py` output for a seed, or ``SpecEdgeData``.
enum SpecDataset: Hashable, Sendable, CustomTestStringConvertible {
    case generated(seed: Int)
    case handMade
    /// `gen_crm.py --dirty`: the engine reads the damaged files, the reference a copy with the
    /// damaged cells emptied (`Reference/null_damaged_cells.py`).
    case dirty(seed: Int)

    /// Two seeds, so the formulas cannot be tuned to one dataset, the hand-made edge cases, and
    /// damaged data read leniently.
    static let all: [SpecDataset] = [.generated(seed: 23), .generated(seed: 5), .handMade, .dirty(seed: 31)]

    var testDescription: String {
        switch self {
        case .generated(let seed): return "gen_crm seed \(seed)"
        case .handMade: return "hand-made edge cases"
        case .dirty(let seed): return "gen_crm --dirty seed \(seed)"
        }
    }
}

/// One dataset, the reference's figures for it and the engine's, computed once per dataset.
struct SpecConformanceRun: Sendable {
    var dataset: SpecDataset
    var reference: [String: ReferenceResult]
    var engine: [String: EngineAnswer]

    static let leadCount = 4000

    /// The reference implementation beside this file.
    static let referenceScript: URL? = PackagePaths.inPackage("Tests/KPIEngineTests/Reference/kpis_reference.py")

    /// The generator: `KPIKIT_GEN_CRM`, else `../shared/tools/gen_crm.py`.
    static let generator: URL? = {
        if let path = ProcessInfo.processInfo.environment["KPIKIT_GEN_CRM"] { return URL(fileURLWithPath: path) }
        return PackagePaths.inShared("tools/gen_crm.py")
    }()

    /// Whether the generator, the reference, the suite file and python3 with numpy are all there.
    static let isAvailable: Bool = {
        guard let generator, FileManager.default.fileExists(atPath: generator.path), referenceScript != nil,
            SpecSuite.file != nil
        else { return false }
        return Subprocess.run(["python3", "-c", "import numpy"])?.status == 0
    }()

    // One lazily made run per dataset, so parallel test cases build different datasets at once.
    private static let seed23 = attempt(.generated(seed: 23))
    private static let seed5 = attempt(.generated(seed: 5))
    private static let handMade = attempt(.handMade)
    private static let dirty31 = attempt(.dirty(seed: 31))

    /// The script that empties the damaged cells of a dirty folder, beside the reference.
    static let cleaner: URL? = PackagePaths.inPackage("Tests/KPIEngineTests/Reference/null_damaged_cells.py")

    /// The run for `dataset`, or the reason it could not be made.
    static func require(_ dataset: SpecDataset) throws -> SpecConformanceRun {
        switch dataset {
        case .generated(seed: 23): return try seed23.get()
        case .generated(seed: 5): return try seed5.get()
        case .handMade: return try handMade.get()
        case .dirty(seed: 31): return try dirty31.get()
        case .generated, .dirty: return try attempt(dataset).get()
        }
    }

    struct RunError: Error, CustomStringConvertible {
        var description: String
    }

    private static func attempt(_ dataset: SpecDataset) -> Result<SpecConformanceRun, RunError> {
        Result { try make(dataset) }.mapError { RunError(description: "\(dataset.testDescription): \($0)") }
    }

    private static func make(_ dataset: SpecDataset) throws -> SpecConformanceRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-spec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("crm")
        guard let generator, let referenceScript, let suiteFile = SpecSuite.file else {
            throw RunError(description: "generator, reference script or bench/spec-suite.kpi not found")
        }
        switch dataset {
        case .generated(let seed):
            try Captured.run(
                [
                    "python3", generator.path, "--leads", String(leadCount), "--seed", String(seed), "--out", data.path,
                    "--formats", "csv", "--no-hash",
                ], in: folder)
        case .handMade:
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            for (name, text) in SpecEdgeData.files {
                try Data((text + "\n").utf8).write(to: data.appendingPathComponent(name))
            }
        case .dirty(let seed):
            try Captured.run(
                [
                    "python3", generator.path, "--leads", String(leadCount), "--seed", String(seed), "--out", data.path,
                    "--formats", "csv", "--no-hash", "--dirty",
                ], in: folder)
        }
        var referenceData = data
        if case .dirty = dataset {
            guard let cleaner else { throw RunError(description: "Reference/null_damaged_cells.py not found") }
            referenceData = folder.appendingPathComponent("crm-nulled")
            try Captured.run(["python3", cleaner.path, data.path, referenceData.path], in: folder)
        }
        let output = try Captured.run(["python3", referenceScript.path, referenceData.path], in: folder)
        let document = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        let reference = try document.mapValues { try ReferenceResult(json: $0) }

        let session = try EngineFixture.session()
        try session.load(data.path)
        let suite = try SpecSuite(contentsOf: suiteFile)
        for definition in suite.definitions { _ = try session.run(definition) }
        var engine: [String: EngineAnswer] = [:]
        for (id, text) in suite.statements {
            do {
                engine[id] = .result(try session.evaluate(text))
            } catch {
                engine[id] = .failed("\(error)")
            }
        }
        return SpecConformanceRun(dataset: dataset, reference: reference, engine: engine)
    }
}

/// Runs a program with its output in files (no pipe to fill up) and returns standard output.
enum Captured {
    @discardableResult
    static func run(_ arguments: [String], in folder: URL) throws -> Data {
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = manager.createFile(atPath: out.path, contents: nil)
        _ = manager.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self)
            throw SpecConformanceRun.RunError(
                description: "\(arguments.prefix(2).joined(separator: " ")) exited \(process.terminationStatus): \(message)")
        }
        return try Data(contentsOf: out)
    }
}
