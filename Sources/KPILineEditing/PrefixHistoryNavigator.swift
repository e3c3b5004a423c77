/// Up/Down history recall that only visits entries starting with the text left of the cursor
/// (the IPython/Julia behaviour).
///
/// libedit's own `ed-search-prev-history` matches the pattern *anywhere* in an entry (it uses
/// `wcsstr`, then a regex), so `w` + Up would also recall `alpha beta gammadw`; this type keeps
/// the rule exact and testable without a terminal.
struct PrefixHistoryNavigator {
    /// Recallable statements, oldest first.
    private(set) var entries: [String]
    /// The most entries kept.
    let capacity: Int
    private var walk: Walk?

    /// One Up/Down sequence: started by the first Up, continued while the line still shows
    /// what the navigator put there, abandoned as soon as the user edits it.
    private struct Walk {
        var prefix: String
        var original: String
        var index: Int
        var shown: String
    }

    init(entries: [String], capacity: Int) {
        self.capacity = max(1, capacity)
        self.entries = Array(entries.suffix(self.capacity))
    }

    /// Appends a finished statement (a repeat of the newest entry is dropped) and ends any walk.
    mutating func record(_ entry: String) {
        walk = nil
        guard entry != entries.last else { return }
        entries.append(entry)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }

    /// Forgets the current walk (a new line is being read).
    mutating func reset() { walk = nil }

    /// The next older entry starting with the prefix, or nil when there is none (beep).
    ///
    /// - Parameters:
    ///   - line: The whole line as it is now.
    ///   - textBeforeCursor: Becomes the prefix when this Up starts a new walk.
    mutating func older(line: String, textBeforeCursor: String) -> String? {
        var current =
            continuing(line)
            ?? Walk(
                prefix: textBeforeCursor, original: line, index: entries.count, shown: line)
        var index = current.index - 1
        while index >= 0 {
            let entry = entries[index]
            if entry.hasPrefix(current.prefix), entry != current.shown {
                current.index = index
                current.shown = entry
                walk = current
                return entry
            }
            index -= 1
        }
        return nil
    }

    /// The next newer entry starting with the prefix; past the newest, the line as the user
    /// left it. Nil when no walk is in progress (beep).
    mutating func newer(line: String) -> String? {
        guard var current = continuing(line) else { return nil }
        var index = current.index + 1
        while index < entries.count {
            let entry = entries[index]
            if entry.hasPrefix(current.prefix), entry != current.shown {
                current.index = index
                current.shown = entry
                walk = current
                return entry
            }
            index += 1
        }
        walk = nil
        return current.original
    }

    /// The walk in progress, if the line still shows its last result.
    private func continuing(_ line: String) -> Walk? {
        guard let walk, walk.shown == line else { return nil }
        return walk
    }
}
