import Foundation
import KPICore

/// Reads comma-, semicolon-, tab- or pipe-separated files (RFC 4180) into one typed table.
///
/// The first record is the header. Each column's type is inferred from all of its cells:
/// integer (`Int64`, widening to double on overflow), decimal, boolean (`true`/`false`/`yes`/`no`,
/// any case), ISO-8601 date, ISO-8601 timestamp (a column mixing both is a timestamp), otherwise
/// dictionary-encoded text. An empty field is null; a quoted empty field (`""`) is the empty
/// string in a text column and null in any other.
///
/// Malformed input is a ``DataError`` at `file:line:column` with one of the ids
/// `csv.unreadable`, `csv.empty`, `csv.unterminated-quote`, `csv.stray-quote`, `csv.ragged-row`,
/// `csv.invalid-utf8`. A record with more or fewer fields than the header is an error, never
/// padded or dropped; blank lines are skipped when the table has more than one column.
public struct CSVAdapter: DataAdapter {
    /// Creates the adapter.
    public init() {}

    /// `csv`.
    public var name: String { "csv" }

    /// `csv` and `tsv`.
    public var fileExtensions: [String] { ["csv", "tsv"] }

    /// Reads the file as one table named after the file's stem, or `options.tableName`.
    public func load(_ url: URL, options: LoadOptions) throws -> [Table] {
        [try Self.read(url, tableName: options.tableName)]
    }

    /// Reads a CSV file into a table (the typed-throws form of ``load(_:options:)``).
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - tableName: The table's name; the file's stem when `nil`.
    public static func read(_ url: URL, tableName: String? = nil) throws(DataError) -> Table {
        let path = url.path
        let input = try CSVInput.read(path: path, displayName: path)
        let name = tableName ?? url.deletingPathExtension().lastPathComponent
        return try CSVParser(input: input, fileName: path, tableName: name).parse()
    }

    /// Parses CSV bytes held in memory.
    ///
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - fileName: The name errors cite as their file.
    ///   - tableName: The table's name.
    public static func parse(bytes: [UInt8], fileName: String, tableName: String) throws(DataError) -> Table {
        try CSVParser(input: CSVInput(copying: bytes), fileName: fileName, tableName: tableName).parse()
    }

    /// Parses in-memory bytes cut into `chunks` stretches from `parallelThreshold` body bytes on:
    /// the test hook for the parallel path.
    static func parse(bytes: [UInt8], fileName: String, tableName: String, parallelThreshold: Int, chunks: Int) throws(DataError) -> Table {
        var parser = CSVParser(input: CSVInput(copying: bytes), fileName: fileName, tableName: tableName)
        parser.parallelThreshold = parallelThreshold
        parser.chunkCount = chunks
        return try parser.parse()
    }

    /// Parses CSV text held in memory (its UTF-8 bytes); a convenience for tests and callers.
    public static func parse(text: String, fileName: String = "<memory>", tableName: String = "table") throws(DataError) -> Table {
        try parse(bytes: Array(text.utf8), fileName: fileName, tableName: tableName)
    }
}
