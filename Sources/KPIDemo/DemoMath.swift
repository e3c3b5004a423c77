/// `exp` and `log` from IEEE basic arithmetic only, so the demo is identical on every platform.
///
/// libm implementations (glibc, Apple, musl, Windows) may differ in the last bit, and a single
/// bit can flip a `unit() < p` decision and change the whole data set. These versions use
/// correctly rounded `+ - * /` in a fixed order, plus exact power-of-two scaling. Swift does not
/// contract `a * b + c` into a fused multiply-add unless asked, so the results are bit-identical
/// wherever IEEE-754 doubles are. Accuracy is within a few ulps, far more than a simulation needs.
enum DemoMath {
    private static let ln2Hi = 0x1.62e42fee00000p-1  // ln 2 split so that k * ln2Hi is exact
    private static let ln2Lo = 0x1.a39ef35793c76p-33

    /// e raised to `x`.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.78 { return .infinity }
        if x < -745.2 { return 0 }
        // x = k ln 2 + r with |r| <= ln 2 / 2, then e^r by its Taylor series (the 15th term is
        // below 1e-18 for |r| < 0.35).
        let k = (x / (ln2Hi + ln2Lo)).rounded()
        let r = (x - k * ln2Hi) - k * ln2Lo
        var term = 1.0
        var sum = 1.0
        for n in 1...15 {
            term = term * r / Double(n)
            sum += term
        }
        return scaled(sum, byPowerOfTwo: Int(k))
    }

    /// The natural logarithm of `x`; `-infinity` at 0 and NaN below it.
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return x }
        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)), then log m = 2 atanh(s), s = (m-1)/(m+1).
        var m = x.significand  // exact, in [1, 2) (subnormals are normalised too)
        var e = Int(x.exponent)
        if m > 1.414_213_562_373_095_1 {
            m /= 2
            e += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var power = s
        var sum = 0.0
        var n = 1.0
        while n <= 31 {  // s² < 0.0295, so s³¹ / 31 is far below an ulp of the sum
            sum += power / n
            power *= s2
            n += 2
        }
        let fe = Double(e)
        return fe * ln2Hi + (2 * sum + fe * ln2Lo)
    }

    /// The logistic function, 1 / (1 + e^-x).
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// The log-odds of a probability in (0, 1).
    static func logit(_ p: Double) -> Double { log(p / (1 - p)) }

    /// `x` raised to a real power, for positive `x`.
    static func power(_ x: Double, _ y: Double) -> Double { exp(y * log(x)) }

    /// `value * 2^k`, exactly (two steps keep intermediate powers representable).
    private static func scaled(_ value: Double, byPowerOfTwo k: Int) -> Double {
        let half = k / 2
        return value * Double(sign: .plus, exponent: half, significand: 1)
            * Double(sign: .plus, exponent: k - half, significand: 1)
    }
}
