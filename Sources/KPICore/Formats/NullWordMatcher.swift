/// ``NullWords`` compared against a value's bytes, for the per-value loops of coercion.
///
/// `NullWords.contains` builds a lower-cased `String` for every value it sees; a column of a
/// million distinct dates would pay that a million times. The matcher rejects most values by
/// their length alone and compares the rest byte by byte, ignoring ASCII case; only a short value
/// with non-ASCII bytes goes to `NullWords` itself, for Unicode case folding.
struct NullWordMatcher {
    /// The words' bytes, lower case, in one buffer: word `k` is `bytes[starts[k] ..< starts[k + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int]
    /// Bit `n` is set when some word has `n` bytes (`n` < 64): most values are rejected by it.
    private let lengths: UInt64
    private let nullWords: NullWords
    /// Whether `NA` is kept as text: text targets keep it, since it can be a region.
    private let keepsNA: Bool

    init(_ nullWords: NullWords, keepingNA: Bool = false) {
        self.nullWords = nullWords
        self.keepsNA = keepingNA
        let words = nullWords.words.filter { !(keepingNA && $0 == "na") }.map { Array($0.utf8) }
        bytes = words.flatMap { $0 }
        starts = words.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        // Upper-case non-ASCII letters can be a few bytes longer than their lower case.
        lengths = words.reduce(UInt64(0)) { mask, word in
            (0...4).reduce(mask) { $0 | (word.count + $1 < 64 ? 1 << UInt64(word.count + $1) : 0) }
        }
    }

    /// Whether the trimmed bytes under `cursor` are a null word.
    func matches(_ cursor: ByteCursor) -> Bool {
        let n = cursor.end - cursor.index
        guard n > 0, n < 64, lengths & (1 << UInt64(n)) != 0 else { return false }
        for k in 0..<(starts.count - 1) where starts[k + 1] - starts[k] == n && equalIgnoringASCIICase(cursor, k) {
            return true
        }
        // Unicode case folding only for short non-ASCII values without digits: no null word has
        // both, and `€12` must not cost a `String`.
        var nonASCII = false
        for k in cursor.index..<cursor.end {
            let b = cursor.bytes[k]
            if ByteCursor.isDigit(b) { return false }
            if b >= 0x80 { nonASCII = true }
        }
        if nonASCII {
            let text = String(
                decoding: UnsafeBufferPointer(rebasing: cursor.bytes[cursor.index..<cursor.end]), as: UTF8.self)
            return nullWords.contains(text) && !(keepsNA && NullWords.key(text) == "na")
        }
        return false
    }

    private func equalIgnoringASCIICase(_ cursor: ByteCursor, _ word: Int) -> Bool {
        let from = starts[word]
        for k in 0..<(starts[word + 1] - from) {
            var b = cursor.bytes[cursor.index + k]
            if b &- 65 < 26 { b |= 0x20 }
            if b != bytes[from + k] { return false }
        }
        return true
    }
}
