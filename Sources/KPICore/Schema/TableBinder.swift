/// How binding treats values: leniently (the default) or strictly, and what it assumes where the
/// data cannot decide.
public struct BindOptions: Sendable, Hashable {
    /// Stop at the first cell that cannot be read as its field's type (`schema.bad-value`),
    /// instead of reading it as null and recording it.
    public var strict: Bool
    /// The day/month order of dates that no value decides (`--date-order`); a mapping's format
    /// and a column's own values win over it.
    public var dateOrder: DateOrder?
    /// Words meaning "no value" besides the standard ones (the command line's).
    public var nullWords: [String]

    /// Creates options.
    public init(strict: Bool = false, dateOrder: DateOrder? = nil, nullWords: [String] = []) {
        self.strict = strict
        self.dateOrder = dateOrder
        self.nullWords = nullWords
    }
}

/// A link between two loaded tables, by loaded names (before binding renames anything).
struct LoadedLink: Sendable, Hashable {
    var table: String
    var column: String
    var target: String
    var targetColumn: String
    var origin: TableLink.Origin
}

/// The loaded tables and links a derived field (`exists`, `lookup`) may reach.
struct RelatedTables: Sendable {
    var tables: [String: Table] = [:]
    var links: [LoadedLink] = []

    /// The key columns joining `table` to `target`, in either direction.
    func keys(from table: String, to target: String) -> (local: String, remote: String)? {
        if let link = links.first(where: { $0.table == table && $0.target == target }) { return (link.column, link.targetColumn) }
        if let link = links.first(where: { $0.table == target && $0.target == table }) { return (link.targetColumn, link.column) }
        return nil
    }
}

/// Binds the columns of one loaded table to one canonical table.
///
/// Fields come from a mapping entry, else from the column whose name or alias matches best
/// (several columns for a field that combines them, such as Pipedrive's won and lost times for
/// `closed_at`). Each source column is read in the one format its values show
/// (``ColumnCoercion``); a cell it cannot read becomes null and a ``CellIssue``, unless
/// ``BindOptions/strict``. Text fields with a vocabulary are translated to canonical words. A
/// leads table without a status column takes its status from outcome flags (`IsWon`/`IsClosed`,
/// else `Converted`-like columns). Required fields' empty cells are listed as
/// ``CellIssue/Kind/missing``. Unbound text columns whose every value fits one typed format
/// (`MM/DD/YYYY` dates, `$1,200.00`) are typed.
struct TableBinder {
    let canonical: CanonicalTable
    let mapping: TableMapping?
    var options = BindOptions()
    /// How the table was recognised by its columns, when it was.
    var recognition: TableRecognizer.Candidate?
    /// Other loaded tables, for `exists` and `lookup` fields.
    var related = RelatedTables()

    /// Where a field's values come from.
    private enum Source {
        /// One column, or several combined (the first set per row), by index.
        case columns([Int])
        /// A mapping's derived source.
        case derived(FieldSource)
        /// A boolean outcome column (`Converted`) standing in for a status column.
        case outcomeFlag(Int, whenTrue: String, whenFalse: String?)
    }

    /// A field's chosen source.
    private struct Choice {
        var field: CanonicalField
        var source: Source
        var origin: BoundField.Origin
        var vocabulary: ValueVocabulary?
        var format: FormatDeclaration?
        var nullWords: [String] = []
    }

    /// What binding one field produced.
    private struct Bound {
        var column: Column
        var convertedFrom: DataType?
        var format: String?
        var assumption: String?
        /// The one loaded column the values came from, where there is one (for `missing` cells).
        var sourceColumn: Int?
    }

    func bind(_ table: Table) throws -> Output {
        let sources = try chooseSources(in: table)
        var ledger = IssueLedger(table.origin?.cellIssues ?? [])
        let dateOrder = options.dateOrder ?? dateOrderEvidence(table, choices: sources.choices)
        let fields = try bindFields(sources, in: table, dateOrder: dateOrder, ledger: &ledger)
        let kept = keepUnboundColumns(of: table, claimed: sources.claimed, besides: fields.columns, dateOrder: dateOrder)

        var origin = table.origin
        if origin == nil, !ledger.issues.isEmpty {
            origin = TableOrigin(file: table.source ?? table.name, format: "data")
            origin?.columnNames = table.columnNames
        }
        origin?.cellIssues = ledger.sorted
        let report = TableBindingReport(
            table: canonical.name, sourceTable: table.name, source: table.source, fields: fields.bound,
            missingRequired: fields.missingRequired, missingOptional: fields.missingOptional, unknownValues: fields.unknown,
            unboundColumns: kept.columns.map(\.name), renamedColumns: kept.renames, notes: sources.notes,
            recognition: recognition?.reason, typedColumns: kept.typed)
        var names = kept.names
        for (field, choice) in sources.choices {
            if case .columns(let indices) = choice.source, indices.count == 1 { names[table.columns[indices[0]].name] = field }
        }
        let boundTable = Table(
            name: canonical.name, columns: fields.columns + kept.columns, rowCount: table.rowCount, source: table.source, origin: origin)
        return Output(table: boundTable, report: report, renamedColumns: names, loaded: table, claimed: sources.claimed)
    }

    /// Where each field's values come from, and which loaded columns that takes.
    private struct Sources {
        var choices: [String: Choice] = [:]
        var claimed = Set<Int>()
        var notes: [String] = []
        /// `IsWon` / `IsClosed` flags deciding leads' status row by row, if any.
        var flags = WordResolver.Flags()
    }

    /// The mapping's fields first, then each other field's best matching column (all of them
    /// for a field that combines its matches), then outcome flags for a status.
    private func chooseSources(in table: Table) throws -> Sources {
        var sources = Sources()
        for entry in mapping?.fields ?? [] {
            guard let field = canonical.field(named: entry.field), let source = entry.source else { continue }
            switch source {
            case .column(let name):
                let index = try mappedColumn(name, in: table, entry: entry)
                sources.claimed.insert(index)
                sources.choices[field.name] = Choice(
                    field: field, source: .columns([index]), origin: .mapping, vocabulary: field.vocabulary(forColumnNamed: name),
                    format: entry.format, nullWords: entry.nullWords)
            case .firstOf(let names):
                var indices: [Int] = []
                for name in names { indices.append(try mappedColumn(name, in: table, entry: entry)) }
                sources.claimed.formUnion(indices)
                sources.choices[field.name] = Choice(
                    field: field, source: .columns(indices), origin: .mapping,
                    vocabulary: field.vocabulary(forColumnNamed: names[0]), format: entry.format, nullWords: entry.nullWords)
            default:
                for name in source.columns { sources.claimed.insert(try mappedColumn(name, in: table, entry: entry)) }
                sources.choices[field.name] = Choice(
                    field: field, source: .derived(source), origin: .mapping, format: entry.format, nullWords: entry.nullWords)
            }
        }
        if mapping?.bindsOtherFieldsAutomatically ?? true {
            // Only the keys of this table's fields are ever looked up.
            let fieldKeys = Set(canonical.fields.flatMap(\.ranksByKey.keys))
            let columnKeys = ColumnKeyIndex(table, prefixes: canonical.columnPrefixes, keeping: fieldKeys)
            for field in canonical.fields where mapping?.field(named: field.name) == nil {
                let ranked = candidates(for: field, keys: columnKeys, excluding: sources.claimed)
                guard let best = ranked.first else { continue }
                let origin: BoundField.Origin = best.rank == 0 ? .canonicalName : .alias(field.aliases[best.rank - 1].name)
                let vocabulary = field.vocabulary(forRank: best.rank)
                if field.combinesMatches && ranked.count > 1 {
                    sources.claimed.formUnion(ranked.map(\.index))
                    sources.choices[field.name] = Choice(
                        field: field, source: .columns(ranked.map(\.index)), origin: origin, vocabulary: vocabulary)
                    continue
                }
                sources.claimed.insert(best.index)
                sources.choices[field.name] = Choice(field: field, source: .columns([best.index]), origin: origin, vocabulary: vocabulary)
                let others = ranked.dropFirst().map { table.columns[$0.index].name }
                if !others.isEmpty {
                    sources.notes.append("\(field.name) also matches \(others.joined(separator: ", ")) (kept unbound)")
                }
            }
        }
        sources.flags = try statusFlags(in: table, excluding: sources.claimed)
        if sources.flags.isEmpty, sources.choices["status"] == nil, mapping?.field(named: "status") == nil,
            let flag = outcomeFlag(in: table, excluding: sources.claimed)
        {
            sources.claimed.insert(flag.index)
            sources.choices["status"] = flag.choice
        }
        if let signature = recognition?.signature, let note = signature.note { sources.notes.append("\(signature.name): \(note)") }
        return sources
    }

    /// The bound fields' columns (schema order), their report entries, and what is missing.
    private struct Fields {
        var columns: [Column] = []
        var bound: [BoundField] = []
        var unknown: [UnknownValues] = []
        var missingRequired: [String] = []
        var missingOptional: [String] = []
    }

    /// Reads every chosen source into its field: coerced, combined or derived, translated to
    /// canonical words, required fields' empty cells in the ledger.
    private func bindFields(_ sources: Sources, in table: Table, dateOrder: DateOrder?, ledger: inout IssueLedger) throws -> Fields {
        var fields = Fields()
        var boundByName: [String: Column] = [:]
        var results: [String: (Bound, BoundField)] = [:]
        // Status last: an outcome flag reads the bound closed_at.
        let order = canonical.fields.filter { $0.name != "status" } + canonical.fields.filter { $0.name == "status" }
        for field in order {
            let choice = sources.choices[field.name]
            let fieldFlags = field.name == "status" && canonical.name == "leads" ? sources.flags : WordResolver.Flags()
            guard choice != nil || !fieldFlags.isEmpty else {
                if field.isRequired { fields.missingRequired.append(field.name) } else { fields.missingOptional.append(field.name) }
                continue
            }
            var result = try choice.map { (choice) throws -> Bound in
                try value(of: choice, in: table, dateOrder: dateOrder, ledger: &ledger, bound: boundByName)
            }
            var translated = 0
            let readsColumns: Bool = {
                guard let source = choice?.source else { return true }
                if case .columns = source { return true }
                return false
            }()
            let hasWords = choice?.vocabulary != nil || mapping?.values[field.name] != nil || !fieldFlags.isEmpty
            if field.type == .text, hasWords, readsColumns {
                let resolver = WordResolver(field: field.name, vocabulary: choice?.vocabulary, mapping: mapping, flags: fieldFlags)
                let resolved = resolver.resolve(result?.column, name: field.name, rowCount: table.rowCount)
                if result == nil { result = Bound(column: resolved.column) } else { result?.column = resolved.column }
                translated = resolved.translatedRowCount
                if let values = resolved.unknown { fields.unknown.append(values) }
            }
            guard var value = result else { continue }
            value.column.name = field.name
            if field.isRequired, let source = value.sourceColumn {
                ledger.markMissing(value.column, sourceColumn: source, field: field.name)
            }
            boundByName[field.name] = value.column
            let description = BoundField(
                field: field.name, column: choice.map { describe($0.source, in: table) } ?? "(flags)",
                origin: choice?.origin ?? .alias(fieldFlags.columnNames.joined(separator: ", ")),
                convertedFrom: value.convertedFrom, type: value.column.type, flagColumns: fieldFlags.columnNames,
                translatedRowCount: translated, format: value.format, assumption: value.assumption,
                source: choice.flatMap { mappingEquivalent($0.source, in: table) })
            results[field.name] = (value, description)
        }
        for field in canonical.fields {
            guard let (value, description) = results[field.name] else { continue }
            fields.columns.append(value.column)
            fields.bound.append(description)
        }
        return fields
    }

    /// The loaded columns no field took, typed where every value fits one format, renamed
    /// `<name>_raw` where a field's name is theirs.
    private func keepUnboundColumns(
        of table: Table, claimed: Set<Int>, besides bound: [Column], dateOrder: DateOrder?
    )
        -> (columns: [Column], renames: [ColumnRename], typed: [TypedColumn], names: [String: String])
    {
        var columns: [Column] = []
        var renames: [ColumnRename] = []
        var typed: [TypedColumn] = []
        var names: [String: String] = [:]
        let canonicalNames = Set(canonical.fields.map(\.name))
        // Every name in use, built only when a column must be renamed (rare): a header may have
        // a million columns, and those kept under their own names are in it already.
        var taken: Set<String>?
        let nullWords = nullWords()
        for (index, column) in table.columns.enumerated() where !claimed.contains(index) {
            var kept = column
            if let inferred = TableBinder.inferredType(of: column, nullWords: nullWords, dateOrder: dateOrder) {
                kept = inferred.column
                kept.name = column.name
                typed.append(TypedColumn(column: column.name, type: inferred.type, format: inferred.format))
            }
            if canonicalNames.contains(column.name) {
                var inUse = taken ?? Set(bound.map(\.name)).union(table.columnNames).union(renames.map(\.to))
                kept.name = SchemaBinder.freeName(column.name + "_raw", taken: inUse)
                inUse.insert(kept.name)
                taken = inUse
                renames.append(ColumnRename(from: column.name, to: kept.name))
                names[column.name] = kept.name
            }
            columns.append(kept)
        }
        return (columns, renames, typed, names)
    }

    /// The bound table, the report, and the name each loaded column has in the bound table.
    struct Output {
        var table: Table
        var report: TableBindingReport
        /// Loaded column name → bound name (`sales_agent` → `rep`, `rep` → `rep_raw`), for the
        /// columns whose name changed; the other unclaimed columns keep theirs.
        var renamedColumns: [String: String]
        /// The loaded table, and its columns that fields claimed.
        var loaded: Table
        var claimed: Set<Int>

        /// The name a loaded column has in the bound table, or `nil` where it is not there under
        /// one name (claimed by a field with others, or never loaded).
        func boundName(of column: String) -> String? {
            if let renamed = renamedColumns[column] { return renamed }
            guard let index = loaded.columnIndex(named: column), !claimed.contains(index) else { return nil }
            return column
        }
    }

    // MARK: - Values

    private func nullWords(_ extra: [String] = []) -> NullWords {
        NullWords(extra: options.nullWords + (mapping?.nullWords ?? []) + extra)
    }

    /// The column of a choice: coerced, combined or derived, with its issues in the ledger.
    private func value(
        of choice: Choice, in table: Table, dateOrder: DateOrder?, ledger: inout IssueLedger, bound: [String: Column]
    ) throws -> Bound {
        let field = choice.field
        let context = CoercionContext(
            declared: choice.format ?? mapping?.format, nullWords: nullWords(choice.nullWords), dateOrder: dateOrder)
        switch choice.source {
        case .columns(let indices):
            var parts: [Bound] = []
            for index in indices {
                let source = table.columns[index]
                let outcome = ColumnCoercion.coerce(source, to: field.type, context: context)
                try record(outcome.issues, column: index, field: field, table: table, ledger: &ledger)
                parts.append(
                    Bound(
                        column: outcome.column, convertedFrom: outcome.column.type != source.type ? source.type : nil,
                        format: outcome.format, assumption: outcome.assumption, sourceColumn: index))
            }
            guard parts.count > 1 else { return parts[0] }
            var combined = parts[0]
            combined.column = ColumnCombining.firstSet(parts.map(\.column), name: field.name)
            combined.sourceColumn = nil
            combined.format = parts.compactMap(\.format).first
            combined.assumption = parts.compactMap(\.assumption).first
            return combined
        case .outcomeFlag(let index, let whenTrue, let whenFalse):
            let outcome = ColumnCoercion.coerce(table.columns[index], to: .bool, context: context)
            try record(outcome.issues, column: index, field: field, table: table, ledger: &ledger)
            let closed = bound["closed_at"]
            let words = ColumnCombining.words(fromFlag: outcome.column, rowCount: table.rowCount) { row, flag in
                if flag { return whenTrue }
                if let whenFalse { return whenFalse }
                guard let closed else { return "lost" }
                return closed.isNull(row) ? "opportunity" : "lost"
            }
            return Bound(column: words, sourceColumn: index)
        case .derived(let source):
            return Bound(column: try derive(source, field: field, in: table, context: context, ledger: &ledger))
        }
    }

    /// A mapping's derived field.
    private func derive(
        _ source: FieldSource, field: CanonicalField, in table: Table, context: CoercionContext, ledger: inout IssueLedger
    ) throws -> Column {
        let entry = mapping?.field(named: field.name)
        switch source {
        case .column, .firstOf:
            preconditionFailure("columns are coerced, not derived")
        case .flag(let name, let whenTrue, let whenFalse):
            let index = try mappedColumn(name, in: table, entry: entry!)
            let outcome = ColumnCoercion.coerce(table.columns[index], to: .bool, context: context)
            try record(outcome.issues, column: index, field: field, table: table, ledger: &ledger)
            return ColumnCombining.words(fromFlag: outcome.column, rowCount: table.rowCount) { _, flag in flag ? whenTrue : whenFalse }
        case .whichIsSet(let clauses, let otherwise):
            var sets: [(Column, String)] = []
            for clause in clauses {
                let index = try mappedColumn(clause.column, in: table, entry: entry!)
                let outcome = ColumnCoercion.coerce(table.columns[index], to: .text, context: context)
                sets.append((outcome.column, clause.word))
            }
            return ColumnCombining.words(rowCount: table.rowCount) { row in
                sets.first { !$0.0.isNull(row) }?.1 ?? otherwise
            }
        case .exists(let other, let then, let otherwise):
            let (local, remote, target) = try linkedColumns(to: other, in: table, entry: entry!)
            let keys = Set((0..<remote.count).compactMap { remote.isNull($0) ? nil : remote.value(at: $0).description })
            return ColumnCombining.words(rowCount: table.rowCount) { row in
                _ = target
                return !local.isNull(row) && keys.contains(local.value(at: row).description) ? then : otherwise
            }
        case .lookup(let other, let columnName):
            let (local, remote, target) = try linkedColumns(to: other, in: table, entry: entry!)
            guard
                let values = target.column(named: columnName)
                    ?? target.columns.first(where: { SchemaName.key($0.name) == SchemaName.key(columnName) })
            else {
                throw DataError(
                    id: .mappingMissingColumn,
                    message: "tables.\(canonical.name).fields.\(field.name): table \(target.name) has no column '\(columnName)'"
                        + " (columns: \(target.columnNames.joined(separator: ", ")))",
                    location: entry?.location ?? SourceLocation(file: "<mapping>"))
            }
            var rowByKey: [String: Int] = [:]
            for row in 0..<remote.count where !remote.isNull(row) {
                let key = remote.value(at: row).description
                if rowByKey[key] == nil { rowByKey[key] = row }
            }
            let gathered = ColumnCombining.gather(values, rowCount: table.rowCount) { row in
                local.isNull(row) ? nil : rowByKey[local.value(at: row).description]
            }
            return ColumnCoercion.coerce(gathered, to: field.type, context: context).column
        }
    }

    /// The local and remote key columns, and the table, that link this table to `other`.
    private func linkedColumns(to other: String, in table: Table, entry: FieldMapping) throws -> (Column, Column, Table) {
        let location = entry.location ?? SourceLocation(file: "<mapping>")
        guard let target = related.tables[other] ?? related.tables.values.first(where: { SchemaName.key($0.name) == SchemaName.key(other) })
        else {
            throw DataError(
                id: .mappingMissingTable,
                message: "tables.\(canonical.name).fields.\(entry.field): no loaded table '\(other)'"
                    + " (loaded: \(related.tables.keys.sorted().joined(separator: ", ")))",
                location: location)
        }
        guard let keys = related.keys(from: table.name, to: target.name), let local = table.column(named: keys.local),
            let remote = target.column(named: keys.remote)
        else {
            throw DataError(
                id: .mappingNoLink,
                message: "tables.\(canonical.name).fields.\(entry.field): \(table.name) and \(target.name) share no key column; "
                    + "add {\"links\": [{\"from\": \"\(table.name).COLUMN\", \"to\": \"\(target.name).COLUMN\"}]}",
                location: location)
        }
        return (local, remote, target)
    }

    /// Adds a column's issues to the ledger, or, when strict, stops at the first unreadable cell.
    private func record(_ issues: [CellIssue], column: Int, field: CanonicalField, table: Table, ledger: inout IssueLedger) throws {
        guard !issues.isEmpty else { return }
        if options.strict, let first = issues.first(where: { $0.kind.isDamage }) {
            let count = issues.reduce(0) { $0 + ($1.kind.isDamage ? 1 : 0) }
            let others = count > 1 ? "; \(count) rows of this column fail" : ""
            let name = table.columns[column].name
            let via = name == field.name ? "" : " (column '\(name)')"
            let line = table.origin?.line(ofRow: first.row)
            throw DataError(
                id: .schemaBadValue,
                message: "\(canonical.name).\(field.name)\(via) of table \(table.name), row \(first.row + 1): "
                    + "'\(first.value)' is not \(Self.article(field.type))\(first.detail.map { " (\($0))" } ?? "")\(others)",
                file: table.source ?? table.name, line: line, column: line == nil ? nil : column + 1)
        }
        for var issue in issues {
            issue.column = column
            issue.field = field.name
            ledger.add(issue)
        }
    }

    /// The day/month order another column of this table proves, when no column contradicts it.
    private func dateOrderEvidence(_ table: Table, choices: [String: Choice]) -> DateOrder? {
        var found = Set<DateOrder>()
        for (index, column) in table.columns.enumerated() {
            guard case .text = column.data else { continue }
            let bound = choices.values.first { choice in
                if case .columns(let indices) = choice.source { return indices.contains(index) }
                return false
            }
            if let bound, bound.field.type != .timestamp && bound.field.type != .month { continue }
            if let order = ColumnCoercion.dateOrderEvidence(column) { found.insert(order) }
        }
        return found.count == 1 ? found.first : nil
    }

    /// A typed reading of an unbound text column whose every value fits one format.
    static func inferredType(
        of column: Column, nullWords: NullWords, dateOrder: DateOrder?
    )
        -> (column: Column, type: CanonicalType, format: String?)?
    {
        guard case .text = column.data,
            let (type, outcome) = ColumnCoercion.inferType(column, context: CoercionContext(nullWords: nullWords, dateOrder: dateOrder))
        else { return nil }
        return (outcome.column, type, outcome.format)
    }

    // MARK: - Columns

    /// How a choice's source reads in the report.
    private func describe(_ source: Source, in table: Table) -> String {
        switch source {
        case .columns(let indices):
            let names = indices.map { table.columns[$0].name }
            return names.count == 1 ? names[0] : names.joined(separator: " + ") + " (first set)"
        case .derived(let source): return source.description
        case .outcomeFlag(let index, let yes, let no):
            let name = table.columns[index].name
            if let no { return "\(name) (true → \(yes), false → \(no))" }
            let closed = hasCloseColumn(table) ? "lost where closed, else opportunity" : "lost: no close dates, every row counts as closed"
            return "\(name) (true → \(yes), false → \(closed))"
        }
    }

    /// The choice as a mapping file would write it, where one can.
    private func mappingEquivalent(_ source: Source, in table: Table) -> FieldSource? {
        switch source {
        case .columns(let indices):
            let names = indices.map { table.columns[$0].name }
            return names.count == 1 ? .column(names[0]) : .firstOf(names)
        case .derived(let source): return source
        case .outcomeFlag(let index, let yes, let no):
            // "Lost where closed, else open" has no mapping form; automatic binding does it.
            return no.map { .flag(column: table.columns[index].name, whenTrue: yes, whenFalse: $0) }
        }
    }

    /// Whether the table has a column `closed_at` binds to (an outcome flag's false rows are lost
    /// where it is set, open where not).
    private func hasCloseColumn(_ table: Table) -> Bool {
        canonical.field(named: "closed_at").map {
            !candidates(for: $0, keys: ColumnKeyIndex(table, prefixes: canonical.columnPrefixes, keeping: Set($0.ranksByKey.keys)), excluding: [])
                .isEmpty
        } ?? false
    }

    /// Unclaimed columns matching `field`, best first: direct key before the prefix-stripped key,
    /// then canonical name before aliases in their order, then load order.
    private func candidates(
        for field: CanonicalField, keys: ColumnKeyIndex, excluding claimed: Set<Int>
    )
        -> [(index: Int, rank: Int)]
    {
        // Per column, its first key (in candidate order) the field matches, and that key's rank.
        var best: [Int: (rank: Int, keyIndex: Int)] = [:]
        for (key, rank) in field.ranksByKey {
            for hit in keys.columns(withKey: key) where !claimed.contains(hit.column) {
                if let known = best[hit.column], known.keyIndex <= hit.keyIndex { continue }
                best[hit.column] = (rank, hit.keyIndex)
            }
        }
        return best.sorted { ($0.value.keyIndex, $0.value.rank, $0.key) < ($1.value.keyIndex, $1.value.rank, $1.key) }.map {
            ($0.key, $0.value.rank)
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
                id: .mappingAmbiguousColumn,
                message: "\(path): '\(name)' matches several columns of \(table.name): \(names); write one exactly",
                location: location)
        }
        throw DataError(
            id: .mappingMissingColumn,
            message: "\(path): table \(table.name) has no column '\(name)'"
                + " (columns: \(table.columnNames.joined(separator: ", ")))",
            location: location)
    }

    /// `IsWon` / `Is Closed Won` / `IsClosed` columns of a leads table whose status the mapping
    /// does not set, coerced to bool. They stay in the table as unbound columns.
    private func statusFlags(in table: Table, excluding claimed: Set<Int>) throws -> WordResolver.Flags {
        guard canonical.name == "leads", mapping?.field(named: "status") == nil else { return WordResolver.Flags() }
        // The first unclaimed column of each flag key, in one pass over a header of any width.
        let wanted = Set(WordResolver.Flags.wonKeys + WordResolver.Flags.closedKeys)
        var firstColumnByKey: [String: Int] = [:]
        for (index, column) in table.columns.enumerated() where !claimed.contains(index) {
            let key = SchemaName.key(column.name)
            if wanted.contains(key), firstColumnByKey[key] == nil { firstColumnByKey[key] = index }
        }
        func find(_ keys: [String]) throws -> Column? {
            for key in keys {
                if let index = firstColumnByKey[key] {
                    let column = table.columns[index]
                    let outcome = ColumnCoercion.coerce(column, to: .bool, context: CoercionContext(nullWords: nullWords()))
                    if options.strict, let bad = outcome.issues.first(where: { $0.kind.isDamage }) {
                        throw DataError(
                            id: .schemaBadValue,
                            message: "leads.status flag (column '\(column.name)') of table \(table.name), row \(bad.row + 1): "
                                + "'\(bad.value)' is not \(Self.article(.bool))",
                            file: table.source ?? table.name, line: table.origin?.line(ofRow: bad.row), column: index + 1)
                    }
                    var flag = outcome.column
                    flag.name = column.name
                    return flag
                }
            }
            return nil
        }
        return WordResolver.Flags(
            won: try find(WordResolver.Flags.wonKeys), closed: try find(WordResolver.Flags.closedKeys))
    }

    /// A boolean outcome column (`Converted`, `Won`) for a leads table with no status column:
    /// every value must read as a truth value.
    private func outcomeFlag(in table: Table, excluding claimed: Set<Int>) -> (index: Int, choice: Choice)? {
        guard let status = canonical.field(named: "status") else { return nil }
        let columnKeys = table.columns.map { SchemaName.valueKey($0.name) }
        for name in canonical.outcomeFlags {
            let key = SchemaName.valueKey(name)
            for (index, column) in table.columns.enumerated()
            where !claimed.contains(index) && columnKeys[index] == key {
                let outcome = ColumnCoercion.coerce(column, to: .bool, context: CoercionContext(nullWords: nullWords()))
                guard outcome.damageCount == 0, outcome.column.nullCount < outcome.column.count else { continue }
                let signature = recognition?.signature
                let whenTrue = signature?.outcomeWhenTrue ?? "won"
                return (
                    index,
                    Choice(
                        field: status, source: .outcomeFlag(index, whenTrue: whenTrue, whenFalse: signature?.outcomeWhenFalse),
                        origin: .outcomeFlag(column.name))
                )
            }
        }
        return nil
    }

    static func article(_ type: CanonicalType) -> String {
        switch type {
        case .identifier: return "an id"
        case .int: return "an integer"
        case .month: return "a month (YYYY-MM)"
        case .bool: return "a boolean (true/false, yes/no, y/n, 1/0)"
        default: return "a \(type)"
        }
    }
}

/// The cells of one table read as null, kept in row order and findable by cell.
/// Which columns each comparison key names, built once per binding: finding a field's columns
/// then costs its aliases, not a pass over every column, so binding stays linear in the number
/// of columns.
struct ColumnKeyIndex {
    private var hits: [String: [(column: Int, keyIndex: Int)]] = [:]

    /// Indexes every column's ``SchemaName/candidateKeys(_:prefixes:)`` (with `keeping`, only
    /// those keys).
    init(_ table: Table, prefixes: [String], keeping: Set<String>? = nil) {
        self.init(columnNames: table.columns.map(\.name), searching: SchemaName.searchPrefixes(prefixes), keeping: keeping)
    }

    /// Indexes the candidate keys of `columnNames` for prefixes already merged by
    /// ``SchemaName/searchPrefixes(_:)``; with `keeping`, only those keys (the only ones the
    /// caller will look up).
    init(columnNames: [String], searching searched: [String], keeping: Set<String>? = nil) {
        if keeping == nil { hits.reserveCapacity(columnNames.count) }
        for (column, name) in columnNames.enumerated() {
            for (keyIndex, key) in SchemaName.candidateKeys(name, searching: searched).enumerated()
            where keeping?.contains(key) ?? true {
                hits[key, default: []].append((column, keyIndex))
            }
        }
    }

    /// The columns with `key` among their candidate keys, in load order, and its place among them.
    func columns(withKey key: String) -> [(column: Int, keyIndex: Int)] { hits[key] ?? [] }
}

struct IssueLedger {
    private(set) var issues: [CellIssue]
    private var index: [Int: [Int: Int]] = [:]  // column → row → position in `issues`

    init(_ issues: [CellIssue]) {
        self.issues = issues
        for (i, issue) in issues.enumerated() { index[issue.column, default: [:]][issue.row] = i }
    }

    mutating func add(_ issue: CellIssue) {
        if let existing = index[issue.column]?[issue.row] {
            issues[existing] = issue
        } else {
            index[issue.column, default: [:]][issue.row] = issues.count
            issues.append(issue)
        }
    }

    /// Lists the null cells of a required field: an empty cell as missing, a null word as missing
    /// (keeping the word), damage as the damage it is.
    mutating func markMissing(_ column: Column, sourceColumn: Int, field: String) {
        guard column.nullCount > 0 else { return }
        for row in 0..<column.count where column.isNull(row) {
            if let existing = index[sourceColumn]?[row] {
                if issues[existing].kind == .nullWord { issues[existing].kind = .missing }
                issues[existing].field = field
            } else {
                add(CellIssue(row: row, column: sourceColumn, kind: .missing, value: "", field: field))
            }
        }
    }

    /// The issues in row, then column order.
    var sorted: [CellIssue] { issues.sorted { ($0.row, $0.column) < ($1.row, $1.column) } }
}
