import Foundation
import KPICore

/// The functions and keywords of the formula language, in one place: the binder checks calls
/// against it, the shell completes and explains from it (`? percentile`, `.help functions`), and
/// docs/formula-language.md lists it (a test keeps the page equal to ``markdownTable``).
///
/// ``functions`` are the built-ins; ``functions(with:)`` adds the functions the registry's
/// Swift modules define, which is what a session's shell offers.
public enum FormulaVocabulary {
    /// One function of the language.
    public struct Function: Sendable, Hashable {
        /// Where a function may be called, which decides what its arguments are.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// Over the rows of a table, to one value per group: `count`, `avg`, `share`.
            case aggregate
            /// Row by row, inside an aggregate's argument or a condition: `days_between`.
            case row
            /// Row by row, looking at the next row of the same key: `next`.
            case window
            /// Over the periods of a series: `previous`.
            case series
            /// A condition on linked rows, written `exists TABLE(C)`, not called with brackets.
            case predicate
        }

        /// The name, lower case.
        public var name: String
        public var kind: Kind
        /// How many arguments a call takes (`coalesce` takes any number from 1).
        public var arity: ClosedRange<Int>
        /// The call's shape: `percentile(x, p)`.
        public var signature: String
        /// What it computes, in a sentence.
        public var summary: String
        /// A formula that uses it and runs on the demo data.
        public var example: String
        /// The function this one is another name for (`mean` → `avg`).
        public var aliasOf: String?
        /// The module that defines it; `nil` for the language's own.
        public var module: String? = nil

        /// ``summary``, followed by the function it is another name for, written by `name`
        /// (in code font for Markdown, plain for the shell).
        public func summaryNamingAlias(_ name: (String) -> String = { $0 }) -> String {
            aliasOf.map { "\(summary) Same as \(name($0))." } ?? summary
        }

        /// Creates an entry.
        public init(
            _ name: String, _ kind: Kind, arity: ClosedRange<Int>, signature: String, summary: String, example: String,
            aliasOf: String? = nil
        ) {
            self.name = name
            self.kind = kind
            self.arity = arity
            self.signature = signature
            self.summary = summary
            self.example = example
            self.aliasOf = aliasOf
        }
    }

    /// Every function, in the order the documentation lists them.
    public static let functions: [Function] = [
        Function(
            "count", .aggregate, arity: 1...1, signature: "count(TABLE [where C]) | count(x) | count(distinct x)",
            summary: "Rows of a table, non-null values of x, or distinct values of x.",
            example: "count(leads where status = \"won\") by source"),
        Function(
            "count_distinct", .aggregate, arity: 1...1, signature: "count_distinct(x)",
            summary: "Distinct non-null values of x: count(distinct x).", example: "count_distinct(rep) of leads"),
        Function(
            "sum", .aggregate, arity: 1...1, signature: "sum(x)", summary: "Sum of the non-null values (0 over no rows).",
            example: "sum(amount) of leads where status = \"won\""),
        Function(
            "avg", .aggregate, arity: 1...1, signature: "avg(x)", summary: "Mean of the non-null values, with a 95% interval.",
            example: "avg(hours_between(created_at, first_contact_at)) of leads by rep"),
        Function(
            "mean", .aggregate, arity: 1...1, signature: "mean(x)", summary: "Mean of the non-null values, with a 95% interval.",
            example: "mean(amount) of leads", aliasOf: "avg"),
        Function(
            "median", .aggregate, arity: 1...1, signature: "median(x)", summary: "The middle value (linear interpolation).",
            example: "median(days_between(created_at, closed_at)) of leads where status = \"won\""),
        Function(
            "percentile", .aggregate, arity: 2...2, signature: "percentile(x, p)", summary: "The p-quantile, p in 0…1 or a percent.",
            example: "percentile(amount, 90%) of leads where status = \"won\""),
        Function(
            "min", .aggregate, arity: 1...1, signature: "min(x)", summary: "Smallest value (dates stay dates).", example: "min(created_at) of leads"),
        Function(
            "max", .aggregate, arity: 1...1, signature: "max(x)", summary: "Largest value (dates stay dates).", example: "max(closed_at) of leads"),
        Function(
            "first", .aggregate, arity: 1...1, signature: "first(x)", summary: "The number at the earliest date basis (ties: the first row).",
            example: "first(amount) of leads by rep"),
        Function(
            "last", .aggregate, arity: 1...1, signature: "last(x)", summary: "The number at the latest date basis (ties: the last row).",
            example: "last(amount) of leads by rep"),
        Function(
            "share", .aggregate, arity: 2...2, signature: "share(TABLE [where D], C)",
            summary: "A rate: rows matching C over all rows; keeps numerator, denominator and its interval.",
            example: "share(leads where status in (\"won\", \"lost\"), status = \"won\") by rep"),
        Function(
            "seconds_between", .row, arity: 2...2, signature: "seconds_between(a, b)", summary: "b − a in seconds.",
            example: "avg(seconds_between(created_at, first_contact_at)) of leads"),
        Function(
            "minutes_between", .row, arity: 2...2, signature: "minutes_between(a, b)", summary: "b − a in minutes (exact, fractional).",
            example: "avg(minutes_between(created_at, first_contact_at)) of leads"),
        Function(
            "hours_between", .row, arity: 2...2, signature: "hours_between(a, b)", summary: "b − a in hours (exact, fractional).",
            example: "avg(hours_between(created_at, first_contact_at)) of leads"),
        Function(
            "days_between", .row, arity: 2...2, signature: "days_between(a, b)",
            summary:
                "b − a in days: whole calendar days when either side is a date (a close date against a created-at timestamp), else exact and fractional.",
            example: "avg(days_between(created_at, closed_at)) of leads where status = \"won\""),
        Function(
            "lower", .row, arity: 1...1, signature: "lower(text)", summary: "Text in lower case.",
            example: "count(leads where lower(source) = \"referral\")"),
        Function(
            "upper", .row, arity: 1...1, signature: "upper(text)", summary: "Text in upper case.",
            example: "count(leads where upper(source) = \"REFERRAL\")"),
        Function("abs", .row, arity: 1...1, signature: "abs(x)", summary: "The absolute value.", example: "avg(abs(amount)) of leads"),
        Function(
            "coalesce", .row, arity: 1...Int.max, signature: "coalesce(a, b, …)", summary: "The first non-null number.",
            example: "avg(coalesce(duration_minutes, 0)) of activities"),
        Function(
            "next", .window, arity: 2...3, signature: "next(field, key [, tie-break])",
            summary: "The field's value in the next row of the same key, ordered by the field (ties by the third argument, text in funnel order).",
            example: "avg(days_between(entered_at, next(entered_at, lead_id, stage))) of stage_history by stage"),
        Function(
            "previous", .series, arity: 1...1, signature: "previous(X)", summary: "X in the previous period of a time series (null for the first).",
            example: "(count(leads) - previous(count(leads))) / previous(count(leads)) by month"),
        Function(
            "exists", .predicate, arity: 1...1, signature: "exists TABLE(C)",
            summary: "A linked row (through the tables' shared key) matching C exists.",
            example: "count(leads where exists activities(type = \"meeting\"))"),
    ]

    /// The built-in functions followed by those the registry's modules define, in registration order.
    public static func functions(with registry: KPIRegistry) -> [Function] {
        functions + registry.functions.map(Function.init(moduleFunction:))
    }

    /// The built-in function called `name` (any case).
    public static func function(named name: String) -> Function? {
        let key = name.lowercased()
        return functions.first { $0.name == key }
    }

    /// The names of the functions of one kind.
    public static func names(of kind: Function.Kind) -> Set<String> {
        Set(functions.filter { $0.kind == kind }.map(\.name))
    }

    /// Words with a meaning of their own in formulas and statements, besides function names.
    public static let keywords: [String] = [
        "and", "or", "not", "in", "between", "is", "null", "true", "false", "contains", "starts", "with", "exists",
        "where", "by", "of", "on", "as", "during", "from", "to", "last", "this", "ytd", "qtd", "mtd",
        "day", "week", "month", "quarter", "year", "top", "bottom", "limit", "order", "asc", "desc", "distinct",
        "let", "kpi", "unit", "higher", "lower", "explain", "compare", "vs", "previous", "periods", "ago", "goal", "goals",
        "change",
    ]

    /// The built-in functions as the Markdown table docs/formula-language.md shows (module
    /// functions belong to their modules' documentation).
    public static var markdownTable: String {
        var lines = ["| function | kind | what it computes | example |", "|---|---|---|---|"]
        for function in functions {
            let summary = function.summaryNamingAlias { "`\($0)`" }
            let cells = [
                "`\(function.signature.replacingOccurrences(of: "|", with: "\\|"))`", function.kind.rawValue,
                summary.replacingOccurrences(of: "|", with: "\\|"), "`\(function.example.replacingOccurrences(of: "|", with: "\\|"))`",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}

extension FormulaVocabulary.Function {
    /// The entry of a module's function: its signature names the parameter types.
    init(moduleFunction entry: KPIRegistry.FunctionEntry) {
        let function = entry.function
        self.init(
            function.name, function.kind == .row ? .row : .aggregate, arity: function.parameters.count...function.parameters.count,
            signature: function.signature, summary: function.summary, example: function.example)
        module = entry.module
    }
}
