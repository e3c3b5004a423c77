/// A table of the canonical schema (`leads`, `activities`, ...) and the names it goes by.
public struct CanonicalTable: Sendable, Hashable {
    /// The canonical name.
    public var name: String
    /// Other names a loaded table may have to be taken as this one (`deals`, `contacts`).
    public var aliases: [String]
    /// The fields, in documentation order.
    public var fields: [CanonicalField]
    /// Vendor export shapes that are this table, recognised by their columns whatever the file
    /// is called (see ``TableRecognizer``).
    public var signatures: [TableSignature]
    /// Vendor prefixes a column of this table may carry before its name (`Deal - ` in a
    /// Pipedrive deals export, `Activity - ` in its activities export), dropped before matching.
    public var columnPrefixes: [String]
    /// Boolean columns that say a row's outcome where the table has no status column
    /// (`Converted`, `Won`, `Is Won`), best first.
    public var outcomeFlags: [String]
    /// Fields a header must have to be recognised as this table by its columns (a stage history
    /// without the time a stage was entered is no stage history).
    public var recognitionNeeds: [String]
    /// The field its rows are counted by in time (`during`, `by month`) when a formula does not
    /// say: `leads` by `created_at`, `customers` by `started_at`.
    public var dateBasis: String?
    /// What one row is called in notes (`12 leads have no closed_at`); `nil` says `rows of NAME`.
    public var rowNoun: RowNoun?

    /// Creates a table.
    public init(
        _ name: String, aliases: [String] = [], fields: [CanonicalField], signatures: [TableSignature] = [],
        columnPrefixes: [String] = [], outcomeFlags: [String] = [], recognitionNeeds: [String] = [], dateBasis: String? = nil,
        rowNoun: RowNoun? = nil
    ) {
        self.dateBasis = dateBasis
        self.rowNoun = rowNoun
        self.recognitionNeeds = recognitionNeeds
        self.name = name
        self.aliases = aliases
        self.fields = fields
        self.signatures = signatures
        self.columnPrefixes = columnPrefixes
        self.outcomeFlags = outcomeFlags
    }

    /// The field with this exact canonical name.
    public func field(named name: String) -> CanonicalField? {
        fields.first { $0.name == name }
    }

    /// The field a formula's `name` stands for when the table has no column of that name: the
    /// first whose ``CanonicalField/formulaAliases`` has it.
    public func field(formulaAlias name: String) -> CanonicalField? {
        fields.first { $0.formulaAliases.contains(name) }
    }

    /// The names of the required fields.
    public var requiredFieldNames: [String] { fields.filter(\.isRequired).map(\.name) }

    /// Whether a loaded table called `name` is this table: `.exact` for the canonical name (by
    /// key), `.alias` for an alias, `nil` otherwise.
    public func match(tableName name: String) -> TableNameMatch? {
        let key = SchemaName.key(name)
        if key == SchemaName.key(self.name) { return .exact }
        if aliases.contains(where: { SchemaName.key($0) == key }) { return .alias }
        return nil
    }
}

/// How a loaded table's name matched a canonical table.
public enum TableNameMatch: Sendable, Hashable, Comparable {
    /// The canonical name itself (ignoring case and punctuation).
    case exact
    /// One of the table's aliases.
    case alias
}

/// The columns that identify one vendor's export of a table: `Opportunity Name`, `Stage`, `Close
/// Date` make a Salesforce opportunity report, whatever its author called the file.
///
/// Columns are compared by their whole key (letters and digits, lower case, vendor prefix kept:
/// `Deal - Title` is `dealtitle`), and every one must be present.
public struct TableSignature: Sendable, Hashable, CustomStringConvertible {
    /// The shape's name for reports (`Salesforce opportunity report`).
    public var name: String
    /// The columns that must all be present.
    public var columns: [String]
    /// What binding should know about the shape, said in the binding report (`Converted` means
    /// "became an opportunity" in a Salesforce lead report).
    public var note: String?
    /// How a boolean outcome column (`Converted`, `Won`) reads in this shape when the export has
    /// no status column: the status for true, and for false. `nil` (the default): won for true;
    /// for false, lost where the row has a close date or the table has none, else open.
    public var outcomeWhenTrue: String?
    /// See ``outcomeWhenTrue``.
    public var outcomeWhenFalse: String?

    /// Creates a signature.
    public init(_ name: String, columns: [String], note: String? = nil, outcomeWhenTrue: String? = nil, outcomeWhenFalse: String? = nil) {
        self.name = name
        self.columns = columns
        self.note = note
        self.outcomeWhenTrue = outcomeWhenTrue
        self.outcomeWhenFalse = outcomeWhenFalse
    }

    /// Whether a table with columns of these whole keys has every column of the signature.
    public func matches(wholeKeys: Set<String>) -> Bool {
        columns.allSatisfy { wholeKeys.contains(SchemaName.valueKey($0)) }
    }

    /// `Salesforce opportunity report (Opportunity Name, Stage, Close Date)`.
    public var description: String { "\(name) (\(columns.joined(separator: ", ")))" }
}
