import Foundation
import Testing

/// Issue 13's formula reproductions through the built `kpi`: each used to kill the process
/// (a trap or a stack overflow); now each is a caret error, or a value, and a normal exit.
@Suite("kpi survives hostile formulas, periods and plugins")
struct CLIRobustnessTests {
    @Test(
        "an empty or reversed period is an error with carets under it, in eval and compare",
        arguments: [
            ("count(leads) during from 2024 to 2023", "the period ends before it starts: from 2024 to 2023", "^^^^^^^^^^^^^^^^^"),
            ("count(leads) during last 0 days", "last 0 days is empty", "^^^^^^^^^^^"),
            (
                "compare win_rate during from 2024-03-31 to 2024-01-01 vs previous", "the period ends before it starts",
                "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"
            ),
        ])
    func emptyPeriod(statement: String, message: String, carets: String) throws {
        let run = try CLI.run(["eval", statement])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("error[formula.empty-period]: \(message)"), "\(run)")
        #expect(
            run.stderr.contains(" | " + String(repeating: " ", count: statement.utf8.count - carets.count) + carets + "\n")
                || run.stderr.hasSuffix(carets + "\n") || run.stderr.contains(carets), "\(run)")
    }

    @Test("a recipe given a reversed period is refused by check and run, naming the period")
    func recipePeriod() throws {
        for command in ["check", "run"] {
            let run = try CLI.run([command, "rep-scorecard", "--param", "period=from 2024-03-01 to 2024-01-01"])
            #expect(run.status == 2 || run.status == 1, "\(run)")
            #expect(run.stderr.contains("the period ends before it starts: from 2024-03-01 to 2024-01-01"), "\(run)")
        }
    }

    @Test("periods and times beyond the calendar are errors or 'out of range', not overflow traps")
    func outOfRange() throws {
        let compare = try CLI.run(["eval", "compare count(leads) during from 0000-01-01 to 9999-12-31 vs 99999 periods ago"])
        #expect(compare.status == 2, "\(compare)")
        #expect(compare.stderr.contains("error[compare.out-of-range]"), "\(compare)")
        #expect(compare.stderr.contains("^^^^^^^^^^^^^^^^^"), "the carets are under the baseline: \(compare)")
        let time = try CLI.run(["eval", "max(created_at) of leads + 1e300"])
        #expect(time.status == 0, "\(time)")
        #expect(time.stdout.contains("out of range"), "\(time)")
    }

    @Test(
        "thousands of parentheses, terms, ors and minus signs are formula.too-deep in eval and batch mode",
        arguments: [
            String(repeating: "(", count: 4000) + "count(leads)" + String(repeating: ")", count: 4000),
            "1" + String(repeating: "+1", count: 6000),
            "count(leads where " + Array(repeating: "status = \"won\"", count: 10_000).joined(separator: " or ") + ")",
            // A leading '-' would read as an option.
            "0 + " + String(repeating: "- ", count: 10_000) + "1",
        ])
    func tooDeep(statement: String) throws {
        // One argument may not exceed 128 KiB (Linux's MAX_ARG_STRLEN): the 10,000 ors go through batch mode only.
        if statement.utf8.count < 100_000 {
            let eval = try CLI.run(["eval", statement])
            #expect(eval.status == 2, "exit \(eval.status)")
            #expect(eval.stderr.contains("error[formula.too-deep]"), "\(eval.stderr.prefix(300))")
        }
        let batch = try CLI.run([], input: statement + "\ncount(leads)\n")
        #expect(batch.status == 1, "exit \(batch.status)")
        #expect(batch.stderr.contains("error[formula.too-deep]"), "\(batch.stderr.prefix(300))")
    }

    @Test("a script module with a deeply nested KPI reports it and every command still starts")
    func deepPlugin() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write(
            "deep.kpi",
            "module deep\nkpi fine_count = count(leads)\nkpi deep = " + String(repeating: "(", count: 5000) + "count(leads)"
                + String(repeating: ")", count: 5000) + "\nkpi open = count(leads\nkpi also_fine = count(activities)\n")
        let list = try CLI.run(["list", "--plugins", scratch.url.path])
        #expect(list.status == 0, "exit \(list.status)")
        #expect(list.stderr.contains("deep.kpi:3:"), "\(list.stderr.prefix(400))")
        #expect(list.stderr.contains("error[formula.too-deep]"), "\(list.stderr.prefix(400))")
        #expect(list.stderr.contains("deep.kpi:4:"), "the unclosed parenthesis is reported too: \(list.stderr.prefix(400))")
        let eval = try CLI.run(["eval", "also_fine", "--plugins", scratch.url.path])
        #expect(eval.status == 0, "the KPI after the unclosed parenthesis loads: \(eval.stderr.prefix(400))")
    }
}
