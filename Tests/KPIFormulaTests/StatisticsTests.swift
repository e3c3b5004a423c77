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

    @Test("skewed response times (0.5, 1.5, 4, 36.4 hours) get a log-scale interval above zero, not Student's −16.9")
    func skewedResponseTimes() throws {
        // numpy/scipy: mean 10.6, Σ(x − mean)² 894.02, se = √(894.02 / 3) / 2 = 8.6316;
        // Student's t with the table's t(0.975, 3) = 3.182: −16.8652 … 38.0652;
        // log scale: 10.6 · exp(∓ 3.182 · 8.6316 / 10.6) = 0.794371 … 141.4453.
        let t = try #require(Statistics.meanInterval(mean: 10.6, sumOfSquares: 894.02, count: 4))
        #expect(abs(t.lowerBound - -16.86522552622983) < 1e-9)
        let log = try #require(Statistics.meanInterval(mean: 10.6, sumOfSquares: 894.02, count: 4, smallest: 0.5))
        #expect(abs(log.lowerBound - 0.7943707312371971) < 1e-9)
        #expect(abs(log.upperBound - 141.44529195455664) < 1e-9)
        // scipy's exact t(0.975, 3) = 3.18245 gives 0.794082 … 141.4967: the table's rounding costs < 0.05%.
        #expect(abs(log.lowerBound / 0.794082093256137 - 1) < 5e-4)
        #expect(abs(log.upperBound / 141.49670538378135 - 1) < 5e-4)
    }

    @Test("2, 4, 6, 8 on the log scale: 5 · exp(∓ 3.182 · 1.291 / 5) = 2.1987 … 11.3706, longer above than below")
    func logScaleSymmetricData() throws {
        let ci = try #require(Statistics.logMeanInterval(mean: 5, sumOfSquares: 20, count: 4))
        #expect(abs(ci.lowerBound - 2.198662113737068) < 1e-9)
        #expect(abs(ci.upperBound - 11.37055113825902) < 1e-9)
        #expect(ci.upperBound - 5 > 5 - ci.lowerBound)
        // The geometric mean of the bounds is the mean itself.
        #expect(abs((ci.lowerBound * ci.upperBound).squareRoot() - 5) < 1e-9)
    }

    @Test("zeros and one 5: 1.25 · exp(∓ 3.182 · 1.25 / 1.25) = 0.0519 … 30.12; all zeros give 0 … 0; equal values a point")
    func logScaleEdges() throws {
        let ci = try #require(Statistics.logMeanInterval(mean: 1.25, sumOfSquares: 18.75, count: 4))
        #expect(abs(ci.lowerBound - 0.05187820865852655) < 1e-9)
        #expect(abs(ci.upperBound - 30.11861898094263) < 1e-9)
        #expect(Statistics.logMeanInterval(mean: 0, sumOfSquares: 0, count: 5) == 0...0)
        #expect(Statistics.logMeanInterval(mean: 3, sumOfSquares: 0, count: 3) == 3...3)
        #expect(Statistics.logMeanInterval(mean: 3, sumOfSquares: 0, count: 1) == nil)
        #expect(Statistics.logMeanInterval(mean: -1, sumOfSquares: 2, count: 3) == nil)
    }

    @Test("a negative value anywhere keeps Student's t")
    func negativeValuesKeepStudentT() {
        #expect(
            Statistics.meanInterval(mean: 5, sumOfSquares: 20, count: 4, smallest: -1)
                == Statistics.meanInterval(mean: 5, sumOfSquares: 20, count: 4))
        #expect(
            Statistics.meanInterval(mean: 5, sumOfSquares: 20, count: 4, smallest: 0)
                == Statistics.logMeanInterval(mean: 5, sumOfSquares: 20, count: 4))
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
