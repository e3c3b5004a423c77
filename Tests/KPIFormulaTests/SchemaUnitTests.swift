import KPICore
import Testing

@testable import KPIFormula

/// Aggregates of the standard schema's fields take the units the schema gives them.
///
/// `avg(average_inventory) of finance` printed as a plain number: the environment kept its own
/// list of money fields, which had `finance.revenue` and `finance.cogs` but not
/// `finance.average_inventory`, though the schema types it as money. Units are now read from
/// the schema, so every money field is money — these tests check each one.
@Suite("Units of the standard schema's fields in formulas")
struct SchemaUnitTests {
    /// Two months of books, every field loaded as the binder stores it (money as doubles).
    static let finance = Table(
        name: "finance",
        columns: [
            Column(name: "month", type: .text, values: ["2024-01", "2024-02"].map(Value.text)),
            Column(name: "revenue", type: .double, values: [1000, 1200].map { .double($0) }),
            Column(name: "cogs", type: .double, values: [400, 500].map { .double($0) }),
            Column(name: "average_inventory", type: .double, values: [2000, 2200].map { .double($0) }),
            Column(name: "hours_worked", type: .double, values: [10, 12].map { .double($0) }),
            Column(name: "output", type: .double, values: [5, 6].map { .double($0) }),
        ])

    static let environment = Fixture.environment(dataset: Dataset(tables: [Fixture.leads, finance]))

    @Test("avg(average_inventory) of finance is money")
    func averageInventory() throws {
        let result = try evaluate("avg(average_inventory) of finance", Self.environment)
        #expect(result.unit == .money)
        #expect(result.scalar?.value == 2100)
        #expect(try plan("avg(average_inventory) of finance by month", Self.environment).unit == .money)
    }

    @Test("every aggregate that keeps its argument's unit keeps money for each money field of finance")
    func everyMoneyField() throws {
        let money = try #require(CanonicalSchema.standard.table(named: "finance")).fields.filter { $0.type == .money }.map(\.name)
        #expect(money == ["revenue", "cogs", "average_inventory"])
        for field in money {
            for function in ["sum", "avg", "median", "min", "max"] {
                #expect(try plan("\(function)(\(field)) of finance", Self.environment).unit == .money, "\(function)(\(field))")
            }
        }
        // Fields the schema gives no unit go by their type.
        #expect(try plan("avg(hours_worked) of finance", Self.environment).unit == .number)
    }
}
