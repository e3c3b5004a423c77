import KPIAdapters
import KPICore

/// The CSV reader, read two ways: one sequential pass and the parallel path cut into 2, 3, 4 or
/// 5 chunks must give the same table (cells, types, dictionaries, the line of every row, skipped
/// rows, recorded cells) or the same first error — leniently and with `--strict`. Errors point
/// inside the file; a table's rows run down the file and its recorded cells name real rows.
package enum CSVFuzzCheck {
    /// The chunk counts the parallel path is forced into.
    package static let chunkCounts = [2, 3, 4, 5]

    /// The one chunk count the fuzzer tries on `bytes`, picked by a hash of them: every parse
    /// costs as much as the next, so trying all four made each input four times as slow, while
    /// the mutations of an input, hashing differently, still meet every count within a run.
    package static func chunkCount(for bytes: [UInt8]) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
        // The high bits: a product's low bits depend only on its factors' low bits.
        return chunkCounts[Int((hash >> 32) % UInt64(chunkCounts.count))]
    }

    /// The findings for one input, cut into `chunkCounts` (by default the one ``chunkCount(for:)``
    /// picks; the corpus replay passes all of them).
    package static func check(_ bytes: [UInt8], chunkCounts: [Int]? = nil) -> FuzzFindings {
        let chunkCounts = chunkCounts ?? [chunkCount(for: bytes)]
        var findings: FuzzFindings = []
        for strict in [false, true] {
            let mode = strict ? "strict" : "lenient"
            let options = LoadOptions(strict: strict)
            // Threads off: the same chunked code, without hand-offs that cost more than the parse.
            let sequential = Result { () throws(DataError) in
                try CSVAdapter.parse(
                    bytes: bytes, fileName: "fuzz.csv", tableName: "t", parallelThreshold: Int.max, chunks: 1, threads: false, options: options)
            }
            switch sequential {
            case .success(let table): findings += wellFormed(table, bytes: bytes, mode: mode)
            case .failure(let error): findings += FuzzSupport.misplaced(error, in: bytes, what: mode).map { [$0] } ?? []
            }
            for chunks in chunkCounts {
                let chunked = Result { () throws(DataError) in
                    try CSVAdapter.parse(
                        bytes: bytes, fileName: "fuzz.csv", tableName: "t", parallelThreshold: 0, chunks: chunks, threads: false, options: options)
                }
                if let difference = difference(sequential, chunked) {
                    findings.append("\(mode), \(chunks) chunks differ from one pass: \(difference)")
                }
            }
        }
        return findings
    }

    /// How two readings of one file differ, or `nil`.
    static func difference(_ a: Result<Table, DataError>, _ b: Result<Table, DataError>) -> String? {
        switch (a, b) {
        case (.failure(let x), .failure(let y)): return x == y ? nil : "error '\(x)' ≠ '\(y)'"
        case (.failure(let x), .success): return "one pass fails with '\(x)', chunks read a table"
        case (.success, .failure(let y)): return "one pass reads a table, chunks fail with '\(y)'"
        case (.success(let x), .success(let y)):
            return FuzzSupport.firstDifference(x, y) ?? FuzzSupport.firstDifference(x.origin, y.origin, rows: x.rowCount)
        }
    }

    /// What a table read from `bytes` promises about itself.
    static func wellFormed(_ table: Table, bytes: [UInt8], mode: String) -> FuzzFindings {
        guard let origin = table.origin else { return ["\(mode): a CSV table without an origin"] }
        var findings: FuzzFindings = []
        let lastLine = bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
        var previous = origin.headerLine ?? 0
        for row in 0..<table.rowCount {
            guard let line = origin.line(ofRow: row) else {
                findings.append("\(mode): row \(row) has no line")
                break
            }
            if line <= previous || line > lastLine {
                findings.append("\(mode): row \(row) on line \(line), after line \(previous), in a file of \(lastLine) lines")
                break
            }
            previous = line
        }
        // Extra fields are recorded at the first one past the header: one column beyond the last.
        let columns = origin.columnNames.count
        if let issue = origin.cellIssues.first(where: { issue in
            let lastColumn = issue.kind == .extraFields ? columns : columns - 1
            return issue.row < 0 || issue.row >= table.rowCount || issue.column < 0 || issue.column > lastColumn
        }) {
            findings.append("\(mode): recorded cell \(issue) is outside \(table.rowCount) rows × \(origin.columnNames.count) columns")
        }
        return findings
    }
}
