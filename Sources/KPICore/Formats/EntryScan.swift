/// The loop over a text column's distinct values that every target shares: each value some row
/// uses, once, trimmed; blanks and null words are marked, the rest go to the target's reader.
struct EntryScan {
    let entries: TextEntries
    let matcher: NullWordMatcher

    init(_ entries: TextEntries, nullWords: NullWords, keepingNA: Bool = false) {
        self.entries = entries
        self.matcher = NullWordMatcher(nullWords, keepingNA: keepingNA)
    }

    /// Marks blank values and null words in `readings` and calls `read` with every other value's
    /// index and trimmed bytes, except those `skipping` marks.
    ///
    /// `mutating` although it changes nothing: the per-value closure then captures `self` by
    /// address; a copy per value would retain every array the matcher and entries hold, which
    /// costs a column of a million distinct values a third of its time.
    mutating func forEachValue<T>(
        into readings: inout EntryReadings<T>, skipping skip: [Bool]? = nil, _ read: (Int, inout ByteCursor) -> Void
    ) {
        for i in entries.weights.indices where entries.weights[i] > 0 && !(skip?[i] ?? false) {
            withTrimmedBytes(entries.dictionary[i]) { c in
                if c.isBlank {
                    readings.setBlank(i)
                } else if matcher.matches(c) {
                    readings.setNullWord(i)
                } else {
                    read(i, &c)
                }
            }
        }
    }
}
