import KPICore
import Testing

@testable import KPIAdapters

/// Files of 4 MB and more are parsed in chunks, one per core; what they read must not depend on
/// where the chunks are cut. These pin what the csv fuzz harness found differing.
@Suite("CSV: chunked parses read what one pass reads")
struct CSVChunkedEqualityTests {
    /// One pass, then the parallel path cut into 2 to 5 chunks.
    private static let readings: [Int?] = [nil, 2, 3, 4, 5]

    private func parse(_ text: [UInt8], chunks: Int?, options: LoadOptions = LoadOptions()) throws(DataError) -> Table {
        guard let chunks else { return try CSVAdapter.parse(bytes: text, fileName: "c.csv", tableName: "t", options: options) }
        return try CSVAdapter.parse(bytes: text, fileName: "c.csv", tableName: "t", parallelThreshold: 0, chunks: chunks, options: options)
    }

    private func error(_ text: [UInt8], chunks: Int?, options: LoadOptions) -> DataError? {
        do {
            _ = try parse(text, chunks: chunks, options: options)
            return nil
        } catch {
            return error
        }
    }

    @Test("`-0` in a column of doubles stays −0.0 wherever it sits", arguments: [false, true])
    func negativeZero(zerosFirst: Bool) throws {
        // Before a column's first fraction `-0` is read as the integer 0; the column then widens.
        let zeros = Array(repeating: "-0", count: 60)
        let halves = Array(repeating: "2.5", count: 60)
        let cells = zerosFirst ? zeros + halves : halves + zeros
        let text = Array(("amount\n" + cells.joined(separator: "\n") + "\n").utf8)
        for chunks in Self.readings {
            let column = try #require(try parse(text, chunks: chunks).column(named: "amount"))
            #expect(column.type == .double)
            for row in 0..<column.count where cells[row] == "-0" {
                guard case .double(let value) = column.value(at: row) else {
                    Issue.record("row \(row) is \(column.value(at: row))")
                    continue
                }
                #expect(value == 0 && value.sign == .minus, "row \(row), \(chunks.map { "\($0) chunks" } ?? "one pass")")
            }
        }
    }

    @Test("strict: text that is not UTF-8 before a ragged row is the error, however the file is cut")
    func invalidTextBeforeRaggedRow() {
        var text = Array("name,n\n".utf8)
        for i in 0..<300 {
            text += i == 100 ? [0x61, 0xFF] + Array(",1\n".utf8) : i == 250 ? Array("lone\n".utf8) : Array("é\(i),\(i)\n".utf8)
        }
        let options = LoadOptions(encoding: .utf8, strict: true)
        for chunks in Self.readings {
            let error = error(text, chunks: chunks, options: options)
            #expect(error?.id == "csv.invalid-utf8", "\(chunks.map { "\($0) chunks" } ?? "one pass"): \(String(describing: error))")
            #expect(error?.location.line == 102)
        }
    }

    @Test("strict: of two cells that are not UTF-8, the earlier row's is the error, whichever column holds it")
    func earlierRowOfTwoBadCells() {
        var text = Array("a,b\n".utf8)
        for i in 0..<300 {
            let a: [UInt8] = i == 200 ? [0x78, 0xFE] : Array("a\(i)".utf8)
            let b: [UInt8] = i == 50 ? [0x79, 0xFF] : Array("b\(i)".utf8)
            text += a + [0x2C] + b + [0x0A]
        }
        let options = LoadOptions(encoding: .utf8, strict: true)
        let errors = Self.readings.map { error(text, chunks: $0, options: options) }
        for (chunks, error) in zip(Self.readings, errors) {
            #expect(error?.id == "csv.invalid-utf8")
            #expect(error?.location.line == 52, "\(chunks.map { "\($0) chunks" } ?? "one pass"): \(String(describing: error))")
        }
        #expect(Set(errors.compactMap { $0 }).count == 1)
    }

    @Test("a blank line just before a cut is counted once, like in one pass")
    func blankLineBeforeCut() throws {
        // Each chunk counts the blank lines before its own records, so one that ends where the
        // next starts was counted by neither. Moving the blank line down the file puts it right
        // before a cut for every chunk count.
        for blankAfter in 0..<40 {
            var lines = (0..<40).map { "a\($0 % 10),b\($0 % 10)" }
            lines.insert("", at: blankAfter + 1)
            let text = Array(("a,b\n" + lines.joined(separator: "\n") + "\n").utf8)
            for chunks in Self.readings {
                let origin = try #require(try parse(text, chunks: chunks).origin)
                #expect(origin.blankLineCount == 1, "blank line after row \(blankAfter), \(chunks.map { "\($0) chunks" } ?? "one pass")")
            }
        }
    }

    @Test("blank lines after the last row and before a footer are counted, however the file is cut")
    func blankLinesBeforeFooter() throws {
        // The unclosed quote makes the footer finder start the footer at its text line, after the
        // blank lines; no chunk reads them, since no record follows them in the body.
        let text = Array(("n,a\n2,\"x\n\n\n\nlone\n" + String(repeating: "\n", count: 16) + "-09-16\t,3.5\n").utf8)
        for chunks in Self.readings {
            let table = try parse(text, chunks: chunks)
            let origin = try #require(table.origin)
            let reading = chunks.map { "\($0) chunks" } ?? "one pass"
            #expect(origin.blankLineCount == 19, "\(reading)")
            #expect(origin.skippedRows.map(\.line) == [23], "\(reading)")
            #expect((0..<table.rowCount).map { origin.line(ofRow: $0) } == [2, 6], "\(reading)")
        }
    }
}
