import Foundation
import Testing

@testable import KPIDemo

@Suite("The demo's random source and math")
struct RandomTests {
    @Test("SplitMix64 matches the reference output")
    func splitMix() {
        var mixer = SplitMix64(state: 0)
        #expect(mixer.next() == 0xE220_A839_7B1D_CDAF)
        #expect(mixer.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("xoshiro256** matches the reference output")
    func xoshiro() {
        var random = DemoRandom(state: (1, 2, 3, 4))
        let first = (0..<4).map { _ in random.next() }
        #expect(first == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }

    @Test("streams of one seed differ, and a stream repeats itself")
    func streams() {
        var a = DemoRandom(seed: 2024, stream: 1)
        var b = DemoRandom(seed: 2024, stream: 2)
        var c = DemoRandom(seed: 2024, stream: 1)
        let xs = (0..<8).map { _ in a.next() }
        #expect(xs != (0..<8).map { _ in b.next() })
        #expect(xs == (0..<8).map { _ in c.next() })
    }

    @Test("exp and log agree with the platform's to within a few ulps")
    func math() {
        var x = -40.0
        while x <= 40 {
            let expected = Foundation.exp(x)
            #expect(abs(DemoMath.exp(x) - expected) <= 4 * expected.ulp, "exp(\(x))")
            x += 0.173
        }
        for value in [1e-300, 1e-9, 0.01, 0.5, 0.999, 1, 1.0001, 2, 10, 12345.678, 1e300] {
            let expected = Foundation.log(value)
            #expect(abs(DemoMath.log(value) - expected) <= 4 * max(abs(expected).ulp, Double.ulpOfOne), "log(\(value))")
        }
        #expect(DemoMath.log(0) == -.infinity)
        #expect(DemoMath.log(-1).isNaN)
        #expect(DemoMath.exp(-800) == 0)
        #expect(DemoMath.exp(800) == .infinity)
        #expect(abs(DemoMath.sigmoid(DemoMath.logit(0.3)) - 0.3) < 1e-15)
    }

    @Test("samplers have the right ranges and means")
    func samplers() {
        var random = DemoRandom(seed: 11, stream: 0)
        let n = 40_000
        var unitOK = true
        var normalSum = 0.0
        var normalSquares = 0.0
        var poissonSum = 0
        var exponentialSum = 0.0
        for _ in 0..<n {
            let u = random.unit()
            unitOK = unitOK && u >= 0 && u < 1
            let z = random.normal()
            normalSum += z
            normalSquares += z * z
            poissonSum += random.poisson(mean: 3)
            exponentialSum += random.exponential(mean: 5)
            let k = random.int(below: 7)
            unitOK = unitOK && (0..<7).contains(k)
        }
        #expect(unitOK)
        #expect(abs(normalSum / Double(n)) < 0.03)
        #expect(abs(normalSquares / Double(n) - 1) < 0.03)
        #expect(abs(Double(poissonSum) / Double(n) - 3) < 0.05)
        #expect(abs(exponentialSum / Double(n) - 5) < 0.15)
    }

    @Test("weighted picks follow the weights and never pick a zero weight")
    func weighted() {
        var random = DemoRandom(seed: 5, stream: 0)
        let table = WeightedTable([1, 0, 3])
        var counts = [0, 0, 0]
        for _ in 0..<20_000 { counts[random.pick(table)] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(Double(counts[2]) / Double(counts[0]) - 3) < 0.25)
    }

    @Test("activity drafts sort by time, then lead")
    func draftOrder() {
        var random = DemoRandom(seed: 9, stream: 0)
        let start = DemoWorld.windowStart
        let drafts = (0..<3000).map { _ in
            ActivitySimulation.Draft(
                time: start + Int64(random.int(below: 2000 * 3600)), lead: random.int(below: 100),
                type: random.int(below: 4))
        }
        let sorted = ActivitySimulation.sortedByKey(drafts)
        #expect(sorted.map(\.key) == drafts.map(\.key).sorted())
        let round = ActivitySimulation.Draft(time: start + 12345, lead: 4242, type: 3)
        #expect(round.time == start + 12345 && round.lead == 4242 && round.type == 3)
    }
}
