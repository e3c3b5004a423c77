import Foundation
import KPICore
import KPIDemo
import KPIFormula
import Testing

@testable import KPIEngine

private func demoSession() throws -> Session {
    let session = try EngineFixture.session()
    try session.add(tables: DemoCRM.make().tables, source: "demo")
    return session
}

/// The formula error `body` throws, with the text under its caret in the source it names.
private func formulaError(_ body: () throws(SessionError) -> Void) -> (FormulaError, underCaret: String)? {
    do {
        try body()
        return nil
    } catch {
        guard case .formula(let e, let source) = error.kind else { return nil }
        let bytes = Array(source.utf8)
        return (e, String(decoding: bytes[min(e.range.start, bytes.count)..<min(e.range.end, bytes.count)], as: UTF8.self))
    }
}

@Suite("Session: statements dispatch on what the parser read")
struct StatementDispatchTests {
    @Test("explain change … reaches the change explanation through the parser")
    func explainChange() throws {
        let session = try demoSession()
        let source = "explain change lead_volume by source from 2023 to 2024"
        guard case .explainChange(let syntax) = try Parser.parseStatement(source) else {
            Issue.record("the parser did not read an explain change")
            return
        }
        guard case .changeExplained(let explanation) = try session.run(source) else {
            Issue.record("run did not explain the change")
            return
        }
        #expect(explanation.formula == "lead_volume by source")
        #expect(explanation.fromLabel == "2023" && explanation.toLabel == "2024")
        // The parsed statement runs the same as its text.
        guard case .changeExplained(let again) = try session.run(.explainChange(syntax), source: source) else {
            Issue.record("run(statement) did not explain the change")
            return
        }
        #expect(again.totalChange == explanation.totalChange)
    }

    @Test("an unknown field in explain change's query points into the statement as typed")
    func explainChangeCaret() throws {
        let session = try demoSession()
        // Before, the query was bound as a text of its own: the error's source was
        // "lead_volume by sourc", not the statement.
        let failure = formulaError { () throws(SessionError) in
            _ = try session.run("explain change lead_volume by sourc from 2023 to 2024")
        }
        #expect(failure?.0.id == "formula.unknown-field" || failure?.0.id == "formula.unknown-name", "\(String(describing: failure))")
        #expect(failure?.underCaret == "sourc")
    }

    @Test("a period of explain change that does not resolve has its caret under it (it had none)")
    func explainChangePeriodCaret() throws {
        let session = try demoSession()
        let failure = formulaError { () throws(SessionError) in
            _ = try session.run("explain change lead_volume by source from 2023 to 99999")
        }
        #expect(failure?.0.id == "explain.syntax")
        #expect(failure?.0.message == "'99999' is not a period (2024-Q1, 2024-03, 2024, a date)")
        #expect(failure?.underCaret == "99999")
    }

    @Test("compare's query errors point into the statement")
    func compareCaret() throws {
        let session = try demoSession()
        let failure = formulaError { () throws(SessionError) in
            _ = try session.run("compare lead_volume by sourc during 2024-01 vs previous")
        }
        #expect(failure?.underCaret == "sourc", "\(String(describing: failure))")
        let team = formulaError { () throws(SessionError) in _ = try session.run("compare lead_volume during 2024-01 vs team") }
        #expect(team?.0.id == "compare.needs-groups")
        #expect(team?.underCaret == "lead_volume during 2024-01")
    }

    @Test("goal edit's errors are at the column of the statement as typed")
    func goalEditColumn() throws {
        let session = try demoSession()
        do {
            _ = try session.run("goal edit 1 win_rate >= 30% by soon")
            Issue.record("no error")
        } catch {
            guard case .data(let dataError) = error.kind else {
                Issue.record("\(error)")
                return
            }
            #expect(dataError.id == "goals.syntax")
            // `soon` is the 32nd character; "goal " + the rest put it at the 25th.
            #expect(dataError.location.column == 32)
        }
    }

    @Test("the shell's statements are refused by a session")
    func shellStatements() throws {
        let session = try demoSession()
        #expect(throws: SessionError.self) { try session.run("? win_rate") }
        #expect(throws: SessionError.self) { try session.run("run rep-scorecard") }
    }

    @Test("a goal's query is its KPI and scope, parsed from the goal and spliced into one query")
    func goalQuery() throws {
        let goal = try GoalStatement.parse(#"goal win_rate >= 30% by 2024-12-31 for rep = "Ana""#)
        let (query, source) = try GoalTracker.query(
            for: goal, from: CivilDate(year: 2024, month: 1, day: 1), to: CivilDate(year: 2024, month: 6, day: 30))
        #expect(source == goal.statement)
        #expect(Printer.print(query) == #"(win_rate where (rep = "Ana")) during from 2024-01-01 to 2024-06-30"#)
        // The scope's nodes point at the scope in the goal's statement.
        guard case .filter(_, let condition) = query.expr.kind else {
            Issue.record("no filter")
            return
        }
        let bytes = Array(source.utf8)
        #expect(String(decoding: bytes[condition.range.start..<condition.range.end], as: UTF8.self) == #"rep = "Ana""#)
    }
}

@Suite("Session: compare vs goal without a goal")
struct CompareWithoutGoalTests {
    @Test("the error points at the query that has no goal (it underlined the whole statement)")
    func noGoalCaret() throws {
        let session = try demoSession()
        do {
            _ = try session.run("compare win_rate by rep vs goal")
            Issue.record("no error")
        } catch {
            guard case .formula(let e, let source) = error.kind else {
                Issue.record("\(error)")
                return
            }
            #expect(e.id == "compare.no-goal")
            #expect(e.message == "no goal is set for 'win_rate by rep' per rep; add one with: goal …")
            #expect(e.range.text(in: source) == "win_rate by rep")
        }
    }
}
