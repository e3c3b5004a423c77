import Foundation

/// Confidence intervals: Wilson's for rates; for averages, a log-scale interval where no value is
/// negative and Student's t where values can be.
///
/// Every function is total over doubles: an input that is NaN or infinite, or an interval whose
/// bounds would be (a spread beyond ±1.8e308), gives `nil` — no interval — never a range whose
/// bounds are NaN, which would trap.
public enum Statistics {
    /// The 95% Wilson score interval of `successes` out of `trials` (nil when `trials` is 0).
    ///
    /// Unlike the normal approximation it stays inside [0, 1] and behaves at 0 and at small n:
    /// 8 of 10 gives 0.4902 … 0.9433.
    public static func wilson(successes: Double, trials: Double, z: Double = 1.959963984540054) -> ClosedRange<Double>? {
        guard trials > 0, trials.isFinite, successes >= 0, successes <= trials else { return nil }
        let p = successes / trials
        let z2 = z * z
        let denominator = 1 + z2 / trials
        let centre = (p + z2 / (2 * trials)) / denominator
        let margin = z * ((p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot()) / denominator
        return range(max(0, centre - margin), min(1, centre + margin))
    }

    /// `low...high` when both are finite and ordered, else `nil`.
    static func range(_ low: Double, _ high: Double) -> ClosedRange<Double>? {
        guard low.isFinite, high.isFinite, low <= high else { return nil }
        return low...high
    }
}

extension Statistics {
    /// The 95% interval of a mean: on the log scale when no value averaged is negative, from
    /// Student's t otherwise (nil for n < 2).
    ///
    /// - Parameters:
    ///   - mean: the mean of the values.
    ///   - sumOfSquares: Σ (x − mean)² over them.
    ///   - n: how many values.
    ///   - smallest: the smallest value; when it is ≥ 0 the interval is
    ///     ``logMeanInterval(mean:sumOfSquares:count:)``, which never goes below zero.
    public static func meanInterval(mean: Double, sumOfSquares: Double, count n: Double, smallest: Double) -> ClosedRange<Double>? {
        smallest >= 0
            ? logMeanInterval(mean: mean, sumOfSquares: sumOfSquares, count: n)
            : meanInterval(mean: mean, sumOfSquares: sumOfSquares, count: n)
    }

    /// The 95% interval of a mean, from Student's t: mean ± t(0.975, n−1) · s / √n (nil for n < 2).
    ///
    /// For values that can be negative. For values that cannot, it may reach below zero (mean
    /// 10.6 hours, s 13.6, n 4 gives −11.1 … 32.3 hours): use
    /// ``logMeanInterval(mean:sumOfSquares:count:)``.
    public static func meanInterval(mean: Double, sumOfSquares: Double, count n: Double) -> ClosedRange<Double>? {
        guard n >= 2, n.isFinite, mean.isFinite, sumOfSquares >= 0, sumOfSquares.isFinite else { return nil }
        let standardError = (sumOfSquares / (n - 1)).squareRoot() / n.squareRoot()
        let margin = tQuantile975(degreesOfFreedom: degreesOfFreedom(n)) * standardError
        return range(mean - margin, mean + margin)
    }

    /// The 95% interval of the mean of values that are never negative (durations, money, counts),
    /// built on the log scale: mean · exp(∓ t(0.975, n−1) · se / mean), se = s / √n (nil for n < 2).
    ///
    /// By the delta method the standard error of log(mean) is se / mean; an interval for log(mean)
    /// mapped back with exp stays above zero and is longer above the mean than below it, as the
    /// spread of a right-skewed mean is. Where se is small beside the mean it equals Student's t
    /// to first order, so well-measured averages barely move; for small, skewed samples it covers
    /// the true mean more often than the t-interval does (docs/kpis.md, "Statistics"). All values
    /// zero give 0 … 0.
    ///
    /// ```swift
    /// // mean 10.6 hours, s 13.64, n 4: se 6.82, t 3.182, factor exp(3.182 · 6.82 / 10.6) = 7.75
    /// Statistics.logMeanInterval(mean: 10.6, sumOfSquares: 3 * 13.64 * 13.64, count: 4)  // 1.37 … 82.1
    /// ```
    public static func logMeanInterval(mean: Double, sumOfSquares: Double, count n: Double) -> ClosedRange<Double>? {
        guard n >= 2, n.isFinite, mean >= 0, mean.isFinite, sumOfSquares >= 0, sumOfSquares.isFinite else { return nil }
        let standardError = (sumOfSquares / (n - 1)).squareRoot() / n.squareRoot()
        guard mean > 0, standardError > 0 else { return mean...mean }
        let factor = exp(tQuantile975(degreesOfFreedom: degreesOfFreedom(n)) * standardError / mean)
        return range(mean / factor, mean * factor)
    }

    /// n − 1 as an `Int`, saturating: a count past `Int` is far beyond the table anyway.
    private static func degreesOfFreedom(_ n: Double) -> Int {
        n - 1 < 1e18 ? Int(n - 1) : Int.max
    }

    /// The 0.975 quantile of Student's t distribution (exact table to 30 degrees of freedom, then
    /// the usual reference points down to the normal 1.96).
    static func tQuantile975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
            2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        if df >= 1 && df <= 30 { return table[df - 1] }
        if df <= 40 { return 2.021 }
        if df <= 60 { return 2.000 }
        if df <= 120 { return 1.980 }
        return 1.960
    }
}

extension Measure {
    /// The 95% interval: Wilson's for a rate; for an average, the one its aggregate computed
    /// (log scale or Student's t, see ``Statistics/meanInterval(mean:sumOfSquares:count:smallest:)``);
    /// nil otherwise.
    public var confidenceInterval: ClosedRange<Double>? {
        if let n = numerator, let d = denominator { return Statistics.wilson(successes: n, trials: d) }
        return interval
    }
}
