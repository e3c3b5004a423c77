/// The result of a lenient coercion: the typed column, the format it was read in, and every cell
/// that was read as null although it held something.
public struct CoercionOutcome: Sendable {
    /// The converted column; unreadable cells and null words are null.
    public var column: Column
    /// The detected format, for people (`DD-MM-YYYY`, `MM/DD/YYYY hh:mm AM/PM`,
    /// `$ with Indian grouping (1,40,000.00)`, `decimal comma (1.234,56)`, `yes/no`); `nil` when
    /// the values are plain, ISO 8601, or already typed.
    public var format: String?
    /// Set when the column's values did not decide the day/month order, saying which order was
    /// assumed, why, and how to declare the other.
    public var assumption: String?
    /// One issue per cell read as null although it held something, in row order. Each has column
    /// index 0 (the caller knows the column's position and sets it), the row, the kind, the cell's
    /// text and why it was not read.
    public var issues: [CellIssue]

    /// Creates an outcome.
    public init(column: Column, format: String? = nil, assumption: String? = nil, issues: [CellIssue] = []) {
        self.column = column
        self.format = format
        self.assumption = assumption
        self.issues = issues
    }

    /// The number of issues that are damage (not null words).
    public var damageCount: Int { issues.reduce(0) { $0 + ($1.kind.isDamage ? 1 : 0) } }
}
