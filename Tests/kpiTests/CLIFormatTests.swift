import Foundation
import Testing

/// `--format` applies to every statement, CSV stays CSV on standard output, and errors in
/// batch mode name the input's line: the built `kpi` on the demo CRM.
@Suite("kpi output formats and error places")
struct CLIFormatTests {
    @Test("kpi eval 'compare win_rate vs previous' --format csv is CSV; the periods and the test used go to stderr")
    func compareCSV() throws {
        let run = try CLI.run(["eval", "compare win_rate vs previous", "--format", "csv"])
        #expect(run.status == 0, "\(run)")
        let records = try CSVRecords.records(run.stdout)
        #expect(
            records.first == [
                "current", "current_numerator", "current_denominator", "baseline", "baseline_numerator", "baseline_denominator", "change",
                "relative_change", "p_value", "significant",
            ], "\(run)")
        #expect(records.count == 2 && records[1].count == 10, "\(run)")
        #expect(records[1].prefix(7).allSatisfy { Double($0) != nil }, "raw numbers: \(records[1])")
        let stderr = run.stderr.split(separator: "\n").map(String.init)
        #expect(stderr.count == 2 && stderr[0].hasPrefix("period: current ") && stderr[1].hasPrefix("note: significant: "), "\(run)")
    }

    @Test("the comparison in JSON and Markdown", arguments: ["json", "markdown"])
    func compareOtherFormats(format: String) throws {
        let run = try CLI.run(["eval", "compare win_rate by region vs previous", "--format", format])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run)")
        #expect(!run.stdout.contains("┌"), "\(run)")
        if format == "json" {
            let rows = try #require(try run.jsonObject()["rows"] as? [[String: Any]])
            #expect(rows.count == 4)
        } else {
            #expect(run.stdout.hasPrefix("| region | "), "\(run)")
        }
    }

    @Test(
        "an unknown --format is refused with the names the command accepts; a table report is called text",
        arguments: [
            (["eval", "count(leads)", "--format", "text"], "'table', 'csv', 'json', 'markdown' or 'html'"),
            (["run", "weekly-pipeline-review", "--format", "csv"], "'text', 'json', 'markdown' or 'html'"),
        ])
    func unknownFormat(arguments: [String], names: String) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("Please provide one of " + names + "."), "\(run)")
    }

    @Test("kpi eval --format html prints the result as an HTML fragment")
    func htmlFragment() throws {
        let run = try CLI.run(["eval", "count(leads) by source", "--format", "html"])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run)")
        #expect(run.stdout.hasPrefix("<div class=\"scroll\"><table class=\"data\">") && run.stdout.contains("<td>Referral</td>"), "\(run)")
    }

    @Test("in batch CSV, standard output is only CSV; time: and other diagnostics go to stderr and the status stays 0")
    func batchCSVDiagnostics() throws {
        let run = try CLI.run(["--format", "csv"], input: ".timer on\ncount(leads) by status\nlet won = status = \"won\"\ncount(leads where won)\n")
        #expect(run.status == 0, "\(run)")
        #expect(try CSVRecords.records(run.stdout).count > 2, "\(run)")
        #expect(run.stdout.hasPrefix("status,value\n") && run.stdout.contains("\nvalue\n"), "\(run)")
        let stderr = run.stderr.split(separator: "\n").map(String.init)
        #expect(stderr.filter { $0.hasPrefix("time: ") }.count == 3 && stderr.contains("defined won"), "\(run)")
    }

    @Test("a batch error names <stdin>, the statement's line and the caret's column")
    func batchErrorPlace() throws {
        let run = try CLI.run([], input: "count(leads)\n\n-- by source\ncount(leads) by sorce\n")
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("\n --> <stdin>:4:17\n"), "\(run)")
        #expect(run.stderr.contains("\n4 | count(leads) by sorce\n"), "\(run)")
    }

    @Test("kpi eval keeps formula:1:COLUMN")
    func evalErrorPlace() throws {
        let run = try CLI.run(["eval", "count(leads) by sorce"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("\n --> formula:1:17\n"), "\(run)")
    }

    @Test("kpi describe --format json gives the KPI's facts")
    func describeJSON() throws {
        let run = try CLI.run(["describe", "win_rate", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        #expect(try run.jsonObject()["unit"] as? String == "ratio")
    }

    @Test("goal win_rate >= 30 in batch mode is refused at <stdin>:LINE:COLUMN, suggesting 30%")
    func percentGoal() throws {
        let run = try CLI.run([], input: "goal win_rate >= 30% by 2024-12-31\ngoal win_rate >= 30 by 2024-12-31\n")
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasPrefix("<stdin>:2:18: error[goals.percent-target]: ") && run.stderr.contains("write 30%"), "\(run)")
    }
}
