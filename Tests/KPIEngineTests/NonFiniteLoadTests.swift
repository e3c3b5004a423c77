import CSQLite
import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// Huge and infinite numbers in every format: a bad cell where a double cannot hold them, a
/// right answer or a null with a note where their sum overflows — never a trap, never a silent null.
@Suite("Huge and non-finite numbers from every adapter")
struct NonFiniteLoadTests {
    static let header = "lead_id,created_at,source,rep,status,closed_at,amount\n"

    static func leadRow(_ id: Int, amount: String) -> String {
        "\(id),2024-01-0\(id),Web,Ann,won,2024-02-0\(id),\(amount)\n"
    }

    static func undefinedNotes(_ result: QueryResult) -> [String] {
        result.notes.filter { $0.kind == .undefined }.map(\.message)
    }

    @Test("CSV 1.7e308 twice: avg and avg_deal_size are 1.7e308; the sum is null and out of range, with a note")
    func hugeCSV() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("leads.csv", Self.header + Self.leadRow(1, amount: "1.7e308") + Self.leadRow(2, amount: "1.7e308"))
        let session = try EngineFixture.session()
        try session.load(path)
        #expect(try EngineFixture.scalar(session, "avg(amount) of leads").value == 1.7e308)
        #expect(try EngineFixture.scalar(session, "avg_deal_size").value == 1.7e308)
        let sum = try session.evaluate("sum(amount) of leads")
        #expect(sum.scalar?.value == nil)
        #expect(Self.undefinedNotes(sum).contains { $0.contains("out of range") })
    }

    @Test("CSV customers at 1.7e308 a month: cltv and cltv_to_cac answer or say out of range, never trap")
    func hugeCLTV() throws {
        let temp = try TemporaryDirectory()
        try temp.write(
            "customers.csv",
            "customer_id,started_at,churned_at,monthly_revenue\n1,2024-01-01,2024-03-01,1.7e308\n2,2024-01-01,,1.7e308\n")
        try temp.write("spend.csv", "month,channel,amount\n2024-01,Ads,1.7e308\n2024-02,Ads,1.7e308\n")
        let session = try EngineFixture.session()
        try session.load(temp.url.path)
        #expect(try EngineFixture.scalar(session, "avg(monthly_revenue) of customers").value == 1.7e308)
        // 1.7e308 a month over a churn of 1 in 13: beyond a double, so null, and the note says why.
        let cltv = try session.evaluate("cltv during 2024")
        #expect(cltv.scalar?.value == nil)
        #expect(Self.undefinedNotes(cltv) == ["cltv is out of range: beyond ±1.8e308, the largest number a figure can hold"])
        let ratio = try session.evaluate("cltv_to_cac during 2024")
        #expect(ratio.scalar?.value == nil)
        #expect(Self.undefinedNotes(ratio).contains { $0.contains("beyond ±1.8e308") })
    }

    @Test("CSV −1.7e308 twice and −5: avg is −1.13e308, not a trap on NaN interval bounds")
    func mixedSignsCSV() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write(
            "leads.csv",
            Self.header + Self.leadRow(1, amount: "-1.7e308") + Self.leadRow(2, amount: "-1.7e308") + Self.leadRow(3, amount: "-5"))
        let session = try EngineFixture.session()
        try session.load(path)
        let avg = try EngineFixture.scalar(session, "avg(amount) of leads")
        #expect(avg.value.map { abs($0 / (-1.7e308 / 3 * 2) - 1) < 1e-12 } == true)
    }

    @Test("JSON 1e400 is a bad cell like CSV's: sum and max come from the other rows, the load says so")
    func jsonOutOfRange() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write(
            "leads.json",
            """
            [{"lead_id": 1, "created_at": "2024-01-02", "source": "Web", "rep": "Ann", "status": "won", "amount": 1e400},
             {"lead_id": 2, "created_at": "2024-01-03", "source": "Web", "rep": "Ann", "status": "won", "amount": -1E+400},
             {"lead_id": 3, "created_at": "2024-01-04", "source": "Web", "rep": "Ann", "status": "won", "amount": 5}]
            """)
        let session = try EngineFixture.session()
        try session.load(path)
        #expect(try EngineFixture.scalar(session, "sum(amount) of leads").value == 5)
        #expect(try EngineFixture.scalar(session, "max(amount) of leads").value == 5)
        #expect(try EngineFixture.scalar(session, "avg(amount) of leads").value == 5)
        #expect(session.rejectSummary.description(listing: ".rejects")?.hasPrefix("2 bad cells set to null in 1 column") == true)
        let rejects = session.rejectsCSV().split(separator: "\n").map(String.init)
        #expect(rejects.count == 3)
        #expect(rejects.dropFirst().allSatisfy { $0.contains("not-a-number") && $0.contains(",amount,") })
        #expect(rejects.contains { $0.hasSuffix(",1e400") } && rejects.contains { $0.hasSuffix(",-1E+400") })
    }

    @Test("JSON 1e400 with --strict stops at file:line:column")
    func jsonStrict() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("leads.ndjson", "{\"lead_id\": 1, \"amount\": 2}\n{\"lead_id\": 2, \"amount\": 1e400}\n")
        let session = try EngineFixture.session(strict: true)
        do {
            try session.load(path)
            Issue.record("a strict load of 1e400 should fail")
        } catch {
            guard case .data(let data) = error.kind else { return #expect(Bool(false), "\(error)") }
            #expect(data.id == "json.out-of-range")
            #expect(data.location.line == 2)
            #expect(data.location.column == 26)
        }
    }

    @Test("SQLite ±inf REALs are bad cells: avg, sum and cltv come from the finite rows")
    func sqliteInfinities() throws {
        let temp = try TemporaryDirectory()
        let path = temp.path("crm.sqlite")
        var db: OpaquePointer?
        #expect(sqlite3_open(path, &db) == SQLITE_OK)
        let sql = """
            CREATE TABLE leads (lead_id INTEGER, created_at TEXT, source TEXT, rep TEXT, status TEXT, closed_at TEXT, amount REAL);
            INSERT INTO leads VALUES (1, '2024-01-02', 'Web', 'Ann', 'won', '2024-02-01', 9e999),
                (2, '2024-01-03', 'Web', 'Ann', 'won', '2024-02-02', -9e999), (3, '2024-01-04', 'Web', 'Ann', 'won', '2024-02-03', 7.5);
            CREATE TABLE customers (customer_id INTEGER, started_at TEXT, churned_at TEXT, monthly_revenue REAL);
            INSERT INTO customers VALUES (1, '2024-01-01', '2024-03-01', 9e999), (2, '2024-01-01', NULL, 100),
                (3, '2024-01-01', NULL, -9e999);
            """
        #expect(sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK)
        sqlite3_close(db)
        let session = try EngineFixture.session()
        try session.load(path)
        #expect(try EngineFixture.scalar(session, "avg(amount) of leads").value == 7.5)
        #expect(try EngineFixture.scalar(session, "sum(amount) of leads").value == 7.5)
        #expect(try EngineFixture.scalar(session, "avg_deal_size").value == 7.5)
        #expect(try EngineFixture.scalar(session, "avg(monthly_revenue) of customers").value == 100)
        _ = try session.evaluate("cltv during 2024")
        #expect(session.rejectSummary.description(listing: ".rejects")?.hasPrefix("4 bad cells set to null in 2 columns") == true)
        #expect(session.rejectsCSV().contains("not-a-number,-Inf"))

        let strict = try EngineFixture.session(strict: true)
        #expect(throws: SessionError.self) { try strict.load(path) }
    }
}
