import KPICore

/// Builds small tables for schema tests: each column is `name: [cells]`, typed by `type`.
enum SchemaFixture {
    static func text(_ name: String, _ cells: [String?]) -> Column {
        Column(name: name, type: .text, values: cells.map { $0.map(Value.text) ?? .null })
    }

    static func int(_ name: String, _ cells: [Int64?]) -> Column {
        Column(name: name, type: .int, values: cells.map { $0.map(Value.int) ?? .null })
    }

    static func double(_ name: String, _ cells: [Double?]) -> Column {
        Column(name: name, type: .double, values: cells.map { $0.map(Value.double) ?? .null })
    }

    static func bool(_ name: String, _ cells: [Bool?]) -> Column {
        Column(name: name, type: .bool, values: cells.map { $0.map(Value.bool) ?? .null })
    }

    static func date(_ name: String, _ cells: [String?]) -> Column {
        Column(
            name: name, type: .date,
            values: cells.map { cell in cell.flatMap { ISO8601.parse($0) }.map { Value.date($0.milliseconds) } ?? .null
            })
    }

    static func table(_ name: String, source: String? = nil, _ columns: [Column]) -> Table {
        Table(name: name, columns: columns, source: source)
    }

    /// The cells of a column as display text (`null` for nulls).
    static func cells(_ table: Table?, _ column: String) -> [String] {
        guard let table, let column = table.column(named: column) else { return [] }
        return (0..<column.count).map { column.value(at: $0).description }
    }

    static func ms(_ iso: String) -> Int64 {
        ISO8601.parse(iso)?.milliseconds ?? Int64.min
    }
}
