import KPICore

/// Joins the chunks' column builders into final columns, in file order.
enum CSVTableAssembler {
    /// The column's final kind over all chunks; a column of nulls only is text.
    static func finalKind(_ chunks: [CSVChunk], column: Int) -> CSVColumnKind {
        var kind = CSVColumnKind.unknown
        for chunk in chunks {
            if let builder = chunk.builders[column] { kind = kind.joined(with: builder.kind) }
        }
        return kind == .unknown || kind == .demoted ? .text : kind
    }

    /// Whether a chunk's builder must be rebuilt as text: the column is text overall but this
    /// chunk typed it otherwise (or saw quoted empties, which are `""` in text).
    static func needsRescan(_ builder: CSVColumnBuilder, finalKind: CSVColumnKind) -> Bool {
        guard finalKind == .text else { return false }
        switch builder.kind {
        case .text: return false
        case .unknown: return builder.sawQuotedEmpty || builder.sawNullWord
        default: return true
        }
    }

    /// Rebuilds as text, per chunk and in parallel, the columns whose cells were typed as
    /// something else before a text cell was met.
    static func rescanDemotedColumns(
        _ chunks: inout [CSVChunk], scanner: CSVScanner, builders: CSVChunk.BuilderOptions, threads: Bool = true
    ) throws(CSVFault) {
        let columnCount = chunks.first?.builders.count ?? 0
        let kinds = (0..<columnCount).map { finalKind(chunks, column: $0) }
        let work: [(chunk: Int, columns: [Int])] = chunks.indices.compactMap { c in
            let columns = (0..<columnCount).filter { j in
                chunks[c].builders[j].map { needsRescan($0, finalKind: kinds[j]) } ?? false
            }
            return columns.isEmpty ? nil : (c, columns)
        }
        guard !work.isEmpty else { return }
        let frozen = chunks
        let redone = CSVParallel.map(count: work.count, threads: threads) { k in
            let chunk = frozen[work[k].chunk]
            return CSVChunk.parse(
                scanner, from: chunk.start, limit: chunk.limit, columnCount: columnCount,
                columns: work[k].columns, forceText: true, builders: builders)
        }
        for (k, item) in work.enumerated() {
            if let fault = redone[k].fault { throw fault }
            for j in item.columns { chunks[item.chunk].builders[j] = redone[k].builders[j] }
        }
    }

    /// The final columns, built in parallel.
    static func assemble(chunks: [CSVChunk], names: [String], threads: Bool = true) -> [Column] {
        CSVParallel.map(count: names.count, threads: threads) { j in
            column(j, name: names[j], chunks: chunks)
        }
    }

    private static func column(_ j: Int, name: String, chunks: [CSVChunk]) -> Column {
        let builders = chunks.compactMap { $0.builders[j] }
        let total = builders.reduce(0) { $0 + $1.rowCount }
        let kind = finalKind(chunks, column: j)
        let data: ColumnData
        switch kind {
        case .int, .date, .timestamp:
            let values = gather(builders, total: total, fill: Int64(0)) { b in
                b.kind == .unknown ? nil : b.integers.elements
            }
            data = kind == .int ? .int(values) : kind == .date ? .date(values) : .timestamp(values)
        case .double:
            var values = ContiguousArray<Double>(repeating: 0, count: total)
            var row = 0
            for b in builders {
                switch b.kind {
                case .double: for (k, v) in b.doubles.elements.enumerated() { values[row + k] = v }
                case .int:
                    for (k, v) in b.integers.elements.enumerated() { values[row + k] = Double(v) }
                    for k in b.negativeZeroRows { values[row + k] = -0.0 }
                default: break
                }
                row += b.rowCount
            }
            data = .double(values)
        case .bool:
            data = .bool(gather(builders, total: total, fill: false) { b in b.kind == .unknown ? nil : b.booleans.elements })
        default:
            data = text(builders, total: total)
        }
        return Column(name: name, data: data, validity: validity(builders, total: total))
    }

    /// Concatenates the builders' buffers, writing `fill` for builders that give none.
    private static func gather<T: BitwiseCopyable>(
        _ builders: [CSVColumnBuilder], total: Int, fill: T, _ part: (CSVColumnBuilder) -> UnsafeBufferPointer<T>?
    ) -> ContiguousArray<T> {
        ContiguousArray(unsafeUninitializedCapacity: total) { out, initialized in
            initialized = 0
            guard let start = out.baseAddress else { return }
            var row = 0
            for b in builders {
                let destination = start + row
                if let source = part(b), let base = source.baseAddress {
                    destination.initialize(from: base, count: min(source.count, b.rowCount))
                } else {
                    destination.initialize(repeating: fill, count: b.rowCount)
                }
                row += b.rowCount
            }
            initialized = total
        }
    }

    /// Merges per-chunk dictionaries in chunk order: a value first seen in a later chunk gets
    /// the next code, exactly as one sequential pass would assign it.
    private static func text(_ builders: [CSVColumnBuilder], total: Int) -> ColumnData {
        var dictionary: [String] = []
        var index: [String: Int32] = [:]
        var codes = ContiguousArray<Int32>(repeating: -1, count: total)
        var row = 0
        for b in builders {
            defer { row += b.rowCount }
            guard b.kind == .text, let local = b.dictionary else { continue }
            let remap: [Int32] = local.strings.map { s in
                if let code = index[s] { return code }
                let code = Int32(dictionary.count)
                dictionary.append(s)
                index[s] = code
                return code
            }
            let source = b.codes.elements
            codes.withUnsafeMutableBufferPointer { out in
                for k in 0..<source.count {
                    let code = source[k]
                    out[row + k] = code < 0 ? -1 : remap[Int(code)]
                }
            }
        }
        return .text(codes: codes, dictionary: dictionary)
    }

    /// The validity bitmap, or `nil` when no cell is null.
    private static func validity(_ builders: [CSVColumnBuilder], total: Int) -> Bitmap? {
        guard builders.contains(where: { $0.nullCount > 0 }) else { return nil }
        var bitmap = Bitmap(count: total, allSet: true)
        var row = 0
        for b in builders {
            let words = b.validWords.elements
            for w in 0..<words.count {
                var missing = ~words[w]
                let first = w << 6
                if first + 64 > b.rowCount { missing &= first >= b.rowCount ? 0 : (1 << UInt64(b.rowCount - first)) &- 1 }
                while missing != 0 {
                    bitmap[row + first + missing.trailingZeroBitCount] = false
                    missing &= missing &- 1
                }
            }
            row += b.rowCount
        }
        return bitmap
    }
}
