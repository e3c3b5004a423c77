import Foundation
import Testing

@testable import KPICore

/// The registry is all-or-nothing per module, names both sides of every conflict, never lets a
/// session definition shadow a built-in, and explains what a KPI needs.
@Suite("KPI registry: modules, duplicates, session definitions, availability")
struct RegistryTests {
    // MARK: - Test modules

    static func kpi(_ id: String, requires: [String] = ["leads.lead_id"]) -> FormulaKPI {
        FormulaKPI(
            id: id, title: id, summary: "test KPI \(id)", unit: .count, direction: .neutral, dateBasis: nil,
            requirements: requires.compactMap(FieldPath.init), formula: "count(leads)")
    }

    struct TestModule: KPIModule {
        var name: String
        var version = "1.0.0"
        var summary = "a test module"
        var kpis: [FormulaKPI] = []
        var adapters: [TestAdapter] = []
        var failure: String?

        func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
            for kpi in kpis { registrar.add(kpi) }
            for adapter in adapters { registrar.add(adapter) }
            if let failure { throw RegistryError(id: DiagnosticID("test.config-missing"), message: failure) }
        }
    }

    struct TestAdapter: DataAdapter {
        var name: String
        var fileExtensions: [String]
        func load(_ url: URL, options: LoadOptions) throws(DataError) -> [Table] { [] }
    }

    private func registry(_ modules: (TestModule, Origin)...) throws -> KPIRegistry {
        var registry = KPIRegistry()
        for (module, origin) in modules { try registry.register(module, origin: origin) }
        return registry
    }

    private func snapshot(_ registry: KPIRegistry) -> [String] {
        registry.kpiIDs + registry.modules.map { "module:\($0.name)" } + registry.adapters.map { "adapter:\($0.adapter.name)" }
    }

    // MARK: - Registration

    @Test("modules register their KPIs and adapters in order, with module and origin")
    func registersInOrder() throws {
        let registry = try registry(
            (TestModule(name: "core", kpis: [Self.kpi("a"), Self.kpi("b")], adapters: [TestAdapter(name: "x", fileExtensions: ["x"])]), .builtIn),
            (TestModule(name: "extra", kpis: [Self.kpi("c")]), .swiftPlugin(target: "ExtraKPIs")))
        #expect(registry.kpiIDs == ["a", "b", "c"])
        #expect(registry.entry(for: "c")?.module == "extra")
        #expect(registry.entry(for: "c")?.origin == .swiftPlugin(target: "ExtraKPIs"))
        #expect(registry.modules.map(\.kpiIDs) == [["a", "b"], ["c"]])
        #expect(registry.modules.first?.adapterNames == ["x"])
        #expect(registry.kpi("missing") == nil)
    }

    @Test("a KPI id defined by two modules names both modules and both origins")
    func duplicateAcrossModules() throws {
        var registry = try registry((TestModule(name: "sales", kpis: [Self.kpi("win_rate")]), .builtIn))
        let before = snapshot(registry)
        let plugin = TestModule(name: "my-metrics", kpis: [Self.kpi("fresh"), Self.kpi("win_rate")])
        let error = try #require(throws: RegistryError.self) {
            try registry.register(plugin, origin: .scriptPlugin(path: "plugins/my.kpis", line: 12))
        }
        #expect(error.id == "registry.duplicate-kpi")
        for part in ["win_rate", "'my-metrics'", "script plugin plugins/my.kpis:12", "'sales'", "built-in"] {
            #expect(error.message.contains(part), "message lacks \(part): \(error.message)")
        }
        #expect(snapshot(registry) == before, "the module's other KPI 'fresh' must not be registered")
    }

    @Test("a KPI id defined twice inside one module is rejected, naming the module")
    func duplicateWithinModule() throws {
        var registry = KPIRegistry()
        let module = TestModule(name: "twice", kpis: [Self.kpi("calls"), Self.kpi("calls")])
        let error = try #require(throws: RegistryError.self) { try registry.register(module, origin: .builtIn) }
        #expect(error.id == "registry.duplicate-kpi")
        #expect(error.message.contains("'calls'") && error.message.contains("'twice'"))
        #expect(snapshot(registry).isEmpty)
    }

    @Test("a module name registered twice is rejected, naming both origins")
    func duplicateModule() throws {
        var registry = try registry((TestModule(name: "sales", kpis: [Self.kpi("a")]), .builtIn))
        let error = try #require(throws: RegistryError.self) {
            try registry.register(TestModule(name: "sales", kpis: [Self.kpi("b")]), origin: .swiftPlugin(target: "Sales2"))
        }
        #expect(error.id == "registry.duplicate-module")
        #expect(error.message.contains("Swift plugin Sales2") && error.message.contains("built-in"))
        #expect(registry.kpiIDs == ["a"])
        #expect(error.description == "error[registry.duplicate-module]: \(error.message)")
    }

    @Test("ids that are not snake_case are rejected", arguments: ["", "Win_Rate", "win-rate", "9lives", "win rate", "wïn", "a.b"])
    func invalidID(id: String) throws {
        var registry = KPIRegistry()
        let error = try #require(throws: RegistryError.self) {
            try registry.register(TestModule(name: "bad", kpis: [Self.kpi("ok"), Self.kpi(id)]), origin: .builtIn)
        }
        #expect(error.id == "registry.invalid-id")
        #expect(error.message.contains("'bad'"))
        #expect(snapshot(registry).isEmpty)
    }

    @Test("ids with lower-case letters, digits and underscores are accepted", arguments: ["a", "_private", "nps", "q1_2024_rate"])
    func validID(id: String) throws {
        let registry = try registry((TestModule(name: "good", kpis: [Self.kpi(id)]), .builtIn))
        #expect(registry.kpiIDs == [id])
    }

    @Test("a module that throws while registering is rejected whole; the registry is unchanged")
    func throwingModule() throws {
        var registry = try registry((TestModule(name: "core", kpis: [Self.kpi("a")]), .builtIn))
        let before = snapshot(registry)
        let broken = TestModule(
            name: "broken", kpis: [Self.kpi("b")], adapters: [TestAdapter(name: "y", fileExtensions: ["y"])],
            failure: "config file missing")
        let error = try #require(throws: RegistryError.self) { try registry.register(broken, origin: .swiftPlugin(target: "Broken")) }
        #expect(error.id == "registry.module-failed")
        #expect(error.message.contains("'broken'") && error.message.contains("config file missing"))
        #expect(snapshot(registry) == before)
        #expect(registry.adapter(for: "file.y") == nil)

        // The name stays free: a fixed module registers afterwards.
        try registry.register(TestModule(name: "broken", kpis: [Self.kpi("b")]), origin: .swiftPlugin(target: "Broken"))
        #expect(registry.kpiIDs == ["a", "b"])
    }

    // MARK: - Session definitions

    @Test("a session definition cannot replace a built-in or plugin KPI")
    func defineCannotOverrideBuiltIn() throws {
        var registry = try registry(
            (TestModule(name: "sales", kpis: [Self.kpi("win_rate")]), .builtIn),
            (TestModule(name: "mine", kpis: [Self.kpi("mrr")]), .swiftPlugin(target: "Mine")))
        for id in ["win_rate", "mrr"] {
            let error = try #require(throws: RegistryError.self) { try registry.define(Self.kpi(id, requires: ["spend.amount"])) }
            #expect(error.id == "registry.duplicate-kpi")
            #expect(error.message.contains("'\(id)'"))
            #expect(registry.entry(for: id)?.origin != .session)
            #expect(registry.kpi(id)?.requirements == [FieldPath("leads", "lead_id")], "\(id) keeps its definition")
        }
    }

    @Test("a session definition can be replaced by a later one, keeping its place")
    func defineReplacesSessionKPI() throws {
        var registry = try registry((TestModule(name: "sales", kpis: [Self.kpi("win_rate")]), .builtIn))
        try registry.define(Self.kpi("my_rate"))
        try registry.define(Self.kpi("other"))
        try registry.define(Self.kpi("my_rate", requires: ["spend.amount"]))
        #expect(registry.kpiIDs == ["win_rate", "my_rate", "other"])
        #expect(registry.entry(for: "my_rate")?.origin == .session)
        #expect(registry.entry(for: "my_rate")?.module == "session")
        #expect(registry.kpi("my_rate")?.requirements == [FieldPath("spend", "amount")])
    }

    @Test("a session definition with an invalid id is rejected")
    func defineInvalidID() throws {
        var registry = KPIRegistry()
        let error = try #require(throws: RegistryError.self) { try registry.define(Self.kpi("My Rate")) }
        #expect(error.id == "registry.invalid-id")
        #expect(registry.kpiIDs.isEmpty)
    }

    // MARK: - Availability and adapters

    @Test("availability lists every missing table and field, in the KPI's order")
    func availability() throws {
        let leads = Table(name: "leads", columns: [Column(name: "lead_id", type: .int, values: [.int(1)])])
        let dataset = Dataset(tables: [leads])
        let registry = KPIRegistry()

        #expect(registry.availability(of: Self.kpi("count_leads"), in: dataset) == .available)
        #expect(Availability.available.explanation == "available")

        let cac = Self.kpi("cac", requires: ["spend.amount", "spend.month", "leads.lead_id", "leads.created_at"])
        let availability = registry.availability(of: cac, in: dataset)
        #expect(!availability.isAvailable)
        #expect(availability == .missing([FieldPath("spend", "amount"), FieldPath("spend", "month"), FieldPath("leads", "created_at")]))
        #expect(availability.explanation == "needs spend.amount, spend.month, leads.created_at")
    }

    @Test("the most recently registered adapter that reads a file wins; extensions ignore case")
    func adapterLookup() throws {
        let registry = try registry(
            (TestModule(name: "base", adapters: [TestAdapter(name: "csv", fileExtensions: ["csv", "tsv"])]), .builtIn),
            (TestModule(name: "fast", adapters: [TestAdapter(name: "fast-csv", fileExtensions: ["csv"])]), .swiftPlugin(target: "Fast")))
        #expect(registry.adapter(for: "data/leads.csv")?.name == "fast-csv")
        #expect(registry.adapter(for: URL(fileURLWithPath: "/tmp/LEADS.TSV"))?.name == "csv")
        #expect(registry.adapter(for: "leads.parquet") == nil)
        #expect(registry.adapters.map(\.module) == ["base", "fast"])
    }

    @Test("origins describe themselves for messages")
    func originDescriptions() {
        #expect(Origin.builtIn.description == "built-in")
        #expect(Origin.session.description == "session")
        #expect(Origin.swiftPlugin(target: "SaaS").description == "Swift plugin SaaS")
        #expect(Origin.scriptPlugin(path: "p.kpis", line: 3).description == "script plugin p.kpis:3")
    }
}
