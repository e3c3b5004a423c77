import KPICore

extension Session {
    /// Drops the script modules and loads them again from their folders, so edits to `.kpi`
    /// files take effect without restarting. Built-ins and Swift plugins stay as they are.
    public func reloadScriptModules() -> PluginLoadReport {
        var registry = self.registry
        registry.removeModules { if case .scriptPlugin = $0.origin { return true } else { return false } }
        let report = PluginLoading.loadScriptModules(extra: pluginDirectories, workspace: workspace, into: &registry)
        replaceRegistry(registry)
        return report
    }
}
