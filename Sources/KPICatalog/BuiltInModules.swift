import KPICore
import KPIFormula

/// The built-in KPI modules, registered through the same path a plugin uses.
public enum BuiltInModules {
    /// Every built-in module, in registration order.
    public static let all: [any KPIModule] = [LeadManagementModule(), SalesModule(), CustomerModule(), FinanceModule()]

    /// Registers every built-in module into `registry` with origin ``Origin/builtIn``.
    public static func register(into registry: inout KPIRegistry) throws(RegistryError) {
        for module in all { try registry.register(module, origin: .builtIn) }
    }

    /// An empty registry that parses each KPI's formula as it registers (``FormulaLanguage``):
    /// a malformed formula is a registration error naming the KPI and its module, and binding
    /// expands KPIs from the syntax kept in their entries.
    public static func makeRegistry() -> KPIRegistry { KPIRegistry(formulas: FormulaLanguage()) }
}

/// Shorthand for catalogue entries. `requires` lists exactly the fields the formula reads, as
/// `"leads.status leads.amount"`; the date basis is `basis` and is listed only when the formula
/// reads it too, so data without dates still gets totals and groups (`CatalogTests` checks the
/// lists against the bound formulas). `excluding` lists the rows the formula leaves out, so that
/// results can say how many.
///
/// - Throws: ``RegistryError`` `registry.invalid-field`, naming the KPI, for a basis or a
///   requirement that is not `table.field`; the registry names the module.
func define(
    _ id: String, _ title: String, unit: Unit, _ direction: Direction, basis: String?, requires: String, formula: String,
    summary: String, excluding exclusions: [KPIExclusion] = []
) throws(RegistryError) -> FormulaKPI {
    func path(_ text: String, _ role: String) throws(RegistryError) -> FieldPath {
        guard let path = FieldPath(text) else {
            throw RegistryError(
                id: .registryInvalidField, message: "KPI '\(id)' has \(role) '\(text)', which is not a field path such as leads.status")
        }
        return path
    }
    var dateBasis: FieldPath?
    if let basis { dateBasis = try path(basis, "the date basis") }
    var requirements: [FieldPath] = []
    for text in requires.split(separator: " ") { requirements.append(try path(String(text), "a requirement")) }
    return FormulaKPI(
        id: id, title: title, summary: summary, unit: unit, direction: direction, dateBasis: dateBasis,
        requirements: requirements, formula: formula, exclusions: exclusions)
}
