import KPICore

/// The built-in KPI modules, registered through the same path a plugin uses.
public enum BuiltInModules {
    /// Every built-in module, in registration order.
    public static let all: [any KPIModule] = [LeadManagementModule(), SalesModule(), CustomerModule(), FinanceModule()]

    /// Registers every built-in module into `registry` with origin ``Origin/builtIn``.
    public static func register(into registry: inout KPIRegistry) throws(RegistryError) {
        for module in all { try registry.register(module, origin: .builtIn) }
    }
}

/// Shorthand for catalogue entries. `requires` lists exactly the fields the formula reads, as
/// `"leads.status leads.amount"`; the date basis is `basis` and is listed only when the formula
/// reads it too, so data without dates still gets totals and groups (`CatalogTests` checks the
/// lists against the bound formulas). `excluding` lists the rows the formula leaves out, so that
/// results can say how many.
func define(
    _ id: String, _ title: String, unit: Unit, _ direction: Direction, basis: String?, requires: String, formula: String,
    summary: String, excluding exclusions: [KPIExclusion] = []
) -> FormulaKPI {
    FormulaKPI(
        id: id, title: title, summary: summary, unit: unit, direction: direction, dateBasis: basis.flatMap(FieldPath.init),
        requirements: requires.split(separator: " ").compactMap { FieldPath(String($0)) }, formula: formula,
        exclusions: exclusions)
}
