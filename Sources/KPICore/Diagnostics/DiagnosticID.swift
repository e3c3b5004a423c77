/// The stable identifier of a diagnostic: `domain.kebab-case`, as in `error[csv.stray-quote]`.
///
/// Ids are part of KPIKit's interface — tests, docs and scripts cite them — so each one the code
/// raises is a named constant, declared beside its owner (`DiagnosticID.csvStrayQuote` in
/// KPIAdapters, `DiagnosticID.formulaUnknownField` in KPIFormula). A plugin makes its own:
/// `DiagnosticID("xlsx.bad-zip")`. A string literal is one too, so a test can pin the text users
/// see (`#expect(error.id == "csv.ragged-row")`); the sources name the constants instead, which
/// `DiagnosticIDTests` checks.
public struct DiagnosticID: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as users see it: `csv.stray-quote`.
    public let rawValue: String

    /// Creates an id from its text; see ``isWellFormed`` for the shape it should have.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates an id from its text: `DiagnosticID("xlsx.bad-zip")`.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The part before the first dot: `csv` for `csv.stray-quote`.
    public var domain: String { String(rawValue.prefix { $0 != "." }) }

    /// Whether the id reads `domain.kebab-case`: one dot between a domain and a name, each made
    /// of words of lowercase ASCII letters and digits joined by single hyphens (`xlsx.bad-zip`).
    public var isWellFormed: Bool {
        let parts = rawValue.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let isWord: (Substring) -> Bool = { word in
            !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
        return parts.allSatisfy { $0.split(separator: "-", omittingEmptySubsequences: false).allSatisfy(isWord) }
    }

    /// Creates an id from a literal: `"csv.ragged-row"`.
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (a: DiagnosticID, b: DiagnosticID) -> Bool { a.rawValue < b.rawValue }
}
