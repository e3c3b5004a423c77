import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// Where recipes are found: `NAME` means `NAME.recipe` in a `Recipes/` folder — the first found
/// walking up from the current directory, then from the executable's folder (so a `kpi` built
/// in a checkout finds the shipped recipes). Anything with a `/` or ending in `.recipe` is a path.
public struct RecipeLibrary: Sendable {
    /// The file extension of recipes.
    public static let fileExtension = "recipe"
    /// The `Recipes/` folders searched, in order.
    public var directories: [URL]

    /// A library over the given folders.
    public init(directories: [URL]) { self.directories = directories }

    /// The `Recipes/` folders above the workspace's current directory and above its executable,
    /// nearest first.
    public static func standard(in workspace: Workspace) -> RecipeLibrary {
        var found: [URL] = []
        for start in [workspace.currentDirectory, workspace.executable?.deletingLastPathComponent()].compactMap({ $0 }) {
            var folder = start.standardizedFileURL
            while true {
                let candidate = folder.appendingPathComponent("Recipes")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue,
                    !found.contains(candidate)
                {
                    found.append(candidate)
                    break
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return RecipeLibrary(directories: found)
    }

    /// The names of the recipes in the library, sorted, without duplicates.
    public func names() -> [String] {
        let all = directories.flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { $0.hasSuffix("." + Self.fileExtension) }
                .map { String($0.dropLast(Self.fileExtension.count + 1)) }
        }
        return Array(Set(all)).sorted()
    }

    /// The file for a name or a path; an unknown name is `recipe.not-found` with the names known.
    public func locate(_ nameOrPath: String) throws(DataError) -> URL {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix("." + Self.fileExtension) {
            guard FileManager.default.fileExists(atPath: nameOrPath) else {
                throw DataError(id: .recipeNotFound, message: "no such recipe file", file: nameOrPath)
            }
            return URL(fileURLWithPath: nameOrPath)
        }
        for directory in directories {
            let url = directory.appendingPathComponent(nameOrPath + "." + Self.fileExtension)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        let known = names()
        let hint = NameSuggester.suggest(nameOrPath, among: known).map { " (did you mean '\($0)'?)" } ?? ""
        let list = known.isEmpty ? "no Recipes/ folder was found" : "known: " + known.joined(separator: ", ")
        throw DataError(id: .recipeNotFound, message: "no recipe '\(nameOrPath)'\(hint); \(list)", file: nameOrPath)
    }

    /// Reads and parses a recipe file; errors carry the path.
    public static func load(_ url: URL) throws(DataError) -> Recipe {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DataError(id: .recipeUnreadable, message: "\(error.localizedDescription)", file: url.path)
        }
        return try RecipeParser.parse(text, file: url.path)
    }
}
