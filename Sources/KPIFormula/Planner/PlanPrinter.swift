import KPICore

/// Describes plans for people (`explain`) and lists the fields a plan reads.
public enum PlanPrinter {
    /// A multi-line description: each aggregate with its table, filter, keys and measure, then
    /// how they combine.
    public static func describe(_ plan: QueryPlan) -> String {
        var lines: [String] = []
        for (i, node) in plan.aggregates.enumerated() {
            lines.append("[\(i)] \(function(node)) over \(node.table)")
            if let filter = node.filter { lines.append("    where \(row(filter))") }
            if let share = node.shareCondition { lines.append("    numerator rows: \(row(share))") }
            if !node.keys.isEmpty { lines.append("    group by \(node.keys.map(key).joined(separator: ", "))") }
        }
        for output in plan.outputs {
            lines.append("\(output.name) = \(scalar(output.expr))   unit \(output.unit.name)")
        }
        if let rank = plan.rank { lines.append("\(rank.descending ? "top" : "bottom") \(rank.count) by value") }
        if let limit = plan.limit { lines.append("limit \(limit)") }
        return lines.joined(separator: "\n")
    }

    /// Every `table.field` the plan reads (linked tables included), sorted.
    public static func fields(of plan: QueryPlan) -> [FieldPath] {
        var out = Set<FieldPath>()
        func visit(_ e: RowExpr, _ table: String) {
            switch e {
            case .column(let name, _): out.insert(FieldPath(table, name))
            case .literal: break
            case .compare(_, let a, let b), .and(let a, let b), .or(let a, let b), .arithmetic(_, let a, let b):
                visit(a, table)
                visit(b, table)
            case .not(let a), .negate(let a), .isNull(let a, _), .inList(let a, _, _): visit(a, table)
            case .function(_, let args), .moduleFunction(_, let args): args.forEach { visit($0, table) }
            case .lookup(let localKey, let remote, let remoteKey, let value):
                out.insert(FieldPath(table, localKey))
                out.insert(FieldPath(remote, remoteKey))
                visit(value, remote)
            case .exists(let localKey, let remote, let remoteKey, let condition),
                .linkedCount(let localKey, let remote, let remoteKey, let condition):
                out.insert(FieldPath(table, localKey))
                out.insert(FieldPath(remote, remoteKey))
                if let condition { visit(condition, remote) }
            case .periodBound: break
            case .next(let value, let key, let tieBreak):
                visit(value, table)
                visit(key, table)
                if let tieBreak { visit(tieBreak, table) }
            }
        }
        for node in plan.aggregates {
            for e in [node.argument, node.filter, node.shareCondition, node.orderBy].compactMap({ $0 }) { visit(e, node.table) }
            for k in node.keys {
                switch k {
                case .value(let e), .time(let e, _): visit(e, node.table)
                }
            }
        }
        return out.sorted()
    }

    private static func function(_ node: AggregateNode) -> String {
        let arg = node.argument.map(row) ?? "*"
        switch node.function {
        case .count: return "count(\(arg))"
        case .countDistinct: return "count(distinct \(arg))"
        case .sum: return "sum(\(arg))"
        case .avg: return "avg(\(arg))"
        case .median: return "median(\(arg))"
        case .percentile(let p): return "percentile(\(arg), \(p))"
        case .min: return "min(\(arg))"
        case .max: return "max(\(arg))"
        case .share: return "share"
        case .first: return "first(\(arg))"
        case .last: return "last(\(arg))"
        case .module(let function): return "\(function.name)(\(arg)) [module \(function.module)]"
        }
    }

    private static func key(_ k: GroupKeyNode) -> String {
        switch k {
        case .value(let e): return row(e)
        case .time(let e, let grain): return "\(grain.rawValue)(\(row(e)))"
        }
    }

    private static func scalar(_ e: ScalarExpr) -> String {
        switch e {
        case .aggregate(let i): return "[\(i)]"
        case .constant(let v): return String(v)
        case .negate(let a): return "-" + scalar(a)
        case .arithmetic(let op, let a, let b): return "(\(scalar(a)) \(op.rawValue) \(scalar(b)))"
        case .previous(let a): return "previous(\(scalar(a)))"
        }
    }

    /// A row expression as SQL-like text.
    public static func row(_ e: RowExpr) -> String {
        switch e {
        case .column(let name, _): return name
        case .literal(let v):
            if case .text(let s) = v { return "\"\(s)\"" }
            return v.description
        case .compare(let op, let a, let b): return "\(row(a)) \(op.rawValue) \(row(b))"
        case .and(let a, let b): return "(\(row(a)) and \(row(b)))"
        case .or(let a, let b): return "(\(row(a)) or \(row(b)))"
        case .not(let a): return "not \(row(a))"
        case .isNull(let a, let negated): return "\(row(a)) is \(negated ? "not " : "")null"
        case .inList(let a, let items, let negated):
            return "\(row(a)) \(negated ? "not " : "")in (\(items.map { row(.literal($0)) }.joined(separator: ", ")))"
        case .arithmetic(let op, let a, let b): return "(\(row(a)) \(op.rawValue) \(row(b)))"
        case .negate(let a): return "-\(row(a))"
        case .function(let f, let args): return "\(f.rawValue)(\(args.map(row).joined(separator: ", ")))"
        case .moduleFunction(let f, let args): return "\(f.name)(\(args.map(row).joined(separator: ", "))) [module \(f.module)]"
        case .lookup(let localKey, var table, _, var value):
            // Two links read as one path: `sales_teams.manager via lead_id → rep`.
            var keys = [localKey]
            while case .lookup(let key, let next, _, let inner) = value {
                keys.append(key)
                table = next
                value = inner
            }
            return "\(table).\(row(value)) via \(keys.joined(separator: " → "))"
        case .exists(let localKey, let table, _, let condition):
            return "exists \(table)\(condition.map { "(\(row($0)))" } ?? "") via \(localKey)"
        case .periodBound(let isEnd): return isEnd ? "period_end" : "period_start"
        case .linkedCount(let localKey, let table, _, let condition):
            return "count \(table)\(condition.map { "(\(row($0)))" } ?? "") via \(localKey)"
        case .next(let value, let key, let tieBreak):
            return "next(\(row(value)) per \(row(key))\(tieBreak.map { ", ties by " + row($0) } ?? ""))"
        }
    }
}
