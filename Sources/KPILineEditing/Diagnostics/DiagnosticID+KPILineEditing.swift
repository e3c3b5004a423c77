import KPICore

/// The diagnostic ids KPILineEditing raises, by domain.
extension DiagnosticID {
    // MARK: history
    /// `history.create-directory-failed`, e.g. "cannot create …: …".
    public static let historyCreateDirectoryFailed = DiagnosticID("history.create-directory-failed")
    /// `history.no-location`, e.g. "cannot place the history file: set KPI_HISTORY, XDG_STATE_HOME or HOME".
    public static let historyNoLocation = DiagnosticID("history.no-location")
    /// The history file cannot be written; the entry stays in memory.
    public static let historySaveFailed = DiagnosticID("history.save-failed")
    /// The history file exists but cannot be read; history is then off and the file untouched.
    public static let historyUnreadable = DiagnosticID("history.unreadable")

    // MARK: repl
    /// `repl.editline-init`, e.g. "libedit could not initialise the terminal".
    public static let replEditlineInit = DiagnosticID("repl.editline-init")
    /// `repl.sigint-install`.
    public static let replSigintInstall = DiagnosticID("repl.sigint-install")
    /// `repl.sigint-uninstall`.
    public static let replSigintUninstall = DiagnosticID("repl.sigint-uninstall")
}
