import Foundation
import KPICore

/// Where script modules are looked for, and how Swift plugin modules are registered.
public enum PluginLoading {
    /// Registers compiled Swift plugin modules, each with origin ``Origin/swiftPlugin(target:)``.
    ///
    /// A module that throws while registering, or brings a duplicate id, is skipped whole (the
    /// registry is all-or-nothing per module) and reported against its folder `Plugins/<target>`.
    public static func registerSwiftModules(
        _ modules: [(target: String, module: any KPIModule)], into registry: inout KPIRegistry
    ) -> [DataError] {
        var problems: [DataError] = []
        for (target, module) in modules {
            do throws(RegistryError) {
                try registry.register(module, origin: .swiftPlugin(target: target))
            } catch {
                problems.append(DataError(id: error.id, message: error.message + "; the module is skipped", file: "Plugins/\(target)"))
            }
        }
        return problems
    }

    /// Loads script modules from the workspace's ``Workspace/pluginDirectories`` (missing ones are
    /// skipped) and `extra` (`--plugins DIR`, which must exist) into `registry`.
    public static func loadScriptModules(extra: [String], workspace: Workspace, into registry: inout KPIRegistry) -> PluginLoadReport {
        let explicit = extra.map { URL(fileURLWithPath: $0, relativeTo: workspace.currentDirectory).absoluteURL }
        let directories = workspace.pluginDirectories + explicit
        return ScriptModuleLoader().load(directories: directories, required: Set(explicit), into: &registry)
    }
}
