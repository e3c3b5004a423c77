/// ``NullWords`` compared against a value's bytes, for the per-value loops of coercion.
///
/// `NullWords.contains` builds a lower-cased `String` for every value it sees; a column of a
/// million distinct dates would pay that a million times. The matcher rejects most values by
/// their length alone and compares the rest byte by byte, ignoring ASCII case; only a short value
/// with non-ASCII bytes goes to `NullWords` itself, for Unicode case folding.
struct NullWordMatcher {
    private let words: [[UInt8]]
    private let maxLength: Int
    private let nullWords: NullWords
    /// Whether `NA` is kept as text: text targets keep it, since it can be a region.
    private let keepsNA: Bool

    init(_ nullWords: NullWords, keepingNA: Bool = false) {
        self.nullWords = nullWords
        self.keepsNA = keepingNA
        words = nullWords.words.filter { !(keepingNA && $0 == "na") }.map { Array($0.utf8) }
        // Upper-case non-ASCII letters can be a few bytes longer than their lower case.
        maxLength = (words.map(\.count).max() ?? 0) + 4
    }

    /// Whether the trimmed bytes under `cursor` are a null word.
    func matches(_ cursor: ByteCursor) -> Bool {
        let n = cursor.end - cursor.index
        guard n > 0, n <= maxLength else { return false }
        for word in words where word.count == n && equalIgnoringASCIICase(cursor, word) { return true }
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

    private func equalIgnoringASCIICase(_ cursor: ByteCursor, _ word: [UInt8]) -> Bool {
        for k in 0..<word.count {
            var b = cursor.bytes[cursor.index + k]
            if b &- 65 < 26 { b |= 0x20 }
            if b != word[k] { return false }
        }
        return true
    }
}
