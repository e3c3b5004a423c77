import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// Broken files reach the user as a `SessionError` whose text names `file:line:column` (where
/// the format has lines) and a stable id — through `Session.load`, never a crash or a silent drop.
/// A damaged CSV cell is such an error with `--strict`; by default the file loads, the cell is
/// null, and the rejects list it at the same line.
///
/// An unreadable file cannot be made with `chmod 000` here: the tests run as root, who reads
/// anything. What reliably fails to open, for any user, is a dangling symlink (the folder lists
/// it, opening it fails) and a directory whose name ends in a data extension.
@Suite("Malformed input gives located errors through Session.load")
struct MalformedInputTests {
    /// One broken file and the error it must give.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var contents: String
        var id: String
        var line: Int
        var column: Int
        /// For CSV: the rejected cell a lenient load lists instead (its 1-based field and reason).
        var rejected: (field: Int, reason: CellIssue.Kind)? = nil

        var testDescription: String { "\(id) in \(name)" }
    }

    static let located: [Case] = [
        Case(
            name: "leads.csv", contents: "lead_id,source\n1,\"Web\n", id: "csv.unterminated-quote", line: 2, column: 3,
            rejected: (2, .unterminatedQuote)),
        Case(
            name: "leads.csv", contents: "lead_id,source\n1,Web\n2\n3,Ads\n", id: "csv.ragged-row", line: 3, column: 2,
            rejected: (2, .missingField)),
        Case(name: "leads.csv", contents: "lead_id,source\n1,We\"b\n", id: "csv.stray-quote", line: 2, column: 5, rejected: (2, .strayQuote)),
        // A quoted line break makes physical lines and records differ: the error is on line 4.
        Case(
            name: "leads.csv", contents: "lead_id,source\n1,\"Web\nForm\"\n2,Ads,extra\n", id: "csv.ragged-row", line: 4, column: 7,
            rejected: (3, .extraFields)),
        // Columns count characters, not bytes: 'é' and '—' are one column each.
        Case(name: "leads.csv", contents: "lead_id,source\né—,x\"y\n", id: "csv.stray-quote", line: 2, column: 5, rejected: (2, .strayQuote)),
        Case(name: "leads.json", contents: "[{\"lead_id\": 1},\n {\"lead_id\": 2},\n]\n", id: "json.trailing-comma", line: 2, column: 16),
        Case(name: "leads.json", contents: "[{\"lead_id\": 1, \"source\": \"Web}]\n", id: "json.unterminated-string", line: 1, column: 27),
        Case(name: "leads.ndjson", contents: "{\"lead_id\": 1}\n{\"lead_id\": 2,}\n", id: "json.trailing-comma", line: 2, column: 14),
    ]

    @Test("a broken CSV or JSON file names file:line:column and a stable id (CSV: with --strict)", arguments: located)
    func locatedError(_ input: Case) throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write(input.name, input.contents)
        let session = try EngineFixture.session(strict: true)
        let error = try #require(throws: SessionError.self) { try session.load(path) }
        #expect(error.id.rawValue == input.id)
        let expectedPrefix = "\(path):\(input.line):\(input.column): error[\(input.id)]: "
        #expect(error.render().hasPrefix(expectedPrefix), "got: \(error.render())")
        #expect(session.dataset.tables.isEmpty, "nothing is loaded from a broken file")
    }

    @Test("leniently, a damaged CSV cell loads as null and the rejects name its line and field", arguments: located.filter { $0.rejected != nil })
    func lenientRejects(_ input: Case) throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write(input.name, input.contents)
        let session = try EngineFixture.session()
        try session.load(path)
        let rejected = try #require(input.rejected)
        #expect(
            session.rejectedCells.map { [$0.file, "\($0.line ?? 0)", "\($0.column)", $0.reason.rawValue] }
                == [[path, "\(input.line)", "\(rejected.field)", rejected.reason.rawValue]])
        #expect(session.dataset["leads"] != nil, "the rest of the file loads")
    }

    @Test("strict: a folder with one broken file loads nothing from the folder and names the broken file")
    func brokenFileInFolder() throws {
        let temp = try TemporaryDirectory()
        try temp.write("leads.csv", "lead_id,created_at,status\n1,2024-01-01,won\n")
        let bad = try temp.write("activities.csv", "activity_id,lead_id\n1,1\n2\n")
        let session = try EngineFixture.session(strict: true)
        let error = try #require(throws: SessionError.self) { try session.load(temp.url.path) }
        #expect(error.render().hasPrefix("\(bad):3:"), "got: \(error.render())")
        #expect(session.dataset["leads"] == nil)
        #expect(session.sources.isEmpty)
    }

    @Test("a failed load keeps the data loaded before it")
    func failedLoadKeepsEarlierData() throws {
        let temp = try TemporaryDirectory()
        let good = try temp.write("leads.csv", "lead_id,created_at,status\n1,2024-01-01,won\n2,2024-01-02,lost\n")
        let bad = try temp.write("activities.csv", "activity_id,\"lead_id\n1,1\n")
        let session = try EngineFixture.session()
        try session.load(good)
        #expect(throws: SessionError.self) { try session.load(bad) }
        #expect(try EngineFixture.scalar(session, "count(leads)").value == 2)
        #expect(session.sources == [good])
    }

    @Test("a missing path is load.not-found naming the path")
    func missingFile() throws {
        let temp = try TemporaryDirectory()
        let path = temp.path("nowhere.csv")
        let session = try EngineFixture.session()
        let error = try #require(throws: SessionError.self) { try session.load(path) }
        #expect(error.id == "load.not-found")
        #expect(error.render().hasPrefix("\(path): error[load.not-found]"))
    }

    @Test("a file no adapter reads is load.unsupported")
    func unsupportedFile() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("leads.xlsx", "PK")
        let session = try EngineFixture.session()
        let error = try #require(throws: SessionError.self) { try session.load(path) }
        #expect(error.id == "load.unsupported")
        #expect(error.render().hasPrefix("\(path): "))
    }

    @Test(
        "a listed file that cannot be opened (dangling symlink) is an unreadable error naming it",
        arguments: ["leads.csv", "leads.json", "leads.ndjson", "crm.sqlite"])
    func danglingSymlink(name: String) throws {
        let temp = try TemporaryDirectory()
        let link = temp.path(name)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: temp.path("missing-target"))
        let session = try EngineFixture.session()
        let error = try #require(throws: SessionError.self) { try session.load(temp.url.path) }
        #expect(error.id.rawValue.hasSuffix(".unreadable"), "got \(error.id)")
        #expect(error.render().hasPrefix("\(link): error["), "got: \(error.render())")
    }

    @Test("a directory named like a data file inside a loaded folder is an unreadable error", arguments: ["leads.csv", "leads.json", "crm.sqlite"])
    func directoryNamedLikeAFile(name: String) throws {
        let temp = try TemporaryDirectory()
        let folder = temp.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        let session = try EngineFixture.session()
        let error = try #require(throws: SessionError.self) { try session.load(folder.path) }
        #expect(error.id.rawValue.hasSuffix(".unreadable"), "got \(error.id)")
        #expect(error.render().hasPrefix(folder.appendingPathComponent(name).path + ": error["), "got: \(error.render())")
    }

    @Test("a .sqlite file that is not a database is sqlite.not-a-database naming the file")
    func notADatabase() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("crm.sqlite", String(repeating: "this is plain text, not SQLite\n", count: 64))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let session = try EngineFixture.session()
        let error = try #require(throws: SessionError.self) { try session.load(path) }
        #expect(error.id == "sqlite.not-a-database")
        #expect(error.render().hasPrefix("\(path): error[sqlite.not-a-database]"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "a failed open must not touch the file")
    }

    @Test("an unreadable JSON file's message says why in words, not a Foundation error code")
    func unreadableJSONMessage() throws {
        let temp = try TemporaryDirectory()
        let folder = temp.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("leads.json"), withIntermediateDirectories: true)
        let session = try EngineFixture.session()
        let error = try #require(throws: SessionError.self) { try session.load(folder.path) }
        #expect(error.id == "json.unreadable")
        #expect(!error.render().contains("NSCocoaErrorDomain"), "got: \(error.render())")

    }

    @Test("a zero-byte .sqlite file is reported instead of loading as no tables")
    func emptySQLiteFile() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("crm.sqlite", "")
        let session = try EngineFixture.session()
        let error = try #require(throws: SessionError.self) { try session.load(path) }
        #expect(error.render().hasPrefix("\(path): error[sqlite."))

        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty, "reading must not initialise the file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["crm.sqlite"])
    }

    @Test("strict: a value that does not convert to its field's type is schema.bad-value at file:line:column")
    func badValue() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("leads.csv", "lead_id,created_at,status\n1,2024-01-01,won\n2,31/12/2023,lost\n3,2024-02-01,won\n")
        let session = try EngineFixture.session(strict: true)
        let error = try #require(throws: SessionError.self) { try session.load(path) }
        #expect(error.id == "schema.bad-value")
        let text = error.render()
        #expect(text.hasPrefix("\(path):3:2: "), "got: \(text)")
        #expect(text.contains("created_at") && text.contains("row 2") && text.contains("31/12/2023"), "got: \(text)")
    }

    @Test("leniently, a value in another format than its column's is null and listed, and the rest reads")
    func lenientBadValue() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("leads.csv", "lead_id,created_at,status\n1,2024-01-01,won\n2,31/12/2023,lost\n3,2024-02-01,won\n")
        let session = try EngineFixture.session()
        try session.load(path)
        #expect(try EngineFixture.scalar(session, "count(leads)").value == 3)
        #expect(try EngineFixture.scalar(session, "count(leads) where created_at is null").value == 1)
        let cells = session.rejectedCells
        #expect(cells.count == 1)
        #expect(
            cells.first.map { ($0.line, $0.column, $0.field, $0.reason, $0.value) } ?? (nil, 0, "", .missing, "")
                == (3, 2, "created_at", .notADate, "31/12/2023"))
    }

    @Test("a mapping file with a JSON syntax error names mapping:line:column")
    func brokenMapping() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("mapping.json", "{\n  \"tables\": {\n    \"leads\": {\"from\": \"deals\",}\n  }\n}\n")
        let session = try EngineFixture.session()
        let error = try #require(throws: SessionError.self) { try session.useMapping(URL(fileURLWithPath: path)) }
        #expect(error.id == "mapping.syntax")
        #expect(error.render().hasPrefix("\(path):3:"), "got: \(error.render())")
    }

    @Test("an empty file is a located error or an empty table, never a crash", arguments: ["leads.csv", "leads.json", "leads.ndjson"])
    func emptyFile(name: String) throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write(name, "")
        let session = try EngineFixture.session()
        do {
            let tables = try session.load(path)
            #expect(tables.allSatisfy { session.dataset[$0]?.rowCount == 0 }, "\(name) loaded rows from nothing")
        } catch {
            #expect(error.render().hasPrefix(path), "\(name): \(error.render())")
        }
    }
}
