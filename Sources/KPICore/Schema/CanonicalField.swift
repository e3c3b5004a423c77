/// One name a canonical field is known by in some vendor's export, and how that vendor spells
/// the field's values.
public struct FieldAlias: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name as the vendor writes it (`Create Date`, `Deal - Source channel`).
    public var name: String
    /// The vendor's value words for this column, if they differ from the field's own.
    public var vocabulary: ValueVocabulary?

    /// Creates an alias.
    public init(_ name: String, vocabulary: ValueVocabulary? = nil) {
        self.name = name
        self.vocabulary = vocabulary
    }

    /// An alias without a vocabulary of its own.
    public init(stringLiteral name: String) {
        self.init(name)
    }

    /// The alias's comparison key (see ``SchemaName/key(_:)``).
    public var key: String { SchemaName.key(name) }

    /// The alias as written.
    public var description: String { name }
}

/// A field of a canonical table: its name, type, whether KPIs need it, and its vendor aliases.
public struct CanonicalField: Sendable, Hashable {
    /// The canonical name (`created_at`).
    public var name: String
    /// The type a bound column is coerced to.
    public var type: CanonicalType
    /// Whether most KPIs of the table need it; a missing required field is reported, not an error.
    public var isRequired: Bool
    /// Vendor names, in order of preference when several columns of one table match.
    public var aliases: [FieldAlias]
    /// The value words of a column bound by its canonical name or by an alias without its own.
    public var vocabulary: ValueVocabulary?
    /// Whether several matching columns each hold part of the field, to be combined (the first
    /// set, in order of preference): Pipedrive writes a deal's close into `Won time` or `Lost
    /// time`, so `closed_at` takes whichever is set.
    public var combinesMatches: Bool
    /// The unit formulas give the field's values, when its type does not say it (`nps` is a
    /// score, `duration_minutes` minutes); money fields are money by their type.
    public var unit: Unit?
    /// Other names a formula may call the field by, where its table has no column of that name:
    /// spend and traffic call the lead source `channel`, so `by source` lines them up with leads.
    public var formulaAliases: [String]
    /// What a value of the field records as having happened, for a session's default as-of;
    /// `nil` for fields that record no event.
    public var event: FieldEvent?

    /// Creates a field.
    public init(
        _ name: String, _ type: CanonicalType, required: Bool = false, aliases: [FieldAlias] = [],
        vocabulary: ValueVocabulary? = nil, combinesMatches: Bool = false, unit: Unit? = nil, formulaAliases: [String] = [],
        event: FieldEvent? = nil
    ) {
        self.unit = unit
        self.formulaAliases = formulaAliases
        self.event = event
        self.name = name
        self.type = type
        self.isRequired = required
        self.aliases = aliases
        self.vocabulary = vocabulary
        self.combinesMatches = combinesMatches
    }

    /// How well a column name matches this field: `0` for the canonical name, `1 + i` for alias
    /// `i`, `nil` for no match. Lower is better.
    public func matchRank(ofKey key: String) -> Int? {
        if key == SchemaName.key(name) { return 0 }
        if let i = aliases.firstIndex(where: { $0.key == key }) { return 1 + i }
        return nil
    }

    /// ``matchRank(ofKey:)`` of every key that has one, computed once: binding a header of
    /// 100,000 columns looks each column up here instead of recomputing every alias's key per column.
    public var ranksByKey: [String: Int] {
        var ranks = [SchemaName.key(name): 0]
        for (i, alias) in aliases.enumerated() where ranks[alias.key] == nil { ranks[alias.key] = 1 + i }
        return ranks
    }

    /// The unit of the field's values: its declared ``unit``, money for money, else none (the
    /// formula layer goes by the storage type).
    public var valueUnit: Unit? { unit ?? (type == .money ? .money : nil) }

    /// The vocabulary for a column matched with `rank` (see ``matchRank(ofKey:)``).
    public func vocabulary(forRank rank: Int) -> ValueVocabulary? {
        guard rank >= 1, rank - 1 < aliases.count, let own = aliases[rank - 1].vocabulary else { return vocabulary }
        return own
    }

    /// The vocabulary for a column a mapping file named: the vocabulary of the alias its name
    /// matches, else every vocabulary of the field merged, so a vendor's words (`Closed Won`)
    /// are known whatever the column is called.
    public func vocabulary(forColumnNamed column: String) -> ValueVocabulary? {
        for key in SchemaName.candidateKeys(column) {
            if let rank = matchRank(ofKey: key) { return vocabulary(forRank: rank) }
        }
        let all = ([vocabulary] + aliases.map(\.vocabulary)).compactMap { $0 }
        guard let first = all.first else { return nil }
        return all.dropFirst().reduce(first) { $0.merged(with: $1) }
    }
}
