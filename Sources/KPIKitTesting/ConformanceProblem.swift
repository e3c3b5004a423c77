import Testing

/// One way a module or adapter falls short of what KPIKit expects of a plugin.
///
/// ``check`` is stable (`kpi.formula`, `adapter.malformed`), so a test can assert on it; the
/// ``description`` reads `kpi mrr: the formula is empty [kpi.formula]`.
public struct ConformanceProblem: Sendable, Hashable, CustomStringConvertible {
    /// The check that failed, e.g. `kpi.requirements`.
    public var check: String
    /// What it is about: `module saas-metrics`, `kpi mrr`, `adapter xlsx`, a file name.
    public var subject: String
    /// What is wrong, for people.
    public var message: String

    /// Creates a problem.
    public init(check: String, subject: String, message: String) {
        self.check = check
        self.subject = subject
        self.message = message
    }

    /// `subject: message [check]`.
    public var description: String { "\(subject): \(message) [\(check)]" }
}

extension Array where Element == ConformanceProblem {
    /// Records each problem as a Swift Testing issue at `sourceLocation`.
    func recordIssues(at sourceLocation: Testing.SourceLocation) {
        for problem in self { Issue.record(Comment(rawValue: problem.description), sourceLocation: sourceLocation) }
    }
}

/// The rule the registry applies to KPI ids, and that plugins' table and field names follow:
/// lower-case letters, digits and `_`, not starting with a digit.
enum SnakeCase {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return name.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
