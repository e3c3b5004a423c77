import Foundation
import KPICore
import KPIDemo
import KPIEngine
import KPIFormula
import Testing

/// A temporary plugin directory holding the given files; removed by the caller.
private func pluginDirectory(_ files: [String: String]) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-plugins-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return directory
}

private func builtInRegistry() throws -> KPIRegistry { try StandardRegistry.modulesOnly() }

private func load(_ files: [String: String], into registry: inout KPIRegistry) throws -> (PluginLoadReport, URL) {
    let directory = try pluginDirectory(files)
    return (ScriptModuleLoader().load(directories: [directory], into: &registry), directory)
}

@Suite("Script modules")
struct PluginScriptModuleTests {
    static let team = """
        -- Team KPIs on the canonical schema.
        module team version 1.2.0 "Team KPIs"

        kpi referral_share = share(leads, source = "Referral")
            unit ratio, higher is better,
            "Share of leads that came by referral."

        kpi demo_rate = share(leads,
                exists activities(type = "demo"))  -- a wrapped call
            , higher is better, counted by leads.created_at

        kpi won_value = sum(amount) of leads where status = "won"
            needs leads.closed_at, leads.rep, counted by leads.closed_at, unit money
        """

    @Test("a module file loads with its name, version, description and KPIs in order")
    func loadsModule() throws {
        var registry = try builtInRegistry()
        let (report, directory) = try load(["team.kpi": Self.team], into: &registry)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(report.problems.isEmpty, "\(report.problemText)")
        let module = try #require(report.modules.first)
        #expect(module.name == "team")
        #expect(module.version == "1.2.0")
        #expect(module.summary == "Team KPIs")
        #expect(module.kpis.map(\.id) == ["referral_share", "demo_rate", "won_value"])
        #expect(module.kpiLines == ["referral_share": 4, "demo_rate": 8, "won_value": 12])
        let entry = try #require(registry.entry(for: "demo_rate"))
        #expect(entry.module == "team")
        #expect(entry.origin == .scriptPlugin(path: directory.appendingPathComponent("team.kpi").path, line: 2))
        #expect(registry.modules.last?.kpiIDs == ["referral_share", "demo_rate", "won_value"])
    }

    @Test("units, directions, date basis and requirements come from the definition and the bound plan")
    func unitsAndRequirements() throws {
        var registry = try builtInRegistry()
        let (report, directory) = try load(["team.kpi": Self.team], into: &registry)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kpis = Dictionary(uniqueKeysWithValues: try #require(report.modules.first).kpis.map { ($0.id, $0) })
        let share = try #require(kpis["referral_share"])
        #expect(share.unit == .ratio)
        #expect(share.direction == .higherIsBetter)
        #expect(share.summary == "Share of leads that came by referral.")
        #expect(share.requirements == [FieldPath("leads", "source")])
        #expect(share.dateBasis == nil)
        let demo = try #require(kpis["demo_rate"])
        #expect(demo.unit == .ratio, "the unit is inferred from the plan when not given")
        #expect(demo.dateBasis == FieldPath("leads", "created_at"))
        #expect(Set(demo.requirements).isSuperset(of: [FieldPath("activities", "type"), FieldPath("activities", "lead_id")]))
        #expect(!demo.requirements.contains(FieldPath("leads", "created_at")), "the date basis is no requirement: totals work without it")
        #expect(demo.formula == "share(leads, exists activities(type = \"demo\"))", "wrapped lines become one, comments dropped")
        let won = try #require(kpis["won_value"])
        #expect(won.unit == .money)
        #expect(won.direction == .neutral)
        #expect(won.dateBasis == FieldPath("leads", "closed_at"))
        #expect(
            won.requirements == [
                FieldPath("leads", "amount"), FieldPath("leads", "status"), FieldPath("leads", "closed_at"), FieldPath("leads", "rep"),
            ])
    }

    @Test("script KPIs evaluate in a session on the demo data")
    func evaluatesOnDemoData() throws {
        var registry = try builtInRegistry()
        let (_, directory) = try load(["team.kpi": Self.team], into: &registry)
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = Session(registry: registry)
        try session.add(tables: DemoCRM.make().tables, source: "demo")
        let share = try session.evaluate("referral_share")
        let value = try #require(share.scalar?.value)
        #expect(value > 0 && value < 1)
        let bySource = try session.evaluate("demo_rate by source")
        #expect(bySource.rows.count > 1)
    }

    @Test(
        "each kind of failure is reported with file:line:column while the rest of the file loads",
        arguments: [
            ("kpi broken = share(leads, source = ) unit ratio", "formula.syntax", 3, 36),
            ("kpi unknown = count(leads where colour = \"red\")", "formula.unknown-field", 3, 33),
            ("kpi odd = count(leads) unit furlongs", "formula.unknown-unit", 3, 29),
            ("kpi late = count(leads), counted by leads.closed_on", "formula.unknown-field", 3, 37),
            ("kpi Bad-Name = count(leads)", "plugin.invalid-id", 3, 5),
            ("let x = 1", "plugin.unexpected-statement", 3, 1),
            ("kpi missing = sum(amount) of nothing", "formula.unknown-table", 3, 15),
        ])
    func failureKinds(bad: String, id: String, line: Int, column: Int) throws {
        let text = "module mixed version 1.0.0\nkpi good_one = count(leads)\n\(bad)\n  -- between\nkpi good_two = share(leads, status = \"won\")\n"
        var registry = try builtInRegistry()
        let (report, directory) = try load(["mixed.kpi": text], into: &registry)
        defer { try? FileManager.default.removeItem(at: directory) }
        let problem = try #require(report.problems.first)
        #expect(report.problems.count == 1, "\(report.problemText)")
        #expect(problem.id.rawValue == id, "\(problem)")
        #expect(problem.location.file.hasSuffix("mixed.kpi"))
        #expect(problem.location.line == line)
        #expect(problem.location.column == column, "\(problem)")
        #expect(registry.kpi("good_one") != nil && registry.kpi("good_two") != nil)
    }

    @Test("an unclosed bracket and a runaway nesting each skip only their KPI, and every bad KPI is reported where it is")
    func recovery() throws {
        let text = """
            module mixed version 1.0.0
            kpi unclosed = share(leads, source = "Referral"
            kpi good_one = count(leads)
            kpi deep = \(String(repeating: "(", count: 5000))count(leads)\(String(repeating: ")", count: 5000))
            kpi chain = count(leads)\(String(repeating: " + 1", count: 6000))
            kpi unknown = count(leads where colour = "red")
            kpi good_two = share(leads, status = "won")
            """
        var registry = try builtInRegistry()
        let (report, directory) = try load(["mixed.kpi": text], into: &registry)
        defer { try? FileManager.default.removeItem(at: directory) }
        let found = report.problems.map { "\($0.id) \($0.location.line ?? 0)" }
        #expect(found == ["formula.syntax 2", "formula.too-deep 4", "formula.too-deep 5", "formula.unknown-field 6"], "\(report.problemText)")
        #expect(report.problems.allSatisfy { $0.location.file.hasSuffix("mixed.kpi") && ($0.location.column ?? 0) > 1 })
        #expect(registry.kpi("good_one") != nil && registry.kpi("good_two") != nil)
        #expect(registry.kpi("unclosed") == nil && registry.kpi("deep") == nil && registry.kpi("chain") == nil)
    }

    @Test("a bad module line skips its file and names the line; other files still load")
    func badHeader() throws {
        var registry = try builtInRegistry()
        let (report, directory) = try load(
            ["a.kpi": "module team version one\nkpi a_count = count(leads)\n", "b.kpi": "module other\nkpi b_count = count(leads)\n"],
            into: &registry)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(report.problems.map(\.id) == ["plugin.bad-module-line"])
        #expect(report.problems.first?.location.line == 1)
        #expect(report.problems.first?.location.column == 21)
        #expect(registry.kpi("a_count") == nil)
        #expect(registry.kpi("b_count") != nil)
    }

    @Test("a file without a module line is a module named after the file")
    func defaultName() throws {
        var registry = try builtInRegistry()
        let (report, directory) = try load(["quick-wins.kpi": "kpi quick_count = count(leads)\n"], into: &registry)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(report.problems.isEmpty)
        #expect(registry.modules.last?.name == "quick-wins")
        #expect(registry.modules.last?.version == "0.0.0")
    }

    @Test("duplicate ids name both origins and skip only the duplicate: in a file, against built-ins, across files")
    func duplicates() throws {
        var registry = try builtInRegistry()
        let (report, directory) = try load(
            [
                "a.kpi":
                    "module first\nkpi shared_id = count(leads)\nkpi win_rate = count(leads)\nkpi shared_id = count(leads)\nkpi a_only = count(leads)\n",
                "b.kpi": "module second\nkpi shared_id = count(leads)\nkpi b_only = count(leads)\n",
                "c.kpi": "module first\nkpi c_only = count(leads)\n",
            ], into: &registry)
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.kpi").path
        let messages = report.problems.map { "\($0.location.file.split(separator: "/").last ?? ""):\($0.location.line ?? 0) \($0.id) \($0.message)" }
        #expect(report.problems.count == 4, "\(messages)")
        #expect(messages[0].hasPrefix("a.kpi:4 plugin.duplicate-kpi KPI 'shared_id' is already defined at \(a):2"))
        #expect(messages[1].hasPrefix("a.kpi:3 plugin.duplicate-kpi KPI 'win_rate' is already defined by module 'sales' (built-in)"))
        #expect(messages[2].hasPrefix("b.kpi:2 plugin.duplicate-kpi KPI 'shared_id' is already defined at \(a):2"))
        #expect(messages[3].hasPrefix("c.kpi:1 plugin.duplicate-module module 'first' is already registered from script plugin \(a):1"))
        #expect(registry.entry(for: "win_rate")?.origin == .builtIn, "built-ins are never overridden")
        #expect(registry.entry(for: "shared_id")?.module == "first")
        #expect(registry.kpi("a_only") != nil && registry.kpi("b_only") != nil && registry.kpi("c_only") == nil)
    }

    @Test("a later definition can use an earlier one from the same file")
    func buildsOnEarlier() throws {
        var registry = try builtInRegistry()
        let text = "module chain\nkpi base_count = count(leads)\nkpi double_count = 2 * base_count\n"
        let (report, directory) = try load(["chain.kpi": text], into: &registry)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(report.problems.isEmpty, "\(report.problemText)")
        #expect(registry.kpi("double_count") != nil)
    }

    @Test("a missing --plugins directory is a problem; a missing default directory is not")
    func missingDirectories() throws {
        var registry = KPIRegistry()
        let missing = URL(fileURLWithPath: "/nonexistent/kpikit-plugins-\(UUID().uuidString)")
        let other = URL(fileURLWithPath: "/nonexistent/kpikit-other-\(UUID().uuidString)")
        let report = ScriptModuleLoader().load(directories: [other, missing], required: [missing], into: &registry)
        #expect(report.problems.map(\.id) == ["plugin.directory-not-found"])
        #expect(report.problems.first?.location.file == missing.path)
    }

    @Test("statements continue over indented lines and open brackets; comments and blank lines separate nothing")
    func splitting() {
        let statements = ScriptStatements.split("-- head\nmodule m\n\nkpi a = count(\nleads)\n  unit count\n-- tail\nkpi b = 1\n")
        #expect(statements.map(\.line) == [2, 4, 8])
        #expect(statements[1].text == "kpi a = count(\nleads)\n  unit count")
        #expect(statements[1].location(ofByte: 15) == (line: 5, column: 1))
    }
}
