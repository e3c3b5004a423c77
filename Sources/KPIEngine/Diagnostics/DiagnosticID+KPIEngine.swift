import KPICore

/// The diagnostic ids KPIEngine raises, by domain.
extension DiagnosticID {
    // MARK: compare
    /// `compare.needs-groups`, e.g. "'vs team' compares groups with the whole: add 'by rep' (or another field)".
    public static let compareNeedsGroups = DiagnosticID("compare.needs-groups")
    /// `compare.no-goal`.
    public static let compareNoGoal = DiagnosticID("compare.no-goal")
    /// `compare.out-of-range`, e.g. "… before … is beyond the calendar (years -9999 to 9999)".
    public static let compareOutOfRange = DiagnosticID("compare.out-of-range")

    // MARK: engine
    /// A statement asked for as a query (``Session/evaluate(_:isCancelled:)``) is a definition.
    public static let engineNotAQuery = DiagnosticID("engine.not-a-query")

    // MARK: formula
    /// `formula.name-taken`, e.g. "'…' is already a KPI or table name".
    public static let formulaNameTaken = DiagnosticID("formula.name-taken")
    /// `formula.unknown-unit`, e.g. "unknown unit '…'".
    public static let formulaUnknownUnit = DiagnosticID("formula.unknown-unit")

    // MARK: goals
    /// A goal's KPI gives one value per group, and a goal needs a single value.
    public static let goalsGroupedKPI = DiagnosticID("goals.grouped-kpi")
    /// Goals to roll up into a team goal differ in KPI, comparison, start or deadline.
    public static let goalsTeamMismatch = DiagnosticID("goals.team-mismatch")
    /// `goals.conflict`.
    public static let goalsConflict = DiagnosticID("goals.conflict")
    /// `goals.locked`, e.g. "another kpi has been saving this file for over … s (it holds …); try again".
    public static let goalsLocked = DiagnosticID("goals.locked")
    /// `goals.no-such-goal`, e.g. "there is no goal #… (…; `goals` lists them)".
    public static let goalsNoSuchGoal = DiagnosticID("goals.no-such-goal")
    /// `goals.percent-target`.
    public static let goalsPercentTarget = DiagnosticID("goals.percent-target")
    /// `goals.unreadable`, e.g. "cannot read the goals file: …".
    public static let goalsUnreadable = DiagnosticID("goals.unreadable")
    /// `goals.write-failed`.
    public static let goalsWriteFailed = DiagnosticID("goals.write-failed")

    // MARK: load
    /// `load.no-files`, e.g. "no data files here (looked for …)".
    public static let loadNoFiles = DiagnosticID("load.no-files")
    /// `load.not-found`, e.g. "no such file or directory".
    public static let loadNotFound = DiagnosticID("load.not-found")
    /// `load.unsupported`, e.g. "cannot read this kind of file (supported: …)".
    public static let loadUnsupported = DiagnosticID("load.unsupported")

    // MARK: plugin
    /// `plugin.bad-module-line`.
    public static let pluginBadModuleLine = DiagnosticID("plugin.bad-module-line")
    /// `plugin.directory-not-found`, e.g. "no such plugin directory".
    public static let pluginDirectoryNotFound = DiagnosticID("plugin.directory-not-found")
    /// `plugin.duplicate-kpi`, e.g. "KPI '…' is already defined at …; this definition is skipped".
    public static let pluginDuplicateKPI = DiagnosticID("plugin.duplicate-kpi")
    /// `plugin.duplicate-module`, e.g. "module '…' is already registered from …; this file is skipped".
    public static let pluginDuplicateModule = DiagnosticID("plugin.duplicate-module")
    /// `plugin.invalid-id`, e.g. "a KPI id is snake_case (lower-case letters, digits and _); found '…'".
    public static let pluginInvalidID = DiagnosticID("plugin.invalid-id")
    /// `plugin.misplaced-module`, e.g. "the 'module' line must be the file's first statement".
    public static let pluginMisplacedModule = DiagnosticID("plugin.misplaced-module")
    /// `plugin.unexpected-statement`.
    public static let pluginUnexpectedStatement = DiagnosticID("plugin.unexpected-statement")
    /// `plugin.unreadable`, e.g. "cannot read the file: …".
    public static let pluginUnreadable = DiagnosticID("plugin.unreadable")

    // MARK: rejects
    /// `rejects.data-file`, e.g. "will not write the rejects over a data file".
    public static let rejectsDataFile = DiagnosticID("rejects.data-file")
    /// `rejects.write-failed`.
    public static let rejectsWriteFailed = DiagnosticID("rejects.write-failed")

    // MARK: session
    /// `session.shell-statement`, e.g. "this is a shell command (`? NAME`, `describe NAME`, `run RECIPE`), not a statement of a session".
    public static let sessionShellStatement = DiagnosticID("session.shell-statement")
}
