import Foundation
import KPICore

/// Formats numbers for people, by unit: `18.4%`, `$2,361`, `3.2 days`, `1,204`.
public struct ValueFormatter: Sendable {
    /// The currency symbol put before money.
    public var currencySymbol: String

    /// Creates a formatter.
    public init(currencySymbol: String = "$") {
        self.currencySymbol = currencySymbol
    }

    /// A measure's value in its unit; `–` for null.
    public func format(_ value: Double?, unit: KPICore.Unit) -> String {
        guard let value else { return "–" }
        switch unit {
        case .count: return grouped(value, decimals: value.rounded() == value ? 0 : 1)
        case .ratio: return grouped(value * 100, decimals: 1) + "%"
        case .money: return (value < 0 ? "-" : "") + currencySymbol + grouped(Swift.abs(value), decimals: Swift.abs(value) >= 100 ? 0 : 2)
        case .duration(let scale):
            let shown = grouped(value, decimals: 1)
            return shown + " " + scale.word + (shown == "1.0" ? "" : "s")
        case .score: return grouped(value, decimals: 1)
        case .time:
            // Arithmetic on dates can leave every calendar (`max(created_at) + 1e300`): say so, don't trap.
            guard let ms = Int64(exactly: value.rounded()), Time.supportedInstants.contains(ms) else { return "out of range" }
            return ISO8601.format(milliseconds: ms)
        default: return grouped(value, decimals: value.rounded() == value ? 0 : 2)
        }
    }

    /// A plain count with thousands separators.
    public func count(_ value: Double) -> String { grouped(value, decimals: 0) }

    /// A key or text cell.
    public func cell(_ value: Value) -> String {
        switch value {
        case .null: return "(none)"
        case .double(let d): return grouped(d, decimals: 2)
        default: return value.description
        }
    }

    /// `1234567.891` with 1 decimal → `1,234,567.9`.
    public func grouped(_ value: Double, decimals: Int) -> String {
        let fixed = String(format: "%.\(decimals)f", value)
        var integer = fixed
        var fraction = ""
        if let dot = fixed.firstIndex(of: ".") {
            integer = String(fixed[..<dot])
            fraction = String(fixed[dot...])
        }
        var sign = ""
        if integer.hasPrefix("-") {
            sign = "-"
            integer.removeFirst()
        }
        var out = ""
        for (i, ch) in integer.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        let result = sign + String(out.reversed()) + fraction
        return result == "-0" || result.hasPrefix("-0.") && Double(result) == 0 ? String(result.dropFirst()) : result
    }
}
