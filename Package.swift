// swift-tools-version:6.1
//
// KPIKit — a Swift toolkit and interactive shell for sales and lead-management KPIs.
//
// Targets, bottom to top (imports point downwards only):
//
//   KPICore      values, units, columnar tables, canonical schema + mapping, KPI/KPIModule/DataAdapter, registry
//   KPIAdapters  CSV, JSON, SQLite readers (DataAdapter implementations)
//   KPIFormula   the formula language: lexer → parser → binder → planner (IR) → executor
//   KPICatalog   built-in KPI modules, registered exactly like plugins
//   KPIDemo      the deterministic demo CRM
//   KPIEngine    a session: loaded data, definitions, evaluation — the API the REPL, CLI and tests drive
//   KPIRepl      the shell: statements, commands, rendering, recipes, the read–evaluate–print loop (no C)
//   KPILineEditing  libedit line editing, history, Ctrl-C, the terminal's size
//   kpi          the command-line tool;  kpi-bench  the benchmark figures
//   KPIFuzzChecks  the fuzz harnesses' checks (Fuzz/Checks), replayed by the tests over Fuzz/corpus
//   KPIKitTesting  conformance checks for plugin authors' modules and adapters (KPICore only)
//   KPITestSupport the repository's own test helpers (Tests/KPITestSupport), used by test targets only
import Foundation
import PackageDescription

// Swift plugins: every folder directly under Plugins/ that holds Swift sources becomes a target
// (depending on KPICore only) linked into `kpi`; the RegisterPlugins build-tool plugin then
// generates the list that registers each folder's `<Folder>Module()`. Adding the folder is the
// only change a plugin needs (docs/writing-a-kpi-module.md).
let swiftPluginFolders: [String] = {
    let root = URL(fileURLWithPath: Context.packageDirectory).appendingPathComponent("Plugins")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return names.filter { name in
        guard let files = FileManager.default.enumerator(atPath: root.appendingPathComponent(name).path) else { return false }
        return files.contains { ($0 as? String)?.hasSuffix(".swift") == true }
    }.sorted()
}()

let package = Package(
    name: "KPIKit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kpi", targets: ["kpi"]),
        .library(name: "KPICore", targets: ["KPICore"]),
        .library(name: "KPIEngine", targets: ["KPIEngine"]),
        .library(name: "KPIKitTesting", targets: ["KPIKitTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .target(name: "KPICore"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "KPIAdapters", dependencies: ["KPICore", "CSQLite"]),
        .target(name: "KPIFormula", dependencies: ["KPICore"]),
        .target(name: "KPICatalog", dependencies: ["KPICore", "KPIFormula"]),
        .target(name: "KPIDemo", dependencies: ["KPICore"]),
        .target(name: "KPIEngine", dependencies: ["KPICore", "KPIFormula"]),
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "CEditShim", dependencies: ["CLibEdit"]),
        .target(name: "KPIRepl", dependencies: ["KPIEngine", "KPIFormula", "KPICore"]),
        .target(name: "KPILineEditing", dependencies: ["KPIRepl", "KPICore", "CEditShim", "CLibEdit"]),
        .executableTarget(
            name: "kpi",
            dependencies: [
                "KPILineEditing", "KPIRepl", "KPIEngine", "KPICatalog", "KPIAdapters", "KPIDemo", "KPICore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + swiftPluginFolders.map { .target(name: $0) },
            plugins: [.plugin(name: "RegisterPlugins")]
        ),
        .plugin(
            name: "RegisterPlugins", capability: .buildTool(), dependencies: ["PluginListGenerator"],
            path: "BuildPlugins/RegisterPlugins"),
        .executableTarget(name: "PluginListGenerator", path: "BuildPlugins/PluginListGenerator"),
        .executableTarget(name: "kpi-bench", dependencies: ["KPIAdapters", "KPIEngine", "KPICatalog", "KPICore", "KPIFormula"]),
        // The fuzz harnesses' checks (Fuzz/Checks), which the test suite replays over Fuzz/corpus.
        .target(
            name: "KPIFuzzChecks", dependencies: ["KPICore", "KPIAdapters", "KPIFormula", "KPICatalog", "KPIEngine", "KPIRepl"],
            path: "Fuzz/Checks"),
        // Swift Testing comes with the toolchain, so importing it needs no package dependency.
        .target(name: "KPIKitTesting", dependencies: ["KPICore"]),
        .target(
            name: "KPITestSupport", dependencies: ["KPICore", "KPIAdapters", "KPIFormula", "KPICatalog", "KPIKitTesting"],
            path: "Tests/KPITestSupport"),
        .testTarget(name: "KPITestSupportTests", dependencies: ["KPITestSupport", "KPIKitTesting", "KPICatalog", "KPIAdapters", "KPICore"]),
        .testTarget(name: "KPICoreTests", dependencies: ["KPICore", "KPITestSupport"]),
        .testTarget(
            name: "KPIAdaptersTests", dependencies: ["KPIAdapters", "KPICore", "CSQLite", "KPIFuzzChecks", "KPIKitTesting", "KPITestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "KPIFormulaTests", dependencies: ["KPIFormula", "KPICore", "KPIFuzzChecks", "KPITestSupport"]),
        .testTarget(
            name: "KPIEngineTests",
            dependencies: [
                "KPIEngine", "KPICatalog", "KPIAdapters", "KPIDemo", "KPICore", "KPIFormula", "CSQLite", "KPIFuzzChecks", "KPITestSupport",
            ],
            exclude: ["Reference"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "KPIReplTests",
            dependencies: [
                "KPIRepl", "KPIEngine", "KPICatalog", "KPIAdapters", "KPIDemo", "KPICore", "KPIFormula", "KPIFuzzChecks", "KPITestSupport",
            ],
            resources: [.copy("Transcripts")]),
        .testTarget(name: "KPILineEditingTests", dependencies: ["KPILineEditing", "KPIRepl", "KPICore", "KPITestSupport"]),
        .testTarget(name: "KPIDemoTests", dependencies: ["KPIDemo", "KPICore"]),
        .testTarget(
            name: "KPICatalogTests",
            dependencies: ["KPICatalog", "KPIEngine", "KPIFormula", "KPIAdapters", "KPIDemo", "KPICore", "KPITestSupport"]),
        .testTarget(name: "kpiTests", dependencies: ["kpi", "KPITestSupport"]),
        // The example plugins checked with KPIKitTesting, as a plugin author would check theirs.
        .testTarget(
            name: "PluginTests",
            dependencies: ["KPIKitTesting", "KPICore", "KPITestSupport"] + swiftPluginFolders.map { .target(name: $0) },
            resources: [.copy("Fixtures")]),
    ] + swiftPluginFolders.map { .target(name: $0, dependencies: ["KPICore"], path: "Plugins/\($0)") },
    swiftLanguageModes: [.v6]
)

// Every Swift target: a file uses only the modules it imports itself (not ones another file of
// the target happens to import), so moving a file never breaks on a missing import.
for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
