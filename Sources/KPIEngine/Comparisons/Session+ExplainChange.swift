import KPICore
import KPIFormula

extension Session {
    /// `explain change QUERY by FIELD from P1 to P2`: splits the change of a rate into mix and
    /// rate effects per segment, or a count's or sum's change into each segment's contribution.
    /// `isCancelled` is polled while each period runs (Ctrl-C in the shell).
    public func explainChange(
        _ source: String, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws(SessionError) -> ChangeExplanation {
        guard case .explainChange(let change) = try Self.parse(source) else {
            throw SessionError(
                .formula(
                    FormulaError(
                        id: .explainSyntax, message: "expected 'explain change QUERY by FIELD from PERIOD to PERIOD'",
                        range: SourceRange(0, source.utf8.count)),
                    source: source))
        }
        return try explainChange(change, source: source, isCancelled: isCancelled)
    }

    /// A parsed `explain change` statement; `source` is its text, which errors point into.
    func explainChange(
        _ change: ExplainChangeSyntax, source: String, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws(SessionError) -> ChangeExplanation {
        let query = change.query
        let queryText = change.queryRange.text(in: source)
        let before = try period(change.from, at: change.fromRange, source: source)
        let after = try period(change.to, at: change.toRange, source: source)
        var whole = query
        whole.groupBy = []
        let segmentsBefore = try run(query, in: before, source: source, isCancelled: isCancelled)
        let segmentsAfter = try run(query, in: after, source: source, isCancelled: isCancelled)
        let totalBefore = try run(whole, in: before, source: source, isCancelled: isCancelled).scalar ?? Measure(value: nil)
        let totalAfter = try run(whole, in: after, source: source, isCancelled: isCancelled).scalar ?? Measure(value: nil)
        let isRate = totalBefore.isRate && totalAfter.isRate
        var keys: [Value] = segmentsBefore.rows.map { $0.keys[0] }
        for row in segmentsAfter.rows where !keys.contains(row.keys[0]) { keys.append(row.keys[0]) }
        let beforeByKey = Dictionary(segmentsBefore.rows.map { ($0.keys[0], $0.measure) }, uniquingKeysWith: { a, _ in a })
        let afterByKey = Dictionary(segmentsAfter.rows.map { ($0.keys[0], $0.measure) }, uniquingKeysWith: { a, _ in a })
        var segments: [ChangeExplanation.Segment] = []
        for key in keys {
            let b = beforeByKey[key] ?? Measure(numerator: 0, denominator: 0)
            let a = afterByKey[key] ?? Measure(numerator: 0, denominator: 0)
            if isRate {
                let w1 = (b.denominator ?? 0) / (totalBefore.denominator ?? 1)
                let w2 = (a.denominator ?? 0) / (totalAfter.denominator ?? 1)
                // A segment missing from one period has no rate there: it contributes through mix only.
                let r1 = b.value ?? a.value ?? 0, r2 = a.value ?? b.value ?? 0
                let mix = (w2 - w1) * (r1 + r2) / 2
                let rate = (r2 - r1) * (w1 + w2) / 2
                segments.append(
                    .init(
                        key: key, before: b, after: a, weightBefore: w1, weightAfter: w2, mixEffect: mix, rateEffect: rate, contribution: mix + rate))
            } else {
                let contribution = (a.value ?? 0) - (b.value ?? 0)
                segments.append(
                    .init(
                        key: key, before: b, after: a, weightBefore: nil, weightAfter: nil, mixEffect: nil, rateEffect: nil,
                        contribution: contribution))
            }
        }
        segments.sort { abs($0.contribution) > abs($1.contribution) }
        return ChangeExplanation(
            formula: queryText, segmentField: segmentsBefore.keyNames.first ?? "", fromLabel: PeriodShift.label(before),
            toLabel: PeriodShift.label(after), totalBefore: totalBefore, totalAfter: totalAfter,
            totalChange: totalAfter.value.flatMap { x in totalBefore.value.map { x - $0 } }, isRate: isRate, unit: segmentsAfter.unit,
            segments: segments)
    }

    /// One of the statement's periods (`2024-Q1`, `2024-03`, `2024`, a date) as a range.
    private func period(_ period: PeriodSyntax, at range: SourceRange, source: String) throws(SessionError) -> Range<Int64> {
        do {
            let (start, end) = try PeriodResolver(environment: environment).range(of: period, at: range)
            return start..<end
        } catch {
            throw SessionError(.formula(Parser.notAPeriod(range.text(in: source), at: range), source: source))
        }
    }
}
