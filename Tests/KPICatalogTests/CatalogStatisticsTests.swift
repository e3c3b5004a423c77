import KPIAdapters
import KPICatalog
import KPICore
import KPIDemo
import KPIEngine
import KPIFormula
import Testing

@Suite("Catalogue statistics that fit")
struct CatalogStatisticsTests {
    @Test("averages of durations and money never get an interval below zero, in any group")
    func intervalsAboveZero() throws {
        let session = try demoSession()
        for query in [
            "lead_response_time_hours by rep", "sales_cycle_days by month", "avg_deal_size by source", "avg_handle_time by type",
            "avg_time_in_stage_days by stage",
        ] {
            for row in try session.evaluate(query).rows {
                guard let ci = row.measure.confidenceInterval else { continue }
                #expect(ci.lowerBound >= 0, "\(query) \(row.keys)")
                #expect(ci.contains(row.measure.value ?? -1), "\(query) \(row.keys)")
            }
        }
    }

    @Test("the headline average rests on the n printed beside it")
    func sampleSizeIsN() throws {
        let session = try demoSession()
        for (query, nColumn) in [
            ("lead_response_time_hours by rep", "n"), ("sales_cycle_days by month", "n"), ("avg_deal_size by source", "n"),
            ("avg_handle_time by type", "n"), ("avg_time_in_stage_days by stage", "n"),
        ] {
            let result = try session.evaluate(query)
            let column = try #require(result.measureNames.firstIndex(of: nColumn), "\(query)")
            for row in result.rows {
                #expect(row.measure.sampleSize == row.measures[column].value, "\(query) \(row.keys)")
            }
        }
    }

    @Test("cltv_to_cac is undefined for a channel without spend and cac for a month without customers, and the notes say so")
    func undefinedRatios() throws {
        let session = try demoSession()
        let byChannel = try session.evaluate("cltv_to_cac by source")
        #expect(byChannel.rows.first { $0.keys == [.text("Direct")] }?.measure.value == nil)
        #expect(byChannel.notes.map(\.message) == ["cltv_to_cac is undefined for source Direct: it divides by 0"])
        #expect(byChannel.notes.allSatisfy { $0.kind == .undefined })
        let cac = try session.evaluate("cac by month")
        let empty = cac.rows.filter { $0.measure.value == nil }.map { $0.keys[0].description }
        #expect(empty.first == "2023-01")
        let listed = empty.prefix(3).joined(separator: ", ") + (empty.count > 3 ? " and \(empty.count - 3) more" : "")
        #expect(
            cac.notes.filter { $0.kind == .undefined }.map(\.message) == [
                "cac is undefined for month \(listed): it divides by new_customers, which is 0"
            ])
    }
}
