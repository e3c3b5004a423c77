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

    // MARK: - Lenient coercion

    typealias V = ValueFormatFixture

    @Test(
        "null words are null in every typed target, reported as null-word; blanks are null without an issue",
        arguments: [CanonicalType.timestamp, .bool, .money, .number, .int, .month])
    func nullWordsInTypedTargets(type: CanonicalType) {
        let outcome = V.outcome(
            ["N/A", "n/a", "NA", "-", "--", "NULL", "null", "None", "#N/A", "(blank)", "", "  ", nil], type)
        #expect(outcome.column.nullCount == 13)
        #expect(outcome.issues.count == 10)
        #expect(outcome.issues.allSatisfy { $0.kind == .nullWord })
        #expect(outcome.issues.map(\.row) == Array(0..<10))
        #expect((try? ColumnCoercion.coerce(F.text("x", ["N/A", "", "NULL"]), to: type))?.nullCount == 3)
    }

    @Test("text keeps NA (a region) and drops the other null words and blanks; ids drop them all")
    func nullWordsInText() {
        let text = V.outcome(["NA", "N/A", "-", "North", "  ", "none", "na"], .text)
        #expect(V.cells(text) == ["NA", "null", "null", "North", "null", "null", "na"])
        #expect(V.issues(text) == ["1 null-word N/A", "2 null-word -", "5 null-word none"])
        #expect(text.column.dictionary == ["NA", "North", "na"])
        let ids = V.outcome(["NA", "N/A", "A1", "A1"], .identifier)
        #expect(V.cells(ids) == ["null", "null", "A1", "A1"])
        #expect(ids.issues.map(\.kind) == [.nullWord, .nullWord])
        let clean = V.outcome(["A1", "B2"], .text)
        #expect(clean.issues.isEmpty && clean.column.nullCount == 0)
    }

    @Test(
        "issue kinds follow the target",
        arguments: [
            (CanonicalType.timestamp, "2024-01-05 10:00", CellIssue.Kind.notATimestamp),
            (.timestamp, "2024-01-05", .notADate), (.money, "1", .notANumber), (.number, "1", .notANumber),
            (.int, "1", .notAnInteger), (.bool, "yes", .notABoolean), (.month, "2024-05", .notAMonth),
        ])
    func issueKinds(type: CanonicalType, good: String, kind: CellIssue.Kind) {
        let outcome = V.outcome([good, "garbage!", good], type)
        #expect(outcome.issues.map(\.kind) == [kind])
        #expect(outcome.issues.first.map { "\($0.row) \($0.column) \($0.value)" } == "1 0 garbage!")
        #expect(outcome.issues.first?.detail?.isEmpty == false)
    }

    @Test("booleans: y/n and any case; anything else an issue; the spelling family is the format")
    func lenientBooleans() {
        let outcome = V.outcome(["Y", "n", "Yes", "FALSE", " 1 ", "0", "maybe", "2", "y"], .bool)
        #expect(V.cells(outcome) == ["true", "false", "true", "false", "true", "false", "null", "null", "true"])
        #expect(V.issues(outcome) == ["6 not-a-boolean maybe", "7 not-a-boolean 2"])
        #expect(outcome.format == "y/n")
        let doubles = ColumnCoercion.coerce(F.double("b", [0, 1, 0.5]), to: .bool, context: CoercionContext())
        #expect(doubles.issues.map { "\($0.row) \($0.kind) \($0.value)" } == ["2 not-a-boolean 0.5"])
    }

    @Test("strict coercion throws for the first unreadable row, counting them all; null words are no failure")
    func strictFirstBadRow() {
        #expect(throws: CoercionFailure(row: 2, value: "€7", expected: .money, badCount: 2)) {
            try ColumnCoercion.coerce(F.text("a", ["$5", "N/A", "€7", "$6", "£8", "$9"]), to: .money)
        }
        #expect(throws: CoercionFailure(row: 1, value: "13/13/2024", expected: .timestamp, badCount: 1)) {
            try ColumnCoercion.coerce(F.text("d", ["05/03/2024", "13/13/2024", "-"]), to: .timestamp)
        }
    }

    @Test("non-text columns keep today's conversions; what does not convert is an issue per row")
    func nonTextSources() {
        let bools = ColumnCoercion.coerce(F.bool("b", [true, nil, false]), to: .timestamp, context: CoercionContext())
        #expect(bools.column.type == .timestamp)
        #expect(bools.issues.map { "\($0.row) \($0.kind)" } == ["0 not-a-timestamp", "2 not-a-timestamp"])
        let doubles = ColumnCoercion.coerce(F.double("n", [2, 2.5, nil]), to: .int, context: CoercionContext())
        #expect(doubles.column.type == .int)
        #expect(V.cells(doubles) == ["2", "null", "null"])
        #expect(doubles.issues.map(\.value) == ["2.5"])
        let months = ColumnCoercion.coerce(F.int("m", [5]), to: .month, context: CoercionContext())
        #expect(months.column.type == .text && months.issues.map(\.kind) == [.notAMonth])
        let money = ColumnCoercion.coerce(F.int("a", [7]), to: .money, context: CoercionContext())
        #expect(money.issues.isEmpty && money.format == nil && money.column.value(at: 0) == .double(7))
    }

    @Test("a large column with few distinct values is read per distinct value, issues per row")
    func largeFewDistinct() {
        let cells = (0..<10_000).map { ["30-09-2015", "N/A", "31-31-2015", "01-10-2015"][$0 % 4] }
        let outcome = V.outcome(cells, .timestamp)
        #expect(outcome.format == "DD-MM-YYYY")
        #expect(outcome.issues.count == 5_000)
        #expect(outcome.issues.filter { $0.kind == .notADate }.map(\.row).prefix(3) == [2, 6, 10])
        #expect(outcome.column.nullCount == 5_000)
    }
}
