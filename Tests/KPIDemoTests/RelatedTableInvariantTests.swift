import KPICore
import Testing

@testable import KPIDemo

@Suite("Stage history, activities, customers and surveys agree with the leads")
struct RelatedTableInvariantTests {
    @Test("stage history has one row per stage entered, matching the lead's timestamps", arguments: DemoSample.allCases)
    func stageHistory(sample: DemoSample) {
        let leads = LeadRows(sample.data)
        let ids = cells(sample.data, "stage_history", "lead_id").ints
        let stages = cells(sample.data, "stage_history", "stage").texts
        let entered = cells(sample.data, "stage_history", "entered_at").timestamps
        var actual: [Int64: [(String, Int64)]] = [:]
        var previous: (Int64, Int64) = (0, 0)
        for row in ids.indices {
            guard let id = ids[row], let stage = stages[row], let time = entered[row] else {
                Issue.record("stage_history row \(row + 1) has a null")
                continue
            }
            #expect((id, time) > previous, "stage_history is not sorted by lead_id, entered_at at row \(row + 1)")
            previous = (id, time)
            actual[id, default: []].append((stage, time))
        }
        for row in 0..<leads.count {
            guard let id = leads.id[row], let created = leads.createdAt[row], let status = leads.status[row] else {
                continue
            }
            var expected: [(String, Int64)] = [("new", created)]
            if let t = leads.firstContactAt[row] { expected.append(("contacted", t)) }
            if let t = leads.qualifiedAt[row] { expected.append(("qualified", t)) }
            if let t = leads.convertedAt[row] { expected.append(("opportunity", t)) }
            if let t = leads.closedAt[row] { expected.append((status, t)) }
            let got = actual[id] ?? []
            #expect(got.map(\.0) == expected.map(\.0) && got.map(\.1) == expected.map(\.1), "lead \(id)")
            #expect(got.last?.0 == status, "lead \(id): last stage entered is not its status")
        }
        #expect(Set(actual.keys).count == leads.count)
    }

    @Test(
        "activities start exactly at first contact and stay within the lead's open life", arguments: DemoSample.allCases
    )
    func activityTiming(sample: DemoSample) {
        let leads = LeadRows(sample.data)
        let rowByID = leads.rowByID
        let ids = cells(sample.data, "activities", "activity_id").ints
        let leadIDs = cells(sample.data, "activities", "lead_id").ints
        let created = cells(sample.data, "activities", "created_at").timestamps
        #expect(ids == (0..<ids.count).map { Int64($0) + 1 })
        let times = created.compactMap { $0 }
        #expect(times.count == ids.count)
        #expect(times == times.sorted(), "activity ids do not follow created_at")
        var earliest: [Int: Int64] = [:]
        for row in ids.indices {
            guard let lead = leadIDs[row].flatMap({ rowByID[$0] }), let time = created[row] else {
                Issue.record("activity \(row + 1) has no known lead")
                continue
            }
            earliest[lead] = min(earliest[lead] ?? .max, time)
            let contact = leads.firstContactAt[lead] ?? .max
            #expect(time >= contact, "activity \(row + 1) before first contact")
            #expect(time < (leads.closedAt[lead] ?? snapshot), "activity \(row + 1) after closing or the snapshot")
        }
        for lead in 0..<leads.count {
            #expect(earliest[lead] == leads.firstContactAt[lead], "lead \(lead + 1)")
        }
    }

    @Test("activity types, reps, scheduling, completion and duration are coherent", arguments: DemoSample.allCases)
    func activityDetails(sample: DemoSample) {
        let reps = Set(DemoWorld.reps.map(\.name))
        let types = cells(sample.data, "activities", "type").texts
        let repCells = cells(sample.data, "activities", "rep").texts
        let created = cells(sample.data, "activities", "created_at").timestamps
        let scheduled = cells(sample.data, "activities", "scheduled_at").timestamps
        let completed = cells(sample.data, "activities", "completed").bools
        let minutes = cells(sample.data, "activities", "duration_minutes").ints
        var bookedAfterSnapshot = 0
        for row in types.indices {
            let type = types[row] ?? "?"
            #expect(["call", "email", "meeting", "demo"].contains(type), "activity \(row + 1): \(type)")
            #expect(reps.contains(repCells[row] ?? ""), "activity \(row + 1)")
            if let at = scheduled[row] {
                #expect(at > (created[row] ?? .max), "activity \(row + 1) scheduled before it was created")
                if at >= snapshot {
                    bookedAfterSnapshot += 1
                    #expect(completed[row] == false, "activity \(row + 1) completed in the future")
                }
            } else {
                #expect(type == "call" || type == "email", "a \(type) without a scheduled time")
            }
            let done = completed[row] ?? false
            #expect(done || type != "email", "emails are always sent")
            #expect((minutes[row] != nil) == (done && type != "email"), "activity \(row + 1)")
            if let m = minutes[row] { #expect(m > 0) }
        }
        #expect(bookedAfterSnapshot > 0, "no meeting booked after the snapshot")
    }

    @Test(
        "every won lead is exactly one customer, who starts paying when the deal closes", arguments: DemoSample.allCases
    )
    func customers(sample: DemoSample) {
        let leads = LeadRows(sample.data)
        let rowByID = leads.rowByID
        let ids = cells(sample.data, "customers", "customer_id").ints
        let leadIDs = cells(sample.data, "customers", "lead_id").ints.compactMap { $0 }
        let started = cells(sample.data, "customers", "started_at").timestamps
        let churned = cells(sample.data, "customers", "churned_at").timestamps
        let revenue = cells(sample.data, "customers", "monthly_revenue").doubles
        let wonIDs = (0..<leads.count).filter { leads.status[$0] == "won" }.compactMap { leads.id[$0] }
        #expect(ids == (0..<ids.count).map { Int64($0) + 1 })
        #expect(leadIDs.count == ids.count && Set(leadIDs).count == leadIDs.count, "a lead is two customers")
        #expect(Set(leadIDs) == Set(wonIDs))
        for row in ids.indices where row < leadIDs.count {
            let lead = rowByID[leadIDs[row]] ?? -1
            #expect(lead >= 0 && started[row] != nil && started[row] == leads.closedAt[lead], "customer \(row + 1)")
            if let end = churned[row] {
                #expect(end > (started[row] ?? .max) && end < snapshot, "customer \(row + 1)")
            }
            #expect((revenue[row] ?? 0) > 0 && hasCents(revenue[row] ?? 0.001), "customer \(row + 1)")
        }
    }

    @Test(
        "surveys come from active customers before the snapshot, with scores in range", arguments: DemoSample.allCases)
    func surveys(sample: DemoSample) {
        let started = cells(sample.data, "customers", "started_at").timestamps
        let churned = cells(sample.data, "customers", "churned_at").timestamps
        let customer = cells(sample.data, "surveys", "customer_id").ints
        let answered = cells(sample.data, "surveys", "answered_at").timestamps
        let nps = cells(sample.data, "surveys", "nps").ints
        let csat = cells(sample.data, "surveys", "csat").ints
        #expect(!customer.isEmpty)
        for row in customer.indices {
            guard let id = customer[row], id >= 1, Int(id) <= started.count, let time = answered[row] else {
                Issue.record("survey \(row + 1) has no known customer or time")
                continue
            }
            let index = Int(id) - 1
            #expect(time > (started[index] ?? .max), "survey \(row + 1) before the customer started")
            #expect(time < (churned[index] ?? snapshot), "survey \(row + 1) after churn or the snapshot")
            #expect((0...10).contains(nps[row] ?? -1) && (1...5).contains(csat[row] ?? -1), "survey \(row + 1)")
        }
    }

    @Test("spend and traffic cover every month and channel, Direct without spend", arguments: DemoSample.allCases)
    func marketing(sample: DemoSample) {
        let months = (2023...2024).flatMap { year in (1...12).map { "\(year)-" + ($0 < 10 ? "0\($0)" : "\($0)") } }
        let channels = DemoWorld.sources.map(\.name)
        let spendKeys = zip(cells(sample.data, "spend", "month").texts, cells(sample.data, "spend", "channel").texts)
            .map { "\($0 ?? "")|\($1 ?? "")" }
        let trafficKeys = zip(
            cells(sample.data, "traffic", "month").texts, cells(sample.data, "traffic", "channel").texts
        )
        .map { "\($0 ?? "")|\($1 ?? "")" }
        let allKeys = months.flatMap { month in channels.map { "\(month)|\($0)" } }
        #expect(trafficKeys == allKeys)
        #expect(spendKeys == allKeys.filter { !$0.hasSuffix("|Direct") })
        #expect(cells(sample.data, "spend", "amount").doubles.allSatisfy { ($0 ?? -1) >= 0 && hasCents($0 ?? 0) })
        #expect(cells(sample.data, "traffic", "visitors").ints.allSatisfy { ($0 ?? -1) >= 0 })
    }

    @Test("spend follows the leads each channel brought in that month")
    func spendMatchesLeads() {
        let leads = LeadRows(standardDemo)
        var counts: [String: Int] = [:]
        for row in 0..<leads.count {
            guard let created = leads.createdAt[row], let source = leads.source[row] else { continue }
            counts[String(ISO8601.formatDate(milliseconds: created).prefix(7)) + "|" + source, default: 0] += 1
        }
        let months = cells(standardDemo, "spend", "month").texts
        let channels = cells(standardDemo, "spend", "channel").texts
        let amounts = cells(standardDemo, "spend", "amount").doubles
        for row in months.indices {
            guard let month = months[row], let channel = channels[row], let amount = amounts[row],
                let cost = DemoWorld.sources.first(where: { $0.name == channel })?.costPerLead
            else {
                Issue.record("spend row \(row + 1)")
                continue
            }
            let nominal = Double(counts["\(month)|\(channel)"] ?? 0) * cost
            #expect(amount >= nominal * 0.9 - 0.01 && amount <= nominal * 1.1 + 0.01, "\(month) \(channel)")
        }
    }
}
