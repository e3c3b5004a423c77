import KPICore

/// Draws a box table: header, rule, rows; text left-aligned, numbers right-aligned.
enum BoxTable {
    /// The table as lines joined by newlines. `widths` defaults to each column's widest cell.
    ///
    /// Widths are measured on the visible text. Colour is applied after padding (`bold` to the
    /// header, `style(row, column, text)` to body cells) so it never counts towards a width.
    static func draw(
        head: [String], rows: [[String]], rightAligned: [Bool], widths: [Int]? = nil, bold: (String) -> String = { $0 },
        style: ((Int, Int, String) -> String)? = nil
    ) -> String {
        var widths = widths ?? head.map(ANSI.width)
        if widths.count == head.count, rows.contains(where: { $0.count == head.count }) {
            for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], ANSI.width(cell)) } }
        }
        func line(_ left: String, _ mid: String, _ end: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + end
        }
        func render(_ cells: [String], row: Int?) -> String {
            "│"
                + cells.enumerated().map { i, cell in
                    let pad = String(repeating: " ", count: max(0, widths[i] - ANSI.width(cell)))
                    let text = rightAligned[i] && row != nil ? pad + cell : cell + pad
                    guard let row else { return " " + bold(text) + " " }
                    return " " + (style.map { $0(row, i, text) } ?? text) + " "
                }.joined(separator: "│") + "│"
        }
        var out = [line("┌", "┬", "┐"), render(head, row: nil), line("├", "┼", "┤")]
        out += rows.enumerated().map { render($0.element, row: $0.offset) }
        out.append(line("└", "┴", "┘"))
        return out.joined(separator: "\n")
    }

    /// The width of a drawn table with these column widths: a bar and two spaces per column,
    /// and the closing bar.
    static func totalWidth(_ widths: [Int]) -> Int { widths.reduce(1) { $0 + $1 + 3 } }
}

/// A table's cells before drawing, and the columns left out to fit a width.
///
/// Wide tables fit the terminal the way DuckDB's CLI fits them: columns are left out in a given
/// order (trailing, less important ones first) until the rest fit, and a footer names them.
struct TableCells {
    var head: [String]
    var rows: [[String]]
    var right: [Bool]
    /// Headers of the columns left out, in table order.
    private(set) var hidden: [String] = []

    /// The widest visible cell of each column.
    var widths: [Int] {
        var widths = head.map(ANSI.width)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], ANSI.width(cell)) } }
        return widths
    }

    /// Leaves out columns, first `dropOrder[0]`, then `dropOrder[1]`, …, until the table is at
    /// most `width` columns wide (or nothing more may go). Columns not in `dropOrder` stay.
    /// - Returns: the indices kept, in table order.
    @discardableResult
    mutating func fit(width: Int, dropOrder: [Int]) -> [Int] {
        var kept = Array(head.indices)
        let all = widths
        var order = dropOrder.makeIterator()
        while BoxTable.totalWidth(kept.map { all[$0] }) > width, let next = order.next() {
            kept.removeAll { $0 == next }
        }
        guard kept.count < head.count else { return kept }
        hidden = head.indices.filter { !kept.contains($0) }.map { head[$0].isEmpty ? "(unnamed)" : head[$0] }
        head = kept.map { head[$0] }
        right = kept.map { right[$0] }
        rows = rows.map { row in kept.map { $0 < row.count ? row[$0] : "" } }
        return kept
    }

    /// `3 columns not shown: n, of, 95% CI; .last shows all`, when columns were left out.
    var hiddenFooter: String? {
        guard !hidden.isEmpty else { return nil }
        let count = hidden.count
        return "\(count) column\(count == 1 ? "" : "s") not shown: \(hidden.joined(separator: ", ")); .last shows all"
    }

    /// Draws the box.
    func draw(bold: (String) -> String = { $0 }, style: ((Int, Int, String) -> String)? = nil) -> String {
        BoxTable.draw(head: head, rows: rows, rightAligned: right, bold: bold, style: style)
    }
}
