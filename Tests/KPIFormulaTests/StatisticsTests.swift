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
