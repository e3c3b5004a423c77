/// The physical type of a column or a value.
///
/// Timestamps and dates are both stored as milliseconds since 1970-01-01T00:00:00Z (UTC);
/// a date is a timestamp at midnight UTC that remembers it was written without a time, so
/// dates and timestamps compare and subtract without conversion.
public enum DataType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A 64-bit signed integer.
    case int
    /// A 64-bit floating-point number.
    case double
    /// A boolean.
    case bool
    /// An instant, in milliseconds since the Unix epoch, UTC.
    case timestamp
    /// A calendar date, stored as the instant of its midnight UTC, in milliseconds.
    case date
    /// Text, dictionary-encoded in columns.
    case text

    /// Whether values of this type are numbers (integers or doubles).
    public var isNumeric: Bool { self == .int || self == .double }

    /// Whether values of this type are instants (timestamps or dates).
    public var isTemporal: Bool { self == .timestamp || self == .date }

    public var description: String { rawValue }
}
