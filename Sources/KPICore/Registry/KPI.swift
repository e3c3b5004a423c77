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

    /// Creates a formula KPI.
    public init(
        id: String, title: String, summary: String, unit: Unit, direction: Direction,
        dateBasis: FieldPath?, requirements: [FieldPath], formula: String
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.unit = unit
        self.direction = direction
        self.dateBasis = dateBasis
        self.requirements = requirements
        self.formula = formula
    }
}
