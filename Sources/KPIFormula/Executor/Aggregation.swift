import KPICore

/// Runs one aggregate over selected rows into per-group measures.
enum Aggregation {
    static func run(
        _ node: AggregateNode, selection: Bitmap?, grouping: Grouping, evaluator: RowEvaluator, shareTruth: Bitmap?
    ) throws -> [Measure] {
        let groups = grouping.groupCount
        let n = evaluator.count
        let ids = grouping.ids
        @inline(__always) func group(_ row: Int) -> Int { ids.map { Int($0[row]) } ?? 0 }

        // Rows that count: selected, and (for value aggregates) with a non-null argument.
        var rows = selection ?? Bitmap(count: n, allSet: true)
        var values: ContiguousArray<Double>?
        var argument: Vector?
        if let expr = node.argument {
            let v = try evaluator.value(expr)
            argument = v
            if let valid = evaluator.validity(of: v) { rows.formIntersection(valid) }
            if node.function != .count && node.function != .countDistinct {
                guard let (d, _) = v.doubles(count: n) else {
                    throw ExecutionError.type("cannot aggregate text with this function")
                }
                values = d
            }
        }

        switch node.function {
        case .count:
            var counts = [Double](repeating: 0, count: groups)
            if let ids {
                rows.forEachSetBit { counts[Int(ids[$0])] += 1 }
            } else {
                counts[0] = Double(rows.setCount)
            }
            return counts.map { Measure(value: $0, isCount: true) }
        case .share:
            var den = [Double](repeating: 0, count: groups)
            var num = [Double](repeating: 0, count: groups)
            let hits = shareTruth ?? Bitmap(count: n, allSet: false)
            rows.forEachSetBit { row in
                let g = group(row)
                den[g] += 1
                if hits.isSet(row) { num[g] += 1 }
            }
            return (0..<groups).map { Measure(numerator: num[$0], denominator: den[$0]) }
        case .countDistinct:
            var sets = [Set<Int64>](repeating: [], count: groups)
            let keys = distinctKeys(argument!, count: n)
            rows.forEachSetBit { sets[group($0)].insert(keys[$0]) }
            return sets.map { Measure(value: Double($0.count), isCount: true) }
        case .sum, .avg:
            var sums = [Double](repeating: 0, count: groups)
            var counts = [Double](repeating: 0, count: groups)
            let v = values!
            rows.forEachSetBit { row in
                let g = group(row)
                sums[g] += v[row]
                counts[g] += 1
            }
            if node.function == .sum { return sums.map { Measure(value: $0) } }
            return (0..<groups).map { Measure(value: counts[$0] == 0 ? nil : sums[$0] / counts[$0]) }
        case .min, .max:
            var best = [Double?](repeating: nil, count: groups)
            let v = values!
            let isMin = node.function == .min
            rows.forEachSetBit { row in
                let g = group(row)
                if let b = best[g] {
                    if isMin ? v[row] < b : v[row] > b { best[g] = v[row] }
                } else {
                    best[g] = v[row]
                }
            }
            return best.map { Measure(value: $0) }
        case .median, .percentile:
            var buckets = [[Double]](repeating: [], count: groups)
            let v = values!
            rows.forEachSetBit { buckets[group($0)].append(v[$0]) }
            let q: Double
            switch node.function {
            case .percentile(let p): q = p
            default: q = 0.5
            }
            return buckets.map { Measure(value: quantile($0, q)) }
        }
    }

    /// The q-quantile with linear interpolation (type 7, as numpy and the spec define it).
    static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    private static func distinctKeys(_ v: Vector, count: Int) -> ContiguousArray<Int64> {
        switch v {
        case .text(let codes, _): return ContiguousArray(codes.lazy.map { Int64($0) })
        case .int(let x, _), .time(let x, _): return x
        case .double(let x, _): return ContiguousArray(x.lazy.map { Int64(bitPattern: $0.bitPattern) })
        case .bool(let x, _): return ContiguousArray(x.lazy.map { $0 ? 1 : 0 })
        case .constant: return ContiguousArray(repeating: 0, count: count)
        }
    }

    /// What a group with no rows shows: 0 for counts and sums, null for rates and averages.
    static func empty(_ function: AggregateFunction) -> Measure {
        switch function {
        case .count, .countDistinct: return Measure(value: 0, isCount: true)
        case .sum: return Measure(value: 0)
        case .share: return Measure(numerator: 0, denominator: 0)
        default: return Measure(value: nil)
        }
    }
}
