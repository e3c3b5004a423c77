extension ColumnCoercion {
    /// The day/month order this column's values prove: the order under which more rows have a
    /// value that reads only that way (a day-position part above 12), or `nil` when no value
    /// proves one, or as many rows prove each. Non-text columns prove nothing.
    ///
    /// The binder uses it to read an undecided date column of the same table in the same order.
    public static func dateOrderEvidence(_ column: Column) -> DateOrder? {
        guard let entries = TextEntries(column) else { return nil }
        var dayFirst = 0
        var monthFirst = 0
        for i in entries.usedIndices {
            let scan = withTrimmedBytes(entries.dictionary[i]) { c in DateScanner.scan(&c) }
            guard case .success(let date) = scan, date.kind == .dayMonth else { continue }
            switch date.provenOrder {
            case .dmy?: dayFirst += entries.weights[i]
            case .mdy?: monthFirst += entries.weights[i]
            default: break
            }
        }
        return dayFirst > monthFirst ? .dmy : monthFirst > dayFirst ? .mdy : nil
    }

    /// A text column read as dates or timestamps (`storage` `.date` or `.timestamp`).
    static func dates(_ entries: TextEntries, storage: DataType, context: CoercionContext) -> CoercionOutcome {
        var readings = EntryReadings<Int64>(count: entries.dictionary.count, placeholder: 0)
        let format = readDates(entries, context: context, into: &readings) { $0 }
        let kind: CellIssue.Kind = format.reading == nil || format.hasTime ? .notATimestamp : .notADate
        let (column, issues) = readings.assemble(entries, placeholder: 0, kind: kind) {
            storage == .date ? .date($0) : .timestamp($0)
        }
        return CoercionOutcome(column: column, format: format.display, assumption: format.assumption, issues: issues)
    }

    /// A text column read as months, `YYYY-MM` text: month forms as written, dates as their month (UTC).
    static func months(_ entries: TextEntries, context: CoercionContext) -> CoercionOutcome {
        let count = entries.dictionary.count
        var readings = EntryReadings<Int>(count: count, placeholder: 0)
        // Month forms, blanks and null words are read here; the rest as dates below.
        var isMonthForm = [Bool](repeating: false, count: count)
        var forms: [String: Int] = [:]
        var monthRows = 0
        var dateRows = 0
        var months = [Result<MonthScanner.Scanned, ScanFailure>?](repeating: nil, count: count)
        var scan = EntryScan(entries, nullWords: context.nullWords)
        scan.forEachValue(into: &readings) { i, c in
            months[i] = MonthScanner.scan(c)
            if months[i] == nil { dateRows += entries.weights[i] }
        }
        for i in months.indices {
            switch months[i] {
            case .success(let month)?:
                isMonthForm[i] = true
                readings.set(i, value: month.year * 12 + month.month - 1)
                monthRows += entries.weights[i]
                forms[month.form ?? "YYYY-MM", default: 0] += entries.weights[i]
            case .failure?:
                isMonthForm[i] = true
                readings.setIssue(i, "no such month")
            case nil:
                break
            }
        }
        let format = readDates(
            entries, context: context, into: &readings, skipping: isMonthForm,
            ifNoDates: "not a month (YYYY-MM, MM/YYYY, Jan 2024) or a date"
        ) { Int(Time.monthIndex(milliseconds: $0)) }
        var builder = TextDictionaryBuilder()
        var codeOfMonth: [Int: Int32] = [:]
        let codes = readings.mapValues(placeholder: Int32(-1)) { index in
            if let code = codeOfMonth[index] { return code }
            let code = builder.code(for: monthText(year: Int(Time.floorDiv(Int64(index), 12)), month: index % 12 + 1))
            codeOfMonth[index] = code
            return code
        }
        var (column, issues) = codes.assemble(entries, placeholder: -1, kind: .notAMonth) {
            .text(codes: $0, dictionary: [])
        }
        if case .text(let rowCodes, _) = column.data {
            column = Column(
                name: column.name, data: .text(codes: rowCodes, dictionary: builder.dictionary),
                validity: column.validity)
        }
        let shown: String?
        if monthRows >= dateRows {
            let form = forms.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            shown = form == "YYYY-MM" ? nil : form
        } else {
            shown = format.display
        }
        return CoercionOutcome(
            column: column, format: shown, assumption: monthRows >= dateRows ? nil : format.assumption, issues: issues)
    }

    /// Scans the values of `entries` (but those `skipping` marks) as dates, chooses the column's
    /// format, and sets each value's reading in `readings` through `value`.
    static func readDates<T>(
        _ entries: TextEntries, context: CoercionContext, into readings: inout EntryReadings<T>,
        skipping skip: [Bool]? = nil, ifNoDates: String? = nil, _ value: (Int64) -> T
    ) -> DateColumnFormat {
        let pattern = context.declared?.compiledPattern
        var scans = [Result<ScannedDate, ScanFailure>?](repeating: nil, count: entries.dictionary.count)
        var scan = EntryScan(entries, nullWords: context.nullWords)
        scan.forEachValue(into: &readings, skipping: skip) { i, c in
            scans[i] = pattern?.scan(&c) ?? DateScanner.scan(&c)
        }
        let format = DateColumnFormat(scans: scans, weights: entries.weights, context: context, pattern: pattern)
        for i in scans.indices {
            guard let scan = scans[i] else { continue }
            switch format.read(scan) {
            case .success(let ms): readings.set(i, value: value(ms))
            case .failure(let issue):
                readings.setIssue(i, format.reading == nil ? ifNoDates ?? issue.detail : issue.detail)
            }
        }
        return format
    }
}
