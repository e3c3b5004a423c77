import Foundation
import KPICore

/// Reads JSON and NDJSON files of row objects into typed columnar tables.
///
/// Three shapes are accepted:
/// - an array of objects, `[{"lead_id": 1, …}, …]`: one table named after the file;
/// - NDJSON (`.ndjson`, `.jsonl`, or a `.json` file holding more than one top-level object):
///   one object per line, blank lines and CRLF allowed;
/// - an object whose values are arrays of objects, `{"leads": […], "deals": […]}`: one table per key.
///
/// Nested objects are flattened to dotted column names (`owner.name`); arrays inside a row are
/// kept as their JSON source text in a text column. Columns are the union of keys in first-seen
/// order; a missing key and JSON `null` are both null. Each column's type is inferred by widening
/// instead of failing: int → double → text, booleans stay bool unless mixed, strings become
/// `.date` or `.timestamp` when every one is ISO-8601, else text. An integer beyond `Int64` is a
/// double. A number beyond ±1.8e308 (`1e400`) is a bad cell, as in CSV: null, and listed in the
/// table's ``TableOrigin/cellIssues`` (with ``LoadOptions/strict``, the error
/// `json.out-of-range`). A column with only nulls is text. An empty array (`[]`) or empty NDJSON file is a
/// table with zero rows and no columns.
///
/// ```swift
/// let tables = try JSONAdapter().load(URL(fileURLWithPath: "leads.ndjson"), options: LoadOptions())
/// ```
///
/// Errors are ``DataError``s at `file:line:column` (1-based; columns count characters), with ids
/// `json.syntax`, `json.unterminated-string`, `json.trailing-comma`, `json.invalid-escape`,
/// `json.invalid-number`, `json.invalid-utf8`, `json.not-an-object` (a row that is not an object),
/// `json.not-a-table` (a document of another shape), `json.duplicate-key`, `json.too-deep`,
/// `json.out-of-range` (strict loading only), and `json.unreadable`.
public struct JSONAdapter: DataAdapter {
    /// Creates the adapter.
    public init() {}

    /// `json`.
    public var name: String { "json" }

    /// `json`, `ndjson`, `jsonl`.
    public var fileExtensions: [String] { ["json", "ndjson", "jsonl"] }

    /// Reads the file's tables.
    ///
    /// - Parameters:
    ///   - url: A `.json`, `.ndjson` or `.jsonl` file; the last two are always read as NDJSON.
    ///   - options: `tableName` replaces the file stem for single-table shapes; an object of
    ///     arrays always names its tables by its keys.
    /// - Returns: One table, or one per key of a top-level object.
    /// - Throws: A ``DataError`` (see the type's discussion for the ids).
    public func load(_ url: URL, options: LoadOptions) throws(DataError) -> [Table] {
        let file = url.relativePath
        try FileCheck.requireRegularFile(url, file: file, id: .jsonUnreadable)
        // Read, not mapped: a mapped file truncated under the load would kill it with SIGBUS.
        let data = try FileCheck.readAll(url.path, file: file, id: .jsonUnreadable)
        let ext = url.pathExtension.lowercased()
        let tableName = options.tableName ?? url.deletingPathExtension().lastPathComponent
        return try tables(
            from: data, file: file, tableName: tableName, isLineDelimited: ext == "ndjson" || ext == "jsonl",
            strict: options.strict, cancellation: options.cancellation)
    }

    /// Reads tables from JSON bytes already in memory.
    ///
    /// - Parameters:
    ///   - data: UTF-8 JSON or NDJSON (a leading byte-order mark is skipped).
    ///   - file: The label errors and ``Table/source`` carry.
    ///   - tableName: The name of the table for single-table shapes.
    ///   - isLineDelimited: Read as NDJSON even if the text is a single object.
    ///   - strict: Stop at a number beyond ±1.8e308 (`json.out-of-range`) instead of reading it
    ///     as a bad cell (null, listed in the table's ``TableOrigin/cellIssues``).
    ///   - cancellation: asked every few thousand rows; a stop throws ``DataError/cancelled(file:)``.
    /// - Returns: One table, or one per key of a top-level object.
    /// - Throws: A ``DataError``.
    public func tables(
        from data: Data, file: String, tableName: String, isLineDelimited: Bool = false, strict: Bool = false,
        cancellation: LoadCancellation = .never
    ) throws(DataError) -> [Table] {
        do {
            return try data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var document = JSONDocumentReader(
                    reader: JSONReader(bytes: bytes, file: file), tableName: tableName, strict: strict, cancellation: cancellation)
                return try document.read(isLineDelimited: isLineDelimited)
            }
        } catch let error as DataError {
            throw error
        } catch {
            // `withUnsafeBytes` rethrows untyped; the reader itself throws only DataErrors.
            throw DataError(id: .jsonSyntax, message: "\(error)", file: file)
        }
    }
}

/// Recognises the document's shape and reads its tables.
struct JSONDocumentReader {
    var reader: JSONReader
    let tableName: String
    /// Stop at a number beyond ±1.8e308 instead of reading it as a bad cell.
    var strict = false
    /// Asked every few thousand rows of each table.
    var cancellation = LoadCancellation.never

    mutating func read(isLineDelimited: Bool) throws -> [Table] {
        if isLineDelimited { return [try readLines()] }
        reader.skipWhitespace()
        switch reader.current {
        case UInt8(ascii: "["):
            var table = JSONTableBuilder(name: tableName)
            try readRowArray(into: &table)
            try expectEnd(after: "the top-level array")
            return [try table.makeTable(reader: reader, strict: strict)]
        case UInt8(ascii: "{"):
            // One object is an object of tables; more than one is NDJSON in a .json file.
            let start = reader.pos
            try reader.skipValue(depth: 1)
            reader.skipWhitespace()
            let isSingleObject = reader.isAtEnd
            reader.pos = start
            return isSingleObject ? try readTableObject() : [try readLines()]
        case _ where reader.isAtEnd:
            throw reader.error(.jsonSyntax, "the file is empty; expected an array of objects", at: reader.pos)
        default:
            if let kind = JSONReader.kindOfValue(startingWith: reader.current) {
                throw reader.error(
                    .jsonNotATable,
                    "the document is \(kind); expected an array of objects, one object per line, or an object of arrays",
                    at: reader.pos)
            }
            throw reader.unexpected(expected: "'[' or '{'")
        }
    }

    /// NDJSON: one object per line.
    private mutating func readLines() throws -> Table {
        var table = JSONTableBuilder(name: tableName)
        var index = 0
        while true {
            reader.skipWhitespace()
            if reader.isAtEnd { break }
            try cancellation.check(row: index, file: reader.file)
            try reader.readRow(into: &table, index: index)
            index += 1
            reader.skipInlineWhitespace()
            if reader.isAtEnd { break }
            guard reader.current == 0x0A else { throw reader.unexpected(expected: "a new line after the object") }
        }
        return try table.makeTable(reader: reader, strict: strict)
    }

    /// `[ {…}, {…} ]` at the reader's position.
    private mutating func readRowArray(into table: inout JSONTableBuilder) throws {
        reader.pos += 1
        reader.skipWhitespace()
        if reader.current == UInt8(ascii: "]") {
            reader.pos += 1
            return
        }
        var index = 0
        while true {
            try cancellation.check(row: index, file: reader.file)
            try reader.readRow(into: &table, index: index)
            index += 1
            if try !reader.afterElement(closing: UInt8(ascii: "]")) { return }
        }
    }

    /// `{"leads": […], "deals": […]}`: one table per key.
    private mutating func readTableObject() throws -> [Table] {
        let open = reader.pos
        reader.pos += 1
        reader.skipWhitespace()
        if reader.current == UInt8(ascii: "}") {
            throw reader.error(
                .jsonNotATable, "the top-level object is empty; expected table names with arrays of objects",
                at: open)
        }
        var tables: [Table] = []
        var names = Set<String>()
        var scratch = ContiguousArray<UInt8>()
        while true {
            guard reader.current == UInt8(ascii: "\"") else {
                throw reader.unexpected(expected: "a table name in double quotes")
            }
            let keyStart = reader.pos
            let span = try reader.readString(into: &scratch)
            let name =
                span.isDecoded
                ? String(decoding: scratch[span.start..<span.start + span.count], as: UTF8.self)
                : String(
                    decoding: UnsafeBufferPointer(rebasing: reader.bytes[span.start..<span.start + span.count]),
                    as: UTF8.self)
            scratch.removeAll(keepingCapacity: true)
            guard names.insert(name).inserted else {
                throw reader.error(.jsonDuplicateKey, "table '\(name)' appears twice", at: keyStart)
            }
            try reader.expectColon()
            guard reader.current == UInt8(ascii: "[") else {
                let kind = JSONReader.kindOfValue(startingWith: reader.current) ?? "not a value"
                throw reader.error(
                    .jsonNotATable,
                    "the value of '\(name)' is \(kind); a top-level object must map table names to arrays of objects",
                    at: reader.pos)
            }
            var table = JSONTableBuilder(name: name)
            try readRowArray(into: &table)
            tables.append(try table.makeTable(reader: reader, strict: strict))
            if try !reader.afterElement(closing: UInt8(ascii: "}")) { break }
        }
        try expectEnd(after: "the top-level object")
        return tables
    }

    private mutating func expectEnd(after what: String) throws {
        reader.skipWhitespace()
        guard reader.isAtEnd else {
            throw reader.error(
                .jsonSyntax, "unexpected \(reader.describeByte(at: reader.pos)) after \(what)", at: reader.pos)
        }
    }
}
