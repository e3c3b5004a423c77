/// What sort of failure a diagnostic reports: whether the user's statement is wrong, the data or
/// the system failed, or the user stopped it. A command's exit status follows from it.
public enum DiagnosticCategory: Sendable, Hashable, CaseIterable {
    /// The statement or command as written cannot run: it does not parse, names something
    /// unknown, mixes units, or asks for what its data cannot give (`formula.*`, `compare.*`,
    /// a goal statement's `goals.syntax`).
    case statement
    /// A file or the system failed: unreadable, malformed or unbindable data, a file that
    /// cannot be written (`csv.*`, `mapping.*`, `goals.locked`).
    case data
    /// Evaluation failed although the statement bound: the data and the plan disagree.
    case runtime
    /// The user stopped it (Ctrl-C); nothing was changed.
    case cancelled
}

/// An error with a stable id and a kind, shown to people as text.
public protocol Diagnostic: Error, Sendable, CustomStringConvertible {
    /// The stable id, shown as `error[ID]`.
    var id: DiagnosticID { get }
    /// What sort of failure it is.
    var category: DiagnosticCategory { get }
}
