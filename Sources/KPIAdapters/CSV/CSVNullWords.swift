import KPICore

/// ``NullWords`` matched against a cell's bytes, for the typed column builders: a cell that is not
/// a number, date or boolean is checked here before the column gives up its type.
///
/// Only the failure path calls it, so a clean column never pays for it.
struct CSVNullWords: Sendable {
    /// The words, lower-cased, as UTF-8.
    private let words: [[UInt8]]
    private let maxLength: Int

    /// The built-in words, made once: building them for every file took a tenth of a tiny file's parse.
    static let standard = CSVNullWords(.standard)

    init(_ nullWords: NullWords = .standard) {
        words = nullWords.words.map { Array($0.utf8) }
        maxLength = words.map(\.count).max() ?? 0
    }

    /// Whether bytes `[start, end)` of `p`, without surrounding spaces and ignoring ASCII case,
    /// are one of the words.
    func matches(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var e = end
        CSVCellParsers.trim(p, &i, &e)
        let n = e - i
        guard n > 0, n <= maxLength else { return false }
        for word in words where word.count == n {
            var k = 0
            while k < n {
                var b = p[i + k]
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != word[k] { break }
                k += 1
            }
            if k == n { return true }
        }
        return false
    }
}
