import Foundation
import KPICore
import Testing

@testable import KPIFormula

/// 16,000 leads (40 reps) and 16,000 activities, built as columns: a run that asks for
/// cancellation only between steps asks once or twice, one that asks every
/// ``Cancellation/rowStride`` rows of every pass asks more often than there are strides. (Few
/// rows, so the debug build runs the cases in seconds; the loops are the same for a million.)
private let rowCount = 16_000

private let dataset: Dataset = {
    let leads = Table(
        name: "leads",
        columns: [
            Column(name: "lead_id", data: .int(ContiguousArray((1...rowCount).map { Int64($0) }))),
            Column(name: "rep", data: .text(codes: ContiguousArray((0..<rowCount).map { Int32($0 % 40) }), dictionary: (0..<40).map { "Rep \($0)" })),
            Column(name: "amount", data: .double(ContiguousArray((0..<rowCount).map { Double(($0 &* 7919) % 50_000) }))),
        ])
    let activities = Table(
        name: "activities",
        columns: [
            Column(name: "activity_id", data: .int(ContiguousArray((1...rowCount).map { Int64($0) }))),
            // 7919 is prime to 12,000: each of the first 12,000 leads gets one activity, 4,000 of them two.
            Column(name: "lead_id", data: .int(ContiguousArray((0..<rowCount).map { Int64(1 + ($0 &* 7919) % 12_000) }))),
        ])
    return Dataset(tables: [leads, activities])
}()

/// A cancellation poll that counts how often it is asked and says "stop" from the `stopAt`-th ask on.
private final class CountingPoll: @unchecked Sendable {
    private let lock = NSLock()
    private var asked = 0
    private let stopAt: Int?

    init(stopAt: Int? = nil) { self.stopAt = stopAt }

    var count: Int { lock.withLock { asked } }

    @Sendable func isCancelled() -> Bool {
        lock.withLock {
            asked += 1
            return stopAt.map { asked >= $0 } ?? false
        }
    }
}

private func run(_ text: String, _ poll: CountingPoll) throws -> QueryResult {
    try evaluate(text, Fixture.environment(dataset: dataset), isCancelled: poll.isCancelled)
}

/// The issue's slow statements: groupings by high-cardinality keys, a median by lead, a
/// cross-table count, a sort of a million-key result.
private let longStatements = [
    "count(activities) by activity_id, lead_id",
    "median(amount) of leads by lead_id, rep",
    "count(leads where count(activities) >= 2)",
    "count(leads where exists activities)",
    "avg(amount) of leads by lead_id order by value desc",
]

@Suite("Cancellation of long runs")
struct CancellationTests {
    @Test("an uncancelled run asks at least once per 4,096 rows of every pass", arguments: longStatements)
    func asksOften(statement: String) throws {
        let poll = CountingPoll()
        _ = try run(statement, poll)
        // Before the fix a run asked once per aggregate and condition: once or twice here.
        #expect(poll.count >= rowCount / Cancellation.rowStride, "asked \(poll.count) times for \(rowCount) rows")
    }

    @Test("a poll that turns true part-way stops the run at its next ask, wherever that is", arguments: longStatements)
    func stopsPartWay(statement: String) throws {
        let total = CountingPoll()
        _ = try run(statement, total)
        // Early (grouping, joins), midway (aggregating) and late (keys, sorting, rows).
        for stopAt in [2, total.count / 2, total.count - 1] where stopAt >= 1 {
            let poll = CountingPoll(stopAt: stopAt)
            #expect(throws: ExecutionError.self, "stopping at ask \(stopAt) of \(total.count)") { try run(statement, poll) }
            #expect(poll.count == stopAt, "the run asks no more once told to stop (\(poll.count) asks, stop at \(stopAt))")
        }
    }

    @Test("cancelled is its own error, and results are unchanged by the asking")
    func sameResults() throws {
        let cancelled = CountingPoll(stopAt: 1)
        do {
            _ = try run("count(activities) by activity_id, lead_id", cancelled)
            Issue.record("a poll that is true from the start must stop the run")
        } catch ExecutionError.cancelled {
        }
        let grouped = try run("count(activities) by activity_id, lead_id", CountingPoll())
        #expect(grouped.rows.count == rowCount)
        #expect(grouped.rows.first?.keys == [.int(1), .int(1)])
        let linked = try run("count(leads where count(activities) >= 2)", CountingPoll())
        #expect(linked.scalar?.value == 4_000)
    }
}
