import KPICore

/// Draws a box table: header, rule, rows; text left-aligned, numbers right-aligned.
enum BoxTable {
    /// The table as lines joined by newlines. `widths` defaults to each column's widest cell.
    static func draw(
        head: [String], rows: [[String]], rightAligned: [Bool], widths: [Int]? = nil, bold: (String) -> String = { $0 }
    ) -> String {
        var widths = widths ?? head.map(TextWidth.of)
        if widths.count == head.count, rows.contains(where: { $0.count == head.count }) {
            for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TextWidth.of(cell)) } }
        }
        func line(_ left: String, _ mid: String, _ end: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + end
        }
        func render(_ cells: [String], header: Bool) -> String {
            "│" + cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - TextWidth.of(cell)))
                let text = rightAligned[i] && !header ? pad + cell : cell + pad
                return " " + (header ? bold(text) : text) + " "
            }.joined(separator: "│") + "│"
        }
        var out = [line("┌", "┬", "┐"), render(head, header: true), line("├", "┼", "┤")]
        out += rows.map { render($0, header: false) }
        out.append(line("└", "┴", "┘"))
        return out.joined(separator: "\n")
    }
}
