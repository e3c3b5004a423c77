import Foundation
import KPICore
import KPIDemo
import Testing

@testable import KPIEngine

@Suite("Reloading script modules")
struct PluginReloadTests {
    @Test("reload picks up an edited .kpi file, keeps built-ins and session KPIs, and reports a broken one")
    func reload() throws {
        let scratch = try TemporaryDirectory("kpikit-reload")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        let file = folder.appendingPathComponent("team.kpi")
        try "module reload_probe version 1.0.0\nkpi referral_leads = count(leads where source = \"Referral\")\n".write(
            to: file, atomically: true, encoding: .utf8)
        let session = try EngineFixture.session()
        try session.add(tables: DemoCRM.make().tables, source: "demo")
        session.pluginDirectories = [folder.path]
        _ = try session.run("kpi my_count = count(leads)")
        #expect(session.reloadScriptModules().problems.filter { $0.location.file.hasPrefix(folder.path) }.isEmpty)
        #expect(session.registry.kpi("referral_leads") != nil)

        try "module reload_probe version 1.1.0\nkpi partner_leads = count(leads where source = \"Partner\")\n".write(
            to: file, atomically: true, encoding: .utf8)
        let report = session.reloadScriptModules()
        #expect(report.problems.filter { $0.location.file.hasPrefix(folder.path) }.isEmpty)
        #expect(session.registry.kpi("referral_leads") == nil, "the old definition is gone")
        #expect(session.registry.kpi("partner_leads") != nil)
        #expect(session.registry.modules.first { $0.name == "reload_probe" }?.version == "1.1.0")
        #expect(session.registry.kpi("win_rate") != nil && session.registry.kpi("my_count") != nil)

        try "module reload_probe\nkpi broken = count(leads where sorce = 1)\nkpi fine = count(leads)\n".write(
            to: file, atomically: true, encoding: .utf8)
        let broken = session.reloadScriptModules()
        let ours = broken.problems.filter { $0.location.file.hasPrefix(folder.path) }
        #expect(ours.count == 1)
        #expect(ours.first?.location.line == 2)
        #expect(session.registry.kpi("fine") != nil)
    }
}
