import KPICore
import Testing

@testable import KPIFormula

/// A registry made with ``FormulaLanguage`` parses each KPI's formula once, as the KPI
/// registers: a malformed one is a registration error naming the KPI and the module, and the
/// binder expands KPIs from the kept syntax.
@Suite("Registry: KPI formulas parsed once, at registration")
struct ParsedFormulaTests {
    struct Module: KPIModule {
        var name = "pipeline-extras"
        let version = "1.0.0"
        let summary = "KPIs for the registration tests"
        var kpis: [FormulaKPI]
        func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
            for kpi in kpis { registrar.add(kpi) }
        }
    }

    static func kpi(_ id: String, _ formula: String) -> FormulaKPI {
        FormulaKPI(
            id: id, title: id, summary: "test KPI", unit: .count, direction: .neutral, dateBasis: nil, requirements: [], formula: formula)
    }

    @Test("a malformed formula refuses the module, naming the KPI and the module")
    func malformedFormula() throws {
        var registry = KPIRegistry(formulas: FormulaLanguage())
        let module = Module(kpis: [Self.kpi("leads_total", "count(leads)"), Self.kpi("half_open", "count(leads where status = ")])
        let error = try #require(throws: RegistryError.self) { try registry.register(module, origin: .builtIn) }
        #expect(error.id == "registry.invalid-formula")
        #expect(error.message.contains("KPI 'half_open'"))
        #expect(error.message.contains("module 'pipeline-extras'"))
        #expect(error.message.contains("formula.syntax"))
        #expect(registry.kpiIDs.isEmpty && registry.modules.isEmpty)
    }

    @Test("a session KPI with a malformed formula is refused too")
    func malformedSessionFormula() throws {
        var registry = KPIRegistry(formulas: FormulaLanguage())
        let error = try #require(throws: RegistryError.self) { try registry.define(Self.kpi("half_open", "count(leads")) }
        #expect(error.id == "registry.invalid-formula" && error.message.contains("KPI 'half_open' in module 'session'"))
        try registry.define(Self.kpi("half_open", "count(leads)"))
        #expect(registry.entry(for: "half_open")?.parsedFormula as? QuerySyntax == (try Parser.parseQuery("count(leads)")))
    }

    @Test("each entry keeps its parsed formula; a registry without a parser keeps text only")
    func keepsParsedFormula() throws {
        var parsing = KPIRegistry(formulas: FormulaLanguage())
        try parsing.register(Module(kpis: [Self.kpi("leads_total", "count(leads)")]), origin: .builtIn)
        #expect(parsing.entry(for: "leads_total")?.parsedFormula as? QuerySyntax == (try Parser.parseQuery("count(leads)")))
        var textOnly = KPIRegistry()
        try textOnly.register(Module(kpis: [Self.kpi("leads_total", "count(leads")]), origin: .builtIn)
        #expect(textOnly.entry(for: "leads_total")?.parsedFormula == nil)
    }

    /// Parses every formula as `count(leads where status = "won")`, whatever its text: a plan
    /// that has the filter came from the registry's syntax, not from the formula's text.
    struct WonParser: FormulaParsing {
        func parse(_ formula: String) throws -> any ParsedFormula {
            try Parser.parseQuery("count(leads where status = \"won\")")
        }
    }

    @Test("the binder expands a KPI from the syntax kept at registration, not from its text")
    func binderUsesParsedSyntax() throws {
        var registry = KPIRegistry(formulas: WonParser())
        try registry.register(Module(kpis: [Self.kpi("leads_total", "count(leads)")]), origin: .builtIn)
        var environment = Fixture.environment()
        environment.registry = registry
        for text in ["leads_total", "leads_total + 1"] {
            let planned = try plan(text, environment)
            #expect(planned.aggregates.map(\.filter) == [.compare(.equal, .column("status", .text), .literal(.text("won")))], "\(text)")
        }
    }
}
