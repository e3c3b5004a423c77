import KPICore

/// A column of a table, as a plan reads it.
public struct TableColumn: Sendable, Hashable, CustomStringConvertible {
    /// The table (`leads`).
    public var table: String
    /// The column (`created_at`).
    public var column: String

    /// Creates a table column.
    public init(table: String, column: String) {
        self.table = table
        self.column = column
    }

    /// `leads.created_at`.
    public var description: String { "\(table).\(column)" }
}

extension QueryPlan {
    /// Every column the plan reads — arguments, filters, group keys, order and the keys and
    /// values of linked tables — so that what is known about those columns (cells read as null,
    /// an assumed date order) can be said beside the result, and a loader can read only them.
    public var columnsRead: Set<TableColumn> {
        var out = Set<TableColumn>()
        for node in aggregates {
            let exprs =
                [node.argument, node.shareCondition, node.filter, node.orderBy].compactMap { $0 }
                + node.keys.map { key in
                    switch key {
                    case .value(let e), .time(let e, _): return e
                    }
                }
            for expr in exprs { expr.collectColumns(table: node.table, into: &out) }
        }
        return out
    }
}

extension RowExpr {
    /// Adds the columns this expression reads, evaluated on rows of `table`, to `out`.
    func collectColumns(table: String, into out: inout Set<TableColumn>) {
        switch self {
        case .column(let name, _): out.insert(TableColumn(table: table, column: name))
        case .literal, .periodBound: return
        case .compare(_, let a, let b), .and(let a, let b), .or(let a, let b), .arithmetic(_, let a, let b):
            a.collectColumns(table: table, into: &out)
            b.collectColumns(table: table, into: &out)
        case .not(let a), .negate(let a), .isNull(let a, _), .inList(let a, _, _):
            a.collectColumns(table: table, into: &out)
        case .function(_, let args), .moduleFunction(_, let args):
            for arg in args { arg.collectColumns(table: table, into: &out) }
        case .lookup(let localKey, let remote, let remoteKey, let value):
            out.insert(TableColumn(table: table, column: localKey))
            out.insert(TableColumn(table: remote, column: remoteKey))
            value.collectColumns(table: remote, into: &out)
        case .exists(let localKey, let remote, let remoteKey, let condition),
            .linkedCount(let localKey, let remote, let remoteKey, let condition):
            out.insert(TableColumn(table: table, column: localKey))
            out.insert(TableColumn(table: remote, column: remoteKey))
            condition?.collectColumns(table: remote, into: &out)
        case .next(let value, let key, let tieBreak):
            value.collectColumns(table: table, into: &out)
            key.collectColumns(table: table, into: &out)
            tieBreak?.collectColumns(table: table, into: &out)
        }
    }
}
