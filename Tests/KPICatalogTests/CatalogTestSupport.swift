import KPICore
import KPIDemo
import KPIEngine

/// The CLI's registry (built-in adapters and modules) on the demo CRM, for the catalogue's tests.
func demoSession() throws -> Session {
    let session = Session(registry: try StandardRegistry.make())
    try session.add(tables: DemoCRM.make().tables, source: "demo")
    return session
}
