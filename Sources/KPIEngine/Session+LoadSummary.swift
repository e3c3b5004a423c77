import Foundation
import KPICore

extension Session {
    /// What is worth knowing about how the files were read, one line each: an encoding other
    /// than UTF-8, lines ending in a lone CR, rows skipped as junk.
    public var readingNotes: [String] {
        var notes: [String] = []
        var seen = Set<String>()
        for table in dataset.tables {
            guard let origin = table.origin, seen.insert(origin.file).inserted else { continue }
            let name = URL(fileURLWithPath: origin.file).lastPathComponent
            if let encoding = origin.encoding, encoding != .utf8 {
                notes.append("\(name): read as \(encoding)\(origin.encodingDetected ? " (its bytes are not UTF-8)" : "")")
            }
            if origin.lineEnding == .cr { notes.append("\(name): lines end with a lone CR (old Mac); read line by line") }
            if let skipped = Self.skippedText(origin) { notes.append("\(name): \(skipped)") }
        }
        return notes
    }

    /// `skipped 8 rows: 1 blank, 7 footer (line 35 "Grand Totals (32 records)", …)`, or `nil`.
    static func skippedText(_ origin: TableOrigin) -> String? {
        let rows = origin.skippedRows
        guard !rows.isEmpty || origin.blankLineCount > 0 else { return nil }
        var counts: [(SkippedRow.Reason, Int)] = []
        for reason in [SkippedRow.Reason.preamble, .blank, .repeatedHeader, .footer] {
            let n = rows.filter { $0.reason == reason }.count
            if n > 0 { counts.append((reason, n)) }
        }
        var parts = counts.map { "\($0.1) \($0.0)" }
        if origin.blankLineCount > 0 { parts.append("\(origin.blankLineCount) empty \(origin.blankLineCount == 1 ? "line" : "lines")") }
        let total = rows.count + origin.blankLineCount
        var text = "skipped \(total) \(total == 1 ? "row" : "rows") that are not data: " + parts.joined(separator: ", ")
        if let example = rows.first(where: { $0.reason == .footer || $0.reason == .preamble }) {
            text += " (line \(example.line): \"\(example.text)\"\(rows.count > 1 ? ", …" : ""))"
        }
        return text
    }

    /// The lines a load adds to the banner: how files were read, the cells read as null, what
    /// the data cannot do without dates, and the as-of instant.
    ///
    /// - Parameter listing: where the rejected cells are listed (`.rejects`, `--rejects FILE`).
    public func loadSummary(listing: String) -> [String] {
        var lines = readingNotes
        if let rejects = rejectSummary.description(listing: listing) { lines.append(rejects) }
        if let basis = schema.reportingBasis, let table = dataset[basis.table], table.column(named: basis.field) == nil {
            lines.append(
                "no date column in \(basis.table): KPIs counted by it give totals and groups only; `by month` and `during` need \(basis)")
        }
        lines.append(asOfText)
        return lines
    }

    /// `as of 2021-06-29, the latest activity`, or where the as-of came from.
    public var asOfText: String {
        if let asOf = options.asOf {
            let endOfDay = (asOf + 1) % Time.millisecondsPerDay == 0
            let when = endOfDay ? ISO8601.formatDate(milliseconds: asOf) : ISO8601.format(milliseconds: asOf)
            return "as of \(when) (set)"
        }
        guard let latest = latestEvent else { return "no dates in the data: relative periods (last 90 days, this month) have nothing to count from" }
        return latest.description
    }
}
