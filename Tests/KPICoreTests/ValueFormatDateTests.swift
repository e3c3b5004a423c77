import Testing

@testable import KPICore

/// Helpers shared by the value-format tests: coerce one column of text cells and read the result
/// back as display text.
enum ValueFormatFixture {
    static func outcome(
        _ cells: [String?], _ type: CanonicalType, _ context: CoercionContext = CoercionContext()
    )
        -> CoercionOutcome
    {
        ColumnCoercion.coerce(SchemaFixture.text("c", cells), to: type, context: context)
    }

    /// The cells of an outcome's column as display text (`null` for nulls).
    static func cells(_ outcome: CoercionOutcome) -> [String] {
        (0..<outcome.column.count).map { outcome.column.value(at: $0).description }
    }

    /// The issues as `row kind value` lines, for compact expectations.
    static func issues(_ outcome: CoercionOutcome) -> [String] {
        outcome.issues.map { "\($0.row) \($0.kind) \($0.value)" }
    }

    /// One value read alone as a timestamp, as ISO text; `nil` when it is not read.
    static func instant(_ text: String, _ context: CoercionContext = CoercionContext()) -> String? {
        let cell = cells(outcome([text], .timestamp, context))[0]
        return cell == "null" ? nil : cell
    }
}

@Suite("Value formats: dates and timestamps, one value at a time")
struct ValueFormatDateTests {
    typealias V = ValueFormatFixture

    @Test(
        "ISO 8601 dates and timestamps, with zones and fractions",
        arguments: [
            ("2024-03-05", "2024-03-05T00:00:00Z"),
            ("2024-03-05T14:22:00Z", "2024-03-05T14:22:00Z"),
            ("2024-03-05 14:22", "2024-03-05T14:22:00Z"),
            ("2024-03-05t14:22:07", "2024-03-05T14:22:07Z"),
            ("2024-03-05T14:22:00.250+01:00", "2024-03-05T13:22:00.250Z"),
            ("2024-03-05T14:22:00,5-0130", "2024-03-05T15:52:00.500Z"),
            ("2024-03-05T14:22:00+05", "2024-03-05T09:22:00Z"),
            ("  2024-03-05 \u{A0}", "2024-03-05T00:00:00Z"),
            ("2024-3-5", "2024-03-05T00:00:00Z"),
            ("2024/03/05 9:05", "2024-03-05T09:05:00Z"),
            ("2024.03.05", "2024-03-05T00:00:00Z"),
        ])
    func iso(text: String, expected: String) {
        #expect(V.instant(text) == expected)
    }

    @Test(
        "numeric dates: day-first and month-first, separators, two-digit years",
        arguments: [
            ("31-12-2023", "2023-12-31T00:00:00Z"),
            ("31/12/2023", "2023-12-31T00:00:00Z"),
            ("31.12.2023", "2023-12-31T00:00:00Z"),
            ("12/31/2023", "2023-12-31T00:00:00Z"),
            ("12-31-2023", "2023-12-31T00:00:00Z"),
            ("1/31/2023", "2023-01-31T00:00:00Z"),
            ("31/1/23", "2023-01-31T00:00:00Z"),
            ("31/12/99", "1999-12-31T00:00:00Z"),
            ("31/12/69", "2069-12-31T00:00:00Z"),
            ("31/12/70", "1970-12-31T00:00:00Z"),
            ("31/12/00", "2000-12-31T00:00:00Z"),
            ("29.02.2024", "2024-02-29T00:00:00Z"),
        ])
    func numeric(text: String, expected: String) {
        #expect(V.instant(text) == expected)
    }

    @Test(
        "times: 12- and 24-hour, seconds, fractions, AM/PM spellings, zones",
        arguments: [
            ("12/31/2023 10:15 PM", "2023-12-31T22:15:00Z"),
            ("12/31/2023 10:15PM", "2023-12-31T22:15:00Z"),
            ("12/31/2023 12:00 AM", "2023-12-31T00:00:00Z"),
            ("12/31/2023 12:30 pm", "2023-12-31T12:30:00Z"),
            ("12/31/2023 9:05a.m.", "2023-12-31T09:05:00Z"),
            ("12/31/2023 9:05 p.m.", "2023-12-31T21:05:00Z"),
            ("31.12.2023 23:59:59", "2023-12-31T23:59:59Z"),
            ("31.12.2023 23:59:59.5", "2023-12-31T23:59:59.500Z"),
            ("31/12/2023 10:15 UTC", "2023-12-31T10:15:00Z"),
            ("31/12/2023 10:15 GMT", "2023-12-31T10:15:00Z"),
            ("31/12/2023 10:15Z", "2023-12-31T10:15:00Z"),
            ("31/12/2023 10:15 +02:00", "2023-12-31T08:15:00Z"),
            ("31/12/2023 10:15 -05:30", "2023-12-31T15:45:00Z"),
            ("31/12/2023 22:15 \u{2212}05:00", "2024-01-01T03:15:00Z"),
            ("31/12/2023 10:15 GMT+1", "2023-12-31T09:15:00Z"),
            ("31/12/2023T10:15", "2023-12-31T10:15:00Z"),
            ("31/12/2023, 10:15", "2023-12-31T10:15:00Z"),
        ])
    func times(text: String, expected: String) {
        #expect(V.instant(text) == expected)
    }

    @Test(
        "month names: month-first, day-first, dashed, weekdays, any case",
        arguments: [
            ("Jan 5, 2024", "2024-01-05T00:00:00Z"),
            ("January 5, 2024", "2024-01-05T00:00:00Z"),
            ("5 January 2024", "2024-01-05T00:00:00Z"),
            ("5 Jan 2024", "2024-01-05T00:00:00Z"),
            ("05-Jan-2024", "2024-01-05T00:00:00Z"),
            ("5-Jan-24", "2024-01-05T00:00:00Z"),
            ("Mon, Jan 8, 2024", "2024-01-08T00:00:00Z"),
            ("Jan. 5 2024", "2024-01-05T00:00:00Z"),
            ("jan 5, 2024", "2024-01-05T00:00:00Z"),
            ("JANUARY 5, 2024", "2024-01-05T00:00:00Z"),
            ("Sept 3rd, 2024", "2024-09-03T00:00:00Z"),
            ("5th January, 2024", "2024-01-05T00:00:00Z"),
            ("Jan 5, 2024 9:30 PM", "2024-01-05T21:30:00Z"),
            ("January 5, 2024 at 9:30 PM", "2024-01-05T21:30:00Z"),
            ("Tue, 09 Jan 2024 10:15:00 +0000", "2024-01-09T10:15:00Z"),
            ("Monday, 8 January 2024 14:00", "2024-01-08T14:00:00Z"),
            ("29-Feb-2024 23:00 UTC", "2024-02-29T23:00:00Z"),
        ])
    func monthNames(text: String, expected: String) {
        #expect(V.instant(text) == expected)
    }

    @Test(
        "every field is range-checked; other text is not a date",
        arguments: [
            "2023-02-30", "2023-13-01", "2024-01-05 25:00", "2024-01-05 10:61", "2024-01-05 10:15:60",
            "31/04/2023", "13/13/2023", "00/01/2023", "12/31/2023 13:00 PM", "12/31/2023 0:30 AM", "Jan 32, 2024",
            "Feb 30, 2024", "Foo 5, 2024", "2024-01-05 10:15 +25:00", "yesterday", "2024", "5/3", "1/2/3",
            "2024-01-05 10", "2024-01-05T", "31/12/2023 10:15 PST", "12:30", "Jan 2024", "5 Janu 2024",
            "31-12/2023", "123/12/2023", "20240105",
        ])
    func unreadable(text: String) {
        let outcome = V.outcome([text], .timestamp)
        #expect(V.cells(outcome) == ["null"])
        #expect(outcome.issues.count == 1)
        #expect(outcome.issues.first?.value == text)
    }

    @Test("a time of day past midnight's zone shifts the date")
    func zoneShiftsDate() {
        #expect(V.instant("2024-03-01T00:30:00+01:00") == "2024-02-29T23:30:00Z")
        #expect(V.instant("1/1/2024 11:30 PM -01:00") == "2024-01-02T00:30:00Z")
    }
}
