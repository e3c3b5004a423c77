import KPICore

extension QuerySyntax: ParsedFormula {}

/// The formula language's parser, for a ``KPIRegistry`` to parse KPI formulas with as they
/// register: a malformed formula is then a registration error naming the KPI and its module,
/// and the binder expands a KPI from the syntax kept in its entry instead of parsing its text
/// on every query.
public struct FormulaLanguage: FormulaParsing {
    /// The parser.
    public init() {}

    /// The formula parsed as a query (``Parser/parseQuery(_:)``).
    ///
    /// - Throws: ``FormulaError`` `formula.syntax` (or `formula.too-deep`).
    public func parse(_ formula: String) throws -> any ParsedFormula {
        try Parser.parseQuery(formula)
    }

    /// The language's own function names and keywords (``FormulaVocabulary``): a module's
    /// function may take none of them.
    public var reservedNames: Set<String> {
        Set(FormulaVocabulary.functions.map(\.name)).union(FormulaVocabulary.keywords)
    }
}

extension KPIRegistry {
    /// The parsed formula of the KPI with this id: the one kept at registration, else (in a
    /// registry made without ``FormulaLanguage``) the formula parsed now.
    ///
    /// - Throws: ``FormulaError`` when a formula kept as text does not parse.
    func formulaSyntax(of kpi: any KPI) throws(FormulaError) -> QuerySyntax {
        if let parsed = entry(for: kpi.id)?.parsedFormula as? QuerySyntax { return parsed }
        return try Parser.parseQuery(kpi.formula)
    }
}
