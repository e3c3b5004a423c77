/// The type a canonical field has once bound; loaded columns are coerced to it.
///
/// Canonical types are a little richer than ``DataType``: ``money`` and ``number`` are both stored
/// as doubles, ``month`` is text in `YYYY-MM` form, and ``identifier`` keeps whatever of int or text
/// the data arrived with, because ids from different systems are either.
public enum CanonicalType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// An id: kept as `int` or `text` as loaded (integral doubles become `int`).
    case identifier = "id"
    /// Text.
    case text
    /// An instant; a date alone means its midnight UTC.
    case timestamp
    /// A truth value.
    case bool
    /// An amount of money, stored as a double.
    case money
    /// A whole number.
    case int
    /// A plain number, stored as a double.
    case number
    /// A calendar month, stored as `YYYY-MM` text.
    case month

    /// The storage type a bound column has, or `nil` for ``identifier`` (int or text).
    public var storage: DataType? {
        switch self {
        case .identifier: return nil
        case .text, .month: return .text
        case .timestamp: return .timestamp
        case .bool: return .bool
        case .money, .number: return .double
        case .int: return .int
        }
    }

    /// The name used in reports and docs (`id`, `money`, `month`, ...).
    public var description: String { rawValue }
}
