import Foundation
import KPICore
import KPIEngine
import Testing

@Suite("Goal ids: stable numbers in a human-editable file")
struct GoalIDTests {
    static func goal(_ statement: String) throws -> Goal { try GoalStatement.parse(statement) }

    @Test("a file written before ids loads, numbers its goals 1, 2, … in file order, and writes the ids on save")
    func oldFileGetsIDs() throws {
        let text = "# Q4\ngoal lead_volume >= 400 by 2024-12-31\n\ngoal win_rate >= 30% by 2024-12-31\n"
        let file = GoalFile(text: text, file: "goals.kpi")
        #expect(file.problems.isEmpty)
        #expect(file.goals.map(\.number) == [1, 2])
        #expect(file.goals.map(\.line) == [2, 4])
        #expect(file.serialized() == "# Q4\ngoal lead_volume >= 400 by 2024-12-31 -- #1\n\ngoal win_rate >= 30% by 2024-12-31 -- #2\n")
        // Every reader numbers the same file the same way, so sessions agree before the first save.
        #expect(GoalFile(text: text, file: "goals.kpi") == file)
        #expect(GoalFile(text: file.serialized(), file: "goals.kpi").goals == file.goals)
    }

    @Test("ids stay with their goals when goals before them are removed and others are added")
    func stableAcrossEdits() throws {
        var file = GoalFile(file: "goals.kpi")
        for target in [100, 200, 300] { file.add(try Self.goal("goal lead_volume >= \(target) by 2024-12-31")) }
        try file.remove(1)
        #expect(file.goals.map(\.number) == [2, 3])
        #expect(file.goal(3)?.target == 300)
        #expect(file.add(try Self.goal("goal lead_volume >= 400 by 2024-12-31")).number == 4)
        let edited = try file.replace(3, with: try Self.goal("goal lead_volume >= 350 by 2024-12-31"))
        #expect(edited.number == 3 && file.goal(3)?.target == 350)
        #expect(file.goals.map(\.number) == [2, 3, 4])
        let reread = GoalFile(text: file.serialized(), file: "goals.kpi")
        #expect(reread.goals.map(\.number) == [2, 3, 4] && reread.goals.map(\.target) == [200, 350, 400])
    }

    @Test("the id of a removed goal is never given again, even by a new reader of the file")
    func idsNotReused() throws {
        var file = GoalFile(file: "goals.kpi")
        file.add(try Self.goal("goal lead_volume >= 1 by 2024-12-31"))
        file.add(try Self.goal("goal lead_volume >= 2 by 2024-12-31"))
        try file.remove(2)
        #expect(file.serialized() == "# next goal id: 3\ngoal lead_volume >= 1 by 2024-12-31 -- #1\n")
        var reread = GoalFile(text: file.serialized(), file: "goals.kpi")
        #expect(reread.goals.first?.line == 2)
        #expect(reread.add(try Self.goal("goal lead_volume >= 3 by 2024-12-31")).number == 3)
        #expect(reread.serialized().hasPrefix("# next goal id: 4\n"))
    }

    @Test("a goal line added by hand without an id, or copied with another's id, gets the next free id")
    func handEdits() throws {
        let text = """
            goal lead_volume >= 1 by 2024-12-31 -- #4
            goal lead_volume >= 2 by 2024-12-31
            goal lead_volume >= 3 by 2024-12-31 -- #4
            goal lead_volume >= 5 by 2024-12-31 -- #2

            """
        let file = GoalFile(text: text, file: "goals.kpi")
        #expect(file.goals.map(\.number) == [4, 5, 6, 2])
        #expect(file.nextID == 7)
    }

    @Test("a goal line that no longer parses keeps its id reserved, so fixing it never gives two goals one id")
    func badLineKeepsID() throws {
        let text = """
            goal lead_volume >= 1 by 2024-12-31 -- #1
            goal win_rate >= 30 percent by 2024-12-31 -- #3 "-- not a note" fixed later
            goal lead_volume >= 2 by 2024-12-31

            """
        var file = GoalFile(text: text, file: "goals.kpi")
        #expect(file.problems.count == 1)
        #expect(file.goals.map(\.number) == [1, 4])
        #expect(file.add(try Self.goal("goal lead_volume >= 5 by 2024-12-31")).number == 5)
    }

    @Test("an id or next-id count too large to count on from is not taken as one, so adding a goal cannot overflow")
    func hugeIDs() throws {
        let text = "# next goal id: 9223372036854775807\ngoal lead_volume >= 1 by 2024-12-31 -- #9223372036854775807\n"
        var file = GoalFile(text: text, file: "goals.kpi")
        #expect(file.goals.map(\.number) == [1] && file.goals.first?.comment == "#9223372036854775807")
        #expect(file.add(try Self.goal("goal lead_volume >= 2 by 2024-12-31")).number == 2)
        let largest = GoalFile(text: "goal lead_volume >= 1 by 2024-12-31 -- #999999999\n", file: "goals.kpi")
        #expect(largest.goals.map(\.number) == [999_999_999])
    }

    @Test("a remark after the id is kept; dashes inside the note are text, not a comment")
    func remarks() throws {
        let line = #"goal lead_volume >= 400 by 2024-12-31 "a -- b" -- #7 Ana's idea"#
        var file = GoalFile(text: line + "\n", file: "goals.kpi")
        let goal = try #require(file.goal(7))
        #expect(goal.note == "a -- b" && goal.comment == "Ana's idea")
        #expect(file.serialized() == line + "\n")
        // An edit keeps the remark unless it brings its own.
        try file.replace(7, with: try Self.goal("goal lead_volume >= 500 by 2024-12-31"))
        #expect(file.serialized() == "goal lead_volume >= 500 by 2024-12-31 -- #7 Ana's idea\n")
        // A remark that does not start with an id is a remark; the goal gets an id before it.
        let plain = GoalFile(text: "goal lead_volume >= 1 by 2024-12-31 -- #4b is not an id\n", file: "goals.kpi")
        #expect(plain.serialized() == "goal lead_volume >= 1 by 2024-12-31 -- #1 #4b is not an id\n")
    }
}
