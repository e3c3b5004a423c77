import Foundation
import KPICore
import Testing

@testable import KPIAdapters

@Suite("CSV syntax")
struct CSVSyntaxTests {
    @Test("quoted fields keep delimiters and doubled quotes become one quote")
    func quotedFields() throws {
        let table = try CSVTest.table("name,note\n\"Smith, Jo\",\"say \"\"hi\"\"\"\nplain,\"\"\"\"\n")
        #expect(CSVTest.values(table, "name") == [.text("Smith, Jo"), .text("plain")])
        #expect(CSVTest.values(table, "note") == [.text("say \"hi\""), .text("\"")])
    }

    @Test("embedded newlines stay in the field and later errors count physical lines")
    func embeddedNewlines() throws {
        let table = try CSVTest.table("id,note\n1,\"two\nlines\"\n2,\"a\r\nb\"\n")
        #expect(CSVTest.values(table, "note") == [.text("two\nlines"), .text("a\r\nb")])
        let error = try #require(CSVTest.error("id,note\n1,\"two\nlines\"\n2,x\"y\n"))
        #expect(error.id == "csv.stray-quote")
        #expect(error.location == SourceLocation(file: "test.csv", line: 4, column: 4))
    }

    @Test("CRLF line endings are not part of the last field")
    func crlf() throws {
        let table = try CSVTest.table("a,b\r\n1,x\r\n2,\"y\"\r\n")
        #expect(CSVTest.values(table, "a") == [.int(1), .int(2)])
        #expect(CSVTest.values(table, "b") == [.text("x"), .text("y")])
    }

    @Test("a UTF-8 byte-order mark is skipped and columns after it start at 1")
    func byteOrderMark() throws {
        let table = try CSVAdapter.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,Zoë\n".utf8), fileName: "bom.csv", tableName: "t")
        #expect(table.columnNames == ["id", "name"])
        #expect(CSVTest.values(table, "name") == [.text("Zoë")])
        let error = try #require(CSVTest.error(bytes: [0xEF, 0xBB, 0xBF] + Array("i\"d\n".utf8)))
        #expect(error.location == SourceLocation(file: "test.csv", line: 1, column: 2))
    }

    @Test("the last record may lack a final newline")
    func noFinalNewline() throws {
        let table = try CSVTest.table("a,b\n1,2\n3,4")
        #expect(CSVTest.values(table, "b") == [.int(2), .int(4)])
    }

    @Test("blank lines between records are skipped when there are several columns")
    func blankLines() throws {
        let table = try CSVTest.table("a,b\n1,2\n\n\r\n3,4\n\n")
        #expect(CSVTest.values(table, "a") == [.int(1), .int(3)])
        let single = try CSVTest.table("a\n1\n\n3\n")
        #expect(CSVTest.values(single, "a") == [.int(1), .null, .int(3)])
    }

    @Test("the delimiter is sniffed among comma, semicolon, tab and pipe", arguments: [",", ";", "\t", "|"])
    func delimiterSniffing(delimiter: String) throws {
        let d = delimiter
        // The other candidates appear inside quotes, where they must not count.
        let text = "id\(d)\"a,b;c\td|e\"\(d)x\n1\(d)\"q,r\"\(d)2.5\n2\(d)s\(d)3\n"
        let table = try CSVTest.table(text)
        #expect(table.columnNames == ["id", "a,b;c\td|e", "x"])
        #expect(CSVTest.values(table, "x") == [.double(2.5), .double(3)])
    }

    @Test("a file without any candidate delimiter is one column")
    func singleColumn() throws {
        let table = try CSVTest.table("name\nAda\nGrace\n")
        #expect(table.columnNames == ["name"])
        #expect(table.rowCount == 2)
    }

    @Test("empty and repeated header names get deterministic unique names")
    func headerNames() throws {
        let table = try CSVTest.table("id,,name,name,name_2,\n1,2,3,4,5,6\n")
        #expect(table.columnNames == ["id", "column_2", "name", "name_3", "name_2", "column_6"])
        #expect(CSVDialect.uniqueNames(["", "column_1"]) == ["column_1_2", "column_1"])
    }

    @Test("a header-only file is a table with its columns and no rows")
    func headerOnly() throws {
        let table = try CSVTest.table("a,b,c\n")
        #expect(table.rowCount == 0)
        #expect(table.columnNames == ["a", "b", "c"])
        #expect(table.columns.allSatisfy { $0.type == .text })
    }

    @Test("the parallel path cuts inside quoted newlines and still matches one pass", arguments: [2, 3, 7])
    func parallelCutsInsideQuotes(chunks: Int) throws {
        var text = "id,note,amount\n"
        for i in 0..<400 {
            // Long quoted runs of newlines make most cuts land inside a quoted field.
            let note = i % 3 == 0 ? "\"line\n\n\n\n\nnext \(i % 7)\"" : "n\(i % 5)"
            text += "\(i),\(note),\(i % 4 == 0 ? "" : "\(i).5")\n"
        }
        let bytes = Array(text.utf8)
        let sequential = try CSVAdapter.parse(bytes: bytes, fileName: "p.csv", tableName: "t")
        let parallel = try CSVAdapter.parse(bytes: bytes, fileName: "p.csv", tableName: "t", parallelThreshold: 0, chunks: chunks)
        #expect(parallel.rowCount == 400)
        for name in sequential.columnNames {
            #expect(CSVTest.values(parallel, name) == CSVTest.values(sequential, name))
            #expect(parallel.column(named: name)?.dictionary == sequential.column(named: name)?.dictionary)
        }
    }

    @Test("strict: the first error wins even when a later chunk also fails")
    func parallelFirstError() throws {
        var text = "a,b\n"
        for i in 0..<300 { text += i == 100 ? "1\n" : i == 250 ? "x\"y,1\n" : "\(i),\(i)\n" }
        do {
            _ = try CSVAdapter.parse(
                bytes: Array(text.utf8), fileName: "e.csv", tableName: "t", parallelThreshold: 0, chunks: 4,
                options: LoadOptions(strict: true))
            Issue.record("expected a ragged-row error")
        } catch {
            #expect(error.id == "csv.ragged-row")
            #expect(error.location.line == 102)
        }
    }
}

@Suite("CSV errors")
struct CSVErrorTests {
    @Test("an unterminated quote points where the quote opened")
    func unterminatedQuote() throws {
        let error = try #require(CSVTest.error("a,b\n1,2\n3,\"open\nmore\n"))
        #expect(error.id == "csv.unterminated-quote")
        #expect(error.location == SourceLocation(file: "test.csv", line: 3, column: 3))
        #expect(error.description.hasPrefix("test.csv:3:3: error[csv.unterminated-quote]"))
    }

    @Test("a stray quote in an unquoted field points at the quote and names the field")
    func strayQuote() throws {
        let error = try #require(CSVTest.error("id,name\n1,Zoë\n2,Zo\"e\n"))
        #expect(error.id == "csv.stray-quote")
        #expect(error.location == SourceLocation(file: "test.csv", line: 3, column: 5))
        #expect(error.message.contains("field 2 (name)"))
    }

    @Test("text after a closing quote is a stray quote at that quote")
    func textAfterClosingQuote() throws {
        let error = try #require(CSVTest.error("a,b\n\"x\"y,1\n"))
        #expect(error.id == "csv.stray-quote")
        #expect(error.location == SourceLocation(file: "test.csv", line: 2, column: 3))
    }

    @Test("a row with too few fields names the line, the expected and the actual count")
    func tooFewFields() throws {
        let error = try #require(CSVTest.error("a,b,c\n1,2,3\n4,5\n"))
        #expect(error.id == "csv.ragged-row")
        #expect(error.location == SourceLocation(file: "test.csv", line: 3, column: 4))
        #expect(error.message.contains("2 fields") && error.message.contains("expected 3"))
    }

    @Test("a row with too many fields points at the first extra field")
    func tooManyFields() throws {
        let error = try #require(CSVTest.error("a,b\n1,2\n3,4,5,6\n"))
        #expect(error.id == "csv.ragged-row")
        #expect(error.location == SourceLocation(file: "test.csv", line: 3, column: 5))
        #expect(error.message.contains("4 fields") && error.message.contains("expected 2"))
    }

    @Test("an empty file, or one of blank lines, has no header")
    func emptyFile() throws {
        for text in ["", "\n\n", "\r\n"] {
            let error = try #require(CSVTest.error(text))
            #expect(error.id == "csv.empty")
            #expect(error.location.file == "test.csv")
        }
        #expect(CSVTest.error(bytes: [0xEF, 0xBB, 0xBF])?.id == "csv.empty")
    }

    @Test("invalid UTF-8 in a text cell of a file said to be UTF-8 is reported at the cell")
    func invalidUTF8() throws {
        let bytes = Array("id,name\n1,ok\n2,".utf8) + [0x41, 0xFF, 0x42] + Array("\n".utf8)
        let error = try #require(CSVTest.error(bytes: bytes, options: LoadOptions(encoding: .utf8, strict: true)))
        #expect(error.id == "csv.invalid-utf8")
        #expect(error.location == SourceLocation(file: "test.csv", line: 3, column: 3))
    }

    @Test("a missing file names the file and the system's reason")
    func missingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-no-such-\(UUID()).csv").path
        do {
            _ = try CSVAdapter().load(URL(fileURLWithPath: path), options: LoadOptions())
            Issue.record("expected an error")
        } catch {
            #expect(error.id == "csv.unreadable")
            #expect(error.message.contains(path))
            #expect(error.message.contains("No such file or directory"))
        }
    }

    @Test("the first error of the dirty S leads excerpt is the stray quote dirty_rows.json records")
    func dirtyLeadsExcerpt() throws {
        struct Excerpt: Decodable {
            struct Row: Decodable {
                var line: Int
                var column: Int
                var field: String
                var kind: String
                var written: String
            }
            var firstSourceLine: Int
            var rows: [Row]
        }
        let excerpt = try JSONDecoder().decode(Excerpt.self, from: Data(contentsOf: CSVTest.fixture("leads-dirty-excerpt.json")))
        let expected = try #require(excerpt.rows.first { $0.kind == "stray_quote" })
        let url = try CSVTest.fixture("leads-dirty-excerpt.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        // The excerpt keeps the header and starts at source line `firstSourceLine` on its line 2.
        let line = expected.line - excerpt.firstSourceLine + 2
        let fields = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false)
        let before = fields.prefix(expected.column - 1).reduce(0) { $0 + $1.count + 1 }
        let quote = try #require(expected.written.firstIndex(of: "\""))
        let column = before + expected.written.distance(from: expected.written.startIndex, to: quote) + 1
        do {
            _ = try CSVAdapter().load(url, options: LoadOptions(tableName: "leads", strict: true))
            Issue.record("expected a stray-quote error")
        } catch {
            #expect(error.id == "csv.stray-quote")
            #expect(error.location == SourceLocation(file: url.path, line: line, column: column))
            #expect(error.message.contains("field \(expected.column) (\(expected.field))"))
        }
    }
}

@Suite("CSV adapter")
struct CSVAdapterContractTests {
    @Test("it reads .csv and .tsv files and names the table after the file or the option")
    func adapterContract() throws {
        let adapter = CSVAdapter()
        #expect(adapter.name == "csv")
        #expect(adapter.canRead(URL(fileURLWithPath: "/x/Leads.CSV")))
        #expect(adapter.canRead(URL(fileURLWithPath: "/x/a.tsv")))
        #expect(!adapter.canRead(URL(fileURLWithPath: "/x/a.json")))

        let scratch = try TemporaryDirectory("kpikit-csv")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        let url = folder.appendingPathComponent("deals.tsv")
        try Data("id\tamount\n1\t2.5\n".utf8).write(to: url)
        let tables = try adapter.load(url, options: LoadOptions())
        #expect(tables.map(\.name) == ["deals"])
        #expect(tables.first?.source == url.path)
        #expect(CSVTest.values(tables[0], "amount") == [.double(2.5)])
        #expect(try adapter.load(url, options: LoadOptions(tableName: "x")).first?.name == "x")
    }

    @Test("a large file (past the old 1 MiB mapping threshold) is read and parses like the same bytes in memory")
    func largeFile() throws {
        var text = "id,when,who\n"
        for i in 0..<60_000 { text += "\(i),2024-01-\(10 + i % 19)T10:00:00Z,rep \(i % 13)\n" }
        let scratch = try TemporaryDirectory("kpikit-csv")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        let url = folder.appendingPathComponent("big.csv")
        try Data(text.utf8).write(to: url)
        #expect(text.utf8.count >= 1 << 20)
        let mapped = try CSVAdapter.read(url)
        let inMemory = try CSVTest.table(text)
        #expect(mapped.rowCount == 60_000)
        for name in inMemory.columnNames {
            #expect(CSVTest.values(mapped, name) == CSVTest.values(inMemory, name))
        }
    }
}
