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

    private func hasRates(_ result: QueryResult) -> Bool { result.rows.contains { $0.measure.isRate } }

    private func headers(_ result: QueryResult) -> [String] {
        result.keyNames + ["value"] + (hasRates(result) ? ["numerator", "denominator"] : [])
    }

    // MARK: - JSON

    /// The JSON document of a result.
    public func json(_ result: QueryResult) -> String {
        if !result.isGrouped, let m = result.scalar {
            var fields = [("value", JSON.number(m.value)), ("unit", JSON.string(result.unit.name))]
            if m.isRate {
                fields.append(("numerator", JSON.number(m.numerator)))
                fields.append(("denominator", JSON.number(m.denominator)))
            }
            if let id = result.kpiID { fields.append(("kpi", JSON.string(id))) }
            return JSON.object(fields)
        }
        let rates = hasRates(result)
        let rows = result.rows.map { row -> String in
            var fields: [(String, String)] = zip(result.keyNames, row.keys).map { ($0, JSON.value($1)) }
            fields.append(("value", JSON.number(row.measure.value)))
            if rates {
                fields.append(("numerator", JSON.number(row.measure.numerator)))
                fields.append(("denominator", JSON.number(row.measure.denominator)))
            }
            return JSON.object(fields)
        }
        var top = [("columns", "[" + headers(result).map(JSON.string).joined(separator: ", ") + "]")]
        top.append(("unit", JSON.string(result.unit.name)))
        if let id = result.kpiID { top.append(("kpi", JSON.string(id))) }
        top.append(("rows", rows.isEmpty ? "[]" : "[\n    " + rows.joined(separator: ",\n    ") + "\n  ]"))
        return "{\n  " + top.map { JSON.string($0.0) + ": " + $0.1 }.joined(separator: ",\n  ") + "\n}"
    }

    // MARK: - CSV and Markdown

    private func rawCells(_ result: QueryResult) -> [[String]] {
        let rates = hasRates(result)
        return result.rows.map { row in
            row.keys.map { $0.isNull ? "" : $0.description } + [row.measure.value.map(JSON.plain) ?? ""]
                + (rates ? [row.measure.numerator.map(JSON.plain) ?? "", row.measure.denominator.map(JSON.plain) ?? ""] : [])
        }
    }

    private func csv(_ result: QueryResult) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([headers(result)] + rawCells(result)).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    private func markdown(_ result: QueryResult) -> String {
        let rates = hasRates(result)
        let head = headers(result)
        let numeric = result.keyNames.map { _ in false } + [true] + (rates ? [true, true] : [])
        let cells = result.rows.map { row in
            row.keys.map { formatter.cell($0) } + [formatter.format(row.measure.value, unit: result.unit)]
                + (rates ? [row.measure.numerator.map(formatter.count) ?? "", row.measure.denominator.map(formatter.count) ?? ""] : [])
        }
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["| " + head.map(escape).joined(separator: " | ") + " |"]
        lines.append("|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined())
        lines += cells.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }

    // MARK: - Tables

    private func table(_ result: QueryResult, title: String?) -> String {
        if !result.isGrouped, let m = result.scalar {
            var line = formatter.format(m.value, unit: result.unit)
            if m.isRate, let n = m.numerator, let d = m.denominator {
                let parts = formatter.count(n) + " / " + formatter.count(d)
                line += "  (\(parts))"
            }
            let heading: String = title.map { style($0, "1") + "\n" } ?? ""
            return heading + style(line, "1;36")
        }
        let rates = hasRates(result)
        var head = result.keyNames + [title ?? "value"]
        if rates { head += ["n", "of"] }
        let values = result.rows.compactMap(\.measure.value)
        let showBars = values.count > 1 && (values.min() ?? 0) >= 0 && (values.max() ?? 0) > 0
        if showBars { head.append("") }
        let maxValue = values.max() ?? 0
        let rightAligned = result.keyNames.map { _ in false } + [true] + (rates ? [true, true] : []) + (showBars ? [false] : [])
        var rows: [[String]] = result.rows.map { row in
            var cells = row.keys.map { formatter.cell($0) } + [formatter.format(row.measure.value, unit: result.unit)]
            if rates { cells += [row.measure.numerator.map(formatter.count) ?? "", row.measure.denominator.map(formatter.count) ?? ""] }
            if showBars { cells.append(bar(row.measure.value ?? 0, max: maxValue, width: 20)) }
            return cells
        }
        if rows.isEmpty { rows = [] }
        var widths = head.map(TextWidth.of)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextWidth.of(cell)) } }
        func line(_ left: String, _ mid: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right
        }
        func render(_ cells: [String], header: Bool) -> String {
            "│" + cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - TextWidth.of(cell))
                let text = rightAligned[i] && !header ? pad + cell : cell + pad
                return " " + (header ? style(text, "1") : text) + " "
            }.joined(separator: "│") + "│"
        }
        var out = [line("┌", "┬", "┐"), render(head, header: true), line("├", "┼", "┤")]
        out += rows.map { render($0, header: false) }
        out.append(line("└", "┴", "┘"))
        out.append(style("\(formatter.count(Double(result.rows.count))) row\(result.rows.count == 1 ? "" : "s")", "2"))
        return out.joined(separator: "\n")
    }

    private func bar(_ value: Double, max: Double, width: Int) -> String {
        guard max > 0 else { return "" }
        let eighths = Int((value / max * Double(width * 8)).rounded())
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + blocks[eighths % 8]
    }

    private func style(_ text: String, _ code: String) -> String { color ? "\u{1b}[\(code)m\(text)\u{1b}[0m" : text }
}

/// Display width of text in a terminal: East Asian wide characters and emoji take two columns.
public enum TextWidth {
    /// The number of columns `text` occupies.
    public static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x300...0x36F).contains(v) || v == 0x200D || (0xFE00...0xFE0F).contains(v) { continue }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
            width += wide ? 2 : 1
        }
        return width
    }
}

/// Minimal JSON writing: numbers without needless decimals, escaped strings.
enum JSON {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func number(_ v: Double?) -> String { v.map(plain) ?? "null" }

    static func plain(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v.rounded() == v && Swift.abs(v) < 9e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func value(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .int(let i): return String(i)
        case .double(let d): return plain(d)
        case .bool(let b): return b ? "true" : "false"
        default: return string(v.description)
        }
    }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }
}
