/// A lexical token of the formula language.
public struct Token: Sendable, Hashable {
    /// What kind of token.
    public enum Kind: Sendable, Hashable {
        /// A name: a field, table, KPI, function or keyword (`source`, `count`, `where`).
        case identifier(String)
        /// A back-quoted name (`` `Deal Owner` ``): never a keyword.
        case quotedIdentifier(String)
        /// A number (`42`, `3.5`).
        case number(Double, isInteger: Bool)
        /// A percentage (`25%` is 0.25).
        case percent(Double)
        /// A duration in seconds (`48h`, `7d`, `30min`).
        case duration(seconds: Double, unit: String)
        /// A string literal.
        case string(String)
        /// A date `2024-03-01` or a timestamp `2024-03-01T10:00:00Z`, in milliseconds.
        case instant(milliseconds: Int64, hasTime: Bool)
        /// A month `2024-10`.
        case month(year: Int, month: Int)
        /// A quarter `2024-Q3`.
        case quarter(year: Int, quarter: Int)
        /// An operator or punctuation: `+ - * / ( ) , = != < <= > >= .`.
        case symbol(String)
        /// The end of input.
        case end
    }

    /// The kind and payload.
    public var kind: Kind
    /// Where it is, in UTF-8 byte offsets.
    public var range: SourceRange

    /// Creates a token.
    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The identifier's lower-cased text when this is an unquoted identifier (keywords are matched this way).
    public var keyword: String? {
        if case .identifier(let name) = kind { return name.lowercased() }
        return nil
    }

    /// Whether this is the symbol `s`.
    public func isSymbol(_ s: String) -> Bool {
        if case .symbol(let t) = kind { return t == s }
        return false
    }

    /// Whether this is the (unquoted) keyword `word`.
    public func isKeyword(_ word: String) -> Bool { keyword == word }
}
