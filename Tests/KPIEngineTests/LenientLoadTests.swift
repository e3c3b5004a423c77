import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// Loading real exports through a session: what the session says about them and decides for
/// them — the as-of, reading notes, typed text columns, and why a column is text.
@Suite("Lenient loading through a session")
struct LenientLoadTests {
    @Test("avg over a text column says which values keep it text, and where the first is")
    func whyText() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write("scores.csv", "id,score,name\n1,5,a\n2,7,b\n3,three,c\n4,9,d\n")
        let session = try EngineFixture.session()
        try session.load(path)
        let error = try #require(throws: SessionError.self) { try session.evaluate("avg(score) of scores") }
        #expect(error.render().contains("'score' is text because 1 of its 4 values is not a number: 'three' (first on line 4)"), "\(error.render())")
    }

    @Test("as of: the latest thing that happened, never an open deal's expected close")
    func asOfRule() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write(
            "deals.csv",
            "Record ID,Create Date,Close Date,Deal Stage\n1,2024-01-05,2024-02-01,Closed Won\n2,2024-03-01,2030-12-31,Appointment Scheduled\n"
                + "3,2024-02-10,2024-04-20,Closed Lost\n")
        let session = try EngineFixture.session()
        try session.load(path)
        #expect(session.asOfText == "as of 2024-04-20, the latest close")
        // Without a status, a close counts only up to the other events.
        let undated = try temp.write("leads.csv", "lead_id,created_at,closed_at\n1,2024-01-05,2024-02-01\n2,2024-03-01,2030-12-31\n")
        let other = try EngineFixture.session()
        try other.load(undated)
        #expect(other.asOfText == "as of 2024-03-01, the latest lead created")
        #expect(try EngineFixture.scalar(other, "count(leads) during last 90 days").value == 2)
    }

    @Test("a folder with a Windows-1252 file, a notes.txt and a UTF-8 file loads all the data and says how")
    func mixedFolder() throws {
        let temp = try TemporaryDirectory()
        let cp1252: [UInt8] = Array("lead_id,created_at,rep,status\n1,2024-01-02,Ren".utf8) + [0xE9] + Array(",won\n".utf8)
        try Data(cp1252).write(to: temp.url.appendingPathComponent("leads.csv"))
        try temp.write("activities.csv", "activity_id,lead_id,rep,type,created_at\n1,1,José,call,2024-01-03\n")
        try temp.write("notes.txt", "remember to check the export\n")
        let session = try EngineFixture.session()
        try session.load(temp.url.path)
        #expect(session.dataset["leads"]?.column(named: "rep")?.value(at: 0) == .text("René"))
        #expect(session.dataset["activities"]?.rowCount == 1)
        #expect(session.readingNotes == ["leads.csv: read as Windows-1252 (its bytes are not UTF-8)"])
        #expect(session.loadNotes.contains("skipped notes.txt: not a delimited table"))
    }

    @Test("unbound text columns that are all dates or amounts are typed; one odd value keeps text")
    func typedUnbound() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write(
            "leads.csv",
            "lead_id,created_at,Last Activity Date,Annual Revenue,Zip\n1,2024-01-02,01/31/2024,\"$1,200.00\",02134\n"
                + "2,2024-01-03,02/15/2024,$900.00,10001\n")
        let session = try EngineFixture.session()
        try session.load(path)
        let leads = try #require(session.dataset["leads"])
        #expect(leads.column(named: "Last Activity Date")?.type == .date)
        #expect(leads.column(named: "Annual Revenue")?.type == .double)
        #expect(leads.column(named: "Zip")?.type == .text)
        #expect(try EngineFixture.scalar(session, "sum(`Annual Revenue`) of leads").value == 2100)
        let typed = session.bindingReport.table(named: "leads")?.typedColumns.map(\.column)
        #expect(typed == ["Last Activity Date", "Annual Revenue"])
    }

    @Test("the load summary counts bad cells, null words and empty required cells, and names the listing")
    func summary() throws {
        let temp = try TemporaryDirectory()
        let path = try temp.write(
            "leads.csv", "lead_id,created_at,source,amount\n1,2024-01-02,Web,10\n2,soon,,N/A\n3,2024-01-04,Ads,12.5k\n")
        let session = try EngineFixture.session()
        try session.load(path)
        let line = try #require(session.rejectSummary.description(listing: ".rejects"))
        #expect(
            line == "2 bad cells set to null in 2 columns (.rejects lists them); 1 null word (N/A, -, …) read as null; "
                + "1 required cell empty (leads.source ×1)")
        #expect(session.rejectsCSV().split(separator: "\n").count == 5)
    }
}
