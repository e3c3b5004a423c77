import KPICatalog
import KPICore
import KPIKitTesting
import KPITestSupport
import Testing

/// A module with one fault per check, so each check is seen to fire.
private struct FaultyModule: KPIModule {
    let name = "faulty"
    let version = "1.0"
    let summary = " "

    func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        func kpi(
            _ id: String, formula: String = "count(leads)", requirements: [FieldPath] = [], basis: FieldPath? = nil,
            exclusions: [KPIExclusion] = []
        ) -> FormulaKPI {
            FormulaKPI(
                id: id, title: "T", summary: "S", unit: .count, direction: .neutral, dateBasis: basis, requirements: requirements,
                formula: formula, exclusions: exclusions)
        }
        registrar.add(kpi("good", requirements: [FieldPath("leads", "lead_id")], basis: FieldPath("leads", "created_at")))
        registrar.add(kpi("empty_formula", formula: "  "))
        registrar.add(
            kpi(
                "typo",
                requirements: [
                    FieldPath("leads", "creatd_at"), FieldPath("own_table", "x"), FieldPath("leads", "lead_id"), FieldPath("leads", "lead_id"),
                ]))
        registrar.add(kpi("text_basis", basis: FieldPath("leads", "status")))
        registrar.add(kpi("no_condition", exclusions: [KPIExclusion(table: "leads", condition: "", description: "rows")]))
        registrar.add(kpi("Bad-Id"))
    }
}

/// A module whose registration throws.
private struct ThrowingModule: KPIModule {
    let name = "throwing"
    let version = "1.0.0"
    let summary = "Fails."
    func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        throw RegistryError(id: DiagnosticID("throwing.always"), message: "this module always fails")
    }
}

@Suite("Module conformance checks")
struct ModuleConformanceTests {
    @Test("every built-in module conforms, and its formulas parse and bind")
    func builtInsConform() {
        for module in BuiltInModules.all {
            #expect(ModuleConformance.problems(of: module) == [], "\(module.name)")
            #expect(FormulaConformance.problems(of: module) == [], "\(module.name)")
        }
    }

    @Test("each fault of a module is reported by its check")
    func faultsReported() {
        let problems = ModuleConformance.problems(of: FaultyModule())
        let found = Set(problems.map { "\($0.subject) \($0.check)" })
        #expect(
            found == [
                "module faulty module.version", "module faulty module.summary", "module faulty module.registry",
                "kpi empty_formula kpi.formula", "kpi typo kpi.requirements", "kpi text_basis kpi.date-basis",
                "kpi no_condition kpi.exclusions", "kpi Bad-Id kpi.id",
            ], "\(problems)")
        let typo = problems.filter { $0.subject == "kpi typo" }.map(\.message)
        #expect(
            typo == ["requirement leads.creatd_at: the canonical table leads has no field creatd_at", "requirement leads.lead_id is listed twice"])
    }

    @Test("a module that throws while registering, or clashes with the registry it joins, is reported")
    func registrationFailures() throws {
        #expect(ModuleConformance.problems(of: ThrowingModule()).map(\.check) == ["module.registers"])
        let clash = ModuleConformance.problems(of: BuiltInModules.all[0], alongside: try StandardRegistry.make())
        #expect(clash.map(\.check) == ["module.registry"], "\(clash)")
    }

    @Test("a formula that does not parse is reported by the formula checks")
    func formulaParse() {
        struct Broken: KPIModule {
            let name = "broken"
            let version = "1.0.0"
            let summary = "A bad formula."
            func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
                registrar.add(
                    FormulaKPI(
                        id: "oops", title: "Oops", summary: "S", unit: .count, direction: .neutral, dateBasis: nil,
                        requirements: [], formula: "count(leads where"))
            }
        }
        #expect(FormulaConformance.problems(of: Broken()).map(\.check) == ["kpi.formula-parses"])
    }

    @Test("expectConformance records one issue per problem")
    func expectRecords() {
        withKnownIssue {
            ModuleConformance.expectConformance(of: ThrowingModule())
        } matching: {
            $0.comments.contains { $0.rawValue.contains("[module.registers]") }
        }
    }
}
