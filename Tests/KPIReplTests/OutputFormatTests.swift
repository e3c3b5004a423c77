import Foundation
import KPICore
import KPIEngine
import KPIFormula
import KPIRepl
import Testing

/// Every statement kind renders through one entry point, so every format applies to all of
/// them; on the demo CRM, checked across formats rather than against fixed figures.
@Suite("Every statement in every format")
struct OutputFormatTests {
    /// Statements of every kind that produce output, after two goals are set.
    static let statements = [
        "win_rate by region", "compare win_rate by region vs previous", "explain change win_rate by source from 2024-Q3 to 2024-Q4",
        "goals", "goal win_rate >= 25% by 2024-12-31 for rep = \"Ava Thompson\"", "explain win_rate by rep", "? win_rate",
        "let referral = source = \"Referral\"", ".inspect",
    ]

    static func shell(_ format: OutputFormat) throws -> Shell {
        let shell = try ShellFixture.demoShell(format: format)
        _ = try ShellFixture.output(shell, "goal win_rate >= 30% by 2024-12-31 for rep = \"Maya Patel\"")
        return shell
    }

    @Test("JSON: every statement prints one JSON document", arguments: statements)
    func json(statement: String) throws {
        let shell = try Self.shell(.json)
        let response = shell.handle(statement)
        #expect(response.error == nil, "\(response)")
        #expect(response.diagnostics.isEmpty)
        #expect(try JSONSerialization.jsonObject(with: Data(response.output.utf8)) is [String: Any], "\(statement): \(response.output)")
    }

    @Test("CSV: standard output holds only CSV (or nothing); the rest is diagnostics", arguments: statements)
    func csv(statement: String) throws {
        let shell = try Self.shell(.csv)
        let response = shell.handle(statement)
        #expect(response.error == nil, "\(response)")
        #expect(!response.output.contains("┌") && !response.output.contains("│"), "no box table: \(response.output)")
        if response.output.isEmpty {
            #expect(!response.diagnostics.isEmpty, "\(statement) said nothing at all")
        } else {
            let records = try CSVRecords.records(response.output)
            #expect(records.count >= 2, "a header and rows: \(response.output)")
            #expect(Set(records.map(\.count)).count == 1, "every record has the header's fields: \(response.output)")
        }
    }

    @Test("Markdown: tables are pipe tables, never box tables", arguments: statements)
    func markdown(statement: String) throws {
        let shell = try Self.shell(.markdown)
        let response = shell.handle(statement)
        #expect(response.error == nil, "\(response)")
        #expect(!response.output.contains("┌") && !response.output.contains("│"), "\(statement): \(response.output)")
    }

    @Test("HTML: every statement prints a fragment — no page around it, never a box table", arguments: statements)
    func html(statement: String) throws {
        let shell = try Self.shell(.html)
        let response = shell.handle(statement)
        #expect(response.error == nil, "\(response)")
        #expect(response.output.hasPrefix("<"), "\(statement): \(response.output)")
        #expect(!response.output.contains("<html") && !response.output.contains("┌"), "\(statement): \(response.output)")
    }

    @Test("a comparison as CSV has the rows and figures of its JSON")
    func comparisonCSVMatchesJSON() throws {
        let statement = "compare win_rate by region vs previous"
        let json = try ShellFixture.jsonObject(try ShellFixture.output(try ShellFixture.demoShell(format: .json), statement))
        let rows = try #require(json["rows"] as? [[String: Any]])
        let response = try ShellFixture.demoShell(format: .csv).handle(statement)
        let records = try CSVRecords.records(response.output)
        #expect(
            records[0] == [
                "region", "current", "current_numerator", "current_denominator", "baseline", "baseline_numerator", "baseline_denominator",
                "change", "relative_change", "p_value", "significant",
            ])
        #expect(records.count == rows.count + 1)
        for (record, row) in zip(records.dropFirst(), rows) {
            #expect(record[0] == row["region"] as? String)
            #expect(Int(record[2]) == row["current_numerator"] as? Int && Int(record[6]) == row["baseline_denominator"] as? Int)
            #expect(record[10] == ((row["significant"] as? Bool) == true ? "true" : "false"))
        }
        let current = try #require(json["current"] as? String), baseline = try #require(json["baseline"] as? String)
        #expect(response.diagnostics.first?.hasPrefix("period: current \(current) = ") == true, "\(response.diagnostics)")
        #expect(response.diagnostics.first?.contains("baseline \(baseline) = ") == true)
        #expect(response.diagnostics.last?.hasPrefix("note: significant: ") == true)
    }

    @Test("a comparison as Markdown: the table's header and rows, then the compared periods and the significance note")
    func comparisonMarkdown() throws {
        let output = try ShellFixture.output(try ShellFixture.demoShell(format: .markdown), "compare win_rate by region vs previous")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("| region | ") && lines[0].hasSuffix(" | change | relative | significant |"))
        #expect(lines[1] == "| --- | ---: | ---: | ---: | ---: | --- |")
        #expect(lines.count == 2 + 4 + 3, "4 regions, a blank line, the periods and the note: \(output)")
        #expect(lines[lines.count - 2].hasPrefix("- period: current 2024-11 = 2024-11-01 – 2024-11-30; baseline 2024-10 = "), "\(output)")
        #expect(lines.last == "- significant: a two-proportion test for rates (intervals for averages), 5% level")
    }

    @Test("describe in JSON and CSV: the same facts as the text")
    func describe() throws {
        let json = try ShellFixture.jsonObject(try ShellFixture.output(try ShellFixture.demoShell(format: .json), "? win_rate"))
        #expect(json["id"] as? String == "win_rate" && json["unit"] as? String == "ratio")
        #expect(json["counted_by"] as? String == "leads.closed_at")
        let csv = try CSVRecords.records(try ShellFixture.output(try ShellFixture.demoShell(format: .csv), "? win_rate"))
        #expect(csv[0] == ["field", "value"] && csv.contains(["unit", "ratio"]))
        let text = try ShellFixture.output(try ShellFixture.demoShell(), "? win_rate")
        #expect(text.contains("\nunit        ratio\n") && text.contains("\ncounted by  leads.closed_at\n"))
    }

    @Test("explain and let in CSV go to standard error, in JSON into a document")
    func prose() throws {
        let csv = try ShellFixture.demoShell(format: .csv)
        let plan = csv.handle("explain win_rate")
        #expect(plan.output.isEmpty && plan.diagnostics.contains { $0.contains("share over leads") }, "\(plan)")
        #expect(csv.handle("let x = 1").diagnostics == ["defined x"])
        let json = try ShellFixture.jsonObject(try ShellFixture.output(try ShellFixture.demoShell(format: .json), "explain win_rate"))
        #expect((json["plan"] as? String)?.contains("share over leads") == true)
    }

    @Test("goal changes in JSON name the action, number, statement and warnings")
    func goalChangeJSON() throws {
        let shell = try ShellFixture.demoShell(format: .json)
        let json = try ShellFixture.jsonObject(try ShellFixture.output(shell, "goal win_rate >= 30% by 2024-12-31"))
        #expect(json["action"] as? String == "added" && json["number"] as? Int == 1)
        #expect(json["goal"] as? String == "goal win_rate >= 30% by 2024-12-31")
        #expect(json["warnings"] is [String] && json["saved_to"] is NSNull)
    }
}
