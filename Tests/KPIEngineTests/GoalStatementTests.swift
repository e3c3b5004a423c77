import KPICore
import KPIEngine
import Testing

@Suite("Goal statements")
struct GoalStatementTests {
    @Test("reads every part of a goal")
    func readsAllParts() throws {
        let goal = try GoalStatement.parse(#"goal win_rate >= 30% by 2024-12-31 for rep = "Ana Ruiz" from 2024-07-01 "stretch""#)
        #expect(goal.kpi == "win_rate")
        #expect(goal.comparison == .atLeast)
        #expect(goal.target == 0.3)
        #expect(goal.targetIsPercent)
        #expect(goal.deadline == CivilDate(year: 2024, month: 12, day: 31))
        #expect(goal.start == CivilDate(year: 2024, month: 7, day: 1))
        #expect(goal.scope == #"rep = "Ana Ruiz""#)
        #expect(goal.note == "stretch")
    }

    @Test("a trailing string ends the condition when it follows an operator, and is the note otherwise")
    func noteOrCondition() throws {
        let noNote = try GoalStatement.parse(#"goal win_rate >= 30% by 2024-12-31 for rep = "Ana Ruiz""#)
        #expect(noNote.scope == #"rep = "Ana Ruiz""#)
        #expect(noNote.note == nil)
        let listThenNote = try GoalStatement.parse(#"goal count(leads) <= 10 by 2024-06 for source in ("A", "B") "cap""#)
        #expect(listThenNote.scope == #"source in ("A", "B")"#)
        #expect(listThenNote.note == "cap")
        #expect(listThenNote.comparison == .atMost)
        #expect(listThenNote.deadline == CivilDate(year: 2024, month: 6, day: 30))
    }

    @Test("the KPI may contain its own comparisons; the last one followed by a target is the goal's")
    func formulaWithComparison() throws {
        let goal = try GoalStatement.parse("goal count(leads where amount >= 1000) >= 20 by 2024-Q3 from 2024-07-01")
        #expect(goal.kpi == "count(leads where amount >= 1000)")
        #expect(goal.target == 20)
        #expect(goal.deadline == CivilDate(year: 2024, month: 9, day: 30))
        let year = try GoalStatement.parse("goal revenue >= 50000 by 2025")
        #expect(year.deadline == CivilDate(year: 2025, month: 12, day: 31))
        #expect(year.start == nil)
    }

    @Test("the deadline is optional and for/from come in either order")
    func optionalParts() throws {
        let goal = try GoalStatement.parse(#"goal avg_deal_size >= 1200 from 2024-01-01 for rep = "Ben Ode""#)
        #expect(goal.deadline == nil)
        #expect(goal.start == CivilDate(year: 2024, month: 1, day: 1))
        #expect(goal.scope == #"rep = "Ben Ode""#)
    }

    @Test("a statement reads back to the same goal")
    func roundTrip() throws {
        let lines = [
            #"goal win_rate >= 30% by 2024-12-31 for rep = "Ana \"A\" Ruiz" from 2024-07-01 "say ""hi"" \ there""#,
            "goal count(leads) >= 120 by 2024-06-30",
            "goal cac <= 250.5 by 2024-12-31",
            "goal churn_rate <= 2.5%",
            "goal count(leads) - count(leads where status = \"lost\") >= -5 by 2024-03-31",
        ]
        for line in lines {
            let goal = try GoalStatement.parse(line)
            let again = try GoalStatement.parse(goal.statement)
            #expect(again == goal, "\(line) → \(goal.statement)")
        }
        #expect(try GoalStatement.parse("goal win_rate >= 30% by 2024-12-31").statement == "goal win_rate >= 30% by 2024-12-31")
    }

    @Test(
        "mistakes are reported at their line and column",
        arguments: [
            ("goal win_rate > 30% by 2024-12-31", 15, "only >= and <="),
            ("goal >= 30% by 2024-12-31", 6, "KPI"),
            ("goal win_rate >= 30% by tomorrow", 25, "deadline"),
            ("goal win_rate >= 30% by 2024-12-31 whenever", 36, "expected 'by"),
            ("goal win_rate >= 30% by 2024-12-31 by 2025-01-31", 36, "twice"),
            ("goal win_rate >= 30% by 2024-12-31 for rep = ", 45, "condition"),
            ("goal count(leads where) >= 3 by 2024-12-31", 23, "KPI"),
            ("win_rate >= 30% by 2024-12-31", 1, "starts with 'goal'"),
            ("goal win_rate >= 30% by 2024-12-31 \"unterminated", 36, "unterminated"),
        ])
    func reportsMistakes(line: String, column: Int, mentions: String) {
        #expect {
            try GoalStatement.parse(line, file: "goals.kpi", line: 7)
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.location.line == 7 && error.location.column == column && error.message.contains(mentions)
                && error.id.rawValue.hasPrefix("goals.")
        }
    }
}
