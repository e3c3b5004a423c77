import Foundation
import KPIAdapters
import KPICore

/// The JSON reader, as one document and as NDJSON: either tables whose columns all hold every
/// row, each with a distinct name, or a `DataError` that points inside the input.
package enum JSONFuzzCheck {
    package static func check(_ bytes: [UInt8]) -> FuzzFindings {
        var findings: FuzzFindings = []
        for lineDelimited in [false, true] {
            let mode = lineDelimited ? "ndjson" : "json"
            do {
                let tables = try JSONAdapter().tables(from: Data(bytes), file: "fuzz.json", tableName: "t", isLineDelimited: lineDelimited)
                for table in tables { findings += wellFormed(table, mode: mode) }
            } catch {
                // Typed throws: a DataError is all it can be.
                if let misplaced = FuzzSupport.misplaced(error, in: bytes, what: mode) { findings.append(misplaced) }
            }
        }
        return findings
    }

    /// Every column as long as the table, and no two columns named alike.
    static func wellFormed(_ table: Table, mode: String) -> FuzzFindings {
        var findings: FuzzFindings = []
        if let short = table.columns.first(where: { $0.count != table.rowCount }) {
            findings.append("\(mode): table '\(table.name)' has \(table.rowCount) rows, column '\(short.name)' \(short.count)")
        }
        if Set(table.columnNames).count != table.columnNames.count {
            findings.append("\(mode): table '\(table.name)' repeats a column name: \(table.columnNames)")
        }
        return findings
    }
}
