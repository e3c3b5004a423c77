import KPIFuzzChecks
import Testing

/// Every seed and regression input of the fuzz corpus, through the harness's own check
/// (docs/fuzzing.md): a crash or a broken promise the fuzzer once found stays fixed.
@Suite("Fuzz corpus replay: recipes")
struct FuzzCorpusReplayTests {
    @Test("the recipe corpus keeps every promise", arguments: FuzzCorpus.files("recipe"))
    func recipe(_ name: String) throws {
        #expect(RecipeFuzzCheck.check(try FuzzCorpus.bytes("recipe", name)) == [], "Fuzz/corpus/recipe/\(name)")
    }
}
