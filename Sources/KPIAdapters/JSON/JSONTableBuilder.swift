/// What one JSON cell held. The raw values stay byte ranges until the column's type is known.
enum JSONCellTag: UInt8 {
    /// JSON `null`, or a key the row did not have.
    case null
    case `false`
    case `true`
    /// An integer that fits `Int64`; its source text.
    case int
    /// Any other number (fraction, exponent, or an integer beyond `Int64`); its source text.
    case double
    /// A string without escapes; its content in the source.
    case string
    /// A string with escapes; its decoded content in the table's arena.
    case decodedString
    /// An array; its JSON text in the source.
    case array

    /// This tag's bit in a column's `seen` mask.
    var bit: UInt16 { 1 << UInt16(rawValue) }
}

/// The cells of one column, as tags and byte ranges.
struct JSONCellColumn {
    let name: String
    let nameBytes: ContiguousArray<UInt8>
    var tags = ContiguousArray<UInt8>()
    var starts = ContiguousArray<Int>()
    var counts = ContiguousArray<Int>()
    /// One bit per ``JSONCellTag`` that occurs.
    var seen: UInt16 = 0

    init(name: String, nameBytes: ContiguousArray<UInt8>, nullRows: Int) {
        self.name = name
        self.nameBytes = nameBytes
        tags = ContiguousArray(repeating: JSONCellTag.null.rawValue, count: nullRows)
        starts = ContiguousArray(repeating: 0, count: nullRows)
        counts = ContiguousArray(repeating: 0, count: nullRows)
        if nullRows > 0 { seen = JSONCellTag.null.bit }
    }

    @inline(__always) mutating func append(_ tag: JSONCellTag, start: Int, count: Int) {
        tags.append(tag.rawValue)
        starts.append(start)
        counts.append(count)
        seen |= tag.bit
    }
}

/// Collects the rows of one table: the union of keys in first-seen order, nulls for missing keys.
struct JSONTableBuilder {
    /// The table's name.
    let name: String
    private(set) var columns: [JSONCellColumn] = []
    private(set) var rowCount = 0
    /// Decoded strings (those that had escapes); cells point into it.
    var arena = ContiguousArray<UInt8>()
    /// The byte offset where each row's object starts, for the rows' line numbers.
    var rowStarts = ContiguousArray<Int>()

    private var indexByName: [String: Int] = [:]
    /// The dotted name of the key being read: `owner.name` inside `{"owner": {"name": …}}`.
    private var nameBuffer = ContiguousArray<UInt8>()
    /// Columns in the order the previous row set them: the guess for this row's keys, so the
    /// usual file (same keys, same order, every row) never hashes a key.
    private var previousOrder: [Int] = []
    private var currentOrder: [Int] = []

    init(name: String) {
        self.name = name
    }

    /// The dotted name of the key being read, for messages.
    var currentName: String { String(decoding: nameBuffer, as: UTF8.self) }

    mutating func beginRow() {
        currentOrder.removeAll(keepingCapacity: true)
    }

    /// Gives every column the current row has not set a null, then moves to the next row.
    mutating func endRow() {
        let next = rowCount + 1
        for i in columns.indices where columns[i].tags.count < next {
            columns[i].append(.null, start: 0, count: 0)
        }
        rowCount = next
        swap(&previousOrder, &currentOrder)
    }

    /// Appends a key to the dotted name; returns what ``popKey(to:)`` restores.
    mutating func pushKey(_ key: JSONSpan, source: UnsafeBufferPointer<UInt8>) -> Int {
        let restore = nameBuffer.count
        if restore > 0 { nameBuffer.append(UInt8(ascii: ".")) }
        if key.isDecoded {
            nameBuffer.append(contentsOf: arena[key.start..<key.start + key.count])
            // Keys are names, not cells: give the arena its bytes back.
            arena.removeSubrange(key.start..<key.start + key.count)
        } else {
            nameBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: source[key.start..<key.start + key.count]))
        }
        return restore
    }

    mutating func popKey(to count: Int) {
        nameBuffer.removeSubrange(count...)
    }

    /// Sets the current key's cell in this row; `false` if this row already set it.
    mutating func setCell(_ tag: JSONCellTag, start: Int, count: Int) -> Bool {
        let column = resolveColumn()
        guard columns[column].tags.count == rowCount else { return false }
        columns[column].append(tag, start: start, count: count)
        currentOrder.append(column)
        return true
    }

    private mutating func resolveColumn() -> Int {
        let k = currentOrder.count
        if k < previousOrder.count {
            let guess = previousOrder[k]
            if columns[guess].nameBytes == nameBuffer { return guess }
        }
        let key = String(decoding: nameBuffer, as: UTF8.self)
        if let index = indexByName[key] { return index }
        let index = columns.count
        columns.append(JSONCellColumn(name: key, nameBytes: nameBuffer, nullRows: rowCount))
        indexByName[key] = index
        return index
    }
}
