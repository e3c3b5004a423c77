import KPICore

/// What a column's declared type asks for, following SQLite's affinity rules plus the names
/// people use for booleans and dates.
enum SQLiteDeclaredKind: Equatable {
    case integer, real, numeric, boolean, date, timestamp, text
    /// No declared type, or BLOB: the values decide.
    case none

    /// Classifies a declared type such as `VARCHAR(40)`, `DOUBLE PRECISION` or `DATETIME`.
    init(declaredType: String?) {
        guard let declared = declaredType?.uppercased(), !declared.isEmpty else {
            self = .none
            return
        }
        // Order matters: DATETIME contains DATE, BOOLEAN would otherwise fall to NUMERIC,
        // and SQLite's own rule puts INT before CHAR ("CHARINT" is an integer).
        if declared.contains("BOOL") {
            self = .boolean
        } else if declared.contains("DATETIME") || declared.contains("TIMESTAMP") {
            self = .timestamp
        } else if declared.contains("DATE") {
            self = .date
        } else if declared.contains("INT") {
            self = .integer
        } else if declared.contains("CHAR") || declared.contains("CLOB") || declared.contains("TEXT") {
            self = .text
        } else if declared.contains("BLOB") {
            self = .none
        } else if declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB") {
            self = .real
        } else {
            self = .numeric
        }
    }
}

/// Reads one result column, row by row, straight into a typed buffer, widening int → double →
/// text when the stored values disagree with what came before (SQLite is dynamically typed).
///
/// Text that parses as ISO-8601 is kept as instants while every value does (mode `instants`),
/// with its raw bytes on the side in case a later value is not a date: millions of distinct
/// timestamps then never go through the text dictionary.
struct SQLiteColumnBuilder {
    private enum Mode { case integer, real, text, instants }

    let name: String
    let kind: SQLiteDeclaredKind
    private var mode = Mode.integer
    private var validity = Bitmap()
    private var integers = ContiguousArray<Int64>()
    private var reals = ContiguousArray<Double>()
    private var codes = ContiguousArray<Int32>()
    private var interner = ByteTextInterner()
    private var instants = ContiguousArray<Int64>()
    private var instantsHaveTime = false
    /// The raw text behind `instants`, back to back; `pendingEnds[row]` is where row `row` ends.
    private var pendingBytes = ContiguousArray<UInt8>()
    private var pendingEnds = ContiguousArray<Int>()
    /// Whether any number was turned into text; such a column is never promoted to dates.
    private var hasNumberText = false

    init(name: String, declaredType: String?) {
        self.name = name
        kind = SQLiteDeclaredKind(declaredType: declaredType)
    }

    /// The rows holding a REAL that is infinite or NaN, with the value: read as null, as CSV
    /// reads `1e400`, since every sum and maximum over it would be infinite too.
    private(set) var outOfRange: [(row: Int, value: Double)] = []

    /// Appends column `index` of the statement's current row.
    @inline(__always)
    mutating func append(from statement: SQLiteStatement, column index: Int) {
        switch statement.storageClass(index) {
        case .null:
            appendNull()
        case .integer:
            validity.append(true)
            let value = statement.int64(index)
            switch mode {
            case .integer: integers.append(value)
            case .real: reals.append(Double(value))
            case .text: appendNumberText(String(value))
            case .instants:
                widenToText()
                appendNumberText(String(value))
            }
        case .real:
            let value = statement.double(index)
            guard value.isFinite else {
                outOfRange.append((validity.count, value))
                appendNull()
                return
            }
            validity.append(true)
            switch mode {
            case .integer:
                widenToReal()
                reals.append(value)
            case .real: reals.append(value)
            case .text: appendNumberText(String(value))
            case .instants:
                widenToText()
                appendNumberText(String(value))
            }
        case .text:
            validity.append(true)
            appendText(statement.text(index))
        case .blob:
            validity.append(true)
            if mode != .text { widenToText() }
            codes.append(interner.code(for: Self.hexLiteral(statement.blob(index))))
        }
    }

    private mutating func appendNull() {
        validity.append(false)
        switch mode {
        case .integer: integers.append(0)
        case .real: reals.append(0)
        case .text: codes.append(-1)
        case .instants:
            instants.append(0)
            pendingEnds.append(pendingBytes.count)
        }
    }

    private mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
        if mode == .integer && !hasNumberText && kind != .boolean && validity.setCount == 1 {
            // The first value is text: try keeping the column as instants.
            instants = ContiguousArray(repeating: 0, count: validity.count - 1)
            pendingEnds = ContiguousArray(repeating: 0, count: validity.count - 1)
            integers = []
            mode = .instants
        }
        if mode == .instants {
            if let parsed = ISO8601.parse(text, from: 0, to: text.count) {
                instants.append(parsed.milliseconds)
                instantsHaveTime = instantsHaveTime || parsed.hasTime
                pendingBytes.append(contentsOf: text)
                pendingEnds.append(pendingBytes.count)
                return
            }
        }
        if mode != .text { widenToText() }
        codes.append(interner.code(text.baseAddress, count: text.count))
    }

    private mutating func appendNumberText(_ text: String) {
        hasNumberText = true
        codes.append(interner.code(for: text))
    }

    private mutating func widenToReal() {
        reals = ContiguousArray(integers.lazy.map { Double($0) })
        integers = []
        mode = .real
    }

    private mutating func widenToText() {
        codes.reserveCapacity(validity.count)
        // The row being appended already has its validity bit; its code follows this loop.
        for row in 0..<validity.count - 1 {
            guard validity[row] else {
                codes.append(-1)
                continue
            }
            switch mode {
            case .integer: appendNumberText(String(integers[row]))
            case .real: appendNumberText(String(reals[row]))
            case .instants:
                let start = row == 0 ? 0 : pendingEnds[row - 1]
                let code = pendingBytes.withUnsafeBufferPointer { bytes in
                    interner.code(bytes.baseAddress.map { $0 + start }, count: pendingEnds[row] - start)
                }
                codes.append(code)
            case .text: break
            }
        }
        integers = []
        reals = []
        instants = []
        pendingBytes = []
        pendingEnds = []
        mode = .text
    }

    /// Blobs are kept, not dropped, as SQL hex literals: `X'0A1B'`.
    private static func hexLiteral(_ bytes: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]("X'".utf8)
        out.reserveCapacity(bytes.count * 2 + 3)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        out.append(UInt8(ascii: "'"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The finished column: the declared kind refines what the stored values allow.
    func makeColumn() -> Column {
        Column(name: name, data: makeData(), validity: validity)
    }

    private func makeData() -> ColumnData {
        let hasValues = validity.setCount > 0
        switch mode {
        case .integer:
            guard hasValues else { return emptyData() }
            if kind == .boolean, integersAreBooleans() { return .bool(ContiguousArray(integers.lazy.map { $0 != 0 })) }
            if kind == .real { return .double(ContiguousArray(integers.lazy.map { Double($0) })) }
            return .int(integers)
        case .real:
            return .double(reals)
        case .instants:
            return instantsHaveTime || kind == .timestamp ? .timestamp(instants) : .date(instants)
        case .text:
            if !hasNumberText {
                if kind == .boolean, let booleans = textAsBooleans() { return booleans }
                if let temporal = textAsTemporal() { return temporal }
            }
            return .text(codes: codes, dictionary: interner.dictionary)
        }
    }

    /// A column with no values takes its declared type.
    private func emptyData() -> ColumnData {
        let count = validity.count
        switch kind {
        case .integer, .numeric: return .int(ContiguousArray(repeating: 0, count: count))
        case .real: return .double(ContiguousArray(repeating: 0, count: count))
        case .boolean: return .bool(ContiguousArray(repeating: false, count: count))
        case .date: return .date(ContiguousArray(repeating: 0, count: count))
        case .timestamp: return .timestamp(ContiguousArray(repeating: 0, count: count))
        case .text, .none: return .text(codes: ContiguousArray(repeating: -1, count: count), dictionary: [])
        }
    }

    private func integersAreBooleans() -> Bool {
        var ok = true
        validity.forEachSetBit { row in
            if integers[row] != 0 && integers[row] != 1 { ok = false }
        }
        return ok
    }

    /// Booleans when every distinct text is `true/false`, `yes/no`, `t/f`, `y/n` or `1/0`, any case.
    private func textAsBooleans() -> ColumnData? {
        var meaning: [Bool] = []
        for text in interner.dictionary {
            switch text.lowercased() {
            case "true", "yes", "t", "y", "1": meaning.append(true)
            case "false", "no", "f", "n", "0": meaning.append(false)
            default: return nil
            }
        }
        return .bool(ContiguousArray(codes.lazy.map { $0 < 0 ? false : meaning[Int($0)] }))
    }

    /// Dates or timestamps when every distinct text parses as ISO-8601: each distinct value is
    /// parsed once, then rows map through their codes. DATETIME/TIMESTAMP columns stay timestamps
    /// even when every value happens to be a date alone.
    private func textAsTemporal() -> ColumnData? {
        var instants: [Int64] = []
        instants.reserveCapacity(interner.dictionary.count)
        var hasTime = kind == .timestamp
        for text in interner.dictionary {
            guard let parsed = ISO8601.parse(text) else { return nil }
            instants.append(parsed.milliseconds)
            hasTime = hasTime || parsed.hasTime
        }
        let values = ContiguousArray(codes.lazy.map { $0 < 0 ? 0 : instants[Int($0)] })
        return hasTime ? .timestamp(values) : .date(values)
    }
}
