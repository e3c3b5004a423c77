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
        let wholeKeys = Set(columnNames.map(SchemaName.valueKey))
        // Each column's keys once per set of prefixes searched (most tables share the default
        // ones), not once per table.
        var keysByPrefixes: [[String]: [[String]]] = [:]
        let candidates = schema.tables.filter { !excluding.contains($0.name) }.compactMap { table in
            let searched = SchemaName.searchPrefixes(table.columnPrefixes)
            let keys = keysByPrefixes[searched] ?? columnNames.map { SchemaName.candidateKeys($0, searching: searched) }
            keysByPrefixes[searched] = keys
            return score(columnNames, wholeKeys, table, columnKeys: keys)
        }
        .sorted { $0.score > $1.score }
        guard let best = candidates.first else {
            if let shape = schema.otherShapes.first(where: { $0.matches(wholeKeys: wholeKeys) }) { return .otherShape(shape) }
            return .none
        }
        if best.signature == nil, let shape = schema.otherShapes.first(where: { $0.matches(wholeKeys: wholeKeys) }) {
            return .otherShape(shape)
        }
        if candidates.count > 1 {
            let second = candidates[1]
            let onlyBestHasSignature = best.signature != nil && second.signature == nil
            if best.score - second.score < Self.clearMargin && !onlyBestHasSignature { return .tie(best, second) }
        }
        return .table(best)
    }

    /// The candidate `table` makes of the header, or `nil` below the minimum.
    ///
    /// `columnKeys` are the columns' ``SchemaName/candidateKeys(_:prefixes:)`` for the table's
    /// prefixes, computed once by ``recognize(_:excluding:)`` for every table that searches the
    /// same prefixes. Each column is looked up by key, so scoring is linear in the number of columns.
    func score(_ columnNames: [String], _ wholeKeys: Set<String>, _ table: CanonicalTable, columnKeys: [[String]]) -> Candidate? {
        var matchedFields = Set<String>()
        var columns: [String] = []
        var score = 0
        var required = 0
        // A column belongs to the first field (in schema order) that any of its keys matches.
        var fieldByKey: [String: Int] = [:]
        for (position, field) in table.fields.enumerated() {
            for key in field.ranksByKey.keys where fieldByKey[key] == nil { fieldByKey[key] = position }
        }
        for (index, name) in columnNames.enumerated() {
            let keys = columnKeys[index]
            // The smallest position without an array per column: a header may have a million.
            var best: Int?
            for key in keys { if let p = fieldByKey[key], p < best ?? .max { best = p } }
            guard let position = best, case let field = table.fields[position],
                !matchedFields.contains(field.name)
            else { continue }
            matchedFields.insert(field.name)
            columns.append(name)
            score += field.isRequired ? 3 : 1
            if field.isRequired { required += 1 }
        }
        // An outcome flag stands in for a missing status column.
        let flagKeys = Set(table.outcomeFlags.map(SchemaName.valueKey))
        if table.field(named: "status") != nil, !matchedFields.contains("status"),
            let flag = columnNames.first(where: { flagKeys.contains(SchemaName.valueKey($0)) })
        {
            columns.append(flag)
            score += 3
            required += 1
        }
        let signature = table.signatures.first { $0.matches(wholeKeys: wholeKeys) }
        if signature != nil { score += Self.signatureBonus }
        guard score >= Self.minimumScore, required >= 2 || signature != nil,
            signature != nil || table.recognitionNeeds.allSatisfy(matchedFields.contains)
        else { return nil }
        return Candidate(table: table.name, score: score, columns: columns, signature: signature)
    }
}
