import Foundation
import KPIFormula

/// Tests of whether two measures differ by more than chance.
enum Significance {
    /// Two-sided p-value: a two-proportion z-test for rates, a normal test on the 95% intervals
    /// for averages; nil when neither applies (plain counts have no sampling error here).
    static func pValue(_ a: Measure, _ b: Measure) -> Double? {
        if let n1 = a.numerator, let d1 = a.denominator, let n2 = b.numerator, let d2 = b.denominator {
            guard d1 > 0, d2 > 0 else { return nil }
            let pooled = (n1 + n2) / (d1 + d2)
            let se = (pooled * (1 - pooled) * (1 / d1 + 1 / d2)).squareRoot()
            guard se > 0 else { return n1 / d1 == n2 / d2 ? 1 : 0 }
            return twoSided(z: (n2 / d2 - n1 / d1) / se)
        }
        if let x = a.value, let y = b.value, let ia = a.interval, let ib = b.interval {
            let se = ((ia.upperBound - ia.lowerBound) / 3.92).squaredSum((ib.upperBound - ib.lowerBound) / 3.92)
            guard se > 0 else { return nil }
            return twoSided(z: (y - x) / se)
        }
        return nil
    }

    /// Two-sided p-value of a rate against a fixed target p₀: z = (p − p₀) / √(p₀(1 − p₀)/n).
    static func pValue(_ a: Measure, against target: Double) -> Double? {
        guard let n = a.numerator, let d = a.denominator, d > 0, target > 0, target < 1 else { return nil }
        return twoSided(z: (n / d - target) / (target * (1 - target) / d).squareRoot())
    }

    static func twoSided(z: Double) -> Double { erfc(abs(z) / 2.0.squareRoot()) }
}

extension Double {
    fileprivate func squaredSum(_ other: Double) -> Double { (self * self + other * other).squareRoot() }
}
