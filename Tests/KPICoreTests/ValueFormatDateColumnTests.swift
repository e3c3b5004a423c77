import Testing

@testable import KPICore

@Suite("Value formats: one date format per column")
struct ValueFormatDateColumnTests {
    typealias V = ValueFormatFixture

    @Test("the family that reads most rows is the column's format; the others are issues")
    func oneFormatPerColumn() {
        let iso = V.outcome(["2024-01-05", "31/12/2023 10:15", "2024-01-06 08:00", "Jan 7, 2024"], .timestamp)
        #expect(V.cells(iso) == ["2024-01-05T00:00:00Z", "null", "2024-01-06T08:00:00Z", "null"])
        #expect(iso.format == nil)
        #expect(V.issues(iso) == ["1 not-a-timestamp 31/12/2023 10:15", "3 not-a-timestamp Jan 7, 2024"])
        #expect(iso.issues[0].detail == "the column's dates are YYYY-MM-DD (ISO 8601)")

        let dayFirst = V.outcome(["30-09-2015", "2015-10-01", "01-10-2015", "15-11-2016"], .timestamp)
        #expect(dayFirst.format == "DD-MM-YYYY")
        #expect(V.cells(dayFirst) == ["2015-09-30T00:00:00Z", "null", "2015-10-01T00:00:00Z", "2016-11-15T00:00:00Z"])
        #expect(V.issues(dayFirst) == ["1 not-a-date 2015-10-01"])
        #expect(dayFirst.issues[0].detail == "the column's dates are DD-MM-YYYY")

        let named = V.outcome(["5 Jan 2024", "6 Jan 2024", "07/01/2024"], .timestamp)
        #expect(named.format == "D MMM YYYY")
        #expect(V.issues(named) == ["2 not-a-date 07/01/2024"])
    }

    @Test("rows count, not distinct values")
    func weightedByRows() {
        let outcome = V.outcome(["31/12/2023", "2024-01-05", "2024-01-05", "2024-01-05"], .timestamp)
        #expect(outcome.format == nil)
        #expect(V.issues(outcome) == ["0 not-a-date 31/12/2023"])
    }

    @Test("date-only and date-and-time values, padding and AM/PM may vary within a format")
    func variationsWithinAFormat() {
        let outcome = V.outcome(
            ["12/31/2023 10:15 PM", "1/5/2024", "1/6/2024 21:05", "01/07/2024 9:05:30 am"], .timestamp)
        #expect(outcome.issues.isEmpty)
        #expect(
            V.cells(outcome) == [
                "2023-12-31T22:15:00Z", "2024-01-05T00:00:00Z", "2024-01-06T21:05:00Z", "2024-01-07T09:05:30Z",
            ])
        #expect(outcome.format == "M/D/YYYY hh:mm AM/PM")
    }

    @Test(
        "the formats people read",
        arguments: [
            (["30-09-2015", "01-10-2015"], "DD-MM-YYYY"),
            (["12/31/2023 10:15 PM", "12/30/2023 09:00 AM"], "MM/DD/YYYY hh:mm AM/PM"),
            (["31.12.2023 10:15:00", "30.12.2023 09:00:00"], "DD.MM.YYYY HH:mm:ss"),
            (["31/12/23", "30/12/23"], "DD/MM/YY"),
            (["2023/12/31", "2023/12/30"], "YYYY/MM/DD"),
            (["2023-12-31", "2023-12-30T10:00:00Z"], nil),
            (["Jan 5, 2024", "Feb 10, 2024"], "MMM D, YYYY"),
            (["January 15, 2024", "February 10, 2024"], "MMMM DD, YYYY"),
            (["05-Jan-2024", "10-Feb-2024"], "DD-MMM-YYYY"),
            (["Mon, Jan 8, 2024", "Tue, Jan 9, 2024"], "ddd, MMM D, YYYY"),
        ] as [([String], String?)])
    func formats(cells: [String], expected: String?) {
        let outcome = V.outcome(cells, .timestamp)
        #expect(outcome.issues.isEmpty)
        #expect(outcome.format == expected)
    }

    @Test("a part above 12 proves the order for the whole column")
    func orderProof() {
        let dayFirst = V.outcome(["05/03/2024", "13/03/2024"], .timestamp)
        #expect(V.cells(dayFirst) == ["2024-03-05T00:00:00Z", "2024-03-13T00:00:00Z"])
        #expect(dayFirst.assumption == nil)
        #expect(dayFirst.format == "DD/MM/YYYY")
        let monthFirst = V.outcome(["05.03.2024", "03.13.2024"], .timestamp)
        #expect(V.cells(monthFirst) == ["2024-05-03T00:00:00Z", "2024-03-13T00:00:00Z"])
        #expect(monthFirst.assumption == nil)
    }

    @Test("conflicting proofs: the order with more rows wins, the others are issues")
    func conflictingProofs() {
        let outcome = V.outcome(["13/01/2024", "14/01/2024", "01/13/2024", "02/01/2024"], .timestamp)
        #expect(V.cells(outcome) == ["2024-01-13T00:00:00Z", "2024-01-14T00:00:00Z", "null", "2024-01-02T00:00:00Z"])
        #expect(V.issues(outcome) == ["2 not-a-date 01/13/2024"])
        #expect(outcome.issues[0].detail == "a month-first date; the column's dates are DD/MM/YYYY")
        #expect(outcome.assumption == nil)

        let byRows = V.outcome(["01/13/2024", "01/13/2024", "01/13/2024", "13/01/2024", "14/01/2024"], .timestamp)
        #expect(V.issues(byRows) == ["3 not-a-date 13/01/2024", "4 not-a-date 14/01/2024"])
        #expect(byRows.format == "MM/DD/YYYY")
    }

    @Test("undecided: the separator's custom, and the assumption says so")
    func assumedBySeparator() {
        let slash = V.outcome(["05/03/2024", "06/03/2024"], .timestamp)
        #expect(V.cells(slash) == ["2024-05-03T00:00:00Z", "2024-06-03T00:00:00Z"])
        #expect(
            slash.assumption
                == "month-first assumed (MM/DD/YYYY): no value has a day above 12; say --date-order dmy or a mapping format if they are day-first"
        )
        let dot = V.outcome(["05.03.2024", "06.03.2024"], .timestamp)
        #expect(V.cells(dot) == ["2024-03-05T00:00:00Z", "2024-03-06T00:00:00Z"])
        #expect(
            dot.assumption
                == "day-first assumed (DD.MM.YYYY): no value has a day above 12; say --date-order mdy or a mapping format if they are month-first"
        )
        let dash = V.outcome(["05-03-2024"], .timestamp)
        #expect(V.cells(dash) == ["2024-03-05T00:00:00Z"])
        #expect(dash.assumption?.hasPrefix("day-first assumed (DD-MM-YYYY)") == true)
    }

    @Test("undecided: the context's order, then the declared one, which is no assumption")
    func assumedByContextOrDeclared() {
        let context = V.outcome(["05/03/2024", "5/3/24"], .timestamp, CoercionContext(dateOrder: .dmy))
        #expect(V.cells(context) == ["2024-03-05T00:00:00Z", "2024-03-05T00:00:00Z"])
        #expect(
            context.assumption
                == "day-first assumed (D/M/YYYY): as the table's other dates or --date-order say: no value of this column has a day above 12; say --date-order mdy or a mapping format if they are month-first"
        )
        let declared = V.outcome(
            ["05.03.2024"], .timestamp,
            CoercionContext(declared: FormatDeclaration(dateOrder: .mdy), dateOrder: .dmy))
        #expect(V.cells(declared) == ["2024-05-03T00:00:00Z"])
        #expect(declared.assumption == nil)
    }

    @Test("a declared order beats the values: dates only valid the other way are issues")
    func declaredOrderWins() {
        let outcome = V.outcome(
            ["05/03/2024", "03/13/2024", "03/14/2024"], .timestamp,
            CoercionContext(declared: FormatDeclaration(dateOrder: .dmy)))
        #expect(V.cells(outcome) == ["2024-03-05T00:00:00Z", "null", "null"])
        #expect(
            outcome.issues.map(\.detail)
                == Array(repeating: "a month-first date; the column's dates are DD/MM/YYYY", count: 2))
        let yearFirst = V.outcome(
            ["05/03/2024", "2024-03-05"], .timestamp, CoercionContext(declared: FormatDeclaration(dateOrder: .ymd)))
        #expect(V.cells(yearFirst) == ["null", "2024-03-05T00:00:00Z"])
    }

    @Test("a declared pattern is the column's only format; its time part is optional")
    func declaredPattern() {
        let context = CoercionContext(declared: FormatDeclaration(parsing: "DD/MM/YYYY HH:mm"))
        let outcome = V.outcome(
            ["05/03/2024 10:15", "5/3/2024", "2024-03-05", "05/03/2024 10:15:30"], .timestamp, context)
        #expect(V.cells(outcome) == ["2024-03-05T10:15:00Z", "2024-03-05T00:00:00Z", "null", "null"])
        #expect(outcome.format == "DD/MM/YYYY HH:mm")
        #expect(outcome.issues.first?.detail == "the column's dates are DD/MM/YYYY HH:mm (as declared)")
        #expect(outcome.assumption == nil)
    }

    @Test(
        "patterns read what they say",
        arguments: [
            ("MM/DD/YY h:mm a", "12/31/23 9:05 PM", "2023-12-31T21:05:00Z"),
            ("MM/DD/YY h:mm a", "12/31/23 9:05PM", "2023-12-31T21:05:00Z"),
            ("D MMM YYYY", "5 Jan 2024", "2024-01-05T00:00:00Z"),
            ("D MMM YYYY", "5 January 2024", "2024-01-05T00:00:00Z"),
            ("YYYYMMDD", "20240105", "2024-01-05T00:00:00Z"),
            ("YYYYMMDDHHmmss", "20240105101530", "2024-01-05T10:15:30Z"),
            ("dd.mm.yyyy", "05.01.2024", "2024-01-05T00:00:00Z"),
            ("YYYY-MM-DDTHH:mm:ss.SSSZ", "2024-01-05T10:15:30.123+01:00", "2024-01-05T09:15:30.123Z"),
            ("dddd, MMMM D, YYYY", "Friday, January 5, 2024", "2024-01-05T00:00:00Z"),
            ("MM/YYYY", "03/2024", "2024-03-01T00:00:00Z"),
            ("DD/MM/YYYY", "31/02/2024", nil),
            ("DD/MM/YYYY", "05-01-2024", nil),
            ("HH:mm DD/MM/YYYY", "10:15 05/01/2024", "2024-01-05T10:15:00Z"),
        ] as [(String, String, String?)])
    func patterns(pattern: String, text: String, expected: String?) {
        let declaration = FormatDeclaration(parsing: pattern)
        #expect(declaration?.datePattern == pattern)
        #expect(V.instant(text, CoercionContext(declared: declaration)) == expected)
    }

    @Test("issue kinds: not-a-timestamp when the format has a time, not-a-date when it has none")
    func issueKinds() {
        #expect(V.outcome(["2024-01-05", "x"], .timestamp).issues.map(\.kind) == [.notADate])
        #expect(V.outcome(["2024-01-05 10:00", "x"], .timestamp).issues.map(\.kind) == [.notATimestamp])
        #expect(V.outcome(["x"], .timestamp).issues.map(\.kind) == [.notATimestamp])
        #expect(V.outcome(["x"], .timestamp).issues.first?.detail == "not a date or time in any supported form")
        #expect(
            V.outcome(["2024-02-30", "2024-01-01"], .timestamp).issues.first?.detail == "no such date or time of day")
    }

    @Test("every row of a bad value is an issue; null words are issues of their own kind; blanks are not")
    func issueRows() {
        let outcome = V.outcome(["x", "2024-01-05", "x", "N/A", " ", nil, "--", "NULL"], .timestamp)
        #expect(
            V.issues(outcome) == [
                "0 not-a-date x", "2 not-a-date x", "3 null-word N/A", "6 null-word --", "7 null-word NULL",
            ])
        #expect(outcome.issues.allSatisfy { $0.column == 0 })
        #expect(outcome.issues.filter { $0.kind == .nullWord }.allSatisfy { $0.detail == nil })
        #expect(outcome.column.nullCount == 7)
    }

    @Test("extra null words come from the context")
    func extraNullWords() {
        let context = CoercionContext(nullWords: NullWords(extra: ["unknown", "Néant"]))
        let outcome = V.outcome(["Unknown", "NÉANT", "2024-01-05"], .timestamp, context)
        #expect(V.issues(outcome) == ["0 null-word Unknown", "1 null-word NÉANT"])
    }

    @Test("date order evidence: proofs by rows, nothing from undecided, ISO or non-text columns")
    func evidence() {
        #expect(ColumnCoercion.dateOrderEvidence(SchemaFixture.text("d", ["05/03/2024", "13/03/2024"])) == .dmy)
        #expect(
            ColumnCoercion.dateOrderEvidence(SchemaFixture.text("d", ["03/13/2024 10:00 PM", "05/03/2024"])) == .mdy)
        #expect(ColumnCoercion.dateOrderEvidence(SchemaFixture.text("d", ["05/03/2024", "06/03/2024"])) == nil)
        #expect(ColumnCoercion.dateOrderEvidence(SchemaFixture.text("d", ["2024-03-13", "2024-03-05"])) == nil)
        #expect(ColumnCoercion.dateOrderEvidence(SchemaFixture.text("d", ["13/03/2024", "03/13/2024"])) == nil)
        #expect(
            ColumnCoercion.dateOrderEvidence(SchemaFixture.text("d", ["13/03/2024", "03/13/2024", "03/14/2024"]))
                == .mdy)
        #expect(ColumnCoercion.dateOrderEvidence(SchemaFixture.int("d", [13])) == nil)
    }

    @Test("months: month forms as written, dates and timestamps as their UTC month")
    func months() {
        let outcome = V.outcome(
            [
                "2024-03", "2024/4", "05/2024", "Jan 2024", "January 2024", "2024-05-17", "2024-03-01T00:30:00+01:00",
                "N/A", "",
            ],
            .month)
        #expect(
            V.cells(outcome) == [
                "2024-03", "2024-04", "2024-05", "2024-01", "2024-01", "2024-05", "2024-02", "null", "null",
            ])
        #expect(V.issues(outcome) == ["7 null-word N/A"])
        #expect(outcome.column.dictionary == ["2024-03", "2024-04", "2024-05", "2024-01", "2024-02"])
    }

    @Test("months: bad months and non-dates are not-a-month issues; dates follow the one-format rule")
    func badMonths() {
        let outcome = V.outcome(["2024-13", "soon", "17/05/2024", "18/05/2024", "2024-05-17"], .month)
        #expect(V.cells(outcome) == ["null", "null", "2024-05", "2024-05", "null"])
        #expect(outcome.issues.map(\.kind) == [.notAMonth, .notAMonth, .notAMonth])
        #expect(
            outcome.issues.map(\.detail) == [
                "no such month", "the column's dates are DD/MM/YYYY", "the column's dates are DD/MM/YYYY",
            ])
        #expect(outcome.format == "DD/MM/YYYY")
        #expect(
            V.outcome(["soon"], .month).issues.first?.detail == "not a month (YYYY-MM, MM/YYYY, Jan 2024) or a date")
        #expect(V.outcome(["03/2024", "04/2024"], .month).format == "MM/YYYY")
        #expect(V.outcome(["2024-03", "2024-04"], .month).format == nil)
    }
}
