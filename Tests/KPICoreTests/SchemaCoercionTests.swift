import Testing

@testable import KPICore

@Suite("Column coercion to canonical types")
struct SchemaCoercionTests {
    typealias F = SchemaFixture

    @Test("text yes/no/true/false/1/0 and integers 0/1 become booleans")
    func booleans() throws {
        let text = try ColumnCoercion.coerce(
            F.text("x", ["yes", "No", "TRUE", "false", "1", "0", nil, " "]), to: .bool)
        #expect(text.type == .bool)
        #expect(
            F.cells(Table(name: "t", columns: [text]), "x") == [
                "true", "false", "true", "false", "true", "false", "null", "null",
            ])
        let ints = try ColumnCoercion.coerce(F.int("x", [0, 1, nil]), to: .bool)
        #expect((0..<3).map { ints.value(at: $0) } == [.bool(false), .bool(true), .null])
    }

    @Test("a 2 is not a boolean")
    func badBoolean() {
        #expect(throws: CoercionFailure(row: 1, value: "2", expected: .bool, badCount: 1)) {
            try ColumnCoercion.coerce(F.int("x", [1, 2, 0]), to: .bool)
        }
    }

    @Test("dates and ISO text become timestamps; a date means midnight UTC")
    func timestamps() throws {
        let fromDate = try ColumnCoercion.coerce(F.date("d", ["2024-03-05", nil]), to: .timestamp)
        #expect(fromDate.value(at: 0) == .timestamp(F.ms("2024-03-05T00:00:00Z")))
        #expect(fromDate.value(at: 1) == .null)
        let fromText = try ColumnCoercion.coerce(
            F.text("t", ["2024-03-05 14:22", "2024-03-05T14:22:00+01:00", "2024-03-06", ""]), to: .timestamp)
        #expect(fromText.type == .timestamp)
        #expect(fromText.value(at: 0) == .timestamp(F.ms("2024-03-05T14:22:00Z")))
        #expect(fromText.value(at: 1) == .timestamp(F.ms("2024-03-05T13:22:00Z")))
        #expect(fromText.value(at: 2) == .timestamp(F.ms("2024-03-06T00:00:00Z")))
        #expect(fromText.value(at: 3) == .null)
    }

    @Test("a day-first date in an ISO column is a failure naming the first bad row and the count")
    func badTimestamp() {
        #expect(throws: CoercionFailure(row: 1, value: "31/12/2023 10:15", expected: .timestamp, badCount: 2)) {
            try ColumnCoercion.coerce(
                F.text("t", ["2024-01-01", "31/12/2023 10:15", "2024-01-02", "31/12/2023 10:15", "2024-01-03"]),
                to: .timestamp)
        }
    }

    @Test("integers and number text become money; currency signs and thousands groups are read")
    func money() throws {
        let ints = try ColumnCoercion.coerce(F.int("a", [1200, nil]), to: .money)
        #expect(ints.value(at: 0) == .double(1200))
        let text = try ColumnCoercion.coerce(F.text("a", ["$1,250.50", "$-3.5", "$12,000", "7e2"]), to: .money)
        #expect((0..<4).map { text.value(at: $0) } == [.double(1250.5), .double(-3.5), .double(12000), .double(700)])
    }

    @Test("malformed numbers fail", arguments: ["12.5k", "1,2,5", "nan", "1e", "$", "inf", "three", "1h"])
    func badNumbers(cell: String) {
        #expect(throws: CoercionFailure.self) { try ColumnCoercion.coerce(F.text("a", [cell]), to: .money) }
    }

    @Test("text and whole doubles become ints; fractions do not")
    func ints() throws {
        let text = try ColumnCoercion.coerce(F.text("n", ["4", " 12 ", "3.0"]), to: .int)
        #expect((0..<3).map { text.value(at: $0) } == [.int(4), .int(12), .int(3)])
        let doubles = try ColumnCoercion.coerce(F.double("n", [2, nil]), to: .int)
        #expect(doubles.type == .int)
        #expect(throws: CoercionFailure(row: 0, value: "2.5", expected: .int, badCount: 1)) {
            try ColumnCoercion.coerce(F.double("n", [2.5]), to: .int)
        }
    }

    @Test("months stay YYYY-MM text; dates and timestamps become their month")
    func months() throws {
        let text = try ColumnCoercion.coerce(
            F.text("m", ["2024-03", "2024-04-17", "2024-05-31T23:59:00Z"]), to: .month)
        #expect(F.cells(Table(name: "t", columns: [text]), "m") == ["2024-03", "2024-04", "2024-05"])
        let dates = try ColumnCoercion.coerce(F.date("m", ["2023-12-01"]), to: .month)
        #expect(dates.value(at: 0) == .text("2023-12"))
        #expect(throws: CoercionFailure.self) { try ColumnCoercion.coerce(F.text("m", ["2024-13"]), to: .month) }
    }

    @Test("ids keep int or text; whole doubles become ints")
    func identifiers() throws {
        let text = F.text("id", ["A1", "B2"])
        #expect(try ColumnCoercion.coerce(text, to: .identifier).type == .text)
        #expect(try ColumnCoercion.coerce(F.int("id", [1]), to: .identifier).type == .int)
        #expect(try ColumnCoercion.coerce(F.double("id", [7, 8]), to: .identifier).value(at: 1) == .int(8))
    }

    @Test("anything becomes text, formatted")
    func text() throws {
        let column = try ColumnCoercion.coerce(F.int("t", [42, nil]), to: .text)
        #expect(column.value(at: 0) == .text("42"))
        #expect(column.value(at: 1) == .null)
    }
}
