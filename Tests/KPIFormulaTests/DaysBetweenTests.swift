import KPICore
import Testing

@testable import KPIFormula

/// Deals created at a time of day and closed on a date: `closed_on` is a `date` column,
/// `closed_day` the same dates as a timestamp column read from date-only text (all midnight),
/// `closed_at` real timestamps, `touched_at` timestamps of which one falls on midnight by chance.
///
/// | id | created_at       | closed_on  | closed_at        | touched_at       |
/// |----|------------------|------------|------------------|------------------|
/// | 1  | 2024-03-05 14:00 | 2024-03-05 | 2024-03-06 02:00 | 2024-03-05 00:00 |
/// | 2  | 2024-03-05 14:00 | 2024-03-04 | 2024-03-05 08:00 | 2024-03-07 06:00 |
/// | 3  | 2024-03-05 23:59 | 2024-03-08 | 2024-03-08 00:00 | 2024-03-08 12:00 |
/// | 4  | 2024-03-05 00:00 | 2024-04-04 | –                | –                |
private let deals: Table = {
    let created = ["2024-03-05T14:00:00Z", "2024-03-05T14:00:00Z", "2024-03-05T23:59:00Z", "2024-03-05T00:00:00Z"]
    let closedOn = ["2024-03-05", "2024-03-04", "2024-03-08", "2024-04-04"]
    let closedAt: [String?] = ["2024-03-06T02:00:00Z", "2024-03-05T08:00:00Z", "2024-03-08T00:00:00Z", nil]
    let touchedAt: [String?] = ["2024-03-05T00:00:00Z", "2024-03-07T06:00:00Z", "2024-03-08T12:00:00Z", nil]
    return Table(
        name: "deals",
        columns: [
            Column(name: "deal_id", type: .int, values: (1...4).map { .int(Int64($0)) }),
            Column(name: "created_at", type: .timestamp, values: created.map(Fixture.ts)),
            Column(name: "closed_on", type: .date, values: closedOn.map(Fixture.date)),
            Column(name: "closed_day", type: .timestamp, values: closedOn.map { Fixture.ts($0 + "T00:00:00Z") }),
            Column(name: "closed_at", type: .timestamp, values: closedAt.map(Fixture.ts)),
            Column(name: "touched_at", type: .timestamp, values: touchedAt.map(Fixture.ts)),
        ])
}()

/// The per-deal values of `expression`, in deal order.
private func perDeal(_ expression: String) throws -> [Double?] {
    let result = try evaluate(
        "sum(\(expression)) of deals by deal_id", Fixture.environment(dataset: Dataset(tables: [deals])))
    return result.rows.map(\.measure.value)
}

@Suite("days_between a date and a timestamp counts calendar days")
struct DaysBetweenTests {
    @Test("closed the day it was created is 0 days, the day before −1, never −0.58")
    func dateColumn() throws {
        // Calendar days (UTC): 03-05 → 03-05, 03-05 → 03-04, 03-05 → 03-08, 03-05 → 04-04.
        #expect(try perDeal("days_between(created_at, closed_on)") == [0, -1, 3, 30])
        // Either side: the date may come first.
        #expect(try perDeal("days_between(closed_on, created_at)") == [0, 1, -3, -30])
    }

    @Test("a timestamp column whose every value is midnight is read as dates")
    func midnightTimestamps() throws {
        #expect(try perDeal("days_between(created_at, closed_day)") == [0, -1, 3, 30])
    }

    @Test("two timestamps keep exact fractional days, even where one falls on midnight")
    func exactBetweenTimestamps() throws {
        // +12 h, −6 h, 2 days 1 min; touched_at has a midnight value but also times: exact too.
        let exact = try perDeal("days_between(created_at, closed_at)")
        #expect(exact.count == 4 && exact[3] == 0)  // no close: the group sums nothing
        #expect(close(exact[0], 0.5) && close(exact[1], -0.25) && close(exact[2], 2 + 1.0 / 1440))
        let touched = try perDeal("days_between(created_at, touched_at)")
        #expect(close(touched[0], -14.0 / 24) && close(touched[1], 1 + 16.0 / 24) && close(touched[2], 2 + 12.0 / 24 + 1.0 / 1440))
    }

    @Test("a date literal counts calendar days, a timestamp literal exact days")
    func literals() throws {
        #expect(try perDeal("days_between(created_at, 2024-03-10)") == [5, 5, 5, 5])
        let exact = try perDeal("days_between(created_at, 2024-03-10T00:00:00Z)")
        #expect(close(exact[0], 4 + 10.0 / 24) && close(exact[3], 5))
    }

    @Test("two dates differ by whole days either way; hours_between stays exact")
    func otherUnits() throws {
        #expect(try perDeal("days_between(closed_on, closed_day)") == [0, 0, 0, 0])
        let hours = try perDeal("hours_between(created_at, closed_on)")
        #expect(close(hours[0], -14) && close(hours[2], 48 + 1.0 / 60))
    }
}
