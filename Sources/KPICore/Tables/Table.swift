/// A named, columnar table: equal-length typed columns.
public struct Table: Sendable {
    /// The table's name (file stem, SQLite table name, or canonical name once bound).
    public var name: String
    /// The columns, in load order.
    public private(set) var columns: [Column]
    /// The number of rows.
    public let rowCount: Int
    /// Where it came from (a file path, `demo`), for messages.
    public var source: String?
    /// How it was read from its file (encoding, lines, skipped rows, cells read as null), when an
    /// adapter knows.
    public var origin: TableOrigin?

    private var indexByName: [String: Int]

    /// Creates a table.
    ///
    /// - Precondition: every column has `rowCount` rows and column names are unique.
    public init(name: String, columns: [Column], rowCount: Int? = nil, source: String? = nil, origin: TableOrigin? = nil) {
        let count = rowCount ?? columns.first?.count ?? 0
        for column in columns {
            precondition(column.count == count, "column \(column.name) has \(column.count) rows, table \(name) has \(count)")
        }
        self.name = name
        self.columns = columns
        self.rowCount = count
        self.source = source
        self.origin = origin
        var index: [String: Int] = [:]
        index.reserveCapacity(columns.count)
        for (i, column) in columns.enumerated() {
            precondition(index[column.name] == nil, "duplicate column \(column.name) in table \(name)")
            index[column.name] = i
        }
        indexByName = index
    }

    /// The column with this exact name.
    public func column(named name: String) -> Column? {
        indexByName[name].map { columns[$0] }
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// Replaces the column at `index` (same row count), or renames it.
    public mutating func replaceColumn(at index: Int, with column: Column) {
        precondition(column.count == rowCount, "column length differs from table length")
        if columns[index].name != column.name {
            precondition(indexByName[column.name] == nil, "duplicate column \(column.name)")
            indexByName[columns[index].name] = nil
            indexByName[column.name] = index
        }
        columns[index] = column
    }

    /// Appends a column (same row count, new name).
    public mutating func appendColumn(_ column: Column) {
        precondition(column.count == rowCount, "column length differs from table length")
        precondition(indexByName[column.name] == nil, "duplicate column \(column.name)")
        indexByName[column.name] = columns.count
        columns.append(column)
    }

    /// The index of the column with this exact name.
    public func columnIndex(named name: String) -> Int? { indexByName[name] }
}

/// The tables a session evaluates over, by name, and the links between them.
public struct Dataset: Sendable {
    /// The tables, in load order.
    public private(set) var tables: [Table]
    /// Keys that lead from a row of one table to a row of another (`leads.rep` →
    /// `sales_teams.sales_agent`), besides the canonical schema's own (``CanonicalSchema/links``).
    public var links: [TableLink]

    /// A dataset of these tables (later tables with a name already present replace earlier ones).
    public init(tables: [Table] = [], links: [TableLink] = []) {
        self.tables = []
        self.links = links
        for table in tables { insert(table) }
    }

    /// The table with this name.
    public subscript(name: String) -> Table? { tables.first { $0.name == name } }

    /// Adds a table, replacing one with the same name.
    public mutating func insert(_ table: Table) {
        if let i = tables.firstIndex(where: { $0.name == table.name }) {
            tables[i] = table
        } else {
            tables.append(table)
        }
    }

    /// Whether the dataset has this table and field.
    public func has(_ field: FieldPath) -> Bool {
        self[field.table]?.column(named: field.field) != nil
    }
}
