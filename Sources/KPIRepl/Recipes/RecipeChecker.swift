import KPICore
import KPIEngine
import KPIFormula

/// Checks a recipe before anything runs: parameters bind (defaults, or the given values), every
/// statement substitutes, parses and plans — unknown KPIs, fields and unit errors surface with
/// file:line:column — and nothing is executed against the data.
///
/// `let` and `kpi` statements are defined in the session as they go (they only bind), so later
/// statements that use them check too.
public struct RecipeChecker {
    /// The session whose registry and data statements are planned against.
    public let session: Session

    /// Creates a checker.
    public init(session: Session) { self.session = session }

    /// Every problem found, in file order; empty when the recipe is ready to run.
    public func check(_ recipe: Recipe, parameters values: [String: String] = [:]) -> [DataError] {
        let runner = RecipeRunner(session: session)
        let bound: [BoundParameter]
        do {
            bound = try runner.bind(recipe, values: values)
        } catch {
            return [error]
        }
        let byName = Dictionary(bound.map { ($0.parameter.name, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [DataError] = []
        for statement in recipe.statements {
            do throws(DataError) {
                let substituted = try RecipeSubstitution.apply(to: statement, parameters: byName, file: recipe.file)
                try RecipeRunner.refuseSideEffects(substituted.text, statement: statement, file: recipe.file)
                do {
                    try plan(substituted.text)
                } catch {
                    throw RecipeRunner.located(error, substitution: substituted, statement: statement, file: recipe.file)
                }
            } catch {
                problems.append(error)
            }
        }
        return problems
    }

    /// Plans a statement without running it: for `compare` and `explain change`, their query.
    private func plan(_ text: String) throws(SessionError) {
        let lowered = text.lowercased()
        if lowered == "goals" || lowered.hasPrefix("goals ") { return }
        if lowered.hasPrefix("compare ") {
            guard let vs = lowered.range(of: " vs ", options: .backwards) else {
                throw Self.syntax("expected 'compare QUERY vs previous|last year|N periods ago|team|goal'", in: text)
            }
            try planQuery(String(text[text.index(text.startIndex, offsetBy: 8)..<vs.lowerBound]), within: text)
            return
        }
        if lowered.hasPrefix("explain change ") {
            guard let from = lowered.range(of: " from ", options: .backwards) else {
                throw Self.syntax("end with 'from PERIOD to PERIOD', e.g. from 2024-Q1 to 2024-Q2", in: text)
            }
            try planQuery(String(text[text.index(text.startIndex, offsetBy: 15)..<from.lowerBound]), within: text)
            return
        }
        let statement: Statement
        do {
            statement = try Parser.parseStatement(text)
        } catch {
            throw SessionError(.formula(error, source: text))
        }
        switch statement {
        case .query(let query), .explain(let query):
            try bind(query, source: text)
        case .define, .kpi:
            _ = try session.run(text)
        }
    }

    private func planQuery(_ queryText: String, within text: String) throws(SessionError) {
        let query: QuerySyntax
        do {
            query = try Parser.parseQuery(queryText)
        } catch {
            throw SessionError(.formula(error, source: queryText))
        }
        try bind(query, source: queryText)
    }

    private func bind(_ query: QuerySyntax, source: String) throws(SessionError) {
        do {
            _ = try Binder(environment: session.environment, source: source).plan(query)
        } catch {
            throw SessionError(.formula(error, source: source))
        }
    }

    private static func syntax(_ message: String, in text: String) -> SessionError {
        SessionError(.formula(FormulaError(id: "recipe.syntax", message: message, range: SourceRange(0, text.utf8.count)), source: text))
    }
}
