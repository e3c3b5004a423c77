import Foundation

/// The differences between what `kpi eval` printed for one spec id and what the reference computes.
///
/// Rows must be the same set of keys, in the same order unless the spec orders them by stage;
/// every figure of the case table must agree: counts, numerators and denominators exactly, other
/// figures within `relativeTolerance`, a null only with a null. Each rate the catalogue prints
/// must also have value = numerator / denominator (null when the denominator is 0).
struct CatalogComparison {
    static let relativeTolerance = 1e-9

    let conformanceCase: ConformanceCase
    let expected: ReferenceResult
    let actual: CatalogueResult

    var problems: [String] {
        guard actual.keyNames == expected.keyNames else {
            return ["grouped by \(actual.keyNames), the spec groups by \(expected.keyNames)"]
        }
        var out: [String] = []
        let expectedKeys = expected.rows.map(\.key)
        let actualKeys = actual.rows.map(\.key)
        let byKey = Dictionary(actual.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        if byKey.count != actual.rows.count { out.append("a key is listed twice") }
        let known = Set(expectedKeys)
        let missing = expectedKeys.filter { byKey[$0] == nil }
        let extra = actualKeys.filter { !known.contains($0) }
        if !missing.isEmpty { out.append("rows missing: \(Self.describe(missing))") }
        if !extra.isEmpty { out.append("rows not in the spec: \(Self.describe(extra))") }
        if missing.isEmpty, extra.isEmpty, !conformanceCase.isStageOrdered, actualKeys != expectedKeys {
            out.append("rows out of the spec's order: \(Self.describe(actualKeys))")
        }
        for row in expected.rows {
            guard let printed = byKey[row.key] else { continue }
            out += compare(row, printed)
        }
        for row in actual.rows { out += Self.rateProblems(row) }
        return out
    }

    private func compare(_ row: ReferenceResult.Row, _ printed: CatalogueResult.Row) -> [String] {
        let place = row.key.isEmpty ? "" : " at \(Self.describe([row.key]))"
        var out: [String] = []
        for check in conformanceCase.checks {
            let expectedNumber: Double?
            do {
                expectedNumber = try ReferenceResult.number(check.source, in: row)
            } catch {
                out.append("\(check.source)\(place): \(error)")
                continue
            }
            guard let number = printed.fields[check.field] else {
                out.append("no figure '\(check.field)'\(place) (spec: \(check.source))")
                continue
            }
            if !Self.agree(number, expectedNumber, exact: check.isExact) {
                out.append("\(check.field)\(place): \(Self.text(number)), expected \(Self.text(expectedNumber)) (spec: \(check.source))")
            }
        }
        return out
    }

    /// Every printed rate (a figure with `…numerator` and `…denominator` beside it) must be their quotient.
    static func rateProblems(_ row: CatalogueResult.Row) -> [String] {
        var out: [String] = []
        for (name, value) in row.fields.sorted(by: { $0.key < $1.key }) {
            guard let numerator = row.fields[CatalogueField.numerator(name)] ?? nil,
                let denominator = row.fields[CatalogueField.denominator(name)] ?? nil
            else { continue }
            let place = row.key.isEmpty ? "" : " at \(describe([row.key]))"
            if denominator == 0 {
                if value != nil { out.append("\(name)\(place) is \(text(value)) over a denominator of 0, expected null") }
            } else if let value, abs(value - numerator / denominator) <= 4 * (numerator / denominator).ulp {
                continue
            } else {
                out.append("\(name)\(place) is \(text(value)), not \(text(numerator)) / \(text(denominator))")
            }
        }
        return out
    }

    /// Exact figures equal; others within the relative tolerance; null only with null.
    static func agree(_ actual: Double?, _ expected: Double?, exact: Bool) -> Bool {
        guard let actual, let expected else { return actual == nil && expected == nil }
        if exact { return actual == expected }
        return abs(actual - expected) <= relativeTolerance * max(abs(actual), abs(expected))
    }

    static func text(_ value: Double?) -> String {
        guard let value else { return "null" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func describe(_ keys: [[String?]]) -> String {
        let shown = keys.prefix(8).map { "(" + $0.map { $0 ?? "null" }.joined(separator: ", ") + ")" }
        return shown.joined(separator: " ") + (keys.count > 8 ? " … \(keys.count) in all" : "")
    }
}
