import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

@testable import KPIAdapters

/// Headers far wider than any export: binding and unique naming must stay linear in the number
/// of columns (100,000 columns took 26 s, 20,000 copies of one name 21 s). The suite staying fast
/// is the check; these assert that the results are right.
@Suite("Very wide headers")
struct WideHeaderTests {
    @Test("a leads file of 100,000 columns binds its five canonical columns and counts its rows")
    func hundredThousandColumns() throws {
        let temp = try TemporaryDirectory()
        let filler = (0..<100_000).map { "c\($0)" }
        let header = (filler + ["lead_id", "created_at", "source", "rep", "status"]).joined(separator: ",")
        let row = { (id: Int) in (filler.map { _ in "1" } + ["\(id)", "2024-01-0\(id)", "Web", "Ann", "won"]).joined(separator: ",") }
        let path = try temp.write("leads.csv", header + "\n" + row(1) + "\n" + row(2) + "\n")
        let session = try EngineFixture.session()
        try session.load(path)
        #expect(try EngineFixture.scalar(session, "count(leads)").value == 2)
        #expect(try EngineFixture.scalar(session, "count(leads where status = \"won\")").value == 2)
        let bound = try #require(session.bindingReport.tables.first { $0.table == "leads" })
        #expect(Set(bound.fields.map(\.field)).isSuperset(of: ["lead_id", "created_at", "source", "rep", "status"]))
    }

    @Test("20,000 columns all named amount become amount, amount_2 … amount_20000")
    func identicalNames() throws {
        let names = CSVDialect.uniqueNames([String](repeating: "amount", count: 20_000))
        #expect(names.first == "amount")
        #expect(names[1] == "amount_2")
        #expect(names.last == "amount_20000")
        #expect(Set(names).count == 20_000)
        // A written name that a suffix would produce keeps its place; the copies skip it.
        #expect(CSVDialect.uniqueNames(["a", "a", "a_2", "a", ""]) == ["a", "a_3", "a_2", "a_4", "column_5"])

        let temp = try TemporaryDirectory()
        let header = ["lead_id", "created_at"] + [String](repeating: "amount", count: 20_000)
        let path = try temp.write(
            "leads.csv", header.joined(separator: ",") + "\n1,2024-01-02," + [String](repeating: "5", count: 20_000).joined(separator: ",") + "\n")
        let session = try EngineFixture.session()
        try session.load(path)
        #expect(try EngineFixture.scalar(session, "count(leads)").value == 1)
        #expect(try EngineFixture.scalar(session, "sum(amount) of leads").value == 5)
    }
}
