import KPIFormula

/// Collects input lines into complete statements: a statement continues while a bracket or a
/// quote is open, or while a line ends with `\`.
public struct StatementBuffer: Sendable {
    private var lines: [String] = []

    /// An empty buffer.
    public init() {}

    /// Whether part of a statement is waiting for more lines.
    public var isPending: Bool { !lines.isEmpty }

    /// Adds a line; returns the statement when it is complete (lines joined by newlines).
    public mutating func add(_ line: String) -> String? {
        var line = line
        let continued = line.hasSuffix("\\")
        if continued { line.removeLast() }
        lines.append(line)
        let text = lines.joined(separator: "\n")
        if continued || SourceText.isOpen(text) { return nil }
        lines = []
        return text
    }

    /// Drops pending lines (Ctrl-C).
    public mutating func clear() { lines = [] }
}
