import KPICore

/// Resolves a parsed query against a ``FormulaEnvironment`` — names, tables, units, periods —
/// and produces a ``BoundQuery``, which ``QueryPlanner`` turns into a ``QueryPlan``.
///
/// Filters (`where`), the table context (`of`), the date basis and the group keys flow down
/// into every aggregate of the expression; KPI references and `let` names are expanded in place,
/// so `lead_conversion_rate by source where rep = "Ana"` plans exactly like the KPI's own formula
/// with the key and the condition added.
public struct Binder {
    /// The environment names resolve in.
    public let environment: FormulaEnvironment
    private let source: String

    /// A binder; `source` is the query text (for error messages in expanded KPI formulas).
    public init(environment: FormulaEnvironment, source: String) {
        self.environment = environment
        self.source = source
    }

    struct Scope {
        /// Conditions with the expansion depth they were written at (0 = the user's own text).
        var filters: [(condition: Expr, depth: Int)] = []
        var ofTable: String?
        var dateBasis: FieldPath?
        /// A date field set with `on`; wins over the KPI's basis on tables that have it.
        var basisOverride: String?
        var expanding: [String] = []
        /// Which measure of the outermost KPI to expand (a KPI reports its headline first, then
        /// figures such as n and median beside it).
        var kpiMeasure = 0
        var groupBy: [GroupKeySyntax] = []
        var during: (Int64, Int64)?
        /// The KPI being expanded, innermost (named in messages about its data).
        var kpi: String?
        /// The summed heights of the KPI formulas and definitions being expanded: with the
        /// user's own formula, how deep binding recurses (see ``NestingLimit/expanded``).
        var expandedHeight = 0
        /// Where in the user's text the outermost expansion is, for errors past the limit.
        var expansionSite: SourceRange?

        /// The scope inside the expansion of `expr`, a name whose formula is `body`; refused past
        /// ``NestingLimit/expanded`` — a chain of `let`s or KPIs each within the syntax limit
        /// could otherwise nest without bound.
        func expanding(_ name: String, body: Expr, at expr: Expr) throws(FormulaError) -> Scope {
            var inner = self
            inner.expanding.append(name)
            inner.expandedHeight += body.height
            if inner.expansionSite == nil { inner.expansionSite = expr.range }
            guard inner.expandedHeight <= NestingLimit.expanded else {
                var error = NestingLimit.tooDeep(inner.expansionSite ?? expr.range, .expanded)
                error.isInUserText = true
                throw error
            }
            return inner
        }
    }

    struct Bound {
        var scalar: BoundExpr
        var unit: Unit
    }

    /// What binding a query's measures finds besides their expressions.
    struct PlanParts {
        /// Why the first aggregate without a date to count by has none (for `previous`, which
        /// needs a series of periods).
        var undated: String?
    }

    /// The aggregates the language has (``FormulaVocabulary``, which completion and help read too).
    private static let aggregateNames = FormulaVocabulary.names(of: .aggregate)
    private static let grains: [String: TimeGrain] = [
        "day": .day, "week": .week, "month": .month, "quarter": .quarter, "year": .year,
    ]

    /// Binds and plans a query: ``bind(_:)``, then ``QueryPlanner/plan(_:)``.
    public func plan(_ query: QuerySyntax) throws(FormulaError) -> QueryPlan {
        QueryPlanner().plan(try bind(query))
    }

    /// Binds a query: resolves its names, tables, units and period.
    public func bind(_ query: QuerySyntax) throws(FormulaError) -> BoundQuery {
        let bound = try bind(query, widenedBy: nil)
        // previous() in a 'during' window needs the period just before it: compute one period
        // more and hide it, so the window's first period has a growth figure too.
        guard bound.measures.contains(where: { $0.expr.usesPrevious }), query.during != nil,
            let timeKey = bound.keyIsTime.firstIndex(of: true), let grain = grain(of: query.groupBy[timeKey].expr)
        else { return bound }
        return try bind(query, widenedBy: grain)
    }

    /// The start of the period of `grain` before the one starting at `start`.
    static func periodBefore(_ start: Int64, grain: TimeGrain) -> Int64 {
        switch grain {
        case .day: return start - Time.millisecondsPerDay
        case .week: return start - 7 * Time.millisecondsPerDay
        case .month, .quarter, .year:
            let months: Int64 = grain == .month ? 1 : grain == .quarter ? 3 : 12
            return Time.startOfMonth(index: Time.monthIndex(milliseconds: start) - months)
        }
    }

    private func grain(of key: Expr) -> TimeGrain? {
        switch key.kind {
        case .name(let n, false): return Binder.grains[n.lowercased()]
        case .call(let n, _, _): return Binder.grains[n.lowercased()]
        default: return nil
        }
    }

    private func bind(_ query: QuerySyntax, widenedBy extraPeriod: TimeGrain?) throws(FormulaError) -> BoundQuery {
        var scope = Scope()
        scope.groupBy = query.groupBy
        var visibleFrom: Int64?
        if let during = query.during {
            var (start, end) = try PeriodResolver(environment: environment).range(of: during, at: query.duringRange)
            if let extraPeriod {
                visibleFrom = start
                start = Self.periodBefore(start, grain: extraPeriod)
            }
            scope.during = (start, end)
        }
        var parts = PlanParts()
        var outputs: [BoundMeasure] = []
        // A query that is one KPI (possibly filtered) shows all of the KPI's figures.
        var measures = query.measures.map { (expr: $0.expr, name: $0.name, kpiMeasure: 0) }
        if measures.count == 1, let (_, kpiMeasures) = singleKPI(query.expr), kpiMeasures.count > 1 {
            for (i, m) in kpiMeasures.enumerated().dropFirst() { measures.append((query.expr, m.name ?? "value\(i + 1)", i)) }
        }
        for (index, measure) in measures.enumerated() {
            var measureScope = scope
            measureScope.kpiMeasure = measure.kpiMeasure
            let bound = try bind(measure.expr, measureScope, &parts)
            let name = measure.name ?? (index == 0 ? "value" : defaultName(measure.expr, index: index))
            if outputs.contains(where: { $0.name == name }) {
                throw FormulaError(
                    id: .formulaDuplicateName, message: "two measures are named '\(name)'; name them with 'as'", range: measure.expr.range)
            }
            outputs.append(BoundMeasure(name: name, expr: bound.scalar, unit: bound.unit))
        }
        let keyNames = query.groupBy.map { keyName($0.expr) }
        if case .key(let name)? = query.order?.key, !keyNames.contains(name) {
            throw FormulaError(
                id: .formulaUnknownField, message: "'order by \(name)' needs '\(name)' among the 'by' keys", range: query.expr.range,
                suggestion: NameSuggester.suggest(name, among: keyNames + ["value", "funnel"]))
        }
        let keyIsTime = query.groupBy.map { key -> Bool in
            if case .name(let n, false) = key.expr.kind, Binder.grains[n.lowercased()] != nil { return true }
            if case .call(let n, _, _) = key.expr.kind, Binder.grains[n.lowercased()] != nil { return true }
            return false
        }
        if outputs.contains(where: { $0.expr.usesPrevious }), let undated = parts.undated {
            throw FormulaError(id: .formulaNoDate, message: undated + "; previous(...) needs periods", range: query.expr.range)
        }
        if outputs.contains(where: { $0.expr.usesPrevious }) && keyIsTime.filter({ $0 }).count != 1 {
            throw FormulaError(
                id: .formulaNeedsSeries, message: "previous(...) needs a time series: add 'by month' (or another grain)",
                range: query.expr.range)
        }
        // The query is "one KPI" when its expression is a KPI name, possibly filtered.
        var kpiID: String?
        var core = query.expr
        while case .filter(let inner, _) = core.kind { core = inner }
        if case .name(let n, _) = core.kind, environment.registry.kpi(n) != nil { kpiID = n }
        var bound = BoundQuery(
            measures: outputs, keyNames: keyNames, keyIsTime: keyIsTime, reportingRange: reportingRange(scope.during),
            rank: query.rank, limit: query.limit, order: query.order, kpiID: kpiID, visibleFrom: visibleFrom)
        if keyNames.contains(where: environment.schema.holdsFunnelWords) {
            bound.keyInFunnelOrder = zip(keyNames, keyIsTime).map { name, isTime in !isTime && environment.schema.holdsFunnelWords(name) }
        }
        if let during = query.during, let (start, end) = scope.during {
            bound.window = ResolvedPeriod(
                start: visibleFrom ?? start, end: end, text: Printer.print(during), leftOut: currentPeriodLeftOut(during, end: end))
        }
        bound.asOf = environment.asOf
        return bound
    }

    /// The KPI a query consists of (a KPI name, possibly filtered), with its formula's measures.
    /// A formula that does not parse gives none here: binding the KPI's name says why.
    private func singleKPI(_ expr: Expr) -> (any KPI, [MeasureSyntax])? {
        var core = expr
        while case .filter(let inner, _) = core.kind { core = inner }
        guard case .name(let n, _) = core.kind, environment.definitions[n] == nil, let kpi = environment.registry.kpi(n),
            let query = try? environment.registry.formulaSyntax(of: kpi)
        else { return nil }
        return (kpi, query.measures)
    }

    /// For `last N months` (quarters, years): the current period, which the window stops short
    /// of because it is not over, when as-of is inside it — said so that nobody reads the window
    /// as "up to today".
    private func currentPeriodLeftOut(_ during: PeriodSyntax, end: Int64) -> String? {
        guard case .last(let count, let grain) = during, [.month, .quarter, .year].contains(grain),
            environment.asOf >= end
        else { return nil }
        let day = CivilDate(daysSinceEpoch: Time.floorDiv(end, Time.millisecondsPerDay))
        let current: String
        switch grain {
        case .month:
            let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
            current = names[day.month - 1]
        case .quarter: current = "\(day.year)-Q\((day.month - 1) / 3 + 1)"
        default: current = String(day.year)
        }
        return "\(current) so far not included (\(Printer.print(PeriodSyntax.lastToDate(count: count, grain: grain))) includes it)"
    }

    /// The `during` window, else the span of `leads.created_at` (the spec's reporting months).
    private func reportingRange(_ during: (Int64, Int64)?) -> ClosedRange<Int64>? {
        if let (start, end) = during { return start...(end - 1) }
        return environment.reportingSpan ?? FormulaEnvironment.reportingSpan(in: environment.dataset, schema: environment.schema)
    }

    private func defaultName(_ expr: Expr, index: Int) -> String {
        switch expr.kind {
        case .name(let n, _): return n
        case .call(let n, _, _): return n.lowercased()
        default: return "value\(index + 1)"
        }
    }

    private func keyName(_ expr: Expr) -> String {
        switch expr.kind {
        case .name(let n, _): return n
        case .qualified(_, let f): return f
        case .call(let n, let args, _):
            if let first = args.first, case .name(let f, _) = first.kind { return "\(n)(\(f))" }
            return n
        default: return Printer.print(expr)
        }
    }

    // MARK: - Scalar level (over aggregates)

    private func bind(_ expr: Expr, _ scope: Scope, _ parts: inout PlanParts) throws(FormulaError) -> Bound {
        switch expr.kind {
        case .number(let v, _): return Bound(scalar: .constant(v), unit: .number)
        case .percent(let v): return Bound(scalar: .constant(v), unit: .ratio)
        case .duration(let seconds, _): return Bound(scalar: .constant(seconds / 86400), unit: .duration(.days))
        case .unary(.negate, let e):
            let inner = try bind(e, scope, &parts)
            return Bound(scalar: .negate(inner.scalar), unit: inner.unit)
        case .filter(let e, let condition):
            var inner = scope
            inner.filters.append((condition, scope.expanding.count))
            return try bind(e, inner, &parts)
        case .of(let e, let table):
            guard environment.dataset[table] != nil else { throw unknownTable(table, expr.range) }
            var inner = scope
            inner.ofTable = table
            return try bind(e, inner, &parts)
        case .on(let e, let field):
            guard environment.dataset.tables.contains(where: { environment.isDateBasis(field, of: $0.name) }) else {
                if let text = environment.dataset.tables.first(where: { $0.column(named: field) != nil }) {
                    throw FormulaError(
                        id: .formulaType,
                        message:
                            "'\(field)' of \(text.name) holds no dates (it is \(text.column(named: field)!.type)); on FIELD counts by a date or timestamp field",
                        range: expr.range)
                }
                throw FormulaError(
                    id: .formulaUnknownField, message: "no table has a date field '\(field)' to count by", range: expr.range,
                    suggestion: NameSuggester.suggest(
                        field, among: environment.dataset.tables.flatMap { $0.columns.filter { $0.type.isTemporal }.map(\.name) }))
            }
            var inner = scope
            inner.basisOverride = field
            return try bind(e, inner, &parts)
        case .call(let name, let arguments, _) where name.lowercased() == "previous":
            guard arguments.count == 1 else { throw arity("previous", "1", expr) }
            let inner = try bind(arguments[0], scope, &parts)
            return Bound(scalar: .previous(inner.scalar), unit: inner.unit)
        case .binary(let op, let a, let b) where op.isArithmetic:
            let lhs = try bind(a, scope, &parts)
            var rhs = try bind(b, scope, &parts)
            // Durations of different scales meet in the left side's scale: hours - 2h, days + 12h.
            if op == .add || op == .subtract, case .duration(let left) = lhs.unit, case .duration(let right) = rhs.unit, left != right {
                rhs = Bound(scalar: .arithmetic(.multiply, rhs.scalar, .constant(right.seconds / left.seconds)), unit: lhs.unit)
            }
            return Bound(scalar: .arithmetic(op, lhs.scalar, rhs.scalar), unit: try UnitRules.combine(op, lhs.unit, rhs.unit, range: expr.range))
        case .name(let name, _):
            return try bindName(name, expr, scope, &parts)
        case .call(let name, let arguments, let distinct) where Binder.aggregateNames.contains(name.lowercased()):
            return try bindAggregate(name.lowercased(), arguments, distinct: distinct, expr, scope, &parts)
        case .call(let name, let arguments, _) where environment.registry.function(named: name)?.function.kind == .aggregate:
            return try bindAggregate(name.lowercased(), arguments, distinct: false, expr, scope, &parts)
        case .call(let name, _, _):
            if RowFunction(rawValue: name.lowercased()) != nil || environment.registry.function(named: name) != nil {
                throw FormulaError(
                    id: .formulaType, message: "\(name)(...) gives a value per row; aggregate it, e.g. avg(\(name)(...)) of leads",
                    range: expr.range)
            }
            throw FormulaError(
                id: .formulaUnknownFunction, message: "unknown function '\(name)'", range: expr.range,
                suggestion: NameSuggester.suggest(
                    name, among: FormulaVocabulary.functions(with: environment.registry).filter { $0.kind != .predicate }.map(\.name)))
        default:
            throw FormulaError(
                id: .formulaType, message: "expected a number, a KPI or an aggregate such as count(leads) here", range: expr.range)
        }
    }

    private func bindName(_ name: String, _ expr: Expr, _ scope: Scope, _ parts: inout PlanParts) throws(FormulaError) -> Bound {
        if let definition = environment.definitions[name] {
            guard !scope.expanding.contains(name) else {
                throw FormulaError(id: .formulaCycle, message: "'\(name)' refers to itself", range: expr.range)
            }
            return try bind(definition, try scope.expanding(name, body: definition, at: expr), &parts)
        }
        if let kpi = environment.registry.kpi(name) {
            guard !scope.expanding.contains(name) else {
                throw FormulaError(id: .formulaCycle, message: "KPI '\(name)' refers to itself", range: expr.range)
            }
            let availability = environment.registry.availability(of: kpi, in: environment.dataset)
            if case .missing = availability {
                throw FormulaError(
                    id: .formulaUnavailable, message: "\(name) cannot be computed on this data: it \(availability.explanation)",
                    range: expr.range)
            }
            let query: QuerySyntax
            do {
                query = try environment.registry.formulaSyntax(of: kpi)
            } catch {
                throw FormulaError(
                    id: error.id, message: "in the formula of KPI '\(name)': \(error.message)", range: expr.range)
            }
            if !query.groupBy.isEmpty || query.during != nil || query.rank != nil || query.limit != nil {
                throw FormulaError(
                    id: .formulaKPIModifiers,
                    message: "the formula of KPI '\(name)' groups or limits itself; a KPI is one figure, grouped when queried ('\(name) by month')",
                    range: expr.range)
            }
            let measureIndex = min(scope.kpiMeasure, query.measures.count - 1)
            var inner = try scope.expanding(name, body: query.measures[measureIndex].expr, at: expr)
            inner.kpiMeasure = 0
            inner.kpi = name
            if inner.dateBasis == nil { inner.dateBasis = kpi.dateBasis }
            let bound: Bound
            do throws(FormulaError) {
                bound = try bind(query.measures[measureIndex].expr, inner, &parts)
            } catch {
                // An error inside the KPI's own formula: point at the KPI's name in the query.
                guard scope.expanding.isEmpty, !error.isInUserText else { throw error }
                if error.namesItsKPI {
                    var error = error
                    error.range = expr.range
                    throw error
                }
                throw FormulaError(
                    id: error.id, message: "in KPI '\(name)' (\(kpi.formula)): \(error.message)", range: expr.range,
                    suggestion: error.suggestion)
            }
            // The KPI's declared unit is its headline's; other figures keep the units they compute.
            return Bound(scalar: bound.scalar, unit: measureIndex == 0 ? kpi.unit : bound.unit)
        }
        if environment.dataset[name] != nil {
            throw FormulaError(
                id: .formulaType, message: "'\(name)' is a table; aggregate it, e.g. count(\(name))", range: expr.range)
        }
        if let table = environment.dataset.tables.first(where: { $0.column(named: name) != nil }) {
            throw FormulaError(
                id: .formulaType, message: "'\(name)' is a field of \(table.name); aggregate it, e.g. count(distinct \(name)) of \(table.name)",
                range: expr.range)
        }
        let fields = Set(environment.dataset.tables.flatMap(\.columnNames))
        let candidates = environment.registry.kpiIDs + Array(environment.definitions.keys) + fields.sorted()
        throw FormulaError(
            id: .formulaUnknownName, message: "unknown KPI or name '\(name)'", range: expr.range,
            suggestion: NameSuggester.suggest(name, among: candidates))
    }

    // MARK: - Aggregates

    private func bindAggregate(
        _ name: String, _ arguments: [Expr], distinct: Bool, _ expr: Expr, _ scope: Scope, _ parts: inout PlanParts
    ) throws(FormulaError) -> Bound {
        var conditions = scope.filters
        var table: String?
        var valueExpr: Expr?
        var shareCondition: Expr?
        var function: AggregateFunction

        // Peel `T where c` / a bare table name off the first argument.
        func tableOf(_ e: Expr) -> (String, [Expr])? {
            switch e.kind {
            case .name(let n, _) where environment.dataset[n] != nil && environment.definitions[n] == nil:
                return (n, [])
            case .filter(let inner, let c):
                if let (t, cs) = tableOf(inner) { return (t, cs + [c]) }
                return nil
            default:
                return nil
            }
        }

        switch name {
        case "count", "count_distinct":
            function = (distinct || name == "count_distinct") ? .countDistinct : .count
            guard arguments.count <= 1 else { throw arity(name, "1", expr) }
            if let first = arguments.first {
                if let (t, cs) = tableOf(first) {
                    table = t
                    conditions += cs.map { ($0, scope.expanding.count) }
                } else {
                    valueExpr = first
                }
            }
            if function == .countDistinct && valueExpr == nil {
                throw FormulaError(
                    id: .formulaArity, message: "count(distinct ...) needs a field, e.g. count(distinct rep) of leads", range: expr.range)
            }
        case "share":
            function = .share
            switch arguments.count {
            case 1:
                shareCondition = arguments[0]
            case 2:
                guard let (t, cs) = tableOf(arguments[0]) else {
                    throw FormulaError(
                        id: .formulaType, message: "the first argument of share is a table, e.g. share(leads, status = \"won\")",
                        range: arguments[0].range)
                }
                table = t
                conditions += cs.map { ($0, scope.expanding.count) }
                shareCondition = arguments[1]
            default:
                throw arity(name, "1 or 2", expr)
            }
        case "percentile":
            guard arguments.count == 2 else { throw arity(name, "2", expr) }
            let p: Double
            switch arguments[1].kind {
            case .number(let v, _): p = v
            case .percent(let v): p = v
            default: throw FormulaError(id: .formulaType, message: "the quantile must be a number such as 0.9 or 90%", range: arguments[1].range)
            }
            guard p >= 0 && p <= 1 else {
                throw FormulaError(id: .formulaType, message: "the quantile must be between 0 and 1", range: arguments[1].range)
            }
            function = .percentile(p)
            valueExpr = arguments[0]
        case _ where !Binder.aggregateNames.contains(name):
            // Only a module's aggregate reaches here (the scalar level routes no other name).
            guard let entry = environment.registry.function(named: name) else { throw arity(name, "1", expr) }
            let call = ModuleFunctionReference(entry)
            try ModuleFunctionTyping.checkArity(arguments.count, of: call, range: expr.range)
            function = .module(call)
            valueExpr = arguments[0]
        default:
            guard arguments.count == 1 else { throw arity(name, "1", expr) }
            switch name {
            case "sum": function = .sum
            case "avg", "mean": function = .avg
            case "median": function = .median
            case "min": function = .min
            case "first": function = .first
            case "last": function = .last
            default: function = .max
            }
            valueExpr = arguments[0]
        }

        let resolvedTable: String
        if let known = table ?? scope.ofTable {
            resolvedTable = known
        } else {
            var mentions = Mentions()
            for mentioned in [valueExpr, shareCondition].compactMap({ $0 }) + conditions.map(\.condition) {
                collectMentions(mentioned, into: &mentions)
            }
            resolvedTable = try inferTable(fields: mentions.fields, qualifiers: mentions.qualifiers, expr)
        }
        var resolver = RowResolver(environment: environment, table: resolvedTable)
        resolver.baseDepth = scope.expandedHeight
        var filter: RowExpr?
        for (condition, depth) in conditions {
            let row: RowExpr
            do throws(FormulaError) {
                row = try resolver.condition(condition)
            } catch {
                var error = error
                error.isInUserText = depth == 0
                throw error
            }
            filter = filter.map { .and($0, row) } ?? row
        }
        let basis = dateBasis(of: resolvedTable, scope)
        let basisField = basis.field
        var unwindowed: RowExpr?? = nil
        let perPeriod = ([valueExpr, shareCondition].compactMap { $0 } + conditions.map(\.condition)).contains(where: mentionsPeriodBounds)
        // A per-period aggregate (period_start/period_end) takes its periods from `during`; its rows are not cut by it.
        if let (start, end) = scope.during, !perPeriod {
            guard let basisField, let column = environment.dataset[resolvedTable]?.column(named: basisField) else {
                var error = FormulaError(id: .formulaNoDate, message: undated(resolvedTable, basis.missing, scope), range: expr.range)
                error.namesItsKPI = scope.kpi != nil
                throw error
            }
            let basis = RowExpr.column(basisField, column.type)
            let window = RowExpr.and(
                .compare(.greaterOrEqual, basis, .literal(.timestamp(start))), .compare(.less, basis, .literal(.timestamp(end))))
            unwindowed = .some(filter)
            filter = filter.map { .and($0, window) } ?? window
        }
        var argument: RowExpr?
        var unit: Unit = .count
        if let valueExpr {
            let (row, rowUnit) = try resolver.value(valueExpr)
            argument = row
            switch function {
            case .count, .countDistinct: unit = .count
            case .module(let call):
                try ModuleFunctionTyping.check(rowUnit, against: call.function.parameters[0], position: 0, of: call, range: valueExpr.range)
                unit = ModuleFunctionTyping.unit(of: call.function, argumentUnits: [rowUnit])
            default:
                guard rowUnit != .text else {
                    throw FormulaError(
                        id: .formulaType, message: "\(name) needs numbers; \(Self.whyText(row, in: environment.dataset[resolvedTable]))",
                        range: valueExpr.range)
                }
                if rowUnit == .time && function != .min && function != .max && function != .first && function != .last {
                    throw FormulaError(
                        id: .formulaType,
                        message: "\(name) of dates has no meaning; use min/max, or a duration such as days_between(created_at, closed_at)",
                        range: valueExpr.range)
                }
                unit = rowUnit
            }
        }
        var shareRow: RowExpr?
        if let shareCondition {
            shareRow = try resolver.condition(shareCondition)
            unit = .ratio
        }
        var keys: [GroupKeyNode] = []
        for key in scope.groupBy {
            do throws(FormulaError) {
                keys.append(
                    try resolver.groupKey(key.expr, basisField: basisField) { grain, range in
                        FormulaError(id: .formulaNoDate, message: undated(resolvedTable, basis.missing, scope, grain: grain), range: range)
                    })
            } catch {
                var error = error
                error.isInUserText = true
                throw error
            }
        }
        var orderBy: RowExpr?
        if function == .first || function == .last {
            guard let basisField, let column = environment.dataset[resolvedTable]?.column(named: basisField) else {
                let why = basis.missing.map { ": this data has no \($0)" } ?? ", and it has none"
                throw FormulaError(
                    id: .formulaNoDate, message: "\(name) needs a date to order \(resolvedTable) by\(why); name one with 'on FIELD'",
                    range: expr.range)
            }
            orderBy = .column(basisField, column.type)
        }
        if basisField == nil, !perPeriod, parts.undated == nil { parts.undated = undated(resolvedTable, basis.missing, scope) }
        let node = AggregateNode(
            table: resolvedTable, function: function, argument: argument, shareCondition: shareRow, filter: filter, keys: keys,
            unit: unit, orderBy: orderBy, unwindowedFilter: unwindowed,
            rowNoun: environment.schema.table(named: resolvedTable)?.rowNoun)
        return Bound(scalar: .aggregate(node), unit: unit)
    }

    /// The date an aggregate over `table` counts by: `on FIELD` where the table has it, else the
    /// KPI's basis on its own table, else the table's default. When the data lacks it, `missing`
    /// names what it would be (nil for a table that has no date at all).
    private func dateBasis(of table: String, _ scope: Scope) -> (field: String?, missing: FieldPath?) {
        let columns = environment.dataset[table]
        if let field = scope.basisOverride, environment.isDateBasis(field, of: table) { return (field, nil) }
        if let basis = scope.dateBasis, basis.table == table {
            // No stand-in for a missing basis: counting won deals by creation date would be another KPI.
            return columns?.column(named: basis.field) != nil ? (basis.field, nil) : (nil, basis)
        }
        if let field = environment.defaultDateBasis(of: table) { return (field, nil) }
        return (nil, environment.canonicalDateBasis(of: table).map { FieldPath(table, $0) })
    }

    /// Why an aggregate over `table` cannot go by date: it still gives totals and groups.
    private func undated(_ table: String, _ missing: FieldPath?, _ scope: Scope, grain: String? = nil) -> String {
        let subject = scope.kpi.map { "\($0) has no date to count \(table) by" } ?? "\(table) has no date to count by"
        guard let missing else {
            let hint = grain.map { " (\($0)(FIELD) groups by another field's dates)" } ?? ""
            return subject + ": \(table) has no date or timestamp column, so it gives totals and groups only; `during` and `by month` need one"
                + hint
        }
        var message = subject + ": this data has no \(missing), so it gives totals and groups only; `during` and `by month` need \(missing)"
        if let other = environment.dataset[table]?.columns.first(where: { $0.type.isTemporal }) {
            message += " (or count by another date: on \(other.name))"
        }
        return message
    }

    /// Why a column an aggregate reads is text, when it is a column: which of its values are
    /// not numbers (one such value keeps a whole column text), so the user knows what to fix.
    static func whyText(_ row: RowExpr, in table: Table?) -> String {
        guard case .column(let name, .text) = row, let column = table?.column(named: name) else { return "this is text" }
        let outcome = ColumnCoercion.coerce(column, to: .number, context: CoercionContext())
        let bad = outcome.issues.filter { $0.kind.isDamage }
        guard !bad.isEmpty else { return "'\(name)' is text" }
        let distinct = bad.reduce(into: [String]()) { if !$0.contains($1.value) { $0.append($1.value) } }
        let examples = distinct.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (distinct.count > 3 ? ", …" : "")
        let valued = column.count - column.nullCount
        if bad.count * 2 > valued { return "'\(name)' is text" }
        let verb = bad.count == 1 ? "is not a number" : "are not numbers"
        return "'\(name)' is text because \(bad.count) of its \(valued) values \(verb): \(examples)"
            + (table?.origin.flatMap { origin in origin.line(ofRow: bad[0].row).map { " (first on line \($0))" } } ?? "")
    }

    private func mentionsPeriodBounds(_ e: Expr) -> Bool {
        switch e.kind {
        case .name(let n, false):
            if n == "period_start" || n == "period_end" { return true }
            if let definition = environment.definitions[n] { return mentionsPeriodBounds(definition) }
            return false
        case .unary(_, let a), .isNull(let a, _), .filter(let a, _), .of(let a, _), .on(let a, _): return mentionsPeriodBounds(a)
        case .binary(_, let a, let b): return mentionsPeriodBounds(a) || mentionsPeriodBounds(b)
        case .inList(let a, let items, _): return mentionsPeriodBounds(a) || items.contains(where: mentionsPeriodBounds)
        case .between(let a, let lo, let hi, _): return [a, lo, hi].contains(where: mentionsPeriodBounds)
        case .call(_, let args, _): return args.contains(where: mentionsPeriodBounds)
        case .exists(_, let c): return c.map(mentionsPeriodBounds) ?? false
        default: return false
        }
    }

    private func arity(_ name: String, _ expected: String, _ expr: Expr) -> FormulaError {
        FormulaError(id: .formulaArity, message: "\(name) takes \(expected) argument(s)", range: expr.range)
    }

    private func unknownTable(_ table: String, _ range: SourceRange) -> FormulaError {
        FormulaError(
            id: .formulaUnknownTable, message: "unknown table '\(table)'", range: range,
            suggestion: NameSuggester.suggest(table, among: environment.dataset.tables.map(\.name)))
    }

    /// The field names and the tables of qualified fields (`finance` in `avg(finance.cogs)`)
    /// that expressions mention, in order: what chooses a table when none is given.
    private struct Mentions {
        var fields: [(String, SourceRange)] = []
        var qualifiers: [(String, SourceRange)] = []
    }

    private func collectMentions(_ e: Expr, into mentions: inout Mentions) {
        switch e.kind {
        case .name(let n, _):
            if environment.definitions[n] == nil && environment.registry.kpi(n) == nil { mentions.fields.append((n, e.range)) }
        case .qualified(let table, _): mentions.qualifiers.append((table, e.range))
        case .unary(_, let a), .isNull(let a, _), .inList(let a, _, _): collectMentions(a, into: &mentions)
        case .binary(_, let a, let b): for part in [a, b] { collectMentions(part, into: &mentions) }
        case .between(let a, let lo, let hi, _): for part in [a, lo, hi] { collectMentions(part, into: &mentions) }
        case .call(_, let args, _): for argument in args { collectMentions(argument, into: &mentions) }
        default: break
        }
    }

    /// The one table that has some of `names` itself and reaches the rest through links
    /// (`sum(amount) where regional_office = "West"` ranges over leads); nil when none or several.
    private func linkedTable(for names: Set<String>) -> String? {
        let graph = LinkGraph(environment: environment)
        let tables = environment.dataset.tables.filter { table in
            names.contains { table.column(named: $0) != nil }
                && names.allSatisfy { name in
                    if table.column(named: name) != nil { return true }
                    if case .notFound = graph.locate(name, qualifier: nil, from: table.name) { return false }
                    return true
                }
        }
        return tables.count == 1 ? tables[0].name : nil
    }

    private func inferTable(fields: [(String, SourceRange)], qualifiers: [(String, SourceRange)], _ expr: Expr) throws(FormulaError) -> String {
        // A qualified field says its table: `avg(finance.average_inventory)` ranges over finance,
        // as `avg(average_inventory) of finance` does. Fields of several tables leave it open.
        if let (table, range) = qualifiers.first, qualifiers.allSatisfy({ $0.0 == table }) {
            guard environment.dataset[table] != nil else { throw unknownTable(table, range) }
            return table
        }
        if fields.isEmpty, let (table, _) = qualifiers.first {
            let tables = qualifiers.map(\.0).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            throw FormulaError(
                id: .formulaAmbiguousTable,
                message: "this aggregate names fields of \(tables.joined(separator: " and ")); add 'of \(table)'", range: expr.range)
        }
        guard let first = fields.first else {
            throw FormulaError(
                id: .formulaNoTable, message: "which table? write e.g. count(leads), or add 'of leads'", range: expr.range)
        }
        let names = Set(fields.map(\.0))
        let candidates = environment.dataset.tables.filter { table in names.allSatisfy { table.column(named: $0) != nil } }.map(\.name)
        if candidates.count == 1 { return candidates[0] }
        if candidates.isEmpty, let linked = linkedTable(for: names) { return linked }
        if candidates.isEmpty {
            let all = environment.dataset.tables.flatMap(\.columnNames)
            let missing = fields.first { field in !environment.dataset.tables.contains { $0.column(named: field.0) != nil } } ?? first
            throw FormulaError(
                id: .formulaUnknownField, message: "no table has the field '\(missing.0)'", range: missing.1,
                suggestion: NameSuggester.suggest(missing.0, among: Array(Set(all))))
        }
        throw FormulaError(
            id: .formulaAmbiguousTable,
            message: "'\(first.0)' is a field of \(candidates.joined(separator: " and ")); add 'of \(candidates[0])'", range: expr.range)
    }
}
