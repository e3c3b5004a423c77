/// Words that mean "no value" where a number, date or truth value is expected.
///
/// Exports write a missing value as an empty cell, or as one of these words. In a column of
/// numbers, dates or booleans they are read as null (and listed as ``CellIssue/Kind/nullWord``);
/// in a text column that the schema does not type they stay as written, since `NA` can be a
/// region and `None` a real answer.
public struct NullWords: Sendable, Hashable {
    /// The built-in words, compared ignoring case after trimming spaces: `N/A`, `NA`, `-`,
    /// `NULL`, `None`, `#N/A`, `(blank)`, and the dashes `--`, `–`, `—`.
    public static let standardWords = ["n/a", "na", "-", "--", "\u{2013}", "\u{2014}", "null", "none", "#n/a", "(blank)"]

    /// The built-in words only.
    public static let standard = NullWords()

    private var keys: Set<String>

    /// The built-in words plus `extra` (a mapping's or the command line's).
    public init(extra: [String] = []) {
        keys = Set(NullWords.standardWords)
        for word in extra { keys.insert(NullWords.key(word)) }
    }

    /// Whether `text` (trimmed, any case) is one of the words. The empty string is not: it is
    /// an empty cell, not a word.
    public func contains<S: StringProtocol>(_ text: S) -> Bool {
        let k = NullWords.key(text)
        return !k.isEmpty && keys.contains(k)
    }

    /// All words, lower-cased and sorted (for reports and byte-level readers).
    public var words: [String] { keys.sorted() }

    static func key<S: StringProtocol>(_ text: S) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" || first == "\u{A0}" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\u{A0}" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars)).lowercased()
    }
}
