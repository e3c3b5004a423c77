import Foundation
import KPIAdapters
import KPICatalog
import KPICore
import KPIEngine
import KPIFormula

/// `kpi-bench wide [COLUMNS…]`: headers far wider than any export. Issue 13 measured 26 s for
/// 100,000 columns, over 300 s for 1,000,000 and 21 s for 20,000 copies of one name; loading
/// must stay linear in the number of columns.
enum WideHeaderBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        let widths = arguments.isEmpty ? [100_000, 1_000_000] : arguments.compactMap { Int($0.replacingOccurrences(of: "_", with: "")) }
        guard !widths.isEmpty, widths.allSatisfy({ $0 > 0 }) else {
            print("usage: kpi-bench wide [COLUMNS…]   (default 100000 1000000)")
            return 2
        }
        print("a leads.csv of 2 rows: N filler columns and the 5 canonical ones; load + bind + count(leads), median of 3")
        print(pad("header", 34) + pad("MB", 8, right: true) + pad("seconds", 10, right: true) + pad("peak RSS MB", 13, right: true))
        var cases = widths.map { width in ("\(width) distinct names", (0..<width).map { "c\($0)" }) }
        cases.append(("20000 copies of one name", [String](repeating: "amount", count: 20_000)))
        for (label, filler) in cases {
            do {
                let (bytes, seconds) = try measure(filler: filler)
                print(
                    pad(label, 34) + pad(fixed(Double(bytes) / 1e6, 1), 8, right: true) + pad(fixed(seconds, 3), 10, right: true)
                        + pad(fixed(peakRSSMegabytes(), 0), 13, right: true))
            } catch {
                print("\(label): error: \(error)")
                return 1
            }
        }
        return 0
    }

    /// The file's size and the median seconds of three loads and counts.
    private static func measure(filler: [String]) throws -> (Int, Double) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-bench-wide-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = (filler + ["lead_id", "created_at", "source", "rep", "status"]).joined(separator: ",") + "\n"
        let ones = [String](repeating: "1", count: filler.count).joined(separator: ",")
        for id in 1...2 { text += ones + ",\(id),2024-01-0\(id),Web,Ann,won\n" }
        let data = Data(text.utf8)
        try data.write(to: folder.appendingPathComponent("leads.csv"))
        var times: [Double] = []
        for _ in 0..<3 {
            let start = now()
            var registry = BuiltInModules.makeRegistry()
            try registry.register(BuiltInAdapters(), origin: .builtIn)
            try BuiltInModules.register(into: &registry)
            let session = Session(registry: registry)
            try session.load(folder.path)
            let count = try session.evaluate("count(leads)").rows.first?.measures.first?.value
            times.append(now() - start)
            guard count == 2 else {
                throw DataError(
                    id: .benchWrong, message: "count(leads) gave \(String(describing: count)), not 2", location: SourceLocation(file: "leads.csv"))
            }
        }
        return (data.count, median(times))
    }
}
