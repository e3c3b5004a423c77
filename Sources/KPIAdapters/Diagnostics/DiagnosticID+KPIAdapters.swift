import KPICore

/// The diagnostic ids KPIAdapters raises, by domain.
extension DiagnosticID {
    // MARK: csv
    /// `csv.empty`, e.g. "… is empty: a CSV file needs a header row".
    public static let csvEmpty = DiagnosticID("csv.empty")
    /// `csv.invalid-utf8`, e.g. "… is not valid UTF-8".
    public static let csvInvalidUTF8 = DiagnosticID("csv.invalid-utf8")
    /// `csv.ragged-row`.
    public static let csvRaggedRow = DiagnosticID("csv.ragged-row")
    /// `csv.stray-quote`, e.g. "stray quote in unquoted …; quote the whole field and double quotes inside it".
    public static let csvStrayQuote = DiagnosticID("csv.stray-quote")
    /// `csv.unreadable`.
    public static let csvUnreadable = DiagnosticID("csv.unreadable")
    /// `csv.unterminated-quote`, e.g. "unterminated quoted …: the quote opened here is never closed".
    public static let csvUnterminatedQuote = DiagnosticID("csv.unterminated-quote")

    // MARK: json
    /// The same key twice in one row (after flattening) or the same table twice.
    public static let jsonDuplicateKey = DiagnosticID("json.duplicate-key")
    /// A backslash escape JSON does not define, bad `\u` hex digits, or a lone surrogate.
    public static let jsonInvalidEscape = DiagnosticID("json.invalid-escape")
    /// A number that breaks JSON's grammar (`01`, `1.`, `-`, `1e`).
    public static let jsonInvalidNumber = DiagnosticID("json.invalid-number")
    /// Bytes that are not UTF-8.
    public static let jsonInvalidUTF8 = DiagnosticID("json.invalid-utf8")
    /// A number beyond ±1.8e308 (`1e400`), with strict loading; leniently it is a bad cell.
    public static let jsonOutOfRange = DiagnosticID("json.out-of-range")
    /// A token that does not belong where it stands (the catch-all).
    public static let jsonSyntax = DiagnosticID("json.syntax")
    /// Nesting deeper than ``JSONReader/maxDepth``.
    public static let jsonTooDeep = DiagnosticID("json.too-deep")
    /// A comma right before `]` or `}`.
    public static let jsonTrailingComma = DiagnosticID("json.trailing-comma")
    /// A file that cannot be read.
    public static let jsonUnreadable = DiagnosticID("json.unreadable")
    /// A string without its closing quote on the same line.
    public static let jsonUnterminatedString = DiagnosticID("json.unterminated-string")

    // MARK: sqlite
    /// The database is damaged (SQLITE_CORRUPT).
    public static let sqliteCorrupt = DiagnosticID("sqlite.corrupt")
    /// `sqlite.empty`, e.g. "the file is empty: not a SQLite database with tables".
    public static let sqliteEmpty = DiagnosticID("sqlite.empty")
    /// Any other SQLite error; the message carries the code, SQLite's text and the SQL.
    public static let sqliteError = DiagnosticID("sqlite.error")
    /// A rollback journal holds an unfinished transaction whose pages the database file holds.
    public static let sqliteHotJournal = DiagnosticID("sqlite.hot-journal")
    /// The file is not an SQLite database (SQLITE_NOTADB).
    public static let sqliteNotADatabase = DiagnosticID("sqlite.not-a-database")
    /// An infinite or NaN REAL, with strict loading; leniently it is a bad cell.
    public static let sqliteOutOfRange = DiagnosticID("sqlite.out-of-range")
    /// A write-ahead log holds changes a read-only, immutable open would not see.
    public static let sqlitePendingWAL = DiagnosticID("sqlite.pending-wal")
    /// The file is missing, a directory, or cannot be opened.
    public static let sqliteUnreadable = DiagnosticID("sqlite.unreadable")
}
