import Foundation
import KPICore
import KPIDemo
import KPIFormula
import Testing

@testable import KPIEngine

/// Leads written out by hand: (created_at, source, status, closed_at).
private func session(_ leads: [(String, String, String, String?)]) throws -> Session {
    let ts: (String) -> Value = { .timestamp(ISO8601.parse($0)!.milliseconds) }
    let table = Table(
        name: "leads",
        columns: [
            Column(name: "lead_id", type: .int, values: leads.indices.map { .int(Int64($0 + 1)) }),
            Column(name: "created_at", type: .timestamp, values: leads.map { ts($0.0) }),
            Column(name: "source", type: .text, values: leads.map { .text($0.1) }),
            Column(name: "rep", type: .text, values: leads.map { _ in .text("Ana") }),
            Column(name: "status", type: .text, values: leads.map { .text($0.2) }),
            Column(name: "closed_at", type: .timestamp, values: leads.map { $0.3.map(ts) ?? .null }),
        ])
    let session = try EngineFixture.session()
    try session.add(tables: [table], source: "test")
    return session
}

@Suite("Comparisons: periods, baselines and significance")
struct ComparisonTests {
    @Test("calendar periods shift as calendar periods, across the year boundary")
    func periodShift() throws {
        let jan = ISO8601.parse("2024-01-01")!.milliseconds, feb = ISO8601.parse("2024-02-01")!.milliseconds
        let dec = ISO8601.parse("2023-12-01")!.milliseconds
        #expect(PeriodShift.previous(jan..<feb) == dec..<jan)
        #expect(PeriodShift.label(try #require(PeriodShift.previous(jan..<feb))) == "2023-12")
        let q1 = jan..<ISO8601.parse("2024-04-01")!.milliseconds
        #expect(PeriodShift.label(try #require(PeriodShift.previous(q1))) == "2023-Q4")
        #expect(PeriodShift.label(PeriodShift.yearEarlier(q1)) == "2023-Q1")
        #expect(PeriodShift.label(try #require(PeriodShift.previous(q1, times: 4))) == "2023-Q1")
        // Not month-aligned: shifted by its length; 29 February a year back is 28 February.
        let day = ISO8601.parse("2024-02-29T10:00:00Z")!.milliseconds
        #expect(PeriodShift.previous(day..<(day + 3_600_000)) == (day - 3_600_000)..<day)
        #expect(PeriodShift.yearEarlier(day..<(day + 1)).lowerBound == ISO8601.parse("2023-02-28T10:00:00Z")!.milliseconds)
    }

    @Test("shifts that would leave the calendar or reverse a range are refused or kept whole, never trapped on")
    func extremeShifts() throws {
        let all = ISO8601.parse("0000-01-01")!.milliseconds..<(ISO8601.parse("9999-12-31")!.milliseconds + 86_400_000)
        #expect(PeriodShift.previous(all, times: 99999) == nil)
        #expect(PeriodShift.previous(all, times: Int.max) == nil)
        let hours = ISO8601.parse("2024-03-01T10:00:00Z")!.milliseconds
        #expect(PeriodShift.previous(hours..<(hours + 3_600_000), times: Int.max) == nil)
        // 28 February noon to 29 February 6:00 a year back: both ends land on 28 February.
        let noon = ISO8601.parse("2024-02-28T12:00:00Z")!.milliseconds, six = ISO8601.parse("2024-02-29T06:00:00Z")!.milliseconds
        let earlier = PeriodShift.yearEarlier(noon..<six)
        #expect(earlier.lowerBound == ISO8601.parse("2023-02-28T12:00:00Z")!.milliseconds)
        #expect(earlier.upperBound - earlier.lowerBound == six - noon)
    }

    @Test("a count against the previous month and the same month last year, across the year boundary")
    func countComparisons() throws {
        let s = try session([
            ("2023-01-10T00:00:00Z", "Web", "new", nil), ("2023-01-20T00:00:00Z", "Web", "new", nil),
            ("2023-12-05T00:00:00Z", "Web", "new", nil), ("2023-12-06T00:00:00Z", "Web", "new", nil), ("2023-12-30T23:59:59Z", "Ads", "new", nil),
            ("2024-01-01T00:00:00Z", "Web", "new", nil), ("2024-01-02T00:00:00Z", "Web", "new", nil), ("2024-01-03T00:00:00Z", "Ads", "new", nil),
            ("2024-01-04T00:00:00Z", "Ads", "new", nil), ("2024-01-31T23:59:59Z", "Ads", "new", nil),
        ])
        let previous = try s.compare("compare count(leads) during 2024-01 vs previous")
        #expect(previous.currentLabel == "2024-01" && previous.baselineLabel == "2023-12")
        let row = try #require(previous.rows.first)
        #expect(row.current.value == 5 && row.baseline.value == 3 && row.change == 2)
        #expect(abs(row.relativeChange! - 2.0 / 3.0) < 1e-12)
        #expect(row.pValue == nil, "plain counts are not tested")
        let lastYear = try s.compare("compare count(leads) during 2024-01 vs last year")
        #expect(lastYear.baselineLabel == "2023-01")
        #expect(lastYear.rows[0].baseline.value == 2 && lastYear.rows[0].change == 3)
        let bySource = try s.compare("compare count(leads) by source during 2024-01 vs previous")
        #expect(bySource.rows.map { $0.keys } == [[.text("Ads")], [.text("Web")]])
        #expect(bySource.rows.map { $0.change } == [2, 0])
        let ago = try s.compare("compare count(leads) during 2024-01 vs 12 periods ago")
        #expect(ago.baselineLabel == "2023-01" && ago.rows[0].baseline.value == 2)
    }

    @Test("two-proportion test: 80/100 vs 50/100 is significant, 8/10 vs 5/10 is not")
    func significance() throws {
        // pooled p = 0.65; se = √(0.65·0.35·(1/100+1/100)) = 0.06745; z = 0.30/0.06745 = 4.448.
        let big = try #require(Significance.pValue(Measure(numerator: 50, denominator: 100), Measure(numerator: 80, denominator: 100)))
        #expect(abs(big - erfc(4.4477 / 2.0.squareRoot())) < 1e-5)
        #expect(big < 0.05)
        // Same rates on a tenth of the data: se = 0.2133, z = 1.4065, p = 0.1596.
        let small = try #require(Significance.pValue(Measure(numerator: 5, denominator: 10), Measure(numerator: 8, denominator: 10)))
        #expect(abs(small - 0.1596) < 1e-3)
        #expect(small > 0.05)
    }

    @Test("vs team compares each group with the whole and tests it against the rest")
    func team() throws {
        let s = try session([
            ("2024-01-01T00:00:00Z", "Web", "won", "2024-01-10T00:00:00Z"), ("2024-01-02T00:00:00Z", "Web", "won", "2024-01-11T00:00:00Z"),
            ("2024-01-03T00:00:00Z", "Web", "lost", "2024-01-12T00:00:00Z"), ("2024-01-04T00:00:00Z", "Ads", "lost", "2024-01-13T00:00:00Z"),
        ])
        let result = try s.compare("compare share(leads, status = \"won\") by source during 2024-01 vs team")
        #expect(result.baselineLabel == "team")
        let web = try #require(result.rows.first { $0.keys == [.text("Web")] })
        #expect(web.current.numerator == 2 && web.current.denominator == 3)
        #expect(web.baseline.numerator == 2 && web.baseline.denominator == 4)
        #expect(abs(web.change! - (2.0 / 3 - 0.5)) < 1e-12)
        #expect(throws: SessionError.self) { try s.compare("compare lead_volume during 2024-01 vs team") }
        #expect(throws: SessionError.self) { try s.compare("compare lead_volume during 2024-01 vs yesterday") }
    }
}

@Suite("Explaining a change: mix and rate effects")
struct ExplainChangeTests {
    @Test("a rate's change splits into mix and rate effects that sum exactly, worked by hand")
    func handWorked() throws {
        // Q1: A 1 won of 2, B 1 of 8 → 2/10 = 0.2.  Q2: A 3 of 4, B 2 of 4 → 5/8 = 0.625.
        // A: w 0.2 → 0.5, r 0.5 → 0.75: mix 0.3·0.625 = 0.1875, rate 0.25·0.35 = 0.0875.
        // B: w 0.8 → 0.5, r 0.125 → 0.5: mix −0.3·0.3125 = −0.09375, rate 0.375·0.65 = 0.24375.
        // Sum 0.425 = 0.625 − 0.2.
        var leads: [(String, String, String, String?)] = []
        func add(_ n: Int, _ month: String, _ source: String, _ status: String) {
            for i in 0..<n { leads.append(("\(month)-1\(i)T00:00:00Z", source, status, nil)) }
        }
        add(1, "2024-01", "A", "won")
        add(1, "2024-01", "A", "new")
        add(1, "2024-02", "B", "won")
        add(7, "2024-02", "B", "new")
        add(3, "2024-04", "A", "won")
        add(1, "2024-04", "A", "new")
        add(2, "2024-05", "B", "won")
        add(2, "2024-05", "B", "new")
        let s = try session(leads)
        let e = try s.explainChange("explain change share(leads, status = \"won\") by source from 2024-Q1 to 2024-Q2")
        #expect(e.isRate && e.fromLabel == "2024-Q1" && e.toLabel == "2024-Q2")
        #expect(abs(e.totalChange! - 0.425) < 1e-12)
        let a = try #require(e.segments.first { $0.key == .text("A") })
        let b = try #require(e.segments.first { $0.key == .text("B") })
        #expect(abs(a.mixEffect! - 0.1875) < 1e-12 && abs(a.rateEffect! - 0.0875) < 1e-12)
        #expect(abs(b.mixEffect! + 0.09375) < 1e-12 && abs(b.rateEffect! - 0.24375) < 1e-12)
        #expect(abs(e.segments.map(\.contribution).reduce(0, +) - e.totalChange!) < 1e-12)
    }

    @Test("on the demo data every segment's effects add up to the total change")
    func sumsOnDemo() throws {
        let s = try EngineFixture.session()
        try s.add(tables: DemoCRM.make().tables, source: "demo")
        let e = try s.explainChange("explain change lead_conversion_rate by source from 2023-Q4 to 2024-Q1")
        for segment in e.segments { #expect(abs(segment.mixEffect! + segment.rateEffect! - segment.contribution) < 1e-12) }
        #expect(abs(e.segments.map(\.contribution).reduce(0, +) - e.totalChange!) < 1e-12)
        let count = try s.explainChange("explain change lead_volume by source from 2023 to 2024")
        #expect(!count.isRate)
        #expect(count.segments.map(\.contribution).reduce(0, +) == count.totalChange)
    }
}
