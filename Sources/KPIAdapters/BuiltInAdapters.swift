import KPICore

/// The data adapters KPIKit ships: CSV, JSON (and NDJSON) and SQLite, registered as a module
/// like any plugin's adapters.
public struct BuiltInAdapters: KPIModule {
    public let name = "adapters"
    public let version = "0.1.0"
    public let summary = "CSV, JSON/NDJSON and SQLite readers"

    /// Creates the module.
    public init() {}

    public func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        registrar.add(CSVAdapter())
        registrar.add(JSONAdapter())
        registrar.add(SQLiteAdapter())
    }
}
