/// A text column seen through its dictionary: the codes, the distinct values, and how many
/// non-null rows use each value.
///
/// Coercion parses each distinct value once and weighs it by its row count; only issues are
/// per row.
struct TextEntries {
    let name: String
    let codes: ContiguousArray<Int32>
    let dictionary: [String]
    /// Non-null rows per dictionary entry.
    let weights: [Int]
    /// The source column's validity.
    let validity: Bitmap?

    init(name: String, codes: ContiguousArray<Int32>, dictionary: [String], validity: Bitmap?) {
        self.name = name
        self.codes = codes
        self.dictionary = dictionary
        self.validity = validity
        var weights = [Int](repeating: 0, count: dictionary.count)
        codes.withUnsafeBufferPointer { codes in
            if let validity {
                for row in codes.indices where codes[row] >= 0 && validity.isSet(row) { weights[Int(codes[row])] += 1 }
            } else {
                for code in codes where code >= 0 { weights[Int(code)] += 1 }
            }
        }
        self.weights = weights
    }

    /// The column's text entries, or `nil` when it is not a text column.
    init?(_ column: Column) {
        guard case .text(let codes, let dictionary) = column.data else { return nil }
        self.init(name: column.name, codes: codes, dictionary: dictionary, validity: column.validity)
    }

    /// The dictionary indices some row uses.
    var usedIndices: [Int] { weights.indices.filter { weights[$0] > 0 } }
}

/// The status of an entry: a value, blank, a null word, or (from ``firstIssue``) the index of an
/// issue's detail.
private enum Status {
    static let value: UInt16 = 0
    static let blank: UInt16 = 1
    static let nullWord: UInt16 = 2
    static let firstIssue: UInt16 = 3
}

/// What each distinct value of a text column reads as: a value, nothing (blank or a null word),
/// or an issue with a detail shared by the values that have it.
struct EntryReadings<T> {
    private(set) var values: [T]
    private var status: [UInt16]
    private var details: [String] = []

    /// Readings for `count` entries, all blank until set.
    init(count: Int, placeholder: T) {
        values = [T](repeating: placeholder, count: count)
        status = [UInt16](repeating: Status.blank, count: count)
    }

    mutating func set(_ index: Int, value: T) {
        values[index] = value
        status[index] = Status.value
    }

    mutating func setNullWord(_ index: Int) { status[index] = Status.nullWord }

    mutating func setBlank(_ index: Int) { status[index] = Status.blank }

    /// Marks entry `index` unreadable, for the reason `detail` (a column has only a few).
    mutating func setIssue(_ index: Int, _ detail: String) {
        var k = details.lastIndex(of: detail)
        if k == nil {
            details.append(detail)
            k = details.count - 1
        }
        status[index] = Status.firstIssue + UInt16(min(k!, Int(UInt16.max - Status.firstIssue)))
    }

    /// Whether entry `index` reads as a value.
    func isValue(_ index: Int) -> Bool { status[index] == Status.value }

    /// Whether entry `index` is an issue.
    func isIssue(_ index: Int) -> Bool { status[index] >= Status.firstIssue }

    /// The same statuses with each value transformed.
    func mapValues<U>(placeholder: U, _ transform: (T) -> U) -> EntryReadings<U> {
        var mapped = EntryReadings<U>(count: values.count, placeholder: placeholder)
        mapped.status = status
        mapped.details = details
        for i in values.indices where status[i] == Status.value { mapped.values[i] = transform(values[i]) }
        return mapped
    }

    /// Builds the typed column and the issues, one pass over the rows.
    func assemble(
        _ entries: TextEntries, placeholder: T, kind: CellIssue.Kind, wrap: (ContiguousArray<T>) -> ColumnData
    ) -> (column: Column, issues: [CellIssue]) {
        let count = entries.codes.count
        var out = ContiguousArray<T>(repeating: placeholder, count: count)
        var words = ContiguousArray<UInt64>(repeating: 0, count: (count + 63) >> 6)
        var issues: [CellIssue] = []
        let validity = entries.validity
        // The hot loop of a large column with few distinct values: unchecked buffers, one
        // status load per row.
        entries.codes.withUnsafeBufferPointer { codes in
            status.withUnsafeBufferPointer { status in
                values.withUnsafeBufferPointer { values in
                    out.withUnsafeMutableBufferPointer { out in
                        words.withUnsafeMutableBufferPointer { words in
                            for row in 0..<count {
                                let code = Int(codes[row])
                                guard code >= 0 else { continue }
                                if let validity, !validity.isSet(row) { continue }
                                let s = status[code]
                                if s == Status.value {
                                    out[row] = values[code]
                                    words[row >> 6] |= 1 << UInt64(row & 63)
                                } else if s == Status.nullWord {
                                    issues.append(
                                        CellIssue(row: row, column: 0, kind: .nullWord, value: entries.dictionary[code])
                                    )
                                } else if s >= Status.firstIssue {
                                    issues.append(
                                        CellIssue(
                                            row: row, column: 0, kind: kind, value: entries.dictionary[code],
                                            detail: details[Int(s - Status.firstIssue)]))
                                }
                            }
                        }
                    }
                }
            }
        }
        let column = Column(name: entries.name, data: wrap(out), validity: Bitmap(words: words, count: count))
        return (column, issues)
    }
}
