import KPICore

/// Runs one aggregate over selected rows into per-group measures.
enum Aggregation {
    static func run(
        _ node: AggregateNode, selection: Bitmap?, grouping: Grouping, evaluator: RowEvaluator, shareTruth: Bitmap?
    ) throws -> [Measure] {
        let groups = grouping.groupCount
        let n = evaluator.count
        let cancellation = evaluator.cancellation

        // Rows that count: selected, and (for value aggregates) with a non-null argument.
        var rows = selection ?? Bitmap(count: n, allSet: true)
        var values: ContiguousArray<Double>?
        var argument: Vector?
        if let expr = node.argument {
            let v = try evaluator.value(expr)
            argument = v
            if let valid = evaluator.validity(of: v) { rows.formIntersection(valid) }
            if node.function != .count && node.function != .countDistinct {
                guard let (d, _) = try evaluator.doubles(expr) else {
                    throw ExecutionError.type("cannot aggregate text with this function")
                }
                values = d
            }
        }
        // Without keys every row is in group 0 and the ids are never read.
        let ids = grouping.ids ?? []
        let grouped = grouping.ids != nil
        return try ids.withUnsafeBufferPointer { ids in
            switch node.function {
            case .count:
                guard grouped else { return [Measure(value: Double(rows.setCount), isCount: true)] }
                var counts = [Double](repeating: 0, count: groups)
                try counts.withUnsafeMutableBufferPointer { c in try rows.forEachSetBit(checking: cancellation) { c[Int(ids[$0])] += 1 } }
                return counts.map { Measure(value: $0, isCount: true) }
            case .share:
                var hits = shareTruth ?? Bitmap(count: n, allSet: false)
                guard grouped else {
                    hits.formIntersection(rows)
                    return [Measure(numerator: Double(hits.setCount), denominator: Double(rows.setCount))]
                }
                var den = [Double](repeating: 0, count: groups)
                var num = [Double](repeating: 0, count: groups)
                try den.withUnsafeMutableBufferPointer { d in
                    try num.withUnsafeMutableBufferPointer { u in
                        try rows.forEachSetBit(checking: cancellation) { row in
                            let g = Int(ids[row])
                            d[g] += 1
                            if hits.isSet(row) { u[g] += 1 }
                        }
                    }
                }
                return (0..<groups).map { Measure(numerator: num[$0], denominator: den[$0]) }
            case .countDistinct:
                var sets = [Set<Int64>](repeating: [], count: groups)
                let keys = distinctKeys(argument!, count: n)
                try rows.forEachSetBit(checking: cancellation) { sets[grouped ? Int(ids[$0]) : 0].insert(keys[$0]) }
                return sets.map { Measure(value: Double($0.count), isCount: true) }
            case .sum, .avg:
                var sums = [Double](repeating: 0, count: groups)
                var counts = [Double](repeating: 0, count: groups)
                try values!.withUnsafeBufferPointer { v in
                    try sums.withUnsafeMutableBufferPointer { s in
                        try counts.withUnsafeMutableBufferPointer { c in
                            if grouped {
                                try rows.forEachSetBit(checking: cancellation) { row in
                                    let g = Int(ids[row])
                                    s[g] += v[row]
                                    c[g] += 1
                                }
                            } else {
                                try rows.forEachSetBit(checking: cancellation) { row in
                                    s[0] += v[row]
                                    c[0] += 1
                                }
                            }
                        }
                    }
                }
                // A sum beyond ±1.8e308 is infinite: its measure is null and says it is out of range.
                if node.function == .sum { return sums.map { Measure(value: $0) } }
                var means = (0..<groups).map { counts[$0] == 0 ? 0 : sums[$0] / counts[$0] }
                // A sum that overflowed may still have a mean that a double holds (1.7e308 twice).
                if sums.contains(where: { !$0.isFinite }) {
                    Self.rescaleMeans(&means, sums: sums, counts: counts, values: values!, rows: rows, ids: grouped ? ids : nil)
                }
                // A second pass for the spread (two passes stay accurate where sum-of-squares would
                // not) and the smallest value, which decides the kind of interval. A spread beyond
                // ±1.8e308 is infinite, and the statistics then give no interval.
                var squares = [Double](repeating: 0, count: groups)
                var smallest = [Double](repeating: .infinity, count: groups)
                try values!.withUnsafeBufferPointer { v in
                    try rows.forEachSetBit(checking: cancellation) { row in
                        let g = grouped ? Int(ids[row]) : 0
                        let d = v[row] - means[g]
                        squares[g] += d * d
                        if v[row] < smallest[g] { smallest[g] = v[row] }
                    }
                }
                return (0..<groups).map { g in
                    guard counts[g] > 0 else { return Self.statistic(nil, restingOn: 0) }
                    let interval = Statistics.meanInterval(
                        mean: means[g], sumOfSquares: squares[g], count: counts[g], smallest: smallest[g])
                    return Self.statistic(means[g], interval: interval, restingOn: counts[g])
                }
            case .first, .last:
                // The value at the earliest (first) or latest (last) date basis; ties keep the first row.
                guard let orderBy = node.orderBy, let (order, orderValid) = try? evaluator.value(orderBy).integers(count: n) else {
                    return [Measure](repeating: Measure(value: nil), count: groups)
                }
                var bestKey = [Int64?](repeating: nil, count: groups)
                var best = [Double?](repeating: nil, count: groups)
                let v = values!
                let isFirst = node.function == .first
                try rows.forEachSetBit(checking: cancellation) { row in
                    if let orderValid, !orderValid.isSet(row) { return }
                    let g = grouped ? Int(ids[row]) : 0
                    let key = order[row]
                    if let b = bestKey[g], isFirst ? key >= b : key <= b { return }
                    bestKey[g] = key
                    best[g] = v[row]
                }
                return best.map { Measure(value: $0) }
            case .min, .max:
                var best = [Double?](repeating: nil, count: groups)
                var counts = [Double](repeating: 0, count: groups)
                let v = values!
                let isMin = node.function == .min
                try rows.forEachSetBit(checking: cancellation) { row in
                    let g = grouped ? Int(ids[row]) : 0
                    counts[g] += 1
                    if let b = best[g] {
                        if isMin ? v[row] < b : v[row] > b { best[g] = v[row] }
                    } else {
                        best[g] = v[row]
                    }
                }
                return (0..<groups).map { Self.statistic(best[$0], restingOn: counts[$0]) }
            case .module(let reference):
                return try ModuleKernels.aggregate(
                    reference, values: values!, rows: rows, ids: grouped ? ids : nil, groups: groups, cancellation: cancellation)
            case .median, .percentile:
                var buckets = [[Double]](repeating: [], count: groups)
                try values!.withUnsafeBufferPointer { v in
                    if grouped {
                        var sizes = [Int](repeating: 0, count: groups)
                        try rows.forEachSetBit(checking: cancellation) { sizes[Int(ids[$0])] += 1 }
                        for g in 0..<groups { buckets[g].reserveCapacity(sizes[g]) }
                        try rows.forEachSetBit(checking: cancellation) { buckets[Int(ids[$0])].append(v[$0]) }
                    } else {
                        buckets[0].reserveCapacity(rows.setCount)
                        try rows.forEachSetBit(checking: cancellation) { buckets[0].append(v[$0]) }
                    }
                }
                let q: Double
                switch node.function {
                case .percentile(let p): q = p
                default: q = 0.5
                }
                // One selection per group: a million small ones when grouping by lead.
                return try (0..<groups).map { g in
                    try cancellation.check(atRow: g)
                    let values = buckets[g]
                    buckets[g] = []
                    return Self.statistic(quantile(values, q), restingOn: Double(values.count))
                }
            }
        }
    }

    /// Recomputes the means of the groups whose sum overflowed, on values scaled by 2⁻⁶⁴.
    ///
    /// Scaling by a power of two is exact (short of values below 1e-289, whose share of a sum past
    /// 1.8e308 is nothing), and the scaled sum of fewer than 2⁶⁴ doubles cannot overflow; so the
    /// mean is as accurate as an ordinary one (a rounding per addition) whenever it is below
    /// ±1.8e308 itself. A group holding an infinite value keeps its non-finite mean: it is out of range.
    static func rescaleMeans(
        _ means: inout [Double], sums: [Double], counts: [Double], values: ContiguousArray<Double>, rows: Bitmap,
        ids: UnsafeBufferPointer<Int32>?
    ) {
        let scale = 0x1p-64
        var scaled = [Double](repeating: 0, count: means.count)
        values.withUnsafeBufferPointer { v in
            rows.forEachSetBit { row in
                let g = ids.map { Int($0[row]) } ?? 0
                if !sums[g].isFinite { scaled[g] += v[row] * scale }
            }
        }
        for g in means.indices where !sums[g].isFinite && counts[g] > 0 {
            means[g] = scaled[g] / counts[g] / scale
        }
    }

    /// The q-quantile with linear interpolation (type 7, as numpy and the spec define it).
    ///
    /// Only the two order statistics around the quantile are needed, so they are selected in
    /// linear time instead of sorting all values.
    static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        var values = values
        let h = Double(values.count - 1) * q
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, values.count - 1)
        let (low, high) = values.withUnsafeMutableBufferPointer { buffer -> (Double, Double) in
            let low = Selection.select(lo, in: buffer)
            // After selecting `lo`, every value above index lo is >= it: the next order statistic is their minimum.
            var high = low
            if hi > lo {
                high = buffer[hi]
                for i in (lo + 1)..<buffer.count where buffer[i] < high { high = buffer[i] }
            }
            return (low, high)
        }
        let fraction = h - Double(lo)
        // Exactly on an order statistic: 0 · (∞ − 5) would be NaN.
        if fraction == 0 { return low }
        let between = low + fraction * (high - low)
        // Order statistics far apart (−1.7e308 and 1.7e308) overflow their difference: weigh them instead.
        return between.isFinite || !low.isFinite || !high.isFinite ? between : low * (1 - fraction) + high * fraction
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

    /// A statistic of `n` values (an average, a median, a minimum): its ``Measure/sampleSize`` is
    /// `n`, so an average of 4 values is flagged as a small sample the way a rate of 4 is.
    static func statistic(_ value: Double?, interval: ClosedRange<Double>? = nil, restingOn n: Double) -> Measure {
        var measure = Measure(value: value, interval: interval)
        measure.sampleSize = n
        return measure
    }

    /// What a group with no rows shows: 0 for counts and sums, null for rates and averages (whose
    /// statistics rest on 0 values).
    static func empty(_ function: AggregateFunction) -> Measure {
        switch function {
        case .count, .countDistinct: return Measure(value: 0, isCount: true)
        case .sum: return Measure(value: 0)
        case .share: return Measure(numerator: 0, denominator: 0)
        case .avg, .median, .percentile, .min, .max, .module: return statistic(nil, restingOn: 0)
        case .first, .last: return Measure(value: nil)
        }
    }
}

/// Order statistics without a full sort.
enum Selection {
    /// Rearranges `buffer` so that `buffer[k]` is the value a sort would put there, everything
    /// before it is <= and everything after it >=; returns that value.
    ///
    /// Quickselect with median-of-three pivots, falling back to a sort of the remaining range when
    /// partitioning stops shrinking it (adversarial inputs), so the worst case stays n log n.
    static func select(_ k: Int, in buffer: UnsafeMutableBufferPointer<Double>) -> Double {
        var lo = 0, hi = buffer.count - 1
        var budget = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount) + 8
        while hi - lo > 16 {
            if budget == 0 {
                sortRange(buffer, lo, hi)
                return buffer[k]
            }
            budget -= 1
            let mid = lo + (hi - lo) / 2
            // Median of three, placed at `mid`.
            if buffer[mid] < buffer[lo] { buffer.swapAt(mid, lo) }
            if buffer[hi] < buffer[lo] { buffer.swapAt(hi, lo) }
            if buffer[hi] < buffer[mid] { buffer.swapAt(hi, mid) }
            let pivot = buffer[mid]
            // Hoare partition.
            var i = lo, j = hi
            while i <= j {
                while buffer[i] < pivot { i += 1 }
                while pivot < buffer[j] { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now [lo, j] <= pivot <= [i, hi], and (j, i) all equal the pivot.
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                return buffer[k]
            }
        }
        sortRange(buffer, lo, hi)
        return buffer[k]
    }

    private static func sortRange(_ buffer: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int) {
        guard lo < hi else { return }
        var range = UnsafeMutableBufferPointer(rebasing: buffer[lo...hi])
        range.sort()
    }
}
