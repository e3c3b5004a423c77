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
        let statement = try Session.parse(text)
        switch statement {
        case .goal(.report):
            return
        case .query(let query), .explain(let query):
            try bind(query, source: text)
        case .compare(let comparison):
            try bind(comparison.query, source: text)
        case .explainChange(let change):
            try bind(change.query, source: text)
        case .define, .kpi, .goal, .describe, .runRecipe:
            // Definitions only bind; goal changes are refused before this, and the shell's
            // statements are refused by the session.
            _ = try session.run(statement, source: text)
        }
    }

    private func bind(_ query: QuerySyntax, source: String) throws(SessionError) {
        do {
            _ = try Binder(environment: session.environment, source: source).plan(query)
        } catch {
            throw SessionError(.formula(error, source: source))
        }
    }
}
