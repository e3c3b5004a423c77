/// What a ``SchemaBinder`` did: which loaded table and column became which canonical table and
/// field, what is missing, which values it did not know, and what it left as loaded.
///
/// Its `description` is what `kpi` prints after loading:
/// ```text
/// leads ← deals (deals.csv): lead_id ← Record ID, created_at ← Create Date (text → timestamp), ...
///   missing: source (required), first_contact_at
///   unknown status values kept as loaded: 2 rows, 1 distinct: "Appointment Scheduled" ×2
///   unbound columns kept: Deal Name, Pipeline
/// unbound tables kept: accounts
/// ```
public struct BindingReport: Sendable, Hashable, CustomStringConvertible {
    /// One entry per bound canonical table, in schema order.
    public var tables: [TableBindingReport]
    /// Loaded tables not bound to any canonical table (kept in the dataset).
    public var unboundTables: [UnboundTable]
    /// The mapping file used, if any.
    public var mappingFile: String?
    /// Links between tables besides the canonical schema's: from the mapping, or through a key
    /// name two tables share.
    public var links: [TableLink]
    /// Remarks about the load as a whole: near ties in recognising a table, shapes kept as loaded.
    public var notes: [String]

    /// Creates a report.
    public init(
        tables: [TableBindingReport] = [], unboundTables: [UnboundTable] = [], mappingFile: String? = nil,
        links: [TableLink] = [], notes: [String] = []
    ) {
        self.tables = tables
        self.unboundTables = unboundTables
        self.mappingFile = mappingFile
        self.links = links
        self.notes = notes
    }

    /// The entry of canonical table `name`, if it was bound.
    public func table(named name: String) -> TableBindingReport? {
        tables.first { $0.table == name }
    }

    /// Several lines: one block per bound table, then the unbound tables.
    public var description: String {
        var lines: [String] = []
        if let mappingFile { lines.append("mapping: \(mappingFile)") }
        for table in tables { lines.append(contentsOf: table.lines) }
        if !unboundTables.isEmpty {
            lines.append("unbound tables kept: " + unboundTables.map(\.description).joined(separator: ", "))
        }
        for link in links { lines.append("link: \(link) (\(link.origin.rawValue))") }
        for note in notes { lines.append("note: \(note)") }
        if lines.isEmpty { lines.append("no tables loaded") }
        return lines.joined(separator: "\n")
    }
}

/// How one canonical table was bound.
public struct TableBindingReport: Sendable, Hashable {
    /// The canonical table (`leads`).
    public var table: String
    /// The loaded table's name (`deals`).
    public var sourceTable: String
    /// Where the loaded table came from (a file path), if known.
    public var source: String?
    /// The bound fields, in schema order.
    public var fields: [BoundField]
    /// Required fields no column was bound to.
    public var missingRequired: [String]
    /// Optional fields no column was bound to.
    public var missingOptional: [String]
    /// Per field with a vocabulary, the values that are no canonical word, kept as loaded.
    public var unknownValues: [UnknownValues]
    /// Loaded columns kept under their own (or renamed) names.
    public var unboundColumns: [String]
    /// Unbound columns renamed because their name is a canonical field's: `status` → `status_raw`.
    public var renamedColumns: [ColumnRename]
    /// Other remarks: columns that also matched a field, unused mapping entries.
    public var notes: [String]
    /// Why the loaded table was taken as this canonical table when its name did not say so:
    /// `Salesforce opportunity report — Opportunity ID, Stage, Close Date, Amount`.
    public var recognition: String?
    /// Unbound text columns read in a typed format because every value fits it.
    public var typedColumns: [TypedColumn]

    /// Creates an entry.
    public init(
        table: String, sourceTable: String, source: String? = nil, fields: [BoundField] = [],
        missingRequired: [String] = [], missingOptional: [String] = [], unknownValues: [UnknownValues] = [],
        unboundColumns: [String] = [], renamedColumns: [ColumnRename] = [], notes: [String] = [],
        recognition: String? = nil, typedColumns: [TypedColumn] = []
    ) {
        self.recognition = recognition
        self.typedColumns = typedColumns
        self.table = table
        self.sourceTable = sourceTable
        self.source = source
        self.fields = fields
        self.missingRequired = missingRequired
        self.missingOptional = missingOptional
        self.unknownValues = unknownValues
        self.unboundColumns = unboundColumns
        self.renamedColumns = renamedColumns
        self.notes = notes
    }

    /// The binding of canonical field `name`, if bound.
    public func field(named name: String) -> BoundField? {
        fields.first { $0.field == name }
    }

    var lines: [String] {
        var head = "\(table) ← \(sourceTable)"
        if let source, source != sourceTable { head += " (\(source))" }
        head += ": " + (fields.isEmpty ? "no fields bound" : fields.map(\.description).joined(separator: ", "))
        var lines = [head]
        if let recognition { lines.append("  recognised by its columns: \(recognition)") }
        for field in fields { if let assumption = field.assumption { lines.append("  \(field.field): \(assumption)") } }
        let missing = missingRequired.map { "\($0) (required)" } + missingOptional
        if !missing.isEmpty { lines.append("  missing: " + missing.joined(separator: ", ")) }
        for unknown in unknownValues { lines.append("  " + unknown.description) }
        if !unboundColumns.isEmpty { lines.append("  unbound columns kept: " + unboundColumns.joined(separator: ", ")) }
        if !typedColumns.isEmpty { lines.append("  read as typed: " + typedColumns.map(\.description).joined(separator: ", ")) }
        for rename in renamedColumns { lines.append("  renamed: \(rename)") }
        for note in notes { lines.append("  note: \(note)") }
        return lines
    }
}

/// One canonical field and the loaded column bound to it.
public struct BoundField: Sendable, Hashable, CustomStringConvertible {
    /// The canonical field.
    public var field: String
    /// The loaded column's name.
    public var column: String
    /// Why this column was chosen.
    public var origin: Origin
    /// The loaded storage type, when it was converted.
    public var convertedFrom: DataType?
    /// The bound storage type.
    public var type: DataType
    /// Boolean columns that decided the field where set (`IsWon`, `IsClosed`), for `leads.status`.
    public var flagColumns: [String]
    /// How many rows had a vendor value replaced by a canonical word.
    public var translatedRowCount: Int
    /// The format the values were read in, when not plain or ISO (`DD-MM-YYYY`).
    public var format: String?
    /// Where the values came from, as a mapping file would say it, when a mapping can say it (a
    /// draft mapping writes it out).
    public var source: FieldSource?
    /// What was assumed where the values did not decide (the day/month order), if anything.
    public var assumption: String?

    /// How a column came to be bound.
    public enum Origin: Sendable, Hashable {
        /// Its name is the canonical name (ignoring case and punctuation).
        case canonicalName
        /// Its name is this vendor alias.
        case alias(String)
        /// A mapping file named it.
        case mapping
        /// A boolean outcome column (`Converted`) gave a table without a status column its status.
        case outcomeFlag(String)
    }

    /// Creates a bound field.
    public init(
        field: String, column: String, origin: Origin, convertedFrom: DataType? = nil, type: DataType,
        flagColumns: [String] = [], translatedRowCount: Int = 0, format: String? = nil, assumption: String? = nil,
        source: FieldSource? = nil
    ) {
        self.source = source
        self.format = format
        self.assumption = assumption
        self.field = field
        self.column = column
        self.origin = origin
        self.convertedFrom = convertedFrom
        self.type = type
        self.flagColumns = flagColumns
        self.translatedRowCount = translatedRowCount
    }

    /// `created_at ← Create Date (text → timestamp)`.
    public var description: String {
        var out = "\(field) ← \(column)"
        if !flagColumns.isEmpty { out += " + " + flagColumns.joined(separator: ", ") }
        var details: [String] = []
        if let convertedFrom { details.append("\(convertedFrom) → \(type)") }
        if let format { details.append(format) }
        if translatedRowCount > 0 {
            details.append("\(translatedRowCount) \(translatedRowCount == 1 ? "value" : "values") translated")
        }
        if case .mapping = origin { details.append("by mapping") }
        if !details.isEmpty { out += " (" + details.joined(separator: ", ") + ")" }
        return out
    }
}

/// Values of a vocabulary field that are no canonical word and no known vendor spelling.
public struct UnknownValues: Sendable, Hashable, CustomStringConvertible {
    /// The canonical field (`status`).
    public var field: String
    /// Rows holding an unknown value.
    public var rowCount: Int
    /// Distinct unknown values, most frequent first (ties in first-seen order), with their counts.
    public var values: [(value: String, count: Int)] { storage.map { ($0.value, $0.count) } }

    private var storage: [Entry]

    private struct Entry: Sendable, Hashable {
        var value: String
        var count: Int
    }

    /// Creates a record from per-value counts, in first-seen order.
    public init(field: String, counts: [(value: String, count: Int)]) {
        self.field = field
        rowCount = counts.reduce(0) { $0 + $1.count }
        let indexed = counts.enumerated().map { ($0.offset, Entry(value: $0.element.value, count: $0.element.count)) }
        storage = indexed.sorted { $0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0.0 < $1.0 }.map(\.1)
    }

    /// Up to five examples, most frequent first.
    public var examples: [String] { storage.prefix(5).map(\.value) }

    /// `unknown status values kept as loaded: 3 rows, 2 distinct: "Appointment Scheduled" ×2, "Hold" ×1`.
    public var description: String {
        let shown = storage.prefix(5).map { "\"\($0.value)\" ×\($0.count)" }.joined(separator: ", ")
        let more = storage.count > 5 ? ", …" : ""
        return "unknown \(field) values kept as loaded: \(rowCount) rows, \(storage.count) distinct: \(shown)\(more)"
    }
}

/// A loaded table that no canonical table took.
public struct UnboundTable: Sendable, Hashable, CustomStringConvertible {
    /// Its loaded name.
    public var name: String
    /// Its name in the dataset, when it had to change because a canonical table took the name.
    public var renamedTo: String?
    /// Its text columns read in a typed format because every value fits it.
    public var typedColumns: [TypedColumn]

    /// Creates an entry.
    public init(name: String, renamedTo: String? = nil, typedColumns: [TypedColumn] = []) {
        self.name = name
        self.renamedTo = renamedTo
        self.typedColumns = typedColumns
    }

    /// `accounts`, or `leads → leads_raw`.
    public var description: String { renamedTo.map { "\(name) → \($0)" } ?? name }
}

/// A column renamed to keep it apart from a canonical name.
public struct ColumnRename: Sendable, Hashable, CustomStringConvertible {
    /// The loaded name.
    public var from: String
    /// The name in the dataset.
    public var to: String

    /// Creates a rename.
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// `status → status_raw`.
    public var description: String { "\(from) → \(to)" }
}

/// An unbound text column read in a typed format because all its values fit one.
public struct TypedColumn: Sendable, Hashable, CustomStringConvertible {
    /// The column's name.
    public var column: String
    /// The type it was read as.
    public var type: CanonicalType
    /// The format, if not plain or ISO.
    public var format: String?

    /// Creates an entry.
    public init(column: String, type: CanonicalType, format: String? = nil) {
        self.column = column
        self.type = type
        self.format = format
    }

    /// `Last Activity Date (timestamp, MM/DD/YYYY)`.
    public var description: String { "\(column) (\(type)\(format.map { ", \($0)" } ?? ""))" }
}
