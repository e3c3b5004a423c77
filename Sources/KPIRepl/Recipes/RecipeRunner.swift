import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// Runs a recipe on a session: binds its parameters (typed, validated), substitutes them into
/// each statement, runs the statements in order and collects a ``Report``.
///
/// A run is deterministic for the same data, parameters and as-of: nothing reads the wall clock.
/// `let` and `kpi` statements define names in the session, exactly as at the prompt. Statements
/// that change state outside the session — `goal …` (it may save the goals file) and
/// dot-commands — are refused, so a report never edits anything.
public struct RecipeRunner {
    /// The session statements run in.
    public let session: Session

    /// Creates a runner.
    public init(session: Session) { self.session = session }

    /// Every declared parameter with its value: from `values` (by name), else the default.
    /// Unknown names and values of the wrong type are errors naming the parameter.
    public func bind(_ recipe: Recipe, values: [String: String]) throws(DataError) -> [BoundParameter] {
        for name in values.keys.sorted() where recipe.parameter(name) == nil {
            let declared = recipe.parameters.map(\.name)
            let hint = NameSuggester.suggest(name, among: declared).map { " (did you mean '\($0)'?)" } ?? ""
            let list = declared.isEmpty ? "it has none" : "it has " + declared.joined(separator: ", ")
            throw DataError(id: .recipeUnknownParam, message: "the recipe has no parameter '\(name)'\(hint); \(list)", file: recipe.file)
        }
        var bound: [BoundParameter] = []
        for parameter in recipe.parameters {
            let given = values[parameter.name]
            do {
                bound.append(
                    try RecipeValue.bind(
                        parameter, to: given ?? parameter.defaultValue, registry: session.registry, isDefault: given == nil))
            } catch {
                // A bad default points at its declaration; a bad argument has no line to point at.
                throw DataError(id: error.id, message: error.message, file: recipe.file, line: given == nil ? parameter.line : nil)
            }
        }
        for index in bound.indices where bound[index].parameter.type == .period {
            bound[index].calendarLabels = RecipePeriods.labels(of: bound[index].value, in: session).map { (label: $0.0, previous: $0.1) }
        }
        return bound
    }

    /// Runs the recipe; the first failing statement stops the run with its file:line:column.
    public func run(
        _ recipe: Recipe, parameters values: [String: String] = [:], isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws(DataError) -> Report {
        let bound = try bind(recipe, values: values)
        let byName = Dictionary(bound.map { ($0.parameter.name, $0) }, uniquingKeysWith: { a, _ in a })
        var sections: [Report.Section] = [Report.Section(title: nil, items: [])]
        for item in recipe.items {
            switch item {
            case .section(let title, _):
                sections.append(Report.Section(title: title, items: []))
            case .note(let text, _):
                sections[sections.count - 1].items.append(.note(text))
            case .statement(let statement):
                let substituted = try RecipeSubstitution.apply(to: statement, parameters: byName, file: recipe.file)
                try Self.refuseSideEffects(substituted.text, statement: statement, file: recipe.file)
                let outcome: Session.Outcome
                do {
                    outcome = try session.run(substituted.text, isCancelled: isCancelled)
                } catch {
                    throw Self.located(error, substitution: substituted, statement: statement, file: recipe.file)
                }
                sections[sections.count - 1].items.append(.statement(entry(outcome, source: substituted.displayText, line: statement.line)))
            }
        }
        if sections[0].items.isEmpty && sections.count > 1 { sections.removeFirst() }
        return Report(
            title: recipe.title, description: recipe.description, recipe: recipe.file.split(separator: "/").last.map(String.init) ?? recipe.file,
            parameters: bound, asOf: session.asOf,
            sources: session.sources, sections: sections)
    }

    private func entry(_ outcome: Session.Outcome, source: String, line: Int) -> Report.Entry {
        switch outcome {
        case .result(let result, _):
            let title = result.kpiID.flatMap { session.registry.kpi($0)?.title }
            return Report.Entry(source: source, line: line, outcome: .result(result, title: title), goalTarget: goalTarget(for: result))
        case .compared(let comparison):
            return Report.Entry(source: source, line: line, outcome: .comparison(comparison))
        case .changeExplained(let explanation):
            return Report.Entry(source: source, line: line, outcome: .change(explanation))
        case .goalReport(let report):
            return Report.Entry(source: source, line: line, outcome: .goals(report))
        case .explained(_, let text):
            return Report.Entry(source: source, line: line, outcome: .plan(text))
        case .defined(let name):
            return Report.Entry(source: source, line: line, outcome: .definition("defined \(name)"))
        case .definedKPI(let id):
            return Report.Entry(source: source, line: line, outcome: .definition("defined KPI \(id)"))
        case .goalChanged(let change):
            // Refused before running; kept total so a new outcome cannot slip through silently.
            return Report.Entry(source: source, line: line, outcome: .definition(change.goal.statement))
        }
    }

    /// The target of the first team-wide goal on the result's KPI: a reference line for charts.
    /// Only for levels (rates, averages): a count's or sum's target is for the goal's whole
    /// period, so drawn beside monthly values it would mislead.
    private func goalTarget(for result: QueryResult) -> Double? {
        guard let id = result.kpiID, result.unit != .count, result.unit != .money else { return nil }
        return session.goalFile.goals.first { $0.kpi == id && $0.scope == nil }?.target
    }

    static func refuseSideEffects(_ text: String, statement: RecipeStatement, file: String) throws(DataError) {
        // A goal statement that does not parse is refused too: fixing it would not make it run.
        var changesGoals: Bool
        do {
            switch try Session.parse(text) {
            case .goal(.add), .goal(.edit), .goal(.remove): changesGoals = true
            default: changesGoals = false
            }
        } catch {
            changesGoals = error.id.domain == "goals"
        }
        if text.hasPrefix(".") || changesGoals {
            throw DataError(
                id: .recipeUnsupportedStatement,
                message:
                    "recipes run queries, let/kpi definitions, explain, compare, explain change and goals; '\(text.prefix(20))…' would change state outside the report",
                file: file, line: statement.line, column: statement.column)
        }
    }

    /// A session error as a `DataError` at the file position of the problem.
    static func located(_ error: SessionError, substitution: RecipeSubstitution, statement: RecipeStatement, file: String) -> DataError {
        switch error.kind {
        case .formula(let formulaError, let source):
            // Errors of a part of the statement (compare's query) carry that part as their source.
            let base =
                substitution.text.utf8.count >= source.utf8.count
                ? substitution.text.range(of: source).map { substitution.text.utf8.distance(from: substitution.text.startIndex, to: $0.lowerBound) }
                    ?? 0
                : 0
            let (line, column) = substitution.location(of: base + formulaError.range.start, in: statement)
            let hint = formulaError.suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            return DataError(
                id: formulaError.id, message: formulaError.message + hint, file: file, line: line, column: column, category: formulaError.category)
        case .data(let dataError):
            return dataError
        default:
            return DataError(
                id: error.id, message: error.render(), file: file, line: statement.line, column: statement.column, category: error.category)
        }
    }
}
