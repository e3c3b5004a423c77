import Foundation

/// Confidence intervals for rates.
public enum Statistics {
    /// The 95% Wilson score interval of `successes` out of `trials` (nil when `trials` is 0).
    ///
    /// Unlike the normal approximation it stays inside [0, 1] and behaves at 0 and at small n:
    /// 8 of 10 gives 0.4902 … 0.9433.
    public static func wilson(successes: Double, trials: Double, z: Double = 1.959963984540054) -> ClosedRange<Double>? {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let p = successes / trials
        let z2 = z * z
        let denominator = 1 + z2 / trials
        let centre = (p + z2 / (2 * trials)) / denominator
        let margin = z * ((p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot()) / denominator
        return max(0, centre - margin)...min(1, centre + margin)
    }
}

extension Measure {
    /// The 95% Wilson interval of a rate (nil for other values, or a rate over nothing).
    public var confidenceInterval: ClosedRange<Double>? {
        guard let n = numerator, let d = denominator else { return nil }
        return Statistics.wilson(successes: n, trials: d)
    }
}
