import KPICore
import KPIFormula
import KPIRepl
import Testing

/// Number formatting by unit, and every output format of a small hand-made result, golden.
@Suite("Value formatting")
struct ValueFormatterTests {
    let formatter = ValueFormatter()

    @Test(
        "figures by unit",
        arguments: [
            (0.184, Unit.ratio, "18.4%"),
            (2361, Unit.money, "$2,361"),
            (2361.49, Unit.money, "$2,361"),
            (12.5, Unit.money, "$12.50"),
            (3.2, Unit.duration(.days), "3.2 days"),
            (1.0, Unit.duration(.days), "1.0 day"),
            (1.0, Unit.duration(.hours), "1.0 hour"),
            (26.26, Unit.duration(.hours), "26.3 hours"),
            (1204, Unit.count, "1,204"),
            (2.5, Unit.count, "2.5"),
            (1234567, Unit.count, "1,234,567"),
            (42.04, Unit.score, "42.0"),
            (1234.5678, Unit.number, "1,234.57"),
        ] as [(Double, Unit, String)])
    func byUnit(value: Double, unit: Unit, expected: String) {
        #expect(formatter.format(value, unit: unit) == expected)
    }

    @Test(
        "negative figures keep their sign before the currency symbol",
        arguments: [
            (-0.05, Unit.ratio, "-5.0%"),
            (-1250.4, Unit.money, "-$1,250"),
            (-12.5, Unit.money, "-$12.50"),
            (-1204, Unit.count, "-1,204"),
            (-2.5, Unit.duration(.days), "-2.5 days"),
        ] as [(Double, Unit, String)])
    func negative(value: Double, unit: Unit, expected: String) {
        #expect(formatter.format(value, unit: unit) == expected)
    }

    @Test("a tiny negative that rounds to zero shows no minus sign")
    func negativeZero() {
        #expect(formatter.format(-0.00001, unit: .ratio) == "0.0%")
        #expect(formatter.format(-0.2, unit: .count) == "-0.2")
        #expect(formatter.grouped(-0.04, decimals: 1) == "0.0")
        #expect(formatter.grouped(-0.4, decimals: 0) == "0")
    }

    @Test("null is an en dash in every unit", arguments: [Unit.ratio, .money, .count, .duration(.hours), .score])
    func null(unit: Unit) {
        #expect(formatter.format(nil, unit: unit) == "–")
    }

    @Test("thousands grouping and another currency symbol")
    func groupingAndCurrency() {
        #expect(formatter.grouped(1234567.891, decimals: 1) == "1,234,567.9")
        #expect(formatter.grouped(999, decimals: 0) == "999")
        #expect(formatter.grouped(1000, decimals: 0) == "1,000")
        #expect(formatter.count(5000) == "5,000")
        #expect(ValueFormatter(currencySymbol: "€").format(2361, unit: .money) == "€2,361")
    }

    @Test("key cells: none for null, two decimals for doubles, text as is")
    func cells() {
        #expect(formatter.cell(.null) == "(none)")
        #expect(formatter.cell(.double(3.14159)) == "3.14")
        #expect(formatter.cell(.int(7)) == "7")
        #expect(formatter.cell(.text("Referral")) == "Referral")
        #expect(formatter.cell(.bool(true)) == "true")
    }
}

@Suite("Result rendering: table, CSV, Markdown and JSON")
struct ResultRendererTests {
    let renderer = ResultRenderer(color: false, width: 100)

    // The 95% intervals in the goldens are Wilson score intervals (z = 1.959964), computed
    // independently: 3/4 → 0.30064184258240184…0.9544127391902995, 1/8 → 0.0224…0.4709,
    // 46/250 → 0.1409…0.2367, 30/120 → 0.1811…0.3344, 12/300 → 0.0230…0.0686.

    /// Three small groups (denominator under 30): a rate, a key that needs CSV quoting, and a
    /// null key with 0 / 0.
    static let grouped = QueryResult(
        keyNames: ["source"],
        rows: [
            .init(keys: [.text("Referral")], measure: Measure(numerator: 3, denominator: 4)),
            .init(keys: [.text("Web, Paid")], measure: Measure(numerator: 1, denominator: 8)),
            .init(keys: [.null], measure: Measure(numerator: 0, denominator: 0)),
        ],
        unit: .ratio, kpiID: "win_rate")

    /// Two groups big enough that nothing is flagged.
    static let large = QueryResult(
        keyNames: ["source"],
        rows: [
            .init(keys: [.text("Events")], measure: Measure(numerator: 30, denominator: 120)),
            .init(keys: [.text("Web")], measure: Measure(numerator: 12, denominator: 300)),
        ],
        unit: .ratio)

    static let scalarRate = QueryResult(
        keyNames: [], rows: [.init(keys: [], measure: Measure(numerator: 46, denominator: 250))], unit: .ratio, kpiID: "win_rate")

    static let scalarMoney = QueryResult(keyNames: [], rows: [.init(keys: [], measure: Measure(value: 2361.4))], unit: .money)

    static let counts = QueryResult(
        keyNames: ["status"],
        rows: [
            .init(keys: [.text("won")], measure: Measure(value: 1204, isCount: true)),
            .init(keys: [.text("lost")], measure: Measure(value: 301, isCount: true)),
        ],
        unit: .count)

    @Test("grouped table: box drawing, right-aligned figures, interval, bars, small samples flagged")
    func groupedTable() {
        let expected = """
            ┌───────────┬──────────┬───┬────┬────────────┬──────────────────────┐
            │ source    │ Win rate │ n │ of │ 95% CI     │                      │
            ├───────────┼──────────┼───┼────┼────────────┼──────────────────────┤
            │ Referral  │   75.0%* │ 3 │  4 │ 30.1–95.4% │ ████████████████████ │
            │ Web, Paid │   12.5%* │ 1 │  8 │  2.2–47.1% │ ███▍                 │
            │ (none)    │       –* │ 0 │  0 │            │                      │
            └───────────┴──────────┴───┴────┴────────────┴──────────────────────┘
            3 rows  ·  * small sample (fewer than 30)
            """
        #expect(renderer.render(Self.grouped, format: .table, title: "Win rate") == expected)
    }

    @Test("grouped table without small samples has no flags and a plain footer")
    func largeTable() {
        let expected = """
            ┌────────┬───────┬────┬─────┬────────────┬──────────────────────┐
            │ source │ value │ n  │ of  │ 95% CI     │                      │
            ├────────┼───────┼────┼─────┼────────────┼──────────────────────┤
            │ Events │ 25.0% │ 30 │ 120 │ 18.1–33.4% │ ████████████████████ │
            │ Web    │  4.0% │ 12 │ 300 │   2.3–6.9% │ ███▎                 │
            └────────┴───────┴────┴─────┴────────────┴──────────────────────┘
            2 rows
            """
        #expect(renderer.render(Self.large, format: .table) == expected)
    }

    @Test("grouped counts: no rate columns, grouped thousands")
    func countsTable() {
        let expected = """
            ┌────────┬───────┬──────────────────────┐
            │ status │ value │                      │
            ├────────┼───────┼──────────────────────┤
            │ won    │ 1,204 │ ████████████████████ │
            │ lost   │   301 │ █████                │
            └────────┴───────┴──────────────────────┘
            2 rows
            """
        #expect(renderer.render(Self.counts, format: .table) == expected)
        #expect(renderer.render(Self.counts, format: .csv) == "status,value\nwon,1204\nlost,301")
    }

    @Test("grouped CSV: raw numbers, quoted keys, empty cells for nulls")
    func groupedCSV() {
        let expected = """
            source,value,numerator,denominator,ci_low,ci_high
            Referral,0.75,3,4,0.30064184258240184,0.9544127391902995
            "Web, Paid",0.125,1,8,0.02241749145005667,0.4708881822128535
            ,,0,0,,
            """
        #expect(renderer.render(Self.grouped, format: .csv) == expected)
    }

    @Test("grouped Markdown: formatted figures, right-aligned numeric columns")
    func groupedMarkdown() {
        let expected = """
            | source | value | n | of | 95% CI |
            | --- | ---: | ---: | ---: | ---: |
            | Referral | 75.0%* | 3 | 4 | 30.1–95.4% |
            | Web, Paid | 12.5%* | 1 | 8 | 2.2–47.1% |
            | (none) | –* | 0 | 0 |  |
            """
        #expect(renderer.render(Self.grouped, format: .markdown) == expected)
    }

    @Test("grouped JSON: columns, unit, kpi and one object per row")
    func groupedJSON() {
        let expected = """
            {
              "columns": ["source", "value", "numerator", "denominator", "ci_low", "ci_high"],
              "unit": "ratio",
              "kpi": "win_rate",
              "rows": [
                {"source": "Referral", "value": 0.75, "numerator": 3, "denominator": 4, "ci_low": 0.30064184258240184, "ci_high": 0.9544127391902995, "small_sample": true},
                {"source": "Web, Paid", "value": 0.125, "numerator": 1, "denominator": 8, "ci_low": 0.02241749145005667, "ci_high": 0.4708881822128535, "small_sample": true},
                {"source": null, "value": null, "numerator": 0, "denominator": 0, "ci_low": null, "ci_high": null, "small_sample": true}
              ]
            }
            """
        #expect(renderer.render(Self.grouped, format: .json) == expected)
    }

    @Test("scalar rate in every format")
    func scalarRate() {
        #expect(renderer.render(Self.scalarRate, format: .table, title: "Win rate") == "Win rate\n18.4%  (46 / 250)  95% CI 14.1–23.7%")
        #expect(renderer.render(Self.scalarRate, format: .table) == "18.4%  (46 / 250)  95% CI 14.1–23.7%")
        #expect(
            renderer.render(Self.scalarRate, format: .json)
                == #"{"value": 0.184, "unit": "ratio", "numerator": 46, "denominator": 250, "ci_low": 0.14087551749687086, "ci_high": 0.23668872778425012, "small_sample": false, "kpi": "win_rate"}"#
        )
        #expect(
            renderer.render(Self.scalarRate, format: .csv)
                == "value,numerator,denominator,ci_low,ci_high\n0.184,46,250,0.14087551749687086,0.23668872778425012")
        #expect(
            renderer.render(Self.scalarRate, format: .markdown)
                == "| value | n | of | 95% CI |\n| ---: | ---: | ---: | ---: |\n| 18.4% | 46 | 250 | 14.1–23.7% |")
    }

    @Test("a small scalar sample is flagged in the table and in JSON")
    func smallScalar() {
        let small = QueryResult(keyNames: [], rows: [.init(keys: [], measure: Measure(numerator: 3, denominator: 4))], unit: .ratio)
        #expect(renderer.render(small, format: .table) == "75.0%  (3 / 4)  95% CI 30.1–95.4%  * small sample (n < 30)")
        #expect(renderer.render(small, format: .json).contains(#""small_sample": true"#))
    }

    @Test("scalar money without parts")
    func scalarMoney() {
        #expect(renderer.render(Self.scalarMoney, format: .table) == "$2,361")
        #expect(renderer.render(Self.scalarMoney, format: .json) == #"{"value": 2361.4, "unit": "money"}"#)
        #expect(renderer.render(Self.scalarMoney, format: .csv) == "value\n2361.4")
    }

    @Test("colour wraps the title and the figure in ANSI codes only when asked")
    func color() {
        let colored = ResultRenderer(color: true, width: 100).render(Self.scalarRate, format: .table, title: "Win rate")
        #expect(colored == "\u{1b}[1mWin rate\u{1b}[0m\n\u{1b}[1;36m18.4%  (46 / 250)  95% CI 14.1–23.7%\u{1b}[0m")
        #expect(!renderer.render(Self.grouped, format: .table).contains("\u{1b}"))
    }

    @Test("CSV quotes commas, quotes, line breaks and carriage returns, and nothing else")
    func csvQuoting() {
        let keys = ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", " spaced "]
        let result = QueryResult(
            keyNames: ["key"], rows: keys.map { .init(keys: [.text($0)], measure: Measure(value: 1)) }, unit: .count)
        let expected = "key,value\nplain,1\n\"a,b\",1\n\"say \"\"hi\"\"\",1\n\"two\nlines\",1\n\"cr\rhere\",1\n spaced ,1"
        #expect(renderer.render(result, format: .csv) == expected)
    }

    @Test("Markdown escapes pipes; JSON escapes quotes, backslashes and control characters")
    func escaping() {
        let result = QueryResult(
            keyNames: ["key"],
            rows: [
                .init(keys: [.text("a|b")], measure: Measure(value: 1)),
                .init(keys: [.text("q\"\\\t\u{1}é")], measure: Measure(value: 2)),
            ],
            unit: .count)
        #expect(renderer.render(result, format: .markdown).contains("| a\\|b | 1 |"))
        #expect(renderer.render(result, format: .json).contains(#"{"key": "q\"\\\t\u0001é", "value": 2}"#))
    }

    @Test("non-text keys in JSON keep their type")
    func typedKeysInJSON() {
        let result = QueryResult(
            keyNames: ["nurtured", "rep_id", "score"],
            rows: [.init(keys: [.bool(true), .int(7), .double(2.5)], measure: Measure(value: 3))], unit: .count)
        #expect(renderer.render(result, format: .json).contains(#"{"nurtured": true, "rep_id": 7, "score": 2.5, "value": 3}"#))
    }

    @Test("an empty grouped result renders in every format")
    func emptyResult() {
        let result = QueryResult(keyNames: ["rep"], rows: [], unit: .count)
        #expect(renderer.render(result, format: .csv) == "rep,value")
        #expect(renderer.render(result, format: .json).contains(#""rows": []"#))
        #expect(renderer.render(result, format: .markdown) == "| rep | value |\n| --- | ---: |")
        #expect(renderer.render(result, format: .table).hasSuffix("\n0 rows"))
    }

    @Test("table columns line up when keys hold CJK text and emoji")
    func wideKeysAlign() {
        let result = QueryResult(
            keyNames: ["city"],
            rows: [
                .init(keys: [.text("東京")], measure: Measure(value: 12)),
                .init(keys: [.text("Paris")], measure: Measure(value: 7)),
                .init(keys: [.text("서울 😀")], measure: Measure(value: 3)),
            ],
            unit: .count)
        let lines = renderer.render(result, format: .table).split(separator: "\n").dropLast().map(String.init)
        let widths = Set(lines.map(TextWidth.of))
        #expect(widths.count == 1, "every line of the box has one display width: \(lines)")
        #expect(lines[3].hasPrefix("│ 東京    │"))
    }
}

@Suite("Display width of text")
struct TextWidthTests {
    @Test(
        "narrow, wide, combining and zero-width characters",
        arguments: [
            ("abc", 3), ("", 0), ("日本語", 6), ("한국", 4), ("ｶﾀｶﾅ", 4), ("ＡＢ", 4), ("😀", 2), ("🚀x", 3),
            ("e\u{301}", 1), ("a\u{200D}b", 2), ("✓", 1), ("–", 1), ("東京 Tokyo", 10),
        ] as [(String, Int)])
    func width(text: String, expected: Int) {
        #expect(TextWidth.of(text) == expected)
    }

    @Test("wide emoji in the BMP take two columns", arguments: ["⭐", "☕", "✅", "❌", "⌚"])
    func bmpEmoji(text: String) {
        #expect(TextWidth.of(text) == 2)

    }
}
