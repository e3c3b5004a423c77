import KPICore

/// Business health from the optional `finance` table (one row per month).
public struct FinanceModule: KPIModule {
    public let name = "finance"
    public let version = "1.0.0"
    public let summary = "Gross profit margin, inventory turnover, employee productivity (needs a finance table)"

    /// Creates the module.
    public init() {}

    public func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        registrar.add(
            try define(
                "gross_profit_margin", "Gross profit margin", unit: .ratio, .higherIsBetter, basis: "finance.month",
                requires: "finance.revenue finance.cogs",
                formula: "(sum(revenue) of finance - sum(cogs) of finance) / sum(revenue) of finance",
                summary: "Share of revenue left after the cost of goods sold."))
        registrar.add(
            try define(
                "inventory_turnover", "Inventory turnover", unit: .number, .higherIsBetter, basis: "finance.month",
                requires: "finance.cogs finance.average_inventory",
                formula: "sum(cogs) of finance / avg(average_inventory) of finance",
                summary: "How many times inventory was sold and replaced in the period."))
        registrar.add(
            try define(
                "employee_productivity", "Employee productivity", unit: .number, .higherIsBetter, basis: "finance.month",
                requires: "finance.output finance.hours_worked",
                formula: "sum(output) of finance / sum(hours_worked) of finance",
                summary: "Output per hour worked."))
    }
}
