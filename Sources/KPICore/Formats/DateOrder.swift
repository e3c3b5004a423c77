/// The order of day, month and year in a numeric date such as `05/03/2024`.
///
/// A value proves the order only when a part is above 12 (`31/03/2024` is day-first); a column
/// whose values never do is read in an order that is declared, inherited or assumed (see
/// ``CoercionOutcome/assumption``).
public enum DateOrder: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Day, month, year: `31/12/2023`, `31.12.2023`, `31-12-23`.
    case dmy
    /// Month, day, year: `12/31/2023`.
    case mdy
    /// Year, month, day: `2023-12-31`, `2023/12/31`.
    case ymd

    /// `day-first`, `month-first` or `year-first`, for messages.
    public var description: String {
        switch self {
        case .dmy: return "day-first"
        case .mdy: return "month-first"
        case .ymd: return "year-first"
        }
    }

    /// The other order of a day/month pair (`nil` for ``ymd``).
    var swapped: DateOrder? {
        switch self {
        case .dmy: return .mdy
        case .mdy: return .dmy
        case .ymd: return nil
        }
    }
}
