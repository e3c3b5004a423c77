import KPICore

/// A half-open range of UTF-8 byte offsets into a formula's source text.
public struct SourceRange: Sendable, Hashable {
    /// The first byte.
    public var start: Int
    /// One past the last byte.
    public var end: Int

    /// Creates a range.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// An error in a formula: lexing, parsing, an unknown name, a unit or type mismatch.
///
/// It is data: a stable ``id`` (`formula.unknown-field`), a message, the span it concerns and an
/// optional suggestion. ``render(source:label:)`` prints the source line with carets under the span.
public struct FormulaError: Diagnostic, Hashable {
    public static func == (a: FormulaError, b: FormulaError) -> Bool {
        a.id == b.id && a.message == b.message && a.range == b.range && a.suggestion == b.suggestion
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(message)
    }

    /// A stable identifier: `formula.syntax`, `formula.unknown-name`, `formula.unknown-field`,
    /// `formula.unknown-table`, `formula.unknown-function`, `formula.type`, `formula.unit`,
    /// `formula.unavailable`, `formula.arity`, `formula.no-date`, `formula.no-link`,
    /// `formula.ambiguous-field`, `formula.ambiguous-link`, `formula.empty-period`,
    /// `formula.period-out-of-range`, `formula.too-deep` (see ``NestingLimit``).
    public var id: DiagnosticID
    /// What is wrong, and what was expected.
    public var message: String
    /// Where, in UTF-8 byte offsets of the source.
    public var range: SourceRange
    /// A nearby known name, shown as "did you mean ...?".
    public var suggestion: String?
    /// Whether ``range`` points into the text the user typed (not into an expanded KPI's formula).
    var isInUserText = false
    /// Whether ``message`` names the KPI it is about, so an error from inside an expanded KPI is
    /// pointed at the KPI's name without repeating its formula.
    var namesItsKPI = false

    /// Creates an error.
    public init(id: DiagnosticID, message: String, range: SourceRange, suggestion: String? = nil) {
        self.id = id
        self.message = message
        self.range = range
        self.suggestion = suggestion
    }

    /// A formula error is the statement's: always ``DiagnosticCategory/statement``.
    public var category: DiagnosticCategory { .statement }

    public var description: String {
        DiagnosticText.line(id, message + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
    }

    /// The error with the source line and a caret line under the span:
    ///
    /// ```
    /// error[formula.unknown-field]: unknown field 'sorce' in leads
    ///  --> formula:1:23
    ///   |
    /// 1 | conversion_rate where sorce = "Web"
    ///   |                       ^^^^^ did you mean 'source'?
    /// ```
    ///
    /// `lineOffset` is the number of input lines before `source`, when it is one statement of a
    /// longer input (a batch script): the location and gutter then give the line in that input.
    public func render(source: String, label: String = "formula", lineOffset: Int = 0) -> String {
        DiagnosticText.snippet(
            id, message, source: source, start: range.start, end: range.end, label: label, lineOffset: lineOffset,
            note: suggestion.map { "did you mean '\($0)'?" })
    }
}

/// Finds the known name closest to a misspelt one, by edit distance with a floor.
public enum NameSuggester {
    /// The best candidate within a distance of about a third of the name's length (at least 1, at most 3).
    ///
    /// A candidate whose length differs by more than that limit cannot be that close, so it is
    /// skipped before any distance is computed: a megabyte of garbage costs one length check per
    /// candidate, not a megabyte-by-name table.
    public static func suggest(_ name: String, among candidates: [String]) -> String? {
        let lowered = Array(name.lowercased())
        let limit = min(3, max(1, lowered.count / 3))
        var best: (String, Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            guard abs(other.count - lowered.count) <= limit else { continue }
            let d = distance(lowered, other)
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        return best?.0
    }

    /// Levenshtein distance over characters.
    public static func distance(_ a: String, _ b: String) -> Int { distance(Array(a), Array(b)) }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
