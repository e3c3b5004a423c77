import Foundation
import KPIAdapters
import KPICore
import Testing

/// One malformed input and the error it must produce.
struct JSONErrorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let lineDelimited: Bool
    let id: String
    let line: Int
    let column: Int

    init(_ name: String, _ text: String, lines: Bool = false, _ id: String, _ line: Int, _ column: Int) {
        self.init(name, Array(text.utf8), lines: lines, id, line, column)
    }

    init(_ name: String, _ bytes: [UInt8], lines: Bool = false, _ id: String, _ line: Int, _ column: Int) {
        self.name = name
        self.bytes = bytes
        self.lineDelimited = lines
        self.id = id
        self.line = line
        self.column = column
    }

    var testDescription: String { name }
}

@Suite("JSON adapter: errors say what and where")
struct JSONErrorTests {
    static let cases: [JSONErrorCase] = [
        .init("unexpected character", #"[{"a": 1}, {"a": @}]"#, "json.syntax", 1, 18),
        .init("missing colon on line 3", "[\n  {\"a\": 1},\n  {\"a\" 2}\n]", "json.syntax", 3, 8),
        .init("missing comma between rows", #"[{"a": 1} {"a": 2}]"#, "json.syntax", 1, 11),
        .init("misspelt literal", #"[{"a": tru}]"#, "json.syntax", 1, 8),
        .init("garbage after the array", "[] x", "json.syntax", 1, 4),
        .init("empty .json file", "  ", "json.syntax", 1, 3),
        .init("raw tab inside a string", "[{\"a\": \"x\ty\"}]", "json.syntax", 1, 10),
        .init("two NDJSON objects on one line", #"{"a":1} {"a":2}"#, lines: true, "json.syntax", 1, 9),
        .init("unterminated string", #"[{"a": "abc}]"#, "json.unterminated-string", 1, 8),
        .init(
            "string cut by a newline", "{\"a\": 1}\n{\"b\": \"x}\n{\"c\": 2}", lines: true, "json.unterminated-string",
            2, 7),
        .init("trailing comma in an array", #"[{"a": 1},]"#, "json.trailing-comma", 1, 10),
        .init("trailing comma in an object", #"[{"a": 1,}]"#, "json.trailing-comma", 1, 9),
        .init("trailing comma in a nested array", #"[{"a": [1, 2, ]}]"#, "json.trailing-comma", 1, 13),
        .init("unknown escape", #"[{"a": "x\q"}]"#, "json.invalid-escape", 1, 10),
        .init("bad \\u hex digit", #"[{"a": "\u12G4"}]"#, "json.invalid-escape", 1, 9),
        .init("lone low surrogate", #"[{"a": "\udc00"}]"#, "json.invalid-escape", 1, 9),
        .init("high surrogate without its low half", #"[{"a": "\ud83dx"}]"#, "json.invalid-escape", 1, 9),
        .init("leading zero", #"[{"a": 01}]"#, "json.invalid-number", 1, 8),
        .init("bare decimal point", #"[{"a": 1.}]"#, "json.invalid-number", 1, 8),
        .init("lonely minus", #"[{"a": -}]"#, "json.invalid-number", 1, 8),
        .init("exponent without digits", #"[{"a": 2e+}]"#, "json.invalid-number", 1, 8),
        .init("a number as a row", #"[{"a": 1}, 2]"#, "json.not-an-object", 1, 12),
        .init("an array as an NDJSON row", "{\"a\": 1}\n[1]\n", lines: true, "json.not-an-object", 2, 1),
        .init("null as a row of a table object", #"{"t": [null]}"#, "json.not-an-object", 1, 8),
        .init(
            "invalid byte after a two-byte character", [UInt8](#"[{"a": "é"#.utf8) + [0xFF] + [UInt8](#""}]"#.utf8),
            "json.invalid-utf8", 1, 10),
        .init(
            "overlong encoding", [UInt8](#"[{"a": ""#.utf8) + [0xC0, 0xAF] + [UInt8](#""}]"#.utf8), "json.invalid-utf8",
            1, 9),
        .init(
            "encoded surrogate", [UInt8]("[{\"a\": 1},\n {\"b\": \"".utf8) + [0xED, 0xA0, 0x80] + [UInt8]("\"}]".utf8),
            "json.invalid-utf8", 2, 9),
        .init(
            "invalid byte between tokens", [UInt8](#"[{"a": 1}"#.utf8) + [0xFE] + [UInt8]("]".utf8),
            "json.invalid-utf8", 1, 10),
        .init("duplicate key", #"[{"a": 1, "a": 2}]"#, "json.duplicate-key", 1, 11),
        .init("duplicate after flattening", #"[{"o.x": 1, "o": {"x": 2}}]"#, "json.duplicate-key", 1, 19),
        .init("duplicate table", #"{"t": [], "t": []}"#, "json.duplicate-key", 1, 11),
        .init("a table object with a scalar value", #"{"leads": 3}"#, "json.not-a-table", 1, 11),
        .init("a number as the document", "\n 42", "json.not-a-table", 2, 2),
        .init("an empty object as the document", "{}", "json.not-a-table", 1, 1),
        .init("nesting beyond the limit", "[{\"a\": " + String(repeating: "[", count: 600), "json.too-deep", 1, 263),
    ]

    @Test("each malformed input fails with its id at its line and column", arguments: cases)
    func malformed(_ input: JSONErrorCase) throws {
        let error = try #require(jsonError(input.bytes, lineDelimited: input.lineDelimited))
        #expect(error.id.rawValue == input.id, "\(error)")
        #expect(error.location.file == "bad.json")
        #expect(error.location.line == input.line, "\(error)")
        #expect(error.location.column == input.column, "\(error)")
    }

    @Test("messages name the offending token and what was expected")
    func messages() throws {
        let error = try #require(jsonError(#"[{"a": 1}, {"a": @}]"#))
        #expect(error.description == "bad.json:1:18: error[json.syntax]: unexpected '@'; expected a value")
        let row = try #require(jsonError(#"[{"a": 1}, "x"]"#))
        #expect(row.message == "row 2 is a string, not an object")
        let key = try #require(jsonError(#"[{"o": {"x": 1, "x": 2}}]"#))
        #expect(key.message == "key 'o.x' appears twice in this row")
    }

    @Test("columns count characters, not bytes")
    func characterColumns() throws {
        let error = try #require(jsonError(#"[{"naïve": "😀", "b": 01}]"#))
        // [ { " n a ï v e " : ␠ " 😀 " , ␠ " b " : ␠ 0 → the 0 is the 22nd character (26th byte).
        #expect(error.location.column == 22)
    }

    @Test("absurd nesting fails cleanly instead of overflowing the stack")
    func deepNesting() throws {
        let error = try #require(jsonError(String(repeating: "[", count: 100_000)))
        #expect(error.id == "json.not-an-object")
        let nested = try #require(jsonError("[{\"a\":" + String(repeating: "{\"a\":", count: 100_000)))
        #expect(nested.id == "json.too-deep")
    }
}
