/// Binds the columns of one loaded table to one canonical table.
struct TableBinder {
    let canonical: CanonicalTable
    let mapping: TableMapping?

    /// A field's chosen column.
    private struct Choice {
        var field: CanonicalField
        var columnIndex: Int
        var origin: BoundField.Origin
        var vocabulary: ValueVocabulary?
    }

    func bind(_ table: Table) throws -> (Table, TableBindingReport) {
        var notes: [String] = []
        var claimed = Set<Int>()
        var choices: [String: Choice] = [:]

        for entry in mapping?.fields ?? [] {
            guard let field = canonical.field(named: entry.field), let columnName = entry.column else { continue }
            let index = try mappedColumn(columnName, in: table, entry: entry)
            claimed.insert(index)
            choices[field.name] = Choice(
                field: field, columnIndex: index, origin: .mapping, vocabulary: field.vocabulary)
        }
        if mapping?.bindsOtherFieldsAutomatically ?? true {
            for field in canonical.fields where mapping?.field(named: field.name) == nil {
                let ranked = candidates(for: field, in: table, excluding: claimed)
                guard let best = ranked.first else { continue }
                claimed.insert(best.index)
                let origin: BoundField.Origin =
                    best.rank == 0 ? .canonicalName : .alias(field.aliases[best.rank - 1].name)
                choices[field.name] = Choice(
                    field: field, columnIndex: best.index, origin: origin,
                    vocabulary: field.vocabulary(forRank: best.rank))
                let others = ranked.dropFirst().map { table.columns[$0.index].name }
                if !others.isEmpty {
                    notes.append("\(field.name) also matches \(others.joined(separator: ", ")) (kept unbound)")
                }
            }
        }
        let flags = try statusFlags(in: table, excluding: claimed)

        var columns: [Column] = []
        var bound: [BoundField] = []
        var unknown: [UnknownValues] = []
        var missingRequired: [String] = []
        var missingOptional: [String] = []
        for field in canonical.fields {
            let choice = choices[field.name]
            let fieldFlags = field.name == "status" && canonical.name == "leads" ? flags : WordResolver.Flags()
            guard choice != nil || !fieldFlags.isEmpty else {
                if field.isRequired { missingRequired.append(field.name) } else { missingOptional.append(field.name) }
                continue
            }
            var column: Column?
            var from: DataType?
            if let choice {
                let source = table.columns[choice.columnIndex]
                column = try coerce(source, to: field, table: table)
                if column?.type != source.type { from = source.type }
            }
            var translated = 0
            let hasWords = choice?.vocabulary != nil || mapping?.values[field.name] != nil || !fieldFlags.isEmpty
            if field.type == .text, hasWords {
                let resolver = WordResolver(
                    field: field.name, vocabulary: choice?.vocabulary, mapping: mapping, flags: fieldFlags)
                let result = resolver.resolve(column, name: field.name, rowCount: table.rowCount)
                column = result.column
                translated = result.translatedRowCount
                if let values = result.unknown { unknown.append(values) }
            }
            guard var result = column else { continue }
            result.name = field.name
            columns.append(result)
            bound.append(
                BoundField(
                    field: field.name, column: choice.map { table.columns[$0.columnIndex].name } ?? "(flags)",
                    origin: choice?.origin ?? .alias(fieldFlags.columnNames.joined(separator: ", ")),
                    convertedFrom: from, type: result.type, flagColumns: fieldFlags.columnNames,
                    translatedRowCount: translated))
        }

        var unboundColumns: [String] = []
        var renames: [ColumnRename] = []
        let canonicalNames = Set(canonical.fields.map(\.name))
        var taken = Set(columns.map(\.name)).union(table.columnNames)
        for (index, column) in table.columns.enumerated() where !claimed.contains(index) {
            var kept = column
            if canonicalNames.contains(column.name) {
                kept.name = SchemaBinder.freeName(column.name + "_raw", taken: taken)
                renames.append(ColumnRename(from: column.name, to: kept.name))
            }
            taken.insert(kept.name)
            unboundColumns.append(kept.name)
            columns.append(kept)
        }
        let report = TableBindingReport(
            table: canonical.name, sourceTable: table.name, source: table.source, fields: bound,
            missingRequired: missingRequired, missingOptional: missingOptional, unknownValues: unknown,
            unboundColumns: unboundColumns, renamedColumns: renames, notes: notes)
        return (Table(name: canonical.name, columns: columns, rowCount: table.rowCount, source: table.source), report)
    }

    /// Unclaimed columns matching `field`, best first: direct key before the prefix-stripped key,
    /// then canonical name before aliases in their order, then load order.
    private func candidates(for field: CanonicalField, in table: Table, excluding claimed: Set<Int>)
        -> [(index: Int, rank: Int)]
    {
        var found: [(index: Int, rank: Int, keyIndex: Int)] = []
        for (index, column) in table.columns.enumerated() where !claimed.contains(index) {
            for (keyIndex, key) in SchemaName.candidateKeys(column.name).enumerated() {
                if let rank = field.matchRank(ofKey: key) {
                    found.append((index, rank, keyIndex))
                    break
                }
            }
        }
        return found.sorted { ($0.keyIndex, $0.rank, $0.index) < ($1.keyIndex, $1.rank, $1.index) }.map {
            ($0.index, $0.rank)
        }
    }

    /// The column a mapping names: exactly, else ignoring case and punctuation.
    private func mappedColumn(_ name: String, in table: Table, entry: FieldMapping) throws -> Int {
        if let index = table.columnIndex(named: name) { return index }
        let key = SchemaName.key(name)
        let matches = table.columns.indices.filter { SchemaName.key(table.columns[$0].name) == key }
        let location = entry.location ?? SourceLocation(file: "<mapping>")
        let path = "tables.\(canonical.name).fields.\(entry.field)"
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            let names = matches.map { "'\(table.columns[$0].name)'" }.joined(separator: ", ")
            throw DataError(
                id: "mapping.ambiguous-column",
                message: "\(path): '\(name)' matches several columns of \(table.name): \(names); write one exactly",
                location: location)
        }
        throw DataError(
            id: "mapping.missing-column",
            message: "\(path): table \(table.name) has no column '\(name)'"
                + " (columns: \(table.columnNames.joined(separator: ", ")))",
            location: location)
    }

    /// `IsWon` / `Is Closed Won` / `IsClosed` columns of a leads table whose status the mapping
    /// does not set, coerced to bool. They stay in the table as unbound columns.
    private func statusFlags(in table: Table, excluding claimed: Set<Int>) throws -> WordResolver.Flags {
        guard canonical.name == "leads", mapping?.field(named: "status") == nil else { return WordResolver.Flags() }
        func find(_ keys: [String]) throws -> Column? {
            for key in keys {
                for (index, column) in table.columns.enumerated()
                where !claimed.contains(index) && SchemaName.key(column.name) == key {
                    return try coerce(column, to: CanonicalField(column.name, .bool), table: table)
                }
            }
            return nil
        }
        return WordResolver.Flags(
            won: try find(WordResolver.Flags.wonKeys), closed: try find(WordResolver.Flags.closedKeys))
    }

    /// `column` coerced to `field`'s type, or `schema.bad-value` naming table, field, row and value.
    private func coerce(_ column: Column, to field: CanonicalField, table: Table) throws -> Column {
        do {
            return try ColumnCoercion.coerce(column, to: field.type)
        } catch {
            let others = error.badCount > 1 ? "; \(error.badCount) rows of this column fail" : ""
            let via = column.name == field.name ? "" : " (column '\(column.name)')"
            throw DataError(
                id: "schema.bad-value",
                message: "\(canonical.name).\(field.name)\(via) of table \(table.name), row \(error.row + 1): "
                    + "'\(error.value)' is not \(article(error.expected))\(others)",
                file: table.source ?? table.name)
        }
    }

    private func article(_ type: CanonicalType) -> String {
        switch type {
        case .identifier: return "an id"
        case .int: return "an integer"
        case .month: return "a month (YYYY-MM)"
        case .bool: return "a boolean (true/false, yes/no, 1/0)"
        default: return "a \(type)"
        }
    }
}
