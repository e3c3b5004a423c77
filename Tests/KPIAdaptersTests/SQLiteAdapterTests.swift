import Foundation
import KPIAdapters
import KPICore
import Testing

@Suite("SQLite adapter: tables, views and types")
struct SQLiteAdapterTests {
    static let schema = """
        CREATE TABLE deals (
            id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(40), amount REAL, qty NUMERIC,
            price DECIMAL(10,2), won BOOLEAN, closed_on DATE, closed_at DATETIME, created TEXT,
            note TEXT, anything, score INTEGER, flag BOOL);
        INSERT INTO deals (name, amount, qty, price, won, closed_on, closed_at, created, note, anything, score, flag) VALUES
            ('Acme', 1200.5, 3, 9.99, 1, '2024-04-01', '2024-04-01 10:30:00', '2024-03-01T09:00:00Z', 'first', 42, 7, 'true'),
            ('Bolt', NULL, 4, 10, 0, NULL, '2024-04-02', '2024-03-02', NULL, 43, 'n/a', 'no'),
            ('Café ☕', 3, NULL, 2.5, NULL, '2024-04-03', NULL, NULL, 'third', NULL, 9, NULL);
        CREATE TABLE events (kind, at, value);
        INSERT INTO events VALUES (1, '2024-01-01', 1), ('x', '2024-01-02T00:00:00Z', 2.5), (NULL, NULL, NULL);
        CREATE VIEW doubled AS
            SELECT d.id, d.name, d.amount * 2 AS twice, e.value AS id FROM deals d JOIN events e ON e.rowid = d.id;
        CREATE TABLE empty_one (a INTEGER, b TEXT, c BOOLEAN);
        CREATE TABLE nulls (d DATE, r REAL, u);
        INSERT INTO nulls VALUES (NULL, NULL, NULL);
        CREATE TABLE files (data BLOB);
        CREATE TABLE late_misfits (d TEXT, n);
        INSERT INTO late_misfits VALUES ('2024-01-01', '2024-01-01'), (NULL, NULL), ('2024-01-02 10:00', 5), ('soon', NULL);
        """

    /// Builds the schema in a fresh folder and loads it.
    private func loadSample() throws -> (tables: [Table], directory: TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("crm.sqlite")
        let writer = try TestDatabaseWriter(url)
        try writer.execute(Self.schema)
        try writer.insertBlob([0x0A, 0xFF], into: "files", column: "data")
        writer.close()
        return (try SQLiteAdapter().load(url, options: LoadOptions()), directory)
    }

    @Test("every table then every view loads under its own name; sqlite_* tables are skipped")
    func tableNames() throws {
        let (tables, _) = try loadSample()
        #expect(tables.map(\.name) == ["deals", "events", "empty_one", "nulls", "files", "late_misfits", "doubled"])
        #expect(tables.map(\.rowCount) == [3, 3, 0, 1, 1, 4, 3])
    }

    @Test("declared types decide, refined by the stored values")
    func declaredTypes() throws {
        let deals = try #require(try loadSample().tables.first)
        let types = Dictionary(uniqueKeysWithValues: deals.columns.map { ($0.name, $0.type) })
        #expect(
            types == [
                "id": .int, "name": .text, "amount": .double, "qty": .int, "price": .double, "won": .bool,
                "closed_on": .date, "closed_at": .timestamp, "created": .timestamp, "note": .text,
                "anything": .int, "score": .text, "flag": .bool,
            ])
        #expect(deals.columnNames.first == "id")
    }

    @Test("values arrive exactly, NULLs as nulls")
    func values() throws {
        let deals = try #require(try loadSample().tables.first)
        #expect(KPIAdaptersTests.values(deals, "id") == [.int(1), .int(2), .int(3)])
        #expect(KPIAdaptersTests.values(deals, "name") == [.text("Acme"), .text("Bolt"), .text("Café ☕")])
        #expect(KPIAdaptersTests.values(deals, "amount") == [.double(1200.5), .null, .double(3)])
        #expect(KPIAdaptersTests.values(deals, "qty") == [.int(3), .int(4), .null])
        #expect(KPIAdaptersTests.values(deals, "price") == [.double(9.99), .double(10), .double(2.5)])
        #expect(KPIAdaptersTests.values(deals, "won") == [.bool(true), .bool(false), .null])
        #expect(
            KPIAdaptersTests.values(deals, "closed_on") == [.date(ms("2024-04-01")), .null, .date(ms("2024-04-03"))])
        #expect(
            KPIAdaptersTests.values(deals, "closed_at") == [
                .timestamp(ms("2024-04-01T10:30:00Z")), .timestamp(ms("2024-04-02")), .null,
            ])
        #expect(
            KPIAdaptersTests.values(deals, "created") == [
                .timestamp(ms("2024-03-01T09:00:00Z")), .timestamp(ms("2024-03-02")), .null,
            ])
        #expect(KPIAdaptersTests.values(deals, "note") == [.text("first"), .null, .text("third")])
        #expect(KPIAdaptersTests.values(deals, "score") == [.text("7"), .text("n/a"), .text("9")])
        #expect(KPIAdaptersTests.values(deals, "flag") == [.bool(true), .bool(false), .null])
        #expect(deals.column(named: "name")?.validity == nil)
    }

    @Test("untyped columns infer from values, widening int to double and numbers to text")
    func untyped() throws {
        let events = try #require(try loadSample().tables.first { $0.name == "events" })
        #expect(KPIAdaptersTests.values(events, "kind") == [.text("1"), .text("x"), .null])
        #expect(
            KPIAdaptersTests.values(events, "at") == [
                .timestamp(ms("2024-01-01")), .timestamp(ms("2024-01-02")), .null,
            ])
        #expect(KPIAdaptersTests.values(events, "value") == [.double(1), .double(2.5), .null])
    }

    @Test("dates followed by a value that is not a date fall back to text, keeping every original")
    func lateMisfits() throws {
        let table = try #require(try loadSample().tables.first { $0.name == "late_misfits" })
        #expect(
            KPIAdaptersTests.values(table, "d") == [
                .text("2024-01-01"), .null, .text("2024-01-02 10:00"), .text("soon"),
            ])
        #expect(KPIAdaptersTests.values(table, "n") == [.text("2024-01-01"), .null, .text("5"), .null])
    }

    @Test("a view's expressions infer their type; SQLite itself renames repeated names")
    func view() throws {
        let view = try #require(try loadSample().tables.first { $0.name == "doubled" })
        #expect(view.columnNames == ["id", "name", "twice", "id:1"])
        #expect(KPIAdaptersTests.values(view, "twice") == [.double(2401), .null, .double(6)])
        #expect(KPIAdaptersTests.values(view, "id:1") == [.double(1), .double(2.5), .null])
    }

    @Test("empty and all-NULL columns take their declared types; blobs become hex text")
    func emptyAndBlob() throws {
        let tables = try loadSample().tables
        let empty = try #require(tables.first { $0.name == "empty_one" })
        #expect(empty.columns.map(\.type) == [.int, .text, .bool])
        let nulls = try #require(tables.first { $0.name == "nulls" })
        #expect(nulls.columns.map(\.type) == [.date, .double, .text])
        #expect(nulls.columns.map(\.nullCount) == [1, 1, 1])
        let files = try #require(tables.first { $0.name == "files" })
        #expect(KPIAdaptersTests.values(files, "data") == [.text("X'0AFF'")])
    }

    @Test("the adapter answers for .sqlite, .sqlite3 and .db")
    func extensions() {
        let adapter = SQLiteAdapter()
        #expect(adapter.name == "sqlite")
        for name in ["a.sqlite", "a.SQLITE3", "a.db"] { #expect(adapter.canRead(URL(fileURLWithPath: name))) }
        #expect(!adapter.canRead(URL(fileURLWithPath: "a.json")))
    }
}

@Suite("SQLite adapter: never writes, fails clearly")
struct SQLiteSafetyTests {
    @Test("loading leaves the file's bytes and its folder untouched, even for a WAL-mode database")
    func readOnly() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("wal.sqlite")
        try TestDatabaseWriter.create(
            url, "PRAGMA journal_mode=WAL; CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2);")
        let before = try Data(contentsOf: url)
        let listing = try directory.listing()
        #expect(listing == ["wal.sqlite"])

        let tables = try SQLiteAdapter().load(url, options: LoadOptions())

        #expect(tables.first?.rowCount == 2)
        let after = try Data(contentsOf: url)
        #expect(after == before)
        #expect(try directory.listing() == listing)
    }

    @Test("a database with un-checkpointed WAL changes is refused, not read without them")
    func pendingWAL() throws {
        let directory = try TemporaryDirectory()
        let (url, writer) = try pendingWALDatabase(in: directory)
        defer { writer.close() }
        let error = try #require(dataError { _ = try SQLiteAdapter().load(url, options: LoadOptions()) })
        #expect(error.id == "sqlite.pending-wal")
    }

    @Test("a file that is not a database is sqlite.not-a-database, naming the file")
    func notADatabase() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("leads.db")
        try Data("lead_id,created_at\n1,2024-01-01\n".utf8).write(to: url)
        let error = try #require(dataError { _ = try SQLiteAdapter().load(url, options: LoadOptions()) })
        #expect(error.id == "sqlite.not-a-database")
        #expect(error.location.file == url.relativePath)
        #expect(error.message == "\(url.relativePath) is not an SQLite database")
        // The result code, SQLite's text and the statement it refused are data, not message text;
        // the description shows them as before.
        #expect(error.description.contains("SQLite error 26"))
        #expect(error.description.contains("while executing `SELECT name FROM sqlite_master"))
        let database = try #require(error.database)
        #expect(database.resultCode == 26)
        #expect(database.engineMessage == "file is not a database")
        #expect(database.sql.hasPrefix("SELECT name FROM sqlite_master"))
    }

    @Test("a missing file or a folder is sqlite.unreadable")
    func unreadable() throws {
        let directory = try TemporaryDirectory()
        for url in [directory.url.appendingPathComponent("missing.sqlite"), directory.url] {
            let error = try #require(dataError { _ = try SQLiteAdapter().load(url, options: LoadOptions()) })
            #expect(error.id == "sqlite.unreadable")
        }
        #expect(try directory.listing().isEmpty)
    }

    @Test("an empty file is reported as sqlite.empty, not loaded as a database without tables")
    func emptyFile() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("empty.db")
        try Data().write(to: url)
        let error = try #require(dataError { _ = try SQLiteAdapter().load(url, options: LoadOptions()) })
        #expect(error.id == "sqlite.empty")
        #expect(try directory.listing() == ["empty.db"])
    }

    @Test("paths with spaces, URI delimiters and non-ASCII letters reach SQLite intact")
    func awkwardPath() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("odd #?% dir é")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("my db?&mode=rw.sqlite")
        try TestDatabaseWriter.create(
            url, "CREATE TABLE \"we\"\"ird\" (a TEXT); INSERT INTO \"we\"\"ird\" VALUES ('ok');")
        let tables = try SQLiteAdapter().load(url, options: LoadOptions())
        #expect(tables.map(\.name) == ["we\"ird"])
        #expect(tables.first.map { values($0, "a") } == [.text("ok")])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["my db?&mode=rw.sqlite"])
    }
}
