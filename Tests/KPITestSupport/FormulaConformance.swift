import KPICore
import KPIFormula
import KPIKitTesting

/// The conformance checks that need the formula language: every KPI formula and exclusion
/// condition of a module parses, and the KPI binds on the canonical schema (by month when it
/// has a date basis).
///
/// Kept here rather than in `KPIKitTesting` because `KPIFormula` is not public API: plugins
/// depend on `KPICore` alone, and so must the checks they run. The repository's own plugin tests
/// run these in addition.
public enum FormulaConformance {
    /// Every problem found; empty when all formulas parse and bind.
    ///
    /// - Parameter extraTables: empty tables of the module's own, outside the canonical schema,
    ///   with the columns its KPIs read (typed), so those KPIs can bind too.
    public static func problems(of module: any KPIModule, extraTables: [Table] = []) -> [ConformanceProblem] {
        var registrar = ModuleRegistrar()
        var registry = KPIRegistry()
        do {
            try module.register(in: &registrar)
            try registry.register(module, origin: .swiftPlugin(target: module.name))
        } catch {
            return [ConformanceProblem(check: "module.registers", subject: "module \(module.name)", message: "\(error)")]
        }
        var dataset = Dataset()
        for table in CanonicalSchema.standard.tables {
            dataset.insert(
                Table(name: table.name, columns: table.fields.map { Column(name: $0.name, type: $0.type.storage ?? .text, values: []) }, rowCount: 0))
        }
        for table in extraTables { dataset.insert(table) }
        let environment = FormulaEnvironment(dataset: dataset, registry: registry, asOf: 0)
        var problems: [ConformanceProblem] = []
        for kpi in registrar.kpis {
            func add(_ check: String, _ message: String) {
                problems.append(ConformanceProblem(check: check, subject: "kpi \(kpi.id)", message: message))
            }
            do {
                _ = try Parser.parseQuery(kpi.formula)
            } catch {
                add("kpi.formula-parses", "the formula does not parse: \(error)")
                continue
            }
            for exclusion in kpi.exclusions {
                do { _ = try Parser.parseQuery(exclusion.condition) } catch {
                    add("kpi.exclusion-parses", "the exclusion '\(exclusion.condition)' does not parse: \(error)")
                }
            }
            // By month when it has a date basis, as growth KPIs (`previous(...)`) only bind on a series.
            let query = kpi.dateBasis == nil ? kpi.id : kpi.id + " by month"
            do {
                _ = try Binder(environment: environment, source: query).plan(try Parser.parseQuery(query))
            } catch {
                add("kpi.formula-binds", "the KPI does not bind on the canonical schema: \(error)")
            }
        }
        return problems
    }
}
