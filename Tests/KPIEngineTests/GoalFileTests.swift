import Foundation
import KPICore
import KPIEngine
import Testing

@Suite("Goals file")
struct GoalFileTests {
    static let text = """
        # Sales goals for 2024
        goal win_rate >= 30% by 2024-12-31 for rep = "Ana Ruiz" from 2024-07-01 "stretch"
        goal win_rate >= 30 percent by 2024-12-31

        goal count(leads) >= 1200 by 2024-12-31
        goal revenue >= 50000 by 2024-12-31 whenever

        """

    @Test("a bad line is reported as file:line:column and the rest still load")
    func badLines() {
        let (goals, problems) = GoalFile.parse(Self.text, file: "goals.kpi")
        #expect(goals.map(\.kpi) == ["win_rate", "count(leads)"])
        #expect(goals.map(\.number) == [1, 2])
        #expect(goals.map(\.line) == [2, 5])
        #expect(problems.map(\.location.description) == ["goals.kpi:3:21", "goals.kpi:6:37"])
        #expect(problems.allSatisfy { $0.id == "goals.syntax" })
    }

    @Test("saving writes goals back with their ids and keeps comments, blank lines and bad lines as they were")
    func keepsEverything() {
        let file = GoalFile(text: Self.text, file: "goals.kpi")
        let lines = Self.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected = lines.enumerated().map { i, line in i == 1 ? line + " -- #1" : i == 4 ? line + " -- #2" : line }
        #expect(file.serialized() == expected.joined(separator: "\n"))
        #expect(GoalFile(text: file.serialized(), file: "goals.kpi").serialized() == file.serialized())
    }

    @Test("goals survive a restart: saved, then loaded by a new reader")
    func survivesRestart() throws {
        let directory = try TemporaryDirectory("kpikit-goals")
        let url = directory.url.appendingPathComponent(GoalFile.conventionalFileName)
        #expect(try GoalFile.load(url).goals.isEmpty)  // no file yet
        var file = GoalFile(file: url.path)
        file.add(try GoalStatement.parse(#"goal win_rate >= 30% by 2024-12-31 for rep = "Ana Ruiz" "stretch""#))
        file.add(try GoalStatement.parse("goal count(leads) >= 1200 by 2024-12-31 from 2024-01-01"))
        try file.save(to: url)
        let reloaded = try GoalFile.load(url)
        #expect(reloaded.problems.isEmpty)
        #expect(reloaded.goals == file.goals)
        #expect(reloaded.goals.map(\.number) == [1, 2])
        #expect(GoalFile.conventionalURL(forData: directory.url.path) == url)
    }

    @Test("goals can be replaced and removed; the others keep their numbers")
    func editing() throws {
        var file = GoalFile(text: Self.text, file: "goals.kpi")
        let replaced = try file.replace(2, with: try GoalStatement.parse("goal count(leads) >= 1500 by 2024-12-31"))
        #expect(replaced.number == 2)
        #expect(file.goal(2)?.target == 1500)
        let removed = try file.remove(1)
        #expect(removed.kpi == "win_rate")
        #expect(file.goals.map(\.number) == [2])
        #expect(file.goals.first?.target == 1500)
        #expect(file.serialized().contains("goal count(leads) >= 1500 by 2024-12-31 -- #2\n"))
        #expect(!file.serialized().contains("Ana Ruiz"))
        #expect(file.serialized().contains("30 percent"))  // the bad line is still there to fix
        #expect(throws: DataError.self) { try file.remove(5) }
        #expect(throws: DataError.self) { try file.remove(1) }
        let added = file.add(try GoalStatement.parse("goal revenue >= 1 by 2024-12-31"))
        #expect(added.number == 3)
    }

    @Test("a crash while saving leaves the previous file whole, and no stray file behind")
    func crashWhileSaving() throws {
        let directory = try TemporaryDirectory("kpikit-goals")
        let url = directory.url.appendingPathComponent("goals.kpi")
        let original = GoalFile(text: "goal count(leads) >= 10 by 2024-12-31\n", file: url.path)
        try original.save(to: url)
        var edited = original
        edited.add(try GoalStatement.parse("goal revenue >= 5000 by 2024-12-31"))
        struct Crash: Error {}
        #expect(throws: DataError.self) {
            try AtomicFile.write(Data(edited.serialized().utf8), to: url) { throw Crash() }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == original.serialized())
        // Only the goals file and its lock file: the temporary file is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == [".goals.kpi.lock", "goals.kpi"])
        try edited.save(to: url)
        #expect(try GoalFile.load(url).goals.count == 2)
    }

    @Test("a file that cannot be saved reports why and where")
    func unwritable() throws {
        let directory = try TemporaryDirectory("kpikit-goals")
        let url = directory.url.appendingPathComponent("missing/goals.kpi")
        #expect {
            try GoalFile(file: url.path).save(to: url)
        } throws: { error in
            (error as? DataError)?.id == "goals.write-failed" && (error as? DataError)?.location.file == url.path
        }
    }

    @Test("dashes inside a bad line's string are not its id; a comment after it is, and an open string's last -- #N still counts")
    func idOfBadLine() {
        let quoted = GoalFile(text: "goal win_rate >= by 2024-12-31 \"ask -- #7 first\"\ngoal count(leads) >= 10 by 2024-12-31\n", file: "g")
        #expect(quoted.goals.map(\.number) == [1])
        let commented = GoalFile(text: "goal win_rate >= by 2024-12-31 \"a -- b\" -- #7\ngoal count(leads) >= 10 by 2024-12-31\n", file: "g")
        #expect(commented.goals.map(\.number) == [8])
        let open = GoalFile(text: "goal win_rate >= 30% by 2024-12-31 \"oops -- #4\ngoal count(leads) >= 10 by 2024-12-31\n", file: "g")
        #expect(open.goals.map(\.number) == [5])
    }
}
