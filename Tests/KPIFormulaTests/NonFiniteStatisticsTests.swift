import KPICore
import Testing

@testable import KPIFormula

/// A spend table of huge and infinite amounts, which no adapter lets through any more but which
/// the executor must still survive: its statistics are total over doubles.
private func spend(_ amounts: [Double], channels: [String]? = nil) -> Table {
    Table(
        name: "spend",
        columns: [
            Column(name: "channel", type: .text, values: (channels ?? amounts.map { _ in "Ads" }).map { .text($0) }),
            Column(name: "amount", type: .double, values: amounts.map { .double($0) }),
        ])
}

private func run(_ text: String, _ amounts: [Double], channels: [String]? = nil) throws -> QueryResult {
    try evaluate(text, Fixture.environment(dataset: Dataset(tables: [spend(amounts, channels: channels)])))
}

private func undefinedNotes(_ result: QueryResult) -> [String] {
    result.notes.filter { $0.kind == .undefined }.map(\.message)
}

@Suite("Statistics over huge, infinite and NaN values")
struct NonFiniteStatisticsTests {
    @Test("intervals of NaN or infinite inputs are nil, never a range of NaN bounds")
    func intervalsAreTotal() {
        for bad in [Double.nan, .infinity, -.infinity] {
            #expect(Statistics.meanInterval(mean: bad, sumOfSquares: 1, count: 4) == nil)
            #expect(Statistics.meanInterval(mean: 1, sumOfSquares: bad, count: 4) == nil)
            #expect(Statistics.logMeanInterval(mean: bad, sumOfSquares: 1, count: 4) == nil)
            #expect(Statistics.logMeanInterval(mean: 1, sumOfSquares: bad, count: 4) == nil)
            #expect(Statistics.meanInterval(mean: bad, sumOfSquares: bad, count: 4, smallest: -1) == nil)
            #expect(Statistics.meanInterval(mean: 1, sumOfSquares: 1, count: bad) == nil)
            #expect(Statistics.wilson(successes: 1, trials: bad) == nil)
        }
        // A spread far beyond a tiny mean: the log-scale factor is infinite, so is the upper bound.
        #expect(Statistics.logMeanInterval(mean: 1e-300, sumOfSquares: 1, count: 2) == nil)
    }

    @Test("the mean of 1.7e308 twice is 1.7e308, though the sum overflows")
    func hugeMean() throws {
        let result = try run("avg(amount) of spend", [1.7e308, 1.7e308])
        #expect(result.scalar?.value == 1.7e308)
        #expect(undefinedNotes(result).isEmpty)
        let negative = try run("avg(amount) of spend", [-1.7e308, -1.7e308, -1.7e308])
        // Three additions and a division round, as in any mean: within a few units in the last place.
        let mean = try #require(negative.scalar?.value)
        #expect(abs(mean / -1.7e308 - 1) < 1e-15)
    }

    @Test("a sum beyond ±1.8e308 is null with a note saying it is out of range")
    func overflowingSum() throws {
        let result = try run("sum(amount) of spend", [1.7e308, 1.7e308])
        #expect(result.scalar?.value == nil)
        #expect(result.scalar?.isOutOfRange == true)
        #expect(undefinedNotes(result) == ["the value is out of range: beyond ±1.8e308, the largest number a figure can hold"])
    }

    @Test("+inf and −inf together: avg, median, min and max do not trap; avg is null and out of range")
    func infinities() throws {
        let values: [Double] = [.infinity, -.infinity, 5]
        let avg = try run("avg(amount) of spend", values)
        #expect(avg.scalar?.value == nil)
        #expect(avg.scalar?.isOutOfRange == true)
        #expect(try run("median(amount) of spend", values).scalar?.value == 5)
        #expect(try run("max(amount) of spend", values).scalar?.value == nil)
        #expect(try run("avg(amount) of spend", [.infinity, 1]).scalar?.value == nil)
    }

    @Test("by group, only the group whose sum overflows is out of range, and the note names it")
    func grouped() throws {
        let result = try run(
            "sum(amount) of spend by channel", [1.7e308, 1.7e308, 2, 3], channels: ["Big", "Big", "Small", "Small"])
        let rows = result.rows.map { ($0.keys.first?.description ?? "", $0.measures.first?.value) }
        #expect(rows.contains { $0.0.contains("Small") && $0.1 == 5 })
        #expect(rows.contains { $0.0.contains("Big") && $0.1 == nil })
        let notes = undefinedNotes(result)
        #expect(notes.count == 1)
        #expect(notes.first?.contains("Big") == true)
        #expect(notes.first?.contains("out of range") == true)
        let means = try run(
            "avg(amount) of spend by channel", [1.7e308, 1.7e308, 2, 4], channels: ["Big", "Big", "Small", "Small"])
        #expect(means.rows.compactMap { $0.measures.first?.value }.sorted() == [3, 1.7e308])
    }

    @Test("a median between −1.7e308 and 1.7e308 is 0, not NaN from their overflowing difference")
    func hugeMedian() throws {
        #expect(try run("median(amount) of spend", [-1.7e308, 1.7e308]).scalar?.value == 0)
    }
}
