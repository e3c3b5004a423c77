/// A format a mapping file or the command line declares for a field, where the values alone
/// would leave it open or read it wrong.
///
/// ```swift
/// FormatDeclaration(parsing: "dmy")            // day-first numeric dates
/// FormatDeclaration(parsing: "DD.MM.YYYY HH:mm") // this exact pattern
/// FormatDeclaration(parsing: "decimal-comma")  // 1.234,56
/// ```
public struct FormatDeclaration: Sendable, Hashable {
    /// The order of numeric dates; values that only read in another order are issues.
    public var dateOrder: DateOrder?
    /// The one pattern the field's dates are written in (`DD/MM/YYYY HH:mm`, `D MMM YYYY`,
    /// `MM/DD/YY h:mm a`); see `docs/value-formats.md` for the tokens.
    public var datePattern: String?
    /// `true`: `,` is the decimal separator (`1.234,56`); `false`: `.` is.
    public var decimalComma: Bool?

    /// Creates a declaration.
    public init(dateOrder: DateOrder? = nil, datePattern: String? = nil, decimalComma: Bool? = nil) {
        self.dateOrder = dateOrder
        self.datePattern = datePattern
        self.decimalComma = decimalComma
    }

    /// Parses a mapping's `"format"` string: `dmy`, `mdy`, `ymd` (also `day-first`,
    /// `month-first`, `year-first`), `decimal-comma` (also `decimal_comma`), `decimal-point`
    /// (also `decimal_point`), or a date pattern.
    ///
    /// Returns `nil` for anything it does not understand; the caller reports the error.
    public init?(parsing text: String) {
        let trimmed = String(text.trimmedForSchema)
        switch trimmed.lowercased() {
        case "dmy", "day-first": self.init(dateOrder: .dmy)
        case "mdy", "month-first": self.init(dateOrder: .mdy)
        case "ymd", "year-first": self.init(dateOrder: .ymd)
        case "decimal-comma", "decimal_comma": self.init(decimalComma: true)
        case "decimal-point", "decimal_point": self.init(decimalComma: false)
        default:
            guard DatePattern(trimmed) != nil else { return nil }
            self.init(datePattern: trimmed)
        }
    }

    /// The compiled pattern, if one is declared and valid.
    var compiledPattern: DatePattern? { datePattern.flatMap(DatePattern.init) }
}
