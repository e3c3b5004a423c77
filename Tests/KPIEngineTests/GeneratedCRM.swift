import Foundation
import Testing

/// One dataset from `shared/tools/gen_crm.py`, generated once per test run and split into one
/// folder per format, because loading a folder that holds several formats of the same tables
/// would merge them (later files replace earlier tables).
struct GeneratedCRM: Sendable {
    /// The file formats the generator writes.
    enum Format: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case csv, json, ndjson, sqlite

        var testDescription: String { rawValue }

        /// Whether a generated file name belongs to this format.
        func owns(_ fileName: String) -> Bool {
            switch self {
            case .csv: return fileName.hasSuffix(".csv")
            case .json: return fileName.hasSuffix(".json") && fileName != "manifest.json"
            case .ndjson: return fileName.hasSuffix(".ndjson")
            case .sqlite: return fileName.hasSuffix(".sqlite")
            }
        }
    }

    /// Lead count and seed: small enough for a debug build, big enough for every source and rep.
    static let leadCount = 3000
    static let seed = 11

    /// Holds `manifest.json` and one subfolder per format.
    let root: URL
    /// Rows per table, from `manifest.json`.
    let manifestRows: [String: Int]

    /// The folder with this format's files only.
    func folder(_ format: Format) -> URL { root.appendingPathComponent(format.rawValue) }

    /// The generated `leads.csv`.
    var leadsCSV: URL { folder(.csv).appendingPathComponent("leads.csv") }

    /// The generator script beside the repository.
    static let generator: URL? = PackagePaths.inShared("tools/gen_crm.py")

    /// Whether the generator exists and python3 can import numpy.
    static let isAvailable: Bool = {
        guard generator != nil else { return false }
        return Subprocess.run(["python3", "-c", "import numpy"])?.status == 0
    }()

    /// The dataset of this test run; generated on first use.
    static let shared: Result<GeneratedCRM, GenerationError> = generate()

    /// The dataset, or a test failure explaining why it could not be made.
    static func require() throws -> GeneratedCRM {
        switch shared {
        case .success(let crm): return crm
        case .failure(let error): throw error
        }
    }

    /// Why the dataset could not be generated.
    struct GenerationError: Error, CustomStringConvertible {
        var description: String
    }

    private static func generate() -> Result<GeneratedCRM, GenerationError> {
        guard let generator else { return .failure(GenerationError(description: "shared/tools/gen_crm.py not found")) }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-e2e-crm-\(UUID().uuidString)")
        let raw = root.appendingPathComponent("generated")
        let arguments = [
            "python3", generator.path, "--leads", String(leadCount), "--seed", String(seed), "--out", raw.path,
            "--formats", "csv,json,ndjson,sqlite", "--no-hash",
        ]
        guard let run = Subprocess.run(arguments) else {
            return .failure(GenerationError(description: "cannot start python3"))
        }
        guard run.status == 0 else {
            return .failure(GenerationError(description: "gen_crm.py exited \(run.status): \(run.stderr)"))
        }
        do {
            let manager = FileManager.default
            let files = try manager.contentsOfDirectory(atPath: raw.path)
            for format in Format.allCases {
                let folder = root.appendingPathComponent(format.rawValue)
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
                for file in files where format.owns(file) {
                    try manager.moveItem(at: raw.appendingPathComponent(file), to: folder.appendingPathComponent(file))
                }
            }
            let manifestData = try Data(contentsOf: raw.appendingPathComponent("manifest.json"))
            try manager.moveItem(at: raw.appendingPathComponent("manifest.json"), to: root.appendingPathComponent("manifest.json"))
            let manifest = try JSONSerialization.jsonObject(with: manifestData) as? [String: Any]
            guard let rows = manifest?["rows"] as? [String: Int] else {
                return .failure(GenerationError(description: "manifest.json has no rows object"))
            }
            GeneratedCRMCleanup.register(root)
            return .success(GeneratedCRM(root: root, manifestRows: rows))
        } catch {
            return .failure(GenerationError(description: "cannot arrange the generated files: \(error)"))
        }
    }
}

/// Removes the generated dataset when the test process exits.
private enum GeneratedCRMCleanup {
    static func register(_ root: URL) {
        setenv("KPIKIT_E2E_CRM_ROOT", root.path, 1)
        atexit {
            if let path = getenv("KPIKIT_E2E_CRM_ROOT") {
                try? FileManager.default.removeItem(atPath: String(cString: path))
            }
        }
    }
}

/// The generated `leads.csv`, parsed with plain splitting so the expected figures do not depend
/// on KPIKit's own CSV reader.
struct RawLeads {
    /// Column name → index.
    let header: [String: Int]
    /// One array of cells per data row.
    let rows: [[Substring]]

    init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        // Plain splitting is only sound without quoting; the generator promises none in leads.csv.
        try #require(!text.contains("\""), "leads.csv contains a quote: plain splitting would be wrong")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let names = try #require(lines.first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        lines.removeFirst()
        header = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        rows = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for (i, row) in rows.enumerated() {
            try #require(row.count == names.count, "leads.csv data row \(i + 1) has \(row.count) cells")
        }
    }

    /// The cell of `column` in `row`.
    func cell(_ row: [Substring], _ column: String) -> Substring {
        guard let index = header[column] else { return "" }
        return row[index]
    }

    /// `numerator / denominator` per key over the rows in `base`, counting those matching `hit`.
    func rates(
        by key: String?, where base: ([Substring]) -> Bool = { _ in true }, hit: ([Substring]) -> Bool
    ) -> [String: Fraction] {
        var out: [String: Fraction] = [:]
        for row in rows where base(row) {
            let group = key.map { String(cell(row, $0)) } ?? ""
            var fraction = out[group] ?? Fraction(numerator: 0, denominator: 0)
            fraction.denominator += 1
            if hit(row) { fraction.numerator += 1 }
            out[group] = fraction
        }
        return out
    }
}
