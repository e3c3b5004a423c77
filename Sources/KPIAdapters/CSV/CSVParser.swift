import Foundation
import KPICore

/// Parses one CSV buffer into a typed table, on every core.
///
/// The data after the header is cut into one chunk per core at line feeds. A cut may land inside
/// a quoted field; that is found afterwards, not guessed: chunk `i` is kept only if chunk `i - 1`
/// (already proven) ended exactly where it starts, otherwise the stretch is parsed again
/// sequentially from where the proven part ended. Kept chunks are then joined in file order,
/// which gives the same types, values and dictionary order as one sequential pass.
struct CSVParser {
    let input: CSVInput
    let fileName: String
    let tableName: String
    /// Below this many body bytes one thread is faster than starting more.
    var parallelThreshold = 1 << 22
    /// How many chunks to cut the body into; one per core when `nil`. Tests force small
    /// thresholds and odd counts to exercise the cuts on small inputs.
    var chunkCount: Int? = nil

    func parse() throws(DataError) -> Table {
        let p = UnsafePointer(input.base)
        var dataStart = 0
        if input.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { dataStart = 3 }
        let firstRecord = CSVScanner(p: p, count: input.count, delimiter: CSVByte.lineFeed).skipBlankLines(dataStart)
        guard firstRecord < input.count else {
            throw DataError(id: "csv.empty", message: "\(fileName) is empty: a CSV file needs a header row", file: fileName, line: 1, column: 1)
        }
        let delimiter = CSVDialect.sniffDelimiter(p, from: firstRecord, count: input.count)
        let scanner = CSVScanner(p: p, count: input.count, delimiter: delimiter)
        let reporter = CSVErrorReporter(input: input, fileName: fileName, bodyStart: dataStart)

        let header: (fields: [(start: Int, end: Int, flags: UInt8)], next: Int)
        do {
            header = try scanner.scanOneRecord(at: firstRecord)
        } catch {
            throw reporter.error(for: error, columnNames: [])
        }
        let scratch = CSVGrowableBuffer<UInt8>()
        var rawNames: [String] = []
        for (k, field) in header.fields.enumerated() {
            let length = field.flags & CSVFieldBlock.escaped != 0
                ? scanner.unescape(field.start, field.end, into: scratch) : field.end - field.start
            let bytes = field.flags & CSVFieldBlock.escaped != 0 ? UnsafePointer(scratch.base) : p + field.start
            guard let name = CSVTextDictionary.makeString(bytes, length) else {
                throw reporter.error(for: CSVFault(kind: .invalidUTF8, offset: field.start, field: k), columnNames: [])
            }
            rawNames.append(name)
        }
        let names = CSVDialect.uniqueNames(rawNames)

        let chunks = try parseBody(scanner, from: min(header.next, input.count), columnCount: names.count, reporter: reporter, names: names)
        let columns = CSVTableAssembler.assemble(chunks: chunks, names: names)
        return Table(name: tableName, columns: columns, rowCount: chunks.reduce(0) { $0 + $1.rowCount }, source: fileName)
    }

    private func parseBody(
        _ scanner: CSVScanner, from bodyStart: Int, columnCount: Int, reporter: CSVErrorReporter, names: [String]
    ) throws(DataError) -> [CSVChunk] {
        let bounds = splitPoints(scanner, from: bodyStart)
        let allColumns = Array(0..<columnCount)
        let speculative = CSVParallel.map(count: bounds.count - 1) { i in
            CSVChunk.parse(scanner, from: bounds[i], limit: bounds[i + 1], columnCount: columnCount, columns: allColumns, forceText: false)
        }
        let skipBlank = columnCount > 1
        func normalized(_ offset: Int) -> Int { skipBlank ? scanner.skipBlankLines(offset) : offset }

        var kept: [CSVChunk] = []
        var proven = bodyStart
        for (i, chunk) in speculative.enumerated() {
            var accepted = chunk
            if normalized(chunk.start) != normalized(proven) {
                // The cut was inside a quoted field: parse this stretch again from the truth.
                accepted = CSVChunk.parse(
                    scanner, from: proven, limit: max(proven, bounds[i + 1]), columnCount: columnCount,
                    columns: allColumns, forceText: false)
            }
            if let fault = accepted.fault { throw reporter.error(for: fault, columnNames: names) }
            kept.append(accepted)
            proven = accepted.end
        }
        do {
            try CSVTableAssembler.rescanDemotedColumns(&kept, scanner: scanner)
        } catch {
            throw reporter.error(for: error, columnNames: names)
        }
        return kept
    }

    /// Chunk boundaries: the body's start, a line start near each `k/n`-th of the body, the end.
    private func splitPoints(_ scanner: CSVScanner, from bodyStart: Int) -> [Int] {
        let size = input.count - bodyStart
        let parts = size < parallelThreshold ? 1 : max(1, chunkCount ?? ProcessInfo.processInfo.activeProcessorCount)
        var bounds = [bodyStart]
        for k in 1..<max(parts, 1) {
            let guess = bodyStart + size / parts * k
            guard guess > bounds[bounds.count - 1], guess < input.count,
                let hit = memchr(input.base + guess, Int32(CSVByte.lineFeed), input.count - guess)
            else { continue }
            let lineStart = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - UnsafePointer(input.base) + 1
            if lineStart < input.count && lineStart > bounds[bounds.count - 1] { bounds.append(lineStart) }
        }
        bounds.append(input.count)
        return bounds
    }
}

/// The typed columns of one stretch of records.
struct CSVChunk {
    /// Where the stretch starts, and the offset after its last record.
    var start: Int
    var end: Int
    /// The nominal end it was asked to reach (records starting before it are parsed).
    var limit: Int
    var rowCount: Int
    /// One builder per column; `nil` for columns not asked for.
    var builders: [CSVColumnBuilder?]
    var fault: CSVFault?

    /// Parses records starting in `[start, limit)`, converting `columns` only.
    static func parse(
        _ scanner: CSVScanner, from start: Int, limit: Int, columnCount: Int, columns: [Int], forceText: Bool
    ) -> CSVChunk {
        var builders = [CSVColumnBuilder?](repeating: nil, count: columnCount)
        for j in columns { builders[j] = CSVColumnBuilder(forceText: forceText) }
        let block = CSVFieldBlock(columnCount: columnCount)
        var pos = start
        var rows = 0
        var fault: CSVFault?
        do {
            while true {
                pos = try scanner.scanRecords(from: pos, limit: limit, into: block)
                if block.rowCount == 0 { break }
                if rows == 0 && block.rowCount == block.rowCapacity && pos > start {
                    // Size every buffer once from the first block's bytes per record (+10%).
                    let expected = Int(Double(max(limit, pos) - start) / Double(pos - start) * Double(block.rowCount) * 1.1)
                    for j in columns { builders[j]?.expect(rows: expected) }
                }
                rows += block.rowCount
                for j in columns { try builders[j]?.append(block, column: j, scanner: scanner) }
            }
        } catch {
            fault = error
        }
        return CSVChunk(start: start, end: pos, limit: limit, rowCount: rows, builders: builders, fault: fault)
    }
}

/// Runs independent jobs on all cores and returns their results in order.
enum CSVParallel {
    static func map<T>(count: Int, _ body: (Int) -> T) -> [T] {
        if count == 1 { return [body(0)] }
        let slots = Slots<T>(count: count)
        withoutActuallyEscaping(body) { body in
            let job = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, job.value(i)) }
        }
        return slots.values()
    }

    /// Result slots written once each from worker threads, under a lock.
    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: T) {
            lock.lock()
            storage[index] = value
            lock.unlock()
        }

        func values() -> [T] { storage.map { $0! } }
    }

    /// Hands a closure that only reads shared immutable state to worker threads.
    private struct UncheckedBox<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
