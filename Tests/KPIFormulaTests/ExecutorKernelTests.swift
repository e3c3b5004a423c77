import KPICore
import Testing

@testable import KPIFormula

/// The quantile as a full sort computes it: the reference the selection must match exactly.
private func sortedQuantile(_ values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let h = Double(sorted.count - 1) * q
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}

@Suite("Executor kernels")
struct ExecutorKernelTests {
    @Test("selects the same quantiles as sorting, with duplicates, sorted and reversed input")
    func quantilesMatchSorting() {
        var random = SplitMix64(seed: 42)
        for size in [1, 2, 3, 17, 100, 1_001, 5_000] {
            let shapes: [[Double]] = [
                (0..<size).map { _ in Double(Int.random(in: -1_000...1_000, using: &random)) / 8 },
                (0..<size).map { _ in Double(Int.random(in: 0...3, using: &random)) },
                (0..<size).map(Double.init),
                (0..<size).reversed().map(Double.init),
            ]
            for values in shapes {
                for q in [0, 0.1, 0.25, 0.5, 0.9, 1] {
                    #expect(Aggregation.quantile(values, q) == sortedQuantile(values, q), "size \(size), q \(q)")
                }
            }
        }
    }

    @Test("orders rows by key, then value, then table order, whatever the input order")
    func rowOrder() {
        var random = SplitMix64(seed: 7)
        for sparse in [false, true] {
            let n = 2_000
            var keys = ContiguousArray<Int64>()
            var values = ContiguousArray<Int64>()
            for _ in 0..<n {
                let k = Int64.random(in: 0..<50, using: &random)
                keys.append(sparse ? k * 1_000_000_007 : k)
                values.append(Int64.random(in: 0..<20, using: &random))
            }
            var valid = Bitmap(count: n, allSet: true)
            for i in stride(from: 0, to: n, by: 13) { valid[i] = false }
            let order = RowOrder.byKeyThenValue(keys: keys, values: values, valid: valid)
            let expected = (0..<n).filter { valid[$0] }.sorted { (a: Int, b: Int) -> Bool in
                if keys[a] != keys[b] { return keys[a] < keys[b] }
                if values[a] != values[b] { return values[a] < values[b] }
                return a < b
            }
            #expect(order.map(Int.init) == expected, "sparse keys: \(sparse)")
        }
    }

    @Test("builds bitmaps a word at a time exactly as bit by bit")
    func bitmapFromPredicate() {
        for count in [0, 1, 63, 64, 65, 130] {
            let built = Bitmap(count: count) { $0 % 3 == 0 || $0 == 64 }
            var reference = Bitmap(count: count, allSet: false)
            for i in 0..<count where i % 3 == 0 || i == 64 { reference[i] = true }
            #expect(built == reference, "count \(count)")
        }
    }

    @Test("numbers group codes in order of first appearance")
    func compactCodes() {
        var codes: ContiguousArray<Int32> = [5, 2, 5, 9, 2, 0]
        let used = KeyCodes.compact(&codes, domain: 10)
        #expect(used == [5, 2, 9, 0])
        #expect(codes == [0, 1, 0, 2, 1, 3])
    }
}
