import Foundation
import KPICore

/// Round axis ticks for report charts: steps of 1, 2 or 5 × 10^k, so a scale reads 0 / 20 / 40 /
/// 60 / 80, never 38.9 / 58.3 / 77.7.
enum ChartAxis {
    /// The step of 1, 2 or 5 × 10^k that is the smallest at or above `raw` (`raw` > 0).
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        // A little slack so 2.0000000001 is still 2.
        let nice: Double = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10
        return nice * magnitude
    }

    /// The ticks of an axis covering `low ... high` with about `count` intervals: multiples of one
    /// round step, from the last at or below `low` to the first at or above `high`. The first and
    /// last tick are the axis' ends.
    static func ticks(low: Double, high: Double, count: Int = 4) -> (values: [Double], step: Double) {
        // Values near ±1.8e308 (or infinite ones) would make the span infinite and the stride
        // below endless: an axis of what can be drawn is better than no report.
        guard low.isFinite, high.isFinite, (high - low).isFinite else { return ([0, 1], 1) }
        var low = low, high = high
        if !(high > low) {
            // A flat series: from zero to its value (or 0 … 1 when it is zero).
            if low > 0 { low = 0 } else if low < 0 { high = 0 } else { high = 1 }
        }
        let step = niceStep((high - low) / Double(Swift.max(1, count)))
        let first = (low / step + 1e-9).rounded(.down), last = (high / step - 1e-9).rounded(.up)
        let values = stride(from: first, through: last, by: 1).map { clean($0 * step, step: step) }
        return (values, step)
    }

    /// `k × step` without binary noise (0.30000000000000004 → 0.3).
    private static func clean(_ value: Double, step: Double) -> Double {
        let decimals = Swift.max(0, Int(-floor(log10(step))) + 1)
        let scale = pow(10, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        return rounded == 0 ? 0 : rounded
    }

    /// A tick's label in the axis' unit with only the decimals the step needs: `20%`, `$50,000`,
    /// `2.5 days`, `0.5`.
    static func label(_ value: Double, step: Double, unit: KPICore.Unit, formatter: ValueFormatter) -> String {
        func decimals(_ step: Double) -> Int { Swift.max(0, Int(-floor(log10(step) + 1e-9))) }
        switch unit {
        case .ratio:
            return formatter.grouped(value * 100, decimals: decimals(step * 100)) + "%"
        case .money:
            return (value < 0 ? "-" : "") + formatter.currencySymbol + formatter.grouped(Swift.abs(value), decimals: decimals(step))
        case .duration(let scale):
            let shown = formatter.grouped(value, decimals: decimals(step))
            return shown + " " + scale.word + (shown == "1" ? "" : "s")
        case .time:
            return formatter.format(value, unit: unit)
        default:
            return formatter.grouped(value, decimals: decimals(step))
        }
    }
}
