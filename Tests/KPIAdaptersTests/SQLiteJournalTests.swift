import Foundation
import KPICore
import Testing

@testable import KPIAdapters

/// A database whose writer died mid-transaction: its `-journal` is hot and its file holds pages
/// that were never committed. Reading it as it is would count them.
@Suite("SQLite rollback journals")
struct SQLiteJournalTests {
    /// Commits three deals worth 496,200.15 and 4,000 filler rows; then, in a transaction, sets
    /// every amount to 7 and rewrites the filler, so that with a two-page cache the deals' page is
    /// written to the database file before any commit; copies the database and its journal as a
    /// writer that died then would leave them, and rolls the original back. Read as it is, the
    /// copy sums to 21.
    static func crashedCopy(in directory: TemporaryDirectory) throws -> URL {
        let live = directory.url.appendingPathComponent("live.sqlite")
        let copy = directory.url.appendingPathComponent("crm.sqlite")
        let writer = try TestDatabaseWriter(live)
        defer { writer.close() }
        try writer.execute(
            """
            PRAGMA journal_mode=DELETE; PRAGMA cache_size=2;
            CREATE TABLE deals (deal_id INTEGER PRIMARY KEY, amount REAL);
            INSERT INTO deals VALUES (1, 250000.00), (2, 146200.15), (3, 100000.00);
            CREATE TABLE filler (i INTEGER PRIMARY KEY, note TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
            INSERT INTO filler SELECT i, printf('%.400c', 'x') FROM n;
            """)
        try writer.execute("BEGIN; UPDATE deals SET amount = 7; UPDATE filler SET note = printf('%.400c', 'y');")
        try FileManager.default.copyItem(at: live, to: copy)
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: live.path + "-journal"), to: URL(fileURLWithPath: copy.path + "-journal"))
        try writer.execute("ROLLBACK;")
        return copy
    }

    /// The sum of the deals' amounts in `table`.
    static func total(_ table: Table) throws -> Double {
        let amounts = try #require(table.column(named: "amount"))
        return (0..<amounts.count).reduce(0.0) { sum, row in
            if case .double(let v) = amounts.value(at: row) { return sum + v }
            return sum
        }
    }

    @Test("a hot -journal is refused with sqlite.hot-journal and how to roll it back; the files are not touched")
    func hotJournalRefused() throws {
        let directory = try TemporaryDirectory()
        let url = try Self.crashedCopy(in: directory)
        let journal = URL(fileURLWithPath: url.path + "-journal")
        let before = (try Data(contentsOf: url), try Data(contentsOf: journal))
        let error = try #require(dataError { _ = try SQLiteAdapter().load(url, options: LoadOptions()) })
        #expect(error.id == "sqlite.hot-journal")
        #expect(error.message.contains("never finished"))
        #expect(error.message.contains("sqlite3 \(url.relativePath)"))
        #expect(try Data(contentsOf: url) == before.0)
        #expect(try Data(contentsOf: journal) == before.1)
    }

    @Test("once SQLite has rolled the journal back, the committed 496,200.15 loads")
    func afterRollback() throws {
        let directory = try TemporaryDirectory()
        let url = try Self.crashedCopy(in: directory)
        // What the message advises: any read through SQLite rolls a hot journal back.
        try TestDatabaseWriter(url).execute("SELECT count(*) FROM sqlite_master;")
        let table = try #require(try SQLiteAdapter().load(url, options: LoadOptions()).first)
        #expect(table.rowCount == 3)
        #expect(abs(try Self.total(table) - 496_200.15) < 1e-6)
    }

    @Test("an empty or zeroed journal (journal_mode TRUNCATE or PERSIST after a commit) is not hot")
    func coldJournals() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("crm.sqlite")
        try TestDatabaseWriter.create(url, "CREATE TABLE deals (amount REAL); INSERT INTO deals VALUES (5);")
        let journal = URL(fileURLWithPath: url.path + "-journal")
        for content in [Data(), Data(repeating: 0, count: 512)] {
            try content.write(to: journal)
            #expect(try SQLiteAdapter().load(url, options: LoadOptions()).first?.rowCount == 1)
        }
    }

    @Test("the pending-WAL advice is wal_checkpoint(TRUNCATE), which empties the -wal file")
    func walAdvice() throws {
        let directory = try TemporaryDirectory()
        let (url, writer) = try pendingWALDatabase(in: directory)
        defer { writer.close() }
        let error = try #require(dataError { _ = try SQLiteAdapter().load(url, options: LoadOptions()) })
        #expect(error.message.contains("PRAGMA wal_checkpoint(TRUNCATE);"))
        // The advice works: after it, the same database loads.
        try writer.execute("PRAGMA wal_checkpoint(TRUNCATE);")
        #expect(try SQLiteAdapter().load(url, options: LoadOptions()).first?.rowCount == 1)
    }
}
