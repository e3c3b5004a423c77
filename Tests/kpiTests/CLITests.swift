import Foundation
import Testing

/// The `kpi` executable end to end: arguments, output formats, exit statuses, batch mode and
/// error text, exactly as a user or a script sees them.
@Suite("kpi command line")
struct CLITests {
    // MARK: - eval

    @Test("kpi eval 'count(leads)' --format json on the demo gives 5000")
    func evalCountOnDemo() throws {
        let run = try CLI.run(["eval", "count(leads)", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let json = try run.jsonObject()
        #expect(json["value"] as? Int == 5000)
        #expect(json["unit"] as? String == "count")
        #expect(run.stderr.isEmpty)
    }

    @Test("a grouped rate in JSON has columns and rows of key, value, numerator, denominator")
    func evalGroupedJSONContract() throws {
        let run = try CLI.run(["eval", "lead_conversion_rate by source", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let json = try run.jsonObject()
        #expect((json["columns"] as? [String])?.starts(with: ["source", "value", "numerator", "denominator"]) == true)
        #expect(json["unit"] as? String == "ratio")
        #expect(json["kpi"] as? String == "lead_conversion_rate")
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count > 1)
        var leads = 0
        for row in rows {
            #expect(Set(row.keys).isSuperset(of: ["source", "value", "numerator", "denominator"]))
            let numerator = try #require(row["numerator"] as? Double)
            let denominator = try #require(row["denominator"] as? Double)
            let value = try #require(row["value"] as? Double)
            #expect(abs(value - numerator / denominator) <= 4 * value.ulp, "value is numerator / denominator")
            leads += Int(denominator)
        }
        #expect(leads == 5000, "every demo lead has a source")
        let sources = rows.compactMap { $0["source"] as? String }
        #expect(sources == sources.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }

    @Test("a scalar rate in JSON carries value, unit, numerator and denominator")
    func evalScalarRateJSON() throws {
        let run = try CLI.run(["eval", "lead_conversion_rate", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let json = try run.jsonObject()
        #expect(Set(json.keys).isSuperset(of: ["value", "unit", "numerator", "denominator"]))
        let numerator = try #require(json["numerator"] as? Double)
        let denominator = try #require(json["denominator"] as? Double)
        #expect(denominator == 5000)
        #expect(abs((json["value"] as? Double ?? -1) - numerator / denominator) <= 4 * (numerator / denominator).ulp)
    }

    @Test("kpi eval --format csv and markdown print the same figures", arguments: ["csv", "markdown"])
    func evalOtherFormats(format: String) throws {
        let run = try CLI.run(["eval", "count(leads) by source", "--format", format])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count >= 3)
        #expect(lines.first?.contains("source") == true)
    }

    // MARK: - eval on generated data

    @Test(
        "kpi eval --data on each generated format: count, conversion rate and by source match leads.csv",
        .enabled(if: GeneratedData.isAvailable), arguments: GeneratedData.formats)
    func evalGeneratedData(format: String) throws {
        let data = try GeneratedData.require()
        let expected = try data.conversionFromCSV()
        let folder = data.folder(format)

        let count = try CLI.run(["eval", "count(leads)", "--data", folder, "--format", "json"])
        #expect(count.status == 0, "\(count)")
        #expect(try count.jsonObject()["value"] as? Int == data.manifestLeads)
        #expect(data.manifestLeads == GeneratedData.leadCount)

        let rate = try CLI.run(["eval", "lead_conversion_rate", "--data", folder, "--format", "json"])
        let rateJSON = try rate.jsonObject()
        #expect(rateJSON["numerator"] as? Int == expected.total.won)
        #expect(rateJSON["denominator"] as? Int == expected.total.leads)

        let bySource = try CLI.run(["eval", "lead_conversion_rate by source", "--data", folder, "--format", "json"])
        let rows = try #require(try bySource.jsonObject()["rows"] as? [[String: Any]])
        var actual: [String: [Int]] = [:]
        for row in rows {
            let source = try #require(row["source"] as? String)
            actual[source] = [try #require(row["numerator"] as? Int), try #require(row["denominator"] as? Int)]
        }
        #expect(actual == expected.bySource)
    }

    // MARK: - vendor data

    static let mavenFolder = PackagePaths.inShared("data/maven-crm")
    static let mavenMapping = PackagePaths.roots().map { $0.appendingPathComponent("mappings/maven-crm.json") }
        .first { FileManager.default.fileExists(atPath: $0.path) }

    @Test(
        "the Maven folder with --mapping mappings/maven-crm.json: 8,800 leads and Won over Won+Lost",
        .enabled(if: mavenFolder != nil && mavenMapping != nil))
    func mavenWithMapping() throws {
        let folder = try #require(Self.mavenFolder)
        let mapping = try #require(Self.mavenMapping)
        let text = try String(contentsOf: folder.appendingPathComponent("sales_pipeline.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").dropFirst()
        let stages = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false)[4] }
        let won = stages.filter { $0 == "Won" }.count
        let lost = stages.filter { $0 == "Lost" }.count

        let count = try CLI.run(["eval", "count(leads)", "--data", folder.path, "--mapping", mapping.path, "--format", "json"])
        #expect(count.status == 0, "\(count)")
        #expect(try count.jsonObject()["value"] as? Int == lines.count)
        #expect(lines.count == 8800)

        let winRate = try CLI.run(["eval", "win_rate", "--data", folder.path, "--mapping", mapping.path, "--format", "json"])
        let json = try winRate.jsonObject()
        #expect(json["numerator"] as? Int == won)
        #expect(json["denominator"] as? Int == won + lost)
    }

    @Test("a HubSpot-style deals export binds without a mapping file")
    func vendorExportWithoutMapping() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write(
            "deals.csv",
            """
            Record ID,Deal Name,Deal Stage,Create Date,Close Date,Amount,Deal owner,Original Source
            1,"Acme, Inc.",Closed Won,2024-02-01 09:00,2024-03-01,"1,250.00",Maya Chen,Organic Search
            2,Globex,Closed Lost,2024-02-02 10:00,2024-03-02,900,Omar Ali,Paid Search
            3,Initech,Appointment Scheduled,2024-02-03 11:00,,400,Maya Chen,Organic Search

            """)
        let run = try CLI.run(["eval", "win_rate by rep", "--data", file, "--format", "csv"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: ",").prefix(4).joined(separator: ",") }
        #expect(lines == ["rep,value,numerator,denominator", "Maya Chen,1,1,1", "Omar Ali,0,0,1"])
    }

    // MARK: - list

    @Test("kpi list --format json parses and marks KPIs the demo can answer")
    func listJSON() throws {
        let run = try CLI.run(["list", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let kpis = try #require(try run.jsonObject()["kpis"] as? [[String: Any]])
        let byID = Dictionary(kpis.compactMap { k in (k["id"] as? String).map { ($0, k) } }, uniquingKeysWith: { a, _ in a })
        for id in ["lead_conversion_rate", "win_rate", "lead_volume"] {
            let kpi = try #require(byID[id], "kpi list lacks \(id)")
            #expect(kpi["available"] as? Bool == true, "\(id) should run on the demo")
            #expect(kpi["module"] is String && kpi["origin"] as? String == "built-in" && kpi["formula"] is String)
        }
    }

    @Test("kpi list on a leads-only file marks other KPIs unavailable with the fields they miss")
    func listUnavailable() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write("leads.csv", "lead_id,created_at,source,status\n1,2024-01-01,Web,won\n2,2024-01-02,Ads,lost\n")
        let run = try CLI.run(["list", "--data", file, "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let kpis = try #require(try run.jsonObject()["kpis"] as? [[String: Any]])
        let conversion = try #require(kpis.first { $0["id"] as? String == "lead_conversion_rate" })
        #expect(conversion["available"] as? Bool == true)
        let calls = try #require(kpis.first { $0["id"] as? String == "calls" })
        #expect(calls["available"] as? Bool == false)
        #expect((calls["missing"] as? [String])?.contains("activities.type") == true)
        #expect(kpis.allSatisfy { ($0["available"] as? Bool) == true || !(($0["missing"] as? [String]) ?? []).isEmpty })
    }

    // MARK: - batch mode

    @Test("batch mode prints one result per statement and exits 0")
    func batchTwoStatements() throws {
        let run = try CLI.run([], input: "count(leads)\nlead_conversion_rate by source\n")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("5,000\n"), "\(run)")
        #expect(run.stdout.contains("Lead-to-customer conversion rate"))
        #expect(run.stdout.contains("Referral"))
        #expect(run.stdout.hasSuffix("8 rows\n"), "\(run)")
        #expect(run.stderr.isEmpty)
    }

    @Test("batch mode in CSV gives machine-readable results, one block each")
    func batchCSV() throws {
        let run = try CLI.run(["--format", "csv"], input: "count(leads)\ncount(leads) by status\n")
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.prefix(3) == ["value", "5000", "status,value"])
    }

    @Test("a bad statement stops batch mode with exit 1 and a caret error; later statements do not run")
    func batchStopsAtError() throws {
        let run = try CLI.run([], input: "count(leads)\nsorce\ncount(activities)\n")
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout == "5,000\n", "only the first statement ran: \(run)")
        #expect(run.stderr.contains("error[formula.unknown-name]"))
        #expect(run.stderr.contains("^^^^^"), "the error underlines the name: \(run.stderr)")
    }

    @Test("--keep-going runs every statement and still exits 1")
    func batchKeepGoing() throws {
        let run = try CLI.run(["--keep-going"], input: "count(leads)\nsorce\ncount(leads where status = \"won\")\n")
        #expect(run.status == 1, "\(run)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines.first == "5,000", "\(run)")
        #expect(run.stderr.contains("error[formula.unknown-name]"))
    }

    @Test(".quit ends batch mode with status 0; blank lines and comments are skipped")
    func batchQuit() throws {
        let run = try CLI.run([], input: "\n-- a comment\ncount(leads)\n.quit\nsorce\n")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "5,000\n")
    }

    @Test("input ending inside an open bracket is an error, not silently dropped")
    func batchIncomplete() throws {
        let run = try CLI.run([], input: "count(leads\n")
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("repl.incomplete"))
    }

    @Test("a statement may span lines while a bracket is open")
    func batchContinuation() throws {
        let run = try CLI.run([], input: "count(\n  leads\n)\n")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "5,000\n")
    }

    // MARK: - errors

    @Test("a misspelt KPI exits 2 and suggests the right one")
    func evalMisspeltKPI() throws {
        let run = try CLI.run(["eval", "lead_conversoin_rate"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("did you mean 'lead_conversion_rate'?"), "\(run)")
        #expect(run.stdout.isEmpty)
    }

    @Test("kpi eval 'sorce' exits non-zero and suggests 'source'")
    func evalMisspeltField() throws {
        let run = try CLI.run(["eval", "sorce"])
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains("did you mean 'source'?"), "\(run)")
    }

    @Test("a misspelt field in by suggests the field")
    func evalMisspeltGroupField() throws {
        let run = try CLI.run(["eval", "count(leads) by sorce"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("did you mean 'source'?"), "\(run)")
    }

    @Test("--as-of with a bad date is a validation error", arguments: ["2024-13-45", "yesterday", "31/12/2024"])
    func badAsOf(value: String) throws {
        let run = try CLI.run(["eval", "count(leads)", "--as-of", value])
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains("--as-of") && run.stderr.contains(value), "\(run)")
        #expect(run.stdout.isEmpty)
    }

    @Test("--as-of with a date or an instant is accepted", arguments: ["2024-06-30", "2024-06-30T12:00:00Z"])
    func goodAsOf(value: String) throws {
        let run = try CLI.run(["eval", "count(leads)", "--as-of", value])
        #expect(run.status == 0, "\(run)")
    }

    @Test("--strict: a broken data file exits 1 with file:line:column on stderr, from eval, list and the shell")
    func dataFileError() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write("leads.csv", "lead_id,source\n1,Web\n2,\"Ads\n")
        let expected = "\(file):3:3: error[csv.unterminated-quote]"
        for arguments in [["eval", "count(leads)", "--data", file], ["list", "--data", file], ["--data", file]] {
            let run = try CLI.run(arguments + ["--strict"], input: "count(leads)\n")
            #expect(run.status == 1, "\(arguments): \(run)")
            #expect(run.stderr.hasPrefix(expected), "\(arguments): \(run)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test("leniently, a damaged cell is null: the answer comes, stderr says so, --rejects lists it")
    func damagedCellIsReported() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write("leads.csv", "lead_id,source\n1,Web\n2,\"Ads\n")
        let rejects = temp.url.appendingPathComponent("rejects.csv").path
        let run = try CLI.run(["eval", "count(leads)", "--data", file, "--rejects", rejects])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "2\n")
        #expect(run.stderr.contains("1 bad cell set to null in 1 column (\(rejects) lists them)"), "\(run)")
        let listed = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(listed == "file,line,column,field,reason,value\n\(file),3,2,source,unterminated-quote,\"\"\"Ads\"\n")
    }

    @Test("a broken file loaded with .load in batch mode stops with exit 1 and its location")
    func batchLoadError() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write("leads.json", "[{\"lead_id\": 1},]\n")
        let run = try CLI.run([], input: ".load \(file)\ncount(leads)\n")
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasPrefix("\(file):1:16: error[json.trailing-comma]"), "\(run)")
        #expect(run.stdout.isEmpty)
    }

    @Test("a missing --data path exits 1 naming it")
    func missingData() throws {
        let run = try CLI.run(["eval", "count(leads)", "--data", "/nonexistent/kpikit/leads.csv"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasPrefix("/nonexistent/kpikit/leads.csv: error[load.not-found]"))
    }

    @Test("an unknown subcommand or option is a usage error")
    func usageError() throws {
        let run = try CLI.run(["eval", "count(leads)", "--format", "yaml"])
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains("yaml"))
    }
}
