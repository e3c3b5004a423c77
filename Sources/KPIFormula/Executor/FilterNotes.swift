import KPICore

/// Filter values that match no row: `where source = "Refferal"` gives `– (0 / 0)`, and without a
/// word it reads like a real zero. The column's distinct values are at hand (the dictionary), so
/// the note offers the likeliest intended one.
enum FilterNotes {
    /// A note per text value a plan's filters compare a column with, that no row of it holds.
    static func unmatchedValues(_ plan: QueryPlan, dataset: Dataset) -> [ResultNote] {
        var seen = Set<String>()
        var notes: [ResultNote] = []
        for node in plan.aggregates {
            guard let filter = node.filter else { continue }
            for (table, column, values) in comparisons(in: filter, table: node.table) {
                guard let dictionary = dataset[table]?.column(named: column)?.dictionary, !dictionary.isEmpty else { continue }
                let known = Set(dictionary)
                // Each value of an `in` list that matches nothing too: a typo there drops rows
                // as silently as in `=`.
                for value in values where !known.contains(value) && seen.insert("\(table)\u{0}\(column)\u{0}\(value)").inserted {
                    let suggestion = NameSuggester.suggest(value, among: dictionary).map { " (did you mean \"\($0)\"?)" } ?? ""
                    notes.append(ResultNote(.noMatch, "no row of \(table) has \(column) \"\(value)\"\(suggestion)"))
                }
            }
        }
        return notes
    }

    /// `(table, column, values)` for each `column = "text"` and `column in ("a", "b")` in a
    /// condition, following lookups to the table the column is in. Negated tests are left out:
    /// `!= "x"` matching nothing excludes nothing.
    private static func comparisons(in expr: RowExpr, table: String) -> [(String, String, [String])] {
        func column(_ e: RowExpr, _ table: String) -> (String, String)? {
            switch e {
            case .column(let name, .text): return (table, name)
            case .lookup(_, let remote, _, let value): return column(value, remote)
            default: return nil
            }
        }
        switch expr {
        case .and(let a, let b), .or(let a, let b):
            return comparisons(in: a, table: table) + comparisons(in: b, table: table)
        case .compare(.equal, let a, .literal(.text(let v))), .compare(.equal, .literal(.text(let v)), let a):
            return column(a, table).map { [($0.0, $0.1, [v])] } ?? []
        case .inList(let a, let values, negated: false):
            let texts = values.compactMap { if case .text(let s) = $0 { return s } else { return nil } }
            guard !texts.isEmpty else { return [] }
            return column(a, table).map { [($0.0, $0.1, texts)] } ?? []
        default:
            return []
        }
    }
}
