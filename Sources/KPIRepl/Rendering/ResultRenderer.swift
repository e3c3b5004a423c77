import Foundation
import KPICore
import KPIFormula

/// Renders query results in every output format, caveats included.
///
/// JSON follows the CLI contract: a scalar is `{"value": …, "unit": …}` (a rate adds
/// `"numerator"` and `"denominator"`); a grouped result is
/// `{"columns": [...], "rows": [{<keys>…, "value": …, "numerator": …, "denominator": …}]}`.
///
/// What a reader must know to read a result right travels with it in every format: the
/// result's ``QueryResult/notes`` and ``QueryResult/period`` are footnotes under a table or
/// Markdown table, `"notes"` and `"period"` in JSON, and standard-error lines for CSV (see
/// ``rendered(_:format:title:)``). Rows whose period is only partly covered are marked `◔` in
/// tables and flagged `"partial"` in JSON and CSV; figures resting on fewer values than
/// ``smallSampleThreshold`` are marked `*`.
public struct ResultRenderer: Sendable {
    /// Number formatting.
    public var formatter = ValueFormatter()
    /// Whether to use ANSI colours (never for files or pipes; `NO_COLOR` turns it off).
    public var color: Bool
    /// Terminal width for tables.
    public var width: Int
    /// Rates whose denominator, and averages whose sample, is below this are flagged as small samples.
    public var smallSampleThreshold: Double = 30
    /// Tables longer than this show their head and tail only (`nil`: every row).
    public var maxRows: Int?
    /// Whether tables wider than ``width`` leave out trailing columns, naming them in a footer
    /// (on a terminal; files and pipes get every column).
    public var fitsWidth = false

    /// The mark after a row (or figure) whose period is only partly covered.
    public static let partialMark = "◔"
    /// The footnote that explains ``partialMark``.
    static let partialLegend = "◔ partial period: only partly covered by the data, so it reads lower than a whole one"

    /// Creates a renderer.
    public init(color: Bool = false, width: Int = 100) {
        self.color = color
        self.width = width
    }

    /// The result in `format`, ending without a newline. CSV is the table alone: use
    /// ``rendered(_:format:title:)`` to get its notes for standard error too.
    public func render(_ result: QueryResult, format: OutputFormat, title: String? = nil) -> String {
        rendered(result, format: format, title: title).text
    }

    /// The result in `format` and, for CSV, the caveats that do not fit in a CSV, as lines for
    /// standard error.
    public func rendered(_ result: QueryResult, format: OutputFormat, title: String? = nil) -> Rendered {
        switch format {
        case .json: return Rendered(json(result))
        case .csv: return Rendered(csv(result), diagnostics: footnotes(result))
        case .markdown: return Rendered(markdown(result))
        case .table: return Rendered(table(result, title: title))
        case .html:
            return Rendered(HTMLReportRenderer.fragment(ReportTable(result, formatter: formatter, smallSampleThreshold: smallSampleThreshold)))
        }
    }

    // MARK: - Caveats

    /// The lines every format shows under a result: the period it covers, then each note.
    ///
    /// A `period` note that already gives the dates replaces the plain period line, so the
    /// dates are said once.
    func footnotes(_ result: QueryResult) -> [String] {
        var lines: [String] = []
        if let period = result.period,
            !result.notes.contains(where: { $0.kind == .period && $0.message.contains(period.dates) })
        {
            lines.append("period: " + period.description)
        }
        for note in result.notes { lines.append((note.kind == .period ? "period: " : "note: ") + note.message) }
        return lines
    }

    /// The key that carries the partial mark: the time key (`month`, `week`, …), else the last.
    private func partialKey(_ result: QueryResult) -> Int? {
        guard !result.keyNames.isEmpty else { return nil }
        let grains = ["day", "week", "month", "quarter", "year"]
        return result.keyNames.firstIndex { name in grains.contains(where: { name.hasPrefix($0) }) } ?? result.keyNames.count - 1
    }

    private var partialLegend: String { Self.partialLegend }

    // MARK: - Columns

    /// The output columns of a result: keys, then each measure (and, for rates, its numerator and
    /// denominator). The first measure's columns are `value`, `numerator`, `denominator`; later
    /// measures use their names (`median`, `n_numerator`, ...).
    private struct OutputColumn {
        var name: String
        var measure: Int?
        var part: Part

        enum Part: Equatable { case key(Int), value, numerator, denominator, ciLow, ciHigh }
    }

    private func columns(_ result: QueryResult) -> [OutputColumn] {
        var out = result.keyNames.enumerated().map { OutputColumn(name: $0.element, measure: nil, part: .key($0.offset)) }
        for (i, name) in result.measureNames.enumerated() {
            out.append(OutputColumn(name: i == 0 ? "value" : name, measure: i, part: .value))
            let prefix = i == 0 ? "" : name + "_"
            if result.rows.contains(where: { $0.measures[i].isRate }) {
                out.append(OutputColumn(name: prefix + "numerator", measure: i, part: .numerator))
                out.append(OutputColumn(name: prefix + "denominator", measure: i, part: .denominator))
            }
            if result.rows.contains(where: { $0.measures[i].confidenceInterval != nil }) {
                out.append(OutputColumn(name: prefix + "ci_low", measure: i, part: .ciLow))
                out.append(OutputColumn(name: prefix + "ci_high", measure: i, part: .ciHigh))
            }
        }
        return out
    }

    private func raw(_ row: QueryResult.Row, _ column: OutputColumn) -> Double? {
        guard let i = column.measure else { return nil }
        switch column.part {
        case .value: return row.measures[i].value
        case .numerator: return row.measures[i].numerator
        case .denominator: return row.measures[i].denominator
        case .ciLow: return row.measures[i].confidenceInterval?.lowerBound
        case .ciHigh: return row.measures[i].confidenceInterval?.upperBound
        case .key: return nil
        }
    }

    // MARK: - JSON

    /// The JSON document of a result.
    public func json(_ result: QueryResult) -> String {
        let columns = columns(result)
        func fields(_ row: QueryResult.Row, keys: Bool) -> [(String, String)] {
            columns.compactMap { column in
                if case .key(let k) = column.part { return keys ? (column.name, JSON.value(row.keys[k])) : nil }
                let measure = row.measures[column.measure!]
                // A single figure lists only the parts it has; grouped rows keep every column.
                if !keys {
                    let isRatePart = column.part == .numerator || column.part == .denominator
                    let isIntervalPart = column.part == .ciLow || column.part == .ciHigh
                    if isRatePart && !measure.isRate { return nil }
                    if isIntervalPart && measure.confidenceInterval == nil { return nil }
                }
                return (column.name, JSON.number(raw(row, column)))
            }
        }
        var caveats: [(String, String)] = []
        if let period = result.period { caveats.append(("period", Self.json(period))) }
        if !result.notes.isEmpty { caveats.append(("notes", JSON.array(result.notes.map(Self.json)))) }
        if !result.isGrouped, let row = result.rows.first {
            var scalar = fields(row, keys: false)
            scalar.insert(("unit", JSON.string(result.unit.name)), at: 1)
            if hasSample(row.measure) { scalar.append(("small_sample", isSmall(row.measure) ? "true" : "false")) }
            if row.isPartial { scalar.append(("partial", "true")) }
            if let id = result.kpiID { scalar.append(("kpi", JSON.string(id))) }
            return JSON.object(scalar + caveats)
        }
        let samples = result.rows.contains { hasSample($0.measure) }
        let partials = result.rows.contains(where: \.isPartial)
        let rows = result.rows.map { row in
            JSON.object(
                fields(row, keys: true) + (samples ? [("small_sample", isSmall(row.measure) ? "true" : "false")] : [])
                    + (partials ? [("partial", row.isPartial ? "true" : "false")] : []))
        }
        var top = [("columns", JSON.array(columns.map { JSON.string($0.name) }))]
        top.append(("unit", JSON.string(result.unit.name)))
        if result.measureNames.count > 1 {
            top.append(
                (
                    "units",
                    "{"
                        + zip(result.measureNames, result.units).enumerated().map {
                            JSON.string($0.offset == 0 ? "value" : $0.element.0) + ": " + JSON.string($0.element.1.name)
                        }.joined(separator: ", ") + "}"
                ))
        }
        if let id = result.kpiID { top.append(("kpi", JSON.string(id))) }
        top += caveats
        top.append(("rows", JSON.lines(rows)))
        return JSON.document(top)
    }

    /// `{"kind": "…", "message": "…"}`.
    static func json(_ note: ResultNote) -> String {
        JSON.object([("kind", JSON.string(note.kind.rawValue)), ("message", JSON.string(note.message))])
    }

    /// `{"from": …, "to": …, "text": …}`: instants, `to` the first one after the period (as in
    /// a comparison's `current_period`).
    static func json(_ period: ResolvedPeriod) -> String {
        JSON.object([
            ("from", JSON.string(ISO8601.format(milliseconds: period.start))), ("to", JSON.string(ISO8601.format(milliseconds: period.end))),
            ("text", JSON.string(period.description)),
        ])
    }

    /// How many values a figure rests on: a rate's denominator, an average's sample.
    private func sample(_ measure: Measure) -> Double? { measure.denominator ?? measure.sampleSize }

    private func hasSample(_ measure: Measure) -> Bool { measure.isRate || measure.sampleSize != nil }

    private func isSmall(_ measure: Measure) -> Bool {
        guard let n = sample(measure) else { return false }
        return n < smallSampleThreshold
    }

    // MARK: - CSV and Markdown

    private func csv(_ result: QueryResult) -> String {
        let columns = columns(result)
        let partials = result.rows.contains(where: \.isPartial)
        let rows = result.rows.map { row in
            columns.map { column -> String in
                if case .key(let k) = column.part { return row.keys[k].isNull ? "" : row.keys[k].description }
                return raw(row, column).map(JSON.plain) ?? ""
            } + (partials ? [row.isPartial ? "true" : "false"] : [])
        }
        return CSVText.table(head: columns.map(\.name) + (partials ? ["partial"] : []), rows: rows)
    }

    /// Human cells: formatted values in their units, counts for numerators and denominators.
    /// `parts` says what each column shows, so a table that must fit knows what may go.
    private func humanCells(
        _ result: QueryResult, _ allColumns: [OutputColumn], title: String?
    ) -> (cells: TableCells, parts: [OutputColumn]) {
        let columns = allColumns.filter { $0.part != .ciHigh }
        let anySmall = result.rows.contains { row in row.measures.contains(where: isSmall) }
        let marked = partialKey(result)
        let head = columns.map { column -> String in
            switch column.part {
            case .key: return column.name
            case .value: return column.measure == 0 ? (title ?? result.measureNames[0]) : column.name
            case .numerator: return column.measure == 0 ? "n" : column.name
            case .denominator: return column.measure == 0 ? "of" : column.name
            case .ciLow: return column.measure == 0 ? "95% CI" : column.name.replacingOccurrences(of: "_ci_low", with: " 95% CI")
            case .ciHigh: return ""
            }
        }
        let rows = result.rows.map { row in
            columns.map { column -> String in
                switch column.part {
                case .key(let k):
                    let text = formatter.cell(row.keys[k])
                    return row.isPartial && k == marked ? text + " " + Self.partialMark : text
                case .value:
                    let text = formatter.format(raw(row, column), unit: result.units[column.measure!])
                    return isSmall(row.measures[column.measure!]) ? text + "*" : text + (anySmall ? " " : "")
                case .numerator, .denominator: return raw(row, column).map(formatter.count) ?? ""
                case .ciLow:
                    let measure = row.measures[column.measure!]
                    guard let ci = measure.confidenceInterval else { return "" }
                    if measure.isRate {
                        return formatter.grouped(ci.lowerBound * 100, decimals: 1) + "–" + formatter.grouped(ci.upperBound * 100, decimals: 1) + "%"
                    }
                    let unit = result.units[column.measure!]
                    return formatter.format(ci.lowerBound, unit: unit) + " – " + formatter.format(ci.upperBound, unit: unit)
                case .ciHigh: return ""
                }
            }
        }
        let right = columns.map { column -> Bool in
            if case .key = column.part { return false }
            return true
        }
        return (TableCells(head: head, rows: rows, right: right), columns)
    }

    private func markdown(_ result: QueryResult) -> String {
        let cells = humanCells(result, columns(result), title: nil).cells
        var footnotes = footnotes(result)
        if result.rows.contains(where: \.isPartial) { footnotes.insert(partialLegend, at: 0) }
        return MarkdownText.withFootnotes(MarkdownText.table(head: cells.head, rows: cells.rows, right: cells.right), footnotes)
    }

    // MARK: - Tables

    private func table(_ result: QueryResult, title: String?) -> String {
        if !result.isGrouped, let row = result.rows.first {
            var lines: [String] = []
            if let title { lines.append(style(title, "1")) }
            for (i, measure) in row.measures.enumerated() {
                var line = formatter.format(measure.value, unit: result.units[i])
                if i == 0 && row.isPartial { line += " " + Self.partialMark }
                if measure.isRate, let n = measure.numerator, let d = measure.denominator {
                    let parts = formatter.count(n) + " / " + formatter.count(d)
                    line += "  (\(parts))"
                    if let ci = measure.confidenceInterval {
                        line +=
                            "  95% CI " + formatter.grouped(ci.lowerBound * 100, decimals: 1) + "–"
                            + formatter.grouped(ci.upperBound * 100, decimals: 1) + "%"
                    }
                } else if let ci = measure.confidenceInterval {
                    line +=
                        "  95% CI " + formatter.format(ci.lowerBound, unit: result.units[i]) + " – "
                        + formatter.format(ci.upperBound, unit: result.units[i])
                }
                if isSmall(measure) { line += "  * small sample (n < \(Int(smallSampleThreshold)))" }
                let label = row.measures.count > 1 ? result.measureNames[i] + ": " : ""
                lines.append(i == 0 ? label + style(line, "1;36") : label + line)
            }
            if row.isPartial { lines.append(partialLegend) }
            return (lines + footnotes(result)).joined(separator: "\n")
        }
        var (cells, parts) = humanCells(result, columns(result), title: title)
        if fitsWidth {
            // Keys and the headline figure stay; the rest goes from the right.
            let droppable = parts.indices.reversed().filter { i in
                if case .key = parts[i].part { return false }
                return !(parts[i].part == .value && parts[i].measure == 0)
            }
            let kept = cells.fit(width: width, dropOrder: droppable)
            parts = kept.map { parts[$0] }
        }
        var head = cells.head, rows = cells.rows, right = cells.right
        let values = result.rows.compactMap(\.measure.value)
        let showBars = result.measureNames.count == 1 && values.count > 1 && (values.min() ?? 0) >= 0 && (values.max() ?? 0) > 0
        let total = rows.count
        var barValues = result.rows.map { $0.measure.value ?? 0 }
        if let maxRows, total > maxRows, maxRows >= 2 {
            let headCount = (maxRows + 1) / 2
            rows = Array(rows.prefix(headCount)) + [head.map { _ in "…" }] + Array(rows.suffix(maxRows - headCount))
            barValues = Array(barValues.prefix(headCount)) + [0] + Array(barValues.suffix(maxRows - headCount))
        }
        var widths = head.map(ANSI.width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], ANSI.width(cell)) } }
        // The bars take what the terminal width leaves (up to 20 cells); below 6 they go.
        let barWidth = min(20, width - BoxTable.totalWidth(widths) - 3)
        if showBars && barWidth >= 6 {
            let maxValue = values.max() ?? 0
            head.append("")
            right.append(false)
            widths.append(barWidth)
            for i in rows.indices {
                let isGap = rows[i].first == "…"
                rows[i].append(isGap ? "" : bar(barValues[i], max: maxValue, width: barWidth))
            }
        }
        var out = [BoxTable.draw(head: head, rows: rows, rightAligned: right, widths: widths, bold: { style($0, "1") })]
        var footer = "\(formatter.count(Double(result.rows.count))) row\(result.rows.count == 1 ? "" : "s")"
        if let maxRows, total > maxRows, maxRows >= 2 { footer += " (\(maxRows) shown) — .last shows all" }
        if let line = sparkline(result) { footer = "trend " + line + "\n" + footer }
        if result.rows.contains(where: { $0.measures.contains(where: isSmall) }) {
            footer += "  ·  * small sample (fewer than \(Int(smallSampleThreshold)))"
        }
        if result.rows.contains(where: \.isPartial) { footer += "  ·  " + Self.partialMark + " partial period" }
        if let hidden = cells.hiddenFooter { footer += "\n" + hidden }
        out.append(style(footer, "2"))
        out += footnotes(result)
        return out.joined(separator: "\n")
    }

    /// A one-line chart of a single series (one time key, one measure), oldest first.
    func sparkline(_ result: QueryResult) -> String? {
        guard result.keyNames.count == 1, result.measureNames.count == 1, result.rows.count >= 3,
            result.rows.allSatisfy({ $0.keys[0] != .null }),
            ["day", "week", "month", "quarter", "year"].contains(where: { result.keyNames[0].hasPrefix($0) })
        else { return nil }
        let values = result.rows.map(\.measure.value)
        let known = values.compactMap { $0 }
        guard let lo = known.min(), let hi = known.max() else { return nil }
        let blocks = Array("▁▂▃▄▅▆▇█")
        return String(
            values.map { value -> Character in
                guard let value else { return " " }
                let level = hi == lo ? 3 : Int(((value - lo) / (hi - lo) * 7).rounded())
                return blocks[level]
            })
    }

    private func bar(_ value: Double, max: Double, width: Int) -> String {
        guard max > 0 else { return "" }
        let eighths = Int((value / max * Double(width * 8)).rounded())
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + blocks[eighths % 8]
    }

    private func style(_ text: String, _ code: String) -> String { ANSI.style(text, code, when: color) }
}

/// JSON text helpers, shared with the rest of KPIKit.
typealias JSON = JSONText
