import KPIFuzzChecks
import Testing

/// Every seed and regression input of the fuzz corpus, through the harness's own check
/// (docs/fuzzing.md): a crash or a broken promise the fuzzer once found stays fixed.
@Suite("Fuzz corpus replay: formulas")
struct FuzzCorpusReplayTests {
    @Test("the formula corpus keeps every promise", arguments: FuzzCorpus.files("formula"))
    func formula(_ name: String) throws {
        #expect(FormulaFuzzCheck.check(try FuzzCorpus.bytes("formula", name)) == [], "Fuzz/corpus/formula/\(name)")
    }
}
