/// A key performance indicator: what it is, how to read it, and the formula that computes it.
///
/// Built-in KPIs, Swift plugins and script plugins all provide values of types conforming to
/// `KPI`, most often ``FormulaKPI``. A KPI's ``formula`` is written in the KPIKit formula
/// language against the canonical schema (`leads`, `activities`, ...), so queries can extend it
/// with `by`, `where` and `during`.
public protocol KPI: Sendable {
    /// The identifier users type: snake_case, unique in a registry (`lead_conversion_rate`).
    var id: String { get }
    /// A short title (`Lead-to-customer conversion rate`).
    var title: String { get }
    /// What it tells and how to read it, in plain words.
    var summary: String { get }
    /// The unit of its value.
    var unit: Unit { get }
    /// Which way is good.
    var direction: Direction { get }
    /// The timestamp it counts by for `by month` and `during` (e.g. `leads.created_at`).
    var dateBasis: FieldPath? { get }
    /// The canonical tables and fields it needs.
    var requirements: [FieldPath] { get }
    /// The formula that computes it.
    var formula: String { get }
    /// The rows its formula leaves out as invalid or without a value, so a result can say how
    /// many (``KPIExclusion``). Empty by default.
    var exclusions: [KPIExclusion] { get }
}

extension KPI {
    /// No exclusions.
    public var exclusions: [KPIExclusion] { [] }
}

/// Rows a KPI's formula leaves out — invalid ones (a deal closed before it was created) or ones
/// without the value it averages (a won deal without an amount) — declared as data, so that a
/// result can say how many it left out instead of dropping them silently.
///
/// The KPI's formula must itself leave these rows out (`… and days_between(created_at,
/// closed_at) >= 0`); the exclusion only counts them, with the query's own `where` and `during`:
///
/// ```swift
/// KPIExclusion(
///     table: "leads", condition: "status = \"won\" and days_between(created_at, closed_at) < 0",
///     description: "won deals closed before they were created",
///     singular: "won deal closed before it was created")
/// ```
/// gives the note "90 won deals closed before they were created are left out".
public struct KPIExclusion: Sendable, Hashable {
    /// The table whose rows it marks (`leads`).
    public var table: String
    /// A row condition in the formula language, true for every row left out; it includes the
    /// KPI's own base condition (`status = "won" and …`) so that it counts only rows the KPI
    /// would otherwise have used.
    public var condition: String
    /// What the rows are, in the plural, without a count: `won deals closed before they were created`.
    public var description: String
    /// The same for one row (`won deal closed before it was created`); `nil` uses ``description``.
    public var singular: String?
    /// The one figure of the KPI the rows are left out of (`cycle_days` of `sales_velocity`);
    /// `nil` when the KPI leaves them out altogether.
    public var measure: String?

    /// Creates an exclusion.
    public init(table: String, condition: String, description: String, singular: String? = nil, measure: String? = nil) {
        self.table = table
        self.condition = condition
        self.description = description
        self.singular = singular
        self.measure = measure
    }

    /// `90 won deals closed before they were created are left out`, `1 won deal … is left out`,
    /// `… are left out of cycle_days`.
    public func message(count: Int) -> String {
        let what = count == 1 ? (singular ?? description) : description
        return "\(Self.grouped(count)) \(what) \(count == 1 ? "is" : "are") left out" + (measure.map { " of \($0)" } ?? "")
    }

    /// `1,234`: thousands grouped with commas, as the tables print counts.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}

/// A KPI defined by a formula: the common case for built-ins and plugins.
public struct FormulaKPI: KPI, Hashable {
    public var id: String
    public var title: String
    public var summary: String
    public var unit: Unit
    public var direction: Direction
    public var dateBasis: FieldPath?
    public var requirements: [FieldPath]
    public var formula: String
    public var exclusions: [KPIExclusion]

    /// Creates a formula KPI.
    public init(
        id: String, title: String, summary: String, unit: Unit, direction: Direction,
        dateBasis: FieldPath?, requirements: [FieldPath], formula: String, exclusions: [KPIExclusion] = []
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.unit = unit
        self.direction = direction
        self.dateBasis = dateBasis
        self.requirements = requirements
        self.formula = formula
        self.exclusions = exclusions
    }
}
