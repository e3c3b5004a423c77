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

@Suite("Goals through the session: statements, persistence, vs goal")
struct GoalWiringTests {
    @Test("goals set with statements survive a restart through the goals file")
    func restart() throws {
        let scratch = try TemporaryDirectory("kpikit-goals")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        let url = folder.appendingPathComponent("goals.kpi")
        let first = try demoSession()
        try first.useGoals(url)
        guard case .goalChanged(let change) = try first.run("goal win_rate >= 30% by 2024-12-31 from 2024-07-01 for rep = \"Luca Rossi\"") else {
            Issue.record("expected a goal change")
            return
        }
        #expect(change.action == .added && change.savedTo == url)
        _ = try first.run("goal lead_volume >= 400 by 2024-12-31 from 2024-07-01")
        _ = try first.run("goal remove 1")

        let second = try demoSession()
        #expect(try second.useGoals(url).isEmpty)
        #expect(second.goalFile.goals.map(\.kpi) == ["lead_volume"])
        guard case .goalReport(let report) = try second.run("goals why") else {
            Issue.record("expected a goal report")
            return
        }
        #expect(report.statuses.count == 1 && report.showsRules)
        // Directory listing: only the goals file and its lock file, no temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".goals.kpi.lock", "goals.kpi"])
    }

    @Test("a goals file with a bad line reports file:line and loads the rest")
    func badLine() throws {
        let scratch = try TemporaryDirectory("kpikit-goals")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        let url = folder.appendingPathComponent("goals.kpi")
        try "goal lead_volume >= 400 by 2024-12-31\ngoal win_rate >= banana\ngoal csat >= 80% by 2024-12-31\n".write(
            to: url, atomically: true, encoding: .utf8)
        let session = try demoSession()
        let problems = try session.useGoals(url)
        #expect(problems.count == 1)
        #expect(problems.first?.description.hasPrefix("\(url.path):2:") == true)
        #expect(session.goalFile.goals.map(\.kpi) == ["lead_volume", "csat"])
    }

    @Test("a rate's target written as a bare number above 1 is refused in a goals file and at the prompt, suggesting the percentage")
    func percentTarget() throws {
        let scratch = try TemporaryDirectory("kpikit-goals")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        let url = folder.appendingPathComponent("goals.kpi")
        let text = "goal lead_volume >= 400 by 2024-12-31\ngoal win_rate >= 30 by 2024-12-31\ngoal win_rate >= 0.3 by 2024-12-31\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        let session = try demoSession()
        let problems = try session.useGoals(url)
        #expect(problems.map(\.id) == ["goals.percent-target"])
        #expect(problems.first?.description.hasPrefix("\(url.path):2:18:") == true, "\(problems)")
        #expect(problems.first?.description.contains("write 30%") == true)
        // A count's target is any number; the fraction form of a rate is fine.
        #expect(session.goalFile.goals.map(\.target) == [400, 0.3])
        #expect(throws: SessionError.self) { try session.run("goal win_rate >= 30 by 2024-12-31") }
        #expect(throws: SessionError.self) { try session.run("goal edit 1 win_rate >= 45 by 2024-12-31") }
        // The file was not rewritten by the refused statements: the user's line 2 is still there.
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
    }

    @Test("compare … vs goal puts each rep's goal beside the rep's value, tested against the target")
    func versusGoal() throws {
        let session = try demoSession()
        _ = try session.run("goal win_rate >= 45% by 2024-12-31 from 2024-07-01 for rep = \"Maya Patel\"")
        let result = try session.compare("compare win_rate by rep vs goal")
        #expect(result.rows.count == 1)
        let row = try #require(result.rows.first)
        #expect(row.keys == [.text("Maya Patel")])
        #expect(row.baseline.value == 0.45)
        let status = try GoalTracker.status(of: session.goalFile.goals[0], in: session)
        #expect(row.current.numerator == status.current?.numerator && row.current.denominator == status.current?.denominator)
        // One-sample z-test by hand: z = (p − 0.45) / √(0.45·0.55/n).
        let p = row.current.value!, n = row.current.denominator!
        #expect(abs(row.pValue! - erfc(abs((p - 0.45) / (0.45 * 0.55 / n).squareRoot()) / 2.0.squareRoot())) < 1e-12)
        #expect(throws: SessionError.self) { try session.compare("compare lead_volume vs goal") }
    }
}
