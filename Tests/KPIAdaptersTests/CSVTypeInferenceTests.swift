import Foundation
import KPICore
import Testing

@testable import KPIAdapters

@Suite("CSV type inference")
struct CSVTypeInferenceTests {
    private func type(_ cells: [String]) throws -> (DataType, [Value]) {
        let table = try CSVTest.table((["v"] + cells).joined(separator: "\n") + "\n")
        let column = try #require(table.column(named: "v"))
        return (column.type, CSVTest.values(table, "v"))
    }

    @Test("integers are Int64, with signs and spaces around them trimmed")
    func integers() throws {
        let (t, v) = try type(["12", "-7", " +3 ", "", "9223372036854775807", "-9223372036854775808"])
        #expect(t == .int)
        #expect(v == [.int(12), .int(-7), .int(3), .null, .int(.max), .int(.min)])
    }

    @Test("a column of only 0 and 1 stays integer")
    func zeroOneIsInteger() throws {
        #expect(try type(["0", "1", "1"]).0 == .int)
    }

    @Test("an integer beyond Int64 turns the column into doubles")
    func integerOverflow() throws {
        let (t, v) = try type(["1", "9223372036854775808", "-3"])
        #expect(t == .double)
        #expect(v == [.double(1), .double(9_223_372_036_854_775_808), .double(-3)])
        #expect(try type(["99999999999999999999999"]).1 == [.double(1e23)])
    }

    @Test("decimals are parsed exactly, short ones on the fast path and long ones by the standard library")
    func decimals() throws {
        let cells = ["0.1", "16219.77", "-2.5e3", "1E-7", ".5", "3.", "0.30000000000000004", "123456789012345678.25", "1e300", "4.9e-324"]
        let (t, v) = try type(cells)
        #expect(t == .double)
        #expect(v == cells.map { .double(Double($0.hasPrefix(".") ? "0" + $0 : $0)!) })
    }

    @Test("integers then decimals widen to double, keeping the integers' values")
    func intThenDouble() throws {
        let (t, v) = try type(["1", "", "2.25"])
        #expect(t == .double)
        #expect(v == [.double(1), .null, .double(2.25)])
    }

    @Test("true/false/yes/no in any case are booleans")
    func booleans() throws {
        let (t, v) = try type(["true", "FALSE", "Yes", "no", "", "True"])
        #expect(t == .bool)
        #expect(v == [.bool(true), .bool(false), .bool(true), .bool(false), .null, .bool(true)])
    }

    @Test("YYYY-MM-DD is a date at midnight UTC")
    func dates() throws {
        let (t, v) = try type(["2024-02-29", "1999-12-31"])
        #expect(t == .date)
        #expect(v == [.date(CivilDate(year: 2024, month: 2, day: 29).milliseconds), .date(CivilDate(year: 1999, month: 12, day: 31).milliseconds)])
    }

    @Test("timestamps with T or space, Z, an offset or no zone are UTC milliseconds")
    func timestamps() throws {
        let (t, v) = try type(["2024-01-02T03:04:05Z", "2024-01-02 03:04:05", "2024-01-02T05:04:05+02:00", "2024-01-02T03:04:05.250Z"])
        #expect(t == .timestamp)
        let base = CivilDate(year: 2024, month: 1, day: 2).milliseconds + 3 * 3_600_000 + 4 * 60_000 + 5000
        #expect(v == [.timestamp(base), .timestamp(base), .timestamp(base), .timestamp(base + 250)])
    }

    @Test("a column mixing dates and timestamps is timestamps")
    func mixedTemporal() throws {
        let (t, v) = try type(["2024-01-02", "2024-01-02T12:00:00Z"])
        #expect(t == .timestamp)
        let day = CivilDate(year: 2024, month: 1, day: 2).milliseconds
        #expect(v == [.timestamp(day), .timestamp(day + 12 * 3_600_000)])
    }

    @Test(
        "anything mixed, or an impossible date, is text with every cell as written",
        arguments: [
            ["1", "x"], ["true", "1"], ["2024-01-01", "5"], ["1.5", "maybe"], ["2024-02-30"], ["12.5k"], ["nan"], ["inf"],
        ])
    func mixedIsText(cells: [String]) throws {
        let (t, v) = try type(cells)
        #expect(t == .text)
        #expect(v == cells.map { .text($0) })
    }

    @Test("empty fields are null in every type and the validity bitmap says so")
    func nulls() throws {
        // A quoted empty is null in a typed column; the row of empty fields only is skipped.
        let table = try CSVTest.table("i,d,b,t,s\n1,1.5,true,2024-01-01,x\n\"\",\"\",\"\",\"\",\n,,,,\n")
        #expect(table.rowCount == 2)
        #expect(table.origin?.skippedRows == [SkippedRow(line: 4, reason: .blank, text: "")])
        for column in table.columns {
            #expect(column.nullCount == 1)
            #expect(column.isNull(1))
            #expect(!column.isNull(0))
        }
        let full = try CSVTest.table("i\n1\n2\n")
        #expect(full.columns[0].validity == nil)
    }

    @Test("a quoted empty field is the empty string in text and null elsewhere")
    func quotedEmpty() throws {
        let table = try CSVTest.table("s,i,late\n\"\",1,\"\"\nx,\"\",\"\"\n,2,y\n")
        #expect(CSVTest.values(table, "s") == [.text(""), .text("x"), .null])
        #expect(CSVTest.values(table, "i") == [.int(1), .null, .int(2)])
        // Quoted empties seen before the column turned out to be text are "" too.
        #expect(CSVTest.values(table, "late") == [.text(""), .text(""), .text("y")])
    }

    @Test("a column of only nulls is text")
    func allNull() throws {
        let table = try CSVTest.table("a,b\n1,\n2,\n")
        #expect(table.column(named: "b")?.type == .text)
        #expect(CSVTest.values(table, "b") == [.null, .null])
    }

    @Test("quoted numbers and dates are typed like unquoted ones")
    func quotedTyped() throws {
        let table = try CSVTest.table("n,d\n\"42\",\"2024-03-01\"\n")
        #expect(CSVTest.values(table, "n") == [.int(42)])
        #expect(table.column(named: "d")?.type == .date)
    }

    @Test("text is dictionary-encoded in order of first appearance")
    func dictionaryOrder() throws {
        let table = try CSVTest.table("s\nb\na\nb\nc\na\n")
        let column = try #require(table.column(named: "s"))
        #expect(column.dictionary == ["b", "a", "c"])
        guard case .text(let codes, _) = column.data else {
            Issue.record("not text")
            return
        }
        #expect(Array(codes) == [0, 1, 0, 2, 1])
    }

    @Test("a typed column demoted to text late rereads its earlier cells as text")
    func lateDemotion() throws {
        var text = "v\n"
        for i in 0..<5000 { text += "\(i)\n" }
        text += "unknown\n"
        let table = try CSVTest.table(text)
        let column = try #require(table.column(named: "v"))
        #expect(column.type == .text)
        #expect(column.value(at: 4999) == .text("4999"))
        #expect(column.value(at: 5000) == .text("unknown"))
    }

    @Test("digits with a leading zero are codes (zip codes, agent numbers), not numbers")
    func leadingZeros() throws {
        let table = try CSVTest.table("zip,code,n,x\n02134,007,0,0.5\n10001,012.5,10,-0.25\n")
        #expect(CSVTest.values(table, "zip") == [.text("02134"), .text("10001")])
        #expect(CSVTest.values(table, "code") == [.text("007"), .text("012.5")])
        #expect(CSVTest.values(table, "n") == [.int(0), .int(10)])
        #expect(CSVTest.values(table, "x") == [.double(0.5), .double(-0.25)])
    }

    @Test("null words are null in typed columns and recorded, and stay words in text columns")
    func nullWords() throws {
        var text = "n,when,flag,name\n"
        for i in 0..<3000 { text += "\(i),2024-01-0\(1 + i % 9),true,rep \(i % 4)\n" }
        text += "N/A,-,NULL,N/A\n"
        text += " n/a ,#N/A,None,x\n"
        for parallel in [false, true] {
            let table =
                parallel
                ? try CSVAdapter.parse(bytes: Array(text.utf8), fileName: "test.csv", tableName: "t", parallelThreshold: 0, chunks: 3)
                : try CSVTest.table(text)
            #expect(table.column(named: "n")?.type == .int)
            #expect(table.column(named: "when")?.type == .date)
            #expect(table.column(named: "flag")?.type == .bool)
            #expect(CSVTest.values(table, "n").suffix(2) == [.null, .null])
            #expect(CSVTest.values(table, "name").suffix(2) == [.text("N/A"), .text("x")])
            let issues = table.origin?.cellIssues ?? []
            #expect(issues.map(\.kind) == Array(repeating: .nullWord, count: 6))
            #expect(issues.map(\.row) == [3000, 3000, 3000, 3001, 3001, 3001])
            #expect(issues.map(\.column) == [0, 1, 2, 0, 1, 2])
            #expect(issues.map(\.value) == ["N/A", "-", "NULL", "n/a", "#N/A", "None"])
            #expect(table.origin?.line(ofRow: 3001) == 3003)
        }
        // A column of null words and text is text, every cell as written.
        let mixed = try CSVTest.table("a,b\nN/A,1\nmaybe,2\n")
        #expect(CSVTest.values(mixed, "a") == [.text("N/A"), .text("maybe")])
        #expect(mixed.origin?.cellIssues.isEmpty == true)
    }
}
