internal import CSQLite
import Foundation
import KPICore

/// A read-only connection that never touches the file: no journal, no `-wal`, no `-shm`.
///
/// Opened through a `file:` URI with `mode=ro&immutable=1`, so SQLite takes no locks and creates
/// no side files; the price is that it must not be used on a database another process is writing.
/// Closed in `deinit`; statements keep their connection alive.
final class SQLiteConnection {
    let handle: OpaquePointer
    /// The file label for errors.
    let file: String

    /// Opens `url` read-only and immutable.
    ///
    /// - Throws: `sqlite.unreadable` for a missing or unopenable file, `sqlite.pending-wal` when
    ///   a non-empty `-wal` file sits next to it, `sqlite.hot-journal` when a `-journal` holds an
    ///   unfinished transaction (``refuseHotJournal(path:file:)``).
    init(readOnly url: URL, file: String) throws(DataError) {
        self.file = file
        let path = url.standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw DataError(id: .sqliteUnreadable, message: "no such database file", file: file)
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DataError(id: .sqliteUnreadable, message: "the database file is not readable", file: file)
        }
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int
        if let walSize, walSize > 0 {
            // Plain `wal_checkpoint` copies the log into the database but leaves the -wal file
            // in place, so the next load would refuse again; TRUNCATE empties it.
            throw DataError(
                id: .sqlitePendingWAL,
                message:
                    "\(file)-wal holds changes not yet checkpointed into the database; a read-only load would miss them (run `sqlite3 \(file) 'PRAGMA wal_checkpoint(TRUNCATE);'` first)",
                file: file)
        }
        try Self.refuseHotJournal(path: path, file: file)
        var db: OpaquePointer?
        let code = sqlite3_open_v2(Self.immutableURI(path: path), &db, Self.openFlags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(db)
            throw DataError(
                id: .sqliteUnreadable, message: "cannot open the database: \(message) (SQLite error \(code))",
                file: file)
        }
        handle = db
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// The first bytes of a rollback journal that holds a transaction.
    static let journalMagic: [UInt8] = [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7]

    /// Throws `sqlite.hot-journal` when a `-journal` next to the database holds a transaction
    /// that never finished.
    ///
    /// The database file then holds pages the transaction changed but never committed; SQLite
    /// would roll them back from the journal before reading, but an immutable open skips that
    /// and reads them as they are (`sum(amount)` 28 where 496,200.15 is committed). Rolling back
    /// writes the database, which a load never does, so the load stops and says how to. A
    /// journal is taken as holding a transaction, as SQLite's own hot-journal test does, when it
    /// is not empty and its header is not zeroed (`journal_mode=PERSIST` zeroes it on commit);
    /// a header that is not a journal's is one SQLite would ignore, and so is it here.
    static func refuseHotJournal(path: String, file: String) throws(DataError) {
        guard let journal = FileHandle(forReadingAtPath: path + "-journal") else { return }
        defer { try? journal.close() }
        let header = (try? journal.read(upToCount: journalMagic.count)).map { [UInt8]($0) } ?? []
        guard header == journalMagic else { return }
        let reason =
            isBeingWritten(path: path)
            ? "another program is writing the database right now (\(file)-journal holds its unfinished transaction); load it again once it has finished"
            : "\(file)-journal holds a transaction that never finished (a program writing the database stopped mid-way), so the database file holds changes that were never committed; open it once with SQLite to roll them back (`sqlite3 \(file) 'SELECT count(*) FROM sqlite_master;'`), then load it again — a load never writes to a data file, so it will not roll back itself"
        throw DataError(id: .sqliteHotJournal, message: reason, file: file)
    }

    /// Whether a live connection holds the database's RESERVED lock: it is in a write transaction.
    private static func isBeingWritten(path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        // SQLite's RESERVED lock is a POSIX lock on the byte after the PENDING byte (2^30 + 1).
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0x4000_0001
        lock.l_len = 1
        guard fcntl(fd, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }

    /// Read-only, URI filename; no mutex, because a connection never leaves the load that opened it.
    private static let openFlags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX

    /// The `file:` URI for `path`, percent-encoding every byte outside RFC 3986's unreserved set
    /// (and `/`), so `?`, `#`, `%`, spaces and non-ASCII names reach SQLite intact.
    static func immutableURI(path: String) -> String {
        var encoded = "file://"
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded + "?mode=ro&immutable=1"
    }

    /// Compiles one statement.
    func prepare(_ sql: String) throws(DataError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code: code, sql: sql) }
        return SQLiteStatement(handle: statement, sql: sql, connection: self)
    }

    /// A ``DataError`` for result code `code`, with SQLite's message and the SQL (GRDB-style).
    func error(code: Int32, sql: String) -> DataError {
        var error: DataError
        switch code & 0xFF {
        case SQLITE_NOTADB:
            error = DataError(id: .sqliteNotADatabase, message: "\(file) is not an SQLite database", file: file)
        case SQLITE_CORRUPT:
            error = DataError(id: .sqliteCorrupt, message: "the database is damaged", file: file)
        case SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_PERM, SQLITE_AUTH:
            error = DataError(id: .sqliteUnreadable, message: "the database cannot be read", file: file)
        default:
            error = DataError(id: .sqliteError, message: "SQLite could not read the database", file: file)
        }
        // The code, SQLite's text and the SQL stay data; the description shows them.
        error.database = DatabaseFailure(resultCode: code, engineMessage: String(cString: sqlite3_errmsg(handle)), sql: sql)
        return error
    }
}

/// A prepared statement, finalized in `deinit`.
final class SQLiteStatement {
    let handle: OpaquePointer
    /// The SQL, for error messages.
    let sql: String
    private let connection: SQLiteConnection

    fileprivate init(handle: OpaquePointer, sql: String, connection: SQLiteConnection) {
        self.handle = handle
        self.sql = sql
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Advances to the next row; `false` when there is none.
    func step() throws(DataError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw connection.error(code: code, sql: sql)
        }
    }

    /// The number of result columns.
    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of result column `index`.
    func columnName(_ index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? "column\(index + 1)"
    }

    /// The declared type of result column `index`, when it is a table column.
    func declaredType(_ index: Int) -> String? {
        sqlite3_column_decltype(handle, Int32(index)).map { String(cString: $0) }
    }

    /// The storage class of column `index` in the current row.
    @inline(__always) func storageClass(_ index: Int) -> SQLiteStorageClass {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .real
        case SQLITE_TEXT: return .text
        case SQLITE_BLOB: return .blob
        default: return .null
        }
    }

    @inline(__always) func int64(_ index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

    @inline(__always) func double(_ index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    /// The UTF-8 text of column `index`; valid until the next step.
    @inline(__always) func text(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let pointer = sqlite3_column_text(handle, Int32(index))
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        return UnsafeBufferPointer(start: count == 0 ? nil : pointer, count: count)
    }

    /// The bytes of blob column `index`; valid until the next step.
    func blob(_ index: Int) -> UnsafeRawBufferPointer {
        let pointer = sqlite3_column_blob(handle, Int32(index))
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        return UnsafeRawBufferPointer(start: count == 0 ? nil : pointer, count: count)
    }
}

/// SQLite's five storage classes: what a cell actually holds, whatever the column declares.
enum SQLiteStorageClass {
    case null, integer, real, text, blob
}
