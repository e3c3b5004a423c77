import Foundation
import KPICore
import KPIEngine
import KPIRepl
import Testing

/// Recipe and plugin folders come from the session's ``Workspace``, not from the test process's
/// working directory (which is the repository, with its own `Recipes/` and `Plugins/`).
@Suite("The workspace decides where recipes and plugins are found")
struct WorkspaceTests {
    private func workspace() throws -> (Workspace, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-workspace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Recipes"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Plugins"), withIntermediateDirectories: true)
        try "title \"Alpha\"\nsection \"Leads\"\ncount(leads)\n".write(
            to: root.appendingPathComponent("Recipes/alpha-review.recipe"), atomically: true, encoding: .utf8)
        try "module ws version 1.0.0 \"Workspace KPIs\"\nkpi ws_lead_count = count(leads)\n".write(
            to: root.appendingPathComponent("Plugins/ws.kpi"), atomically: true, encoding: .utf8)
        // HOME inside the folder: no user plugin folder of the machine's leaks in.
        return (Workspace(currentDirectory: root, environment: ["HOME": root.path]), root)
    }

    @Test("run <Tab> and run NAME use the workspace's Recipes/, not the process's")
    func recipes() throws {
        let (workspace, root) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let shell = try ShellFixture.demoShell()
        shell.session.workspace = workspace
        let completion = ShellCompleter(session: shell.session).complete(CompletionRequest(line: "run ", cursorUTF8Offset: 4))
        #expect(completion.candidates.map(\.text) == ["alpha-review"])
        let response = shell.handle("run alpha-review")
        #expect(response.error == nil, "\(response.error ?? "")")
        #expect(response.output.contains("Alpha"), "\(response.output)")
        #expect(shell.handle("run rep-scorecard").error?.contains("rep-scorecard") == true)
    }

    @Test(".reload reads script modules from the workspace's Plugins/")
    func plugins() throws {
        let (workspace, root) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let shell = try ShellFixture.demoShell()
        shell.session.workspace = workspace
        let report = shell.session.reloadScriptModules()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(shell.session.registry.kpi("ws_lead_count") != nil)
        #expect(shell.session.registry.kpi("referral_share") == nil, "the repository's Plugins/team-kpis.kpi leaked in")
    }
}
