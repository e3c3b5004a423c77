import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// Vendor exports load through `Session.load` and bind without a mapping file, as the fixture
/// README (`Fixtures/vendor/README.md`) describes; the Maven data binds with the shipped mapping.
@Suite("Vendor exports and the Maven data bind end to end")
struct VendorFixtureTests {
    /// `status → rows` from the engine's own `count(leads) by status`.
    private func statusCounts(_ session: Session) throws -> [String: Int] {
        let result = try session.evaluate("count(leads) by status")
        var out: [String: Int] = [:]
        for row in result.rows { out[row.keys[0].description] = Int(row.measure.value ?? -1) }
        return out
    }

    private func load(_ fixture: String) throws -> Session {
        let session = try EngineFixture.session()
        try session.load(try PackagePaths.fixture("vendor/\(fixture)").path)
        return session
    }

    @Test("HubSpot contacts: Lifecycle Stage words, 'Other' kept and reported, extra columns unbound")
    func hubSpotContacts() throws {
        let session = try load("hubspot/contacts.csv")
        let report = try #require(session.bindingReport.table(named: "leads"))
        #expect(report.sourceTable == "contacts")
        #expect(report.field(named: "status")?.column == "Lifecycle Stage")
        #expect(report.field(named: "lead_id")?.column == "Record ID")
        #expect(report.field(named: "created_at")?.column == "Create Date")
        #expect(report.field(named: "source")?.column == "Original Source")
        #expect(report.field(named: "rep")?.column == "Contact owner")
        #expect(report.missingRequired.isEmpty)
        for column in ["Lead Status", "First Name", "Last Name", "Email", "Company Name"] {
            #expect(report.unboundColumns.contains(column), "\(column) should stay unbound")
        }
        #expect(report.notes.contains { $0.contains("Lead Status") }, "the losing Lead Status column is noted")
        let unknown = try #require(report.unknownValues.first { $0.field == "status" })
        #expect(unknown.rowCount == 2)
        #expect(unknown.examples == ["Other"])

        // Expected words straight from the file, translated with the table in docs/schema.md.
        let words = [
            "Subscriber": "new", "Lead": "new", "Marketing Qualified Lead": "contacted",
            "Sales Qualified Lead": "qualified", "Opportunity": "opportunity", "Customer": "won", "Evangelist": "won",
        ]
        let stages = try QuotedCSV(contentsOf: try PackagePaths.fixture("vendor/hubspot/contacts.csv")).column("Lifecycle Stage")
        #expect(stages.count == 18)
        let expected = stages.reduce(into: [String: Int]()) { $0[words[$1] ?? $1, default: 0] += 1 }
        #expect(try statusCounts(session) == expected)
        #expect(expected == ["new": 6, "contacted": 2, "qualified": 2, "opportunity": 2, "won": 4, "Other": 2])
    }

    @Test("HubSpot deals: Deal Stage gives 2 won, 2 lost, 10 open; amount is a double")
    func hubSpotDeals() throws {
        let session = try load("hubspot/deals.csv")
        let report = try #require(session.bindingReport.table(named: "leads"))
        #expect(report.sourceTable == "deals")
        #expect(report.field(named: "status")?.column == "Deal Stage")
        #expect(report.field(named: "amount")?.type == .double)
        #expect(try statusCounts(session) == ["won": 2, "lost": 2, "opportunity": 10])
        #expect(try EngineFixture.scalar(session, "count(leads)").value == 14)
        let winRate = try EngineFixture.scalar(session, "win_rate")
        #expect(winRate.numerator == 2 && winRate.denominator == 4)
    }

    @Test("HubSpot contacts and deals together are ambiguous until a mapping picks one")
    func hubSpotContactsAndDeals() throws {
        let folder = try PackagePaths.fixture("vendor/hubspot").path
        let session = try EngineFixture.session()
        let error = #expect(throws: SessionError.self) { try session.load(folder) }
        #expect(error?.id == "schema.ambiguous-table")

        let temp = try TemporaryDirectory()
        let mapping = try temp.write("pick-deals.json", #"{"tables": {"leads": {"from": "deals"}}}"#)
        let mapped = try EngineFixture.session()
        try mapped.useMapping(URL(fileURLWithPath: mapping))
        try mapped.load(folder)
        #expect(mapped.bindingReport.table(named: "leads")?.sourceTable == "deals")
        #expect(try EngineFixture.scalar(mapped, "count(leads)").value == 14)
        #expect(mapped.dataset["contacts"]?.rowCount == 18, "the other export stays loaded under its own name")
    }

    @Test("Salesforce opportunities: IsWon/IsClosed win over Stage, quoted amounts with commas")
    func salesforceOpportunities() throws {
        let session = try load("salesforce/opportunities.csv")
        let report = try #require(session.bindingReport.table(named: "leads"))
        #expect(report.sourceTable == "opportunities")
        #expect(report.field(named: "status")?.flagColumns.sorted() == ["IsClosed", "IsWon"])
        #expect(report.field(named: "lost_reason")?.column == "Loss Reason")
        #expect(report.field(named: "region")?.column == "Billing Country")
        #expect(try statusCounts(session) == ["won": 3, "lost": 2, "opportunity": 15])

        let file = try QuotedCSV(contentsOf: try PackagePaths.fixture("vendor/salesforce/opportunities.csv"))
        let amounts = file.column("Amount").compactMap { Double($0.replacingOccurrences(of: ",", with: "")) }
        #expect(amounts.count == 20 && amounts.first == 3470.5)
        let total = try EngineFixture.scalar(session, "sum(amount) of leads")
        #expect(total.value == amounts.reduce(0, +))
        let wonByFlag = file.column("IsWon").filter { $0 == "true" }.count
        let wonByStage = file.column("Stage").filter { $0 == "Closed Won" }.count
        #expect(wonByFlag == 3 && wonByStage == 2, "row 16 is won by its flag, not its stage")
        #expect(try EngineFixture.scalar(session, "count(leads where status = \"won\")").value == Double(wonByFlag))
    }

    @Test("Pipedrive deals: Deal - Status wins over Deal - Stage; closed_at is the won time, else the lost time")
    func pipedriveDeals() throws {
        let session = try load("pipedrive/deals.csv")
        let report = try #require(session.bindingReport.table(named: "leads"))
        #expect(report.field(named: "status")?.column == "Deal - Status")
        #expect(report.field(named: "closed_at")?.column == "Deal - Won time + Deal - Lost time (first set)")
        #expect(!report.unboundColumns.contains("Deal - Lost time"))
        #expect(try statusCounts(session) == ["won": 4, "lost": 4, "opportunity": 4])
        // Every closed deal has its close, won or lost.
        #expect(try EngineFixture.scalar(session, "count(leads where status in (\"won\", \"lost\") and closed_at is null)").value == 0)
    }

    // MARK: - Maven

    private static let mavenPipeline = PackagePaths.inShared("data/maven-crm/sales_pipeline.csv")
    private static let mavenMapping = PackagePaths.inPackage("mappings/maven-crm.json")

    @Test(
        "Maven sales_pipeline binds with mappings/maven-crm.json: 8,800 leads, stages, win rate",
        .enabled(if: mavenPipeline != nil && mavenMapping != nil))
    func mavenWithMapping() throws {
        let pipeline = try #require(Self.mavenPipeline)
        let session = try EngineFixture.session()
        try session.useMapping(try #require(Self.mavenMapping))
        try session.load(pipeline.path)

        let report = try #require(session.bindingReport.table(named: "leads"))
        #expect(report.sourceTable == "sales_pipeline")
        #expect(report.field(named: "status")?.column == "deal_stage")
        #expect(report.field(named: "rep")?.column == "sales_agent")
        #expect(report.unknownValues.isEmpty)

        let raw = try RawLeads(contentsOf: pipeline)
        #expect(try EngineFixture.scalar(session, "count(leads)").value == Double(raw.rows.count))
        #expect(raw.rows.count == 8800)
        let words = ["Prospecting": "new", "Engaging": "opportunity", "Won": "won", "Lost": "lost"]
        let expected = raw.rows.reduce(into: [String: Int]()) { counts, row in
            let stage = String(raw.cell(row, "deal_stage"))
            counts[words[stage] ?? stage, default: 0] += 1
        }
        #expect(try statusCounts(session) == expected)

        let closed = raw.rates(by: nil, where: { ["Won", "Lost"].contains(raw.cell($0, "deal_stage")) }) {
            raw.cell($0, "deal_stage") == "Won"
        }[""]
        let winRate = try EngineFixture.scalar(session, "win_rate")
        #expect(Fraction(numerator: Int(winRate.numerator ?? -1), denominator: Int(winRate.denominator ?? -1)) == closed)

        // Issue 4: win rate by agent, average deal size and sales cycle run, each with an interval.
        let byAgent = try session.evaluate("win_rate by rep")
        #expect(byAgent.rows.count == Set(raw.rows.map { String(raw.cell($0, "sales_agent")) }).count)
        for row in byAgent.rows { #expect(row.measure.confidenceInterval?.contains(row.measure.value ?? -1) == true) }
        let won = raw.rows.filter { raw.cell($0, "deal_stage") == "Won" }
        let amounts = won.compactMap { Double(raw.cell($0, "close_value")) }
        let dealSize = try EngineFixture.scalar(session, "avg_deal_size")
        #expect(abs((dealSize.value ?? 0) - amounts.reduce(0, +) / Double(amounts.count)) < 1e-9)
        #expect(dealSize.confidenceInterval?.contains(dealSize.value ?? -1) == true)
        let cycle = try EngineFixture.scalar(session, "sales_cycle_days")
        #expect((cycle.value ?? 0) > 0 && cycle.confidenceInterval != nil)
    }
}

/// A small RFC 4180 reader for the fixtures (quoted fields with commas, doubled quotes; no
/// line breaks inside fields), independent of KPIKit's CSV adapter.
struct QuotedCSV {
    let header: [String]
    let rows: [[String]]

    init(contentsOf url: URL) throws {
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        let parsed = lines.map(Self.fields)
        header = parsed.first ?? []
        rows = Array(parsed.dropFirst())
    }

    /// The cells of one column, in row order.
    func column(_ name: String) -> [String] {
        guard let index = header.firstIndex(of: name) else { return [] }
        return rows.map { index < $0.count ? $0[index] : "" }
    }

    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let ch = iterator.next() {
            if quoted {
                if ch == "\"" {
                    // A doubled quote is a literal quote; a single one closes the field.
                    var lookahead = iterator
                    if lookahead.next() == "\"" {
                        current.append("\"")
                        iterator = lookahead
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        fields.append(current)
        return fields
    }
}
