import KPICore
import KPIFormula

extension Session {
    /// Notes saying how many rows each of a KPI's ``KPIExclusion``s leaves out of a query of it:
    /// `90 won deals closed before they were created are left out`.
    ///
    /// Each exclusion's rows are counted with the query's own `where` conditions and `during`
    /// window, by the KPI's date basis when the exclusion's table has it, so the count is of rows
    /// the query would otherwise have used. A query grouped `by` something gets one total per
    /// exclusion, not one per group. Exclusions that leave nothing out give no note.
    ///
    /// ```swift
    /// let query = try Parser.parseQuery(#"sales_cycle_days where rep = "Ana" during 2024"#)
    /// let notes = try session.exclusionNotes(for: "sales_cycle_days", query: query, source: text)
    /// ```
    ///
    /// - Parameters:
    ///   - kpiID: the KPI the query consists of (``QueryPlan/kpiID``).
    ///   - query: the query as parsed; conditions are taken from it only when its first measure
    ///     is the KPI, possibly filtered (`sales_cycle_days where rep = "Ana"`).
    ///   - source: the query's text, for messages.
    ///   - isCancelled: polled while counting.
    /// - Returns: one ``ResultNote/Kind/excluded`` note per exclusion that leaves rows out, in
    ///   the KPI's order; none for an unknown KPI or one without exclusions.
    /// - Throws: ``SessionError`` when an exclusion does not bind or run on the data (a
    ///   catalogue error: each exclusion reads only fields its KPI needs).
    public func exclusionNotes(
        for kpiID: String, query: QuerySyntax, source: String, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws(SessionError) -> [ResultNote] {
        guard let kpi = registry.kpi(kpiID), !kpi.exclusions.isEmpty else { return [] }
        guard let (conditions, basisOverride) = Self.userConditions(of: query.expr, kpiID: kpiID) else { return [] }
        var notes: [ResultNote] = []
        for exclusion in kpi.exclusions {
            // `count(TABLE where CONDITION)`, built as syntax: only the catalogue's condition is
            // parsed, so an error in it points into the condition as written.
            let condition: Expr
            do {
                condition = try Parser.parseExpression(exclusion.condition)
            } catch {
                throw SessionError(.formula(error, source: exclusion.condition))
            }
            let rows = Expr(.filter(Expr(.name(exclusion.table, quoted: false)), condition: condition))
            var expr = Expr(.call(name: "count", arguments: [rows], distinct: false))
            // Count by the date the KPI counts by, so `during` selects the same rows it does.
            if let field = basisOverride ?? kpi.dateBasis.flatMap({ $0.table == exclusion.table ? $0.field : nil }),
                dataset.has(FieldPath(exclusion.table, field))
            {
                expr = Expr(.on(expr, field: field))
            }
            for condition in conditions { expr = Expr(.filter(expr, condition: condition)) }
            var count = QuerySyntax(expr: expr)
            count.during = query.during
            let result = try execute(try plan(count, source: source), isCancelled: isCancelled)
            let n = Int(result.scalar?.value ?? 0)
            if n > 0 { notes.append(ResultNote(.excluded, exclusion.message(count: n))) }
        }
        return notes
    }

    /// The user's `where` conditions around a KPI name, innermost first, and the field of an
    /// `on` around it; nil when the expression is not the KPI (possibly filtered).
    private static func userConditions(of expr: Expr, kpiID: String) -> ([Expr], String?)? {
        var conditions: [Expr] = []
        var basis: String?
        var core = expr
        while true {
            switch core.kind {
            case .filter(let inner, let condition):
                conditions.insert(condition, at: 0)
                core = inner
            case .on(let inner, let field):
                basis = basis ?? field
                core = inner
            case .name(let name, _):
                return name == kpiID ? (conditions, basis) : nil
            default:
                return nil
            }
        }
    }
}
