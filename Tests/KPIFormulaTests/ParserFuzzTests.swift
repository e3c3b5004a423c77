import KPICore
import Testing

@testable import KPIFormula

/// Parses `source`; a failure must be a FormulaError inside the input, and must render.
private func checkSurvives(_ source: String) -> Bool {
    do {
        _ = try Parser.parseStatement(source)
        return true
    } catch {
        let length = source.utf8.count
        let inside = error.range.start >= 0 && error.range.start <= error.range.end && error.range.end <= length
        #expect(inside, "range \(error.range) outside \(length) bytes for \(source.debugDescription)")
        let rendered = error.render(source: source)
        #expect(rendered.hasPrefix("error[\(error.id)]"))
        return false
    }
}

@Suite("Parser fuzzing")
struct ParserFuzzTests {
    @Test("random bytes never crash the lexer or parser", arguments: [7, 8] as [UInt64])
    func randomBytes(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let alphabet = Array("abcxyz_019 .,()=<>!+-*/%'\"`\\\n\t:;#€éQTZ".utf8) + [0xC3, 0xFF, 0x80]
        for _ in 0..<3_000 {
            let bytes = (0..<random.int(0...40)).map { _ in random.pick(alphabet) }
            _ = checkSurvives(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test("random token soups never crash and sometimes parse", arguments: [21, 22, 23] as [UInt64])
    func tokenSoup(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let words = [
            "count", "(", ")", "leads", "where", "status", "=", "\"won\"", "/", "by", "rep", ",", "month", "during", "2024-Q2",
            "last", "6", "months", "top", "5", "limit", "not", "and", "or", "in", "between", "is", "null", "exists",
            "activities", "of", "let", "kpi", "explain", "unit", "ratio", "higher", "is", "better", "25%", "48h", "2024-10",
            "2024-03-01", "from", "to", "-", "*", "+", "distinct", "starts", "with", "contains", "`a b`", ".", "<>", "this", "ytd",
            "true", "-- note\n", "percentile", "0.9", "'x'",
        ]
        var parsed = 0
        for _ in 0..<3_000 {
            let source = (0..<random.int(1...14)).map { _ in random.pick(words) }.joined(separator: random.chance(0.8) ? " " : "")
            if checkSurvives(source) { parsed += 1 }
        }
        #expect(parsed > 0)
    }

    @Test("mutated guide examples never crash", arguments: [31] as [UInt64])
    func mutatedExamples(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<3_000 {
            var bytes = Array(random.pick(LanguageExamples.all).utf8)
            for _ in 0..<random.int(1...3) {
                guard !bytes.isEmpty else { break }
                let i = random.int(0...bytes.count - 1)
                switch random.int(0...2) {
                case 0: bytes.remove(at: i)
                case 1: bytes.insert(random.pick(Array("()\",=-`'".utf8)), at: i)
                default: bytes = Array(bytes[..<i])
                }
            }
            _ = checkSurvives(String(decoding: bytes, as: UTF8.self))
        }
    }
}
