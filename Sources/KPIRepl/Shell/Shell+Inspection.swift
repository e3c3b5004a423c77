import Foundation
import KPICore
import KPIEngine

extension Shell {
    /// `.inspect [PATH]`: the loaded data, or a file or folder read into a session of its own
    /// (the shell's data stays as it is).
    func inspect(path: String?) -> Response {
        guard let path else {
            guard !session.rawTables.isEmpty else { return Response(error: "no data loaded: .inspect PATH reads a file or folder") }
            return render(.text(Inspection.text(session), key: "inspect"))
        }
        let other = Session(registry: session.registry, options: session.options)
        do {
            try other.load(path)
        } catch {
            return Response(error: error.render(), errorCategory: error.category)
        }
        return render(.text(Inspection.text(other), key: "inspect"))
    }

    /// `.rejects [N|all]`: the first N cells read as null (20 by default), where they are and why.
    func rejects(limit text: String?) -> Response {
        let cells = session.rejectedCells
        guard !cells.isEmpty else { return Response(output: "no cells were read as null: every value was read as written") }
        let limit: Int
        switch text?.lowercased() {
        case nil: limit = 20
        case "all": limit = cells.count
        case let value?:
            guard let n = Int(value), n > 0 else { return Response(error: "usage: .rejects [N|all]") }
            limit = n
        }
        var rows: [[String]] = [["where", "field", "reason", "value"]]
        for cell in cells.prefix(limit) {
            let file = URL(fileURLWithPath: cell.file).lastPathComponent
            let place = cell.line.map { "\(file):\($0):\(cell.column)" } ?? "\(file) column \(cell.column)"
            var value = cell.value.count > 40 ? String(cell.value.prefix(39)) + "…" : cell.value
            value = value.isEmpty ? "(empty)" : "'\(value)'"
            rows.append([place, cell.field, cell.reason.rawValue + (cell.detail.map { ": \($0)" } ?? ""), value])
        }
        let widths = (0..<3).map { j in rows.map { TextWidth.of($0[j]) }.max() ?? 0 }
        var lines = rows.map { row in
            (0..<3).map { row[$0] + String(repeating: " ", count: widths[$0] - TextWidth.of(row[$0])) }.joined(separator: "  ") + "  " + row[3]
        }
        if cells.count > limit {
            lines.append("… \(cells.count - limit) more (.rejects all, or kpi … --rejects FILE writes them all as CSV)")
        }
        return Response(output: lines.joined(separator: "\n"))
    }
}
