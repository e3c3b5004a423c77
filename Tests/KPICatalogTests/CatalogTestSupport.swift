import KPIAdapters
import KPICatalog
import KPICore
import KPIDemo
import KPIEngine

/// The CLI's registry (built-in adapters and modules) on the demo CRM, for the catalogue's tests.
func demoSession() throws -> Session {
    var registry = KPIRegistry()
    try registry.register(BuiltInAdapters(), origin: .builtIn)
    try BuiltInModules.register(into: &registry)
    let session = Session(registry: registry)
    try session.add(tables: DemoCRM.make().tables, source: "demo")
    return session
}
