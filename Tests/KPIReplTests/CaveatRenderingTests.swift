import Foundation
import KPICore
import KPIFormula
import KPIRepl
import Testing

/// Caveats travel with a result into every format: notes, the period, partial rows and small
/// samples of averages. Golden output of one hand-built result per format.
@Suite("Caveats in every format")
struct CaveatRenderingTests {
    let renderer = ResultRenderer(color: false, width: 100)

    /// An average with its sample size.
    static func average(_ value: Double, n: Double) -> Measure {
        var measure = Measure(value: value)
        measure.sampleSize = n
        return measure
    }

    static let period = ResolvedPeriod(
        start: ISO8601.parse("2024-10-01")!.milliseconds, end: ISO8601.parse("2025-01-01")!.milliseconds, text: "last 3 months")

    /// Response times by month: the last month is partial and rests on 4 values.
    static let monthly: QueryResult = {
        var december = QueryResult.Row(keys: [.text("2024-12")], measure: average(3.5, n: 4))
        december.isPartial = true
        var result = QueryResult(
            keyNames: ["month"],
            rows: [
                .init(keys: [.text("2024-10")], measure: average(6.25, n: 40)),
                .init(keys: [.text("2024-11")], measure: average(5.5, n: 35)),
                december,
            ],
            unit: .duration(.hours), kpiID: "lead_response_time_hours")
        result.notes = [
            ResultNote(.outsideSeries, "12 leads fell outside the series (no first contact)"),
            ResultNote(.excluded, "2 negative durations left out"),
        ]
        result.period = period
        return result
    }()

    /// One figure: a partial period, a small sample, a note.
    static let scalar: QueryResult = {
        var row = QueryResult.Row(keys: [], measure: average(3.5, n: 4))
        row.isPartial = true
        var result = QueryResult(keyNames: [], rows: [row], unit: .duration(.hours))
        result.notes = [ResultNote(.noMatch, "source = \"Refferal\" matches no lead (did you mean \"Referral\"?)")]
        result.period = period
        return result
    }()

    @Test("table: ◔ on the partial row, * on the small average, the period and notes under the table")
    func table() {
        let expected = """
            ┌───────────┬────────────────────┬──────────────────────┐
            │ month     │ Lead response time │                      │
            ├───────────┼────────────────────┼──────────────────────┤
            │ 2024-10   │         6.2 hours  │ ████████████████████ │
            │ 2024-11   │         5.5 hours  │ █████████████████▋   │
            │ 2024-12 ◔ │         3.5 hours* │ ███████████▎         │
            └───────────┴────────────────────┴──────────────────────┘
            trend █▆▁
            3 rows  ·  * small sample (fewer than 30)  ·  ◔ partial period
            period: last 3 months = 2024-10-01 – 2024-12-31
            note: 12 leads fell outside the series (no first contact)
            note: 2 negative durations left out
            """
        #expect(renderer.render(Self.monthly, format: .table, title: "Lead response time") == expected)
    }

    @Test("Markdown: marks in the cells, footnotes as a list after the table")
    func markdown() {
        let expected = """
            | month | value |
            | --- | ---: |
            | 2024-10 | 6.2 hours  |
            | 2024-11 | 5.5 hours  |
            | 2024-12 ◔ | 3.5 hours* |

            - ◔ partial period: only partly covered by the data, so it reads lower than a whole one
            - period: last 3 months = 2024-10-01 – 2024-12-31
            - note: 12 leads fell outside the series (no first contact)
            - note: 2 negative durations left out
            """
        #expect(renderer.render(Self.monthly, format: .markdown) == expected)
    }

    @Test("JSON: top-level period and notes; per-row small_sample and partial")
    func json() throws {
        let expected = """
            {
              "columns": ["month", "value"],
              "unit": "hours",
              "kpi": "lead_response_time_hours",
              "period": {"from": "2024-10-01T00:00:00Z", "to": "2025-01-01T00:00:00Z", "text": "last 3 months = 2024-10-01 – 2024-12-31"},
              "notes": [{"kind": "outside-series", "message": "12 leads fell outside the series (no first contact)"}, {"kind": "excluded", "message": "2 negative durations left out"}],
              "rows": [
                {"month": "2024-10", "value": 6.25, "small_sample": false, "partial": false},
                {"month": "2024-11", "value": 5.5, "small_sample": false, "partial": false},
                {"month": "2024-12", "value": 3.5, "small_sample": true, "partial": true}
              ]
            }
            """
        let text = renderer.render(Self.monthly, format: .json)
        #expect(text == expected)
        _ = try ShellFixture.jsonObject(text)
    }

    @Test("CSV: pure CSV with a partial column; the period and notes are diagnostics for standard error")
    func csv() {
        let rendered = renderer.rendered(Self.monthly, format: .csv)
        #expect(rendered.text == "month,value,partial\n2024-10,6.25,false\n2024-11,5.5,false\n2024-12,3.5,true")
        #expect(
            rendered.diagnostics == [
                "period: last 3 months = 2024-10-01 – 2024-12-31",
                "note: 12 leads fell outside the series (no first contact)",
                "note: 2 negative durations left out",
            ])
        #expect(renderer.render(Self.monthly, format: .csv) == rendered.text, "render gives the CSV alone")
    }

    @Test("a single figure: marks on the figure, footnotes under it, the same caveats in JSON and CSV")
    func scalarEverywhere() throws {
        #expect(
            renderer.render(Self.scalar, format: .table) == """
                3.5 hours ◔  * small sample (n < 30)
                ◔ partial period: only partly covered by the data, so it reads lower than a whole one
                period: last 3 months = 2024-10-01 – 2024-12-31
                note: source = "Refferal" matches no lead (did you mean "Referral"?)
                """)
        let json = try ShellFixture.jsonObject(renderer.render(Self.scalar, format: .json))
        #expect(json["small_sample"] as? Bool == true)
        #expect(json["partial"] as? Bool == true)
        let notes = try #require(json["notes"] as? [[String: String]])
        #expect(notes == [["kind": "no-match", "message": "source = \"Refferal\" matches no lead (did you mean \"Referral\"?)"]])
        let period = try #require(json["period"] as? [String: String])
        #expect(period["from"] == "2024-10-01T00:00:00Z" && period["to"] == "2025-01-01T00:00:00Z")
        let csv = renderer.rendered(Self.scalar, format: .csv)
        #expect(csv.text == "value,partial\n3.5,true")
        #expect(csv.diagnostics.last == "note: source = \"Refferal\" matches no lead (did you mean \"Referral\"?)")
    }

    @Test("a period note that gives the dates replaces the plain period line")
    func periodNote() {
        var result = QueryResult(keyNames: [], rows: [.init(keys: [], measure: Measure(value: 7, isCount: true))], unit: .count)
        result.period = Self.period
        result.notes = [ResultNote(.period, "last 3 months = 2024-10-01 – 2024-12-31; January so far not included")]
        #expect(renderer.render(result, format: .table) == "7\nperiod: last 3 months = 2024-10-01 – 2024-12-31; January so far not included")
    }

    @Test("without caveats nothing changes: no notes key, no partial column, no footnotes")
    func noCaveats() {
        let plain = QueryResult(keyNames: ["status"], rows: [.init(keys: [.text("won")], measure: Measure(value: 3, isCount: true))], unit: .count)
        #expect(!renderer.render(plain, format: .json).contains("notes"))
        #expect(renderer.rendered(plain, format: .csv) == Rendered("status,value\nwon,3"))
        #expect(renderer.render(plain, format: .markdown) == "| status | value |\n| --- | ---: |\n| won | 3 |")
    }
}
