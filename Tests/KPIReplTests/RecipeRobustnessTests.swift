import Foundation
import KPICore
import Testing

@testable import KPIRepl

/// Inputs that used to trap, hang or exhaust memory in recipes and rendering (issue 13).
@Suite("Recipes and rendering survive extreme values")
struct RecipeRobustnessTests {
    @Test("a time past the calendar formats as 'out of range' instead of trapping")
    func timeOutOfRange() {
        let formatter = ValueFormatter()
        for value in [1e300, -1e300, Double.infinity, -Double.infinity, Double.nan, 9.3e18] {
            #expect(formatter.format(value, unit: .time) == "out of range")
        }
        #expect(formatter.format(0, unit: .time) == "1970-01-01T00:00:00Z")
    }

    @Test("an axis over a span that overflows a double gives the unit axis, not an endless stride")
    func hugeAxis() {
        #expect(ChartAxis.ticks(low: -1.5e308, high: 1.5e308).values == [0, 1])
        #expect(ChartAxis.ticks(low: 0, high: .infinity).values == [0, 1])
        #expect(ChartAxis.ticks(low: .nan, high: 1).values == [0, 1])
    }

    @Test(".save recipe refuses a range of statements too long to hold, before allocating it")
    func hugeSelection() {
        #expect(throws: DataError.self) { try RecipeSaver.parse("review 1-999999999999") }
        #expect(throws: DataError.self) { try RecipeSaver.parse("review 1-\(Int.max)") }
        #expect((try? RecipeSaver.parse("review 2-4"))?.selection == [2, 3, 4])
    }
}
