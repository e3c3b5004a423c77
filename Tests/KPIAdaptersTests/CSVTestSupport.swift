import Foundation
import KPICore
import Testing

@testable import KPIAdapters

/// Helpers shared by the CSV test suites.
enum CSVTest {
    /// Parses text as `test.csv`.
    static func table(_ text: String) throws -> Table {
        try CSVAdapter.parse(text: text, fileName: "test.csv", tableName: "t")
    }

    /// The error parsing `text` strictly throws, or `nil`.
    static func error(_ text: String) -> DataError? {
        error(bytes: Array(text.utf8))
    }

    /// The error a strict parse (`--strict`: stop at the first malformed cell) throws, or `nil`.
    static func error(bytes: [UInt8], options: LoadOptions = LoadOptions(strict: true)) -> DataError? {
        do {
            _ = try CSVAdapter.parse(bytes: bytes, fileName: "test.csv", tableName: "t", options: options)
            return nil
        } catch {
            return error
        }
    }

    /// Every value of a column, boxed.
    static func values(_ table: Table, _ name: String) -> [Value] {
        guard let column = table.column(named: name) else { return [] }
        return (0..<column.count).map { column.value(at: $0) }
    }

    /// The `Fixtures/csv` folder of the test bundle.
    static func fixture(_ name: String) throws -> URL {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return root.appendingPathComponent("csv").appendingPathComponent(name)
    }
}
