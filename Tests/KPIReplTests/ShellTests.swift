import Foundation
import KPICore
import KPIEngine
import KPIRepl
import Testing

/// `Shell.handle` on the demo CRM: formulas, definitions and every dot-command, as transcripts.
@Suite("Shell: formulas and dot-commands on the demo CRM")
struct ShellTests {
    // MARK: - Formulas

    @Test("a count prints as a grouped number in table format")
    func countInTable() throws {
        let shell = try ShellFixture.demoShell()
        #expect(try ShellFixture.output(shell, "count(leads)") == "5,000")
    }

    @Test("a scalar rate in JSON: value, unit, numerator, denominator, kpi")
    func scalarJSONContract() throws {
        let shell = try ShellFixture.demoShell(format: .json)
        let json = try ShellFixture.jsonObject(try ShellFixture.output(shell, "lead_conversion_rate"))
        #expect(Set(json.keys).isSuperset(of: ["value", "unit", "numerator", "denominator", "kpi"]))
        let expected = try ShellFixture.demoConversionBySource().values.reduce([0, 0]) { [$0[0] + $1[0], $0[1] + $1[1]] }
        #expect(json["numerator"] as? Int == expected[0])
        #expect(json["denominator"] as? Int == expected[1])
        #expect(close(json["value"] as? Double, Double(expected[0]) / Double(expected[1])))
        #expect(json["unit"] as? String == "ratio")
        #expect(json["kpi"] as? String == "lead_conversion_rate")
    }

    @Test("a grouped rate in JSON: columns and one row per source with the independent counts")
    func groupedJSONContract() throws {
        let shell = try ShellFixture.demoShell(format: .json)
        let json = try ShellFixture.jsonObject(try ShellFixture.output(shell, "lead_conversion_rate by source"))
        #expect((json["columns"] as? [String])?.starts(with: ["source", "value", "numerator", "denominator"]) == true)
        let rows = try #require(json["rows"] as? [[String: Any]])
        var actual: [String: [Int]] = [:]
        for row in rows {
            #expect(Set(row.keys).isSuperset(of: ["source", "value", "numerator", "denominator"]))
            let source = try #require(row["source"] as? String)
            let numerator = try #require(row["numerator"] as? Int)
            let denominator = try #require(row["denominator"] as? Int)
            #expect(close(row["value"] as? Double, Double(numerator) / Double(denominator)))
            actual[source] = [numerator, denominator]
        }
        #expect(actual == (try ShellFixture.demoConversionBySource()))
    }

    @Test("a plain count in JSON has no numerator or denominator")
    func countJSON() throws {
        let shell = try ShellFixture.demoShell(format: .json)
        let json = try ShellFixture.jsonObject(try ShellFixture.output(shell, "count(leads)"))
        #expect(Set(json.keys) == ["value", "unit"])
        #expect(json["value"] as? Int == 5000)
    }

    @Test("a grouped table has the KPI title as the value header and a row count")
    func groupedTable() throws {
        let shell = try ShellFixture.demoShell()
        let output = try ShellFixture.output(shell, "lead_conversion_rate by source")
        let lines = output.split(separator: "\n")
        #expect(lines[1].contains("Lead-to-customer conversion rate"))
        #expect(lines[1].contains(" n ") && lines[1].contains(" of "))
        let sources = try ShellFixture.demoConversionBySource().count
        #expect(lines.last == "\(sources) rows")
        #expect(lines.count == sources + 5)
    }

    @Test("a formula error is reported with a caret and prints nothing")
    func formulaError() throws {
        let shell = try ShellFixture.demoShell()
        let response = shell.handle("count(leads) by sorce")
        #expect(response.output.isEmpty)
        let error = try #require(response.error)
        #expect(error.hasPrefix("error[formula.unknown-field]"))
        #expect(error.contains("^^^^^") && error.contains("did you mean 'source'?"))
        #expect(!response.quit)
    }

    @Test("let defines a name that later formulas use")
    func letDefinition() throws {
        let shell = try ShellFixture.demoShell()
        #expect(try ShellFixture.output(shell, "let won = count(leads where status = \"won\")") == "defined won")
        let won = try ShellFixture.demoConversionBySource().values.reduce(0) { $0 + $1[0] }
        #expect(try ShellFixture.output(shell, "won") == ValueFormatter().count(Double(won)))
        shell.format = .json
        #expect(try ShellFixture.output(shell, "let again = 1") == "{\"defined\": \"again\"}")
    }

    @Test("kpi defines a session KPI; built-ins cannot be redefined")
    func kpiDefinition() throws {
        let shell = try ShellFixture.demoShell(format: .json)
        #expect(try ShellFixture.output(shell, "kpi my_conversion = share(leads, status = \"won\")") == "{\"kpi\": \"my_conversion\"}")
        let mine = try ShellFixture.jsonObject(try ShellFixture.output(shell, "my_conversion"))
        let builtIn = try ShellFixture.jsonObject(try ShellFixture.output(shell, "lead_conversion_rate"))
        #expect(mine["numerator"] as? Int == builtIn["numerator"] as? Int)
        #expect(mine["denominator"] as? Int == builtIn["denominator"] as? Int)
        #expect(shell.session.registry.entry(for: "my_conversion")?.origin == .session)

        let clash = shell.handle("kpi win_rate = count(leads)")
        #expect(clash.error?.contains("registry.duplicate-kpi") == true, "\(clash)")
        #expect(shell.session.registry.entry(for: "win_rate")?.origin == .builtIn)
    }

    @Test("explain prints a plan instead of a result")
    func explain() throws {
        let shell = try ShellFixture.demoShell()
        let plan = try ShellFixture.output(shell, "explain lead_conversion_rate by source")
        #expect(!plan.isEmpty && plan != "5,000")
        #expect(plan.contains("leads"))
        #expect(shell.lastResult == nil, "explain does not run the query")
    }

    @Test("blank input and comment lines do nothing")
    func blankAndComments() throws {
        let shell = try ShellFixture.demoShell()
        for input in ["", "   ", "-- just a note"] {
            let response = shell.handle(input)
            #expect(response.output.isEmpty && response.error == nil && !response.quit)
        }
    }

    // MARK: - Dot-commands

    @Test(".help lists every command")
    func help() throws {
        let shell = try ShellFixture.demoShell()
        let output = try ShellFixture.output(shell, ".help")
        for command in [".help", ".kpis", ".tables", ".schema", ".mapping", ".load", ".format", ".last", ".quit"] {
            #expect(output.contains(command), "help lacks \(command)")
        }
        // A line per command, the heading, a blank line and the pointer to help topics.
        #expect(output.split(separator: "\n", omittingEmptySubsequences: false).count == Shell.commands.count + 3)
    }

    @Test(".kpis marks what the demo can answer; a filter narrows the list")
    func kpis() throws {
        let shell = try ShellFixture.demoShell()
        let all = try ShellFixture.output(shell, ".kpis").split(separator: "\n")
        #expect(all.count == shell.session.registry.entries.count)
        #expect(all.contains { $0.hasPrefix("✓ lead_conversion_rate ") })
        #expect(all.allSatisfy { $0.hasPrefix("✓ ") || ($0.hasPrefix("✗ ") && $0.contains("— needs ")) })

        let win = try ShellFixture.output(shell, ".kpis win").split(separator: "\n")
        #expect(!win.isEmpty && win.allSatisfy { $0.lowercased().contains("win") })
        #expect(win.count < all.count)
    }

    @Test(".kpis on a leads-only session says which fields the others need")
    func kpisMissing() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write("leads.csv", "lead_id,created_at,status\n1,2024-01-01,won\n")
        let shell = try ShellFixture.emptyShell()
        _ = try ShellFixture.output(shell, ".load \(file)")
        let lines = try ShellFixture.output(shell, ".kpis").split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("✓ lead_conversion_rate") })
        #expect(lines.contains { $0.hasPrefix("✗ calls") && $0.contains("needs activities.type, activities.completed, activities.created_at") })
    }

    @Test(".tables lists the demo tables with row counts, names and counts aligned")
    func tables() throws {
        let shell = try ShellFixture.demoShell()
        let lines = try ShellFixture.output(shell, ".tables").split(separator: "\n").map(String.init)
        #expect(lines.contains("leads           5,000 rows"))
        #expect(lines.contains("stage_history  15,352 rows"))
        #expect(Set(lines.map(\.count)).count == 1, "every count ends in the same column: \(lines)")
        #expect(lines.count == shell.session.dataset.tables.count)
        #expect(try ShellFixture.output(try ShellFixture.emptyShell(), ".tables") == "no tables loaded")
    }

    @Test(".schema shows a table's fields and types; a wrong name gets a suggestion")
    func schema() throws {
        let shell = try ShellFixture.demoShell()
        let lines = try ShellFixture.output(shell, ".schema leads").split(separator: "\n")
        let leads = try #require(shell.session.dataset["leads"])
        #expect(lines.count == leads.columns.count)
        #expect(lines.contains { $0.hasPrefix("created_at ") && $0.contains("timestamp") })

        let typo = shell.handle(".schema lead")
        #expect(typo.error == "error[shell.unknown-table]: no table 'lead' (did you mean 'leads'?)")
        #expect(shell.handle(".schema").error == "usage: .schema TABLE")
    }

    @Test(".mapping prints the binding report, then the load summary and the as-of")
    func mapping() throws {
        let shell = try ShellFixture.demoShell()
        let output = try ShellFixture.output(shell, ".mapping")
        #expect(output == shell.session.bindingReport.description + "\n" + shell.session.asOfText)
        #expect(output.contains("leads ← leads"))
        #expect(shell.session.asOfText.hasPrefix("as of 2024-"), "\(shell.session.asOfText)")
    }

    @Test(".load loads a file, reports the binding, and formulas see it")
    func load() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write(
            "deals.csv",
            "Record ID,Create Date,Close Date,Deal Stage,Amount\n1,2024-01-02,2024-02-01,Closed Won,500\n2,2024-01-03,2024-02-02,Closed Lost,300\n")
        let shell = try ShellFixture.emptyShell()
        let output = try ShellFixture.output(shell, ".load \(file)")
        #expect(output.hasPrefix("loaded deals\nleads ← deals"), "\(output)")
        #expect(try ShellFixture.output(shell, "count(leads)") == "2")
        #expect(try ShellFixture.output(shell, "win_rate").hasPrefix("Opportunity win rate\n50.0%  (1 / 2)"))
    }

    @Test(".load PATH as NAME names the table")
    func loadAs() throws {
        let temp = try TemporaryDirectory()
        let file = try temp.write("export-2024.csv", "lead_id,created_at,status\n1,2024-01-01,won\n2,2024-01-02,new\n3,2024-01-02,lost\n")
        let shell = try ShellFixture.emptyShell()
        let output = try ShellFixture.output(shell, ".load \(file) as leads")
        #expect(output.hasPrefix("loaded leads\n"))
        #expect(try ShellFixture.output(shell, "count(leads)") == "3")
    }

    @Test(".load errors: no path is a usage error; strict, a broken file names file:line:column")
    func loadErrors() throws {
        let shell = try ShellFixture.emptyShell()
        #expect(shell.handle(".load").error == "usage: .load PATH [as NAME]")
        let temp = try TemporaryDirectory()
        let file = try temp.write("leads.csv", "lead_id,status\n1,won\n2\n")
        shell.session.options.strict = true
        let response = shell.handle(".load \(file)")
        #expect(response.error?.hasPrefix("\(file):3:2: error[csv.ragged-row]") == true, "\(response)")
        #expect(response.output.isEmpty)
    }

    @Test(".load of a file with a short row loads it, says so, and .rejects shows the cell")
    func loadLenient() throws {
        let shell = try ShellFixture.emptyShell()
        let temp = try TemporaryDirectory()
        let file = try temp.write("leads.csv", "lead_id,status\n1,won\n2\n3,lost\n")
        let output = try ShellFixture.output(shell, ".load \(file)")
        #expect(output.contains("1 bad cell set to null in 1 column (.rejects lists them)"), "\(output)")
        #expect(try ShellFixture.output(shell, "count(leads)") == "3")
        let rejects = try ShellFixture.output(shell, ".rejects")
        #expect(rejects.contains("leads.csv:3:2") && rejects.contains("missing-field"), "\(rejects)")
    }

    @Test(".format switches the output format; .mode is an alias; bad values are usage errors")
    func format() throws {
        let shell = try ShellFixture.demoShell()
        #expect(shell.handle(".format json").error == nil)
        #expect(shell.format == .json)
        #expect(try ShellFixture.output(shell, "count(leads)") == "{\"value\": 5000, \"unit\": \"count\"}")
        #expect(shell.handle(".mode CSV").error == nil)
        #expect(try ShellFixture.output(shell, "count(leads)") == "value\n5000")
        #expect(shell.handle(".format markdown").error == nil)
        #expect(try ShellFixture.output(shell, "count(leads)") == "| value |\n| ---: |\n| 5,000 |")
        #expect(shell.handle(".format yaml").error == "usage: .format table|csv|json|markdown|html")
        #expect(shell.handle(".format").error == "usage: .format table|csv|json|markdown|html")
        #expect(shell.format == .markdown, "a bad value keeps the format")
    }

    @Test(".last repeats the previous result in the current format")
    func last() throws {
        let shell = try ShellFixture.demoShell()
        #expect(shell.handle(".last").error == "no result yet")
        _ = try ShellFixture.output(shell, "count(leads) by status")
        _ = shell.handle("sorce")
        shell.format = .csv
        let again = try ShellFixture.output(shell, ".last")
        #expect(again.hasPrefix("status,value\n"), "an error does not replace the last result")
    }

    @Test(".quit, .exit and .q ask to quit", arguments: [".quit", ".exit", ".q", ".QUIT"])
    func quit(command: String) throws {
        let response = try ShellFixture.demoShell().handle(command)
        #expect(response.quit && response.error == nil && response.output.isEmpty)
    }

    @Test("an unknown command is an error with a suggestion")
    func unknownCommand() throws {
        let shell = try ShellFixture.demoShell()
        #expect(
            shell.handle(".tabels").error == "error[shell.unknown-command]: unknown command '.tabels' (did you mean '.tables'?); .help lists them")
        #expect(shell.handle(".xyzzy").error == "error[shell.unknown-command]: unknown command '.xyzzy'; .help lists them")
        #expect(shell.handle(".").error?.hasPrefix("error[shell.unknown-command]") == true)
    }
}

/// Equality for doubles read back through `JSONSerialization`, whose Linux number parser can be
/// one unit in the last place off the shortest round-trip text the renderer writes.
private func close(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= 4 * expected.ulp
}
