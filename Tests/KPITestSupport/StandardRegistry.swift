import KPIAdapters
import KPICatalog
import KPICore

/// Registries assembled the way the `kpi` tool assembles its own, minus the plugins.
public enum StandardRegistry {
    /// The built-in adapters first, then the built-in KPI modules, as `kpi` registers them.
    public static func make() throws -> KPIRegistry {
        var registry = BuiltInModules.makeRegistry()
        try registry.register(BuiltInAdapters(), origin: .builtIn)
        try BuiltInModules.register(into: &registry)
        return registry
    }

    /// The built-in KPI modules alone: for tests that hand the session tables themselves.
    public static func modulesOnly() throws -> KPIRegistry {
        var registry = BuiltInModules.makeRegistry()
        try BuiltInModules.register(into: &registry)
        return registry
    }
}
