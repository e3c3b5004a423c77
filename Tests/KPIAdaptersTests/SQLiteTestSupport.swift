import CSQLite
import Foundation
import KPICore
import Testing

/// A writable connection for building test databases with the C API (the adapter only reads).
final class TestDatabaseWriter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private var handle: OpaquePointer?

    /// Opens or creates `url` for writing.
    init(_ url: URL) throws {
        let code = sqlite3_open_v2(url.path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard code == SQLITE_OK else { throw Failure(description: "cannot create \(url.path): \(code)") }
    }

    deinit {
        close()
    }

    /// Runs one or more SQL statements.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw Failure(description: "\(text) in \(sql)")
        }
    }

    /// Inserts a blob into `table(column)`.
    func insertBlob(_ bytes: [UInt8], into table: String, column: String) throws {
        var statement: OpaquePointer?
        guard
            sqlite3_prepare_v2(handle, "INSERT INTO \(table) (\(column)) VALUES (?)", -1, &statement, nil) == SQLITE_OK
        else {
            throw Failure(description: "prepare failed")
        }
        defer { sqlite3_finalize(statement) }
        _ = bytes.withUnsafeBytes { sqlite3_bind_blob(statement, 1, $0.baseAddress, Int32($0.count), nil) }
        guard sqlite3_step(statement) == SQLITE_DONE else { throw Failure(description: "insert failed") }
    }

    /// Closes the connection (SQLite then checkpoints and deletes a `-wal` file).
    func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Creates `url` with `sql` and closes it.
    static func create(_ url: URL, _ sql: String) throws {
        let writer = try TestDatabaseWriter(url)
        try writer.execute(sql)
        writer.close()
    }
}

/// The `DataError` a throwing call produces, or `nil`.
func dataError(_ body: () throws -> Void) -> DataError? {
    do {
        try body()
        return nil
    } catch let error as DataError {
        return error
    } catch {
        return nil
    }
}

/// A database in WAL mode whose writer is still open: its `-wal` file holds changes not yet
/// checkpointed into the database. Close the writer when done.
func pendingWALDatabase(in directory: TemporaryDirectory) throws -> (url: URL, writer: TestDatabaseWriter) {
    let url = directory.url.appendingPathComponent("busy.sqlite")
    let writer = try TestDatabaseWriter(url)
    try writer.execute("PRAGMA journal_mode=WAL; CREATE TABLE t (a); INSERT INTO t VALUES (1);")
    return (url, writer)
}
