import KPICore

/// Builds KPICore columns straight from the simulation's typed arrays, in which `-1` marks a
/// missing value (all real values are non-negative: ids, seconds, cents, counts, codes).
enum ColumnBuilder {
    /// An integer column without nulls.
    static func int(_ name: String, _ values: ContiguousArray<Int64>) -> Column {
        Column(name: name, data: .int(values))
    }

    /// An integer column; negative entries are null.
    static func optionalInt(_ name: String, _ values: ContiguousArray<Int64>) -> Column {
        Column(name: name, data: .int(ContiguousArray(values.lazy.map { max($0, 0) })), validity: presence(values))
    }

    /// Row numbers `1...count`, for ids.
    static func ids(_ name: String, count: Int) -> Column {
        int(name, ContiguousArray((0..<count).lazy.map { Int64($0) + 1 }))
    }

    /// Ids looked up by index: `indexes` point into rows numbered from 1.
    static func ids(_ name: String, indexes: ContiguousArray<Int32>) -> Column {
        int(name, ContiguousArray(indexes.lazy.map { Int64($0) + 1 }))
    }

    /// A timestamp column from seconds since the epoch; negative entries are null.
    static func timestamp(_ name: String, seconds: ContiguousArray<Int64>) -> Column {
        let milliseconds = ContiguousArray(seconds.lazy.map { $0 >= 0 ? $0 * Time.millisecondsPerSecond : 0 })
        return Column(name: name, data: .timestamp(milliseconds), validity: presence(seconds))
    }

    /// A money column from whole cents; negative entries are null.
    static func money(_ name: String, cents: ContiguousArray<Int64>) -> Column {
        // Dividing the exact integer by 100 gives the double nearest to the 2-decimal amount.
        let amounts = ContiguousArray(cents.lazy.map { $0 >= 0 ? Double($0) / 100 : 0 })
        return Column(name: name, data: .double(amounts), validity: presence(cents))
    }

    /// A boolean column without nulls.
    static func bool(_ name: String, _ values: ContiguousArray<Bool>) -> Column {
        Column(name: name, data: .bool(values))
    }

    /// A text column from codes into `vocabulary` (`-1` = null). The dictionary keeps the
    /// vocabulary's order but only the words that occur, so listing distinct values never shows
    /// a word with no rows.
    static func text(_ name: String, codes: ContiguousArray<Int32>, vocabulary: [String]) -> Column {
        var used = [Bool](repeating: false, count: vocabulary.count)
        for code in codes where code >= 0 { used[Int(code)] = true }
        var remap = [Int32](repeating: -1, count: vocabulary.count)
        var dictionary: [String] = []
        for (code, word) in vocabulary.enumerated() where used[code] {
            remap[code] = Int32(dictionary.count)
            dictionary.append(word)
        }
        let compact = ContiguousArray(codes.lazy.map { $0 >= 0 ? remap[Int($0)] : -1 })
        return Column(name: name, data: .text(codes: compact, dictionary: dictionary), validity: presence(codes))
    }

    /// Validity: set where the value is non-negative. Concrete overloads rather than one generic
    /// function, because generic integer comparisons are very slow in debug builds.
    private static func presence(_ values: ContiguousArray<Int64>) -> Bitmap {
        var bits = Bitmap(count: values.count, allSet: true)
        for row in values.indices where values[row] < 0 { bits[row] = false }
        return bits
    }

    private static func presence(_ values: ContiguousArray<Int32>) -> Bitmap {
        var bits = Bitmap(count: values.count, allSet: true)
        for row in values.indices where values[row] < 0 { bits[row] = false }
        return bits
    }
}
