/// The physical line each row of a table starts on, stored as breakpoints.
///
/// Most files put row `r` on line `r + 2` (a header, then one line per record), so the map keeps
/// only where that rule shifts: after a blank or skipped line, or after a record whose quoted
/// field holds line breaks. A file with none of them costs one breakpoint.
public struct LineMap: Sendable, Hashable {
    /// Rows at which the rule changes, ascending; `lines[i]` is the line of `rows[i]`.
    private var rows: [Int]
    private var lines: [Int]

    /// A map whose row 0 starts on `firstLine`.
    public init(firstLine: Int) {
        rows = [0]
        lines = [firstLine]
    }

    /// Says that `row` starts on `line`, and the rows after it on the lines after it.
    ///
    /// - Precondition: `row` is not before the last breakpoint.
    public mutating func set(row: Int, line: Int) {
        precondition(row >= rows[rows.count - 1], "line map rows must ascend")
        if row == rows[rows.count - 1] {
            lines[lines.count - 1] = line
        } else if line != lines[lines.count - 1] + (row - rows[rows.count - 1]) {
            rows.append(row)
            lines.append(line)
        }
    }

    /// The 1-based physical line that row `row` starts on.
    public func line(ofRow row: Int) -> Int {
        // The last breakpoint at or before `row`.
        var low = 0
        var high = rows.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if rows[mid] <= row { low = mid } else { high = mid - 1 }
        }
        return lines[low] + (row - rows[low])
    }

    /// The rows at which the one-line-per-row rule changes, with their lines, ascending.
    public var breakpoints: [(row: Int, line: Int)] { Array(zip(rows, lines)) }

    /// Appends `other`, the map of a later stretch of the same file whose row 0 is this table's
    /// row `rowOffset` and whose lines count from `lineOffset`: joins the maps of a file's chunks.
    public mutating func append(_ other: LineMap, rowOffset: Int, lineOffset: Int) {
        for (row, line) in zip(other.rows, other.lines) { set(row: rowOffset + row, line: lineOffset + line) }
    }

    /// The number of breakpoints (for tests and memory accounting).
    public var breakpointCount: Int { rows.count }
}
