import KPICore

/// The diagnostic ids KPIFormula raises, by domain.
extension DiagnosticID {
    // MARK: compare
    /// `compare.syntax`, e.g. "expected 'compare'".
    public static let compareSyntax = DiagnosticID("compare.syntax")

    // MARK: engine
    /// A plan that cannot run on the data it was bound against (``ExecutionError``), and other
    /// statements that bound but cannot give a result.
    public static let engineExecution = DiagnosticID("engine.execution")

    // MARK: explain
    /// `explain.syntax`, e.g. "expected 'explain change QUERY by FIELD from PERIOD to PERIOD'".
    public static let explainSyntax = DiagnosticID("explain.syntax")

    // MARK: formula
    /// `formula.ambiguous-field`.
    public static let formulaAmbiguousField = DiagnosticID("formula.ambiguous-field")
    /// `formula.ambiguous-link`.
    public static let formulaAmbiguousLink = DiagnosticID("formula.ambiguous-link")
    /// `formula.ambiguous-table`.
    public static let formulaAmbiguousTable = DiagnosticID("formula.ambiguous-table")
    /// `formula.arity`, e.g. "count(distinct ...) needs a field, e.g. count(distinct rep) of leads".
    public static let formulaArity = DiagnosticID("formula.arity")
    /// `formula.cycle`, e.g. "'…' refers to itself".
    public static let formulaCycle = DiagnosticID("formula.cycle")
    /// `formula.duplicate-name`, e.g. "two measures are named '…'; name them with 'as'".
    public static let formulaDuplicateName = DiagnosticID("formula.duplicate-name")
    /// `formula.empty-period`, e.g. "the period ends before it starts: …".
    public static let formulaEmptyPeriod = DiagnosticID("formula.empty-period")
    /// `formula.kpi-modifiers`, e.g. "the formula of KPI '…' groups or limits itself; a KPI is one figure, grouped when queried ('… by month')".
    public static let formulaKPIModifiers = DiagnosticID("formula.kpi-modifiers")
    /// `formula.needs-series`, e.g. "previous(...) needs a time series: add 'by month' (or another grain)".
    public static let formulaNeedsSeries = DiagnosticID("formula.needs-series")
    /// `formula.no-date`.
    public static let formulaNoDate = DiagnosticID("formula.no-date")
    /// `formula.no-link`.
    public static let formulaNoLink = DiagnosticID("formula.no-link")
    /// `formula.no-table`, e.g. "which table? write e.g. count(leads), or add 'of leads'".
    public static let formulaNoTable = DiagnosticID("formula.no-table")
    /// `formula.period-out-of-range`, e.g. "… reaches beyond the calendar (years -9999 to 9999)".
    public static let formulaPeriodOutOfRange = DiagnosticID("formula.period-out-of-range")
    /// `formula.syntax`, e.g. "expected table.field …".
    public static let formulaSyntax = DiagnosticID("formula.syntax")
    /// `formula.too-deep`, e.g. "the formula nests parentheses, minus signs and 'not' more than … deep; simplify it".
    public static let formulaTooDeep = DiagnosticID("formula.too-deep")
    /// `formula.type`, e.g. "…(...) gives a value per row; aggregate it, e.g. avg(…(...)) of leads".
    public static let formulaType = DiagnosticID("formula.type")
    /// `formula.unavailable`, e.g. "… cannot be computed on this data: it …".
    public static let formulaUnavailable = DiagnosticID("formula.unavailable")
    /// `formula.unit`.
    public static let formulaUnit = DiagnosticID("formula.unit")
    /// `formula.unknown-field`, e.g. "'…' is not a field of the canonical schema".
    public static let formulaUnknownField = DiagnosticID("formula.unknown-field")
    /// `formula.unknown-function`, e.g. "unknown function '…'".
    public static let formulaUnknownFunction = DiagnosticID("formula.unknown-function")
    /// `formula.unknown-name`, e.g. "unknown KPI or name '…'".
    public static let formulaUnknownName = DiagnosticID("formula.unknown-name")
    /// `formula.unknown-table`, e.g. "unknown table '…'".
    public static let formulaUnknownTable = DiagnosticID("formula.unknown-table")

    // MARK: goals
    /// `goals.formula`.
    public static let goalsFormula = DiagnosticID("goals.formula")
    /// `goals.syntax`.
    public static let goalsSyntax = DiagnosticID("goals.syntax")

    // MARK: recipe
    /// `recipe.bad-argument`, e.g. "'…' is not NAME=VALUE".
    public static let recipeBadArgument = DiagnosticID("recipe.bad-argument")
}
