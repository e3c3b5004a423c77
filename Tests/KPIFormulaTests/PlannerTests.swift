import KPICore
import Testing

@testable import KPIFormula

/// Binding and planning are two steps: the binder resolves a query into a ``BoundQuery`` with
/// every aggregate where it is written, and the planner gives each distinct aggregate one place
/// in the ``QueryPlan``.
@Suite("Planner: bound query to plan, one place per aggregate")
struct PlannerTests {
    static let leads = AggregateNode(table: "leads", function: .count, unit: .count)
    static let won = AggregateNode(
        table: "leads", function: .count, filter: .compare(.equal, .column("status", .text), .literal(.text("won"))), unit: .count)

    @Test("a bound query plans into aggregates in first-mention order, measures indexing them")
    func boundQueryToPlan() {
        let window = ResolvedPeriod(start: 0, end: 1000, text: "2024-Q1", leftOut: nil)
        let bound = BoundQuery(
            measures: [
                BoundMeasure(name: "value", expr: .arithmetic(.divide, .aggregate(Self.won), .aggregate(Self.leads)), unit: .ratio),
                BoundMeasure(name: "growth", expr: .negate(.previous(.aggregate(Self.won))), unit: .count),
                BoundMeasure(name: "scaled", expr: .arithmetic(.multiply, .constant(2), .aggregate(Self.leads)), unit: .count),
            ],
            keyNames: ["month"], keyIsTime: [true], reportingRange: 0...999, limit: 5, kpiID: "conversion", visibleFrom: 10,
            window: window, asOf: 42)
        let plan = QueryPlanner().plan(bound)
        #expect(plan.aggregates == [Self.won, Self.leads])
        #expect(
            plan.outputs.map(\.expr) == [
                .arithmetic(.divide, .aggregate(0), .aggregate(1)), .negate(.previous(.aggregate(0))),
                .arithmetic(.multiply, .constant(2), .aggregate(1)),
            ])
        #expect(plan.outputs.map(\.name) == ["value", "growth", "scaled"])
        #expect(plan.outputs.map(\.unit) == [.ratio, .count, .count])
        #expect(plan.keyNames == ["month"] && plan.keyIsTime == [true])
        #expect(plan.reportingRange == 0...999 && plan.limit == 5 && plan.rank == nil)
        #expect(plan.kpiID == "conversion" && plan.visibleFrom == 10 && plan.window == window && plan.asOf == 42)
    }

    @Test("the binder keeps an aggregate written twice in both places; the plan has it once")
    func dedupsIdenticalAggregates() throws {
        let text = "count(leads where status = \"won\") / count(leads), count(leads) as total"
        let bound = try Binder(environment: Fixture.environment(), source: text).bind(try Parser.parseQuery(text))
        guard case .arithmetic(.divide, _, .aggregate(let denominator)) = bound.measures[0].expr,
            case .aggregate(let total) = bound.measures[1].expr
        else {
            Issue.record("unexpected bound measures: \(bound.measures)")
            return
        }
        #expect(denominator == total)

        let planned = try plan(text)
        #expect(planned.aggregates.count == 2)
        #expect(planned.outputs.map(\.expr) == [.arithmetic(.divide, .aggregate(0), .aggregate(1)), .aggregate(1)])
        #expect(
            PlanPrinter.describe(planned) == """
                [0] count(*) over leads
                    where status = "won"
                [1] count(*) over leads
                value = ([0] / [1])   unit ratio
                total = [1]   unit count
                """)
        let result = try evaluate(text)
        #expect(result.rows[0].measures[0].numerator == 4 && result.rows[0].measures[0].denominator == 8)
        #expect(result.rows[0].measures[1].value == 8)
    }

    @Test("a KPI used twice, grouped, is one aggregate per distinct part")
    func dedupsAcrossExpansions() throws {
        let planned = try plan("lead_conversion_rate - lead_conversion_rate by rep")
        #expect(planned.aggregates.count == 2)
        #expect(
            planned.output
                == .arithmetic(
                    .subtract, .arithmetic(.divide, .aggregate(0), .aggregate(1)), .arithmetic(.divide, .aggregate(0), .aggregate(1))))
        #expect(Set(planned.aggregates).count == planned.aggregates.count)
    }

    @Test("aggregates that differ in anything — filter, keys, window — stay apart")
    func keepsDifferentAggregates() throws {
        let planned = try plan("count(leads where status = \"won\") + count(leads where status = \"lost\") + count(activities)")
        #expect(planned.aggregates.count == 3)
    }
}
