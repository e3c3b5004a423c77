/// The scale of a duration value.
public enum DurationScale: String, Sendable, Hashable, CaseIterable {
    case seconds, minutes, hours, days

    /// Seconds in one of this scale's units.
    public var seconds: Double {
        switch self {
        case .seconds: return 1
        case .minutes: return 60
        case .hours: return 3600
        case .days: return 86400
        }
    }

    /// The singular word used when formatting (`hour`, `day`, ...).
    public var word: String {
        switch self {
        case .seconds: return "second"
        case .minutes: return "minute"
        case .hours: return "hour"
        case .days: return "day"
        }
    }
}

/// What a number means: the unit a KPI or an expression is measured in.
///
/// Units are checked before evaluation (money + duration is an error) and decide formatting:
/// `18.4%`, `$2,361`, `3.2 days`, `1,204`.
public enum Unit: Sendable, Hashable, CustomStringConvertible {
    /// A number of things (leads, deals, calls).
    case count
    /// An amount of money, in the dataset's currency.
    case money
    /// A fraction (0.184 is shown as 18.4%); rates are ratios.
    case ratio
    /// A length of time.
    case duration(DurationScale)
    /// A score on its own scale (NPS −100…100, CSAT 1–5).
    case score
    /// A plain number without a unit.
    case number
    /// Text.
    case text
    /// A truth value.
    case bool
    /// An instant or a date.
    case time

    /// The name used in the formula language and in JSON output.
    public var name: String {
        switch self {
        case .count: return "count"
        case .money: return "money"
        case .ratio: return "ratio"
        case .duration(let scale): return scale == .days ? "days" : scale.rawValue
        case .score: return "score"
        case .number: return "number"
        case .text: return "text"
        case .bool: return "bool"
        case .time: return "time"
        }
    }

    /// Parses a unit name as written after `unit` in a definition (`ratio`, `money`, `days`, ...).
    public init?(name: String) {
        switch name.lowercased() {
        case "count": self = .count
        case "money", "currency": self = .money
        case "ratio", "rate", "percent": self = .ratio
        case "seconds": self = .duration(.seconds)
        case "minutes": self = .duration(.minutes)
        case "hours": self = .duration(.hours)
        case "days", "duration": self = .duration(.days)
        case "score": self = .score
        case "number": self = .number
        case "text": self = .text
        case "bool": self = .bool
        case "time": self = .time
        default: return nil
        }
    }

    /// Whether the unit is a duration of any scale.
    public var isDuration: Bool { if case .duration = self { return true } else { return false } }

    public var description: String { name }
}

/// Which way is good for a KPI.
public enum Direction: String, Sendable, Hashable, CaseIterable {
    /// Bigger values are better (win rate, revenue).
    case higherIsBetter = "higher"
    /// Smaller values are better (CAC, response time, churn).
    case lowerIsBetter = "lower"
    /// Neither direction is better by itself (lead volume by status).
    case neutral
}
