import KPICore

/// Resolves expressions inside one aggregate — fields, literals, conditions, row functions and
/// group keys — against one table, following the links in force (``LinkGraph``) to related tables.
struct RowResolver {
    let environment: FormulaEnvironment
    let table: String
    /// The links in force, read once per aggregate.
    let graph: LinkGraph
    /// How deep the binder already is (the summed heights of the KPIs and definitions it is
    /// expanding) when it resolves this aggregate's rows.
    var baseDepth = 0

    init(environment: FormulaEnvironment, table: String) {
        self.environment = environment
        self.table = table
        graph = LinkGraph(environment: environment)
    }

    private var columns: Table? { environment.dataset[table] }

    // MARK: Values

    func value(_ expr: Expr, expanding: [String] = []) throws(FormulaError) -> (RowExpr, Unit) {
        switch expr.kind {
        case .number(let v, let isInteger):
            return (.literal(isInteger && abs(v) < 9e15 ? .int(Int64(v)) : .double(v)), .number)
        case .percent(let v): return (.literal(.double(v)), .ratio)
        case .duration(let seconds, _): return (.literal(.double(seconds)), .duration(.seconds))
        case .string(let s): return (.literal(.text(s)), .text)
        case .bool(let b): return (.literal(.bool(b)), .bool)
        case .null: return (.literal(.null), .number)
        case .instant(let ms, let hasTime): return (.literal(hasTime ? .timestamp(ms) : .date(ms)), .time)
        case .month(let y, let m):
            return (.literal(.date(CivilDate(year: y, month: m, day: 1).milliseconds)), .time)
        case .quarter(let y, let q):
            return (.literal(.date(CivilDate(year: y, month: (q - 1) * 3 + 1, day: 1).milliseconds)), .time)
        case .name(let name, let quoted):
            if !quoted, let definition = environment.definitions[name] {
                guard !expanding.contains(name) else {
                    throw FormulaError(id: .formulaCycle, message: "'\(name)' refers to itself", range: expr.range)
                }
                try checkDepth(expanding + [name], expr.range)
                return try pointingAt(name, expr.range) { () throws(FormulaError) in try value(definition, expanding: expanding + [name]) }
            }
            if !quoted, name == "period_start" || name == "period_end", columns?.column(named: name) == nil {
                return (.periodBound(isEnd: name == "period_end"), .time)
            }
            return try field(name, table: nil, expr.range)
        case .qualified(let t, let f):
            return try field(f, table: t, expr.range)
        case .unary(.negate, let e):
            let (row, unit) = try value(e, expanding: expanding)
            return (.negate(row), unit)
        case .binary(let op, let a, let b) where op.isArithmetic:
            let (lhs, lu) = try value(a, expanding: expanding)
            let (rhs, ru) = try value(b, expanding: expanding)
            if lu == .text || ru == .text {
                throw FormulaError(id: .formulaType, message: "cannot do arithmetic on text", range: expr.range)
            }
            return (.arithmetic(op, lhs, rhs), try UnitRules.combine(op, lu, ru, range: expr.range))
        case .call(let name, let arguments, _):
            return try function(name, arguments, expr, expanding: expanding)
        case .unary(.not, _), .binary, .isNull, .inList, .between, .exists, .filter:
            return (try condition(expr, expanding: expanding), .bool)
        case .of:
            throw FormulaError(id: .formulaType, message: "'of' belongs after an aggregate, e.g. avg(amount) of leads", range: expr.range)
        case .on:
            throw FormulaError(id: .formulaType, message: "'on' belongs after an aggregate, e.g. count(leads) on converted_at", range: expr.range)
        }
    }

    /// Refuses expanding the definitions `names` (outermost first) when, with the binder's own
    /// depth, that nests past ``NestingLimit/expanded``.
    private func checkDepth(_ names: [String], _ range: SourceRange) throws(FormulaError) {
        let depth = names.reduce(baseDepth) { $0 + (environment.definitions[$1]?.height ?? 0) }
        guard depth <= NestingLimit.expanded else { throw NestingLimit.tooDeep(range, .expanded) }
    }

    /// Runs the expansion of `let` definition `name`: its errors carry ranges of the definition's
    /// own text, so they are pointed at the name where it is used.
    private func pointingAt<T>(_ name: String, _ range: SourceRange, _ body: () throws(FormulaError) -> T) throws(FormulaError) -> T {
        do {
            return try body()
        } catch {
            throw FormulaError(id: error.id, message: "in '\(name)': \(error.message)", range: range, suggestion: error.suggestion)
        }
    }

    private func field(_ name: String, table qualifier: String?, _ range: SourceRange) throws(FormulaError) -> (RowExpr, Unit) {
        guard let columns else { throw FormulaError(id: .formulaUnknownTable, message: "unknown table '\(table)'", range: range) }
        if qualifier == nil || qualifier == table, let column = columns.column(named: name) {
            return (.column(name, column.type), environment.unit(of: name, in: table, type: column.type))
        }
        // Another name the schema gives a field: spend and traffic call the lead source `channel`.
        if qualifier == nil, let aliased = environment.schema.table(named: table)?.field(formulaAlias: name),
            let column = columns.column(named: aliased.name)
        {
            return (.column(aliased.name, column.type), environment.unit(of: aliased.name, in: table, type: column.type))
        }
        // Follow links: an activity's lead's source, a lead's rep's regional office.
        if qualifier != table {
            switch graph.locate(name, qualifier: qualifier, from: table) {
            case .found(let route, let column):
                var value = RowExpr.column(name, column.type)
                for link in route.links.reversed() {
                    value = .lookup(localKey: link.key, table: link.target, remoteKey: link.targetKey, value: value)
                }
                return (value, environment.unit(of: name, in: route.table, type: column.type))
            case .ambiguous(let routes):
                throw ambiguous(name, routes, range)
            case .notFound:
                break
            }
        }
        if let qualifier, qualifier != table {
            guard let named = environment.dataset[qualifier] else {
                // `rep.regional_offce`: a key column of this table, qualified to pick its link.
                let viaKey = graph.routes(from: table).filter { $0.links[0].key == qualifier }.map(\.table)
                if !viaKey.isEmpty {
                    throw FormulaError(
                        id: .formulaUnknownField,
                        message: "unknown field '\(name)' in \(Self.list(Array(Set(viaKey)).sorted())), where \(table).\(qualifier) leads",
                        range: range,
                        suggestion: NameSuggester.suggest(name, among: viaKey.flatMap { environment.dataset[$0]?.columnNames ?? [] }))
                }
                throw FormulaError(
                    id: .formulaUnknownTable, message: "unknown table '\(qualifier)'", range: range,
                    suggestion: NameSuggester.suggest(qualifier, among: environment.dataset.tables.map(\.name)))
            }
            if named.column(named: name) != nil {
                throw FormulaError(
                    id: .formulaNoLink,
                    message:
                        "\(qualifier).\(name) is out of reach of \(table): no link leads from \(table) to \(qualifier) (a mapping file's links can add one)",
                    range: range)
            }
            throw FormulaError(
                id: .formulaUnknownField, message: "unknown field '\(name)' in \(qualifier)", range: range,
                suggestion: NameSuggester.suggest(name, among: named.columnNames))
        }
        throw FormulaError(
            id: .formulaUnknownField, message: "unknown field '\(name)' in \(table)", range: range,
            suggestion: NameSuggester.suggest(name, among: columns.columnNames + graph.linkedFieldNames(from: table)))
    }

    /// A name several links reach equally near: say which, and how to write each.
    private func ambiguous(_ name: String, _ routes: [LinkGraph.Route], _ range: SourceRange) -> FormulaError {
        let tables = routes.map(\.table)
        let spellings = routes.map { route in
            tables.filter { $0 == route.table }.count == 1 ? "\(route.table).\(name)" : "\(route.links[0].key).\(name)"
        }
        let places = routes.map { "\($0.table) (through \($0.description))" }
        var message = "'\(name)' is a field of " + Self.list(places) + "; "
        if Set(spellings).count == spellings.count {
            message += "write " + Self.list(spellings, or: true)
        } else {
            message += "no spelling tells them apart; keep one of the links in the mapping file"
        }
        return FormulaError(id: .formulaAmbiguousField, message: message, range: range)
    }

    /// `a and b`, `a, b and c` (or `or`).
    private static func list(_ items: [String], or: Bool = false) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items[items.count - 1]
    }

    private func function(_ name: String, _ arguments: [Expr], _ expr: Expr, expanding: [String]) throws(FormulaError) -> (RowExpr, Unit) {
        // count(activities [where …]) inside a condition: the number of linked rows per row.
        if name.lowercased() == "count", arguments.count == 1 {
            var target = arguments[0]
            var condition: Expr?
            if case .filter(let inner, let c) = target.kind {
                target = inner
                condition = c
            }
            if case .name(let remote, _) = target.kind, remote != table, environment.dataset[remote] != nil {
                let link = try join(to: remote, expr.range)
                let remoteCondition = try condition.map { (c) throws(FormulaError) -> RowExpr in
                    try RowResolver(environment: environment, table: remote).condition(c)
                }
                return (.linkedCount(localKey: link.localKey, table: remote, remoteKey: link.remoteKey, condition: remoteCondition), .count)
            }
        }
        if name.lowercased() == "next" {
            guard arguments.count == 2 || arguments.count == 3 else {
                throw FormulaError(
                    id: .formulaArity,
                    message:
                        "next(field, key [, tie-break]) takes the field, the key that groups rows and optionally what orders ties, e.g. next(entered_at, lead_id, stage)",
                    range: expr.range)
            }
            let (value, unit) = try self.value(arguments[0], expanding: expanding)
            let (key, _) = try self.value(arguments[1], expanding: expanding)
            let tieBreak = arguments.count == 3 ? try self.value(arguments[2], expanding: expanding).0 : nil
            return (.next(value: value, key: key, tieBreak: tieBreak), unit)
        }
        guard let function = RowFunction(rawValue: name.lowercased()) else {
            if let entry = environment.registry.function(named: name) {
                return try moduleFunction(entry, arguments, expr, expanding: expanding)
            }
            let moduleRowFunctions = environment.registry.functions.filter { $0.function.kind == .row }.map(\.function.name)
            throw FormulaError(
                id: .formulaUnknownFunction, message: "unknown function '\(name)' (aggregates cannot be nested)", range: expr.range,
                suggestion: NameSuggester.suggest(name, among: RowFunction.allCases.map(\.rawValue) + moduleRowFunctions))
        }
        var rows: [RowExpr] = []
        var units: [Unit] = []
        for argument in arguments {
            let (row, unit) = try value(argument, expanding: expanding)
            rows.append(row)
            units.append(unit)
        }
        func require(_ count: Int) throws(FormulaError) {
            guard arguments.count == count else {
                throw FormulaError(id: .formulaArity, message: "\(name) takes \(count) argument(s)", range: expr.range)
            }
        }
        switch function {
        case .secondsBetween, .minutesBetween, .hoursBetween, .daysBetween:
            try require(2)
            for (i, unit) in units.enumerated() where unit != .time {
                throw FormulaError(id: .formulaType, message: "\(name) needs two dates or timestamps", range: arguments[i].range)
            }
            let scale: DurationScale = [.secondsBetween: .seconds, .minutesBetween: .minutes, .hoursBetween: .hours][function] ?? .days
            return (.function(function, rows), .duration(scale))
        case .lower, .upper:
            try require(1)
            guard units[0] == .text else {
                throw FormulaError(id: .formulaType, message: "\(name) needs text", range: arguments[0].range)
            }
            return (.function(function, rows), .text)
        case .abs:
            try require(1)
            return (.function(function, rows), units[0])
        case .coalesce:
            guard !rows.isEmpty else { throw FormulaError(id: .formulaArity, message: "coalesce needs arguments", range: expr.range) }
            return (.function(function, rows), units[0])
        }
    }

    // MARK: Conditions

    func condition(_ expr: Expr, expanding: [String] = []) throws(FormulaError) -> RowExpr {
        switch expr.kind {
        case .binary(.and, let a, let b):
            return .and(try condition(a, expanding: expanding), try condition(b, expanding: expanding))
        case .binary(.or, let a, let b):
            return .or(try condition(a, expanding: expanding), try condition(b, expanding: expanding))
        case .unary(.not, let a):
            return .not(try condition(a, expanding: expanding))
        case .binary(let op, let a, let b) where op.isComparison:
            return try comparison(op, a, b, expr, expanding: expanding)
        case .isNull(let a, let negated):
            return .isNull(try value(a, expanding: expanding).0, negated: negated)
        case .inList(let a, let items, let negated):
            let (lhs, unit) = try value(a, expanding: expanding)
            var values: [Value] = []
            for item in items {
                let (row, itemUnit) = try value(item, expanding: expanding)
                guard case .literal(let v) = row else {
                    throw FormulaError(id: .formulaType, message: "'in' lists constants", range: item.range)
                }
                try checkComparable(unit, itemUnit, item.range)
                values.append(v)
            }
            return .inList(lhs, values, negated: negated)
        case .between(let a, let lower, let upper, let negated):
            let inside = RowExpr.and(
                try comparison(.greaterOrEqual, a, lower, expr, expanding: expanding),
                try comparison(.lessOrEqual, a, upper, expr, expanding: expanding))
            return negated ? .not(inside) : inside
        case .exists(let remote, let inner):
            guard environment.dataset[remote] != nil else {
                throw FormulaError(
                    id: .formulaUnknownTable, message: "unknown table '\(remote)'", range: expr.range,
                    suggestion: NameSuggester.suggest(remote, among: environment.dataset.tables.map(\.name)))
            }
            let link = try join(to: remote, expr.range)
            let remoteCondition = try inner.map { (c) throws(FormulaError) -> RowExpr in
                try RowResolver(environment: environment, table: remote).condition(c)
            }
            return .exists(localKey: link.localKey, table: remote, remoteKey: link.remoteKey, condition: remoteCondition)
        case .name(let name, let quoted):
            if !quoted, let definition = environment.definitions[name] {
                guard !expanding.contains(name) else {
                    throw FormulaError(id: .formulaCycle, message: "'\(name)' refers to itself", range: expr.range)
                }
                try checkDepth(expanding + [name], expr.range)
                return try pointingAt(name, expr.range) { () throws(FormulaError) in
                    try condition(definition, expanding: expanding + [name])
                }
            }
            let (row, unit) = try value(expr, expanding: expanding)
            guard unit == .bool else {
                throw FormulaError(
                    id: .formulaType, message: "'\(name)' is not true/false; compare it, e.g. \(name) = ...", range: expr.range)
            }
            return .compare(.equal, row, .literal(.bool(true)))
        case .bool(let b):
            return .literal(.bool(b))
        default:
            throw FormulaError(id: .formulaType, message: "expected a condition (e.g. status = \"won\")", range: expr.range)
        }
    }

    /// ` (lead_id, customer_id)`: the schema's join keys, for errors; empty without any.
    private var sharedKeyList: String {
        let keys = environment.schema.joinKeys
        return keys.isEmpty ? "" : " (\(keys.joined(separator: ", ")))"
    }

    /// The keys that join this table's rows to `remote`'s for `exists` and linked counts.
    private func join(to remote: String, _ range: SourceRange) throws(FormulaError) -> LinkGraph.Join {
        let joins = graph.joins(table, remote)
        if joins.count == 1 { return joins[0] }
        if joins.isEmpty {
            throw FormulaError(
                id: .formulaNoLink,
                message: "\(table) and \(remote) share no key\(sharedKeyList) and no link joins them (a mapping file's links can add one)",
                range: range)
        }
        let ways = joins.map { "\(table).\($0.localKey) = \(remote).\($0.remoteKey)" }
        throw FormulaError(
            id: .formulaAmbiguousLink,
            message: "\(table) and \(remote) are linked in more than one way (\(ways.joined(separator: ", "))); keep one in the mapping file's links",
            range: range)
    }

    private func comparison(_ op: BinaryOperator, _ a: Expr, _ b: Expr, _ expr: Expr, expanding: [String]) throws(FormulaError) -> RowExpr {
        let (lhs, lu) = try value(a, expanding: expanding)
        var (rhs, ru) = try value(b, expanding: expanding)
        if op == .contains || op == .startsWith {
            guard lu == .text, ru == .text else {
                throw FormulaError(id: .formulaType, message: "'\(op.rawValue)' compares text", range: expr.range)
            }
            return .compare(op, lhs, rhs)
        }
        // Period literals on the right of a comparison with an instant mean the whole period.
        if lu == .time, let period = periodBounds(b) {
            switch op {
            case .equal:
                return .and(.compare(.greaterOrEqual, lhs, .literal(.timestamp(period.0))), .compare(.less, lhs, .literal(.timestamp(period.1))))
            case .notEqual:
                return .not(
                    .and(.compare(.greaterOrEqual, lhs, .literal(.timestamp(period.0))), .compare(.less, lhs, .literal(.timestamp(period.1)))))
            case .less: return .compare(.less, lhs, .literal(.timestamp(period.0)))
            case .greaterOrEqual: return .compare(.greaterOrEqual, lhs, .literal(.timestamp(period.0)))
            case .lessOrEqual: return .compare(.less, lhs, .literal(.timestamp(period.1)))
            case .greater: return .compare(.greaterOrEqual, lhs, .literal(.timestamp(period.1)))
            default: break
            }
        }
        // A duration literal compared with a duration in hours or days is converted to that scale.
        if case .duration(let scale) = lu, case .literal(.double(let seconds)) = rhs, ru == .duration(.seconds) {
            rhs = .literal(.double(seconds / scale.seconds))
            ru = lu
        }
        try checkComparable(lu, ru, expr.range)
        return .compare(op, lhs, rhs)
    }

    private func periodBounds(_ expr: Expr) -> (Int64, Int64)? {
        switch expr.kind {
        case .month(let y, let m):
            let start = CivilDate(year: y, month: m, day: 1)
            return (start.milliseconds, Time.startOfMonth(index: Int64(y) * 12 + Int64(m)))
        case .quarter:
            // Fiscal quarters, exactly as `during` reads them.
            return try? PeriodResolver(environment: environment).bounds(expr)
        case .instant(let ms, false):
            return (ms, ms + Time.millisecondsPerDay)
        default:
            return nil
        }
    }

    private func checkComparable(_ a: Unit, _ b: Unit, _ range: SourceRange) throws(FormulaError) {
        let textual: (Unit) -> Bool = { $0 == .text }
        if textual(a) != textual(b) {
            throw FormulaError(
                id: .formulaType, message: "cannot compare \(a.name) with \(b.name)\(textual(a) ? "; quote text values" : "")", range: range)
        }
        if (a == .time) != (b == .time), a != .number || b != .number {
            if a == .time || b == .time {
                throw FormulaError(id: .formulaType, message: "cannot compare \(a.name) with \(b.name)", range: range)
            }
        }
        if (a == .bool) != (b == .bool) {
            throw FormulaError(id: .formulaType, message: "cannot compare \(a.name) with \(b.name)", range: range)
        }
    }

    // MARK: Group keys

    /// A group key; `noDate(grain, range)` is the error for a grain when the aggregate has no date basis.
    func groupKey(
        _ expr: Expr, basisField: String?, noDate: (String, SourceRange) -> FormulaError
    ) throws(FormulaError) -> GroupKeyNode {
        let grains: [String: TimeGrain] = ["day": .day, "week": .week, "month": .month, "quarter": .quarter, "year": .year]
        if case .name(let name, false) = expr.kind, let grain = grains[name.lowercased()] {
            guard let basisField, let column = columns?.column(named: basisField) else { throw noDate(name, expr.range) }
            return .time(.column(basisField, column.type), grain)
        }
        if case .call(let name, let arguments, _) = expr.kind, let grain = grains[name.lowercased()] {
            guard arguments.count == 1 else {
                throw FormulaError(id: .formulaArity, message: "\(name)(field) takes one date field", range: expr.range)
            }
            let (row, unit) = try value(arguments[0])
            guard unit == .time || row.isTextColumn else {
                throw FormulaError(id: .formulaType, message: "\(name)(...) needs a date or timestamp", range: arguments[0].range)
            }
            return .time(row, grain)
        }
        let (row, _) = try value(expr)
        return .value(row)
    }
}

extension RowExpr {
    var isTextColumn: Bool {
        if case .column(_, .text) = self { return true }
        return false
    }
}
