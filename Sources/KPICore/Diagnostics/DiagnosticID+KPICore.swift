/// The diagnostic ids KPICore raises, by domain.
extension DiagnosticID {
    // MARK: json
    // Here, not in KPIAdapters with the other json ids: the engine, which does not see the
    // adapters, skips a folder's JSON files that are not tables.
    /// A document that is not an array of objects, NDJSON, or an object of such arrays.
    public static let jsonNotATable = DiagnosticID("json.not-a-table")
    /// A row that is not an object.
    public static let jsonNotAnObject = DiagnosticID("json.not-an-object")

    // MARK: load
    /// A load stopped because its caller asked (Ctrl-C); see ``DataError/cancelled(file:)``.
    public static let loadCancelled = DiagnosticID("load.cancelled")

    // MARK: mapping
    /// `mapping.ambiguous-column`, e.g. "…: '…' matches several columns of …: …; write one exactly".
    public static let mappingAmbiguousColumn = DiagnosticID("mapping.ambiguous-column")
    /// `mapping.duplicate-source`, e.g. "table '…' is mapped to both … and …".
    public static let mappingDuplicateSource = DiagnosticID("mapping.duplicate-source")
    /// `mapping.missing-column`.
    public static let mappingMissingColumn = DiagnosticID("mapping.missing-column")
    /// `mapping.missing-table`.
    public static let mappingMissingTable = DiagnosticID("mapping.missing-table")
    /// A mapped field reaches another table that shares no key column with it.
    public static let mappingNoLink = DiagnosticID("mapping.no-link")
    /// `mapping.syntax`, e.g. "the mapping file is not UTF-8 text".
    public static let mappingSyntax = DiagnosticID("mapping.syntax")
    /// `mapping.unknown-field`.
    public static let mappingUnknownField = DiagnosticID("mapping.unknown-field")
    /// `mapping.unknown-key`.
    public static let mappingUnknownKey = DiagnosticID("mapping.unknown-key")
    /// `mapping.unknown-table`.
    public static let mappingUnknownTable = DiagnosticID("mapping.unknown-table")
    /// `mapping.unreadable`, e.g. "cannot read the mapping file".
    public static let mappingUnreadable = DiagnosticID("mapping.unreadable")
    /// `mapping.values-not-text`.
    public static let mappingValuesNotText = DiagnosticID("mapping.values-not-text")

    // MARK: registry
    /// `registry.duplicate-kpi`.
    public static let registryDuplicateKPI = DiagnosticID("registry.duplicate-kpi")
    /// `registry.duplicate-module`, e.g. "module '…' from … is already registered from …".
    public static let registryDuplicateModule = DiagnosticID("registry.duplicate-module")
    /// A module registers a formula function whose name is another module's, or its own twice.
    public static let registryDuplicateFunction = DiagnosticID("registry.duplicate-function")
    /// A module's formula function is not named in snake_case, or its types and unit do not fit.
    public static let registryInvalidFunction = DiagnosticID("registry.invalid-function")
    /// A module's formula function takes the name of one of the language's own functions or keywords.
    public static let registryReservedFunction = DiagnosticID("registry.reserved-function")
    /// `registry.invalid-field`, e.g. "KPI '…' has … '…', which is not a field path such as leads.status".
    public static let registryInvalidField = DiagnosticID("registry.invalid-field")
    /// `registry.invalid-formula`, e.g. "KPI '…' in module '…' (…) has a formula that does not parse: …".
    public static let registryInvalidFormula = DiagnosticID("registry.invalid-formula")
    /// `registry.invalid-id`, e.g. "KPI id '…' in module '…' (…) must be snake_case: lower-case letters, digits and _".
    public static let registryInvalidID = DiagnosticID("registry.invalid-id")
    /// `registry.module-failed`, e.g. "module '…' (…) failed to register: …".
    public static let registryModuleFailed = DiagnosticID("registry.module-failed")

    // MARK: schema
    /// Two loaded tables could each be the same canonical table; a mapping file names one.
    public static let schemaAmbiguousTable = DiagnosticID("schema.ambiguous-table")
    /// A cell that cannot be read as its field's type, with strict loading.
    public static let schemaBadValue = DiagnosticID("schema.bad-value")
    /// `schema.bind-failed`.
    public static let schemaBindFailed = DiagnosticID("schema.bind-failed")
    /// `schema.duplicate-table`, e.g. "two loaded tables are named '…' (… and …)".
    public static let schemaDuplicateTable = DiagnosticID("schema.duplicate-table")
}
