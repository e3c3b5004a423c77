import Foundation
import KPICore
import KPITestSupport
import Testing

@Suite("Test helpers")
struct HelperTests {
    @Test("SplitMix64 gives the reference sequence for seed 0 and repeats for the same seed")
    func splitMix() {
        var mixer = SplitMix64(seed: 0)
        #expect(mixer.next() == 0xE220_A839_7B1D_CDAF)
        #expect(mixer.next() == 0x6E78_9E6A_A1B9_65F4)
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        #expect((0..<20).map { _ in a.int(0...1000) } == (0..<20).map { _ in b.int(0...1000) })
    }

    @Test("CSV records: quotes, doubled quotes, line breaks in quotes, one final line break")
    func csvRecords() throws {
        #expect(
            try CSVRecords.records("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\n") == [
                ["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", ""],
            ])
        #expect(try CSVRecords.records("a\n\n") == [["a"], [""]])
        #expect(throws: CSVRecords.Malformed.self) { try CSVRecords.records("a\"b") }
        #expect(throws: CSVRecords.Malformed.self) { try CSVRecords.records("\"open") }
    }

    @Test("a temporary directory holds what is written and is gone once released")
    func temporaryDirectory() throws {
        var folder: TemporaryDirectory? = try TemporaryDirectory("kpikit-helper-test")
        let url = try #require(folder?.url)
        try folder?.write("b.txt", "2")
        try folder?.write("a.txt", bytes: Data([0x31]))
        #expect(try folder?.listing() == ["a.txt", "b.txt"])
        #expect(try String(contentsOfFile: url.appendingPathComponent("b.txt").path, encoding: .utf8) == "2")
        folder = nil
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test("package paths find the repository root, its files, and nothing that is not there")
    func packagePaths() {
        #expect(FileManager.default.fileExists(atPath: PackagePaths.repositoryRoot.appendingPathComponent("Package.swift").path))
        #expect(PackagePaths.inPackage("mappings/maven-crm.json") != nil)
        #expect(PackagePaths.inPackage("no/such/file") == nil)
    }

    @Test("the standard registry holds the built-in adapters and modules, in kpi's order")
    func standardRegistry() throws {
        let registry = try StandardRegistry.make()
        #expect(registry.modules.first?.name == "adapters")
        #expect(registry.adapters.map(\.adapter.name).starts(with: ["csv", "json", "sqlite"]))
        let modulesOnly = try StandardRegistry.modulesOnly()
        #expect(modulesOnly.adapters.isEmpty)
        #expect(modulesOnly.kpiIDs == registry.kpiIDs)
    }
}
