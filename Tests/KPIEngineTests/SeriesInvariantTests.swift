import Foundation
import KPICore
import KPIDemo
import KPIFormula
import Testing

@testable import KPIEngine

/// Issue 12's invariant: the periods of `K by month` (week, quarter) add up to `K` over the same
/// range — values for additive KPIs, numerators and denominators for rates, counts and weighted
/// means for averages — for every built-in KPI, on the demo data and on an export whose closes
/// fall outside its creation months (a series cut at the leads' last creation month used to lose
/// them).
@Suite("Series invariant: the periods of K by month, week and quarter add up to K")
struct SeriesInvariantTests {
    static let grains = ["month", "week", "quarter"]

    /// KPIs whose value does not decompose over periods, and why. Each is still run by month to
    /// prove it runs; a KPI that is neither decomposable nor listed here fails the test, so a new
    /// KPI cannot slip past the invariant unclassified.
    static let notDecomposable: [String: String] = [
        "revenue_growth": "a change against the previous period, not a sum over periods",
        "stage_reach": "distinct leads: a lead that reaches stages in several periods counts once in each, and once in the total",
        "nps": "100 × (promoters − detractors) / answers: a difference of two shares of the same answers",
        "sales_velocity": "a product of a count, an average and a rate over a cycle length",
        "cltv": "an average revenue over a churn rate: a quotient of two KPIs",
        "cltv_to_cac": "CLTV over CAC: a quotient of two KPIs",
        "nurture_lift": "a difference of two conversion rates",
        "data_completeness": "filled cells over 7 × leads: a mean of seven shares",
        "arr": "12 × MRR at the end of the range: a stock, not a flow",
        "mrr": "the recurring revenue of customers active at the end of the range: a stock, not a flow",
        "open_pipeline": "opportunities open at the end of the range: a stock, not a flow",
        "open_pipeline_value": "the value of opportunities open at the end of the range: a stock, not a flow",
    ]

    /// Per-period rates over customers active at a period's start: the total pools calendar
    /// months (the spec's monthly churn), so its months add up to it; a quarter's or a week's
    /// churn is a different quantity (customers who start and leave within it are not in it).
    static let monthlyPooled: [String: String] = [
        "churn_rate": "customers active at each month's start, pooled over months",
        "retention_rate": "customers active at each month's start, pooled over months",
    ]

    static func demoSession() throws -> Session {
        let session = try EngineFixture.session()
        try session.add(tables: DemoCRM.make().tables, source: "demo")
        return session
    }

    static func hubSpotSession() throws -> Session {
        let session = try EngineFixture.session()
        try session.load(try PackagePaths.fixture("exports/hubspot-deals-export").path)
        return session
    }

    @Test("on the demo data, for every built-in KPI", arguments: grains)
    func demo(grain: String) throws {
        let session = try Self.demoSession()
        var checked = 0
        for id in session.registry.kpiIDs where session.registry.entry(for: id)?.origin == .builtIn {
            let problems = try Self.problems(id, grain: grain, in: session, checked: &checked)
            for problem in problems { Issue.record("demo, \(id) by \(grain): \(problem)") }
        }
        #expect(checked >= 25, "only \(checked) KPIs were checked")
    }

    @Test("on a HubSpot deals export whose closes fall after its last creation month", arguments: grains)
    func hubSpot(grain: String) throws {
        let session = try Self.hubSpotSession()
        // The premise: won deals closed in a month no deal was created in.
        let created = try session.evaluate("count(leads) by month(created_at)").rows.map { $0.keys[0].description }
        let closed = try session.evaluate("revenue by month").rows.map { $0.keys[0].description }
        #expect(!Set(closed).subtracting(created).isEmpty, "the fixture should close deals after its last creation month")
        var checked = 0
        let ids = ["revenue", "win_rate", "loss_rate", "avg_deal_size", "sales_cycle_days", "lead_volume"]
        for id in ids {
            for problem in try Self.problems(id, grain: grain, in: session, checked: &checked) {
                Issue.record("HubSpot, \(id) by \(grain): \(problem)")
            }
        }
        #expect(checked == ids.count)
        // The headline: November's closes are in the series, and it sums to the total.
        let revenue = try #require(try session.evaluate("revenue").scalar?.value)
        let series = try session.evaluate("revenue by month")
        #expect(abs(series.rows.compactMap(\.measure.value).reduce(0, +) - revenue) < 1e-6)
    }

    /// What breaks the invariant for `id` by `grain`, if anything; `checked` counts KPIs whose
    /// parts were compared.
    static func problems(_ id: String, grain: String, in session: Session, checked: inout Int) throws -> [String] {
        let series: QueryResult
        do {
            series = try session.evaluate("\(id) by \(grain)")
        } catch {
            // KPIs whose tables or fields the data does not have cannot run at all.
            if case .formula(let e, _) = error.kind, ["formula.unknown-table", "formula.unavailable"].contains(e.id) { return [] }
            return ["does not run: \(error)"]
        }
        if notDecomposable[id] != nil || (grain != "month" && monthlyPooled[id] != nil) { return [] }
        checked += 1
        let problems = try partProblems(id, series: series, grain: grain, in: session)
        if let problems { return problems }
        // A quotient of two decomposable parts (leads per visitor, spend per new customer):
        // each part must add up.
        let formula = try #require(session.registry.kpi(id)?.formula)
        let query = try Parser.parseQuery(formula)
        guard case .binary(.divide, let a, let b) = query.expr.kind else {
            checked -= 1
            return ["neither a rate, a count, a sum, an average with n nor a quotient of those: classify it in notDecomposable with why"]
        }
        var out: [String] = []
        for part in [Printer.print(a), Printer.print(b)] {
            let partSeries = try session.evaluate("\(part) by \(grain)")
            guard let problems = try partProblems(part, series: partSeries, grain: grain, in: session) else {
                checked -= 1
                return ["its part \(part) does not decompose: classify \(id) in notDecomposable with why"]
            }
            out += problems.map { "\(part): \($0)" }
        }
        return out
    }

    /// The invariant for one series against its total over the series' own range; `nil` when the
    /// figure is neither a rate, a count, a sum nor an average with its n.
    static func partProblems(_ formula: String, series: QueryResult, grain: String, in session: Session) throws -> [String]? {
        let periods = series.rows.map { $0.keys[0].description }
        guard let first = periods.first, let last = periods.last else { return [] }
        let window = "during from \(first) to \(try lastDay(last, grain: grain))"
        let total = try #require(try session.evaluate("\(formula) \(window)").scalar)
        let measures = series.rows.map(\.measure)
        if let numerator = total.numerator, let denominator = total.denominator {
            var problems: [String] = []
            let n = measures.compactMap(\.numerator).reduce(0, +)
            let d = measures.compactMap(\.denominator).reduce(0, +)
            if !close(n, numerator) { problems.append("numerators add up to \(n), the total's is \(numerator) (\(window))") }
            if !close(d, denominator) { problems.append("denominators add up to \(d), the total's is \(denominator) (\(window))") }
            return problems
        }
        if let n = total.sampleSize {
            let parts = measures.filter { $0.value != nil && ($0.sampleSize ?? 0) > 0 }
            let count = parts.compactMap(\.sampleSize).reduce(0, +)
            guard close(count, n) else { return ["n adds up to \(count), the total's n is \(n) (\(window))"] }
            let weighted = parts.map { $0.value! * $0.sampleSize! }.reduce(0, +) / max(count, 1)
            return close(weighted, total.value ?? 0) ? [] : ["the periods' weighted mean is \(weighted), the total \(total.value ?? .nan)"]
        }
        let additive = try isSum(formula, in: session)
        if total.isCount || additive {
            let sum = measures.compactMap(\.value).reduce(0, +)
            return close(sum, total.value ?? 0) ? [] : ["periods add up to \(sum), the total is \(total.value ?? .nan) (\(window))"]
        }
        return nil
    }

    /// Whether the formula is one `sum(...)` (revenue, spend): additive.
    static func isSum(_ formula: String, in session: Session) throws -> Bool {
        guard case .explained(let plan, _) = try session.run("explain \(formula)") else { return false }
        guard plan.outputs.count >= 1, case .aggregate(let i) = plan.outputs[0].expr else { return false }
        return plan.aggregates[i].function == .sum
    }

    /// The last day of a period label: `2024-11` → `2024-11-30`, `2024-Q4` → `2024-12-31`, a
    /// week's first day → the day six later.
    static func lastDay(_ label: String, grain: String) throws -> String {
        switch grain {
        case "week":
            let start = try #require(ISO8601.parse(label)).milliseconds
            return ISO8601.formatDate(milliseconds: start + 6 * Time.millisecondsPerDay)
        default:
            return label
        }
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
}
