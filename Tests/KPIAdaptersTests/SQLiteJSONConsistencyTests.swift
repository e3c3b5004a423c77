import Foundation
import KPIAdapters
import KPICore
import Testing

/// The CRM generator shipped with the project (`KPIKIT_GEN_CRM` overrides its path), and
/// whether python3 with numpy can run it.
enum CRMGenerator {
    static let script = URL(
        fileURLWithPath: ProcessInfo.processInfo.environment["KPIKIT_GEN_CRM"] ?? "/work/shared/tools/gen_crm.py")

    static let isAvailable: Bool = {
        guard FileManager.default.fileExists(atPath: script.path) else { return false }
        return (try? run(["-c", "import numpy"])) == 0
    }()

    /// Runs `python3 arguments…` and returns its exit status.
    @discardableResult
    static func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("JSON, NDJSON and SQLite agree on the same generated CRM")
struct SQLiteJSONConsistencyTests {
    @Test(
        "every table has the same rows, column names and types in all three formats (booleans are int in SQLite)",
        .enabled(if: CRMGenerator.isAvailable, "needs python3 with numpy and shared/tools/gen_crm.py"))
    func sameData() throws {
        let directory = try TemporaryDirectory()
        let status = try CRMGenerator.run([
            CRMGenerator.script.path, "--leads", "200", "--seed", "1", "--out", directory.url.path,
            "--formats", "json,ndjson,sqlite", "--no-hash",
        ])
        try #require(status == 0)
        let sqliteTables = try SQLiteAdapter().load(
            directory.url.appendingPathComponent("crm.sqlite"), options: LoadOptions())
        #expect(sqliteTables.map(\.name).contains("leads"))

        for sqlite in sqliteTables {
            let json = try #require(
                try JSONAdapter().load(
                    directory.url.appendingPathComponent("\(sqlite.name).json"), options: LoadOptions()
                ).first)
            let ndjson = try #require(
                try JSONAdapter().load(
                    directory.url.appendingPathComponent("\(sqlite.name).ndjson"), options: LoadOptions()
                ).first)
            #expect(json.name == sqlite.name && ndjson.name == sqlite.name)
            #expect(json.rowCount == sqlite.rowCount && ndjson.rowCount == sqlite.rowCount, "\(sqlite.name)")
            #expect(
                json.columnNames == sqlite.columnNames && ndjson.columnNames == sqlite.columnNames, "\(sqlite.name)")
            #expect(json.columns.map(\.type) == ndjson.columns.map(\.type), "\(sqlite.name)")
            // SQLite has no boolean storage: the generator writes 0/1 into INTEGER columns.
            #expect(
                json.columns.map { $0.type == .bool ? .int : $0.type } == sqlite.columns.map(\.type), "\(sqlite.name)")
            for (column, sqliteColumn) in zip(json.columns, sqlite.columns) where column.type != .bool {
                let same = (0..<json.rowCount).allSatisfy { column.value(at: $0) == sqliteColumn.value(at: $0) }
                #expect(same, "\(sqlite.name).\(column.name) differs")
            }
        }

        let leads = try #require(sqliteTables.first { $0.name == "leads" })
        #expect(leads.rowCount == 200)
        #expect(leads.column(named: "nurtured")?.type == .int)
        #expect(leads.column(named: "created_at")?.type == .timestamp)
        #expect(leads.column(named: "amount")?.type == .double)
    }
}
