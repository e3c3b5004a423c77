import Foundation
import KPICore

/// How a CSV file is read: strictly or leniently, in which encoding, with which null words.
struct CSVReadOptions: Sendable {
    /// Stop at the first malformed record or field (the behaviour before lenient loading).
    var strict = false
    /// The encoding to read in; `nil` detects it.
    var encoding: TextEncoding? = nil
    /// Words read as null in typed columns.
    var nullWords = CSVNullWords.standard
    /// Below this many body bytes one thread is faster than starting more.
    var parallelThreshold = 1 << 22
    /// How many chunks to cut the body into; one per core when `nil`. Tests force small
    /// thresholds and odd counts to exercise the cuts on small inputs.
    var chunkCount: Int? = nil
    /// Whether chunks and columns are worked on by several threads. The fuzz harness turns it
    /// off: the same code one job after another, since under AddressSanitizer on a loaded machine
    /// waking worker threads costs a hundred times the parse of a small input.
    var usesThreads = true
    /// Asked once per block of records: a stopped parse throws ``DataError/cancelled(file:)``.
    var cancellation = LoadCancellation.never
}

/// Parses one CSV buffer into a typed table, on every core.
///
/// First the bytes become UTF-8 with `\n` line ends (``CSVTextDecoding``); then the delimiter is
/// sniffed, title lines above the header and a report footer below the data are set aside
/// (``CSVJunkRows``), and the body is parsed.
///
/// The body is cut into one chunk per core at line feeds. A cut may land inside a quoted field;
/// that is found afterwards, not guessed: chunk `i` is kept only if chunk `i - 1` (already
/// proven) ended exactly where it starts, otherwise the stretch is parsed again sequentially from
/// where the proven part ended. Kept chunks are then joined in file order, which gives the same
/// types, values, dictionary order, line numbers and recorded cells as one sequential pass.
struct CSVParser {
    let input: CSVInput
    let fileName: String
    let tableName: String
    var options = CSVReadOptions()

    init(input: CSVInput, fileName: String, tableName: String, options: CSVReadOptions = CSVReadOptions()) {
        self.input = input
        self.fileName = fileName
        self.tableName = tableName
        self.options = options
    }

    /// What decoding did to the file's bytes.
    private struct Decoded {
        var input: CSVInput
        var encoding: TextEncoding
        var detected: Bool
        var lineEnding: LineEnding
        /// Whether cells that are not valid UTF-8 are recorded (else they stop the parse).
        var recordsInvalidText: Bool
    }

    func parse() throws(DataError) -> Table {
        var decoded = decode()
        do {
            return try parse(decoded)
        } catch let error where error.id == .csvInvalidUTF8 && options.encoding == nil && decoded.encoding == .utf8 {
            // Not UTF-8 after all. A file of valid multi-byte sequences with a few broken ones
            // is damaged UTF-8 (its broken cells are recorded); one with none is a Windows code page.
            let p = UnsafePointer(decoded.input.base)
            if Self.looksLikeUTF8(p, count: decoded.input.count) {
                if options.strict { throw error }
                decoded.recordsInvalidText = true
            } else {
                decoded.input = CSVInput(copying: CSVTextDecoding.transcode(p, count: decoded.input.count, from: .windows1252))
                decoded.encoding = .windows1252
            }
            return try parse(decoded)
        }
    }

    /// The bytes as UTF-8 with `\n` line ends.
    private func decode() -> Decoded {
        var current = input
        var encoding = TextEncoding.utf8
        let forced = options.encoding
        if let forced {
            encoding = forced
            if forced != .utf8 {
                current = CSVInput(copying: CSVTextDecoding.transcode(UnsafePointer(input.base), count: input.count, from: forced))
            }
        } else if let announced = CSVTextDecoding.announcedEncoding(UnsafePointer(input.base), count: input.count) {
            encoding = announced
            current = CSVInput(copying: CSVTextDecoding.transcode(UnsafePointer(input.base), count: input.count, from: announced))
        }
        let lineEnding = CSVTextDecoding.lineEnding(UnsafePointer(current.base), count: current.count)
        if lineEnding == .cr {
            current = CSVInput(copying: CSVTextDecoding.carriageReturnsToLineFeeds(UnsafePointer(current.base), count: current.count))
        }
        return Decoded(
            input: current, encoding: encoding, detected: forced == nil, lineEnding: lineEnding,
            recordsInvalidText: forced != nil && !options.strict)
    }

    /// Whether the high bytes of a file that failed UTF-8 validation are mostly valid UTF-8
    /// sequences (a damaged UTF-8 file) rather than single bytes of a code page.
    static func looksLikeUTF8(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        var valid = 0
        var invalid = 0
        var i = 0
        while i < count {
            let b = p[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
            var ok = length > 0 && i + length <= count
            if ok { for k in 1..<length where p[i + k] & 0xC0 != 0x80 { ok = false } }
            if ok {
                valid += 1
                i += length
            } else {
                invalid += 1
                i += 1
            }
        }
        return valid > invalid
    }

    private func parse(_ decoded: Decoded) throws(DataError) -> Table {
        let input = decoded.input
        let p = UnsafePointer(input.base)
        var dataStart = 0
        if input.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { dataStart = 3 }
        let plain = CSVScanner(p: p, count: input.count, delimiter: CSVByte.lineFeed)
        let firstRecord = plain.skipBlankLines(dataStart).position
        guard firstRecord < input.count else {
            throw DataError(id: .csvEmpty, message: "\(fileName) is empty: a CSV file needs a header row", file: fileName, line: 1, column: 1)
        }
        let delimiter = CSVDialect.sniffDelimiter(p, from: firstRecord, count: input.count)
        var scanner = CSVScanner(p: p, count: input.count, delimiter: delimiter)
        let reporter = CSVErrorReporter(input: input, fileName: fileName, bodyStart: dataStart)

        let (headerStart, titles) = CSVJunkRows.headerStart(scanner, from: firstRecord)
        let header: (fields: [(start: Int, end: Int, flags: UInt8)], next: Int)
        do {
            header = try scanner.scanOneRecord(at: headerStart)
        } catch {
            throw reporter.error(for: error, columnNames: [])
        }
        let scratch = CSVGrowableBuffer<UInt8>()
        var rawNames: [String] = []
        var nameBytes: [UInt8] = []
        var nameOffsets = [0]
        rawNames.reserveCapacity(header.fields.count)
        nameOffsets.reserveCapacity(header.fields.count + 1)
        for (k, field) in header.fields.enumerated() {
            let length =
                field.flags & CSVFieldBlock.escaped != 0
                ? scanner.unescape(field.start, field.end, into: scratch) : field.end - field.start
            let bytes = field.flags & CSVFieldBlock.escaped != 0 ? UnsafePointer(scratch.base) : p + field.start
            guard let name = CSVTextDictionary.makeString(bytes, length) else {
                throw reporter.error(for: CSVFault(kind: .invalidUTF8, offset: field.start, field: k), columnNames: [])
            }
            rawNames.append(name)
            nameBytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
            nameOffsets.append(nameBytes.count)
        }
        let names = CSVDialect.uniqueNames(
            rawNames.map { name in
                let trimmed = name.trimmingSpaces
                return trimmed.startIndex == name.startIndex && trimmed.endIndex == name.endIndex ? name : String(trimmed)
            })
        scanner.lenient = !options.strict
        scanner.header = CSVHeaderBytes(bytes: nameBytes, offsets: nameOffsets)

        let headerLine = reporter.location(of: headerStart).line
        let bodyStart = min(header.next, input.count)
        let bodyLine = headerLine + 1 + scanner.lineFeeds(from: headerStart, to: max(headerStart, bodyStart - 1))
        let footer = CSVJunkRows.footer(scanner, bodyStart: bodyStart, columnCount: names.count)
        var bodyEnd = footer?.start ?? input.count
        var chunks = try parseBody(scanner, from: bodyStart, to: bodyEnd, names: names, reporter: reporter, decoded: decoded)
        var footerRecords = footer?.records ?? []
        if let footer, let last = chunks.last,
            scanner.skipBlankLines(last.end).position != scanner.skipBlankLines(footer.start).position
        {
            // The footer's first record was no record boundary (the cut fell inside a quoted field).
            bodyEnd = input.count
            chunks = try parseBody(scanner, from: bodyStart, to: bodyEnd, names: names, reporter: reporter, decoded: decoded)
            footerRecords = []
        }

        let columns = CSVTableAssembler.assemble(chunks: chunks, names: names, threads: options.usesThreads)
        let rowCount = chunks.reduce(0) { $0 + $1.rowCount }
        var origin = TableOrigin(
            file: fileName, format: "csv", encoding: decoded.encoding, encodingDetected: decoded.detected,
            delimiter: delimiter == 0x09 ? "\t" : String(UnicodeScalar(delimiter)), lineEnding: decoded.lineEnding,
            headerLine: headerLine)
        origin.columnNames = names
        collect(chunks, scanner: scanner, body: bodyStart..<bodyEnd, bodyLine: bodyLine, into: &origin)
        for title in titles {
            origin.skippedRows.insert(
                SkippedRow(line: reporter.location(of: title.start).line, reason: .preamble, text: CSVJunkRows.preview(title)), at: 0)
        }
        if let firstFooter = footerRecords.first {
            var line = reporter.location(of: firstFooter.start).line
            for record in footerRecords {
                if !record.isBlank {
                    origin.skippedRows.append(SkippedRow(line: line, reason: .footer, text: CSVJunkRows.preview(record)))
                } else if record.fields.count > 1 {
                    origin.skippedRows.append(SkippedRow(line: line, reason: .blank, text: ""))
                } else {
                    origin.blankLineCount += 1
                }
                line += 1 + scanner.lineFeeds(from: record.start, to: record.end)
            }
        }
        return Table(name: tableName, columns: columns, rowCount: rowCount, source: fileName, origin: origin)
    }

    /// Lines, skipped rows and recorded cells of the kept chunks, in file order.
    private func collect(_ chunks: [CSVChunk], scanner: CSVScanner, body: Range<Int>, bodyLine: Int, into origin: inout TableOrigin) {
        var lines = LineMap(firstLine: bodyLine)
        var rowOffset = 0
        var line = bodyLine
        var previousEnd = body.lowerBound
        var issues: [CellIssue] = []
        for chunk in chunks {
            // The chunk starts where the previous one ended, or after blank lines that neither scanned:
            // a chunk counts the blank lines before its own records, and those before the cut had none.
            let gap = scanner.lineFeeds(from: previousEnd, to: chunk.start)
            line += gap
            origin.blankLineCount += gap
            lines.append(chunk.lines, rowOffset: rowOffset, lineOffset: line)
            for skipped in chunk.skipped {
                origin.skippedRows.append(
                    SkippedRow(
                        line: line + skipped.line, reason: skipped.reason,
                        text: skipped.reason == .blank
                            ? ""
                            : CSVJunkRows.preview(
                                CSVJunkRows.Record(start: skipped.start, end: skipped.end, fields: [scanner.text(skipped.start, skipped.end)]))))
            }
            for raw in chunk.issues {
                issues.append(
                    CellIssue(
                        row: rowOffset + raw.row, column: raw.column, kind: raw.kind, value: scanner.text(raw.start, raw.end), detail: raw.detail))
            }
            for (column, builder) in chunk.builders.enumerated() {
                guard let builder else { continue }
                for cell in builder.nullWordCells {
                    issues.append(
                        CellIssue(
                            row: rowOffset + cell.row, column: column, kind: .nullWord,
                            value: scanner.text(cell.start, cell.end).trimmingSpaces.description))
                }
                for cell in builder.invalidTextCells {
                    issues.append(
                        CellIssue(
                            row: rowOffset + cell.row, column: column, kind: .invalidText, value: scanner.text(cell.start, cell.end),
                            detail: "not \(origin.encoding?.description ?? "UTF-8") text"))
                }
            }
            origin.blankLineCount += chunk.blankLines
            line += chunk.linesConsumed
            previousEnd = chunk.end
            rowOffset += chunk.rowCount
        }
        // Blank lines after the last record and before the footer (or the end) belong to no chunk.
        origin.blankLineCount += scanner.lineFeeds(from: previousEnd, to: max(previousEnd, body.upperBound))
        issues.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        origin.lines = lines
        origin.cellIssues = issues
    }

    private func parseBody(
        _ scanner: CSVScanner, from bodyStart: Int, to bodyEnd: Int, names: [String], reporter: CSVErrorReporter, decoded: Decoded
    ) throws(DataError) -> [CSVChunk] {
        let columnCount = names.count
        let bounds = splitPoints(scanner, from: bodyStart, to: bodyEnd)
        let allColumns = Array(0..<columnCount)
        let builders = CSVChunk.BuilderOptions(
            nullWords: options.nullWords, recordsInvalidText: decoded.recordsInvalidText, cancellation: options.cancellation)
        let speculative = CSVParallel.map(count: bounds.count - 1, threads: options.usesThreads) { i in
            CSVChunk.parse(
                scanner, from: bounds[i], limit: bounds[i + 1], columnCount: columnCount, columns: allColumns, forceText: false, builders: builders)
        }
        // A cancelled chunk stopped short: none of it is kept (the poll stays true once it is).
        if options.cancellation.isCancelled() { throw DataError.cancelled(file: fileName) }
        let skipBlank = columnCount > 1
        func normalized(_ offset: Int) -> Int { skipBlank ? scanner.skipBlankLines(offset).position : offset }

        var kept: [CSVChunk] = []
        var proven = bodyStart
        for (i, chunk) in speculative.enumerated() {
            var accepted = chunk
            if normalized(chunk.start) != normalized(proven) {
                // The cut was inside a quoted field: parse this stretch again from the truth.
                accepted = CSVChunk.parse(
                    scanner, from: proven, limit: max(proven, bounds[i + 1]), columnCount: columnCount,
                    columns: allColumns, forceText: false, builders: builders)
            }
            if let fault = accepted.fault {
                throw firstError(scanner, fault, from: bodyStart, to: bodyEnd, names: names, reporter: reporter, decoded: decoded)
            }
            kept.append(accepted)
            proven = accepted.end
        }
        do {
            try CSVTableAssembler.rescanDemotedColumns(&kept, scanner: scanner, builders: builders, threads: options.usesThreads)
        } catch {
            throw firstError(scanner, error, from: bodyStart, to: bodyEnd, names: names, reporter: reporter, decoded: decoded)
        }
        if options.cancellation.isCancelled() { throw DataError.cancelled(file: fileName) }
        return kept
    }

    /// The error for the body's first fault, now that `known` shows there is one.
    private func firstError(
        _ scanner: CSVScanner, _ known: CSVFault, from bodyStart: Int, to bodyEnd: Int, names: [String], reporter: CSVErrorReporter,
        decoded: Decoded
    ) -> DataError {
        let first = CSVFirstFault.find(
            scanner, from: bodyStart, to: bodyEnd, columnCount: names.count, recordsInvalidText: decoded.recordsInvalidText)
        return reporter.error(for: first ?? known, columnNames: names)
    }

    /// Chunk boundaries: the body's start, a line start near each `k/n`-th of the body, the end.
    private func splitPoints(_ scanner: CSVScanner, from bodyStart: Int, to bodyEnd: Int) -> [Int] {
        let size = bodyEnd - bodyStart
        let parts = size < options.parallelThreshold ? 1 : max(1, options.chunkCount ?? ProcessInfo.processInfo.activeProcessorCount)
        var bounds = [bodyStart]
        for k in 1..<max(parts, 1) {
            let guess = bodyStart + size / parts * k
            guard guess > bounds[bounds.count - 1], guess < bodyEnd,
                let hit = memchr(scanner.p + guess, Int32(CSVByte.lineFeed), bodyEnd - guess)
            else { continue }
            let lineStart = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - scanner.p + 1
            if lineStart < bodyEnd && lineStart > bounds[bounds.count - 1] { bounds.append(lineStart) }
        }
        bounds.append(bodyEnd)
        return bounds
    }
}

/// The typed columns of one stretch of records, with what the stretch says about its lines.
struct CSVChunk {
    /// How the chunk's column builders read cells.
    struct BuilderOptions: Sendable {
        var nullWords: CSVNullWords?
        var recordsInvalidText: Bool
        /// Asked once per block of records; a chunk stops short when it says so.
        var cancellation = LoadCancellation.never
    }

    /// Where the stretch starts, and the offset after its last record.
    var start: Int
    var end: Int
    /// The nominal end it was asked to reach (records starting before it are parsed).
    var limit: Int
    var rowCount: Int
    /// One builder per column; `nil` for columns not asked for.
    var builders: [CSVColumnBuilder?]
    var fault: CSVFault?
    /// Each row's first line, counted from the line the chunk starts on.
    var lines = LineMap(firstLine: 0)
    /// The line feeds from `start` to `end`.
    var linesConsumed = 0
    /// Cells the lenient scanner read as null, rows of the chunk.
    var issues: [CSVRawIssue] = []
    /// Records skipped as junk, lines counted from the chunk's first line.
    var skipped: [(line: Int, reason: SkippedRow.Reason, start: Int, end: Int)] = []
    var blankLines = 0

    /// Parses records starting in `[start, limit)`, converting `columns` only.
    static func parse(
        _ scanner: CSVScanner, from start: Int, limit: Int, columnCount: Int, columns: [Int], forceText: Bool,
        builders options: BuilderOptions
    ) -> CSVChunk {
        var builders = [CSVColumnBuilder?](repeating: nil, count: columnCount)
        for j in columns {
            builders[j] = CSVColumnBuilder(
                forceText: forceText, nullWords: options.nullWords, recordsInvalidText: options.recordsInvalidText)
        }
        let block = CSVFieldBlock(columnCount: columnCount, bytes: max(0, limit - start))
        var chunk = CSVChunk(start: start, end: start, limit: limit, rowCount: 0, builders: builders, fault: nil)
        var pos = start
        var rows = 0
        var nextLine = 0
        do {
            while !options.cancellation.isCancelled() {
                pos = try scanner.scanRecords(from: pos, limit: limit, into: block)
                for issue in block.issues {
                    var issue = issue
                    issue.row += rows
                    chunk.issues.append(issue)
                }
                chunk.skipped.append(contentsOf: block.skipped)
                if block.rowCount == 0 { break }
                if rows == 0 && block.rowCount == block.rowCapacity && pos > start {
                    // Size every buffer once from the first block's bytes per record (+10%).
                    let expected = Int(Double(max(limit, pos) - start) / Double(pos - start) * Double(block.rowCount) * 1.1)
                    for j in columns { builders[j]?.expect(rows: expected) }
                }
                for r in 0..<block.rowCount {
                    let line = block.rowLines[r]
                    if line != nextLine { chunk.lines.set(row: rows + r, line: line) }
                    nextLine = line + 1
                }
                rows += block.rowCount
                for j in columns { try builders[j]?.append(block, column: j, scanner: scanner) }
            }
        } catch {
            chunk.fault = error
        }
        chunk.end = pos
        chunk.rowCount = rows
        chunk.linesConsumed = block.nextLine
        chunk.blankLines = block.blankLines
        return chunk
    }
}

/// Runs independent jobs on all cores and returns their results in order.
enum CSVParallel {
    /// Runs `body` for `0..<count`; one job after another unless `threads`.
    static func map<T>(count: Int, threads: Bool = true, _ body: (Int) -> T) -> [T] {
        if count == 1 || !threads { return (0..<count).map(body) }
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
