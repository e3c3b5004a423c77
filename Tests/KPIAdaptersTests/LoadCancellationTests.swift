import Foundation
import KPIAdapters
import KPICore
import Testing

/// A poll that says "stop" from its `stopAt`-th ask on, and counts the asks.
private final class CountingPoll: @unchecked Sendable {
    private let lock = NSLock()
    private var asks = 0
    let stopAt: Int

    init(stopAt: Int) { self.stopAt = stopAt }

    var count: Int { lock.withLock { asks } }

    var cancellation: LoadCancellation {
        LoadCancellation { [self] in
            lock.withLock {
                asks += 1
                return asks >= stopAt
            }
        }
    }
}

/// Issue 13: Ctrl-C stops a load part-way, in every adapter, instead of after the whole file —
/// the poll is asked every few thousand rows, and a stopped load keeps nothing.
@Suite("Load cancellation: every adapter asks as it reads")
struct LoadCancellationTests {
    static let rows = 100_000

    static var csvText: String {
        var text = "lead_id,source,amount\n"
        text.reserveCapacity(rows * 24)
        for i in 1...rows { text += "\(i),Web,\(i % 977).5\n" }
        return text
    }

    @Test("a CSV stops at an ask part-way through its records, sequential or chunked")
    func csv() throws {
        let text = Self.csvText
        // 2 MB: under the 4 MB threshold one chunk, so the asks come from inside the record loop.
        let poll = CountingPoll(stopAt: 3)
        #expect(throws: DataError.cancelled(file: "leads.csv")) {
            _ = try CSVAdapter.parse(text: text, fileName: "leads.csv", tableName: "leads", options: LoadOptions(cancellation: poll.cancellation))
        }
        #expect(poll.count >= 3)
        // Never asked to stop, the same file loads whole.
        let whole = try CSVAdapter.parse(text: text, fileName: "leads.csv", tableName: "leads", options: LoadOptions(cancellation: .never))
        #expect(whole.rowCount == Self.rows)
    }

    @Test("a CSV file read through the adapter stops too")
    func csvFile() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url.appendingPathComponent("leads.csv")
        try Self.csvText.write(to: url, atomically: true, encoding: .utf8)
        let poll = CountingPoll(stopAt: 2)
        do {
            _ = try CSVAdapter().load(url, options: LoadOptions(cancellation: poll.cancellation))
            Issue.record("the load ran to the end although cancelled")
        } catch {
            #expect(error.isCancellation)
        }
    }

    @Test("JSON and NDJSON stop every few thousand rows", arguments: [false, true])
    func json(lineDelimited: Bool) throws {
        let objects = (1...20_000).map { #"{"lead_id": \#($0), "source": "Web"}"# }
        let text = lineDelimited ? objects.joined(separator: "\n") : "[" + objects.joined(separator: ",\n") + "]"
        let poll = CountingPoll(stopAt: 3)
        #expect(throws: DataError.cancelled(file: "leads.json")) {
            _ = try JSONAdapter().tables(
                from: Data(text.utf8), file: "leads.json", tableName: "leads", isLineDelimited: lineDelimited,
                cancellation: poll.cancellation)
        }
        // Asked at rows 0, 4,096 and 8,192: stopped well before the end.
        #expect(poll.count == 3)
        let whole = try JSONAdapter().tables(from: Data(text.utf8), file: "leads.json", tableName: "leads", isLineDelimited: lineDelimited)
        #expect(whole.first?.rowCount == 20_000)
    }

    @Test("SQLite stops every few thousand rows")
    func sqlite() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url.appendingPathComponent("crm.sqlite")
        do {
            let writer = try TestDatabaseWriter(url)
            try writer.execute(
                """
                CREATE TABLE leads (lead_id INTEGER, source TEXT);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                INSERT INTO leads SELECT i, 'Web' FROM n;
                """)
        }
        let poll = CountingPoll(stopAt: 2)
        do {
            _ = try SQLiteAdapter().load(url, options: LoadOptions(cancellation: poll.cancellation))
            Issue.record("the load ran to the end although cancelled")
        } catch {
            #expect(error.isCancellation, "\(error)")
        }
        #expect(poll.count == 2)
        #expect(try SQLiteAdapter().load(url, options: LoadOptions()).first?.rowCount == 20_000)
    }

    @Test("options that differ only in their poll are equal")
    func identity() {
        #expect(LoadOptions(strict: true, cancellation: LoadCancellation { true }) == LoadOptions(strict: true))
    }
}
