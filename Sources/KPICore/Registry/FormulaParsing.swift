/// A KPI's formula as the formula layer parsed it.
///
/// KPICore holds formulas as text: their syntax belongs to the layer above (KPIFormula's
/// `QuerySyntax` conforms), which hands the registry a ``FormulaParsing`` to parse with.
public protocol ParsedFormula: Sendable {}

/// Parses KPI formulas as they register, so that a malformed formula is a registration error
/// naming the KPI and its module, and binding reads the parsed formula instead of parsing the
/// text on every query.
///
/// ```swift
/// var registry = KPIRegistry(formulas: FormulaLanguage())   // KPIFormula's parser
/// try BuiltInModules.register(into: &registry)
/// registry.entry(for: "win_rate")?.parsedFormula             // parsed once, here
/// ```
public protocol FormulaParsing: Sendable {
    /// The syntax of `formula`.
    ///
    /// - Throws: an error whose description says what is wrong, and where in the formula.
    func parse(_ formula: String) throws -> any ParsedFormula

    /// The names a module's function may not take: the language's own functions and keywords.
    var reservedNames: Set<String> { get }
}

extension FormulaParsing {
    /// No reserved names: a parser that does not say which names are its own cannot have them
    /// checked at registration.
    public var reservedNames: Set<String> { [] }
}
