import Foundation
import Testing

/// Files the tests find in the repository (`mappings/`, `bench/`, `Recipes/`), in the `shared/`
/// checkout that CI clones beside it, and in a test bundle's copied resources.
public enum PackagePaths {
    /// The repository roots to try: the one this file was compiled from, and the same with
    /// symlinks resolved (an isolated workspace links the real test folder in).
    public static func roots(filePath: String = #filePath) -> [URL] {
        let file = URL(fileURLWithPath: filePath)
        // <root>/Tests/KPITestSupport/PackagePaths.swift
        let candidates = [file, file.resolvingSymlinksInPath()].map {
            $0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
        return candidates.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The repository root this support module was compiled in.
    public static var repositoryRoot: URL { roots()[0] }

    /// The first existing `<root>/<relative>` among ``roots(filePath:)``.
    public static func inPackage(_ relative: String) -> URL? {
        roots().map { $0.appendingPathComponent(relative) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The first existing `<root>/../shared/<relative>`.
    public static func inShared(_ relative: String) -> URL? {
        roots().map { $0.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// `<folder>/<relative>` among the resources copied into `bundle` (pass the test target's
    /// `Bundle.module`), failing the test when it is missing.
    public static func fixture(_ relative: String, in bundle: Bundle, folder: String = "Fixtures") throws -> URL {
        let base = try #require(bundle.resourceURL, "the test bundle has no resources")
        let url = base.appendingPathComponent(folder).appendingPathComponent(relative)
        try #require(FileManager.default.fileExists(atPath: url.path), "missing fixture \(url.path)")
        return url
    }
}
