import KPICore
import KPIFormula
import Testing

@testable import KPICatalog

/// Catalogue KPIs are checked once, when they register: a field path that is not `table.field`
/// refuses the module, and every formula is parsed then, never again per query.
@Suite("Catalogue: KPIs checked and parsed at registration")
struct CatalogRegistrationTests {
    struct Module: KPIModule {
        let name = "pipeline-extras"
        let version = "1.0.0"
        let summary = "a module with one catalogue-style KPI"
        var basis: String?
        var requires: String
        func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
            registrar.add(
                try define(
                    "open_leads", "Open leads", unit: .count, .neutral, basis: basis, requires: requires,
                    formula: "count(leads where status = \"open\")", summary: "Leads still open."))
        }
    }

    @Test("a malformed field path refuses the module, naming the KPI and the module")
    func malformedFieldPath() throws {
        for module in [Module(basis: nil, requires: "leads.status leads_status"), Module(basis: "leads created_at", requires: "leads.status")] {
            var registry = BuiltInModules.makeRegistry()
            let error = try #require(throws: RegistryError.self) { try registry.register(module, origin: .builtIn) }
            #expect(error.id == "registry.module-failed")
            #expect(error.message.contains("module 'pipeline-extras'"))
            #expect(error.message.contains("registry.invalid-field") && error.message.contains("KPI 'open_leads'"))
            #expect(registry.kpiIDs.isEmpty)
        }
        var registry = BuiltInModules.makeRegistry()
        try registry.register(Module(basis: "leads.created_at", requires: "leads.status"), origin: .builtIn)
        #expect(registry.kpi("open_leads")?.requirements == [FieldPath("leads", "status")])
        #expect(registry.kpi("open_leads")?.dateBasis == FieldPath("leads", "created_at"))
    }

    @Test("every built-in KPI is parsed at registration and binds exactly as from its text")
    func builtInsParsedOnce() throws {
        var dataset = Dataset()
        for table in CanonicalSchema.standard.tables {
            let columns = table.fields.map { Column(name: $0.name, type: $0.type.storage ?? .text, values: []) }
            dataset.insert(Table(name: table.name, columns: columns, rowCount: 0))
        }
        var parsing = BuiltInModules.makeRegistry()
        try BuiltInModules.register(into: &parsing)
        var textOnly = KPIRegistry()
        try BuiltInModules.register(into: &textOnly)
        for entry in parsing.entries {
            let syntax = try #require(entry.parsedFormula as? QuerySyntax, "\(entry.kpi.id)")
            #expect(syntax == (try Parser.parseQuery(entry.kpi.formula)))
            let query = try Parser.parseQuery(entry.kpi.id + " by month")
            let fromSyntax = try Binder(environment: FormulaEnvironment(dataset: dataset, registry: parsing, asOf: 0), source: "").plan(query)
            let fromText = try Binder(environment: FormulaEnvironment(dataset: dataset, registry: textOnly, asOf: 0), source: "").plan(query)
            #expect(fromSyntax == fromText, "\(entry.kpi.id)")
        }
    }
}
