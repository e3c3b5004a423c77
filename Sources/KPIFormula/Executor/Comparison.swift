import KPICore

/// Vectorised comparisons. Text is compared once per dictionary entry and then gathered by
/// code, so `source = "Referral"` costs one string comparison per distinct source; a column
/// against a constant never materialises the constant as a column.
enum Comparison {
    static func evaluate(_ op: BinaryOperator, _ a: Vector, _ b: Vector, count: Int) throws -> Truth {
        switch (a, b) {
        case (.text, .constant(.timestamp)), (.text, .constant(.date)):
            // Text holding months or dates ('2024-03') compared with an instant: compare as instants.
            guard let (x, xv) = a.integers(count: count), let (y, _) = b.integers(count: count) else {
                throw ExecutionError.type("cannot compare text with an instant")
            }
            return numeric(op, x, y, xv, count: count)
        case (.text(let codes, let dictionary), .constant(let value)):
            guard case .text(let literal) = value else {
                if value.isNull { return unknown(count) }
                throw ExecutionError.type("cannot compare text with \(value)")
            }
            let hits = dictionary.map { test(op, $0, literal) }
            return byCode(codes, hits)
        case (.constant(let value), .text(let codes, let dictionary)):
            guard case .text(let literal) = value else { throw ExecutionError.type("cannot compare text with \(value)") }
            let hits = dictionary.map { test(op, literal, $0) }
            return byCode(codes, hits)
        case (.text(let x, let dx), .text(let y, let dy)):
            var truth = Bitmap(count: count, allSet: false)
            var known = Bitmap(count: count, allSet: true)
            for i in 0..<count {
                if x[i] < 0 || y[i] < 0 { known[i] = false } else if test(op, dx[Int(x[i])], dy[Int(y[i])]) { truth[i] = true }
            }
            return Truth(truth: truth, known: known)
        case (.bool(let values, let valid), .constant(.bool(let literal))):
            let wantEqual = op == .equal
            var truth = values.withUnsafeBufferPointer { v in Bitmap(count: count) { (v[$0] == literal) == wantEqual } }
            if let valid { truth.formIntersection(valid) }
            return Truth(truth: truth, known: valid)
        case (.time(let x, let xv), .constant(let value)):
            // An instant against a constant instant (or whole number of milliseconds).
            if let literal = value.instantMilliseconds ?? value.integerValue {
                return numeric(op, x, literal, xv, count: count)
            }
            return try general(op, a, b, count: count)
        case (.int(let x, let xv), .constant(.int(let literal))):
            return numeric(op, x, literal, xv, count: count)
        case (.double(let x, let xv), .constant(let value)):
            if let literal = value.doubleValue, value.instantMilliseconds == nil {
                return numeric(op, x, literal, xv, count: count)
            }
            return try general(op, a, b, count: count)
        default:
            return try general(op, a, b, count: count)
        }
    }

    /// Every other pairing: instants as integers, else numbers as doubles.
    private static func general(_ op: BinaryOperator, _ a: Vector, _ b: Vector, count: Int) throws -> Truth {
        switch (a, b) {
        case (.time, _), (_, .time):
            guard let (x, xv) = a.integers(count: count), let (y, yv) = b.integers(count: count) else {
                throw ExecutionError.type("cannot compare an instant with this value")
            }
            return numeric(op, x, y, RowEvaluator.merge(xv, yv), count: count)
        case (.int(let x, let xv), .int(let y, let yv)):
            return numeric(op, x, y, RowEvaluator.merge(xv, yv), count: count)
        default:
            guard let (x, xv) = a.doubles(count: count), let (y, yv) = b.doubles(count: count) else {
                throw ExecutionError.type("cannot compare these values")
            }
            return numeric(op, x, y, RowEvaluator.merge(xv, yv), count: count)
        }
    }

    private static func unknown(_ count: Int) -> Truth {
        Truth(truth: Bitmap(count: count, allSet: false), known: Bitmap(count: count, allSet: false))
    }

    private static func byCode(_ codes: ContiguousArray<Int32>, _ hits: [Bool]) -> Truth {
        let count = codes.count
        // Code -1 (null) reads slot 0 of a table shifted by one, so the loop has no branch.
        let table = [false] + hits
        return codes.withUnsafeBufferPointer { c in
            table.withUnsafeBufferPointer { h in
                let truth = Bitmap(count: count) { h[Int(c[$0]) &+ 1] }
                var hasNull = false
                for i in 0..<count where c[i] < 0 {
                    hasNull = true
                    break
                }
                guard hasNull else { return Truth(truth: truth, known: nil) }
                return Truth(truth: truth, known: Bitmap(count: count) { c[$0] >= 0 })
            }
        }
    }

    private static func test(_ op: BinaryOperator, _ x: String, _ y: String) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .contains: return x.lowercased().contains(y.lowercased())
        case .startsWith: return x.lowercased().hasPrefix(y.lowercased())
        case .less: return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        case .lessOrEqual: return !Array(y.utf8).lexicographicallyPrecedes(Array(x.utf8))
        case .greater: return Array(y.utf8).lexicographicallyPrecedes(Array(x.utf8))
        case .greaterOrEqual: return !Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        default: return false
        }
    }

    /// Column against column.
    private static func numeric<T: Comparable>(
        _ op: BinaryOperator, _ x: ContiguousArray<T>, _ y: ContiguousArray<T>, _ valid: Bitmap?, count: Int
    ) -> Truth {
        var truth = x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                switch op {
                case .equal: return Bitmap(count: count) { x[$0] == y[$0] }
                case .notEqual: return Bitmap(count: count) { x[$0] != y[$0] }
                case .less: return Bitmap(count: count) { x[$0] < y[$0] }
                case .lessOrEqual: return Bitmap(count: count) { x[$0] <= y[$0] }
                case .greater: return Bitmap(count: count) { x[$0] > y[$0] }
                case .greaterOrEqual: return Bitmap(count: count) { x[$0] >= y[$0] }
                default: return Bitmap(count: count, allSet: false)
                }
            }
        }
        if let valid { truth.formIntersection(valid) }
        return Truth(truth: truth, known: valid)
    }

    /// Column against a constant.
    private static func numeric<T: Comparable>(
        _ op: BinaryOperator, _ x: ContiguousArray<T>, _ y: T, _ valid: Bitmap?, count: Int
    ) -> Truth {
        var truth = x.withUnsafeBufferPointer { x in
            switch op {
            case .equal: return Bitmap(count: count) { x[$0] == y }
            case .notEqual: return Bitmap(count: count) { x[$0] != y }
            case .less: return Bitmap(count: count) { x[$0] < y }
            case .lessOrEqual: return Bitmap(count: count) { x[$0] <= y }
            case .greater: return Bitmap(count: count) { x[$0] > y }
            case .greaterOrEqual: return Bitmap(count: count) { x[$0] >= y }
            default: return Bitmap(count: count, allSet: false)
            }
        }
        if let valid { truth.formIntersection(valid) }
        return Truth(truth: truth, known: valid)
    }
}

extension Value {
    /// The value of a whole number.
    var integerValue: Int64? {
        if case .int(let v) = self { return v }
        return nil
    }
}
