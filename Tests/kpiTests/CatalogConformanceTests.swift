import Foundation
import Testing

/// Issue 4's acceptance check: every KPI and query of `shared/spec/kpis.md`, asked of the built-in
/// catalogue the way docs/kpis.md maps it (`kpi eval 'lead_volume by source' --format json`), gives
/// what the independent reference implementation (`Tests/KPIEngineTests/Reference/kpis_reference.py`)
/// computes from the same generated CSV files.
@Suite("Catalogue conformance: kpi eval --format json against the spec's reference")
struct CatalogConformanceTests {
    @Test("the case table has one catalogue query for each of the spec's 32 ids, in the spec's order")
    func tableCoversTheSpec() {
        #expect(ConformanceCase.all.map(\.id) == SpecIDs.all)
    }

    @Test(
        "every figure the reference gives is compared with a catalogue figure or listed as not exposed",
        .enabled(if: ConformanceData.isAvailable, "needs KPIKIT_SLOW_TESTS=1, python3 with numpy and gen_crm.py"))
    func everySpecFigureIsChecked() throws {
        let data = try ConformanceData.require()
        #expect(Set(data.reference.keys) == Set(SpecIDs.all), "the reference computes exactly the spec's ids")
        for conformanceCase in ConformanceCase.all {
            let reference = try #require(data.reference[conformanceCase.id], "the reference has no \(conformanceCase.id)")
            let compared = conformanceCase.checks.reduce(into: Set<SpecSource>()) { $0.formUnion($1.source.parts) }
            let unchecked = reference.parts.subtracting(compared).subtracting(conformanceCase.notExposed.keys)
            #expect(unchecked.isEmpty, "\(conformanceCase.id): spec figures never compared: \(unchecked.map(\.description).sorted())")
        }
    }

    @Test(
        "kpi eval prints the reference's figures",
        .enabled(if: ConformanceData.isAvailable, "needs KPIKIT_SLOW_TESTS=1, python3 with numpy and gen_crm.py"),
        arguments: ConformanceCase.all)
    func matchesReference(_ conformanceCase: ConformanceCase) throws {
        let data = try ConformanceData.require()
        let expected = try #require(data.reference[conformanceCase.id], "the reference has no \(conformanceCase.id)")
        let run = try CLI.run(["eval", conformanceCase.query, "--data", data.folder.path, "--format", "json"])
        try #require(run.status == 0, "kpi eval '\(conformanceCase.query)' failed: \(run)")
        let actual = try CatalogueResult(json: try run.jsonObject())
        let problems = CatalogComparison(conformanceCase: conformanceCase, expected: expected, actual: actual).problems
        if !problems.isEmpty {
            let shown = problems.prefix(20) + (problems.count > 20 ? ["… \(problems.count) differences in all"] : [])
            Issue.record("\(conformanceCase.id) (kpi eval '\(conformanceCase.query)'):\n\(shown.joined(separator: "\n"))")
        }
    }
}

/// The parsing and comparison must catch what they are there to catch, or a green run means nothing.
@Suite("Catalogue conformance: reading the JSON and comparing")
struct CatalogComparisonTests {
    private static let rateCase = ConformanceCase(id: "win_rate_by_month", query: "win_rate by month", checks: ConformanceCase.rate("value"))

    private static func reference(_ rows: [(key: String, value: Double?, num: Int, den: Int)]) throws -> ReferenceResult {
        try ReferenceResult(
            json: [
                "key_names": ["month"],
                "rows": rows.map { row in
                    ["key": [row.key], "measures": ["value": ["value": row.value as Any? ?? NSNull(), "num": row.num, "den": row.den]]]
                },
            ] as [String: Any])
    }

    private static func printed(_ text: String) throws -> CatalogueResult {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try CatalogueResult(json: try #require(object as? [String: Any]))
    }

    private static func grouped(_ rows: String) throws -> CatalogueResult {
        try printed(#"{"columns": ["month", "value", "numerator", "denominator"], "unit": "ratio", "rows": [\#(rows)]}"#)
    }

    private func problems(_ rows: String, id: String? = nil) throws -> [String] {
        var conformanceCase = Self.rateCase
        if let id {
            conformanceCase.id = id
            conformanceCase.isStageOrdered = true
        }
        let expected = try Self.reference([("2024-01", 0.5, 1, 2), ("2024-02", nil, 0, 0)])
        return CatalogComparison(conformanceCase: conformanceCase, expected: expected, actual: try Self.grouped(rows)).problems
    }

    private static let january = #"{"month": "2024-01", "value": 0.5, "numerator": 1, "denominator": 2, "small_sample": true}"#
    private static let february = #"{"month": "2024-02", "value": null, "numerator": 0, "denominator": 0, "small_sample": true}"#

    @Test("identical figures agree")
    func identical() throws {
        #expect(try problems(Self.january + ", " + Self.february).isEmpty)
    }

    @Test("a numerator off by one is reported even though the value is the same")
    func numerator() throws {
        let doubled = #"{"month": "2024-01", "value": 0.5, "numerator": 2, "denominator": 4}"#
        let found = try problems(doubled + ", " + Self.february)
        #expect(found.contains { $0.hasPrefix("numerator at (2024-01): 2, expected 1") })
        #expect(found.contains { $0.hasPrefix("denominator at (2024-01): 4, expected 2") })
    }

    @Test("a value where the spec has null, and a rate that is not its quotient, are reported")
    func nullsAndQuotients() throws {
        let zero = #"{"month": "2024-02", "value": 0, "numerator": 0, "denominator": 0}"#
        let found = try problems(Self.january + ", " + zero)
        #expect(found.contains { $0.hasPrefix("value at (2024-02): 0, expected null") })
        #expect(found.contains { $0.contains("over a denominator of 0") })
        let skewed = #"{"month": "2024-01", "value": 0.6, "numerator": 1, "denominator": 2}"#
        #expect(try problems(skewed + ", " + Self.february).contains { $0.contains("is 0.6, not 1 / 2") })
    }

    @Test("missing, extra and out-of-order rows are reported; stage-ordered KPIs compare rows as a set")
    func rows() throws {
        #expect(try problems(Self.january).contains { $0.hasPrefix("rows missing: (2024-02)") })
        let march = #"{"month": "2024-03", "value": null, "numerator": 0, "denominator": 0}"#
        #expect(
            try problems([Self.january, Self.february, march].joined(separator: ", ")).contains { $0.hasPrefix("rows not in the spec: (2024-03)") })
        let reversed = Self.february + ", " + Self.january
        #expect(try problems(reversed).contains { $0.hasPrefix("rows out of the spec's order") })
        #expect(try problems(reversed, id: "q3_avg_stage_time").isEmpty)
    }

    @Test("a figure the case table names but the catalogue does not print is reported")
    func missingFigure() throws {
        let bare = #"{"month": "2024-01", "value": 0.5}, {"month": "2024-02", "value": null}"#
        #expect(try problems(bare).contains { $0.hasPrefix("no figure 'numerator' at (2024-01)") })
    }

    @Test("figures agree within 1e-9 relative and not beyond; counts only exactly")
    func tolerance() {
        #expect(CatalogComparison.agree(1000 * (1 + 5e-10), 1000, exact: false))
        #expect(!CatalogComparison.agree(1000 * (1 + 5e-9), 1000, exact: false))
        #expect(!CatalogComparison.agree(3.000000000001, 3, exact: true))
        #expect(!CatalogComparison.agree(nil, 0, exact: false))
        #expect(CatalogComparison.agree(nil, nil, exact: true))
    }

    @Test("boolean keys read as false/true, scalars as one row, and descriptive fields are not figures")
    func reading() throws {
        let nurtured = try Self.printed(
            #"""
            {"columns": ["nurtured", "value", "numerator", "denominator"], "unit": "ratio",
             "rows": [{"nurtured": false, "value": 0, "numerator": 0, "denominator": 1, "small_sample": true}]}
            """#)
        #expect(nurtured.keyNames == ["nurtured"])
        #expect(nurtured.rows.map(\.key) == [["false"]])
        let scalar = try Self.printed(#"{"value": 6.5, "unit": "hours", "median": null, "n": 1, "kpi": "x"}"#)
        #expect(scalar.keyNames.isEmpty && scalar.rows.count == 1)
        #expect(Set(scalar.rows[0].fields.keys) == ["value", "median", "n"])
        #expect(scalar.rows[0].fields["median"] == .some(nil))
    }

    @Test("a difference of spec figures is read from both, and a figure the spec lacks is an error")
    func specSources() throws {
        let row = ReferenceResult.Row(
            key: [],
            measures: [
                "E": ReferenceMeasure(value: 7), "N": ReferenceMeasure(value: 2), "rate": ReferenceMeasure(value: 0.5, numerator: 1, denominator: 2),
            ])
        #expect(try ReferenceResult.number(.difference(.value("E"), .value("N")), in: row) == 5)
        #expect(try ReferenceResult.number(.denominator("rate"), in: row) == 2)
        #expect(throws: ReferenceResult.MissingFigure.self) { try ReferenceResult.number(.value("S"), in: row) }
        #expect(throws: ReferenceResult.MissingFigure.self) { try ReferenceResult.number(.numerator("E"), in: row) }
    }
}
