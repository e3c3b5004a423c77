import KPICore

/// The diagnostic ids KPIRepl raises, by domain.
extension DiagnosticID {
    // MARK: recipe
    /// `recipe.all-needs-comparison`.
    public static let recipeAllNeedsComparison = DiagnosticID("recipe.all-needs-comparison")
    /// `recipe.bad-param`, e.g. "parameter '…' (…): …".
    public static let recipeBadParam = DiagnosticID("recipe.bad-param")
    /// `recipe.duplicate`.
    public static let recipeDuplicate = DiagnosticID("recipe.duplicate")
    /// `recipe.duplicate-param`.
    public static let recipeDuplicateParam = DiagnosticID("recipe.duplicate-param")
    /// `recipe.exists`, e.g. "a recipe '…' already exists; add 'replace' to overwrite it".
    public static let recipeExists = DiagnosticID("recipe.exists")
    /// `recipe.header-order`.
    public static let recipeHeaderOrder = DiagnosticID("recipe.header-order")
    /// `recipe.no-title`.
    public static let recipeNoTitle = DiagnosticID("recipe.no-title")
    /// `recipe.not-calendar-period`.
    public static let recipeNotCalendarPeriod = DiagnosticID("recipe.not-calendar-period")
    /// `recipe.not-found`, e.g. "no such recipe file".
    public static let recipeNotFound = DiagnosticID("recipe.not-found")
    /// `recipe.param-syntax`.
    public static let recipeParamSyntax = DiagnosticID("recipe.param-syntax")
    /// `recipe.param-type`.
    public static let recipeParamType = DiagnosticID("recipe.param-type")
    /// `recipe.save-empty`, e.g. "no statements to save yet".
    public static let recipeSaveEmpty = DiagnosticID("recipe.save-empty")
    /// `recipe.save-literal`, e.g. "'…' does not occur in the saved statements".
    public static let recipeSaveLiteral = DiagnosticID("recipe.save-literal")
    /// `recipe.save-range`, e.g. "there is no statement …: the session has …".
    public static let recipeSaveRange = DiagnosticID("recipe.save-range")
    /// `recipe.save-syntax`.
    public static let recipeSaveSyntax = DiagnosticID("recipe.save-syntax")
    /// `recipe.syntax`.
    public static let recipeSyntax = DiagnosticID("recipe.syntax")
    /// `recipe.unknown-param`, e.g. "the recipe has no parameter '…'…; …".
    public static let recipeUnknownParam = DiagnosticID("recipe.unknown-param")
    /// `recipe.unreadable`.
    public static let recipeUnreadable = DiagnosticID("recipe.unreadable")
    /// `recipe.unsupported-statement`.
    public static let recipeUnsupportedStatement = DiagnosticID("recipe.unsupported-statement")
    /// `recipe.unterminated`.
    public static let recipeUnterminated = DiagnosticID("recipe.unterminated")
    /// `recipe.write-failed`.
    public static let recipeWriteFailed = DiagnosticID("recipe.write-failed")

    // MARK: repl
    /// The input ended inside an unfinished statement (an open bracket or quote).
    public static let replIncomplete = DiagnosticID("repl.incomplete")

    // MARK: shell
    /// A `.set` value that does not parse, or an unknown setting.
    public static let shellBadSetting = DiagnosticID("shell.bad-setting")
    /// `.edit` without an interactive terminal.
    public static let shellNoEditor = DiagnosticID("shell.no-editor")
    /// A `.output`/`.once` file that cannot be written.
    public static let shellOutput = DiagnosticID("shell.output")
    /// A dot-command the shell does not have.
    public static let shellUnknownCommand = DiagnosticID("shell.unknown-command")
    /// `? NAME`, `.describe NAME` or `kpi describe NAME` for no KPI or function.
    public static let shellUnknownKPI = DiagnosticID("shell.unknown-kpi")
    /// `.schema TABLE` for a table that is not loaded.
    public static let shellUnknownTable = DiagnosticID("shell.unknown-table")
}
