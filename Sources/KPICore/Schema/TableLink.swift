/// A key that leads from each row of one table to at most one row of another: a lead's rep to
/// the rep's row in a teams table, an activity's `lead_id` to its lead.
///
/// Links let a formula reach a related table's fields: `win_rate by regional_office` groups
/// leads by the office of their rep's team when `leads.rep` links to `sales_teams.sales_agent`.
/// The canonical schema has its own (``CanonicalSchema/links``); a mapping file's `links` and key names that
/// two loaded tables share add more (``SchemaBinder`` finds them).
public struct TableLink: Sendable, Hashable, CustomStringConvertible {
    /// Why the link exists.
    public enum Origin: String, Sendable, Hashable {
        /// The canonical schema's keys (``CanonicalSchema/links``: `lead_id`, `customer_id`).
        case canonical
        /// A mapping file's `links`.
        case mapping
        /// Both tables have a column of this name, and it is unique in the target.
        case sharedName = "shared key name"
    }

    /// The table whose rows the link starts from (bound name: `leads`).
    public var table: String
    /// Its key column (bound name: `rep`).
    public var key: String
    /// The table the link leads to (`sales_teams`).
    public var target: String
    /// The target's key column, unique there (`sales_agent`).
    public var targetKey: String
    /// Why the link exists.
    public var origin: Origin

    /// Creates a link.
    public init(table: String, key: String, target: String, targetKey: String, origin: Origin) {
        self.table = table
        self.key = key
        self.target = target
        self.targetKey = targetKey
        self.origin = origin
    }

    /// `leads.rep → sales_teams.sales_agent`.
    public var description: String { "\(table).\(key) → \(target).\(targetKey)" }

}
