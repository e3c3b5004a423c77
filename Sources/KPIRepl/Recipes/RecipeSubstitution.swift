import Foundation
import KPICore
import KPIFormula

/// A parameter with the value a run uses.
public struct BoundParameter: Sendable, Hashable {
    /// The declaration.
    public var parameter: RecipeParameter
    /// The value as given (quotes removed from text), for the report.
    public var value: String
    /// What `$name` becomes in statements; nil for a text parameter set to `all` (no filter).
    public var literal: String?
    /// Whether the value is the declared default.
    public var isDefault: Bool
    /// For a period that is one calendar month, quarter or year at the run's as-of: its label
    /// and the previous one's (`$p.label`, `$p.previous`).
    public var calendarLabels: (label: String, previous: String)?

    public static func == (a: Self, b: Self) -> Bool {
        a.parameter == b.parameter && a.value == b.value && a.literal == b.literal && a.isDefault == b.isDefault
            && a.calendarLabels?.label == b.calendarLabels?.label && a.calendarLabels?.previous == b.calendarLabels?.previous
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(parameter)
        hasher.combine(value)
    }
}

/// Checks a parameter value against its type and makes the literal statements get.
///
/// | type | accepts | written as |
/// |---|---|---|
/// | text | anything; `all` (unquoted) = no filter | a double-quoted string |
/// | number | `42`, `-3.5`, `1e3`, `25%` | the number |
/// | date | `2024-03-31` | the date |
/// | period | `2024-Q2`, `2024-10`, `last quarter`, `last 6 months`, `ytd`, `from 2024-01-01 to 2024-03-31` | as given |
/// | kpi | a catalogue KPI id | the id |
/// | field | a field or grain name (`source`, `leads.source`, `month`) | the name |
public enum RecipeValue {
    /// Words a period may contain besides numbers and dates.
    static let periodWords: Set<String> = [
        "last", "this", "from", "to", "day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years",
        "mtd", "qtd", "ytd", "wtd", "today", "yesterday",
    ]
    /// Words that are part of the language and cannot be bare field names.
    static let reserved: Set<String> = [
        "and", "or", "not", "in", "between", "is", "where", "by", "during", "of", "on", "as", "top", "bottom", "limit", "contains",
        "starts", "distinct", "let", "kpi", "true", "false", "null",
    ]

    /// Validates `raw` for `parameter`; `registry` (when given) must know a `kpi` value.
    /// Errors name the parameter (`recipe.bad-param`); their location is the parameter's line.
    public static func bind(
        _ parameter: RecipeParameter, to raw: String, registry: KPIRegistry?, isDefault: Bool = false
    ) throws(DataError) -> BoundParameter {
        func bad(_ message: String) -> DataError {
            DataError(
                id: .recipeBadParam, message: "parameter '\(parameter.name)' (\(parameter.type.rawValue)): \(message)", file: "param",
                line: parameter.line)
        }
        var value = raw.trimmingCharacters(in: .whitespaces)
        let literal: String?
        switch parameter.type {
        case .text:
            if let (unquoted, tail) = SourceText.quotedString(Substring(value)), tail.trimmingCharacters(in: .whitespaces).isEmpty {
                value = unquoted
                literal = SourceText.quoted(value)
            } else if value.lowercased() == "all" {
                value = "all"
                literal = nil
            } else {
                literal = SourceText.quoted(value)
            }
        case .number:
            let digits = value.hasSuffix("%") ? String(value.dropLast()) : value
            guard let number = Double(digits), number.isFinite, !digits.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) else {
                throw bad("'\(value)' is not a number (42, 3.5, 25%)")
            }
            literal = value
        case .date:
            guard let parsed = ISO8601.parse(value), !parsed.hasTime, value.count == 10 else {
                throw bad("'\(value)' is not a date (2024-03-31)")
            }
            literal = value
        case .period:
            let words = value.lowercased().split(separator: " ").map(String.init)
            let known = words.allSatisfy { word in
                periodWords.contains(word) || word.allSatisfy { $0.isNumber || $0 == "-" || $0 == "q" }
            }
            let parses = (try? Parser.parsePeriod(value)) != nil
            guard !words.isEmpty, known, parses else {
                throw bad("'\(value)' is not a period (2024-Q2, 2024-10, last quarter, last 6 months, from 2024-01-01 to 2024-03-31)")
            }
            literal = value
        case .kpi:
            guard RecipeText.isIdentifier(value) else { throw bad("'\(value)' is not a KPI id") }
            if let registry, registry.kpi(value) == nil {
                let hint = NameSuggester.suggest(value, among: registry.kpiIDs).map { " (did you mean '\($0)'?)" } ?? ""
                throw bad("no KPI '\(value)'\(hint)")
            }
            literal = value
        case .field:
            let parts = value.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ RecipeText.isIdentifier($0) }), !reserved.contains(value.lowercased()) else {
                throw bad("'\(value)' is not a field name (source, rep, leads.source)")
            }
            literal = value
        }
        return BoundParameter(parameter: parameter, value: value, literal: literal, isDefault: isDefault)
    }
}

/// A statement with its `$parameters` replaced, and how to map positions in it back to the text
/// as written (for error locations).
public struct RecipeSubstitution: Sendable, Hashable {
    /// The text to run.
    public var text: String
    /// The text as a person would write it, for reports: ``text`` without the always-true
    /// conditions an `all` parameter left (`… where true` → `…`).
    public var displayText: String = ""
    /// Replaced byte ranges: (in the new text, in the original).
    var replacements: [(new: Range<Int>, old: Range<Int>)] = []
    /// Where in ``text`` an `all` parameter left `true`.
    var alwaysTrue: [Range<Int>] = []

    public static func == (a: Self, b: Self) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Replaces every `$name` outside strings and comments.
    ///
    /// A text parameter set to `all` removes its filter: the comparison `FIELD = $name` becomes
    /// `true`. Used anywhere else it is an error, since no literal can mean "every value".
    /// ``displayText`` leaves the `true` out where that keeps the meaning.
    public static func apply(
        to statement: RecipeStatement, parameters: [String: BoundParameter], file: String
    ) throws(DataError) -> RecipeSubstitution {
        let bytes = Array(statement.text.utf8)
        var out: [UInt8] = []
        var result = RecipeSubstitution(text: "")
        var i = 0
        var quote: UInt8?
        func fail(_ id: DiagnosticID, _ message: String, at offset: Int) -> DataError {
            let (line, column) = location(of: offset, in: bytes, statement: statement)
            return DataError(id: id, message: message, file: file, line: line, column: column)
        }
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote {
                if b == q { quote = nil }
                out.append(b)
                i += 1
                continue
            }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "`") {
                quote = b
            } else if b == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") {
                    out.append(bytes[i])
                    i += 1
                }
                continue
            } else if b == UInt8(ascii: "$") {
                var j = i + 1
                while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
                let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                guard !name.isEmpty else { throw fail(.recipeSyntax, "'$' must be followed by a parameter name", at: i) }
                guard var bound = parameters[name] else {
                    let hint = NameSuggester.suggest(name, among: Array(parameters.keys)).map { " (did you mean '$\($0)'?)" } ?? ""
                    throw fail(.recipeUnknownParam, "no parameter '\(name)' is declared\(hint)", at: i)
                }
                for suffix in [".label", ".previous"] where bytes[j...].starts(with: Array(suffix.utf8)) {
                    let end = j + suffix.utf8.count
                    guard end == bytes.count || !isNameByte(bytes[end]) else { continue }
                    guard bound.parameter.type == .period, let labels = bound.calendarLabels else {
                        throw fail(
                            .recipeNotCalendarPeriod,
                            "'$\(name)\(suffix)' needs a period parameter that is one calendar month, quarter or year ('\(bound.value)' is not)",
                            at: i)
                    }
                    bound.literal = suffix == ".label" ? labels.label : labels.previous
                    j = end
                }
                var oldStart = i
                var newStart = out.count
                let replacement: [UInt8]
                if let literal = bound.literal {
                    replacement = Array(literal.utf8)
                } else {
                    guard let comparison = comparisonStart(in: out), let origin = originalOffset(of: comparison, in: result.replacements) else {
                        throw fail(
                            .recipeAllNeedsComparison,
                            "'$\(name)' is 'all' here, which only works in a comparison 'FIELD = $\(name)' (it becomes true)", at: i)
                    }
                    oldStart = origin
                    newStart = comparison
                    out.removeSubrange(comparison...)
                    replacement = Array("true".utf8)
                }
                out += replacement
                if bound.literal == nil { result.alwaysTrue.append(newStart..<out.count) }
                result.replacements.append((new: newStart..<out.count, old: oldStart..<j))
                i = j
                continue
            }
            out.append(b)
            i += 1
        }
        result.text = String(decoding: out, as: UTF8.self)
        result.displayText = readable(out, droppingAlwaysTrue: result.alwaysTrue)
        return result
    }

    /// Where `FIELD =` begins at the end of `text` (a name, dotted or back-quoted, then `=`).
    static func comparisonStart(in text: [UInt8]) -> Int? {
        var k = text.count
        while k > 0, text[k - 1] == UInt8(ascii: " ") || text[k - 1] == UInt8(ascii: "\t") { k -= 1 }
        guard k > 0, text[k - 1] == UInt8(ascii: "=") else { return nil }
        k -= 1
        if k > 0, [UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "=")].contains(text[k - 1]) { return nil }
        while k > 0, text[k - 1] == UInt8(ascii: " ") || text[k - 1] == UInt8(ascii: "\t") { k -= 1 }
        let end = k
        if k > 0, text[k - 1] == UInt8(ascii: "`") {
            k -= 1
            while k > 0, text[k - 1] != UInt8(ascii: "`") { k -= 1 }
            return k > 0 ? k - 1 : nil
        }
        while k > 0, isNameByte(text[k - 1]) || text[k - 1] == UInt8(ascii: ".") { k -= 1 }
        return k < end && !(text[k] >= UInt8(ascii: "0") && text[k] <= UInt8(ascii: "9")) ? k : nil
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }

    /// A byte offset of the new text as an offset in the text as written.
    static func originalOffset(of offset: Int, in replacements: [(new: Range<Int>, old: Range<Int>)]) -> Int? {
        var delta = 0
        for r in replacements {
            if offset < r.new.lowerBound { break }
            if offset < r.new.upperBound { return r.old.lowerBound }
            delta = r.old.upperBound - r.new.upperBound
        }
        return offset + delta
    }

    /// The file line and column of a byte offset into the statement as written.
    static func location(of offset: Int, in bytes: [UInt8], statement: RecipeStatement) -> (Int, Int) {
        let prefix = bytes.prefix(max(0, min(offset, bytes.count)))
        let newlines = prefix.filter { $0 == UInt8(ascii: "\n") }.count
        let lineStart = (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        let column = prefix.count - lineStart + 1
        return (statement.line + newlines, newlines == 0 ? statement.column + column - 1 : column)
    }

    /// Where a byte offset of the substituted text is in the file.
    public func location(of offset: Int, in statement: RecipeStatement) -> (line: Int, column: Int) {
        let original = Self.originalOffset(of: offset, in: replacements) ?? 0
        let (line, column) = Self.location(of: original, in: Array(statement.text.utf8), statement: statement)
        return (line, column)
    }
}
