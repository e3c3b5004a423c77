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

    /// Creates options.
    public init(asOf: Int64? = nil, weekStart: Int = 1, fiscalYearStartMonth: Int = 1) {
        self.asOf = asOf
        self.weekStart = weekStart
        self.fiscalYearStartMonth = fiscalYearStartMonth
    }
}
