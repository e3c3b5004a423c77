import Foundation
import KPIAdapters
import KPICore
import Testing

/// Reads JSON text through ``JSONAdapter`` as if it were a file named `file`.
func loadJSON(_ text: String, file: String = "rows.json", lineDelimited: Bool = false) throws -> [Table] {
    try JSONAdapter().tables(from: Data(text.utf8), file: file, tableName: "rows", isLineDelimited: lineDelimited)
}

/// Reads JSON text that must hold exactly one table.
func loadJSONTable(
    _ text: String, lineDelimited: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> Table {
    let tables = try loadJSON(text, lineDelimited: lineDelimited)
    #expect(tables.count == 1, sourceLocation: sourceLocation)
    return try #require(tables.first, sourceLocation: sourceLocation)
}

/// The boxed values of a column, for comparing with literals.
func values(_ table: Table, _ column: String) -> [Value] {
    guard let column = table.column(named: column) else { return [] }
    return (0..<column.count).map { column.value(at: $0) }
}

/// The `DataError` that loading `bytes` throws.
func jsonError(_ bytes: [UInt8], lineDelimited: Bool = false) -> DataError? {
    do {
        _ = try JSONAdapter().tables(
            from: Data(bytes), file: "bad.json", tableName: "rows", isLineDelimited: lineDelimited)
        return nil
    } catch {
        return error
    }
}

/// The `DataError` that loading `text` throws.
func jsonError(_ text: String, lineDelimited: Bool = false) -> DataError? {
    jsonError(Array(text.utf8), lineDelimited: lineDelimited)
}

/// Milliseconds of an ISO-8601 literal that the test knows is valid.
func ms(_ iso: String) -> Int64 {
    ISO8601.parse(iso)?.milliseconds ?? Int64.min
}
