extension ColumnCoercion {
    /// A typed reading of a text column that no canonical field took, when every value that is
    /// not blank or a null word fits one format; `nil` when the column should stay text.
    ///
    /// Tried in order:
    /// - booleans: `y/n`, `yes/no`, `true/false` (not `1/0`, as likely a count or a code);
    /// - dates and timestamps in any supported form (``CanonicalType/timestamp``, stored as
    ///   ``DataType/date`` when no value has a time of day);
    /// - numbers that show a format feature — a currency sign or code, grouping separators, a
    ///   decimal comma, a percent sign, accounting parentheses: ``CanonicalType/money`` when a
    ///   currency was seen, else ``CanonicalType/number``.
    ///
    /// Plain digit strings stay text: they are ids and codes as often as amounts (a reader types
    /// plain numbers itself), and one with a leading zero (`02134`) is surely a code.
    public static func inferType(
        _ column: Column, context: CoercionContext
    ) -> (
        type: CanonicalType, outcome: CoercionOutcome
    )? {
        guard let entries = TextEntries(column) else { return nil }
        let matcher = NullWordMatcher(context.nullWords)
        // The values to type: neither blank nor null words.
        let values = entries.usedIndices.filter { i in
            withTrimmedBytes(entries.dictionary[i]) { c in !c.isBlank && !matcher.matches(c) }
        }
        guard !values.isEmpty else { return nil }
        if let outcome = inferredBooleans(entries, values, context) { return (.bool, outcome) }
        if let outcome = inferredDates(entries, values, context) { return (.timestamp, outcome) }
        return inferredNumbers(entries, values, context)
    }

    private static func inferredBooleans(
        _ entries: TextEntries, _ values: [Int], _ context: CoercionContext
    )
        -> CoercionOutcome?
    {
        let all = values.allSatisfy { i in
            withTrimmedBytes(entries.dictionary[i]) { c in
                BooleanWords.read(c).map { BooleanWords.isWord($0.1) } ?? false
            }
        }
        return all ? booleans(entries, context: context) : nil
    }

    private static func inferredDates(
        _ entries: TextEntries, _ values: [Int], _ context: CoercionContext
    )
        -> CoercionOutcome?
    {
        let pattern = context.declared?.compiledPattern
        var timed = false
        for i in values {
            let scan = withTrimmedBytes(entries.dictionary[i]) { c in
                pattern?.scan(&c) ?? DateScanner.scan(&c)
            }
            guard case .success(let date) = scan else { return nil }
            timed = timed || date.time != nil
        }
        let outcome = dates(entries, storage: timed ? .timestamp : .date, context: context)
        return outcome.damageCount == 0 ? outcome : nil
    }

    private static func inferredNumbers(
        _ entries: TextEntries, _ values: [Int], _ context: CoercionContext
    )
        -> (type: CanonicalType, outcome: CoercionOutcome)?
    {
        var scans: [ScannedNumber] = []
        scans.reserveCapacity(values.count)
        for i in values {
            let scan: ScannedNumber? = withTrimmedBytes(entries.dictionary[i]) { c in
                isCode(c) ? nil : NumberScanner.scan(c)
            }
            guard let scan else { return nil }
            scans.append(scan)
        }
        let format = NumberColumnFormat(
            scans: scans, weights: values.map { entries.weights[$0] },
            declaredDecimalComma: context.declared?.decimalComma)
        let showsFormat =
            format.decimalComma || format.grouping != .none || format.currency != 0 || format.percent
            || scans.contains { $0.hasParentheses || $0.currency != 0 || $0.isPercent }
        guard showsFormat else { return nil }
        let type: CanonicalType = scans.contains { $0.currency != 0 } ? .money : .number
        let outcome = numbers(entries, as: type, context: context)
        return outcome.damageCount == 0 ? (type, outcome) : nil
    }

    /// Whether the bytes are digits with a leading zero (`02134`): a code, not a number.
    private static func isCode(_ c: ByteCursor) -> Bool {
        guard c.end - c.index > 1, c.peek() == 48 else { return false }
        for k in c.index..<c.end where !ByteCursor.isDigit(c.bytes[k]) { return false }
        return true
    }
}
