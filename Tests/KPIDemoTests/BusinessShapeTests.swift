import KPICore
import Testing

@testable import KPIDemo

@Suite("The default demo looks like a real small B2B business")
struct BusinessShapeTests {
    let leads = LeadRows(standardDemo)

    @Test("row counts are in the expected ranges")
    func rowCounts() {
        func rows(_ name: String) -> Int { standardDemo[name]?.rowCount ?? -1 }
        #expect(rows("leads") == 5000)
        #expect((12_000...20_000).contains(rows("stage_history")))
        #expect((25_000...40_000).contains(rows("activities")))
        #expect((200...450).contains(rows("customers")))
        #expect((150...800).contains(rows("surveys")))
        #expect(rows("spend") == 24 * 7)
        #expect(rows("traffic") == 24 * 8)
    }

    @Test("leads come from the eight sources of gen_crm.py, in every status")
    func vocabulary() {
        #expect(
            Set(leads.source.compactMap { $0 }) == [
                "Organic Search", "Paid Search", "Social", "Referral", "Email", "Events", "Direct", "Partner",
            ])
        #expect(Set(leads.status.compactMap { $0 }) == LeadInvariantTests.statuses)
        let types = Set(cells(standardDemo, "activities", "type").texts.compactMap { $0 })
        #expect(types == ["call", "email", "meeting", "demo"])
    }

    @Test("conversion differs clearly by source: Referral and Partner lead, Social trails")
    func conversionBySource() {
        func rate(_ source: String) -> Double { leads.winRate { leads.source[$0] == source } }
        #expect(rate("Referral") > 1.8 * rate("Paid Search"))
        #expect(rate("Partner") > rate("Organic Search"))
        #expect(rate("Social") < rate("Paid Search"))
        let ranked = DemoWorld.sources.map(\.name).sorted { rate($0) > rate($1) }
        #expect(Set(ranked.prefix(2)) == ["Referral", "Partner"])
    }

    @Test("nurtured leads are won more often than the others")
    func nurturing() {
        let nurtured = leads.winRate { leads.nurtured[$0] == true }
        let others = leads.winRate { leads.nurtured[$0] == false }
        #expect(nurtured > 1.15 * others)
    }

    @Test("volume grows from 2023 to 2024 and dips on weekends and in summer")
    func seasonality() {
        var byYear: [Int: Int] = [:]
        var weekday = 0
        var weekend = 0
        var byMonth = [Int](repeating: 0, count: 13)
        for created in leads.createdAt.compactMap({ $0 }) {
            let date = CivilDate(milliseconds: created)
            byYear[date.year, default: 0] += 1
            byMonth[date.month] += 1
            if date.isoWeekday >= 6 { weekend += 1 } else { weekday += 1 }
        }
        #expect(Double(byYear[2024] ?? 0) > 1.15 * Double(byYear[2023] ?? 0))
        #expect(Double(weekend) / 2 < 0.5 * Double(weekday) / 5, "a weekend day is less than half a weekday")
        #expect(byMonth[8] < byMonth[10] && byMonth[12] < byMonth[9])
    }

    @Test("some rep names are not ASCII, for UTF-8 coverage")
    func utf8Names() {
        let reps = Set(leads.rep.compactMap { $0 })
        #expect(reps.contains("José Álvarez") && reps.contains("Zoë Müller"))
        #expect(reps.filter { !$0.allSatisfy(\.isASCII) }.count >= 3)
    }

    @Test("about 3% of leads have no industry")
    func unknownIndustry() {
        let share = Double(leads.industry.filter { $0 == nil }.count) / Double(leads.count)
        #expect(share > 0.015 && share < 0.05)
    }
}
