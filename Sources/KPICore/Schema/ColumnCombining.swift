/// Builds bound columns out of others: the first set of several, words from a flag or a rule,
/// values gathered through a link.
enum ColumnCombining {
    /// Per row, the value of the first of `columns` that is set. The columns have one type (they
    /// were coerced to the same field); a text column's dictionary is rebuilt.
    static func firstSet(_ columns: [Column], name: String) -> Column {
        let count = columns[0].count
        var values: [Value] = []
        values.reserveCapacity(count)
        for row in 0..<count {
            values.append(columns.first { !$0.isNull(row) }?.value(at: row) ?? .null)
        }
        return Column(name: name, type: columns[0].type, values: values)
    }

    /// A text column of one word per row of a boolean column; `word(row, flag)` nil leaves the
    /// row null, as does a null flag.
    static func words(fromFlag flag: Column, rowCount: Int, _ word: (Int, Bool) -> String?) -> Column {
        words(rowCount: rowCount) { row in
            guard !flag.isNull(row), case .bool(let values) = flag.data else { return nil }
            return word(row, values[row])
        }
    }

    /// A text column of `word(row)` per row (nil: null).
    static func words(rowCount: Int, _ word: (Int) -> String?) -> Column {
        var builder = TextDictionaryBuilder()
        var codes = ContiguousArray<Int32>(repeating: -1, count: rowCount)
        var validity = Bitmap(count: rowCount, allSet: true)
        for row in 0..<rowCount {
            if let w = word(row) { codes[row] = builder.code(for: w) } else { validity[row] = false }
        }
        return Column(name: "", data: .text(codes: codes, dictionary: builder.dictionary), validity: validity)
    }

    /// Per row, the value of `source` at the row `rowFor` picks (nil: null), in `source`'s type.
    static func gather(_ source: Column, rowCount: Int, rowFor: (Int) -> Int?) -> Column {
        var values: [Value] = []
        values.reserveCapacity(rowCount)
        for row in 0..<rowCount { values.append(rowFor(row).map { source.value(at: $0) } ?? .null) }
        return Column(name: source.name, type: source.type, values: values)
    }
}
