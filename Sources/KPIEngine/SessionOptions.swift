import KPICore

/// Settings of a session that change results: the clock and the calendar.
public struct SessionOptions: Sendable, Hashable {
    /// "Now" for relative periods; `nil` means the latest timestamp in the data, so results are
    /// reproducible rather than depending on the wall clock.
    public var asOf: Int64?
    /// First day of the week, 1 = Monday ... 7 = Sunday.
    public var weekStart: Int
    /// First month of the fiscal year, 1...12.
    public var fiscalYearStartMonth: Int
    /// Stop a load at the first cell that cannot be read (`--strict`), instead of reading it as
    /// null and listing it among the rejects.
    public var strict: Bool
    /// The encoding to read text files in (`--encoding`); `nil` detects it per file.
    public var encoding: TextEncoding?
    /// The day/month order of dates that no value decides (`--date-order`).
    public var dateOrder: DateOrder?

    /// Creates options.
    public init(
        asOf: Int64? = nil, weekStart: Int = 1, fiscalYearStartMonth: Int = 1, strict: Bool = false,
        encoding: TextEncoding? = nil, dateOrder: DateOrder? = nil
    ) {
        self.asOf = asOf
        self.weekStart = weekStart
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.strict = strict
        self.encoding = encoding
        self.dateOrder = dateOrder
    }
}
