import KPICore
import Testing

@testable import KPIDemo

@Suite("Leads obey the funnel's rules")
struct LeadInvariantTests {
    static let statuses: Set<String> = ["new", "contacted", "qualified", "opportunity", "won", "lost", "disqualified"]

    @Test("ids are 1...n and follow creation order inside the window", arguments: DemoSample.allCases)
    func idsAndCreation(sample: DemoSample) {
        let leads = LeadRows(sample.data)
        #expect(leads.id == (0..<leads.count).map { Int64($0) + 1 })
        let created = leads.createdAt.compactMap { $0 }
        #expect(created.count == leads.count)
        #expect(created == created.sorted())
        #expect(created.allSatisfy { $0 >= windowStart && $0 < snapshot })
    }

    @Test("stage timestamps strictly increase where present", arguments: DemoSample.allCases)
    func timestampOrder(sample: DemoSample) {
        let leads = LeadRows(sample.data)
        for row in 0..<leads.count {
            let times = [
                leads.createdAt[row], leads.firstContactAt[row], leads.qualifiedAt[row],
                leads.convertedAt[row], leads.closedAt[row],
            ].compactMap { $0 }
            #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 }, "lead \(row + 1)")
            #expect(times.allSatisfy { $0 < snapshot }, "lead \(row + 1) has a time at or after the snapshot")
        }
    }

    @Test("status matches exactly which timestamps are set", arguments: DemoSample.allCases)
    func statusConsistency(sample: DemoSample) {
        let leads = LeadRows(sample.data)
        for row in 0..<leads.count {
            let status = leads.status[row] ?? "?"
            #expect(Self.statuses.contains(status), "lead \(row + 1): \(status)")
            let contact = leads.firstContactAt[row] != nil
            let qualified = leads.qualifiedAt[row] != nil
            let converted = leads.convertedAt[row] != nil
            let closed = leads.closedAt[row] != nil
            let shape: Bool
            switch status {
            case "new": shape = !contact && !qualified && !converted && !closed
            case "contacted": shape = contact && !qualified && !converted && !closed
            case "qualified": shape = contact && qualified && !converted && !closed
            case "opportunity": shape = contact && qualified && converted && !closed
            case "won", "lost": shape = contact && qualified && converted && closed
            case "disqualified": shape = contact && !converted && closed
            default: shape = false
            }
            #expect(
                shape, "lead \(row + 1) is \(status) with timestamps \(contact) \(qualified) \(converted) \(closed)")
            #expect(converted == ["opportunity", "won", "lost"].contains(status))
            #expect(closed == ["won", "lost", "disqualified"].contains(status))
        }
    }

    @Test(
        "amount is a positive 2-decimal value exactly for won and lost leads; lost_reason exactly for lost",
        arguments: DemoSample.allCases)
    func amountAndReason(sample: DemoSample) {
        let leads = LeadRows(sample.data)
        for row in 0..<leads.count {
            let status = leads.status[row]
            let closedDeal = status == "won" || status == "lost"
            #expect((leads.amount[row] != nil) == closedDeal, "lead \(row + 1)")
            if let amount = leads.amount[row] {
                #expect(amount > 0 && hasCents(amount), "lead \(row + 1): \(amount)")
            }
            #expect((leads.lostReason[row] != nil) == (status == "lost"), "lead \(row + 1)")
        }
    }

    @Test("email clicks never exceed opens, and both are counts", arguments: DemoSample.allCases)
    func email(sample: DemoSample) {
        let leads = LeadRows(sample.data)
        for row in 0..<leads.count {
            let opens = leads.emailOpens[row] ?? -1
            let clicks = leads.emailClicks[row] ?? -1
            #expect(opens >= 0 && clicks >= 0 && clicks <= opens, "lead \(row + 1)")
            #expect(leads.nurtured[row] != nil)
        }
    }

    @Test("each rep always works in one region")
    func repRegions() {
        let leads = LeadRows(standardDemo)
        var regionOfRep: [String: Set<String>] = [:]
        for row in 0..<leads.count {
            regionOfRep[leads.rep[row] ?? "", default: []].insert(leads.region[row] ?? "")
        }
        #expect(regionOfRep.count == 12)
        #expect(regionOfRep.values.allSatisfy { $0.count == 1 })
        #expect(Set(regionOfRep.values.flatMap { $0 }).count == 4)
    }
}
