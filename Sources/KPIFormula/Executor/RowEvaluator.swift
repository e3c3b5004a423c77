import KPICore

/// A three-valued condition result over all rows: `truth` where the condition holds, `known`
/// where it is not null (nil = everywhere). SQL semantics: `not null` is null, rows pass only when true.
struct Truth {
    var truth: Bitmap
    var known: Bitmap?
}

/// Evaluates ``RowExpr``s over one table, column-at-a-time.
struct RowEvaluator {
    let dataset: Dataset
    let table: Table
    /// Asked by the long loops; shared with the evaluators of linked tables.
    let cancellation: Cancellation
    /// `period_start` and `period_end` while computing one period of a series.
    var periodBounds: (start: Int64, end: Int64)?
    /// Results shared by the aggregates of one query run; `nil` computes everything afresh.
    var cache: ExecutionCache?

    var count: Int { table.rowCount }

    // MARK: Values

    func value(_ expr: RowExpr) throws -> Vector {
        switch expr {
        case .column, .literal, .periodBound:
            return try computeValue(expr)
        default:
            guard let cache else { return try computeValue(expr) }
            let key = ExecutionCache.key(table.name, expr, periodBounds)
            if let hit = cache.values[key] { return hit }
            let v = try computeValue(expr)
            cache.values[key] = v
            return v
        }
    }

    /// The earliest of an instant expression's `values` where `valid`, once per run: where a
    /// series' data starts.
    func earliest(_ expr: RowExpr, values: ContiguousArray<Int64>, valid: Bitmap?) throws -> Int64? {
        let key = ExecutionCache.key(table.name, expr, periodBounds)
        if let hit = cache?.earliest[key] { return hit }
        var least: Int64?
        values.withUnsafeBufferPointer { x in
            if let valid {
                valid.forEachSetBit { least = Swift.min(least ?? x[$0], x[$0]) }
            } else {
                least = x.min()
            }
        }
        cache?.earliest[key] = least
        return least
    }

    /// The value of a numeric expression as doubles with validity (nil for text), converted once per run.
    func doubles(_ expr: RowExpr) throws -> (ContiguousArray<Double>, Bitmap?)? {
        guard let cache else { return try value(expr).doubles(count: count) }
        let key = ExecutionCache.key(table.name, expr, periodBounds)
        if let hit = cache.doubles[key] { return hit }
        guard let converted = try value(expr).doubles(count: count) else { return nil }
        cache.doubles[key] = converted
        return converted
    }

    private func computeValue(_ expr: RowExpr) throws -> Vector {
        switch expr {
        case .column(let name, _):
            guard let column = table.column(named: name) else { throw ExecutionError.missingColumn(table.name, name) }
            return Vector(column)
        case .literal(let v):
            return .constant(v)
        case .negate(let e):
            guard let (v, valid) = try value(e).doubles(count: count) else { throw ExecutionError.type("cannot negate text") }
            return .double(ContiguousArray(v.lazy.map { -$0 }), valid)
        case .arithmetic(let op, let a, let b):
            return try arithmetic(op, try value(a), try value(b))
        case .function(let function, let arguments):
            return try call(function, try arguments.map { try value($0) })
        case .moduleFunction(let reference, let arguments):
            return try ModuleKernels.call(reference, try arguments.map { try value($0) }, count: count)
        case .lookup(let localKey, let remoteName, let remoteKey, let inner):
            return try lookup(localKey: localKey, remoteName: remoteName, remoteKey: remoteKey, inner)
        case .linkedCount(let localKey, let remoteName, let remoteKey, let inner):
            guard let remote = dataset[remoteName] else { throw ExecutionError.missingTable(remoteName) }
            var remoteSelection: Bitmap?
            if let inner {
                remoteSelection = try RowEvaluator(dataset: dataset, table: remote, cancellation: cancellation, periodBounds: periodBounds)
                    .condition(inner).truth
            }
            return .int(
                try KeyIndex.counts(
                    in: table, key: localKey, remote: remote, key: remoteKey, where: remoteSelection, cancellation: cancellation),
                nil)
        case .periodBound(let isEnd):
            guard let periodBounds else { throw ExecutionError.type("period_start and period_end need a time series (by month, ...)") }
            return .constant(.timestamp(isEnd ? periodBounds.end : periodBounds.start))
        case .next(let valueExpr, let keyExpr, let tieBreakExpr):
            return try Window.next(
                try value(valueExpr), key: try value(keyExpr), tieBreak: try tieBreakExpr.map { try value($0) }, count: count,
                cancellation: cancellation)
        case .compare, .and, .or, .not, .isNull, .inList, .exists:
            let t = try condition(expr)
            var values = ContiguousArray<Bool>(repeating: false, count: count)
            t.truth.forEachSetBit { values[$0] = true }
            return .bool(values, t.known)
        }
    }

    private func arithmetic(_ op: BinaryOperator, _ a: Vector, _ b: Vector) throws -> Vector {
        // Instant minus instant stays exact in milliseconds.
        if op == .subtract, case .time = a, let (x, xv) = a.integers(count: count), let (y, yv) = b.integers(count: count) {
            var out = ContiguousArray<Double>(repeating: 0, count: count)
            for i in 0..<count { out[i] = Double(x[i] &- y[i]) }
            return .double(out, Self.merge(xv, yv))
        }
        guard let (x, xv) = a.doubles(count: count), let (y, yv) = b.doubles(count: count) else {
            throw ExecutionError.type("arithmetic on text")
        }
        var out = ContiguousArray<Double>(repeating: 0, count: count)
        var valid = Self.merge(xv, yv)
        switch op {
        case .add: for i in 0..<count { out[i] = x[i] + y[i] }
        case .subtract: for i in 0..<count { out[i] = x[i] - y[i] }
        case .multiply: for i in 0..<count { out[i] = x[i] * y[i] }
        default:
            for i in 0..<count where y[i] != 0 { out[i] = x[i] / y[i] }
            let nonZero = y.withUnsafeBufferPointer { y in Bitmap(count: count) { y[$0] != 0 } }
            valid = Self.merge(valid, nonZero)
        }
        return .double(out, valid)
    }

    /// Whether a `days_between` argument is a date without a time of day: a date literal, or
    /// instants that all fall on midnight UTC — a `date` column, or a timestamp column read from
    /// date-only text (a close date beside a created timestamp). One instant with a time makes
    /// the whole argument a timestamp, so real timestamps that happen to fall on midnight keep
    /// exact durations.
    ///
    /// - Parameters:
    ///   - vector: the argument as evaluated (a constant keeps whether it was written with a time).
    ///   - instants: its values in milliseconds, and `valid`, which of them are not null.
    static func isDateOnly(_ vector: Vector, _ instants: ContiguousArray<Int64>, _ valid: Bitmap?) -> Bool {
        switch vector {
        case .constant(let value):
            if case .date = value { return true }
            return false
        case .int, .double, .bool:
            return false
        case .time, .text:
            let day = Time.millisecondsPerDay
            var any = false
            var allMidnight = true
            instants.withUnsafeBufferPointer { x in
                if let valid {
                    // Real timestamps show a time of day within the first few rows: stop there.
                    for i in 0..<x.count where valid.isSet(i) {
                        any = true
                        if x[i] % day != 0 {
                            allMidnight = false
                            break
                        }
                    }
                } else {
                    any = !x.isEmpty
                    for v in x where v % day != 0 {
                        allMidnight = false
                        break
                    }
                }
            }
            return any && allMidnight
        }
    }

    private func call(_ function: RowFunction, _ arguments: [Vector]) throws -> Vector {
        switch function {
        case .secondsBetween, .minutesBetween, .hoursBetween, .daysBetween:
            guard let (a, av) = arguments[0].integers(count: count), let (b, bv) = arguments[1].integers(count: count) else {
                throw ExecutionError.type("\(function.rawValue) needs instants")
            }
            var out = ContiguousArray<Double>(repeating: 0, count: count)
            if function == .daysBetween, Self.isDateOnly(arguments[0], a, av) || Self.isDateOnly(arguments[1], b, bv) {
                // A date has no time of day: against a timestamp, exact days would make a deal
                // closed on the day it was created −0.4 days. Count calendar days (UTC) instead.
                let day = Time.millisecondsPerDay
                for i in 0..<count { out[i] = Double(Time.floorDiv(b[i], day) &- Time.floorDiv(a[i], day)) }
            } else {
                let divisor: Double = [.secondsBetween: 1000, .minutesBetween: 60_000, .hoursBetween: 3_600_000][function] ?? 86_400_000
                for i in 0..<count { out[i] = Double(b[i] &- a[i]) / divisor }
            }
            return .double(out, Self.merge(av, bv))
        case .lower, .upper:
            guard case .text(let codes, let dictionary) = arguments[0] else {
                if case .constant(.text(let s)) = arguments[0] { return .constant(.text(function == .lower ? s.lowercased() : s.uppercased())) }
                throw ExecutionError.type("\(function.rawValue) needs text")
            }
            var builder = TextDictionaryBuilder()
            let remap = dictionary.map { builder.code(for: function == .lower ? $0.lowercased() : $0.uppercased()) }
            return .text(ContiguousArray(codes.lazy.map { $0 < 0 ? -1 : remap[Int($0)] }), builder.dictionary)
        case .abs:
            guard let (v, valid) = arguments[0].doubles(count: count) else { throw ExecutionError.type("abs needs numbers") }
            return .double(ContiguousArray(v.lazy.map { Swift.abs($0) }), valid)
        case .coalesce:
            guard var (out, valid) = arguments[0].doubles(count: count) else { throw ExecutionError.type("coalesce needs numbers") }
            for next in arguments.dropFirst() {
                guard var current = valid, let (v, nv) = next.doubles(count: count) else { break }
                for i in 0..<count where !current.isSet(i) && (nv?.isSet(i) ?? true) {
                    out[i] = v[i]
                    current[i] = true
                }
                valid = current
            }
            return .double(out, valid)
        }
    }

    /// Values of a linked table, gathered onto this table's rows through a key.
    private func lookup(localKey: String, remoteName: String, remoteKey: String, _ inner: RowExpr) throws -> Vector {
        guard let remote = dataset[remoteName] else { throw ExecutionError.missingTable(remoteName) }
        let rows = try KeyIndex.map(from: table, key: localKey, to: remote, key: remoteKey, cancellation: cancellation)
        let remoteValues = try RowEvaluator(
            dataset: dataset, table: remote, cancellation: cancellation, periodBounds: periodBounds, cache: cache
        ).value(inner)
        return Gather.gather(remoteValues, rows: rows)
    }

    // MARK: Conditions

    func condition(_ expr: RowExpr) throws -> Truth {
        try cancellation.check()
        guard let cache else { return try computeCondition(expr) }
        let key = ExecutionCache.key(table.name, expr, periodBounds)
        if let hit = cache.conditions[key] { return hit }
        let t = try computeCondition(expr)
        cache.conditions[key] = t
        return t
    }

    private func computeCondition(_ expr: RowExpr) throws -> Truth {
        switch expr {
        case .and(let a, let b):
            let x = try condition(a), y = try condition(b)
            var truth = x.truth
            truth.formIntersection(y.truth)
            guard x.known != nil || y.known != nil else { return Truth(truth: truth, known: nil) }
            // Known when both known, or either is known false.
            var known = Self.knownFalse(x)
            known.formUnion(Self.knownFalse(y))
            known.formUnion(Self.merge(x.known, y.known) ?? Bitmap(count: count, allSet: true))
            return Truth(truth: truth, known: known)
        case .or(let a, let b):
            let x = try condition(a), y = try condition(b)
            var truth = x.truth
            truth.formUnion(y.truth)
            guard x.known != nil || y.known != nil else { return Truth(truth: truth, known: nil) }
            var known = truth
            known.formUnion(Self.merge(x.known, y.known) ?? Bitmap(count: count, allSet: true))
            return Truth(truth: truth, known: known)
        case .not(let a):
            return try condition(a).negated()
        case .isNull(let a, let negated):
            let valid = validity(of: try value(a))
            var truth = valid ?? Bitmap(count: count, allSet: true)
            if !negated { truth.invert() }
            return Truth(truth: truth, known: nil)
        case .inList(let a, let items, let negated):
            let result = try membership(try value(a), items)
            return negated ? result.negated() : result
        case .compare(let op, let a, let b):
            return try Comparison.evaluate(op, try value(a), try value(b), count: count)
        case .literal(let v):
            if case .bool(let b) = v { return Truth(truth: Bitmap(count: count, allSet: b), known: nil) }
            return Truth(truth: Bitmap(count: count, allSet: false), known: Bitmap(count: count, allSet: false))
        case .exists(let localKey, let remoteName, let remoteKey, let inner):
            guard let remote = dataset[remoteName] else { throw ExecutionError.missingTable(remoteName) }
            var remoteSelection: Bitmap?
            if let inner {
                remoteSelection = try RowEvaluator(
                    dataset: dataset, table: remote, cancellation: cancellation, periodBounds: periodBounds, cache: cache
                ).condition(inner).truth
            }
            let linked = try KeyIndex.exists(
                in: table, key: localKey, remote: remote, key: remoteKey, where: remoteSelection, cancellation: cancellation)
            return Truth(truth: linked, known: nil)
        default:
            let v = try value(expr)
            guard case .bool(let values, let valid) = v else { throw ExecutionError.type("expected a condition") }
            var truth = values.withUnsafeBufferPointer { v in Bitmap(count: count) { v[$0] } }
            if let valid { truth.formIntersection(valid) }
            return Truth(truth: truth, known: valid)
        }
    }

    private func membership(_ v: Vector, _ items: [Value]) throws -> Truth {
        switch v {
        case .text(let codes, let dictionary):
            let wanted = Set(items.compactMap { if case .text(let s) = $0 { return s } else { return nil } })
            // Code -1 (null) reads slot 0 of a table shifted by one.
            let hit = [false] + dictionary.map { wanted.contains($0) }
            return codes.withUnsafeBufferPointer { c in
                hit.withUnsafeBufferPointer { h in
                    Truth(truth: Bitmap(count: count) { h[Int(c[$0]) &+ 1] }, known: Bitmap(count: count) { c[$0] >= 0 })
                }
            }
        default:
            // SQL: true when any item is equal; otherwise null when x or any item is null.
            var truth = Bitmap(count: count, allSet: false)
            var allKnown: Bitmap?
            for item in items {
                let t = try Comparison.evaluate(.equal, v, .constant(item), count: count)
                truth.formUnion(t.truth)
                allKnown = Self.merge(allKnown, t.known)
            }
            guard var known = allKnown else { return Truth(truth: truth, known: nil) }
            known.formUnion(truth)
            return Truth(truth: truth, known: known)
        }
    }

    func validity(of v: Vector) -> Bitmap? {
        switch v {
        case .int(_, let valid), .double(_, let valid), .bool(_, let valid), .time(_, let valid): return valid
        case .text(let codes, _):
            return codes.withUnsafeBufferPointer { c in Bitmap(count: c.count) { c[$0] >= 0 } }
        case .constant(let value): return value.isNull ? Bitmap(count: count, allSet: false) : nil
        }
    }

    static func merge(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        guard var a else { return b }
        if let b { a.formIntersection(b) }
        return a
    }

    private static func knownFalse(_ t: Truth) -> Bitmap {
        var falseBits = t.truth
        falseBits.invert()
        if let known = t.known { falseBits.formIntersection(known) }
        return falseBits
    }
}

extension Truth {
    /// SQL `not`: true where known false; null stays null.
    func negated() -> Truth {
        var flipped = truth
        flipped.invert()
        if let known { flipped.formIntersection(known) }
        return Truth(truth: flipped, known: known)
    }
}

/// Errors while executing a plan: they mean the plan and the data disagree, or the run was cancelled.
public enum ExecutionError: Diagnostic {
    case missingTable(String)
    case missingColumn(String, String)
    case type(String)
    case cancelled

    /// `engine.execution`, whatever the case.
    public var id: DiagnosticID { .engineExecution }

    /// ``DiagnosticCategory/cancelled`` for a stop the caller asked for, else ``DiagnosticCategory/runtime``.
    public var category: DiagnosticCategory { if case .cancelled = self { .cancelled } else { .runtime } }

    public var description: String {
        switch self {
        case .missingTable(let t): return "table '\(t)' is not loaded"
        case .missingColumn(let t, let c): return "table '\(t)' has no column '\(c)'"
        case .type(let m): return m
        case .cancelled: return "cancelled"
        }
    }
}
