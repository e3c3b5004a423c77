import Foundation
import KPIAdapters
import KPICore
import Testing

@Suite("JSON adapter: document shapes")
struct JSONShapeTests {
    @Test("an array of objects is one table named after the file")
    func arrayOfObjects() throws {
        let table = try loadJSONTable(#"[{"id": 1, "name": "Ada"}, {"id": 2, "name": "Grace"}]"#)
        #expect(table.name == "rows")
        #expect(table.rowCount == 2)
        #expect(table.columnNames == ["id", "name"])
        #expect(values(table, "id") == [.int(1), .int(2)])
        #expect(values(table, "name") == [.text("Ada"), .text("Grace")])
    }

    @Test("NDJSON allows blank lines, CRLF and trailing whitespace")
    func lineDelimited() throws {
        let text = "{\"id\": 1}\r\n\r\n  {\"id\": 2}  \r\n\n{\"id\": 3}"
        let table = try loadJSONTable(text, lineDelimited: true)
        #expect(values(table, "id") == [.int(1), .int(2), .int(3)])
    }

    @Test("a .json file holding several top-level objects is read as NDJSON")
    func jsonFileWithLines() throws {
        let table = try loadJSONTable("{\"id\": 1}\n{\"id\": 2}\n")
        #expect(values(table, "id") == [.int(1), .int(2)])
    }

    @Test("an object of arrays gives one table per key, in order")
    func objectOfTables() throws {
        let tables = try loadJSON(#"{"leads": [{"id": 1}, {"id": 2}], "deals": [{"amount": 9.5}]}"#)
        #expect(tables.map(\.name) == ["leads", "deals"])
        #expect(tables.map(\.rowCount) == [2, 1])
        #expect(values(tables[1], "amount") == [.double(9.5)])
    }

    @Test("a single NDJSON line is a row, not a table object")
    func singleLine() throws {
        let table = try loadJSONTable(#"{"tags": [1, 2], "id": 7}"#, lineDelimited: true)
        #expect(values(table, "id") == [.int(7)])
    }

    @Test("an empty array is a table with no rows and no columns")
    func emptyArray() throws {
        let table = try loadJSONTable(" [ ] ")
        #expect(table.rowCount == 0)
        #expect(table.columns.isEmpty)
    }

    @Test("an empty NDJSON file is a table with no rows and no columns")
    func emptyLines() throws {
        let table = try loadJSONTable("\n\r\n", lineDelimited: true)
        #expect(table.rowCount == 0)
        #expect(table.columns.isEmpty)
    }

    @Test("a leading byte-order mark is skipped")
    func byteOrderMark() throws {
        let tables = try JSONAdapter().tables(
            from: Data([0xEF, 0xBB, 0xBF] + Array(#"[{"a": 1}]"#.utf8)), file: "bom.json", tableName: "bom")
        #expect(tables.first.map { values($0, "a") } == [.int(1)])
    }

    @Test("files load by URL: the stem names the table, options.tableName overrides it, .ndjson forces lines")
    func fromFiles() throws {
        let scratch = try TemporaryDirectory("kpikit-json")
        defer { withExtendedLifetime(scratch) {} }
        let dir = scratch.url
        let array = dir.appendingPathComponent("leads.json")
        let lines = dir.appendingPathComponent("events.ndjson")
        try Data(#"[{"id": 1}]"#.utf8).write(to: array)
        try Data(#"{"id": 1}"#.utf8).write(to: lines)

        let adapter = JSONAdapter()
        #expect(
            adapter.canRead(array) && adapter.canRead(lines) && adapter.canRead(dir.appendingPathComponent("x.JSONL")))
        #expect(try adapter.load(array, options: LoadOptions()).map(\.name) == ["leads"])
        #expect(try adapter.load(array, options: LoadOptions(tableName: "prospects")).map(\.name) == ["prospects"])
        let events = try adapter.load(lines, options: LoadOptions())
        #expect(events.map(\.name) == ["events"])
        #expect(events.first?.rowCount == 1)
        #expect(events.first?.source == lines.relativePath)
    }

    @Test("a missing file is json.unreadable")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/kpikit/leads.json")
        #expect(throws: DataError.self) { try JSONAdapter().load(url, options: LoadOptions()) }
        do {
            _ = try JSONAdapter().load(url, options: LoadOptions())
        } catch let error as DataError {
            #expect(error.id == "json.unreadable")
            #expect(error.location.file == "/nonexistent/kpikit/leads.json")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("the multi-table fixture loads its nested export")
    func fixture() throws {
        let url = try #require(
            Bundle.module.url(forResource: "crm-export", withExtension: "json", subdirectory: "Fixtures/json"))
        let tables = try JSONAdapter().load(url, options: LoadOptions(tableName: "ignored"))
        #expect(tables.map(\.name) == ["leads", "deals"])
        let leads = tables[0]
        #expect(leads.columnNames == ["id", "created", "owner.name", "owner.team.region", "tags", "score"])
        #expect(leads.column(named: "created")?.type == .timestamp)
        #expect(values(leads, "owner.team.region") == [.text("EMEA"), .null, .text("NA")])
        #expect(values(leads, "tags") == [.text(#"["webinar","trial"]"#), .text("[]"), .null])
        #expect(leads.column(named: "score")?.type == .double)
        let deals = tables[1]
        #expect(deals.column(named: "closed_on")?.type == .date)
        #expect(deals.column(named: "won")?.type == .bool)
    }
}

@Suite("JSON adapter: columns and types")
struct JSONTypeTests {
    @Test("columns are the union of keys in first-seen order; missing keys and null are null")
    func unionOfKeys() throws {
        let table = try loadJSONTable(#"[{"a": 1, "b": null}, {"c": "x", "a": 2}, {}]"#)
        #expect(table.columnNames == ["a", "b", "c"])
        #expect(values(table, "a") == [.int(1), .int(2), .null])
        #expect(values(table, "b") == [.null, .null, .null])
        #expect(table.column(named: "b")?.type == .text)
        #expect(values(table, "c") == [.null, .text("x"), .null])
        #expect(table.column(named: "c")?.nullCount == 2)
        #expect(table.column(named: "a")?.validity != nil)
    }

    @Test("a column without nulls has no validity bitmap")
    func noNulls() throws {
        let table = try loadJSONTable(#"[{"a": 1}, {"a": 2}]"#)
        #expect(table.column(named: "a")?.validity == nil)
    }

    @Test("nested objects flatten to dotted names; arrays stay JSON text")
    func flattening() throws {
        let table = try loadJSONTable(
            #"[{"owner": {"name": "Ada", "team": {"id": 3}}, "tags": [1, {"x": "y"}]}, {"owner": {"name": "Bo"}}]"#)
        #expect(table.columnNames == ["owner.name", "owner.team.id", "tags"])
        #expect(values(table, "owner.name") == [.text("Ada"), .text("Bo")])
        #expect(values(table, "owner.team.id") == [.int(3), .null])
        #expect(values(table, "tags") == [.text(#"[1, {"x": "y"}]"#), .null])
    }

    @Test("int widens to double, and numbers mixed with strings widen to text in their JSON form")
    func widening() throws {
        let table = try loadJSONTable(
            #"[{"n": 1, "m": 1, "s": 1.50}, {"n": 2.5, "m": "two", "s": "x"}, {"n": 3, "m": 1e3, "s": -0}]"#)
        #expect(table.column(named: "n")?.type == .double)
        #expect(values(table, "n") == [.double(1), .double(2.5), .double(3)])
        #expect(table.column(named: "m")?.type == .text)
        #expect(values(table, "m") == [.text("1"), .text("two"), .text("1e3")])
        #expect(values(table, "s") == [.text("1.50"), .text("x"), .text("-0")])
    }

    @Test("booleans stay bool; mixed with anything else they become text")
    func booleans() throws {
        let table = try loadJSONTable(#"[{"b": true, "m": true}, {"b": false, "m": 0}, {"b": null, "m": [true]}]"#)
        #expect(table.column(named: "b")?.type == .bool)
        #expect(values(table, "b") == [.bool(true), .bool(false), .null])
        #expect(values(table, "m") == [.text("true"), .text("0"), .text("[true]")])
    }

    @Test("ISO-8601 strings become dates, or timestamps when some have a time; anything else stays text")
    func temporal() throws {
        let table = try loadJSONTable(
            """
            [{"d": "2024-02-29", "t": "2024-01-02", "x": "2024-01-02"},
             {"d": null, "t": "2024-01-02T03:04:05.678+01:00", "x": "2024-02-30"}]
            """)
        #expect(table.column(named: "d")?.type == .date)
        #expect(values(table, "d") == [.date(ms("2024-02-29")), .null])
        #expect(table.column(named: "t")?.type == .timestamp)
        #expect(values(table, "t") == [.timestamp(ms("2024-01-02")), .timestamp(ms("2024-01-02T02:04:05.678Z"))])
        #expect(table.column(named: "x")?.type == .text)
    }

    @Test("integers beyond Int64 become doubles; Int64's limits stay exact")
    func bigIntegers() throws {
        let table = try loadJSONTable(
            #"[{"big": 9223372036854775808, "max": 9223372036854775807, "min": -9223372036854775808}]"#)
        #expect(values(table, "big") == [.double(9_223_372_036_854_775_808)])
        #expect(values(table, "max") == [.int(Int64.max)])
        #expect(values(table, "min") == [.int(Int64.min)])
    }

    @Test(
        "numbers parse to the same Double as the standard library",
        arguments: [
            "0.1", "-0.0", "3.14159", "1e22", "1e23", "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308",
            "123456789012345678901234567890", "0.000001234", "9007199254740993", "1E-5", "5e-400", "643.30",
        ])
    func exactNumbers(text: String) throws {
        let table = try loadJSONTable("[{\"v\": \(text)}, {\"v\": 0.5}]")
        let expected = try #require(Double(text))
        guard case .double(let parsed) = table.column(named: "v")?.value(at: 0) else {
            Issue.record("not a double")
            return
        }
        #expect(parsed.bitPattern == expected.bitPattern)
    }

    @Test("a number beyond a double (1e400, -1e400) is a bad cell: null, listed with its row, column and text")
    func outOfRange() throws {
        let table = try loadJSONTable("[{\"v\": 1}, {\"v\": 1e400}, {\"v\": -1e400}, {\"v\": 1e-400}]")
        #expect(values(table, "v") == [.double(1), .null, .null, .double(0)])
        let issues = table.origin?.cellIssues ?? []
        #expect(issues.map(\.row) == [1, 2])
        #expect(issues.map(\.value) == ["1e400", "-1e400"])
        #expect(issues.allSatisfy { $0.kind == .notANumber && $0.column == 0 })
    }

    @Test("escapes decode, including \\u surrogate pairs; raw UTF-8 passes through")
    func unicode() throws {
        let table = try loadJSONTable(#"[{"s": "tab\tq\"s\\/\u00e9\u20AC\ud83d\ude00", "r": "café 😀", "k\u00e9y": 1}]"#)
        #expect(values(table, "s") == [.text("tab\tq\"s\\/é€😀")])
        #expect(values(table, "r") == [.text("café 😀")])
        #expect(table.columnNames.contains("kéy"))
    }

    @Test("text columns are dictionary-encoded in first-seen order")
    func dictionary() throws {
        let table = try loadJSONTable(#"[{"s": "b"}, {"s": "a"}, {"s": "b"}, {"s": "\u0062"}]"#)
        let column = try #require(table.column(named: "s"))
        #expect(column.dictionary == ["b", "a"])
        guard case .text(let codes, _) = column.data else {
            Issue.record("not text")
            return
        }
        #expect(Array(codes) == [0, 1, 0, 0])
    }
}
