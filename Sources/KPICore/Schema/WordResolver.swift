/// Turns a bound text column into canonical words: mapping-file values first, then the column's
/// vocabulary; for `leads.status`, boolean outcome flags (`IsWon`, `IsClosed`, `Is Closed Won`)
/// win over stage names where they are set.
///
/// Unknown values are kept exactly as loaded and counted, never dropped.
struct WordResolver {
    /// Outcome flags found next to a status column, coerced to bool.
    struct Flags {
        /// `IsWon` or `Is Closed Won`.
        var won: Column?
        /// `IsClosed`.
        var closed: Column?

        var isEmpty: Bool { won == nil && closed == nil }
        var columnNames: [String] { [won?.name, closed?.name].compactMap { $0 } }

        /// Flag keys, best first.
        static let wonKeys = ["iswon", "isclosedwon"]
        static let closedKeys = ["isclosed"]
    }

    /// The resolved column, the count of rows whose value was translated, and the unknown values.
    struct Result {
        var column: Column
        var translatedRowCount: Int
        var unknown: UnknownValues?
    }

    var field: String
    var vocabulary: ValueVocabulary?
    var mapping: TableMapping?
    var flags: Flags

    /// Resolves `column` (text, already coerced), or builds the field from flags alone when it is `nil`.
    func resolve(_ column: Column?, name: String, rowCount: Int) -> Result {
        var perCode: [(word: String, translated: Bool, known: Bool)] = []
        var codes = ContiguousArray<Int32>(repeating: -1, count: rowCount)
        if let column, case .text(let c, let dictionary) = column.data {
            codes = c
            perCode = dictionary.map(translate)
            for row in 0..<rowCount where column.isNull(row) { codes[row] = -1 }
        }
        var builder = TextDictionaryBuilder()
        var out = ContiguousArray<Int32>(repeating: -1, count: rowCount)
        var validity = Bitmap(count: rowCount, allSet: true)
        var translated = 0
        var unknownCounts: [Int32: Int] = [:]
        var unknownOrder: [Int32] = []
        for row in 0..<rowCount {
            if let word = flagWord(row: row) {
                out[row] = builder.code(for: word)
                continue
            }
            let code = codes[row]
            guard code >= 0 else {
                validity[row] = false
                continue
            }
            let entry = perCode[Int(code)]
            out[row] = builder.code(for: entry.word)
            if entry.translated { translated += 1 }
            if !entry.known {
                if unknownCounts[code] == nil { unknownOrder.append(code) }
                unknownCounts[code, default: 0] += 1
            }
        }
        let unknown =
            unknownOrder.isEmpty
            ? nil
            : UnknownValues(field: field, counts: unknownOrder.map { (perCode[Int($0)].word, unknownCounts[$0] ?? 0) })
        let resolved = Column(name: name, data: .text(codes: out, dictionary: builder.dictionary), validity: validity)
        return Result(column: resolved, translatedRowCount: translated, unknown: unknown)
    }

    /// The word for one loaded value: `(word, whether it changed, whether it is known)`.
    private func translate(_ value: String) -> (word: String, translated: Bool, known: Bool) {
        if let word = mapping?.mappedValue(value, field: field) { return (word, word != value, true) }
        guard let vocabulary else { return (value, false, true) }
        if let word = vocabulary.canonicalWord(for: value) { return (word, word != value, true) }
        return (value, false, false)
    }

    /// The outcome the flags give for `row`, or `nil` when the stage name decides.
    ///
    /// `IsWon` true → won; `IsClosed` true with `IsWon` false → lost; `IsClosed` false → an open
    /// opportunity. Otherwise (only `Is Closed Won` and it is false, `IsClosed` alone and true, or no
    /// flag set) the stage name decides.
    private func flagWord(row: Int) -> String? {
        guard !flags.isEmpty else { return nil }
        let won = flags.won.flatMap(Self.bool(row: row))
        let closed = flags.closed.flatMap(Self.bool(row: row))
        if won == true { return "won" }
        if closed == true, won == false { return "lost" }
        if closed == false { return "opportunity" }
        return nil
    }

    private static func bool(row: Int) -> (Column) -> Bool? {
        { column in
            guard !column.isNull(row), case .bool(let values) = column.data else { return nil }
            return values[row]
        }
    }
}
