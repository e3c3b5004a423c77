import KPICore

/// What a loaded table looks like from outside: its name, column names in order, and row count.
public struct TableShape: Sendable, Hashable, CustomStringConvertible {
    /// The table's name.
    public var name: String
    /// Its column names, in order.
    public var columns: [String]
    /// Its number of rows.
    public var rowCount: Int

    /// Creates the shape a test expects.
    public init(name: String, columns: [String], rowCount: Int) {
        self.name = name
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The shape of a loaded table.
    public init(of table: Table) {
        self.init(name: table.name, columns: table.columnNames, rowCount: table.rowCount)
    }

    /// `leads (lead_id, source) × 6 rows`.
    public var description: String { "\(name) (\(columns.joined(separator: ", "))) × \(rowCount) rows" }
}
