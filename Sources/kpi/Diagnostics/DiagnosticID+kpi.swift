import KPICore

/// The diagnostic ids the `kpi` command raises itself.
extension DiagnosticID {
    // MARK: shell
    /// `.edit`'s editor (`$VISUAL`, `$EDITOR`) cannot be run.
    static let shellEditor = DiagnosticID("shell.editor")
}
