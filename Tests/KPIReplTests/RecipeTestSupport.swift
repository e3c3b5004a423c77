import Foundation
import KPICore
import KPIDemo
import KPIEngine
import KPIFormula
import Testing

@testable import KPIRepl

/// Sessions and recipes for the recipe tests: the demo CRM at a fixed as-of (end of 2024-12-31).
enum RecipeFixtures {
    static let asOf = ISO8601.parse("2024-12-31")!.milliseconds + Time.millisecondsPerDay - 1

    static func session() throws -> Session {
        let session = Session(registry: try StandardRegistry.make(), options: SessionOptions(asOf: asOf))
        try session.add(tables: DemoCRM.make().tables, source: "demo")
        return session
    }

    /// The repository's shipped `Recipes/` folder.
    static var shippedDirectory: URL { PackagePaths.repositoryRoot.appendingPathComponent("Recipes") }

    static let shippedNames = [
        "customer-health", "funnel-bottlenecks", "lead-source-roi", "monthly-kpi-review", "rep-scorecard", "weekly-pipeline-review",
    ]

    static func parse(_ text: String) throws -> Recipe {
        try RecipeParser.parse(text, file: "test.recipe")
    }
}

/// Golden files under Transcripts/recipes/: compared byte for byte, rewritten (and failed) with
/// `KPIKIT_RECORD=1`, a difference reported at its first line.
enum RecipeGolden {
    static var directory: URL { Bundle.module.url(forResource: "Transcripts", withExtension: nil)!.appendingPathComponent("recipes") }

    static func check(_ actual: String, file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts/recipes/\(file)")
        try Golden.check(actual, name: file, expected: directory.appendingPathComponent(file), source: source, sourceLocation: sourceLocation)
    }
}

/// A hand-built report whose results carry every caveat the data model has — each
/// ``ResultNote/Kind``, resolved periods, partial rows, averages and rates on small samples —
/// since the demo data does not produce them all.
enum CaveatFixtures {
    static func day(_ text: String) -> Int64 { ISO8601.parse(text)!.milliseconds }

    static var period: ResolvedPeriod {
        ResolvedPeriod(start: day("2024-09-30"), end: day("2025-01-01"), text: "last 13 weeks")
    }

    /// A weekly count whose first and last weeks are partly covered.
    static var weekly: QueryResult {
        let values: [(String, Double)] = [("2024-09-30", 33), ("2024-10-07", 69), ("2024-10-14", 74), ("2024-10-21", 50), ("2024-10-28", 22)]
        var result = QueryResult(
            keyNames: ["week"], rows: values.map { QueryResult.Row(keys: [.text($0.0)], measure: Measure(value: $0.1, isCount: true)) },
            unit: .count, kpiID: "lead_volume")
        result.rows[0].isPartial = true
        result.rows[4].isPartial = true
        result.period = period
        result.notes = [
            ResultNote(.outsideSeries, "12 leads fall outside the weeks shown (no created_at)"),
            ResultNote(.partialPeriod, "the first and last weeks hold 2 of 7 days"),
        ]
        return result
    }

    /// An average with its median and n, by rep; one rep rests on 4 values.
    static var responseTimes: QueryResult {
        func row(_ rep: String, _ mean: Double, _ median: Double, _ n: Double, _ ci: ClosedRange<Double>) -> QueryResult.Row {
            var average = Measure(value: mean, interval: ci)
            average.sampleSize = n
            var middle = Measure(value: median)
            middle.sampleSize = n
            return QueryResult.Row(keys: [.text(rep)], measures: [average, middle, Measure(value: n, isCount: true)])
        }
        var result = QueryResult(
            keyNames: ["rep"],
            rows: [
                row("Amélie Dubois", 7.6, 9.3, 4, 1.2...15.3), row("Maya Patel", 2.3, 1.1, 22, 1.3...3.3),
                row("Noah Brooks", 7.3, 4.5, 45, 1.0...13.6),
            ],
            measureNames: ["value", "median", "n"], units: [.duration(.hours), .duration(.hours), .count], kpiID: "lead_response_time_hours")
        result.period = ResolvedPeriod(start: day("2024-12-04"), end: day("2025-01-01"), text: "last 4 weeks")
        result.notes = [ResultNote(.excluded, "3 leads contacted before they were created are left out")]
        return result
    }

    /// A rate by source: one at 0 of 3, one filter value that matched nothing.
    static var winRates: QueryResult {
        var result = QueryResult(
            keyNames: ["source"],
            rows: [
                QueryResult.Row(keys: [.text("Events")], measure: Measure(numerator: 0, denominator: 3)),
                QueryResult.Row(keys: [.text("Referral")], measure: Measure(numerator: 24, denominator: 72)),
            ],
            unit: .ratio, kpiID: "win_rate")
        result.notes = [
            ResultNote(.smallSample, "Events rests on 3 opportunities"),
            ResultNote(.noMatch, "no row has source = \"Refferal\"; did you mean \"Referral\"?"),
        ]
        return result
    }

    /// A single figure over a window that is not over yet.
    static var revenue: QueryResult {
        var result = QueryResult(keyNames: [], rows: [QueryResult.Row(keys: [], measure: Measure(value: 187_200))], unit: .money, kpiID: "revenue")
        result.rows[0].isPartial = true
        result.period = ResolvedPeriod(start: day("2024-12-01"), end: day("2025-01-01"), text: "this month")
        result.notes = [
            ResultNote(.period, "this month = 2024-12-01 – 2024-12-31"),
            ResultNote(.undefined, "cltv_to_cac is undefined for Direct: its CAC is $0.00"),
            ResultNote(.loading, "deals.csv: dates read as day/month/year (assumed)"),
        ]
        return result
    }

    static func entry(_ source: String, _ result: QueryResult, line: Int) -> Report.Item {
        .statement(Report.Entry(source: source, line: line, outcome: .result(result, title: nil), goalTarget: nil))
    }

    static func report() -> Report {
        Report(
            title: "Caveats", description: "Every caveat a result can carry.", recipe: "caveats.recipe", parameters: [],
            asOf: RecipeFixtures.asOf, sources: ["hand-built"],
            sections: [
                Report.Section(title: "Series", items: [entry("lead_volume by week during last 13 weeks", weekly, line: 3)]),
                Report.Section(title: "Averages", items: [entry("lead_response_time_hours by rep during last 4 weeks", responseTimes, line: 5)]),
                Report.Section(title: "Rates", items: [entry("win_rate by source where source in (\"Events\", \"Refferal\")", winRates, line: 7)]),
                Report.Section(title: "Figure", items: [entry("revenue during this month", revenue, line: 9)]),
            ])
    }
}
