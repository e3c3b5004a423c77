/// What one row of a table is called in prose: `1 lead has`, `12 stage changes have`.
public struct RowNoun: Sendable, Hashable {
    /// For one row (`survey answer`).
    public var singular: String
    /// For several (`survey answers`).
    public var plural: String

    /// Creates a noun.
    public init(_ singular: String, _ plural: String) {
        self.singular = singular
        self.plural = plural
    }

    /// The noun for `count` rows.
    public func callingRows(_ count: Int) -> String { count == 1 ? singular : plural }
}
