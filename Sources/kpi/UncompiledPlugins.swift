import Foundation

/// Swift plugin folders that this binary was built without.
///
/// `Package.swift` discovers `Plugins/<Name>/` when SwiftPM evaluates it, and SwiftPM keeps that
/// result until the manifest changes: a folder added since is silently left out of `kpi`
/// (`scripts/kpi` and `scripts/test` re-evaluate the manifest every time; a bare `swift build`
/// does not). `kpi` says so instead of answering without the plugin's KPIs.
enum UncompiledPlugins {
    /// The folders under `Plugins/` (in `directory`) that hold Swift sources and are not among
    /// `compiled` (the target names of the Swift plugins built in).
    static func folders(in directory: URL, compiled: Set<String>) -> [String] {
        let manager = FileManager.default
        let root = directory.appendingPathComponent("Plugins")
        let names = (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { name in
            guard !compiled.contains(name), let files = manager.enumerator(atPath: root.appendingPathComponent(name).path) else {
                return false
            }
            return files.contains { ($0 as? String)?.hasSuffix(".swift") == true }
        }.sorted()
    }

    /// The warning for `folders`, or `nil` when there are none.
    static func warning(for folders: [String]) -> String? {
        guard !folders.isEmpty else { return nil }
        let list = folders.map { "Plugins/\($0)" }.joined(separator: ", ")
        return "warning: \(list) holds Swift sources that this kpi was built without (SwiftPM read Package.swift "
            + "before the folder existed); build once with `swift build --manifest-cache none`, or use scripts/kpi"
    }
}
