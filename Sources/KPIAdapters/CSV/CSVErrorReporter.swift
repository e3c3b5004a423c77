import Foundation
import KPICore

/// Turns a byte-offset ``CSVFault`` into a ``DataError`` at `file:line:column`.
///
/// Lines are physical (every `\n` counts, including those inside quoted fields) and columns are
/// characters, both 1-based; they are computed only when an error is reported.
struct CSVErrorReporter {
    let input: CSVInput
    let fileName: String
    /// Where line 1's characters start (after a byte-order mark).
    let bodyStart: Int

    func location(of offset: Int) -> (line: Int, column: Int) {
        let p = UnsafePointer(input.base)
        let target = min(offset, input.count)
        var line = 1
        var lineStart = bodyStart
        var i = 0
        while i < target, let hit = memchr(p + i, Int32(CSVByte.lineFeed), target - i) {
            let newline = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
            line += 1
            lineStart = newline + 1
            i = newline + 1
        }
        var column = 1
        var k = max(lineStart, bodyStart)
        while k < target {
            if p[k] & 0xC0 != 0x80 { column += 1 }  // count UTF-8 lead bytes, not continuations
            k += 1
        }
        return (line, column)
    }

    func error(for fault: CSVFault, columnNames: [String]) -> DataError {
        let (line, column) = location(of: fault.offset)
        func fieldName() -> String {
            guard let field = fault.field else { return "field" }
            if field < columnNames.count { return "field \(field + 1) (\(columnNames[field]))" }
            return "field \(field + 1)"
        }
        let id: DiagnosticID
        let message: String
        switch fault.kind {
        case .unterminatedQuote:
            id = .csvUnterminatedQuote
            message = "unterminated quoted \(fieldName()): the quote opened here is never closed"
        case .strayQuote:
            id = .csvStrayQuote
            message = "stray quote in unquoted \(fieldName()); quote the whole field and double quotes inside it"
        case .textAfterQuote:
            id = .csvStrayQuote
            message = "text after the closing quote of \(fieldName()); double quotes inside a quoted field"
        case .raggedRow(let expected, let actual, let recordStart):
            id = .csvRaggedRow
            let startLine = location(of: recordStart).line
            let span = startLine == line ? "" : " (record starts on line \(startLine))"
            message = "row has \(actual) field\(actual == 1 ? "" : "s"), expected \(expected) like the header\(span)"
        case .invalidUTF8:
            id = .csvInvalidUTF8
            message = "\(fieldName()) is not valid UTF-8"
        }
        return DataError(id: id, message: message, file: fileName, line: line, column: column)
    }
}
