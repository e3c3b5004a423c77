/// A table and a field in it, written `table.field`.
public struct FieldPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The table name.
    public var table: String
    /// The field name.
    public var field: String

    /// Creates a path.
    public init(_ table: String, _ field: String) {
        self.table = table
        self.field = field
    }

    /// Parses `table.field`; `nil` without exactly one dot.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(String(parts[0]), String(parts[1]))
    }

    public var description: String { "\(table).\(field)" }

    public static func < (a: FieldPath, b: FieldPath) -> Bool { (a.table, a.field) < (b.table, b.field) }
}
