import Foundation
import Testing

@Suite("Plugins in the kpi tool")
struct PluginCLITests {
    @Test("kpi modules --format json lists built-in, Swift plugin and --plugins script modules with their origins")
    func modulesJSON() throws {
        let scratch = try TemporaryDirectory()
        let path = try scratch.write("ops.kpi", "module ops version 2.1.0 \"Ops\"\nkpi ops_lead_count = count(leads)\n")
        let run = try CLI.run(["modules", "--format", "json", "--plugins", scratch.url.path])
        #expect(run.status == 0, "\(run)")
        let modules = try #require(try run.jsonObject()["modules"] as? [[String: Any]])
        let byName = Dictionary(modules.map { (($0["name"] as? String) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["sales"]?["kind"] as? String == "built-in")
        #expect(byName["saas-metrics"]?["origin"] as? String == "Swift plugin SaaSMetrics")
        #expect((byName["saas-metrics"]?["kpis"] as? [String])?.contains("mrr") == true)
        let ops = try #require(byName["ops"])
        #expect(ops["kind"] as? String == "script-plugin")
        #expect(ops["version"] as? String == "2.1.0")
        #expect(
            (ops["path"] as? String).map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                == URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        #expect(ops["kpis"] as? [String] == ["ops_lead_count"])
    }

    @Test("a broken script module is reported with file:line and the tool keeps working")
    func brokenScript() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("bad.kpi", "module bad\nkpi fine_count = count(leads)\nkpi broken = count(leads where colour = \"red\")\n")
        let run = try CLI.run(["eval", "fine_count", "--plugins", scratch.url.path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("bad.kpi:3:"), "\(run)")
        #expect(run.stderr.contains("error[formula.unknown-field]"), "\(run)")
    }

    @Test("a Plugins/ folder of Swift sources that kpi was built without is reported, not silently left out")
    func uncompiledPluginFolder() throws {
        let scratch = try TemporaryDirectory()
        let folder = scratch.url.appendingPathComponent("Plugins/NotBuiltYet")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "import KPICore\n".write(to: folder.appendingPathComponent("NotBuiltYetModule.swift"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("Plugins/SaaSMetrics"), withIntermediateDirectories: true)
        try "import KPICore\n".write(
            to: scratch.url.appendingPathComponent("Plugins/SaaSMetrics/SaaSMetricsModule.swift"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["eval", "count(leads)"], in: scratch.url)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("Plugins/NotBuiltYet holds Swift sources that this kpi was built without"), "\(run)")
        #expect(run.stderr.contains("--manifest-cache none"), "\(run)")
        // A folder that is built in is not reported.
        #expect(!run.stderr.contains("Plugins/SaaSMetrics"), "\(run)")
    }

    @Test("the shipped SaaS module runs MRR by month on the demo data")
    func saasOnDemo() throws {
        let run = try CLI.run(["eval", "mrr by month", "--format", "csv"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.split(separator: "\n").count > 12, "\(run)")
    }

    /// Copies the package (without `.build` and `.git`) to a scratch folder that keeps its
    /// `.build` between runs, adds a Swift module folder, builds `kpi` there and asks it.
    @Test(
        "a new folder under Plugins/ is compiled into kpi and listed with origin 'Swift plugin <Name>'",
        .enabled(if: ProcessInfo.processInfo.environment["KPIKIT_SLOW_TESTS"] != nil), .timeLimit(.minutes(20)))
    func swiftPluginFolder() throws {
        let root = try #require(
            PackagePaths.roots().first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Package.swift").path) })
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kpikit-plugin-build-scratch")
        let fm = FileManager.default
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        for item in try fm.contentsOfDirectory(atPath: scratch.path) where item != ".build" {
            try fm.removeItem(at: scratch.appendingPathComponent(item))
        }
        for item in try fm.contentsOfDirectory(atPath: root.path) where ![".build", ".git", ".swiftpm"].contains(item) {
            try fm.copyItem(at: root.appendingPathComponent(item), to: scratch.appendingPathComponent(item))
        }
        let folder = scratch.appendingPathComponent("Plugins/ScratchProbe")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        import KPICore

        public struct ScratchProbeModule: KPIModule {
            public let name = "scratch-probe"
            public let version = "0.1.0"
            public let summary = "A module added by dropping a folder into Plugins/"
            public init() {}
            public func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
                registrar.add(FormulaKPI(
                    id: "scratch_probe_leads", title: "Probe", summary: "Leads.", unit: .count, direction: .neutral,
                    dateBasis: FieldPath("leads", "created_at"), requirements: [FieldPath("leads", "created_at")],
                    formula: "count(leads)"))
            }
        }
        """.write(to: folder.appendingPathComponent("ScratchProbe.swift"), atomically: true, encoding: .utf8)
        let started = Date()
        // The manifest lists Plugins/ when evaluated; SwiftPM caches that evaluation by the manifest's text.
        let build = try CLI.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            ["swift", "build", "--package-path", scratch.path, "--product", "kpi", "--manifest-cache", "none"], timeout: 1200)
        #expect(build.status == 0, "\(build)")
        print("scratch build of kpi with a new plugin folder: \(Int(Date().timeIntervalSince(started))) s")
        let list = try CLI.run(executable: scratch.appendingPathComponent(".build/debug/kpi"), ["list", "--format", "json"])
        #expect(list.status == 0, "\(list)")
        let kpis = try #require(try list.jsonObject()["kpis"] as? [[String: Any]])
        let probe = try #require(kpis.first { $0["id"] as? String == "scratch_probe_leads" }, "\(list.stdout.prefix(400))")
        #expect(probe["origin"] as? String == "Swift plugin ScratchProbe")
        #expect(probe["module"] as? String == "scratch-probe")
    }
}
