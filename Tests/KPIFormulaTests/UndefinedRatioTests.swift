import KPICore
import Testing

@testable import KPIFormula

/// Spend by channel (canonical `spend.amount` is money): Ads $500 over 2 rows, Tiny $0.004 (it
/// prints as $0.00), Free $0 — and a count of new customers per channel in `count`.
///
/// | channel | amount | customers |
/// |---------|--------|-----------|
/// | Ads     | 300    | 2         |
/// | Ads     | 200    | 3         |
/// | Tiny    | 0.004  | 4         |
/// | Free    | 0      | 6         |
private let spend = Table(
    name: "spend",
    columns: [
        Column(name: "channel", type: .text, values: ["Ads", "Ads", "Tiny", "Free"].map { .text($0) }),
        Column(name: "amount", type: .double, values: [300, 200, 0.004, 0].map { .double($0) }),
        Column(name: "customers", type: .int, values: [2, 3, 4, 6].map { .int($0) }),
    ])

private func run(_ text: String) throws -> QueryResult {
    try evaluate(text, Fixture.environment(dataset: Dataset(tables: [spend])))
}

private func undefinedNotes(_ result: QueryResult) -> [String] {
    result.notes.filter { $0.kind == .undefined }.map(\.message)
}

@Suite("Ratios over zero or near-zero money are undefined, with a note")
struct UndefinedRatioTests {
    /// A CLTV-to-CAC shape: 100 over CAC = spend / customers.
    static let ratioToCost = "100 / (sum(amount) of spend / sum(customers) of spend)"

    @Test("over a cost that prints as $0.00 (0.004 / 4 = $0.001) the ratio is null, not 100,000")
    func nearZeroMoney() throws {
        let result = try run("\(Self.ratioToCost) where channel = \"Tiny\"")
        #expect(result.scalar?.value == nil)
        #expect(undefinedNotes(result) == ["the value is undefined: it divides by an amount that rounds to 0.00"])
    }

    @Test("over half a cent or more it is a figure: 100 / (500 / 5) = 1")
    func ordinaryMoney() throws {
        let result = try run("\(Self.ratioToCost) where channel = \"Ads\"")
        #expect(close(result.scalar?.value, 1))
        #expect(result.notes.isEmpty)
        // $0.005 itself is no longer "zero": 100 / 0.005 = 20,000.
        #expect(close(try run("100 / ((sum(amount) of spend where channel = \"Tiny\") + 0.001)").scalar?.value, 20_000))
    }

    @Test("a small denominator that is not money stays a figure: 4 / (0.004 / 500.004)")
    func smallNonMoney() throws {
        let result = try run("count(spend) / ((sum(amount) of spend where channel = \"Tiny\") / sum(amount) of spend)")
        #expect(close(result.scalar?.value, 4 / (0.004 / 500.004)))
        #expect(result.notes.isEmpty)
    }

    @Test("over exactly 0 the note says so")
    func zero() throws {
        let result = try run("sum(customers) of spend / (sum(amount) of spend where channel = \"Free\")")
        #expect(result.scalar?.value == nil)
        #expect(undefinedNotes(result) == ["the value is undefined: it divides by 0"])
    }

    @Test("by group the note names the groups, and the measure the query shows as the denominator")
    func grouped() throws {
        let result = try run(
            "\(Self.ratioToCost), sum(amount) of spend / sum(customers) of spend as cac, sum(amount) of spend as spend by channel")
        #expect(result.rows.map(\.keys) == [[.text("Ads")], [.text("Free")], [.text("Tiny")]])
        #expect(result.rows.map(\.measure.value) == [1, nil, nil])
        // Free's cost is 0 / 6 = $0, Tiny's 0.004 / 4 = $0.001; cac itself is defined, only the
        // value divides by it.
        #expect(
            undefinedNotes(result) == [
                "the value is undefined for channel Free: it divides by cac, which is 0",
                "the value is undefined for channel Tiny: it divides by cac, which rounds to 0.00",
            ])
        #expect(result.rows.map { $0.measures[1].value } == [100, 0, 0.001])
    }

    @Test("a named denominator at exactly 0, and rows not shown, named nowhere")
    func namedZeroAndHiddenRows() throws {
        let result = try run(
            "sum(customers) of spend / sum(amount) of spend, sum(amount) of spend as spend where channel != \"Tiny\" by channel")
        #expect(result.rows.map(\.measure.value) == [0.01, nil])
        #expect(undefinedNotes(result) == ["the value is undefined for channel Free: it divides by spend, which is 0"])
        // `top 1` shows Ads only: Free's undefined value is not shown, so not noted.
        let top = try run("sum(customers) of spend / sum(amount) of spend where channel != \"Tiny\" by channel top 1")
        #expect(top.rows.map(\.keys) == [[.text("Ads")]])
        #expect(top.notes.isEmpty)
    }

    @Test("a rate of counts over no row stays 0 / 0 without a note; a null operand is not a division by zero")
    func notDivisions() throws {
        let rate = try run("count(spend where amount > 1000) / count(spend where amount > 1000)")
        #expect(rate.scalar?.isRate == true && rate.scalar?.denominator == 0)
        #expect(rate.notes.isEmpty)
        let nullOperand = try run("sum(customers) of spend / (avg(amount) of spend where amount > 1000)")
        #expect(nullOperand.scalar?.value == nil)
        #expect(nullOperand.notes.isEmpty)
    }
}
