extension ColumnCoercion {
    /// A text column read as money or numbers (doubles) or integers, in one number format.
    static func numbers(_ entries: TextEntries, as type: CanonicalType, context: CoercionContext) -> CoercionOutcome {
        var readings = EntryReadings<NumberReading>(
            count: entries.dictionary.count,
            placeholder: NumberReading(value: 0, integer: nil, grouping: .none, style: .unknown, couldGroup: false))
        let (format, _) = readNumbers(entries, as: type, context: context, into: &readings)
        let kind: CellIssue.Kind = type == .int ? .notAnInteger : .notANumber
        let (column, issues): (Column, [CellIssue])
        if type == .int {
            (column, issues) = readings.mapValues(placeholder: Int64(0)) { $0.integer ?? 0 }
                .assemble(entries, placeholder: 0, kind: kind) { .int($0) }
        } else {
            (column, issues) = readings.mapValues(placeholder: 0.0) { $0.value }
                .assemble(entries, placeholder: 0, kind: kind) { .double($0) }
        }
        return CoercionOutcome(column: column, format: format.display(for: type), issues: issues)
    }

    /// Scans the values of `entries` as numbers, chooses the column's format, and sets each
    /// value's reading in `readings`. Also returns the scans, for inference.
    @discardableResult
    static func readNumbers(
        _ entries: TextEntries, as type: CanonicalType, context: CoercionContext,
        into readings: inout EntryReadings<NumberReading>
    ) -> (NumberColumnFormat, [ScannedNumber?]) {
        var scans = [ScannedNumber?](repeating: nil, count: entries.dictionary.count)
        var unreadable = [Bool](repeating: false, count: entries.dictionary.count)
        var scan = EntryScan(entries, nullWords: context.nullWords)
        scan.forEachValue(into: &readings) { i, c in
            if let number = NumberScanner.scan(c) {
                scans[i] = number
            } else {
                unreadable[i] = true
            }
        }
        let format = NumberColumnFormat(
            scans: scans, weights: entries.weights, declaredDecimalComma: context.declared?.decimalComma)
        for i in scans.indices {
            if unreadable[i] {
                readings.setIssue(i, "not a number")
            } else if let scan = scans[i] {
                switch format.read(scan, for: type) {
                case .success(let reading): readings.set(i, value: reading)
                case .failure(let issue): readings.setIssue(i, issue.detail)
                }
            }
        }
        return (format, scans)
    }
}
