import Foundation
import Testing

/// The example function plugin (`Plugins/BusinessCalendar/`) as `kpi` links it: its functions
/// evaluate on the demo CRM, and the shell explains and lists them.
@Suite("BusinessCalendar functions in the kpi tool")
struct BusinessCalendarCLITests {
    /// Each won lead's instant `field` (milliseconds), by lead id, as the engine reads it.
    static func instants(_ field: String) throws -> [Int: Double] {
        let run = try CLI.run(["eval", "min(\(field)) of leads where status = \"won\" by lead_id", "--format", "json"])
        try #require(run.status == 0, "\(run)")
        let rows = try #require(try run.jsonObject()["rows"] as? [[String: Any]])
        var out: [Int: Double] = [:]
        for row in rows {
            if let id = row["lead_id"] as? Int, let value = row["value"] as? Double { out[id] = value }
        }
        return out
    }

    /// Weekdays from the day of `a` up to the day of `b`, counted one day at a time (UTC).
    static func weekdaysCounted(from a: Double, to b: Double) -> Int {
        let day = 86_400_000.0
        let (first, last) = (Int((a / day).rounded(.down)), Int((b / day).rounded(.down)))
        let (low, high, sign) = first <= last ? (first, last, 1) : (last, first, -1)
        // Day 0, 1970-01-01, was a Thursday: ((d % 7) + 7) % 7 is 0 on Thursdays, 2 and 3 on the weekend.
        return sign * (low..<high).filter { ((($0 % 7) + 7) % 7) != 2 && ((($0 % 7) + 7) % 7) != 3 }.count
    }

    @Test("avg(business_days_between(created_at, closed_at)) of won leads equals the weekdays counted day by day from each lead's dates")
    func averageOnDemo() throws {
        let run = try CLI.run([
            "eval", "avg(business_days_between(created_at, closed_at)) of leads where status = \"won\"", "--format", "json",
        ])
        #expect(run.status == 0, "\(run)")
        let json = try run.jsonObject()
        let value = try #require(json["value"] as? Double, "\(run)")
        #expect(json["unit"] as? String == "days")
        let created = try Self.instants("created_at"), closed = try Self.instants("closed_at")
        let counts = closed.compactMap { id, end in created[id].map { Self.weekdaysCounted(from: $0, to: end) } }
        try #require(counts.count > 100, "the demo has won leads with both dates")
        let expected = Double(counts.reduce(0, +)) / Double(counts.count)
        #expect(abs(value - expected) <= 1e-9 * abs(expected), "kpi: \(value), counted: \(expected)")
        // Working days are fewer than calendar days.
        let calendar = try CLI.run(["eval", "avg(days_between(created_at, closed_at)) of leads where status = \"won\"", "--format", "json"])
        #expect(try #require(try calendar.jsonObject()["value"] as? Double) > value)
    }

    @Test("? business_days_between explains it naming its module, and .help functions lists both functions with their module")
    func shellHelp() throws {
        let run = try CLI.run([], input: "? business_days_between\n.help functions\n")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("business_days_between(date, date)\nWorking days (Monday–Friday, UTC) from a up to b"), "\(run)")
        #expect(run.stdout.contains("defined by module business-calendar"), "\(run)")
        #expect(run.stdout.contains("business_days_between(date, date)   [module business-calendar]"), "\(run)")
        #expect(run.stdout.contains("weekend_share(date)   [module business-calendar]"), "\(run)")
    }

    @Test("weekend_share by source gives a share per source, and explain names the module")
    func aggregateOnDemo() throws {
        let run = try CLI.run(["eval", "weekend_share(created_at) of leads by source", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let rows = try #require(try run.jsonObject()["rows"] as? [[String: Any]])
        #expect(rows.count > 1)
        for row in rows {
            let share = try #require(row["value"] as? Double)
            #expect(share > 0 && share < 1, "\(row)")
        }
        let explain = try CLI.run([], input: "explain weekend_share(created_at) of leads\n")
        #expect(explain.stdout.contains("[0] weekend_share(created_at) [module business-calendar] over leads"), "\(explain)")
    }

    @Test("kpi modules lists the module's functions")
    func modulesListFunctions() throws {
        let text = try CLI.run(["modules"])
        #expect(text.stdout.contains("  functions: business_days_between, weekend_share"), "\(text)")
        let json = try CLI.run(["modules", "--format", "json"])
        let modules = try #require(try json.jsonObject()["modules"] as? [[String: Any]])
        let module = try #require(modules.first { $0["name"] as? String == "business-calendar" })
        #expect(module["functions"] as? [String] == ["business_days_between", "weekend_share"])
        #expect(module["origin"] as? String == "Swift plugin BusinessCalendar")
        #expect(modules.first { $0["name"] as? String == "sales" }?["functions"] as? [String] == [])
    }
}
