import Foundation
import KPICore

/// Reads every table and view of an SQLite database into typed columnar tables, without ever
/// modifying the file.
///
/// The database is opened read-only and immutable (`file:…?mode=ro&immutable=1`): SQLite takes
/// no locks and creates no `-journal`, `-wal` or `-shm` files, so loading is safe on read-only
/// media and leaves the directory untouched. Because of that, the file must not be written by
/// another process during the load, and a database with un-checkpointed changes in a `-wal` file
/// is refused (`sqlite.pending-wal`) rather than read without them, as is one whose `-journal`
/// holds a transaction that never finished (`sqlite.hot-journal`), rather than read with its
/// uncommitted changes: rolling them back would write the file.
///
/// Each table keeps its SQLite name; internal `sqlite_*` tables are skipped. Column types come
/// from the declared type and the values actually stored:
///
/// | declared                        | type |
/// |---------------------------------|------|
/// | INTEGER, INT…                   | int |
/// | REAL, FLOAT, DOUBLE             | double |
/// | NUMERIC, DECIMAL, others        | int when every value is an integer, else double |
/// | BOOLEAN, BOOL                   | bool when values are 0/1 (or true/false words), else as stored |
/// | DATE                            | date (timestamp if some values have a time) |
/// | DATETIME, TIMESTAMP             | timestamp |
/// | TEXT, VARCHAR, CHAR, CLOB, none | text, or date/timestamp when every value is ISO-8601 |
///
/// Stored values widen the type instead of failing: int → double → text (a number in a text
/// column is written as text). Blobs become text as SQL hex literals (`X'0A1B'`). A column with
/// only NULLs takes its declared type (text when none). SQLite names a view's repeated columns
/// `id`, `id:1`; should a name still repeat, it gets a suffix (`id_2`). A column declared `INTEGER` holding 0/1 flags, such as a boolean
/// written by Python's `sqlite3`, stays int: only a BOOLEAN declaration makes a bool.
///
/// ```swift
/// let tables = try SQLiteAdapter().load(URL(fileURLWithPath: "crm.sqlite"), options: LoadOptions())
/// ```
///
/// A REAL that is infinite or NaN is a bad cell, as `1e400` is in CSV: null, and listed in the
/// table's ``TableOrigin/cellIssues`` (with ``LoadOptions/strict``, the error `sqlite.out-of-range`).
///
/// Errors: `sqlite.unreadable` (missing or unopenable file), `sqlite.not-a-database`,
/// `sqlite.corrupt`, `sqlite.pending-wal`, `sqlite.hot-journal`, `sqlite.out-of-range`, and `sqlite.error` for any other SQLite failure, whose
/// message holds SQLite's code and text and the SQL being run.
public struct SQLiteAdapter: DataAdapter {
    /// Creates the adapter.
    public init() {}

    /// `sqlite`.
    public var name: String { "sqlite" }

    /// `sqlite`, `sqlite3`, `db`.
    public var fileExtensions: [String] { ["sqlite", "sqlite3", "db"] }

    /// Reads every table and view.
    ///
    /// - Parameters:
    ///   - url: The database file.
    ///   - options: Unused: a database names its own tables.
    /// - Returns: The tables, then the views, in the order they were created; an empty array for
    ///   a database without any (an empty file is such a database).
    /// - Throws: A ``DataError`` (see the type's discussion for the ids).
    public func load(_ url: URL, options: LoadOptions) throws(DataError) -> [Table] {
        let file = url.relativePath
        try FileCheck.requireRegularFile(url, file: file, id: .sqliteUnreadable)
        // SQLite treats an empty file as an empty database; for a data file that is a mistake to report.
        if let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int, size == 0 {
            throw DataError(id: .sqliteEmpty, message: "the file is empty: not a SQLite database with tables", file: file)
        }
        let connection = try SQLiteConnection(readOnly: url, file: file)
        var tables: [Table] = []
        for name in try Self.relationNames(in: connection) {
            tables.append(try Self.readTable(named: name, from: connection, strict: options.strict, cancellation: options.cancellation))
        }
        return tables
    }

    /// Why an infinite or NaN REAL is not read, for cell issues and errors.
    static let outOfRangeDetail = "not a finite number: beyond ±1.8e308, the largest number a figure can hold"

    /// How SQLite's shell writes a non-finite REAL.
    static func text(ofNonFinite value: Double) -> String {
        value.isNaN ? "NaN" : value < 0 ? "-Inf" : "Inf"
    }

    /// User tables and views, tables first, each group in creation order.
    private static func relationNames(in connection: SQLiteConnection) throws(DataError) -> [String] {
        let sql = """
            SELECT name FROM sqlite_master \
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
            ORDER BY type = 'view', rowid
            """
        let statement = try connection.prepare(sql)
        var names: [String] = []
        while try statement.step() {
            let text = statement.text(0)
            names.append(String(decoding: text, as: UTF8.self))
        }
        return names
    }

    private static func readTable(
        named name: String, from connection: SQLiteConnection, strict: Bool, cancellation: LoadCancellation
    ) throws(DataError) -> Table {
        let statement = try connection.prepare("SELECT * FROM \(quotedIdentifier(name))")
        var builders: [SQLiteColumnBuilder] = []
        var usedNames = Set<String>()
        var nextSuffix: [String: Int] = [:]
        for index in 0..<statement.columnCount {
            let columnName = uniqueName(statement.columnName(index), in: &usedNames, nextSuffix: &nextSuffix)
            builders.append(SQLiteColumnBuilder(name: columnName, declaredType: statement.declaredType(index)))
        }
        var rowCount = 0
        // Through a buffer pointer: no uniqueness check of the array for every cell.
        var failure: DataError?
        builders.withUnsafeMutableBufferPointer { columns in
            // The closure catches: `withUnsafeMutableBufferPointer` would rethrow the DataError untyped.
            do throws(DataError) {
                while try statement.step() {
                    try cancellation.check(row: rowCount, file: connection.file)
                    for index in columns.indices {
                        columns[index].append(from: statement, column: index)
                    }
                    rowCount += 1
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        let columns = builders.map { $0.makeColumn() }
        var issues: [CellIssue] = []
        for (index, builder) in builders.enumerated() {
            for cell in builder.outOfRange {
                let value = text(ofNonFinite: cell.value)
                if strict {
                    throw DataError(
                        id: .sqliteOutOfRange,
                        message: "table \(name), row \(cell.row + 1), column \(builder.name): \(value) is \(outOfRangeDetail)",
                        file: connection.file)
                }
                issues.append(CellIssue(row: cell.row, column: index, kind: .notANumber, value: value, detail: outOfRangeDetail))
            }
        }
        guard !issues.isEmpty else {
            return Table(name: name, columns: columns, rowCount: rowCount, source: connection.file)
        }
        // Only a table with bad cells has an origin: it is where they are listed.
        var origin = TableOrigin(file: connection.file, format: "sqlite")
        origin.columnNames = columns.map(\.name)
        origin.cellIssues = issues.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        return Table(name: name, columns: columns, rowCount: rowCount, source: connection.file, origin: origin)
    }

    /// `"name"`, with embedded quotes doubled.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `name`, or `name_2`, `name_3`, … if taken; `nextSuffix` remembers where each name's
    /// suffixes stand, so many copies of one name stay linear.
    private static func uniqueName(_ name: String, in used: inout Set<String>, nextSuffix: inout [String: Int]) -> String {
        var candidate = name
        var suffix = nextSuffix[name] ?? 2
        while !used.insert(candidate).inserted {
            candidate = "\(name)_\(suffix)"
            suffix += 1
        }
        if candidate != name { nextSuffix[name] = suffix }
        return candidate
    }
}
