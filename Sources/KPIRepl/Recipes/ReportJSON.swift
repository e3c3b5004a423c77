import KPICore
import KPIFormula

/// The caveats of a query result in a JSON report: its `period` and `notes` beside its output,
/// and in the output's rows `"partial": true` (a partly covered period) and `small_sample` for
/// averages (rates have theirs from the result's JSON already).
enum ReportJSON {
    /// `{"text": "last 6 months", "from": "2024-06-01", "to": "2024-11-30"}`: the first and last
    /// day (or instant) of the window, both included; `null` without a period.
    static func period(_ period: ResolvedPeriod?) -> String {
        guard let period else { return "null" }
        let wholeDays = period.start % Time.millisecondsPerDay == 0 && period.end % Time.millisecondsPerDay == 0
        func day(_ ms: Int64) -> String { wholeDays ? ISO8601.formatDate(milliseconds: ms) : ISO8601.format(milliseconds: ms) }
        return JSON.object([("text", JSON.string(period.text)), ("from", JSON.string(day(period.start))), ("to", JSON.string(day(period.end - 1)))])
    }

    /// `[{"kind": "outside-series", "message": "…"}, …]`.
    static func notes(_ notes: [ResultNote]) -> String {
        "[" + notes.map { JSON.object([("kind", JSON.string($0.kind.rawValue)), ("message", JSON.string($0.message))]) }.joined(separator: ", ") + "]"
    }

    /// The result's JSON (`ResultRenderer.json`) with the row flags it does not carry itself.
    static func output(_ json: String, result: QueryResult, smallSampleThreshold threshold: Double) -> String {
        let averagesFlagged = !result.rows.contains { $0.measure.isRate } && result.rows.contains { $0.measure.sampleSize != nil }
        let fields = result.rows.map { row -> [(String, String)] in
            var out: [(String, String)] = []
            if averagesFlagged { out.append(("small_sample", ReportTable.isSmall(row.measure, threshold: threshold) ? "true" : "false")) }
            if row.isPartial { out.append(("partial", "true")) }
            return out
        }
        guard fields.contains(where: { !$0.isEmpty }) else { return json }
        return insert(fields, into: json, grouped: result.isGrouped)
    }

    /// `json` with `fields[i]` added at the end of the i-th object of its top-level `rows` array
    /// (grouped) or of the document itself (a single figure). A field the object already has is
    /// left as it is. The scan follows JSON's grammar (strings, escapes, nesting), not its layout.
    static func insert(_ fields: [[(String, String)]], into json: String, grouped: Bool) -> String {
        let bytes = Array(json.utf8)
        var insertions: [(at: Int, text: String)] = []
        var depth = 0, i = 0
        var inRows = false, rowsDepth = -1, rowIndex = 0
        var lastKey: String?, keysOfObject: [Set<String>] = []
        func add(_ fieldSet: [(String, String)], at position: Int, existing: Set<String>) {
            let new = fieldSet.filter { !existing.contains($0.0) }.map { JSON.string($0.0) + ": " + $0.1 }
            guard !new.isEmpty else { return }
            insertions.append((position, (existing.isEmpty ? "" : ", ") + new.joined(separator: ", ")))
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                let string = String(decoding: bytes[(i + 1)..<min(j, bytes.count)], as: UTF8.self)
                // A string followed by ':' is a key of the object being read.
                var k = j + 1
                while k < bytes.count, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\n") { k += 1 }
                if k < bytes.count, bytes[k] == UInt8(ascii: ":") {
                    lastKey = string
                    if !keysOfObject.isEmpty { keysOfObject[keysOfObject.count - 1].insert(string) }
                }
                i = j + 1
                continue
            }
            switch b {
            case UInt8(ascii: "{"):
                depth += 1
                keysOfObject.append([])
            case UInt8(ascii: "["):
                depth += 1
                if depth == 2, lastKey == "rows", grouped {
                    inRows = true
                    rowsDepth = depth
                }
                lastKey = nil
            case UInt8(ascii: "}"):
                let keys = keysOfObject.popLast() ?? []
                if grouped, inRows, depth == rowsDepth + 1, rowIndex < fields.count {
                    add(fields[rowIndex], at: i, existing: keys)
                    rowIndex += 1
                } else if !grouped, depth == 1, let first = fields.first {
                    add(first, at: i, existing: keys)
                }
                depth -= 1
            case UInt8(ascii: "]"):
                if inRows, depth == rowsDepth { inRows = false }
                depth -= 1
            default:
                break
            }
            i += 1
        }
        var out = bytes
        for insertion in insertions.reversed() { out.insert(contentsOf: Array(insertion.text.utf8), at: insertion.at) }
        return String(decoding: out, as: UTF8.self)
    }
}
