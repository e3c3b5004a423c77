import KPIFuzzChecks
import Testing

/// Every seed and regression input of the fuzz corpus, through the harness's own check
/// (docs/fuzzing.md): a crash or a broken promise the fuzzer once found stays fixed.
@Suite("Fuzz corpus replay: script modules")
struct FuzzCorpusReplayTests {
    @Test("the script-module corpus keeps every promise", arguments: FuzzCorpus.files("script-module"))
    func scriptModule(_ name: String) throws {
        #expect(ScriptModuleFuzzCheck.check(try FuzzCorpus.bytes("script-module", name)) == [], "Fuzz/corpus/script-module/\(name)")
    }
}
