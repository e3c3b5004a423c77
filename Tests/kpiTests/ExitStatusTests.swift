import Foundation
import Testing

/// README's exit-status table, one row per sort of failure, through the built `kpi`.
@Suite("kpi's exit status says what sort of failure it was")
struct ExitStatusTests {
    @Test("a result is 0")
    func success() throws {
        let run = try CLI.run(["eval", "count(leads)"])
        #expect(run.status == 0, "\(run)")
    }

    @Test(
        "a statement that cannot run is 2, whatever part of the engine refuses it",
        arguments: [
            ("count(leads) by sorce", "error[formula.unknown-field]"),
            ("count(leads) +", "error[formula.syntax]"),
            // compare's own errors were 1 while other statement errors were 2.
            ("compare count(leads) during from 0000-01-01 to 9999-12-31 vs 99999 periods ago", "error[compare.out-of-range]"),
            ("compare count(leads) vs team", "error[compare.needs-groups]"),
            // A goal statement's errors read like a goals file's line, but the statement is at fault.
            ("goal win_rate >= 30 by 2024-12-31", "error[goals.percent-target]"),
            ("goal win_rate >= by 2024-12-31", "error[goals.syntax]"),
        ])
    func badStatement(statement: String, id: String) throws {
        let run = try CLI.run(["eval", statement])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains(id), "\(run)")
    }

    @Test("an unknown KPI for kpi describe is 2")
    func unknownKPI() throws {
        let run = try CLI.run(["describe", "no_such_kpi"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("error[shell.unknown-kpi]"), "\(run)")
    }

    @Test("a recipe statement that does not bind is 2 for kpi run as for kpi check; a recipe that is not there is 1")
    func recipes() throws {
        let temp = try TemporaryDirectory()
        let recipe = try temp.write("bad.recipe", "title \"Bad\"\nsection \"One\"\nwin_rat by rep\n")
        for command in ["run", "check"] {
            let run = try CLI.run([command, recipe])
            #expect(run.status == 2, "\(command): \(run)")
            #expect(run.stderr.contains("\(recipe):3:1: error[formula.unknown-name]"), "\(command): \(run)")
        }
        let missing = try CLI.run(["run", temp.url.appendingPathComponent("none.recipe").path])
        #expect(missing.status == 1, "\(missing)")
    }

    @Test("data that cannot be read is 1")
    func badData() throws {
        let temp = try TemporaryDirectory()
        let missing = try CLI.run(["eval", "count(leads)", "--data", temp.url.appendingPathComponent("missing.csv").path])
        #expect(missing.status == 1, "\(missing)")
        #expect(missing.stderr.contains("error[load.not-found]"), "\(missing)")
        let ragged = try temp.write("leads.csv", "lead_id,created_at,source\n1,2024-01-01,Web\n2,2024-01-02\n")
        let malformed = try CLI.run(["eval", "count(leads)", "--strict", "--data", ragged])
        #expect(malformed.status == 1, "\(malformed)")
        #expect(malformed.stderr.contains("error[csv.ragged-row]"), "\(malformed)")
    }

    @Test(
        "a wrong command line is 64, an option value that does not parse too",
        arguments: [["eval", "--nope", "count(leads)"], ["eval", "count(leads)", "--as-of", "soon"]])
    func usage(arguments: [String]) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 64, "\(run)")
        // Both say so as ArgumentParser does (the --as-of message had no prefix at all).
        #expect(run.stderr.hasPrefix("Error: "), "\(run)")
    }

    @Test("in batch mode any error ends the input with 1, a bad statement too")
    func batch() throws {
        let run = try CLI.run([], input: "count(leads)\ncompare count(leads) vs team\ncount(leads)\n")
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("error[compare.needs-groups]"), "\(run)")
    }
}
