/// The tables and fields KPIKit's built-in KPIs are written against.
///
/// ``standard`` is the schema of `shared/spec/crm-schema.md`; loaded data is bound to it by a
/// ``SchemaBinder``. A schema is a plain value, so tests and plugins can extend or trim it.
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

    /// Creates a schema.
    public init(tables: [CanonicalTable], otherShapes: [TableSignature] = []) {
        self.tables = tables
        self.otherShapes = otherShapes
    }

    /// The table with this exact canonical name.
    public func table(named name: String) -> CanonicalTable? {
        tables.first { $0.name == name }
    }

    /// The canonical field at `path`, if the schema has it.
    public func field(_ path: FieldPath) -> CanonicalField? {
        table(named: path.table)?.field(named: path.field)
    }
}
