/// A table of the canonical schema (`leads`, `activities`, ...) and the names it goes by.
public struct CanonicalTable: Sendable, Hashable {
    /// The canonical name.
    public var name: String
    /// Other names a loaded table may have to be taken as this one (`deals`, `contacts`).
    public var aliases: [String]
    /// The fields, in documentation order.
    public var fields: [CanonicalField]

    /// Creates a table.
    public init(_ name: String, aliases: [String] = [], fields: [CanonicalField]) {
        self.name = name
        self.aliases = aliases
        self.fields = fields
    }

    /// The field with this exact canonical name.
    public func field(named name: String) -> CanonicalField? {
        fields.first { $0.name == name }
    }

    /// The names of the required fields.
    public var requiredFieldNames: [String] { fields.filter(\.isRequired).map(\.name) }

    /// Whether a loaded table called `name` is this table: `.exact` for the canonical name (by
    /// key), `.alias` for an alias, `nil` otherwise.
    public func match(tableName name: String) -> TableNameMatch? {
        let key = SchemaName.key(name)
        if key == SchemaName.key(self.name) { return .exact }
        if aliases.contains(where: { SchemaName.key($0) == key }) { return .alias }
        return nil
    }
}

/// How a loaded table's name matched a canonical table.
public enum TableNameMatch: Sendable, Hashable, Comparable {
    /// The canonical name itself (ignoring case and punctuation).
    case exact
    /// One of the table's aliases.
    case alias
}
