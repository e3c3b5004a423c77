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
/// Tables are chosen by a mapping's `from`, else by canonical name, else by table alias; columns
/// by the mapping, else by canonical name, else by alias in the schema's order of preference.
/// Nothing loaded is dropped: unbound columns and tables stay under their own names (renamed
/// `<name>_raw` only where a canonical name took theirs).
public struct SchemaBinder: Sendable {
    /// The schema to bind to.
    public var schema: CanonicalSchema
    /// A mapping that overrides automatic binding.
    public var mapping: Mapping?

    /// Creates a binder.
    public init(schema: CanonicalSchema = .standard, mapping: Mapping? = nil) {
        self.schema = schema
        self.mapping = mapping
    }

    /// Binds `tables`.
    ///
    /// - Throws: ``DataError`` `schema.duplicate-table` (two loaded tables share a name),
    ///   `schema.ambiguous-table` (two tables could be the same canonical table and no mapping
    ///   says which), `schema.bad-value` (a value that does not convert to its field's type),
    ///   `mapping.missing-table`, `mapping.missing-column`, `mapping.ambiguous-column`,
    ///   `mapping.duplicate-source`.
    public func bind(_ tables: [Table]) throws -> BindingResult {
        var seen: [String: Table] = [:]
        for table in tables {
            if let other = seen[table.name] {
                throw DataError(
                    id: "schema.duplicate-table",
                    message: "two loaded tables are named '\(table.name)' (\(label(other)) and \(label(table)))",
                    file: table.source ?? table.name)
            }
            seen[table.name] = table
        }
        let assignment = try assignTables(tables)
        var boundByIndex: [Int: (canonical: CanonicalTable, table: Table, report: TableBindingReport)] = [:]
        for (canonical, index) in assignment {
            let binder = TableBinder(canonical: canonical, mapping: mapping?.table(named: canonical.name))
            let (table, report) = try binder.bind(tables[index])
            boundByIndex[index] = (canonical, table, report)
        }
        let boundNames = Set(assignment.map(\.canonical.name))
        var taken = Set(boundNames)
        var unbound: [UnboundTable] = []
        var output: [Table] = []
        for (index, table) in tables.enumerated() {
            if let bound = boundByIndex[index] {
                output.append(bound.table)
                continue
            }
            var renamed = table
            if boundNames.contains(table.name) {
                renamed.name = Self.freeName(table.name + "_raw", taken: taken.union(tables.map(\.name)))
                unbound.append(UnboundTable(name: table.name, renamedTo: renamed.name))
            } else {
                unbound.append(UnboundTable(name: table.name))
            }
            taken.insert(renamed.name)
            output.append(renamed)
        }
        let reports = assignment.compactMap { boundByIndex[$0.index]?.report }
        return BindingResult(
            dataset: Dataset(tables: output),
            report: BindingReport(tables: reports, unboundTables: unbound, mappingFile: mapping?.file))
    }

    /// For each canonical table (schema order), the index of the loaded table bound to it.
    private func assignTables(_ tables: [Table]) throws -> [(canonical: CanonicalTable, index: Int)] {
        var claimed: [Int: String] = [:]
        var chosen: [String: Int] = [:]
        for tableMapping in mapping?.tables ?? [] {
            guard let from = tableMapping.from else { continue }
            let index = try sourceTable(named: from, in: tables, for: tableMapping)
            if let other = claimed[index] {
                throw DataError(
                    id: "mapping.duplicate-source",
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
                    id: "schema.ambiguous-table",
                    message: "both \(names) could be the \(canonical.name) table; name one in a mapping file, "
                        + "e.g. {\"tables\": {\"\(canonical.name)\": {\"from\": \"\(tables[top[0].index].name)\"}}}",
                    file: tables[top[1].index].source ?? tables[top[1].index].name)
            }
            claimed[top[0].index] = canonical.name
            chosen[canonical.name] = top[0].index
        }
        return schema.tables.compactMap { canonical in chosen[canonical.name].map { (canonical, $0) } }
    }

    /// The loaded table a mapping's `from` names: exactly, else ignoring case and punctuation.
    private func sourceTable(named name: String, in tables: [Table], for tableMapping: TableMapping) throws -> Int {
        if let index = tables.firstIndex(where: { $0.name == name }) { return index }
        let matches = tables.indices.filter { SchemaName.key(tables[$0].name) == SchemaName.key(name) }
        if matches.count == 1 { return matches[0] }
        let loaded = tables.map(\.name).joined(separator: ", ")
        throw DataError(
            id: "mapping.missing-table",
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
