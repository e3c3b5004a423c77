import KPICore

/// Window functions over rows grouped by a key.
enum Window {
    /// For each row, `values` of the next row with the same key, rows ordered by value (ties keep
    /// table order); null for each key's last row and for rows whose value or key is null.
    ///
    /// Each phase is one fast pass or sort over the rows, so asking `cancellation` between them
    /// stops a run on millions of stage rows soon enough.
    static func next(
        _ values: Vector, key: Vector, tieBreak: Vector? = nil, count: Int, cancellation: Cancellation = .never
    ) throws -> Vector {
        guard let (v, valid) = values.integers(count: count) else {
            throw ExecutionError.type("next(...) needs dates or whole numbers")
        }
        let keys = try keyCodes(key, count: count)
        try cancellation.check()
        var order = RowOrder.byKeyThenValue(keys: keys, values: v, valid: valid)
        try cancellation.check()
        if let tieBreak { try breakTies(&order, keys: keys, values: v, by: ranks(tieBreak, count: count)) }
        try cancellation.check()
        var out = ContiguousArray<Int64>(repeating: 0, count: count)
        var hasNext = ContiguousArray<Bool>(repeating: false, count: count)
        order.withUnsafeBufferPointer { o in
            keys.withUnsafeBufferPointer { k in
                v.withUnsafeBufferPointer { x in
                    out.withUnsafeMutableBufferPointer { out in
                        hasNext.withUnsafeMutableBufferPointer { has in
                            guard o.count > 1 else { return }
                            for i in 0..<(o.count - 1) {
                                let row = Int(o[i]), following = Int(o[i + 1])
                                if k[row] == k[following] {
                                    out[row] = x[following]
                                    has[row] = true
                                }
                            }
                        }
                    }
                }
            }
        }
        let outValid = hasNext.withUnsafeBufferPointer { has in Bitmap(count: count) { has[$0] } }
        if case .int = values { return .int(out, outValid) }
        return .time(out, outValid)
    }

    /// The canonical funnel order of status and stage words: the schema's status words.
    static let funnelOrder = ValueVocabulary.statusWords

    /// Reorders runs of rows with equal key and value by rank, then table order. Runs are short
    /// (a lead's stages entered at the same instant), so a small sort per run costs nothing.
    private static func breakTies(
        _ order: inout ContiguousArray<Int32>, keys: ContiguousArray<Int64>, values: ContiguousArray<Int64>, by ranks: ContiguousArray<Int64>
    ) throws {
        var start = 0
        while start < order.count {
            var end = start + 1
            let first = Int(order[start])
            while end < order.count, keys[Int(order[end])] == keys[first], values[Int(order[end])] == values[first] { end += 1 }
            if end - start > 1 {
                let run = order[start..<end].sorted { a, b in
                    let ra = ranks[Int(a)], rb = ranks[Int(b)]
                    return ra != rb ? ra < rb : a < b
                }
                for (offset, row) in run.enumerated() { order[start + offset] = row }
            }
            start = end
        }
    }

    /// Tie-break ranks: numbers by value; text by funnel order, other words after, byte-wise.
    private static func ranks(_ tieBreak: Vector, count: Int) throws -> ContiguousArray<Int64> {
        switch tieBreak {
        case .text(let codes, let dictionary):
            let others = dictionary.filter { !funnelOrder.contains($0.lowercased()) }.sorted {
                Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
            }
            let rankOfCode = dictionary.map { word -> Int64 in
                if let i = funnelOrder.firstIndex(of: word.lowercased()) { return Int64(i) }
                return Int64(funnelOrder.count + (others.firstIndex(of: word) ?? 0))
            }
            return ContiguousArray(codes.lazy.map { $0 < 0 ? Int64.max : rankOfCode[Int($0)] })
        default:
            guard let (x, valid) = tieBreak.integers(count: count) else { throw ExecutionError.type("next(...) cannot order ties by this value") }
            return ContiguousArray((0..<count).map { valid?.isSet($0) ?? true ? x[$0] : Int64.max })
        }
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

/// Row orders for window functions, without comparison closures over the whole table.
enum RowOrder {
    /// The rows with a value and a non-null key (`Int64.min`), ordered by key, then value, then row.
    ///
    /// Exports usually list a lead's history together and in time order, so an already ordered
    /// table is recognised in one pass. Otherwise rows are bucketed by key (a counting sort when
    /// keys span a small range) and each key's few rows are sorted by value.
    static func byKeyThenValue(keys: ContiguousArray<Int64>, values: ContiguousArray<Int64>, valid: Bitmap?) -> ContiguousArray<Int32> {
        let n = keys.count
        var rows = ContiguousArray<Int32>()
        rows.reserveCapacity(n)
        var lo = Int64.max, hi = Int64.min
        var sorted = true
        keys.withUnsafeBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                var previous = -1
                for row in 0..<n where k[row] != Int64.min && (valid?.isSet(row) ?? true) {
                    rows.append(Int32(row))
                    lo = min(lo, k[row])
                    hi = max(hi, k[row])
                    if previous >= 0, k[previous] > k[row] || (k[previous] == k[row] && v[previous] > v[row]) { sorted = false }
                    previous = row
                }
            }
        }
        if sorted || rows.count < 2 { return rows }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        if !overflow, span < Int64(max(1 << 16, 2 * n)) {
            rows = countingSort(rows, keys: keys, lo: lo, buckets: Int(span) + 1)
        } else {
            var pairs = rows.map { SortItem(key: keys[Int($0)], row: $0) }
            pairs.sort()
            rows = ContiguousArray(pairs.lazy.map(\.row))
        }
        sortRuns(&rows, keys: keys, values: values)
        return rows
    }

    /// Stable counting sort of `rows` by key.
    private static func countingSort(_ rows: ContiguousArray<Int32>, keys: ContiguousArray<Int64>, lo: Int64, buckets: Int) -> ContiguousArray<Int32>
    {
        var starts = [Int](repeating: 0, count: buckets + 1)
        for row in rows { starts[Int(keys[Int(row)] - lo) + 1] += 1 }
        for b in 0..<buckets { starts[b + 1] += starts[b] }
        var out = ContiguousArray<Int32>(repeating: 0, count: rows.count)
        for row in rows {
            let b = Int(keys[Int(row)] - lo)
            out[starts[b]] = row
            starts[b] += 1
        }
        return out
    }

    /// Within each run of equal keys (rows already in table order), a stable sort by value.
    private static func sortRuns(_ rows: inout ContiguousArray<Int32>, keys: ContiguousArray<Int64>, values: ContiguousArray<Int64>) {
        rows.withUnsafeMutableBufferPointer { r in
            var start = 0
            while start < r.count {
                let key = keys[Int(r[start])]
                var end = start + 1
                while end < r.count, keys[Int(r[end])] == key { end += 1 }
                if end - start <= 32 {
                    // Insertion sort: stable, and runs are a lead's handful of stages.
                    for i in (start + 1)..<max(start + 1, end) {
                        let row = r[i]
                        let value = values[Int(row)]
                        var j = i
                        while j > start, values[Int(r[j - 1])] > value {
                            r[j] = r[j - 1]
                            j -= 1
                        }
                        r[j] = row
                    }
                } else {
                    var run = r[start..<end].map { SortItem(key: values[Int($0)], row: $0) }
                    run.sort()
                    for (i, item) in run.enumerated() { r[start + i] = item.row }
                }
                start = end
            }
        }
    }
}

/// A row and its sort key; ties go by row number, so sorting is stable.
private struct SortItem: Comparable {
    var key: Int64
    var row: Int32

    static func < (a: SortItem, b: SortItem) -> Bool { a.key < b.key || (a.key == b.key && a.row < b.row) }
}
