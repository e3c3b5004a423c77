import Foundation
import PackagePlugin

/// Generates `GeneratedPluginList.swift` for the `kpi` target: one entry per dependency whose
/// folder is directly under the package's `Plugins/` (the Swift plugin targets `Package.swift`
/// discovered), constructing `<Target>Module()`. Adding a folder is all a plugin author does.
@main
struct RegisterPlugins: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let pluginsFolder = context.package.directoryURL.appendingPathComponent("Plugins").resolvingSymlinksInPath().path
        let names = target.dependencies.compactMap { dependency -> String? in
            guard case .target(let candidate) = dependency else { return nil }
            let parent = candidate.directoryURL.deletingLastPathComponent().resolvingSymlinksInPath().path
            return parent == pluginsFolder ? candidate.name : nil
        }.sorted()
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedPluginList.swift")
        return [
            .buildCommand(
                displayName: "Registering Swift plugins: \(names.isEmpty ? "none" : names.joined(separator: ", "))",
                executable: try context.tool(named: "PluginListGenerator").url,
                arguments: [output.path] + names, inputFiles: [], outputFiles: [output])
        ]
    }
}
