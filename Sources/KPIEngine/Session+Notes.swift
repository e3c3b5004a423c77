import Foundation
import KPICore
import KPIFormula

extension Session {
    /// What loading left in the columns a plan reads, as notes beside its result: a day/month
    /// order that was assumed because no value decided it, and cells read as null because they
    /// could not be read. A figure forwarded without them could be wrong without a word.
    func loadingNotes(for plan: QueryPlan) -> [ResultNote] {
        let read = plan.columnsRead
        guard !read.isEmpty else { return [] }
        var notes: [ResultNote] = []
        for report in bindingReport.tables {
            for field in report.fields where read.contains(TableColumn(table: report.table, column: field.field)) {
                if let assumption = field.assumption {
                    notes.append(ResultNote(.loading, "\(report.table).\(field.field): \(assumption)"))
                }
            }
        }
        // Damaged cells per column read, in load order.
        var counts: [TableColumn: Int] = [:]
        var order: [TableColumn] = []
        for table in dataset.tables {
            guard let origin = table.origin, !origin.cellIssues.isEmpty else { continue }
            let fieldOfColumn = Dictionary(
                (bindingReport.tables.first { $0.table == table.name }?.fields ?? []).map { ($0.column, $0.field) },
                uniquingKeysWith: { first, _ in first })
            for issue in origin.cellIssues where issue.kind.isDamage {
                let loaded = issue.column < origin.columnNames.count ? origin.columnNames[issue.column] : ""
                let name = issue.field ?? fieldOfColumn[loaded] ?? loaded
                let key = TableColumn(table: table.name, column: name)
                guard read.contains(key) else { continue }
                if counts[key] == nil { order.append(key) }
                counts[key, default: 0] += 1
            }
        }
        for key in order {
            let n = counts[key] ?? 0
            notes.append(
                ResultNote(
                    .loading,
                    "\(n) \(n == 1 ? "cell" : "cells") of \(key) could not be read and count as empty (.rejects lists them)"))
        }
        return notes
    }
}
