import KPICore
import KPIFormula

/// What a `compare` statement measures against: the parser's ``CompareSyntax/Baseline``.
public typealias Baseline = CompareSyntax.Baseline

extension Session {
    /// `compare QUERY vs previous | last year | N periods ago | team | goal`.
    ///
    /// Without `during`, the period is the last complete month before as-of (a partial month
    /// against a full one would mislead).
    ///
    /// `isCancelled` is polled while each period runs (Ctrl-C in the shell).
    public func compare(_ source: String, isCancelled: @escaping @Sendable () -> Bool = { false }) throws(SessionError) -> PeriodComparison {
        guard case .compare(let comparison) = try Self.parse(source) else {
            throw SessionError(.formula(FormulaError(id: .compareSyntax, message: "expected 'compare'", range: SourceRange(0, 0)), source: source))
        }
        return try compare(comparison, source: source, isCancelled: isCancelled)
    }

    /// A parsed `compare` statement; `source` is its text, which errors point into.
    func compare(
        _ comparison: CompareSyntax, source: String, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws(SessionError) -> PeriodComparison {
        let query = comparison.query
        let current = try range(of: query, source: source)
        let baseline = comparison.baseline
        switch baseline {
        case .goal:
            return try compareWithGoals(query, at: comparison.queryRange, source: source)
        case .team:
            guard !query.groupBy.isEmpty else {
                throw SessionError(
                    .formula(
                        FormulaError(
                            id: .compareNeedsGroups, message: "'vs team' compares groups with the whole: add 'by rep' (or another field)",
                            range: comparison.queryRange), source: source))
            }
            let grouped = try run(query, in: current, source: source, isCancelled: isCancelled)
            var whole = query
            whole.groupBy = []
            whole.rank = nil
            whole.limit = nil
            let total = try run(whole, in: current, source: source, isCancelled: isCancelled).scalar ?? Measure(value: nil)
            let rows = grouped.rows.map { row -> PeriodComparison.Row in
                // The group against the rest of the team, so a big group is not tested against itself.
                var rest = total
                if let n = total.numerator, let d = total.denominator, let gn = row.measure.numerator, let gd = row.measure.denominator {
                    rest = Measure(numerator: n - gn, denominator: d - gd)
                }
                return Self.row(keys: row.keys, current: row.measure, baseline: total, testAgainst: rest)
            }
            var comparison = PeriodComparison(
                baselineLabel: "team", currentLabel: PeriodShift.label(current), currentPeriod: current.lowerBound...(current.upperBound - 1),
                baselinePeriod: nil, keyNames: grouped.keyNames, unit: grouped.unit, rows: rows)
            comparison.notes = Self.distinct(grouped.notes)
            return comparison
        case .previous, .lastYear, .periodsAgo:
            let earlier: Range<Int64>
            switch baseline {
            case .lastYear: earlier = PeriodShift.yearEarlier(current)
            default:
                let (times, what): (Int, String)
                if case .periodsAgo(let n) = baseline { (times, what) = (n, "\(n) periods") } else { (times, what) = (1, "the period") }
                guard let shifted = PeriodShift.previous(current, times: times) else {
                    // The baseline is what goes out of range: point at it.
                    throw SessionError(
                        .formula(
                            FormulaError(
                                id: .compareOutOfRange,
                                message: "\(what) before \(PeriodShift.label(current)) is beyond the calendar (years -9999 to 9999)",
                                range: comparison.baselineRange), source: source))
                }
                earlier = shifted
            }
            let now = try run(query, in: current, source: source, isCancelled: isCancelled)
            let then = try run(query, in: earlier, source: source, isCancelled: isCancelled)
            var byKey: [[Value]: Measure] = [:]
            for row in then.rows { byKey[row.keys] = row.measure }
            var keys = now.rows.map(\.keys)
            for row in then.rows where !keys.contains(row.keys) { keys.append(row.keys) }
            let currentByKey = Dictionary(now.rows.map { ($0.keys, $0.measure) }, uniquingKeysWith: { a, _ in a })
            let order = Executor.keyOrder(funnel: now.keyInFunnelOrder)
            let rows = keys.map { key in
                Self.row(keys: key, current: currentByKey[key] ?? Measure(value: nil), baseline: byKey[key] ?? Measure(value: nil), testAgainst: nil)
            }.sorted { order($0.keys, $1.keys) }
            var comparison = PeriodComparison(
                baselineLabel: PeriodShift.label(earlier), currentLabel: PeriodShift.label(current),
                currentPeriod: current.lowerBound...(current.upperBound - 1), baselinePeriod: earlier.lowerBound...(earlier.upperBound - 1),
                keyNames: now.keyNames, unit: now.unit, rows: query.rank == nil ? rows : rows.filter { currentByKey[$0.keys] != nil })
            comparison.notes = Self.distinct(now.notes + then.notes)
            return comparison
        }
    }

    /// Each matching goal's current value (measured over the goal's own period) against its
    /// target; `range` is where the query is written, for the error when no goal matches.
    private func compareWithGoals(_ query: QuerySyntax, at range: SourceRange, source: String) throws(SessionError) -> PeriodComparison {
        let formula = Printer.print(query.expr)
        let field = query.groupBy.first.map { Printer.print($0.expr) }
        var rows: [PeriodComparison.Row] = []
        for goal in goalFile.goals {
            guard let parsed = try? Parser.parseQuery(goal.kpi), Printer.print(parsed.expr) == formula else { continue }
            var keys: [Value] = []
            if let field {
                // A goal for one group: its scope is `FIELD = "value"`.
                guard let scope = goal.scope, let condition = try? Parser.parseExpression(scope),
                    case .binary(.equal, let lhs, let rhs) = condition.kind, Printer.print(lhs) == field
                else { continue }
                switch rhs.kind {
                case .string(let s): keys = [.text(s)]
                case .number(let n, _): keys = [.double(n)]
                default: continue
                }
            } else if goal.scope != nil {
                continue
            }
            let status = try GoalTracker.status(of: goal, in: self)
            let current = status.current ?? Measure(value: nil)
            var row = Self.row(keys: keys, current: current, baseline: Measure(value: status.target), testAgainst: nil)
            row.pValue = Significance.pValue(current, against: status.target)
            rows.append(row)
        }
        guard !rows.isEmpty else {
            throw SessionError(
                .formula(
                    FormulaError(
                        id: .compareNoGoal,
                        message: "no goal is set for '\(range.text(in: source))'\(field.map { " per \($0)" } ?? ""); add one with: goal …",
                        range: range), source: source))
        }
        // The unit comes from the plan; nothing needs to run for it.
        let unit = (try? plan(query, source: source).unit) ?? .number
        return PeriodComparison(
            baselineLabel: "goal", currentLabel: "current", currentPeriod: nil, baselinePeriod: nil,
            keyNames: field.map { [$0] } ?? [], unit: unit,
            rows: rows.sorted { Executor.keyOrder(funnel: field.map { [schema.holdsFunnelWords($0)] } ?? [])($0.keys, $1.keys) })
    }

    /// Notes once each, in order: both periods' runs say "no row has source …" alike.
    private static func distinct(_ notes: [ResultNote]) -> [ResultNote] {
        var seen = Set<ResultNote>()
        return notes.filter { seen.insert($0).inserted }
    }

    private static func row(keys: [Value], current: Measure, baseline: Measure, testAgainst: Measure?) -> PeriodComparison.Row {
        let change = current.value.flatMap { c in baseline.value.map { c - $0 } }
        let relative = change.flatMap { c in baseline.value.flatMap { $0 == 0 ? nil : c / abs($0) } }
        return PeriodComparison.Row(
            keys: keys, current: current, baseline: baseline, change: change, relativeChange: relative,
            pValue: Significance.pValue(testAgainst ?? baseline, current))
    }

    /// The query's `during` window, or the last complete month before as-of.
    func range(of query: QuerySyntax, source: String) throws(SessionError) -> Range<Int64> {
        let resolver = PeriodResolver(environment: environment)
        do {
            let (start, end) = try resolver.range(of: query.during ?? .last(count: 1, grain: .month), at: query.duringRange)
            return start..<end
        } catch {
            throw SessionError(.formula(error, source: source))
        }
    }

    /// Runs `query` with its period replaced by `range`.
    func run(
        _ query: QuerySyntax, in range: Range<Int64>, source: String, isCancelled: @escaping @Sendable () -> Bool
    ) throws(SessionError) -> QueryResult {
        var query = query
        query.during = .range(
            from: Expr(.instant(milliseconds: range.lowerBound, hasTime: true)),
            to: Expr(.instant(milliseconds: range.upperBound - 1, hasTime: true)))
        return try execute(try plan(query, source: source), isCancelled: isCancelled)
    }
}
