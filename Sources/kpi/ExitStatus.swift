import KPICore

/// `kpi`'s exit statuses, one per sort of failure (README, "Exit status").
enum ExitStatus {
    /// A file, the data or the system failed, or evaluation did (`csv.ragged-row`,
    /// `goals.locked`, `engine.execution`); also any batch input that stopped at an error.
    static let failure: Int32 = 1
    /// The statement or command as written cannot run (`formula.*`, `compare.*`, a bad goal
    /// statement, an unknown `kpi describe` KPI).
    static let badStatement: Int32 = 2
    /// The command line is wrong: an unknown option, a missing argument, or an option value such
    /// as `--as-of` that does not parse (ArgumentParser's `EX_USAGE`, which it uses itself).
    static let usage: Int32 = 64
    /// Stopped by Ctrl-C: 128 + SIGINT, what a process the signal ends reports.
    static let interrupted: Int32 = 130

    /// The status for a failure of this category.
    static func of(_ category: DiagnosticCategory) -> Int32 {
        switch category {
        case .statement: return badStatement
        case .data, .runtime: return failure
        case .cancelled: return interrupted
        }
    }
}
