import Foundation
import KPICore

/// Reads comma-, semicolon-, tab- or pipe-separated files (RFC 4180) into one typed table.
///
/// The first record is the header (title lines above it are skipped). Each column's type is
/// inferred from all of its cells: integer (`Int64`, widening to double on overflow; digits with
/// a leading zero such as `02134` are codes, so text), decimal,
/// boolean (`true`/`false`/`yes`/`no`, any case), ISO-8601 date, ISO-8601 timestamp (a column
/// mixing both is a timestamp), otherwise dictionary-encoded text. An empty field is null; a
/// quoted empty field (`""`) is the empty string in a text column and null in any other; a null
/// word (`N/A`, `-`, `NULL`, … see ``NullWords``) is null in a typed column and recorded. Other
/// formats (`30-09-2015`, `$1,250.50`) stay text here and are read when the schema binder
/// types the column.
///
/// The encoding is detected (UTF-8 with or without a byte-order mark; UTF-16 by its mark;
/// Windows-1252 when the bytes are not UTF-8) unless ``LoadOptions/encoding`` names it; lines may
/// end with LF, CRLF or CR. Blank records, repeated header rows and a report's footer are skipped
/// and listed in ``Table/origin``.
///
/// Lenient by default: a malformed field (a stray quote, text after a closing quote, a quote
/// never closed) is read as null, a record with fewer fields than the header gets nulls for the
/// rest and one with more has its extra fields dropped, and each is recorded as a ``CellIssue``
/// in ``Table/origin`` with its row; its line comes from the origin's line map. With
/// ``LoadOptions/strict`` the first of them is a ``DataError`` at `file:line:column` with one of
/// the ids `csv.unterminated-quote`, `csv.stray-quote`, `csv.ragged-row`, `csv.invalid-utf8`.
/// An unreadable or empty file is always an error (`csv.unreadable`, `csv.empty`).
public struct CSVAdapter: DataAdapter {
    /// Creates the adapter.
    public init() {}

    /// `csv`.
    public var name: String { "csv" }

    /// `csv`, `tsv`, and `txt` (what Excel's "Unicode Text" and "Text (Tab delimited)" write).
    public var fileExtensions: [String] { ["csv", "tsv", "txt"] }

    /// Reads the file as one table named after the file's stem, or `options.tableName`.
    public func load(_ url: URL, options: LoadOptions) throws(DataError) -> [Table] {
        [try Self.read(url, tableName: options.tableName, options: options)]
    }

    /// Reads a CSV file into a table (the typed-throws form of ``load(_:options:)``).
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - tableName: The table's name; the file's stem when `nil`.
    ///   - options: Encoding, strictness and extra null words.
    public static func read(_ url: URL, tableName: String? = nil, options: LoadOptions = LoadOptions()) throws(DataError) -> Table {
        // The path as the user named it: messages and the rejects point where they looked.
        let path = url.relativePath
        let input = try CSVInput.read(path: path, displayName: path)
        let name = tableName ?? url.deletingPathExtension().lastPathComponent
        return try CSVParser(input: input, fileName: path, tableName: name, options: readOptions(options)).parse()
    }

    /// Parses CSV bytes held in memory.
    ///
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - fileName: The name errors cite as their file.
    ///   - tableName: The table's name.
    ///   - options: Encoding, strictness and extra null words.
    public static func parse(bytes: [UInt8], fileName: String, tableName: String, options: LoadOptions = LoadOptions()) throws(DataError) -> Table {
        try CSVParser(input: CSVInput(copying: bytes), fileName: fileName, tableName: tableName, options: readOptions(options)).parse()
    }

    /// Parses in-memory bytes cut into `chunks` stretches from `parallelThreshold` body bytes on:
    /// the hook tests and the fuzz harness use to compare the parallel path with one pass.
    /// Without `threads` the chunks (and columns) are worked on one after another.
    package static func parse(
        bytes: [UInt8], fileName: String, tableName: String, parallelThreshold: Int, chunks: Int, threads: Bool = true,
        options: LoadOptions = LoadOptions()
    ) throws(DataError) -> Table {
        var read = readOptions(options)
        read.parallelThreshold = parallelThreshold
        read.chunkCount = chunks
        read.usesThreads = threads
        return try CSVParser(input: CSVInput(copying: bytes), fileName: fileName, tableName: tableName, options: read).parse()
    }

    /// Parses CSV text held in memory (its UTF-8 bytes); a convenience for tests and callers.
    public static func parse(
        text: String, fileName: String = "<memory>", tableName: String = "table", options: LoadOptions = LoadOptions()
    ) throws(DataError) -> Table {
        try parse(bytes: Array(text.utf8), fileName: fileName, tableName: tableName, options: options)
    }

    private static func readOptions(_ options: LoadOptions) -> CSVReadOptions {
        let nullWords = options.extraNullWords.isEmpty ? CSVNullWords.standard : CSVNullWords(NullWords(extra: options.extraNullWords))
        var read = CSVReadOptions(strict: options.strict, encoding: options.encoding, nullWords: nullWords)
        read.cancellation = options.cancellation
        return read
    }
}
