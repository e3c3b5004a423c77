import KPICore
import KPIFormula

/// An error from a session: a formula error with the text it refers to, a data error, or a
/// registry error. ``render()`` gives the text shown to people.
public struct SessionError: Diagnostic {
    /// What failed.
    public enum Kind: Sendable {
        /// A formula could not be parsed, bound or planned.
        case formula(FormulaError, source: String)
        /// A file could not be read or bound.
        case data(DataError)
        /// A KPI or module could not be registered.
        case registry(RegistryError)
        /// Evaluation failed: the data and the plan disagree.
        case execution(String)
        /// The statement bound but cannot give what it asks (a goal on a KPI that gives one value
        /// per group, goals that cannot roll up into a team goal): the statement's fault.
        case statement(DiagnosticID, String)
        /// Evaluation stopped because the caller's cancellation poll said so (Ctrl-C).
        case cancelled
    }

    /// What failed.
    public var kind: Kind

    /// Creates an error.
    public init(_ kind: Kind) { self.kind = kind }

    /// The stable id of the underlying error (`formula.unknown-field`, `csv.ragged-row`, ...).
    public var id: DiagnosticID {
        switch kind {
        case .formula(let e, _): return e.id
        case .data(let e): return e.id
        case .registry(let e): return e.id
        case .execution, .cancelled: return .engineExecution
        case .statement(let id, _): return id
        }
    }

    /// The category of the underlying error; a KPI the session cannot register is the `kpi`
    /// statement's fault, and an execution error a runtime one unless it is a cancellation.
    public var category: DiagnosticCategory {
        switch kind {
        case .formula(let e, _): return e.category
        case .data(let e): return e.category
        case .registry(let e): return e.category
        case .execution: return .runtime
        case .statement: return .statement
        case .cancelled: return .cancelled
        }
    }

    /// The message with its location: a caret under the formula, or file:line:column.
    public func render(label: String = "formula") -> String {
        switch kind {
        case .formula(let e, let source): return e.render(source: source, label: label)
        case .data(let e): return e.description
        case .registry(let e): return e.description
        case .execution(let m): return DiagnosticText.line(.engineExecution, m)
        case .statement(let id, let m): return DiagnosticText.line(id, m)
        case .cancelled: return DiagnosticText.line(.engineExecution, ExecutionError.cancelled.description)
        }
    }

    public var description: String { render() }

    /// Whether evaluation stopped because the caller's cancellation poll said so (Ctrl-C),
    /// rather than because something failed.
    public var isCancellation: Bool {
        switch kind {
        case .cancelled: return true
        case .data(let error): return error.isCancellation
        default: return false
        }
    }
}
