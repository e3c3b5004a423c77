import Foundation
import KPICore

/// Where script modules are looked for, and how Swift plugin modules are registered.
public enum PluginLoading {
    /// The default script-module directories, in load order: the project's `Plugins/` (under the
    /// current directory) and the user's `$XDG_CONFIG_HOME/kpikit/plugins` (by default
    /// `~/.config/kpikit/plugins`). Missing ones are skipped when loading.
    public static func defaultDirectories(environment: [String: String], currentDirectory: String) -> [URL] {
        var directories = [URL(fileURLWithPath: currentDirectory).appendingPathComponent("Plugins")]
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            directories.append(URL(fileURLWithPath: config).appendingPathComponent("kpikit/plugins"))
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(URL(fileURLWithPath: home).appendingPathComponent(".config/kpikit/plugins"))
        }
        return directories
    }

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

    /// Loads script modules from the default directories and `extra` (`--plugins DIR`, which
    /// must exist) into `registry`.
    public static func loadScriptModules(
        extra: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath, into registry: inout KPIRegistry
    ) -> PluginLoadReport {
        let explicit = extra.map { URL(fileURLWithPath: $0) }
        let directories = defaultDirectories(environment: environment, currentDirectory: currentDirectory) + explicit
        return ScriptModuleLoader().load(directories: directories, required: Set(explicit), into: &registry)
    }
}
