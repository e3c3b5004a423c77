import KPICore
import Testing

@testable import KPIFormula

/// Response times of two teams: A is the skewed case (mean small, spread large, n small),
/// B has a negative value (a clock error), so its interval stays Student's t.
///
/// | team | hours                 |
/// |------|-----------------------|
/// | A    | 0.5, 1.5, 4.0, 36.4   |
/// | B    | −2, 4, 6              |
/// | C    | – (no value)          |
private let tickets = Table(
    name: "tickets",
    columns: [
        Column(name: "team", type: .text, values: ["A", "A", "A", "A", "B", "B", "B", "C"].map { .text($0) }),
        Column(name: "hours", type: .double, values: [0.5, 1.5, 4.0, 36.4, -2, 4, 6].map { .double($0) } + [.null]),
    ])

private func run(_ text: String) throws -> QueryResult {
    try evaluate(text, Fixture.environment(dataset: Dataset(tables: [tickets])))
}

@Suite("Intervals of averages that fit the values")
struct FittingIntervalTests {
    @Test("an average of non-negative values never gets an interval below zero")
    func nonNegative() throws {
        // scipy-checked: mean 10.6, Σ(x − mean)² 894.02; log scale 0.794371 … 141.4453, where
        // Student's t gives −16.8652 … 38.0652.
        let measure = try #require(try run("avg(hours) of tickets where team = \"A\"").scalar)
        #expect(close(measure.value, 10.6))
        let ci = try #require(measure.confidenceInterval)
        #expect(close(ci.lowerBound, 0.7943707312371971))
        #expect(close(ci.upperBound, 141.44529195455664))
        #expect(ci.lowerBound > 0)
    }

    @Test("a group with a negative value keeps Student's t; each group decides for itself")
    func perGroup() throws {
        let result = try run("avg(hours) of tickets by team")
        let a = try #require(result.rows.first { $0.keys == [.text("A")] }?.measure.confidenceInterval)
        #expect(close(a.lowerBound, 0.7943707312371971))
        // B: mean 8/3, Σ(x − mean)² 34.667, t(0.975, 2) = 4.303: 2.6667 ± 10.343 = −7.6765 … 13.0098.
        let b = try #require(result.rows.first { $0.keys == [.text("B")] }?.measure)
        #expect(close(b.value, 8.0 / 3))
        #expect(close(b.confidenceInterval?.lowerBound, -7.676458092214364))
        #expect(close(b.confidenceInterval?.upperBound, 13.009791425547697))
    }
}

@Suite("Sample sizes of statistics")
struct SampleSizeTests {
    @Test("avg, median, percentile, min and max rest on the values they read: 4 for team A")
    func statistics() throws {
        for function in ["avg(hours)", "median(hours)", "percentile(hours, 0.9)", "min(hours)", "max(hours)"] {
            let measure = try #require(try run("\(function) of tickets where team = \"A\"").scalar)
            #expect(measure.sampleSize == 4, "\(function)")
        }
        #expect(close(try run("median(hours) of tickets where team = \"A\"").scalar?.value, 2.75))
    }

    @Test("by group: A 4, B 3, C (no value) 0; nulls are not values")
    func grouped() throws {
        let result = try run("avg(hours) of tickets by team")
        #expect(result.rows.map(\.keys) == [[.text("A")], [.text("B")], [.text("C")]])
        #expect(result.rows.map(\.measure.sampleSize) == [4, 3, 0])
        #expect(result.rows[2].measure.value == nil)
        // A statistic over no row at all rests on 0 values too.
        #expect(try run("avg(hours) of tickets where hours > 100").scalar?.sampleSize == 0)
    }

    @Test("counts and sums are not samples; a rate's sample is its denominator")
    func notSamples() throws {
        #expect(try run("count(tickets)").scalar?.sampleSize == nil)
        #expect(try run("sum(hours) of tickets").scalar?.sampleSize == nil)
        let rate = try #require(try run("share(tickets, hours > 2)").scalar)
        #expect(rate.denominator == 8 && rate.sampleSize == nil)
    }

    @Test("a figure combined from statistics rests on its least-measured part")
    func combined() throws {
        // count × avg: the average's 4 values; avg(A) − avg(B): min(4, 3); avg ÷ a rate: min(4, rate's 8 rows).
        #expect(try run("count(tickets) * (avg(hours) of tickets where team = \"A\")").scalar?.sampleSize == 4)
        #expect(try run("-(avg(hours) of tickets where team = \"A\")").scalar?.sampleSize == 4)
        let difference = "(avg(hours) of tickets where team = \"A\") - (avg(hours) of tickets where team = \"B\")"
        #expect(try run(difference).scalar?.sampleSize == 3)
        #expect(try run("(avg(hours) of tickets where team = \"A\") / share(tickets, hours > 2)").scalar?.sampleSize == 4)
        #expect(try run("share(tickets where team = \"B\", hours > 2) * 100").scalar?.sampleSize == 3)
        #expect(try run("count(tickets) / sum(hours) of tickets").scalar?.sampleSize == nil)
    }
}
