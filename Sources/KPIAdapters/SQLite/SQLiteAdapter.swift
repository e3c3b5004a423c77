import Foundation
import KPICore

/// Reads every table and view of an SQLite database into typed columnar tables, without ever
/// modifying the file.
///
/// The database is opened read-only and immutable (`file:…?mode=ro&immutable=1`): SQLite takes
/// no locks and creates no `-journal`, `-wal` or `-shm` files, so loading is safe on read-only
/// media and leaves the directory untouched. Because of that, the file must not be written by
/// another process during the load, and a database with un-checkpointed changes in a `-wal` file
/// is refused (`sqlite.pending-wal`) rather than read without them.
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
/// Errors: `sqlite.unreadable` (missing or unopenable file), `sqlite.not-a-database`,
/// `sqlite.corrupt`, `sqlite.pending-wal`, and `sqlite.error` for any other SQLite failure, whose
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
    public func load(_ url: URL, options: LoadOptions) throws -> [Table] {
        let file = url.relativePath
        try FileCheck.requireRegularFile(url, file: file, id: "sqlite.unreadable")
        // SQLite treats an empty file as an empty database; for a data file that is a mistake to report.
        if let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int, size == 0 {
            throw DataError(id: "sqlite.empty", message: "the file is empty: not a SQLite database with tables", file: file)
        }
        let connection = try SQLiteConnection(readOnly: url, file: file)
        return try Self.relationNames(in: connection).map { try Self.readTable(named: $0, from: connection) }
    }

    /// User tables and views, tables first, each group in creation order.
    private static func relationNames(in connection: SQLiteConnection) throws -> [String] {
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

    private static func readTable(named name: String, from connection: SQLiteConnection) throws -> Table {
        let statement = try connection.prepare("SELECT * FROM \(quotedIdentifier(name))")
        var builders: [SQLiteColumnBuilder] = []
        var usedNames = Set<String>()
        for index in 0..<statement.columnCount {
            let columnName = uniqueName(statement.columnName(index), in: &usedNames)
            builders.append(SQLiteColumnBuilder(name: columnName, declaredType: statement.declaredType(index)))
        }
        var rowCount = 0
        // Through a buffer pointer: no uniqueness check of the array for every cell.
        try builders.withUnsafeMutableBufferPointer { columns in
            while try statement.step() {
                for index in columns.indices {
                    columns[index].append(from: statement, column: index)
                }
                rowCount += 1
            }
        }
        return Table(name: name, columns: builders.map { $0.makeColumn() }, rowCount: rowCount, source: connection.file)
    }

    /// `"name"`, with embedded quotes doubled.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func uniqueName(_ name: String, in used: inout Set<String>) -> String {
        var candidate = name
        var suffix = 2
        while !used.insert(candidate).inserted {
            candidate = "\(name)_\(suffix)"
            suffix += 1
        }
        return candidate
    }
}
