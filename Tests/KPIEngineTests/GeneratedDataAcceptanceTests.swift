import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// The foundation acceptance: every format of one generated dataset gives the same counts, and
/// the conversion and win rates equal figures computed here straight from `leads.csv` by the
/// definitions in `shared/spec/kpis.md` (#6, #7, #12 and benchmark query 1 without its period).
@Suite("Generated CRM data: every format, KPIs against an independent count", .enabled(if: GeneratedCRM.isAvailable))
struct GeneratedDataAcceptanceTests {
    typealias Format = GeneratedCRM.Format

    private func session(_ format: Format) throws -> (Session, GeneratedCRM) {
        let crm = try GeneratedCRM.require()
        let session = try EngineFixture.session()
        let loaded = try session.load(crm.folder(format).path)
        #expect(loaded.contains("leads"), "\(format) folder should load a leads table, got \(loaded)")
        return (session, crm)
    }

    private func rawLeads() throws -> RawLeads {
        try RawLeads(contentsOf: try GeneratedCRM.require().leadsCSV)
    }

    @Test("count(leads) equals the manifest's row count", arguments: Format.allCases)
    func leadCount(format: Format) throws {
        let (session, crm) = try session(format)
        let expected = try #require(crm.manifestRows["leads"])
        #expect(expected == GeneratedCRM.leadCount)
        #expect(try EngineFixture.scalar(session, "count(leads)").value == Double(expected))
    }

    @Test("every generated table loads with the manifest's row count", arguments: Format.allCases)
    func everyTableCount(format: Format) throws {
        let (session, crm) = try session(format)
        for (table, rows) in crm.manifestRows.sorted(by: { $0.key < $1.key }) {
            let loaded = try #require(session.dataset[table], "\(format): table \(table) missing after binding")
            #expect(loaded.rowCount == rows, "\(format): \(table)")
        }
    }

    @Test("count(leads) and lead_conversion_rate agree across the four formats")
    func formatsAgree() throws {
        var counts: [Format: Double?] = [:]
        var rates: [Format: Fraction] = [:]
        for format in Format.allCases {
            let (session, _) = try session(format)
            counts[format] = try EngineFixture.scalar(session, "count(leads)").value
            let rate = try EngineFixture.scalar(session, "lead_conversion_rate")
            rates[format] = Fraction(numerator: Int(rate.numerator ?? -1), denominator: Int(rate.denominator ?? -1))
        }
        #expect(Set(counts.values.map { $0 ?? -1 }).count == 1, "counts differ: \(counts)")
        #expect(Set(rates.values).count == 1, "conversion rates differ: \(rates)")
    }

    @Test("leads.csv has no quoted field, so plain splitting is a fair reference")
    func leadsCSVIsUnquoted() throws {
        let raw = try rawLeads()
        #expect(raw.rows.count == GeneratedCRM.leadCount)
        #expect(raw.header["status"] != nil && raw.header["source"] != nil && raw.header["rep"] != nil)
    }

    @Test("lead_conversion_rate is won leads over all leads (kpis.md #6)", arguments: Format.allCases)
    func conversionRate(format: Format) throws {
        let (session, _) = try session(format)
        let raw = try rawLeads()
        let expected = try #require(raw.rates(by: nil) { raw.cell($0, "status") == "won" }[""])
        let measure = try EngineFixture.scalar(session, "lead_conversion_rate")
        #expect(measure.numerator == Double(expected.numerator))
        #expect(measure.denominator == Double(expected.denominator))
        #expect(measure.value == Double(expected.numerator) / Double(expected.denominator))
        #expect(expected.numerator > 0 && expected.numerator < expected.denominator, "the data should have won and other leads")
    }

    @Test("lead_conversion_rate by source: per-source won over leads, sorted by source (kpis.md #7)", arguments: Format.allCases)
    func conversionRateBySource(format: Format) throws {
        let (session, _) = try session(format)
        let raw = try rawLeads()
        let expected = raw.rates(by: "source") { raw.cell($0, "status") == "won" }
        let actual = try EngineFixture.groupedRates(session, "lead_conversion_rate by source")
        #expect(actual == expected)
        #expect(expected.count >= 5, "the generator should produce several sources")

        let keys = try session.evaluate("lead_conversion_rate by source").rows.map { $0.keys[0].description }
        #expect(keys == keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }, "rows in byte order of the key")
    }

    @Test("win_rate by rep where source = \"Referral\": won over won+lost per rep", arguments: Format.allCases)
    func winRateByRepForReferrals(format: Format) throws {
        let (session, _) = try session(format)
        let raw = try rawLeads()
        let expected = raw.rates(
            by: "rep",
            where: { raw.cell($0, "source") == "Referral" && ["won", "lost"].contains(raw.cell($0, "status")) },
            hit: { raw.cell($0, "status") == "won" })
        let actual = try EngineFixture.groupedRates(session, "win_rate by rep where source = \"Referral\"")
        #expect(actual == expected)
        #expect(!expected.isEmpty, "Referral leads should have closed opportunities")
    }

    @Test("win_rate overall leaves open and disqualified leads out of the denominator (kpis.md #10)")
    func winRateOverall() throws {
        let (session, _) = try session(.csv)
        let raw = try rawLeads()
        let expected = try #require(
            raw.rates(by: nil, where: { ["won", "lost"].contains(raw.cell($0, "status")) }, hit: { raw.cell($0, "status") == "won" })[""])
        let measure = try EngineFixture.scalar(session, "win_rate")
        #expect(Fraction(numerator: Int(measure.numerator ?? -1), denominator: Int(measure.denominator ?? -1)) == expected)
        #expect(expected.denominator < raw.rows.count)
    }
}
