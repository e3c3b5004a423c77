import Foundation
import KPICore
import KPIEngine

/// A small CRM with hand-countable goals data, all leads from source "Web":
///
/// - Ana Ruiz: 60 leads created daily from 2024-01-01 (days 0…59, to 2024-02-29), each closed 10
///   days later (2024-01-11 … 2024-03-10); lead i is won when i % 5 is 0 or 1 (24 of 60 = 40%),
///   else lost. Monthly win rate: Jan 9/21, Feb 11/29, Mar 4/10.
/// - Ben Ode: 40 leads created daily from 2024-01-01 (to 2024-02-09), closed 10 days later
///   (to 2024-02-19); won when i % 4 is 0 (10 of 40 = 25%). Monthly: Jan 6/21, Feb 4/19.
///
/// Won deals have an amount of 1,000; lost ones none.
enum GoalData {
    static let ana = "Ana Ruiz"
    static let ben = "Ben Ode"

    /// Midnight UTC of a calendar day, in milliseconds.
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        CivilDate(year: year, month: month, day: day).milliseconds
    }

    /// The leads table.
    static func leads() -> Table {
        var ids: [Value] = [], created: [Value] = [], closed: [Value] = [], reps: [Value] = []
        var statuses: [Value] = [], amounts: [Value] = [], sources: [Value] = []
        let start = day(2024, 1, 1) + 9 * Time.millisecondsPerHour
        func add(rep: String, count: Int, won: (Int) -> Bool) {
            for i in 0..<count {
                let createdAt = start + Int64(i) * Time.millisecondsPerDay
                ids.append(.int(Int64(ids.count + 1)))
                created.append(.timestamp(createdAt))
                closed.append(.timestamp(createdAt + 10 * Time.millisecondsPerDay))
                reps.append(.text(rep))
                sources.append(.text("Web"))
                statuses.append(.text(won(i) ? "won" : "lost"))
                amounts.append(won(i) ? .double(1000) : .null)
            }
        }
        add(rep: ana, count: 60) { $0 % 5 == 0 || $0 % 5 == 1 }
        add(rep: ben, count: 40) { $0 % 4 == 0 }
        return Table(
            name: "leads",
            columns: [
                Column(name: "lead_id", type: .int, values: ids),
                Column(name: "created_at", type: .timestamp, values: created),
                Column(name: "source", type: .text, values: sources),
                Column(name: "rep", type: .text, values: reps),
                Column(name: "status", type: .text, values: statuses),
                Column(name: "closed_at", type: .timestamp, values: closed),
                Column(name: "amount", type: .double, values: amounts),
            ])
    }

    /// A session on the goals CRM with as-of set to the given day.
    static func session(asOf: Int64) throws -> Session {
        let session = try EngineFixture.session()
        try session.add(tables: [leads()], source: "goals-test")
        session.options.asOf = asOf
        return session
    }

    /// A goal parsed from its statement.
    static func goal(_ statement: String) throws -> Goal {
        try GoalStatement.parse(statement)
    }
}
