/// How a table was read from its file: the encoding, layout and lines, the rows skipped as junk,
/// and the cells that could not be read as written.
///
/// Adapters fill what their format has (a CSV file has all of it, a SQLite table little); the
/// binder adds the cells it could not convert, and `kpi inspect`, the banner and `.rejects`
/// report from it.
public struct TableOrigin: Sendable {
    /// The file as the user named it.
    public var file: String
    /// The format: `csv`, `json`, `ndjson`, `sqlite`, ...
    public var format: String
    /// The text encoding the bytes were read in, when the format is text.
    public var encoding: TextEncoding?
    /// Whether the encoding was found by looking at the bytes (`false`: the user said so).
    public var encodingDetected: Bool
    /// The field delimiter (`,`, `;`, a tab, `|`), for delimited text.
    public var delimiter: String?
    /// The line ending that ends the records.
    public var lineEnding: LineEnding?
    /// The physical line of each row, where the format has lines.
    public var lines: LineMap?
    /// The 1-based line of the header, where there is one.
    public var headerLine: Int?
    /// The columns' names as loaded, in file order: a ``CellIssue``'s column indexes them.
    public var columnNames: [String] = []
    /// Rows not read as data: blank records, repeated headers, report titles and footers.
    public var skippedRows: [SkippedRow]
    /// Empty lines between records (skipped, counted only).
    public var blankLineCount = 0
    /// Cells read as null because they could not be read as written.
    public var cellIssues: [CellIssue]

    /// Creates an origin.
    public init(
        file: String, format: String, encoding: TextEncoding? = nil, encodingDetected: Bool = true,
        delimiter: String? = nil, lineEnding: LineEnding? = nil, lines: LineMap? = nil, headerLine: Int? = nil,
        skippedRows: [SkippedRow] = [], cellIssues: [CellIssue] = []
    ) {
        self.file = file
        self.format = format
        self.encoding = encoding
        self.encodingDetected = encodingDetected
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.lines = lines
        self.headerLine = headerLine
        self.skippedRows = skippedRows
        self.cellIssues = cellIssues
    }

    /// The physical line of `row`, if the format has lines.
    public func line(ofRow row: Int) -> Int? { lines?.line(ofRow: row) }
}

/// A row of a file that was not read as data.
public struct SkippedRow: Sendable, Hashable, CustomStringConvertible {
    /// Why a row was skipped.
    public enum Reason: String, Sendable, Hashable, CustomStringConvertible {
        /// Nothing but delimiters and spaces.
        case blank
        /// The header again.
        case repeatedHeader = "repeated header"
        /// A title or note above the header.
        case preamble = "title above the header"
        /// A report's footer: totals, a confidentiality notice, a copyright line, a summary row.
        case footer

        public var description: String { rawValue }
    }

    /// The 1-based physical line.
    public var line: Int
    /// Why.
    public var reason: Reason
    /// The row's text, shortened, for reports.
    public var text: String

    /// Creates a skipped row.
    public init(line: Int, reason: Reason, text: String) {
        self.line = line
        self.reason = reason
        self.text = text
    }

    /// `line 34 (footer): Grand Totals (30 records)`.
    public var description: String {
        text.isEmpty ? "line \(line) (\(reason))" : "line \(line) (\(reason)): \(text)"
    }
}

/// The character encodings KPIKit reads text files in.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// UTF-8 (with or without a byte-order mark).
    case utf8 = "UTF-8"
    /// UTF-16, little-endian (what Excel's "Unicode Text" writes, with a byte-order mark).
    case utf16LittleEndian = "UTF-16LE"
    /// UTF-16, big-endian.
    case utf16BigEndian = "UTF-16BE"
    /// Windows-1252, the Western-European code page older Windows programs write.
    case windows1252 = "Windows-1252"
    /// ISO-8859-1 (Latin-1).
    case latin1 = "ISO-8859-1"

    /// The encoding a user names (`utf-8`, `utf8`, `utf-16`, `cp1252`, `latin1`, ...), or `nil`.
    /// `utf-16` alone means little-endian, as Windows writes it.
    public init?(userName: String) {
        let key = userName.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8": self = .utf8
        case "utf16", "utf16le", "unicode": self = .utf16LittleEndian
        case "utf16be": self = .utf16BigEndian
        case "windows1252", "cp1252", "win1252", "ansi": self = .windows1252
        case "latin1", "iso88591", "l1": self = .latin1
        default: return nil
        }
    }

    /// The names `init(userName:)` accepts, for help and errors.
    public static let userNames = "utf-8, utf-16, utf-16le, utf-16be, windows-1252 (cp1252), latin-1"

    public var description: String { rawValue }
}

/// How a text file ends its lines.
public enum LineEnding: String, Sendable, Hashable, CustomStringConvertible {
    /// `\n` (Unix, macOS).
    case lf = "LF"
    /// `\r\n` (Windows).
    case crlf = "CRLF"
    /// `\r` alone (classic Mac OS, some old Excel exports).
    case cr = "CR"

    public var description: String { rawValue }
}
