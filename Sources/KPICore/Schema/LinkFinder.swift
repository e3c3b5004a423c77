/// Finds the links between loaded tables: a mapping's `links`, and key columns two tables share.
///
/// A shared key links table A to table B when both have a column of that name (compared by
/// key), both hold ids (int or text), the column is unique in B, and the two share values (half
/// of A's, or half of B's). A column linking A to B in two ways is ambiguous and left out, with a
/// note. Pairs of canonical tables are left to the canonical schema's own links, and generic
/// names (`id`, `name`, `status`, …) never link by themselves.
struct LinkFinder {
    let mapping: Mapping?

    /// Keys too generic to mean the same thing in two tables.
    static let genericKeys: Set<String> = [
        "id", "name", "title", "type", "status", "stage", "date", "created", "createdat", "createddate", "createdate",
        "value", "amount", "description", "notes", "note", "owner", "source", "month", "year", "count",
    ]

    /// The links among `tables` (by loaded names); `canonical` holds the indices of tables bound
    /// to canonical tables.
    func links(among tables: [Table], canonical: Set<Int>, notes: inout [String]) throws -> [LoadedLink] {
        var links: [LoadedLink] = []
        for entry in mapping?.links ?? [] {
            let (from, key) = try resolve(entry.table, entry.column, in: tables, entry: entry)
            let (to, targetKey) = try resolve(entry.target, entry.targetColumn, in: tables, entry: entry)
            links.append(LoadedLink(table: from, column: key, target: to, targetColumn: targetKey, origin: .mapping))
        }
        var uniqueness: [String: Bool] = [:]
        func isUnique(_ table: Table, _ column: Column) -> Bool {
            let id = table.name + "\u{0}" + column.name
            if let known = uniqueness[id] { return known }
            var seen = Set<String>()
            var unique = true
            for row in 0..<column.count where !column.isNull(row) {
                if !seen.insert(column.value(at: row).description).inserted {
                    unique = false
                    break
                }
            }
            uniqueness[id] = unique
            return unique
        }
        for (a, source) in tables.enumerated() {
            for (b, target) in tables.enumerated() where a != b && !(canonical.contains(a) && canonical.contains(b)) {
                if links.contains(where: { $0.table == source.name && $0.target == target.name }) { continue }
                var found: [LoadedLink] = []
                for column in source.columns where Self.isKeyLike(column) {
                    let key = SchemaName.valueKey(column.name)
                    guard !key.isEmpty, !Self.genericKeys.contains(key),
                        let remote = target.columns.first(where: { SchemaName.valueKey($0.name) == key && Self.isKeyLike($0) }),
                        isUnique(target, remote), Self.sharesValues(column, remote)
                    else { continue }
                    found.append(
                        LoadedLink(table: source.name, column: column.name, target: target.name, targetColumn: remote.name, origin: .sharedName))
                }
                if found.count == 1 {
                    links.append(found[0])
                } else if found.count > 1 {
                    notes.append(
                        "\(source.name) shares several key columns with \(target.name) (\(found.map(\.column).joined(separator: ", "))); "
                            + "no link made — say which in the mapping's \"links\"")
                }
            }
        }
        return links
    }

    private func resolve(_ tableName: String, _ columnName: String, in tables: [Table], entry: LinkMapping) throws -> (String, String) {
        let location = entry.location ?? SourceLocation(file: mapping?.file ?? "<mapping>")
        guard
            let table = tables.first(where: { $0.name == tableName }) ?? tables.first(where: { SchemaName.key($0.name) == SchemaName.key(tableName) })
        else {
            throw DataError(
                id: .mappingMissingTable,
                message: "links: no loaded table '\(tableName)' (loaded: \(tables.map(\.name).joined(separator: ", ")))", location: location)
        }
        guard let column = table.column(named: columnName) ?? table.columns.first(where: { SchemaName.key($0.name) == SchemaName.key(columnName) })
        else {
            throw DataError(
                id: .mappingMissingColumn,
                message: "links: table \(table.name) has no column '\(columnName)' (columns: \(table.columnNames.joined(separator: ", ")))",
                location: location)
        }
        return (table.name, column.name)
    }

    /// Ids are ints or text; dates, amounts and flags are not keys.
    static func isKeyLike(_ column: Column) -> Bool {
        switch column.data {
        case .int, .text: return column.nullCount < column.count
        default: return false
        }
    }

    /// Whether half of `a`'s distinct values are in `b`, or half of `b`'s in `a`.
    static func sharesValues(_ a: Column, _ b: Column) -> Bool {
        func values(_ c: Column) -> Set<String> {
            var out = Set<String>()
            for row in 0..<c.count where !c.isNull(row) { out.insert(c.value(at: row).description) }
            return out
        }
        let left = values(a)
        let right = values(b)
        let common = left.intersection(right).count
        return common > 0 && (common * 2 >= left.count || common * 2 >= right.count)
    }
}
