import KPICore

/// Window functions over rows grouped by a key.
enum Window {
    /// For each row, `values` of the next row with the same key, rows ordered by value (ties keep
    /// table order); null for each key's last row and for rows whose value or key is null.
    static func next(_ values: Vector, key: Vector, count: Int) throws -> Vector {
        guard let (v, valid) = values.integers(count: count) else {
            throw ExecutionError.type("next(...) needs dates or whole numbers")
        }
        let keys = try keyCodes(key, count: count)
        var order = (0..<count).filter { (valid?.isSet($0) ?? true) && keys[$0] != Int64.min }
        order.sort { a, b in
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            if v[a] != v[b] { return v[a] < v[b] }
            return a < b
        }
        var out = ContiguousArray<Int64>(repeating: 0, count: count)
        var outValid = Bitmap(count: count, allSet: false)
        if order.count > 1 {
            for i in 0..<(order.count - 1) where keys[order[i]] == keys[order[i + 1]] {
                out[order[i]] = v[order[i + 1]]
                outValid[order[i]] = true
            }
        }
        if case .int = values { return .int(out, outValid) }
        return .time(out, outValid)
    }

    /// Keys as integers (text by dictionary code); `Int64.min` for null.
    private static func keyCodes(_ key: Vector, count: Int) throws -> ContiguousArray<Int64> {
        switch key {
        case .text(let codes, _): return ContiguousArray(codes.lazy.map { $0 < 0 ? Int64.min : Int64($0) })
        case .int(let x, let valid), .time(let x, let valid):
            guard let valid else { return x }
            return ContiguousArray((0..<count).map { valid.isSet($0) ? x[$0] : Int64.min })
        default: throw ExecutionError.type("next(...) needs a text or integer key")
        }
    }
}
