import KPICore

/// Everything a formula is bound against: the data's schema, the KPIs, the session's `let`
/// definitions and the clock and calendar settings.
public struct FormulaEnvironment: Sendable {
    /// The loaded (canonically bound) tables.
    public var dataset: Dataset
    /// Known KPIs.
    public var registry: KPIRegistry
    /// `let` definitions, by name.
    public var definitions: [String: Expr]
    /// "Now" for relative periods (`last 90 days`, `this month`), in milliseconds.
    public var asOf: Int64
    /// The first day of a week, 1 = Monday ... 7 = Sunday.
    public var weekStart: Int
    /// The first month of the fiscal year, 1...12 (used by `quarter`/`year` grains and periods).
    public var fiscalYearStartMonth: Int
    /// The span of the schema's ``CanonicalSchema/reportingBasis`` (the spec's reporting months:
    /// `leads.created_at`), when the caller has it at hand; otherwise the binder scans the column.
    public var reportingSpan: ClosedRange<Int64>?
    /// What the formulas know about the data's tables: date bases, links, units, the other names
    /// fields go by and what rows are called. The formula layer reads table knowledge only here.
    public var schema: CanonicalSchema

    /// Creates an environment.
    public init(
        dataset: Dataset, registry: KPIRegistry = KPIRegistry(), definitions: [String: Expr] = [:], asOf: Int64,
        weekStart: Int = 1, fiscalYearStartMonth: Int = 1, schema: CanonicalSchema = .standard
    ) {
        self.dataset = dataset
        self.registry = registry
        self.definitions = definitions
        self.asOf = asOf
        self.weekStart = weekStart
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.schema = schema
    }

    /// The span of `schema`'s reporting basis in `dataset` (nil without that column or its dates).
    public static func reportingSpan(in dataset: Dataset, schema: CanonicalSchema) -> ClosedRange<Int64>? {
        guard let basis = schema.reportingBasis, let column = dataset[basis.table]?.column(named: basis.field) else { return nil }
        let values: ContiguousArray<Int64>
        switch column.data {
        case .timestamp(let v), .date(let v): values = v
        default: return nil
        }
        var lo = Int64.max, hi = Int64.min
        for i in 0..<values.count where !column.isNull(i) {
            lo = min(lo, values[i])
            hi = max(hi, values[i])
        }
        return lo <= hi ? lo...hi : nil
    }

    /// The timestamp a table is counted by when nothing else says: the schema's date basis
    /// (`leads.created_at`, `customers.started_at`, ...) where loaded; for other tables the first
    /// timestamp or date column.
    public func defaultDateBasis(of table: String) -> String? {
        guard let t = dataset[table] else { return nil }
        if let name = canonicalDateBasis(of: table), t.column(named: name) != nil { return name }
        return t.columns.first { $0.type.isTemporal }?.name
    }

    /// Whether `table` can be counted by its column `field`: a date or timestamp column, or text
    /// that the schema types as a calendar month (`spend.month`, `YYYY-MM`). Any other text
    /// column, even one called `month`, holds no dates.
    public func isDateBasis(_ field: String, of table: String) -> Bool {
        guard let column = dataset[table]?.column(named: field) else { return false }
        if column.type.isTemporal { return true }
        return column.type == .text && schema.field(FieldPath(table, field))?.type == .month
    }

    /// The date a canonical table is counted by (`leads`: `created_at`), loaded or not: the
    /// schema's ``CanonicalTable/dateBasis``.
    public func canonicalDateBasis(of table: String) -> String? {
        schema.table(named: table)?.dateBasis
    }

    /// The unit of a field: the schema's (money, scores, counts, minutes), else by type.
    public func unit(of field: String, in table: String, type: DataType) -> Unit {
        if let unit = schema.field(FieldPath(table, field))?.valueUnit { return unit }
        switch type {
        case .int, .double: return .number
        case .bool: return .bool
        case .text: return .text
        case .timestamp, .date: return .time
        }
    }

    /// The links formulas follow on this data: the schema's (``CanonicalSchema/links``) and the
    /// dataset's own (``Dataset/links``), each kept when both tables and key columns are loaded,
    /// the schema's first.
    ///
    /// A field the aggregate's table lacks is looked up through them, up to two links away
    /// (`win_rate by regional_office` when `leads.rep → sales_teams.sales_agent`); read backwards
    /// they join the rows `exists` and linked counts look for.
    public var links: [TableLink] { LinkGraph(environment: self).links }
}
