import Foundation
import KPICore
import Testing

@testable import KPIAdapters

/// Random tables written as CSV with random quoting, delimiters and line endings must read back
/// to the same values, on one thread and cut into chunks (rows of unquoted empty fields only are
/// blank rows, which the reader skips).
@Suite("CSV round trip")
struct CSVRoundTripTests {
    private enum Kind: CaseIterable { case int, double, bool, date, timestamp, text }

    private struct Case {
        var csv: String
        var names: [String]
        var types: [DataType]
        var values: [[Value]]  // per column
    }

    private static let words = [
        "alpha", "Beta", "gamma delta", "a,b", "semi;colon", "tab\there", "pipe|x", "say \"hi\"", "two\nlines", "crlf\r\nend", "Zoë", "日本", "",
    ]

    private func makeCase(_ rng: inout SplitMix64) -> Case {
        let delimiter = [",", ";", "\t", "|"].randomElement(using: &rng)!
        let newline = Bool.random(using: &rng) ? "\n" : "\r\n"
        let columnCount = Int.random(in: 2...7, using: &rng)
        let rowCount = Int.random(in: 1...80, using: &rng)
        let kinds = (0..<columnCount).map { _ in Kind.allCases.randomElement(using: &rng)! }
        var values = [[Value]](repeating: [], count: columnCount)
        var cells = [[String]](repeating: [], count: rowCount + 1)
        cells[0] = (0..<columnCount).map { "c\($0)" }
        for row in 1...rowCount {
            for (j, kind) in kinds.enumerated() {
                // The first row is never null so every column shows its type.
                let null = row > 1 && Int.random(in: 0..<6, using: &rng) == 0
                let (value, text) = null ? (Value.null, "") : cell(kind, row: row, &rng)
                values[j].append(value)
                cells[row].append(encode(text, kind: kind, isNull: null, delimiter: delimiter, &rng))
            }
            // A record of unquoted empty fields only is a blank row: skipped, not read as nulls.
            if cells[row].allSatisfy(\.isEmpty) {
                for j in 0..<columnCount { values[j].removeLast() }
            }
        }
        let csv = cells.map { $0.joined(separator: delimiter) }.joined(separator: newline) + (Bool.random(using: &rng) ? newline : "")
        let types: [DataType] = kinds.map {
            switch $0 {
            case .int: .int
            case .double: .double
            case .bool: .bool
            case .date: .date
            case .timestamp: .timestamp
            case .text: .text
            }
        }
        return Case(csv: csv, names: cells[0], types: types, values: values)
    }

    private func cell(_ kind: Kind, row: Int, _ rng: inout SplitMix64) -> (Value, String) {
        switch kind {
        case .int:
            let v = Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &rng)
            return (.int(v), "\(v)")
        case .double:
            // Always with a fraction, so the column cannot look like integers.
            let v = Double(Int64.random(in: -10_000_000...10_000_000, using: &rng)) / 100 + 0.25
            let scaled = Bool.random(using: &rng) ? v : v * 1e-9
            return (.double(scaled), "\(scaled)")
        case .bool:
            let v = Bool.random(using: &rng)
            let spelled = v ? ["true", "TRUE", "yes", "Yes"] : ["false", "False", "no", "NO"]
            return (.bool(v), spelled.randomElement(using: &rng)!)
        case .date:
            let date = CivilDate(daysSinceEpoch: Int64.random(in: -20_000...30_000, using: &rng))
            return (.date(date.milliseconds), ISO8601.formatDate(date))
        case .timestamp:
            let ms = Int64.random(in: 0...2_000_000_000_000, using: &rng)
            return (.timestamp(ms), ISO8601.format(milliseconds: ms))
        case .text:
            // A letter first so no text cell reads as a number, boolean or date.
            let word = Self.words.randomElement(using: &rng)!
            let text = row == 1 || Bool.random(using: &rng) ? "w" + word : word
            return (.text(text), text)
        }
    }

    private func encode(_ text: String, kind: Kind, isNull: Bool, delimiter: String, _ rng: inout SplitMix64) -> String {
        let mustQuote =
            text.contains(delimiter) || text.contains("\"") || text.contains("\n") || text.contains("\r")
            || (kind == .text && !isNull && text.isEmpty)
        let quote = mustQuote || (!isNull && Int.random(in: 0..<3, using: &rng) == 0) || (isNull && kind != .text && Bool.random(using: &rng))
        return quote ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    @Test("random tables read back to the same values", arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomTables(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<25 {
            let c = makeCase(&rng)
            let bytes = Array(c.csv.utf8)
            let tables = [
                try CSVAdapter.parse(bytes: bytes, fileName: "r.csv", tableName: "r"),
                try CSVAdapter.parse(bytes: bytes, fileName: "r.csv", tableName: "r", parallelThreshold: 0, chunks: 3),
            ]
            for table in tables {
                #expect(table.columnNames == c.names)
                for (j, name) in c.names.enumerated() {
                    let column = try #require(table.column(named: name))
                    #expect(column.type == c.types[j], "column \(name) of \(c.csv.debugDescription)")
                    #expect(CSVTest.values(table, name) == c.values[j], "column \(name)")
                }
            }
            if let sequential = tables.first?.columns, let parallel = tables.last?.columns {
                #expect(sequential.map(\.dictionary) == parallel.map(\.dictionary))
            }
        }
    }
}
