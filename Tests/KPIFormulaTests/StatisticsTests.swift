import Testing

@testable import KPIFormula

@Suite("Wilson score intervals")
struct StatisticsTests {
    @Test("8 of 10 gives 0.4902 to 0.9433")
    func eightOfTen() throws {
        let ci = try #require(Statistics.wilson(successes: 8, trials: 10))
        #expect(abs(ci.lowerBound - 0.4902) < 5e-5)
        #expect(abs(ci.upperBound - 0.9433) < 5e-5)
    }

    @Test("0 of 20 starts at 0 and 20 of 20 ends at 1; nothing over nothing has no interval")
    func edges() throws {
        let none = try #require(Statistics.wilson(successes: 0, trials: 20))
        #expect(none.lowerBound == 0)
        #expect(abs(none.upperBound - 0.1611) < 5e-5)
        let all = try #require(Statistics.wilson(successes: 20, trials: 20))
        #expect(all.upperBound == 1)
        #expect(abs(all.lowerBound - 0.8389) < 5e-5)
        #expect(Statistics.wilson(successes: 0, trials: 0) == nil)
    }

    @Test("a measure's interval comes from its numerator and denominator")
    func measureInterval() {
        #expect(Measure(numerator: 8, denominator: 10).confidenceInterval == Statistics.wilson(successes: 8, trials: 10))
        #expect(Measure(value: 3).confidenceInterval == nil)
    }
}

@Suite("Intervals of averages")
struct MeanIntervalTests {
    @Test("2, 4, 6, 8 gives 5 ± t(0.975, 3) · s/√n = 5 ± 4.108")
    func studentT() throws {
        // mean 5, sample sd √(20/3) = 2.582, standard error 1.291, t(0.975, 3) = 3.182.
        let ci = try #require(Statistics.meanInterval(mean: 5, sumOfSquares: 20, count: 4))
        #expect(abs(ci.lowerBound - (5 - 3.182 * (20.0 / 3).squareRoot() / 2)) < 1e-9)
        #expect(abs(ci.upperBound - (5 + 3.182 * (20.0 / 3).squareRoot() / 2)) < 1e-9)
        #expect(Statistics.meanInterval(mean: 1, sumOfSquares: 0, count: 1) == nil)
    }

    @Test("avg() carries its interval through execution")
    func throughExecution() throws {
        let result = try evaluate("avg(amount) of leads where amount is not null")
        let measure = try #require(result.scalar)
        let ci = try #require(measure.confidenceInterval)
        #expect(ci.contains(try #require(measure.value)))
        #expect(measure.numerator == nil)
    }
}

@Suite("Ranking by the interval's lower bound")
struct RankByLowerBoundTests {
    @Test("top N by ci_low prefers a well-measured rate to a lucky small one")
    func lowerBound() throws {
        // Rank values and lower bounds come from the fixture's win rates per rep.
        let byValue = try evaluate("share(leads where status in (\"won\", \"lost\"), status = \"won\") by rep top 10")
        let byBound = try evaluate("share(leads where status in (\"won\", \"lost\"), status = \"won\") by rep top 10 by ci_low")
        let bounds = byBound.rows.map { $0.measure.confidenceInterval?.lowerBound ?? -1 }
        #expect(bounds == bounds.sorted(by: >))
        #expect(Set(byValue.rows.map(\.keys)) == Set(byBound.rows.map(\.keys)))
        #expect(Printer.print(try Parser.parseQuery("win_rate by rep top 5 by ci_low")) == "win_rate by rep top 5 by ci_low")
    }
}
