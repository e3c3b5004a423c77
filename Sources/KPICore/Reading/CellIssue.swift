/// A cell a reader or the binder could not take as written: it was read as null and recorded.
///
/// Loading is lenient by default: a damaged cell never stops a load and never drops its row; it
/// becomes null and one `CellIssue` says where it was, what it held and why it was not read.
/// ``Kind/nullWord`` and ``Kind/missing`` are not damage but are listed with the rest, so a
/// user can see every cell that reached a KPI as "no value" although something was written
/// there, or although the field is required.
public struct CellIssue: Sendable, Hashable {
    /// Why the cell was read as null.
    public enum Kind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// A `"` inside an unquoted field.
        case strayQuote = "stray-quote"
        /// Text between a closing quote and the next delimiter.
        case textAfterQuote = "text-after-quote"
        /// A quote opened at the start of a field and never closed.
        case unterminatedQuote = "unterminated-quote"
        /// Bytes that are not text in the file's encoding.
        case invalidText = "invalid-text"
        /// The record ended before this field (it has fewer fields than the header).
        case missingField = "missing-field"
        /// The record has more fields than the header; the extra ones are not read.
        case extraFields = "extra-fields"
        /// Not a number in the column's format.
        case notANumber = "not-a-number"
        /// Not a whole number.
        case notAnInteger = "not-an-integer"
        /// Not a date in the column's format.
        case notADate = "not-a-date"
        /// Not a date and time in the column's format.
        case notATimestamp = "not-a-timestamp"
        /// Not a truth value (`true/false`, `yes/no`, `y/n`, `1/0`).
        case notABoolean = "not-a-boolean"
        /// Not a month (`YYYY-MM`, or a date).
        case notAMonth = "not-a-month"
        /// A word that means "no value" (`N/A`, `-`, `NULL`, …), read as null.
        case nullWord = "null-word"
        /// A required canonical field with no value.
        case missing

        /// Whether the cell held something that could not be read (as opposed to a null word or an
        /// empty required field).
        public var isDamage: Bool { self != .nullWord && self != .missing }

        /// The id, as written in a rejects file.
        public var description: String { rawValue }
    }

    /// The 0-based row of the table as loaded.
    public var row: Int
    /// The 0-based column of the table as loaded (for CSV, the field position minus one).
    public var column: Int
    /// Why it was read as null.
    public var kind: Kind
    /// What the cell held, as text (empty for a missing value).
    public var value: String
    /// More about why, for people (`the column's dates are DD-MM-YYYY`), if anything.
    public var detail: String?
    /// The canonical field the cell feeds, once bound (`created_at`).
    public var field: String?

    /// Creates an issue.
    public init(row: Int, column: Int, kind: Kind, value: String, detail: String? = nil, field: String? = nil) {
        self.row = row
        self.column = column
        self.kind = kind
        self.value = value
        self.detail = detail
        self.field = field
    }
}
