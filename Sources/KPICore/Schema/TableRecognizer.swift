/// Recognises a loaded table as a canonical one by its columns, whatever its file is called.
///
/// Exports keep their vendor's column labels but not their names: `hubspot-crm-exports-all-
/// deals-2024-12-02.csv`, `report1701234567890.csv` and `Opportunity Report 2021 - Priya.csv` are
/// all deal tables. Each canonical table scores the header: 3 points for each required field a
/// column matches (by canonical name or alias, as binding matches them), 1 for each optional one,
/// and 6 more when a vendor ``TableSignature`` of the table matches. The clear winner is taken; a
/// near tie is reported with both candidates and binds neither.
public struct TableRecognizer: Sendable {
    /// How one canonical table scored a header.
    public struct Candidate: Sendable, Hashable {
        /// The canonical table's name.
        public var table: String
        /// The score.
        public var score: Int
        /// The columns that matched a field, in header order.
        public var columns: [String]
        /// The vendor shape whose columns are all there, if any.
        public var signature: TableSignature?

        /// `Salesforce opportunity report — Opportunity ID, Stage, Close Date, Amount` or
        /// `its columns Lead ID, Created Date, Lead Source`.
        public var reason: String {
            let shown = columns.prefix(6).joined(separator: ", ") + (columns.count > 6 ? ", …" : "")
            if let signature { return "\(signature.name) — \(shown)" }
            return "its columns \(shown)"
        }
    }

    /// What a header was recognised as.
    public enum Verdict: Sendable, Hashable {
        /// One canonical table, clearly.
        case table(Candidate)
        /// Two canonical tables, too close to choose.
        case tie(Candidate, Candidate)
        /// A known vendor shape that is no canonical table (a Salesforce account report).
        case otherShape(TableSignature)
        /// Nothing.
        case none
    }

    /// The schema whose tables are scored.
    public var schema: CanonicalSchema

    /// Creates a recogniser.
    public init(schema: CanonicalSchema = .standard) {
        self.schema = schema
    }

    /// The points a signature adds, and the least a table must score to be recognised.
    static let signatureBonus = 6
    static let minimumScore = 6
    /// A winner must lead the runner-up by this much, unless only it has a signature.
    static let clearMargin = 3

    /// Scores `columnNames` against every canonical table not in `excluding`.
    public func recognize(_ columnNames: [String], excluding: Set<String> = []) -> Verdict {
        let header = HeaderKeys(columnNames, asked: askedWholeKeys)
        // The columns' keys are indexed once per set of prefixes searched (most tables share the
        // default ones), not once per table, and only the keys some field has: a table then looks
        // up its own fields' keys, so a header of a million columns costs one pass over it.
        let fieldKeys = Set(schema.tables.flatMap { $0.fields.flatMap(\.ranksByKey.keys) })
        var indexByPrefixes: [[String]: ColumnKeyIndex] = [:]
        let candidates = schema.tables.filter { !excluding.contains($0.name) }.compactMap { table in
            let searched = SchemaName.searchPrefixes(table.columnPrefixes)
            let index = indexByPrefixes[searched] ?? ColumnKeyIndex(columnNames: columnNames, searching: searched, keeping: fieldKeys)
            indexByPrefixes[searched] = index
            return score(header, table, index: index)
        }
        .sorted { $0.score > $1.score }
        guard let best = candidates.first else {
            if let shape = schema.otherShapes.first(where: { $0.matches(wholeKeys: header.wholeKeys) }) { return .otherShape(shape) }
            return .none
        }
        if best.signature == nil, let shape = schema.otherShapes.first(where: { $0.matches(wholeKeys: header.wholeKeys) }) {
            return .otherShape(shape)
        }
        if candidates.count > 1 {
            let second = candidates[1]
            let onlyBestHasSignature = best.signature != nil && second.signature == nil
            if best.score - second.score < Self.clearMargin && !onlyBestHasSignature { return .tie(best, second) }
        }
        return .table(best)
    }

    /// The whole keys a signature, another shape or an outcome flag asks a header for.
    private var askedWholeKeys: Set<String> {
        var keys = Set(schema.otherShapes.flatMap(\.columns).map(SchemaName.valueKey))
        for table in schema.tables {
            keys.formUnion(table.signatures.flatMap(\.columns).map(SchemaName.valueKey))
            keys.formUnion(table.outcomeFlags.map(SchemaName.valueKey))
        }
        return keys
    }

    /// A header's column names, with the whole keys (``SchemaName/valueKey(_:)``) the schema
    /// asks about, computed in one pass.
    struct HeaderKeys {
        var names: [String]
        /// The header's whole keys among those asked about.
        var wholeKeys: Set<String> = []
        /// The first column of each of them.
        var firstColumnByKey: [String: Int] = [:]

        init(_ names: [String], asked: Set<String>) {
            self.names = names
            for (column, name) in names.enumerated() {
                let key = SchemaName.valueKey(name)
                guard asked.contains(key), wholeKeys.insert(key).inserted else { continue }
                firstColumnByKey[key] = column
            }
        }
    }

    /// The candidate `table` makes of the header, or `nil` below the minimum.
    ///
    /// `index` holds the columns' ``SchemaName/candidateKeys(_:prefixes:)`` for the table's
    /// prefixes. Only the columns that one of the table's field keys names are visited.
    func score(_ header: HeaderKeys, _ table: CanonicalTable, index: ColumnKeyIndex) -> Candidate? {
        var matchedFields = Set<String>()
        var columns: [String] = []
        var score = 0
        var required = 0
        // A column belongs to the first field (in schema order) that any of its keys matches.
        var fieldByKey: [String: Int] = [:]
        for (position, field) in table.fields.enumerated() {
            for key in field.ranksByKey.keys where fieldByKey[key] == nil { fieldByKey[key] = position }
        }
        var bestField: [Int: Int] = [:]  // column → the first field position any of its keys matches
        for (key, position) in fieldByKey {
            for hit in index.columns(withKey: key) where position < bestField[hit.column] ?? .max { bestField[hit.column] = position }
        }
        for (column, position) in bestField.sorted(by: { $0.key < $1.key }) {
            let field = table.fields[position]
            guard !matchedFields.contains(field.name) else { continue }
            matchedFields.insert(field.name)
            columns.append(header.names[column])
            score += field.isRequired ? 3 : 1
            if field.isRequired { required += 1 }
        }
        // An outcome flag stands in for a missing status column.
        if table.field(named: "status") != nil, !matchedFields.contains("status"),
            let flag = table.outcomeFlags.compactMap({ header.firstColumnByKey[SchemaName.valueKey($0)] }).min()
        {
            columns.append(header.names[flag])
            score += 3
            required += 1
        }
        let signature = table.signatures.first { $0.matches(wholeKeys: header.wholeKeys) }
        if signature != nil { score += Self.signatureBonus }
        guard score >= Self.minimumScore, required >= 2 || signature != nil,
            signature != nil || table.recognitionNeeds.allSatisfy(matchedFields.contains)
        else { return nil }
        return Candidate(table: table.name, score: score, columns: columns, signature: signature)
    }
}
