import Foundation
import Testing

/// Issue 11 from the command line: damaged data loads with every bad cell listed, `--strict`
/// stops at the first, `kpi inspect` shows how files are read and drafts a mapping that loads
/// back, and the options that steer reading are checked.
@Suite("kpi on real and damaged exports")
struct RealExportCLITests {
    /// `gen_crm.py --dirty` data (1,000 leads), made once.
    static let dirty: URL? = {
        guard let generator = GeneratedData.generator else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-cli-dirty-\(UUID().uuidString)")
        let result = CLI.runTool([
            "python3", generator.path, "--leads", "1000", "--seed", "19", "--out", folder.path, "--formats", "csv", "--no-hash", "--dirty",
        ])
        return result?.status == 0 ? folder : nil
    }()

    struct DamagedCell: Decodable, Hashable {
        var file: String
        var line: Int
        var column: Int
        var kind: String
    }

    static func damagedCells(_ folder: URL) throws -> [DamagedCell] {
        try JSONDecoder().decode([DamagedCell].self, from: Data(contentsOf: folder.appendingPathComponent("dirty_rows.json")))
    }

    /// The rows of a rejects CSV (no quoted commas in these files' names and values but the
    /// value, which is last).
    static func rejects(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").map { line in line.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false).map(String.init) }
    }

    @Test(
        "damaged data: exit 0, and --rejects lists every damaged cell of dirty_rows.json at its file, line and column",
        .enabled(if: GeneratedData.isAvailable))
    func dirtyRejects() throws {
        let folder = try #require(Self.dirty, "gen_crm.py --dirty failed")
        let rejects = folder.appendingPathComponent("R.csv").path
        let run = try CLI.run(["eval", "count(leads)", "--data", folder.path, "--rejects", rejects])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "1,000\n")
        #expect(run.stderr.contains("bad cells set to null"), "\(run)")
        let rows = try Self.rejects(rejects)
        #expect(rows.first == ["file", "line", "column", "field", "reason", "value"])
        let listed = Set(rows.dropFirst().map { "\(URL(fileURLWithPath: $0[0]).lastPathComponent):\($0[1]):\($0[2])" })
        let damaged = try Self.damagedCells(folder)
        #expect(!damaged.isEmpty)
        let unlisted = damaged.filter { !listed.contains("\($0.file):\($0.line):\($0.column)") }
        #expect(unlisted.isEmpty, "not in the rejects: \(unlisted.prefix(5))")
        // Blanked required cells are there as missing.
        let missing = Set(rows.dropFirst().filter { $0[4] == "missing" }.map { "\(URL(fileURLWithPath: $0[0]).lastPathComponent):\($0[1]):\($0[2])" })
        #expect(damaged.filter { $0.kind == "missing" }.allSatisfy { missing.contains("\($0.file):\($0.line):\($0.column)") })
    }

    @Test("damaged data with --strict stops at the first damaged cell of the first file, at its line", .enabled(if: GeneratedData.isAvailable))
    func dirtyStrict() throws {
        let folder = try #require(Self.dirty, "gen_crm.py --dirty failed")
        let run = try CLI.run(["eval", "count(leads)", "--data", folder.path, "--strict"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.isEmpty)
        // Files load in name order; an empty cell is no error, a damaged one is.
        let first = try Self.damagedCells(folder).filter { $0.file == "activities.csv" && $0.kind != "missing" }.min { $0.line < $1.line }
        let cell = try #require(first)
        #expect(run.stderr.contains("activities.csv:\(cell.line):"), "\(run) — expected line \(cell.line)")
    }

    @Test("kpi inspect shows the reading, the columns, the binding and the KPIs; its draft loads back")
    func inspect() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write(
            "Pipeline Q3 (final).csv",
            "\"Opportunity Name\",\"Stage\",\"Close Date\",\"Amount\",\"Opportunity Owner\",\"Created Date\"\n"
                + "\"Acme\",\"Closed Won\",\"17-11-2020\",\"$1,40,000.00 \",\"Ana\",\"03-06-2020\"\n"
                + "\"Beta\",\"Closed Lost\",\"18-03-2021\",\"N/A\",\"Bo\",\"21-11-2020\"\n\n"
                + "\"Grand Totals (2 records)\"\n\"Confidential Information - Do Not Distribute\"\n")
        let run = try CLI.run(["inspect", file])
        #expect(run.status == 0, "\(run)")
        for fact in [
            "UTF-8 (detected)", "delimiter \",\"", "header on line 1", "2 rows", "footer", "Grand Totals (2 records)",
            "bound as leads — recognised by its columns: Salesforce opportunity report", "timestamp (DD-MM-YYYY)",
            "$ with Indian grouping", "leads.closed_at (alias Close Date)", "null word", "KPIs on this data:", "win_rate",
            "as of 2021-03-18, the latest close",
        ] {
            #expect(run.stdout.contains(fact), "missing \(fact.debugDescription) in:\n\(run.stdout)")
        }
        let draft = try CLI.run(["inspect", file, "--mapping-draft"])
        #expect(draft.status == 0, "\(draft)")
        #expect(draft.stdout.contains("\"created_at\": {\"column\": \"Created Date\", \"format\": \"dmy\"}"), "\(draft.stdout)")
        let mapping = try temp.write("draft.json", draft.stdout)
        let again = try CLI.run(["eval", "win_rate", "--data", file, "--mapping", mapping])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("(1 / 2)"), "\(again)")
        #expect(try CLI.run(["inspect"]).status != 0)
    }

    @Test("--encoding and --date-order are checked and steer the reading")
    func readingOptions() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write("leads.csv", "lead_id,created_at,source\n1,03/04/2024,Web\n2,05/06/2024,Ads\n")
        let monthFirst = try CLI.run(["eval", "min(created_at) of leads", "--data", file])
        #expect(monthFirst.stdout.contains("2024-03-04"), "\(monthFirst)")
        let dayFirst = try CLI.run(["eval", "min(created_at) of leads", "--data", file, "--date-order", "dmy"])
        #expect(dayFirst.stdout.contains("2024-04-03"), "\(dayFirst)")
        let badOrder = try CLI.run(["eval", "count(leads)", "--data", file, "--date-order", "ydm"])
        #expect(badOrder.status != 0 && badOrder.stderr.contains("--date-order"), "\(badOrder)")
        let badEncoding = try CLI.run(["eval", "count(leads)", "--data", file, "--encoding", "klingon"])
        #expect(badEncoding.status != 0 && badEncoding.stderr.contains("utf-8"), "\(badEncoding)")
        #expect(try CLI.run(["eval", "count(leads)", "--data", file, "--encoding", "latin-1"]).stdout == "2\n")
    }

    @Test("kpi list marks KPIs that give totals and groups only when the data has no dates")
    func totalsOnly() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write("leads.csv", "Prospect ID,Lead Source,Converted\na,Web,1\nb,Ads,0\nc,Web,0\n")
        let list = try CLI.run(["list", "--data", file])
        #expect(list.stdout.contains("◐ lead_conversion_rate") && list.stdout.contains("totals and groups only: no leads.created_at"), "\(list)")
        let json = try CLI.run(["list", "--data", file, "--format", "json"])
        #expect(json.stdout.contains("\"totals_only\": true, \"missing_date\": \"leads.created_at\""), "\(json)")
        let rate = try CLI.run(["eval", "lead_conversion_rate by source", "--data", file, "--format", "csv"])
        #expect(rate.status == 0 && rate.stdout.contains("Web"), "\(rate)")
        let monthly = try CLI.run(["eval", "lead_conversion_rate by month", "--data", file])
        #expect(monthly.status == 2 && monthly.stderr.contains("totals and groups only"), "\(monthly)")
    }

    @Test("--rejects never writes over a data file")
    func rejectsNotOverData() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write("leads.csv", "lead_id,source\n1,Web\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let run = try CLI.run(["eval", "count(leads)", "--data", file, "--rejects", file])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("rejects.data-file"), "\(run)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }
}
