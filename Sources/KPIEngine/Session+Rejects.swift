import Foundation
import KPICore

/// One cell that reached the data as null although something was written there (or although its
/// field is required), and where it is in its file.
public struct RejectedCell: Sendable, Hashable {
    /// The file, as the user named it.
    public var file: String
    /// The 1-based physical line of its row (the header is line 1), where the format has lines.
    public var line: Int?
    /// The 1-based position of its field in the row.
    public var column: Int
    /// The column's name in the file (empty for fields beyond the header).
    public var field: String
    /// The table it belongs to in the session (`leads`, or the file's stem when unbound).
    public var table: String
    /// Why it was read as null.
    public var reason: CellIssue.Kind
    /// What the cell held.
    public var value: String
    /// More about why, if anything.
    public var detail: String?
}

/// How many cells of a load were read as null, by why, for the banner.
public struct RejectSummary: Sendable, Hashable {
    /// Cells that held something unreadable, and the columns they are in.
    public var damagedCells = 0
    public var damagedColumns = 0
    /// Null words (`N/A`, `-`) in typed columns.
    public var nullWords = 0
    /// Required fields' empty cells, by `table.field`.
    public var missing: [String: Int] = [:]

    /// Whether nothing was read as null.
    public var isEmpty: Bool { damagedCells == 0 && nullWords == 0 && missing.isEmpty }

    /// `12 bad cells set to null in 3 columns (.rejects lists them); 40 null words (N/A, -) read
    /// as null; 133 required cells empty (leads.source ×120, leads.rep ×13)`, with `listing` naming
    /// where the list is.
    public func description(listing: String) -> String? {
        guard !isEmpty else { return nil }
        var parts: [String] = []
        if damagedCells > 0 {
            parts.append(
                "\(damagedCells) bad \(damagedCells == 1 ? "cell" : "cells") set to null in \(damagedColumns) "
                    + "\(damagedColumns == 1 ? "column" : "columns") (\(listing) lists them)")
        }
        if nullWords > 0 { parts.append("\(nullWords) null \(nullWords == 1 ? "word" : "words") (N/A, -, …) read as null") }
        let missingTotal = missing.values.reduce(0, +)
        if missingTotal > 0 {
            let fields = missing.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(4).map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            parts.append("\(missingTotal) required \(missingTotal == 1 ? "cell" : "cells") empty (\(fields)\(missing.count > 4 ? ", …" : ""))")
        }
        if damagedCells == 0 { parts[0] += " (\(listing) lists them)" }
        return parts.joined(separator: "; ")
    }
}

extension Session {
    /// Every cell of the loaded data read as null although something was written there, or
    /// although its field is required: in load order of the tables, then row, then column.
    public var rejectedCells: [RejectedCell] {
        var out: [RejectedCell] = []
        for table in dataset.tables {
            guard let origin = table.origin else { continue }
            for issue in origin.cellIssues {
                out.append(
                    RejectedCell(
                        file: origin.file, line: origin.line(ofRow: issue.row), column: issue.column + 1,
                        field: issue.column < origin.columnNames.count ? origin.columnNames[issue.column] : "",
                        table: table.name, reason: issue.kind, value: issue.value, detail: issue.detail))
            }
        }
        return out
    }

    /// The counts behind the banner's line about cells read as null.
    public var rejectSummary: RejectSummary {
        var summary = RejectSummary()
        var damaged = Set<String>()
        for table in dataset.tables {
            guard let origin = table.origin else { continue }
            for issue in origin.cellIssues {
                switch issue.kind {
                case .nullWord: summary.nullWords += 1
                case .missing:
                    let loaded = issue.column < origin.columnNames.count ? origin.columnNames[issue.column] : "?"
                    summary.missing["\(table.name).\(issue.field ?? loaded)", default: 0] += 1
                default:
                    summary.damagedCells += 1
                    damaged.insert("\(origin.file)\u{0}\(issue.column)")
                }
            }
        }
        summary.damagedColumns = damaged.count
        return summary
    }

    /// The rejected cells as CSV, with the header `file,line,column,field,reason,value`.
    public func rejectsCSV() -> String {
        var out = "file,line,column,field,reason,value\n"
        for cell in rejectedCells {
            let fields = [cell.file, cell.line.map(String.init) ?? "", String(cell.column), cell.field, cell.reason.rawValue, cell.value]
            out += fields.map(Self.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Writes ``rejectsCSV()`` to `url`, atomically; never over a loaded data file.
    public func writeRejects(to url: URL) throws(SessionError) {
        let target = url.standardizedFileURL.resolvingSymlinksInPath().path
        let sources = dataset.tables.compactMap { $0.origin?.file ?? $0.source }
            .map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
        if sources.contains(target) {
            throw SessionError(.data(DataError(id: .rejectsDataFile, message: "will not write the rejects over a data file", file: url.path)))
        }
        do {
            try AtomicFile.write(Data(rejectsCSV().utf8), to: url, errorID: .rejectsWriteFailed)
        } catch {
            throw SessionError(.data(error))
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
