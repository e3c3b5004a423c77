import KPICore

/// Vectorised comparisons. Text is compared once per dictionary entry and then gathered by
/// code, so `source = "Referral"` costs one string comparison per distinct source.
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
            var truth = Bitmap(count: count, allSet: false)
            let wantEqual = op == .equal
            for i in 0..<count where (values[i] == literal) == wantEqual { truth[i] = true }
            if let valid { truth.formIntersection(valid) }
            return Truth(truth: truth, known: valid)
        case (.time, _), (_, .time):
            guard let (x, xv) = a.integers(count: count), let (y, yv) = b.integers(count: count) else {
                throw ExecutionError.type("cannot compare an instant with this value")
            }
            return numeric(op, x, y, RowEvaluator.merge(xv, yv), count: count)
        case (.int(let x, let xv), .int(let y, let yv)):
            return numeric(op, x, y, RowEvaluator.merge(xv, yv), count: count)
        case (.int(let x, let xv), .constant(.int(let literal))):
            return numeric(op, x, ContiguousArray(repeating: literal, count: count), xv, count: count)
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
        var truth = Bitmap(count: count, allSet: false)
        var known: Bitmap?
        codes.withUnsafeBufferPointer { c in
            hits.withUnsafeBufferPointer { h in
                for i in 0..<count {
                    let code = c[i]
                    if code < 0 {
                        if known == nil { known = Bitmap(count: count, allSet: true) }
                        known![i] = false
                    } else if h[Int(code)] {
                        truth[i] = true
                    }
                }
            }
        }
        return Truth(truth: truth, known: known)
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

    private static func numeric<T: Comparable>(
        _ op: BinaryOperator, _ x: ContiguousArray<T>, _ y: ContiguousArray<T>, _ valid: Bitmap?, count: Int
    ) -> Truth {
        var truth = Bitmap(count: count, allSet: false)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                switch op {
                case .equal: for i in 0..<count where x[i] == y[i] { truth[i] = true }
                case .notEqual: for i in 0..<count where x[i] != y[i] { truth[i] = true }
                case .less: for i in 0..<count where x[i] < y[i] { truth[i] = true }
                case .lessOrEqual: for i in 0..<count where x[i] <= y[i] { truth[i] = true }
                case .greater: for i in 0..<count where x[i] > y[i] { truth[i] = true }
                case .greaterOrEqual: for i in 0..<count where x[i] >= y[i] { truth[i] = true }
                default: break
                }
            }
        }
        if let valid { truth.formIntersection(valid) }
        return Truth(truth: truth, known: valid)
    }
}
