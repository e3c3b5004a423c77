/// The tables and fields KPIKit's built-in KPIs are written against, and what formulas need to
/// know about them: each table's date basis and row noun, the links between tables, each field's
/// unit and the other names formulas may call it by.
///
/// ``standard`` is the schema of `shared/spec/crm-schema.md`; loaded data is bound to it by a
/// ``SchemaBinder``, and formulas are bound against it through their environment. A schema is a
/// plain value, so tests and plugins can extend, trim or replace it.
///
/// ```swift
/// let leads = CanonicalSchema.standard.table(named: "leads")
/// leads?.field(named: "created_at")?.type   // .timestamp
/// ```
public struct CanonicalSchema: Sendable, Hashable {
    /// The tables, in documentation order.
    public var tables: [CanonicalTable]
    /// Vendor export shapes that are no canonical table (a Salesforce account report, a HubSpot
    /// companies export): recognised so that they are not mistaken for one, and kept as loaded.
    public var otherShapes: [TableSignature]
    /// The keys that lead from a row of one table to a row of another (an activity's `lead_id` to
    /// its lead), many-to-one first; read backwards, a lead to its activities. All of origin
    /// ``TableLink/Origin/canonical``.
    public var links: [TableLink]
    /// The field whose span is the reporting range of a series without a `during` window (the
    /// spec's reporting months: `leads.created_at`); `nil` for none.
    public var reportingBasis: FieldPath?

    /// Creates a schema.
    public init(tables: [CanonicalTable], otherShapes: [TableSignature] = [], links: [TableLink] = [], reportingBasis: FieldPath? = nil) {
        self.tables = tables
        self.otherShapes = otherShapes
        self.links = links
        self.reportingBasis = reportingBasis
    }

    /// The table with this exact canonical name.
    public func table(named name: String) -> CanonicalTable? {
        tables.first { $0.name == name }
    }

    /// The canonical field at `path`, if the schema has it.
    public func field(_ path: FieldPath) -> CanonicalField? {
        table(named: path.table)?.field(named: path.field)
    }

    /// Whether a field called `name` holds the funnel's words (`status`, `stage`): results
    /// grouped by it list new → contacted → … → won, lost, disqualified, not A to Z.
    public func holdsFunnelWords(_ name: String) -> Bool {
        tables.contains { $0.field(named: name)?.vocabulary?.canonicalWords == ValueVocabulary.statusWords }
    }

    /// The key names the links lead to (`lead_id`, `customer_id`), each once, in link order:
    /// two tables outside the links that both have a column of one of these names meet on it.
    public var joinKeys: [String] {
        var keys: [String] = []
        for link in links where !keys.contains(link.targetKey) { keys.append(link.targetKey) }
        return keys
    }
}
