/// What the file's first lines say about its layout: the delimiter, and unique column names.
enum CSVDialect {
    /// Candidate delimiters, in order of preference on a tie.
    static let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]  // , ; tab |

    /// The delimiter whose count per record, outside quotes, is highest on the header line and
    /// the same on the next lines (up to 20 records, 64 KiB). A file with none is one column,
    /// read with `,`.
    static func sniffDelimiter(_ p: UnsafePointer<UInt8>, from first: Int, count: Int) -> UInt8 {
        let start = firstDelimitedLine(p, from: first, count: count)
        let end = min(count, start + 65_536)
        var perRecord: [[Int]] = []
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var i = start
        while i < end && perRecord.count < 20 {
            let b = p[i]
            if b == CSVByte.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if b == CSVByte.lineFeed {
                    perRecord.append(current)
                    current = [Int](repeating: 0, count: candidates.count)
                } else if let k = candidates.firstIndex(of: b) {
                    current[k] += 1
                }
            }
            i += 1
        }
        // The last record counts only if it ended inside the sample (at the end of the file).
        if i == count && !inQuotes && current.contains(where: { $0 > 0 }) { perRecord.append(current) }
        guard let header = perRecord.first else { return candidates[0] }
        var best: (index: Int, consistent: Bool, count: Int)?
        for k in candidates.indices where header[k] > 0 {
            let consistent = perRecord.allSatisfy { $0[k] == header[k] }
            let better: Bool
            if let b = best {
                better = (consistent && !b.consistent) || (consistent == b.consistent && header[k] > b.count)
            } else {
                better = true
            }
            if better { best = (k, consistent, header[k]) }
        }
        return candidates[best?.index ?? 0]
    }

    /// The first of the next ten lines that holds a candidate delimiter outside quotes, so that a
    /// report's title line above the header does not decide the delimiter; `start` when none does.
    static func firstDelimitedLine(_ p: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var lineStart = start
        var i = start
        var inQuotes = false
        var lines = 0
        let end = min(count, start + 65_536)
        while i < end && lines < 10 {
            let b = p[i]
            if b == CSVByte.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if b == CSVByte.lineFeed {
                    lines += 1
                    lineStart = i + 1
                } else if candidates.contains(b) {
                    return lineStart
                }
            }
            i += 1
        }
        return start
    }

    /// Header names made unique and non-empty, deterministically: an empty name at position `i`
    /// (1-based) becomes `column_i`; a repeated name gets `_2`, `_3`, ... (skipping names taken).
    static func uniqueNames(_ raw: [String]) -> [String] {
        // Names written in the header keep priority over generated ones.
        var written = Set<String>(minimumCapacity: raw.count)
        var complete = true
        for name in raw {
            if name.isEmpty { complete = false } else if !written.insert(name).inserted { complete = false }
        }
        // Every name written and no two alike (nearly every header): nothing to rename.
        if complete { return raw }
        var taken = Set<String>(minimumCapacity: raw.count)
        var names: [String] = []
        names.reserveCapacity(raw.count)
        // The next suffix to try per stem: 20,000 copies of one name would otherwise retry
        // `_2`, `_3`, … from the start each time, quadratic in the copies.
        var nextSuffix: [String: Int] = [:]
        for (i, name) in raw.enumerated() {
            var candidate = name.isEmpty ? "column_\(i + 1)" : name
            if taken.contains(candidate) || (name.isEmpty && written.contains(candidate)) {
                let stem = candidate
                var suffix = nextSuffix[stem] ?? 2
                repeat {
                    candidate = "\(stem)_\(suffix)"
                    suffix += 1
                } while taken.contains(candidate) || written.contains(candidate)
                nextSuffix[stem] = suffix
            }
            taken.insert(candidate)
            names.append(candidate)
        }
        return names
    }
}
