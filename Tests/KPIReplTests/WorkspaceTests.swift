import Foundation
import KPICore
import KPIEngine
import KPIRepl
import Testing

/// Recipe and plugin folders come from the session's ``Workspace``, not from the test process's
/// working directory (which is the repository, with its own `Recipes/` and `Plugins/`).
@Suite("The workspace decides where recipes and plugins are found")
struct WorkspaceTests {
    /// A folder with a recipe and a script module, and a workspace standing in it.
    private func workspace() throws -> (Workspace, TemporaryDirectory) {
        let folder = try TemporaryDirectory("kpikit-workspace")
        for sub in ["Recipes", "Plugins"] {
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try folder.write("Recipes/alpha-review.recipe", "title \"Alpha\"\nsection \"Leads\"\ncount(leads)\n")
        try folder.write("Plugins/ws.kpi", "module ws version 1.0.0 \"Workspace KPIs\"\nkpi ws_lead_count = count(leads)\n")
        // HOME inside the folder: no user plugin folder of the machine's leaks in.
        return (Workspace(currentDirectory: folder.url, environment: ["HOME": folder.url.path]), folder)
    }

    @Test("run <Tab> and run NAME use the workspace's Recipes/, not the process's")
    func recipes() throws {
        let (workspace, folder) = try workspace()
        defer { withExtendedLifetime(folder) {} }
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
        let (workspace, folder) = try workspace()
        defer { withExtendedLifetime(folder) {} }
        let shell = try ShellFixture.demoShell()
        shell.session.workspace = workspace
        let report = shell.session.reloadScriptModules()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(shell.session.registry.kpi("ws_lead_count") != nil)
        #expect(shell.session.registry.kpi("referral_share") == nil, "the repository's Plugins/team-kpis.kpi leaked in")
    }
}
