import KPICore
import KPIEngine
import KPIFormula

/// What a recipe run produced: the header, the parameters and as-of used, and each section's
/// notes and statement results, typed (renderers decide how they look).
public struct Report: Sendable {
    /// The recipe's title.
    public var title: String
    /// The recipe's description.
    public var description: String
    /// The recipe file (or name) that ran.
    public var recipe: String
    /// Every parameter with the value used, in declaration order.
    public var parameters: [BoundParameter]
    /// The as-of instant relative periods counted from (ms since the epoch, UTC).
    public var asOf: Int64
    /// Where the data came from (`demo`, paths).
    public var sources: [String]
    /// The sections, in order; statements before the first `section` form an untitled one.
    public var sections: [Section]

    /// A heading with its notes and results.
    public struct Section: Sendable {
        /// The heading; nil for the part before the first `section`.
        public var title: String?
        /// Notes and statements, in recipe order.
        public var items: [Item]
    }

    /// One element of a section.
    public enum Item: Sendable {
        /// A paragraph.
        case note(String)
        /// A statement and what it gave.
        case statement(Entry)
    }

    /// A statement as run (parameters substituted) and its typed outcome.
    public struct Entry: Sendable {
        /// The statement that ran, as a person would write it: parameters substituted, and the
        /// always-true condition of an `all` parameter left out (``RecipeSubstitution/displayText``).
        public var source: String
        /// The recipe line it came from.
        public var line: Int
        /// What it produced.
        public var outcome: Outcome
        /// The target of a goal set for this result's KPI over the whole team, for charts.
        public var goalTarget: Double?
    }

    /// The typed outcome of a statement.
    public enum Outcome: Sendable {
        /// A query's result.
        case result(QueryResult, title: String?)
        /// `compare … vs …`.
        case comparison(PeriodComparison)
        /// `explain change …`.
        case change(ChangeExplanation)
        /// `goals`.
        case goals(GoalReport)
        /// `explain QUERY`: the plan as text.
        case plan(String)
        /// `let` / `kpi`: what was defined.
        case definition(String)
    }

    /// The as-of instant as an ISO 8601 date (or timestamp when it is not the end of a day).
    public var asOfText: String {
        let endOfDay = (asOf + 1) % Time.millisecondsPerDay == 0
        return endOfDay ? ISO8601.formatDate(milliseconds: asOf) : ISO8601.format(milliseconds: asOf)
    }
}
