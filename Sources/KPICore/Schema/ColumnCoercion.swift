/// A value a column could not be coerced to its canonical type.
public struct CoercionFailure: Error, Sendable, Hashable {
    /// The 0-based row of the first bad value.
    public var row: Int
    /// The first bad value, as text.
    public var value: String
    /// The type it should have had.
    public var expected: CanonicalType
    /// How many rows of the column hold a bad value.
    public var badCount: Int
}

/// Converts a whole column to a ``CanonicalType``.
///
/// Text is converted once per distinct dictionary entry, not per row. Accepted spellings:
/// - bool: `true/false`, `yes/no`, `1/0` (any case), the integers and doubles 0 and 1;
/// - timestamp: ISO-8601 text (``ISO8601``), dates (their midnight UTC);
/// - money and number: integers, and text that is a decimal number, optionally with a leading
///   currency sign (`$ € £ ¥`) and `,` thousands separators in groups of three (`$1,250.50`);
/// - int: text integers, and doubles or decimal text with no fraction;
/// - month: `YYYY-MM` text, or any date or timestamp (its month, UTC);
/// - text: any value (numbers and instants are formatted);
/// - id: int and text as they are; doubles become ints when all are whole, other types text.
///
/// Blank text (only spaces) becomes null. Anything else is a ``CoercionFailure``: nothing is
/// guessed and no row is dropped.
public enum ColumnCoercion {
    /// Returns `column` converted to `type` (the same column when it already has that storage).
    ///
    /// - Throws: ``CoercionFailure`` naming the first value that does not convert.
    public static func coerce(_ column: Column, to type: CanonicalType) throws(CoercionFailure) -> Column {
        switch type {
        case .identifier: return identifier(column)
        case .text: return text(column)
        case .month: return try month(column)
        case .timestamp: return try timestamp(column)
        case .bool: return try bool(column)
        case .money, .number: return try double(column, as: type)
        case .int: return try int(column)
        }
    }

    // MARK: - Per target type

    private static func identifier(_ column: Column) -> Column {
        switch column.data {
        case .int, .text: return column
        case .double(let values):
            let whole = rows(of: column).allSatisfy { Int64(exactly: values[$0]) != nil }
            guard whole else { return text(column) }
            return Column(
                name: column.name, data: .int(ContiguousArray(values.map { Int64(exactly: $0) ?? 0 })),
                validity: column.validity)
        default: return text(column)
        }
    }

    private static func text(_ column: Column) -> Column {
        if case .text = column.data { return column }
        var builder = TextDictionaryBuilder()
        var codes = ContiguousArray<Int32>(repeating: -1, count: column.count)
        for row in rows(of: column) { codes[row] = builder.code(for: column.value(at: row).description) }
        return Column(
            name: column.name, data: .text(codes: codes, dictionary: builder.dictionary), validity: column.validity)
    }

    private static func month(_ column: Column) throws(CoercionFailure) -> Column {
        switch column.data {
        case .timestamp(let ms), .date(let ms):
            var builder = TextDictionaryBuilder()
            var codes = ContiguousArray<Int32>(repeating: -1, count: column.count)
            for row in rows(of: column) { codes[row] = builder.code(for: monthText(ms[row])) }
            return Column(
                name: column.name, data: .text(codes: codes, dictionary: builder.dictionary), validity: column.validity)
        case .text(let codes, let dictionary):
            return try mapText(column, codes: codes, dictionary: dictionary, expected: .month) { value in
                if isMonthText(value) { return value }
                return ISO8601.parse(value).map { monthText($0.milliseconds) }
            }
        default:
            throw failure(column, rows: rows(of: column), expected: .month)
        }
    }

    private static func timestamp(_ column: Column) throws(CoercionFailure) -> Column {
        switch column.data {
        case .timestamp: return column
        case .date(let ms): return Column(name: column.name, data: .timestamp(ms), validity: column.validity)
        case .text(let codes, let dictionary):
            return try mapParsed(column, codes: codes, dictionary: dictionary, expected: .timestamp, placeholder: 0) {
                ISO8601.parse($0)?.milliseconds
            } wrap: {
                .timestamp($0)
            }
        default:
            throw failure(column, rows: rows(of: column), expected: .timestamp)
        }
    }

    private static func bool(_ column: Column) throws(CoercionFailure) -> Column {
        switch column.data {
        case .bool: return column
        case .int(let values):
            return try mapRows(column, expected: .bool, placeholder: false, parse: { boolValue(of: values[$0]) }) {
                .bool($0)
            }
        case .double(let values):
            return try mapRows(column, expected: .bool, placeholder: false, parse: { boolValue(of: values[$0]) }) {
                .bool($0)
            }
        case .text(let codes, let dictionary):
            return try mapParsed(column, codes: codes, dictionary: dictionary, expected: .bool, placeholder: false) {
                switch $0.trimmedForSchema.lowercased() {
                case "true", "yes", "1": return true
                case "false", "no", "0": return false
                default: return nil
                }
            } wrap: {
                .bool($0)
            }
        default:
            throw failure(column, rows: rows(of: column), expected: .bool)
        }
    }

    private static func double(_ column: Column, as type: CanonicalType) throws(CoercionFailure) -> Column {
        switch column.data {
        case .double: return column
        case .int(let values):
            return Column(
                name: column.name, data: .double(ContiguousArray(values.map(Double.init))), validity: column.validity)
        case .text(let codes, let dictionary):
            return try mapParsed(column, codes: codes, dictionary: dictionary, expected: type, placeholder: 0.0) {
                parseNumber($0)
            } wrap: {
                .double($0)
            }
        default:
            throw failure(column, rows: rows(of: column), expected: type)
        }
    }

    private static func int(_ column: Column) throws(CoercionFailure) -> Column {
        switch column.data {
        case .int: return column
        case .double(let values):
            return try mapRows(column, expected: .int, placeholder: Int64(0), parse: { Int64(exactly: values[$0]) }) {
                .int($0)
            }
        case .text(let codes, let dictionary):
            return try mapParsed(column, codes: codes, dictionary: dictionary, expected: .int, placeholder: Int64(0)) {
                let trimmed = $0.trimmedForSchema
                return Int64(trimmed) ?? parseNumber(String(trimmed)).flatMap { Int64(exactly: $0) }
            } wrap: {
                .int($0)
            }
        default:
            throw failure(column, rows: rows(of: column), expected: .int)
        }
    }

    // MARK: - Helpers

    /// The rows of `column` that hold a value.
    private static func rows(of column: Column) -> [Int] {
        (0..<column.count).filter { !column.isNull($0) }
    }

    private static func failure(_ column: Column, rows bad: [Int], expected: CanonicalType) -> CoercionFailure {
        let first = bad.first ?? 0
        return CoercionFailure(
            row: first, value: column.value(at: first).description, expected: expected, badCount: bad.count)
    }

    /// Converts each non-null row with `parse`, failing on the first `nil`.
    private static func mapRows<T>(
        _ column: Column, expected: CanonicalType, placeholder: T, parse: (Int) -> T?,
        wrap: (ContiguousArray<T>) -> ColumnData
    ) throws(CoercionFailure) -> Column {
        var out = ContiguousArray<T>(repeating: placeholder, count: column.count)
        var bad: [Int] = []
        for row in rows(of: column) {
            if let value = parse(row) { out[row] = value } else { bad.append(row) }
        }
        guard bad.isEmpty else { throw failure(column, rows: bad, expected: expected) }
        return Column(name: column.name, data: wrap(out), validity: column.validity)
    }

    /// Converts a text column through its dictionary: each distinct value is parsed once; blank
    /// values become null.
    private static func mapParsed<T>(
        _ column: Column, codes: ContiguousArray<Int32>, dictionary: [String], expected: CanonicalType,
        placeholder: T, parse: (String) -> T?, wrap: (ContiguousArray<T>) -> ColumnData
    ) throws(CoercionFailure) -> Column {
        let parsed: [Parsed<T>] = dictionary.map { entry in
            if entry.trimmedForSchema.isEmpty { return .blank }
            return parse(entry).map { .value($0) } ?? .bad
        }
        var out = ContiguousArray<T>(repeating: placeholder, count: codes.count)
        var validity = Bitmap(count: codes.count, allSet: true)
        var bad: [Int] = []
        for row in 0..<codes.count {
            let code = Int(codes[row])
            guard code >= 0, !column.isNull(row) else {
                validity[row] = false
                continue
            }
            switch parsed[code] {
            case .value(let v): out[row] = v
            case .blank: validity[row] = false
            case .bad: bad.append(row)
            }
        }
        guard bad.isEmpty else { throw failure(column, rows: bad, expected: expected) }
        return Column(name: column.name, data: wrap(out), validity: validity)
    }

    /// Maps a text column's dictionary entries to new text; blank values become null.
    private static func mapText(
        _ column: Column, codes: ContiguousArray<Int32>, dictionary: [String], expected: CanonicalType,
        convert: (String) -> String?
    ) throws(CoercionFailure) -> Column {
        var builder = TextDictionaryBuilder()
        let newCodes: [Int32?] = dictionary.map { entry in
            if entry.trimmedForSchema.isEmpty { return -1 }
            return convert(entry).map { builder.code(for: $0) }
        }
        var out = ContiguousArray<Int32>(repeating: -1, count: codes.count)
        var validity = Bitmap(count: codes.count, allSet: true)
        var bad: [Int] = []
        for row in 0..<codes.count {
            let code = Int(codes[row])
            guard code >= 0, !column.isNull(row) else {
                validity[row] = false
                continue
            }
            switch newCodes[code] {
            case .some(let c) where c >= 0: out[row] = c
            case .some: validity[row] = false
            case .none: bad.append(row)
            }
        }
        guard bad.isEmpty else { throw failure(column, rows: bad, expected: expected) }
        return Column(name: column.name, data: .text(codes: out, dictionary: builder.dictionary), validity: validity)
    }

    private enum Parsed<T> {
        case value(T)
        case blank
        case bad
    }

    private static func boolValue<N: Numeric>(of number: N) -> Bool? {
        number == 0 ? false : number == 1 ? true : nil
    }

    static func monthText(_ milliseconds: Int64) -> String {
        let date = CivilDate(milliseconds: milliseconds)
        return String(ISO8601.formatDate(date).prefix(7))
    }

    static func isMonthText(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 7, b[4] == UInt8(ascii: "-") else { return false }
        for i in [0, 1, 2, 3, 5, 6] where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) { return false }
        let month = Int(b[5] - 48) * 10 + Int(b[6] - 48)
        return (1...12).contains(month)
    }

    /// A decimal number with an optional sign, currency sign and `,` thousands groups.
    static func parseNumber(_ text: String) -> Double? {
        var s = Substring(text.trimmedForSchema)
        var negative = false
        if let first = s.first, first == "-" || first == "+" {
            negative = first == "-"
            s = s.dropFirst()
        }
        if let first = s.first, "$€£¥".contains(first) { s = s.dropFirst() }
        if s.contains(",") {
            let intPart = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let groups = intPart.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return nil
            }
            s = Substring(s.filter { $0 != "," })
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }),
            s.first?.isNumber == true || s.first == ".",
            let value = Double(s), value.isFinite
        else { return nil }
        return negative ? -value : value
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmedForSchema: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
