/// The tables of a load bound to the canonical schema, and the report of how.
public struct BindingResult: Sendable {
    /// Bound tables under canonical table and field names, coerced; everything else as loaded.
    public var dataset: Dataset
    /// What was bound, missing, unknown or left alone.
    public var report: BindingReport

    /// Creates a result.
    public init(dataset: Dataset, report: BindingReport) {
        self.dataset = dataset
        self.report = report
    }
}

/// Binds loaded tables to a ``CanonicalSchema``: picks the loaded table for each canonical table,
/// the column for each field, coerces columns to the canonical types and translates vendor
/// status words.
///
/// ```swift
/// let result = try SchemaBinder(mapping: mapping).bind(tables)
/// print(result.report)          // leads ← deals (deals.csv): lead_id ← Record ID, ...
/// let leads = result.dataset["leads"]
/// ```
///
/// Tables are chosen by a mapping's `from`, else by canonical name, else by table alias, else by
/// their columns (``TableRecognizer``); columns by the mapping, else by canonical name, else by
/// alias in the schema's order of preference. Nothing loaded is dropped: unbound columns and
/// tables stay under their own names (renamed `<name>_raw` only where a canonical name took
/// theirs). Links between tables come from the mapping's `links` and from key columns two tables
/// share (unique in one of them).
public struct SchemaBinder: Sendable {
    /// The schema to bind to.
    public var schema: CanonicalSchema
    /// A mapping that overrides automatic binding.
    public var mapping: Mapping?
    /// Lenient or strict, and what to assume where the data cannot decide.
    public var options: BindOptions

    /// Creates a binder.
    public init(schema: CanonicalSchema = .standard, mapping: Mapping? = nil, options: BindOptions = BindOptions()) {
        self.schema = schema
        self.mapping = mapping
        self.options = options
    }

    /// Binds `tables`.
    ///
    /// - Throws: ``DataError`` `schema.duplicate-table` (two loaded tables share a name),
    ///   `schema.ambiguous-table` (two tables could be the same canonical table by name and no
    ///   mapping says which), `schema.bad-value` (strict only: a value that does not convert to its
    ///   field's type), `mapping.missing-table`, `mapping.missing-column`,
    ///   `mapping.ambiguous-column`, `mapping.duplicate-source`, `mapping.no-link`.
    public func bind(_ tables: [Table]) throws -> BindingResult {
        var seen: [String: Table] = [:]
        for table in tables {
            if let other = seen[table.name] {
                throw DataError(
                    id: .schemaDuplicateTable,
                    message: "two loaded tables are named '\(table.name)' (\(label(other)) and \(label(table)))",
                    file: table.source ?? table.name)
            }
            seen[table.name] = table
        }
        var notes: [String] = []
        let (assignment, recognitions) = try assignTables(tables, notes: &notes)
        let loadedLinks = try LinkFinder(mapping: mapping).links(among: tables, canonical: Set(assignment.map(\.index)), notes: &notes)
        let related = RelatedTables(tables: seen, links: loadedLinks)
        var boundByIndex: [Int: TableBinder.Output] = [:]
        for (canonical, index) in assignment {
            var binder = TableBinder(canonical: canonical, mapping: mapping?.table(named: canonical.name), options: options)
            binder.recognition = recognitions[index]
            binder.related = related
            boundByIndex[index] = try binder.bind(tables[index])
        }
        let boundNames = Set(assignment.map(\.canonical.name))
        var taken = Set(boundNames)
        var unbound: [UnboundTable] = []
        var output: [Table] = []
        var nameOf: [String: String] = [:]
        var typedByTable: [String: [TypedColumn]] = [:]
        for (index, table) in tables.enumerated() {
            if let bound = boundByIndex[index] {
                output.append(bound.table)
                nameOf[table.name] = bound.table.name
                continue
            }
            var renamed = table
            if boundNames.contains(table.name) {
                renamed.name = Self.freeName(table.name + "_raw", taken: taken.union(tables.map(\.name)))
                unbound.append(UnboundTable(name: table.name, renamedTo: renamed.name))
            } else {
                unbound.append(UnboundTable(name: table.name))
            }
            typedByTable[renamed.name] = typeUnboundColumns(&renamed)
            taken.insert(renamed.name)
            nameOf[table.name] = renamed.name
            output.append(renamed)
        }
        for i in unbound.indices { unbound[i].typedColumns = typedByTable[unbound[i].renamedTo ?? unbound[i].name] ?? [] }
        // Links by bound names: a bound column took its field's name.
        var links: [TableLink] = []
        for link in loadedLinks {
            guard let from = nameOf[link.table], let to = nameOf[link.target],
                let key = boundColumn(link.column, of: link.table, tables: tables, boundByIndex: boundByIndex),
                let targetKey = boundColumn(link.targetColumn, of: link.target, tables: tables, boundByIndex: boundByIndex)
            else { continue }
            let bound = TableLink(table: from, key: key, target: to, targetKey: targetKey, origin: link.origin)
            let same: (TableLink) -> Bool = { ($0.table, $0.key, $0.target, $0.targetKey) == (from, key, to, targetKey) }
            if schema.links.contains(where: same) || links.contains(where: same) { continue }
            links.append(bound)
        }
        let reports = assignment.compactMap { boundByIndex[$0.index]?.report }
        return BindingResult(
            dataset: Dataset(tables: output, links: links),
            report: BindingReport(tables: reports, unboundTables: unbound, mappingFile: mapping?.file, links: links, notes: notes))
    }

    /// The name a loaded table's column has after binding, if it is still there.
    private func boundColumn(_ column: String, of table: String, tables: [Table], boundByIndex: [Int: TableBinder.Output]) -> String? {
        guard let index = tables.firstIndex(where: { $0.name == table }) else { return nil }
        guard let bound = boundByIndex[index] else { return column }
        return bound.boundName(of: column)
    }

    /// Types the text columns of an unbound table whose every value fits one format.
    private func typeUnboundColumns(_ table: inout Table) -> [TypedColumn] {
        var typed: [TypedColumn] = []
        let nullWords = NullWords(extra: options.nullWords)
        for index in table.columns.indices {
            let column = table.columns[index]
            guard let inferred = TableBinder.inferredType(of: column, nullWords: nullWords, dateOrder: options.dateOrder) else { continue }
            var replacement = inferred.column
            replacement.name = column.name
            table.replaceColumn(at: index, with: replacement)
            typed.append(TypedColumn(column: column.name, type: inferred.type, format: inferred.format))
        }
        return typed
    }

    /// For each canonical table (schema order), the index of the loaded table bound to it, and
    /// how the tables taken by their columns were recognised.
    private func assignTables(
        _ tables: [Table], notes: inout [String]
    ) throws
        -> ([(canonical: CanonicalTable, index: Int)], [Int: TableRecognizer.Candidate])
    {
        var claimed: [Int: String] = [:]
        var chosen: [String: Int] = [:]
        for tableMapping in mapping?.tables ?? [] {
            guard let from = tableMapping.from else { continue }
            let index = try sourceTable(named: from, in: tables, for: tableMapping)
            if let other = claimed[index] {
                throw DataError(
                    id: .mappingDuplicateSource,
                    message: "table '\(tables[index].name)' is mapped to both \(other) and \(tableMapping.table)",
                    location: tableMapping.location ?? SourceLocation(file: mapping?.file ?? "<mapping>"))
            }
            claimed[index] = tableMapping.table
            chosen[tableMapping.table] = index
        }
        for canonical in schema.tables where chosen[canonical.name] == nil {
            let candidates = tables.indices.filter { claimed[$0] == nil }.compactMap { index in
                canonical.match(tableName: tables[index].name).map { (index: index, match: $0) }
            }
            guard let best = candidates.map(\.match).min() else { continue }
            let top = candidates.filter { $0.match == best }
            if top.count > 1 {
                let names = top.map { label(tables[$0.index]) }.joined(separator: " and ")
                throw DataError(
                    id: .schemaAmbiguousTable,
                    message: "both \(names) could be the \(canonical.name) table; name one in a mapping file, "
                        + "e.g. {\"tables\": {\"\(canonical.name)\": {\"from\": \"\(tables[top[0].index].name)\"}}}",
                    file: tables[top[1].index].source ?? tables[top[1].index].name)
            }
            claimed[top[0].index] = canonical.name
            chosen[canonical.name] = top[0].index
        }
        // The rest by their columns: the clear winner of each header, the best header per table.
        let recognizer = TableRecognizer(schema: schema)
        var wanted: [(index: Int, candidate: TableRecognizer.Candidate)] = []
        for index in tables.indices where claimed[index] == nil {
            switch recognizer.recognize(tables[index].columnNames) {
            case .table(let candidate):
                wanted.append((index, candidate))
            case .tie(let a, let b):
                notes.append(
                    "\(label(tables[index])) could be \(a.table) (\(a.reason)) or \(b.table) (\(b.reason)); kept as loaded — "
                        + "name it in a mapping file, e.g. {\"tables\": {\"\(a.table)\": {\"from\": \"\(tables[index].name)\"}}}")
            case .otherShape(let shape):
                notes.append("\(label(tables[index])) is a \(shape.name): \(shape.note ?? "not a canonical table"); kept as loaded")
            case .none:
                break
            }
        }
        var recognitions: [Int: TableRecognizer.Candidate] = [:]
        for (index, candidate) in wanted.sorted(by: { $0.candidate.score > $1.candidate.score }) {
            if let holder = chosen[candidate.table] {
                notes.append(
                    "\(label(tables[index])) also looks like \(candidate.table) (\(candidate.reason)), "
                        + "which \(label(tables[holder])) already is; kept as loaded")
                continue
            }
            claimed[index] = candidate.table
            chosen[candidate.table] = index
            recognitions[index] = candidate
        }
        let assignment = schema.tables.compactMap { canonical in chosen[canonical.name].map { (canonical, $0) } }
        return (assignment, recognitions)
    }

    /// The loaded table a mapping's `from` names: exactly, else ignoring case and punctuation.
    private func sourceTable(named name: String, in tables: [Table], for tableMapping: TableMapping) throws -> Int {
        if let index = tables.firstIndex(where: { $0.name == name }) { return index }
        let matches = tables.indices.filter { SchemaName.key(tables[$0].name) == SchemaName.key(name) }
        if matches.count == 1 { return matches[0] }
        let loaded = tables.map(\.name).joined(separator: ", ")
        throw DataError(
            id: .mappingMissingTable,
            message: "tables.\(tableMapping.table).from names '\(name)', but no such table was loaded"
                + " (loaded: \(loaded.isEmpty ? "none" : loaded))",
            location: tableMapping.location ?? SourceLocation(file: mapping?.file ?? "<mapping>"))
    }

    private func label(_ table: Table) -> String {
        if let source = table.source, source != table.name { return "'\(table.name)' (\(source))" }
        return "'\(table.name)'"
    }
}

extension SchemaBinder {
    /// `name`, or `name2`, `name3`, ... — the first not in `taken`.
    static func freeName(_ name: String, taken: Set<String>) -> String {
        if !taken.contains(name) { return name }
        var n = 2
        while taken.contains("\(name)\(n)") { n += 1 }
        return "\(name)\(n)"
    }
}
