import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// Loading a SQLite file never writes to it: the bytes stay identical and no journal, WAL or
/// shared-memory file appears beside it — also for a database in WAL mode, which SQLite would
/// normally open with a `-shm` file.
@Suite("SQLite files are read without being touched", .enabled(if: GeneratedCRM.isAvailable))
struct ReadOnlySQLiteTests {
    /// A private copy of the generated `crm.sqlite`, so other tests reading the shared one cannot
    /// make or hide side files.
    private func privateCopy(in temp: TemporaryDirectory) throws -> URL {
        let source = try GeneratedCRM.require().folder(.sqlite).appendingPathComponent("crm.sqlite")
        let copy = temp.url.appendingPathComponent("crm.sqlite")
        try FileManager.default.copyItem(at: source, to: copy)
        return copy
    }

    private func loadAndQuery(_ file: URL) throws {
        let session = try EngineFixture.session()
        let tables = try session.load(file.path)
        #expect(tables.contains("leads"))
        #expect(try EngineFixture.scalar(session, "count(leads)").value == Double(GeneratedCRM.leadCount))
        _ = try session.evaluate("lead_conversion_rate by source")
    }

    @Test("crm.sqlite is byte-for-byte unchanged and no -wal, -shm or -journal file appears")
    func generatedDatabaseUntouched() throws {
        let temp = try TemporaryDirectory()
        let file = try privateCopy(in: temp)
        let before = try Data(contentsOf: file)
        let modified = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date

        try loadAndQuery(file)
        try loadAndQuery(file)

        #expect(try Data(contentsOf: file) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date == modified)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["crm.sqlite"])
    }

    @Test("a WAL-mode database is read without creating -wal or -shm files", .enabled(if: Self.pythonHasSQLite))
    func walDatabaseUntouched() throws {
        let temp = try TemporaryDirectory()
        let file = try privateCopy(in: temp)
        // Python's sqlite3 switches the header to WAL; closing checkpoints and removes the side files.
        let script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma journal_mode=wal'); c.close()"
        let run = try #require(Subprocess.run(["python3", "-c", script, file.path]))
        try #require(run.status == 0, "python3 could not switch to WAL: \(run.stderr)")
        try #require(FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["crm.sqlite"])
        let before = try Data(contentsOf: file)
        try #require(before.count > 19 && before[18] == 2 && before[19] == 2, "header bytes 18/19 mark WAL mode")

        try loadAndQuery(file)

        #expect(try Data(contentsOf: file) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["crm.sqlite"])
    }

    static let pythonHasSQLite: Bool = Subprocess.run(["python3", "-c", "import sqlite3"])?.status == 0
}
