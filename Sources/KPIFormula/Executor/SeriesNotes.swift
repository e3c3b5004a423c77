import KPICore

/// What a time series must say about itself so that its rows can be trusted to add up: rows it
/// leaves out (no date in its basis, or outside the `during` window), and periods at either end
/// that are only partly covered — by the data, the window, or the as-of instant.
enum SeriesNotes {
    /// Rows of one table a series leaves out, by why.
    struct LeftOut {
        var table: String
        /// What the table's rows are called (the schema's ``CanonicalTable/rowNoun``).
        var noun: RowNoun?
        /// The date basis (`closed_at`), or a description when it is an expression.
        var basis: String
        /// Rows the aggregate counts but whose basis is null: in no period.
        var undated = 0
        /// Rows the aggregate would count without the `during` window.
        var outsideWindow = 0

        func sameRows(as other: LeftOut) -> Bool { table == other.table && basis == other.basis }

        /// Several aggregates over one table and basis (a rate's parts) report the widest count.
        mutating func merge(_ other: LeftOut) {
            undated = max(undated, other.undated)
            outsideWindow = max(outsideWindow, other.outsideWindow)
        }
    }

    /// For one aggregate of a series: the rows it leaves out, and where its basis' data starts
    /// (the earliest instant over all the table's rows, whatever the filter).
    static func bookkeeping(
        _ node: AggregateNode, timeExpr: RowExpr, timeKey: Int, grouping: Grouping, selection: Bitmap?, evaluator: RowEvaluator
    ) throws -> (leftOut: [LeftOut], coverageStart: Int64?) {
        guard case .time(let values, let valid) = try evaluator.value(timeExpr) else { return ([], nil) }
        let earliest = try evaluator.earliest(timeExpr, values: values, valid: valid)
        // Rows the aggregate counts (its selection) that have no date: selection ∧ ¬valid,
        // counted a word at a time.
        var undated = 0
        if let valid {
            var dated = valid
            if let selection { dated.formIntersection(selection) }
            undated = (selection?.setCount ?? evaluator.count) - dated.setCount
        }
        var outside = 0
        if let unwindowed = node.unwindowedFilter {
            let base = try unwindowed.map { try evaluator.condition($0).truth.setCount } ?? evaluator.count
            outside = max(0, base - (selection?.setCount ?? evaluator.count))
        }
        guard undated > 0 || outside > 0 else { return ([], earliest) }
        let basis: String
        if case .column(let name, _) = timeExpr { basis = name } else { basis = "its date" }
        return ([LeftOut(table: node.table, noun: node.rowNoun, basis: basis, undated: undated, outsideWindow: outside)], earliest)
    }

    /// The notes for rows a series leaves out.
    static func rowsLeftOut(_ entries: [LeftOut], grain: TimeGrain, window: ResolvedPeriod?) -> [ResultNote] {
        var notes: [ResultNote] = []
        for entry in entries {
            if entry.undated > 0 {
                notes.append(
                    ResultNote(
                        .outsideSeries,
                        "\(count(entry.undated, of: entry)) no \(entry.basis), so \(entry.undated == 1 ? "it is" : "they are") in no \(grain.rawValue)"
                    ))
            }
            if entry.outsideWindow > 0, let window {
                notes.append(
                    ResultNote(
                        .outsideSeries,
                        "\(count(entry.outsideWindow, of: entry, verb: false)) with \(entry.basis) outside \(window.dates) "
                            + "\(entry.outsideWindow == 1 ? "is" : "are") not counted"))
            }
        }
        return notes
    }

    /// `12 leads have`, `1 lead has`; for tables the schema gives no row noun, `12 rows of deals have`.
    private static func count(_ n: Int, of entry: LeftOut, verb: Bool = true) -> String {
        let grouped = ValueText.grouped(n)
        let noun = entry.noun?.callingRows(n) ?? "\(n == 1 ? "row" : "rows") of \(entry.table)"
        return "\(grouped) \(noun)" + (verb ? (n == 1 ? " has" : " have") : "")
    }

    /// Marks the rows whose period the data, the window or the as-of covers only in part, and
    /// says which and why.
    static func partialPeriods(
        _ rows: inout [QueryResult.Row], buckets: [[Value]: Int64], timeKey: Int, grain: TimeGrain, calendar: Grouping.Calendar,
        plan: QueryPlan, coverageStart: Int64?
    ) -> [ResultNote] {
        let periods = rows.compactMap { buckets[$0.keys] }
        guard let first = periods.min(), let last = periods.max() else { return [] }
        var reasons: [Int64: String] = [:]
        func span(_ bucket: Int64) -> (Int64, Int64) {
            (
                TimeBuckets.start(of: bucket, grain: grain, calendar: calendar),
                TimeBuckets.start(of: TimeBuckets.next(bucket, grain: grain), grain: grain, calendar: calendar)
            )
        }
        let (firstStart, firstEnd) = span(first)
        let (lastStart, lastEnd) = span(last)
        if let window = plan.window {
            if window.start > firstStart { reasons[first] = "the window starts \(day(window.start))" }
            if window.end < lastEnd { reasons[last] = "the window ends \(day(window.end - 1))" }
        } else if let coverageStart, Time.floorDiv(coverageStart, Time.millisecondsPerDay) > Time.floorDiv(firstStart, Time.millisecondsPerDay),
            coverageStart < firstEnd
        {
            reasons[first] = "the data starts \(day(coverageStart))"
        }
        if reasons[last] == nil, let asOf = plan.asOf, asOf >= lastStart, asOf + 1 < lastEnd {
            reasons[last] = "it runs to the as-of \(day(asOf))"
        }
        guard !reasons.isEmpty else { return [] }
        for i in rows.indices {
            if let bucket = buckets[rows[i].keys], reasons[bucket] != nil { rows[i].isPartial = true }
        }
        let described = reasons.sorted { $0.key < $1.key }.map { bucket, why in
            "\(TimeBuckets.label(bucket: bucket, grain: grain, calendar: calendar).description) is a partial \(grain.rawValue): \(why)"
        }
        return [ResultNote(.partialPeriod, described.joined(separator: "; "))]
    }

    private static func day(_ ms: Int64) -> String { ISO8601.formatDate(milliseconds: ms) }
}

/// Numbers as people read them in notes.
enum ValueText {
    /// `12,345`.
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
