import Foundation
import KPICore
import KPIFormula

/// Output formats for results.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Box-drawn tables for terminals.
    case table
    /// RFC 4180 CSV.
    case csv
    /// One JSON document per result.
    case json
    /// A GitHub-flavoured Markdown table.
    case markdown
}

/// Renders query results in every output format.
///
/// JSON follows the CLI contract: a scalar is `{"value": …, "unit": …}` (a rate adds
/// `"numerator"` and `"denominator"`); a grouped result is
/// `{"columns": [...], "rows": [{<keys>…, "value": …, "numerator": …, "denominator": …}]}`.
public struct ResultRenderer: Sendable {
    /// Number formatting.
    public var formatter = ValueFormatter()
    /// Whether to use ANSI colours (never for files or pipes; `NO_COLOR` turns it off).
    public var color: Bool
    /// Terminal width for tables.
    public var width: Int
    /// Rates whose denominator is below this are flagged as small samples.
    public var smallSampleThreshold: Double = 30
    /// Tables longer than this show their head and tail only (`nil`: every row).
    public var maxRows: Int?

    /// Creates a renderer.
    public init(color: Bool = false, width: Int = 100) {
        self.color = color
        self.width = width
    }

    /// The result in `format`, ending without a newline.
    public func render(_ result: QueryResult, format: OutputFormat, title: String? = nil) -> String {
        switch format {
        case .json: return json(result)
        case .csv: return csv(result)
        case .markdown: return markdown(result)
        case .table: return table(result, title: title)
        }
    }

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
        if !result.isGrouped, let row = result.rows.first {
            var scalar = fields(row, keys: false)
            scalar.insert(("unit", JSON.string(result.unit.name)), at: 1)
            if row.measure.isRate { scalar.append(("small_sample", isSmall(row.measure) ? "true" : "false")) }
            if let id = result.kpiID { scalar.append(("kpi", JSON.string(id))) }
            return JSON.object(scalar)
        }
        let rates = result.rows.contains { $0.measure.isRate }
        let rows = result.rows.map { row in
            JSON.object(fields(row, keys: true) + (rates ? [("small_sample", isSmall(row.measure) ? "true" : "false")] : []))
        }
        var top = [("columns", "[" + columns.map { JSON.string($0.name) }.joined(separator: ", ") + "]")]
        top.append(("unit", JSON.string(result.unit.name)))
        if result.measureNames.count > 1 {
            top.append(("units", "{" + zip(result.measureNames, result.units).enumerated().map {
                JSON.string($0.offset == 0 ? "value" : $0.element.0) + ": " + JSON.string($0.element.1.name)
            }.joined(separator: ", ") + "}"))
        }
        if let id = result.kpiID { top.append(("kpi", JSON.string(id))) }
        top.append(("rows", JSON.lines(rows)))
        return JSON.document(top)
    }

    private func isSmall(_ measure: Measure) -> Bool {
        guard let d = measure.denominator else { return false }
        return d < smallSampleThreshold
    }

    // MARK: - CSV and Markdown

    private func csv(_ result: QueryResult) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let columns = columns(result)
        let rows = result.rows.map { row in
            columns.map { column -> String in
                if case .key(let k) = column.part { return row.keys[k].isNull ? "" : row.keys[k].description }
                return raw(row, column).map(JSON.plain) ?? ""
            }
        }
        return ([columns.map(\.name)] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    /// Human cells: formatted values in their units, counts for numerators and denominators.
    private func humanCells(
        _ result: QueryResult, _ allColumns: [OutputColumn], title: String?
    ) -> (head: [String], rows: [[String]], right: [Bool]) {
        let columns = allColumns.filter { $0.part != .ciHigh }
        let anySmall = result.rows.contains { row in row.measures.contains(where: isSmall) }
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
                case .key(let k): return formatter.cell(row.keys[k])
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
        return (head, rows, right)
    }

    private func markdown(_ result: QueryResult) -> String {
        let (head, cells, right) = humanCells(result, columns(result), title: nil)
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["| " + head.map(escape).joined(separator: " | ") + " |"]
        lines.append("|" + right.map { $0 ? " ---: |" : " --- |" }.joined())
        lines += cells.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }

    // MARK: - Tables

    private func table(_ result: QueryResult, title: String?) -> String {
        if !result.isGrouped, let row = result.rows.first {
            var lines: [String] = []
            if let title { lines.append(style(title, "1")) }
            for (i, measure) in row.measures.enumerated() {
                var line = formatter.format(measure.value, unit: result.units[i])
                if measure.isRate, let n = measure.numerator, let d = measure.denominator {
                    let parts = formatter.count(n) + " / " + formatter.count(d)
                    line += "  (\(parts))"
                    if let ci = measure.confidenceInterval {
                        line += "  95% CI " + formatter.grouped(ci.lowerBound * 100, decimals: 1) + "–"
                            + formatter.grouped(ci.upperBound * 100, decimals: 1) + "%"
                    }
                    if isSmall(measure) { line += "  * small sample (n < \(Int(smallSampleThreshold)))" }
                } else if let ci = measure.confidenceInterval {
                    line += "  95% CI " + formatter.format(ci.lowerBound, unit: result.units[i]) + " – "
                        + formatter.format(ci.upperBound, unit: result.units[i])
                }
                let label = row.measures.count > 1 ? result.measureNames[i] + ": " : ""
                lines.append(i == 0 ? label + style(line, "1;36") : label + line)
            }
            return lines.joined(separator: "\n")
        }
        var (head, rows, right) = humanCells(result, columns(result), title: title)
        let values = result.rows.compactMap(\.measure.value)
        let showBars = result.measureNames.count == 1 && values.count > 1 && (values.min() ?? 0) >= 0 && (values.max() ?? 0) > 0
        let total = rows.count
        var barValues = result.rows.map { $0.measure.value ?? 0 }
        if let maxRows, total > maxRows, maxRows >= 2 {
            let headCount = (maxRows + 1) / 2
            rows = Array(rows.prefix(headCount)) + [head.map { _ in "…" }] + Array(rows.suffix(maxRows - headCount))
            barValues = Array(barValues.prefix(headCount)) + [0] + Array(barValues.suffix(maxRows - headCount))
        }
        var widths = head.map(TextWidth.of)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextWidth.of(cell)) } }
        // The bars take what the terminal width leaves (up to 20 cells); below 6 they go.
        let barWidth = min(20, width - widths.reduce(1, { $0 + $1 + 3 }) - 3)
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
        out.append(style(footer, "2"))
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
        return String(values.map { value -> Character in
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

    private func style(_ text: String, _ code: String) -> String { color ? "\u{1b}[\(code)m\(text)\u{1b}[0m" : text }
}

/// JSON text helpers, shared with the rest of KPIKit.
typealias JSON = JSONText
