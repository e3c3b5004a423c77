import KPIFuzzChecks
import Testing

/// Every seed and regression input of the fuzz corpus, through the harness's own check
/// (docs/fuzzing.md): a crash or a broken promise the fuzzer once found stays fixed.
@Suite("Fuzz corpus replay: CSV, JSON and mapping files")
struct FuzzCorpusReplayTests {
    @Test("the csv corpus keeps every promise", arguments: FuzzCorpus.files("csv"))
    func csv(_ name: String) throws {
        #expect(CSVFuzzCheck.check(try FuzzCorpus.bytes("csv", name), chunkCounts: CSVFuzzCheck.chunkCounts) == [], "Fuzz/corpus/csv/\(name)")
    }

    @Test("the json corpus keeps every promise", arguments: FuzzCorpus.files("json"))
    func json(_ name: String) throws {
        #expect(JSONFuzzCheck.check(try FuzzCorpus.bytes("json", name)) == [], "Fuzz/corpus/json/\(name)")
    }

    @Test("the mapping corpus keeps every promise", arguments: FuzzCorpus.files("mapping"))
    func mapping(_ name: String) throws {
        #expect(MappingFuzzCheck.check(try FuzzCorpus.bytes("mapping", name)) == [], "Fuzz/corpus/mapping/\(name)")
    }
}
