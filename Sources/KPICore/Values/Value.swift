/// One value, outside the columnar hot path: literals, result cells, display.
///
/// Kernels never see `Value`; they work on typed column arrays.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    /// No value.
    case null
    /// An integer.
    case int(Int64)
    /// A floating-point number.
    case double(Double)
    /// A boolean.
    case bool(Bool)
    /// An instant, milliseconds since the Unix epoch (UTC).
    case timestamp(Int64)
    /// A date, as the milliseconds of its midnight UTC.
    case date(Int64)
    /// Text.
    case text(String)

    /// The value's type, or `nil` for ``null``.
    public var type: DataType? {
        switch self {
        case .null: return nil
        case .int: return .int
        case .double: return .double
        case .bool: return .bool
        case .timestamp: return .timestamp
        case .date: return .date
        case .text: return .text
        }
    }

    /// Whether this is ``null``.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The value as a `Double`, for numbers; `nil` otherwise.
    public var doubleValue: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .int(let v): return String(v)
        case .double(let v): return String(v)
        case .bool(let v): return v ? "true" : "false"
        case .timestamp(let ms): return ISO8601.format(milliseconds: ms)
        case .date(let ms): return ISO8601.formatDate(milliseconds: ms)
        case .text(let s): return s
        }
    }
}

extension Value: Comparable {
    /// Orders values: null first, then numbers by magnitude, then instants, booleans and text (byte-wise).
    public static func < (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return false
        case (.null, _): return true
        case (_, .null): return false
        case (.text(let a), .text(let b)): return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        case (.bool(let a), .bool(let b)): return !a && b
        case (.timestamp(let a), .timestamp(let b)), (.date(let a), .date(let b)),
            (.timestamp(let a), .date(let b)), (.date(let a), .timestamp(let b)):
            return a < b
        case (.int(let a), .int(let b)): return a < b
        default:
            if let a = lhs.doubleValue, let b = rhs.doubleValue { return a < b }
            return lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .null: return 0
        case .int, .double: return 1
        case .timestamp, .date: return 2
        case .bool: return 3
        case .text: return 4
        }
    }
}
