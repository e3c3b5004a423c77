/// A value a column could not be coerced to its canonical type (strict coercion).
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
/// Text is read once per distinct dictionary value, weighted by its rows, and a column is read in
/// **one format** chosen from all its values (`docs/value-formats.md`):
/// - timestamp: ISO 8601, numeric dates in any order and separator, English month names, each
///   with an optional time (12- or 24-hour) and zone; dates are their midnight UTC;
/// - money, number, int: signs and accounting parentheses, currency signs and codes, grouping by
///   thousands or the Indian way, decimal point or comma, percentages (number only);
/// - bool: `true/false`, `yes/no`, `y/n`, `1/0` in any case, the integers and doubles 0 and 1;
/// - month: `YYYY-MM`, `YYYY/MM`, `MM/YYYY`, `Jan 2024`, and any date or timestamp (its month, UTC);
/// - text: any value (numbers and instants are formatted); id: int and text as they are, doubles
///   become ints when all are whole, other types text.
///
/// Blank text is null. Null words (``NullWords``) are null in every typed target and in text and
/// ids, except `NA` in text. The lenient ``coerce(_:to:context:)`` reads every other cell it
/// cannot read as null and reports it; the strict ``coerce(_:to:)`` throws for the first.
///
/// ## Topics
/// - ``coerce(_:to:context:)``
/// - ``coerce(_:to:)``
/// - ``dateOrderEvidence(_:)``
/// - ``inferType(_:context:)``
public enum ColumnCoercion {
    /// Converts `column` to `type`, leniently: never throws.
    ///
    /// Every cell that cannot be read in the column's detected format becomes null and gets a
    /// ``CellIssue`` (its kind follows the target: ``CellIssue/Kind/notATimestamp`` or
    /// ``CellIssue/Kind/notADate``, ``CellIssue/Kind/notANumber``,
    /// ``CellIssue/Kind/notAnInteger``, ``CellIssue/Kind/notABoolean``,
    /// ``CellIssue/Kind/notAMonth``); null words become null with ``CellIssue/Kind/nullWord``.
    ///
    /// ```swift
    /// let outcome = ColumnCoercion.coerce(column, to: .timestamp, context: CoercionContext())
    /// outcome.format   // "DD-MM-YYYY"
    /// outcome.issues   // [CellIssue(row: 7, kind: .notADate, value: "31/31/2015", …)]
    /// ```
    public static func coerce(_ column: Column, to type: CanonicalType, context: CoercionContext) -> CoercionOutcome {
        if let entries = TextEntries(column) {
            switch type {
            case .identifier: return textOutcome(entries, keepingNA: false, context: context)
            case .text: return textOutcome(entries, keepingNA: true, context: context)
            case .timestamp: return dates(entries, storage: .timestamp, context: context)
            case .month: return months(entries, context: context)
            case .bool: return booleans(entries, context: context)
            case .money, .number, .int: return numbers(entries, as: type, context: context)
            }
        }
        return CoercionOutcome(typed: column, to: type)
    }

    /// Converts `column` to `type`, strictly: the same conversion as
    /// ``coerce(_:to:context:)`` with the standard context, failing on the first unreadable cell.
    /// Null words and blanks are not failures: they are null.
    ///
    /// - Throws: ``CoercionFailure`` naming the first unreadable row, its value, and how many rows fail.
    public static func coerce(_ column: Column, to type: CanonicalType) throws(CoercionFailure) -> Column {
        let outcome = coerce(column, to: type, context: CoercionContext())
        if let first = outcome.issues.first(where: { $0.kind.isDamage }) {
            throw CoercionFailure(row: first.row, value: first.value, expected: type, badCount: outcome.damageCount)
        }
        return outcome.column
    }

    // MARK: - Text and ids

    /// A text column with blanks and null words made null; the dictionary keeps only the values
    /// still used, in first-use order.
    private static func textOutcome(
        _ entries: TextEntries, keepingNA: Bool, context: CoercionContext
    )
        -> CoercionOutcome
    {
        var readings = EntryReadings<Bool>(count: entries.dictionary.count, placeholder: false)
        var kept = [Bool](repeating: false, count: entries.dictionary.count)
        var scan = EntryScan(entries, nullWords: context.nullWords, keepingNA: keepingNA)
        scan.forEachValue(into: &readings) { i, _ in kept[i] = true }
        let changed = entries.usedIndices.contains { !kept[$0] }
        for i in kept.indices where kept[i] { readings.set(i, value: true) }
        let original = Column(
            name: entries.name, data: .text(codes: entries.codes, dictionary: entries.dictionary),
            validity: entries.validity)
        guard changed else { return CoercionOutcome(column: original) }
        var builder = TextDictionaryBuilder()
        var newCodes = [Int32](repeating: -1, count: entries.dictionary.count)
        var codes = ContiguousArray<Int32>(repeating: -1, count: entries.codes.count)
        for row in 0..<entries.codes.count {
            let code = Int(entries.codes[row])
            guard code >= 0, readings.isValue(code), entries.validity?.isSet(row) ?? true else { continue }
            if newCodes[code] < 0 { newCodes[code] = builder.code(for: entries.dictionary[code]) }
            codes[row] = newCodes[code]
        }
        let (nulled, issues) = readings.assemble(entries, placeholder: false, kind: .nullWord) { .bool($0) }
        return CoercionOutcome(
            column: Column(
                name: entries.name, data: .text(codes: codes, dictionary: builder.dictionary), validity: nulled.validity
            ),
            issues: issues)
    }

    // MARK: - Shared

    static func monthText(_ milliseconds: Int64) -> String {
        let date = CivilDate(milliseconds: milliseconds)
        return monthText(year: date.year, month: date.month)
    }

    static func monthText(year: Int, month: Int) -> String {
        ISO8601.pad(year, 4) + "-" + ISO8601.pad(month, 2)
    }
}

extension CoercionOutcome {
    /// The outcome for a column that is not text: today's conversions between storage types,
    /// every value that does not convert an issue.
    init(typed column: Column, to type: CanonicalType) {
        func rows() -> [Int] { (0..<column.count).filter { !column.isNull($0) } }
        func map<T>(
            _ kind: CellIssue.Kind, _ placeholder: T, _ wrap: (ContiguousArray<T>) -> ColumnData, _ convert: (Int) -> T?
        )
            -> CoercionOutcome
        {
            var out = ContiguousArray<T>(repeating: placeholder, count: column.count)
            var validity = Bitmap(count: column.count, allSet: false)
            var issues: [CellIssue] = []
            for row in rows() {
                if let value = convert(row) {
                    out[row] = value
                    validity[row] = true
                } else {
                    issues.append(CellIssue(row: row, column: 0, kind: kind, value: column.value(at: row).description))
                }
            }
            return CoercionOutcome(
                column: Column(name: column.name, data: wrap(out), validity: validity), issues: issues)
        }
        /// Every value an issue: the source's storage has no conversion to the target.
        func none(_ kind: CellIssue.Kind) -> CoercionOutcome {
            switch type.storage {
            case .timestamp?: return map(kind, Int64(0), { .timestamp($0) }) { _ in nil }
            case .int?: return map(kind, Int64(0), { .int($0) }) { _ in nil }
            case .double?: return map(kind, 0.0, { .double($0) }) { _ in nil }
            case .text?: return map(kind, Int32(-1), { .text(codes: $0, dictionary: []) }) { _ in nil }
            default: return map(kind, false, { .bool($0) }) { _ in nil }
            }
        }
        switch (type, column.data) {
        case (.identifier, .int), (.text, .text), (.identifier, .text), (.timestamp, .timestamp), (.bool, .bool),
            (.money, .double), (.number, .double), (.int, .int):
            self.init(column: column)
        case (.identifier, .double(let values)):
            let whole = rows().allSatisfy { Int64(exactly: values[$0]) != nil }
            self.init(
                column: whole
                    ? Column(
                        name: column.name, data: .int(ContiguousArray(values.map { Int64(exactly: $0) ?? 0 })),
                        validity: column.validity)
                    : CoercionOutcome.formatted(column))
        case (.identifier, _), (.text, _):
            self.init(column: CoercionOutcome.formatted(column))
        case (.timestamp, .date(let ms)):
            self.init(column: Column(name: column.name, data: .timestamp(ms), validity: column.validity))
        case (.month, .timestamp(let ms)), (.month, .date(let ms)):
            var builder = TextDictionaryBuilder()
            var codes = ContiguousArray<Int32>(repeating: -1, count: column.count)
            for row in rows() { codes[row] = builder.code(for: ColumnCoercion.monthText(ms[row])) }
            self.init(
                column: Column(
                    name: column.name, data: .text(codes: codes, dictionary: builder.dictionary),
                    validity: column.validity))
        case (.bool, .int(let values)):
            self = map(.notABoolean, false, { .bool($0) }) { values[$0] == 0 ? false : values[$0] == 1 ? true : nil }
        case (.bool, .double(let values)):
            self = map(.notABoolean, false, { .bool($0) }) { values[$0] == 0 ? false : values[$0] == 1 ? true : nil }
        case (.money, .int(let values)), (.number, .int(let values)):
            self.init(
                column: Column(
                    name: column.name, data: .double(ContiguousArray(values.map(Double.init))),
                    validity: column.validity))
        case (.int, .double(let values)):
            self = map(.notAnInteger, Int64(0), { .int($0) }) { Int64(exactly: values[$0]) }
        case (.timestamp, _): self = none(.notATimestamp)
        case (.month, _): self = none(.notAMonth)
        case (.bool, _): self = none(.notABoolean)
        case (.int, _): self = none(.notAnInteger)
        case (.money, _), (.number, _): self = none(.notANumber)
        }
    }

    /// Any column as text, each value formatted.
    private static func formatted(_ column: Column) -> Column {
        var builder = TextDictionaryBuilder()
        var codes = ContiguousArray<Int32>(repeating: -1, count: column.count)
        for row in 0..<column.count where !column.isNull(row) {
            codes[row] = builder.code(for: column.value(at: row).description)
        }
        return Column(
            name: column.name, data: .text(codes: codes, dictionary: builder.dictionary), validity: column.validity)
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
