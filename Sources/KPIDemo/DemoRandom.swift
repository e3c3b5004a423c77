/// The demo's random source: xoshiro256** seeded through SplitMix64, with its own samplers.
///
/// The standard library's `random(in:using:)` algorithms are not promised to stay the same
/// across Swift versions, and `SystemRandomNumberGenerator` is not seedable, so every draw the
/// demo makes goes through this type. Samplers use only IEEE `+ - * /`, `squareRoot()` and
/// ``DemoMath``, so a seed gives bit-identical output on every platform.
struct DemoRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    /// The second value of the last polar-method pair, used by the next ``normal()`` call.
    private var spareNormal: Double?

    /// A generator for one independent `stream` of `seed`.
    ///
    /// Each part of the simulation draws from its own stream, so changing how one table is
    /// generated does not reshuffle the others.
    init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(state: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the one state xoshiro cannot leave
    }

    /// A generator started from a raw xoshiro256** state (for checking against reference output).
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }

    /// A uniform double in `[0, 1)`, from the top 53 bits (exact, no rounding).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; the bias is below 2⁻⁵⁰ here).
    mutating func int(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniform double in `[low, high)`.
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    /// A standard normal deviate (Marsaglia's polar method).
    mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * unit() - 1
            let v = 2 * unit() - 1
            let s = u * u + v * v
            guard s > 0, s < 1 else { continue }
            let factor = (-2 * DemoMath.log(s) / s).squareRoot()
            spareNormal = v * factor
            return u * factor
        }
    }

    /// A normal deviate with this mean and standard deviation.
    mutating func normal(mean: Double, deviation: Double) -> Double {
        mean + deviation * normal()
    }

    /// A lognormal deviate with this median and log-space standard deviation.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * DemoMath.exp(sigma * normal())
    }

    /// A lognormal duration in whole seconds, at least one.
    mutating func seconds(median: Int64, sigma: Double) -> Int64 {
        max(1, Int64(logNormal(median: Double(median), sigma: sigma).rounded()))
    }

    /// An exponential deviate with this mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * DemoMath.log(1 - unit())  // 1 - unit() is in (0, 1], so the log is finite
    }

    /// A Poisson count (Knuth's product of uniforms; the demo's means are small).
    mutating func poisson(mean: Double) -> Int {
        let limit = DemoMath.exp(-mean)
        var count = 0
        var product = unit()
        while product > limit {
            count += 1
            product *= unit()
        }
        return count
    }

    /// The number of successes in `trials` independent tries of probability `p`.
    mutating func binomial(trials: Int, probability p: Double) -> Int {
        var successes = 0
        for _ in 0..<max(0, trials) where chance(p) { successes += 1 }
        return successes
    }

    /// An index drawn with the table's weights.
    mutating func pick(_ table: WeightedTable) -> Int {
        table.index(at: unit() * table.total)
    }
}

/// SplitMix64: expands one 64-bit seed into well-mixed words for seeding xoshiro.
struct SplitMix64 {
    /// The running state.
    var state: UInt64

    /// The next mixed word.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Cumulative weights for drawing an index in proportion to its weight.
struct WeightedTable {
    /// Running sums of the weights, in order.
    let cumulative: [Double]

    /// The sum of all weights.
    var total: Double { cumulative.last ?? 0 }

    /// A table of non-negative weights (summed left to right, so the sums are reproducible).
    init(_ weights: [Double]) {
        var sum = 0.0
        cumulative = weights.map { weight in
            sum += max(0, weight)
            return sum
        }
    }

    /// The first index whose running sum exceeds `point` (binary search).
    func index(at point: Double) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > point { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by k: UInt64) -> UInt64 {
        (self << k) | (self >> (64 - k))
    }
}
