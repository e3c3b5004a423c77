import Foundation
import KPICore

/// Prints syntax trees back as formula text that parses to the same tree.
///
/// Every binary operation is parenthesised, so precedence never changes meaning on a round trip.
public enum Printer {
    /// The text of an expression.
    public static func print(_ expr: Expr) -> String {
        switch expr.kind {
        case .number(let v, let isInteger):
            return isInteger && v.isFinite && v.rounded() == v ? integerDigits(v) : String(v)
        case .percent(let v): return number(v * 100) + "%"
        case .duration(let seconds, let unit): return durationText(seconds: seconds, unit: unit)
        case .string(let s): return SourceText.quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .instant(let ms, let hasTime): return hasTime ? ISO8601.format(milliseconds: ms) : ISO8601.formatDate(milliseconds: ms)
        case .month(let y, let m): return pad(y, 4) + "-" + pad(m, 2)
        case .quarter(let y, let q): return pad(y, 4) + "-Q\(q)"
        case .name(let n, let quoted): return quoted || needsQuotes(n) ? "`\(n)`" : n
        case .qualified(let t, let f): return name(t) + "." + name(f)
        case .unary(.negate, let e):
            // `--` would start a comment: parenthesise an operand that prints with a leading minus.
            // Bytes, not `hasPrefix`: `-` and a combining mark after it (`-҉a`) are one Character.
            let operand = print(e)
            return operand.utf8.first == UInt8(ascii: "-") ? "-(" + operand + ")" : "-" + operand
        case .unary(.not, let e): return "(not " + print(e) + ")"
        case .binary(let op, let a, let b): return "(" + print(a) + " " + op.rawValue + " " + print(b) + ")"
        case .isNull(let e, let negated): return "(" + print(e) + (negated ? " is not null)" : " is null)")
        case .inList(let e, let items, let negated):
            return "(" + print(e) + (negated ? " not in (" : " in (") + items.map(print).joined(separator: ", ") + "))"
        case .between(let e, let lo, let hi, let negated):
            return "(" + print(e) + (negated ? " not between " : " between ") + print(lo) + " and " + print(hi) + ")"
        case .call(let n, let args, let distinct):
            return n + "(" + (distinct ? "distinct " : "") + args.map(print).joined(separator: ", ") + ")"
        case .filter(let e, let c): return "(" + print(e) + " where " + print(c) + ")"
        case .of(let e, let t): return "(" + print(e) + " of " + name(t) + ")"
        case .on(let e, let f): return "(" + print(e) + " on " + name(f) + ")"
        case .exists(let t, let c): return "exists " + name(t) + (c.map { "(" + print($0) + ")" } ?? "")
        }
    }

    /// The text of a query with its modifiers.
    public static func print(_ query: QuerySyntax) -> String {
        var out = query.measures.enumerated().map { i, measure in
            (i == 0 ? print(measure.expr) : afterComma(measure.expr)) + (measure.name.map { " as " + name($0) } ?? "")
        }.joined(separator: ", ")
        if !query.groupBy.isEmpty {
            out += " by " + query.groupBy.enumerated().map { i, key in i == 0 ? print(key.expr) : afterComma(key.expr) }.joined(separator: ", ")
        }
        if let during = query.during { out += " during " + print(during) }
        if let rank = query.rank {
            out += (rank.descending ? " top " : " bottom ") + String(rank.count) + (rank.byLowerBound ? " by ci_low" : "")
        }
        if let order = query.order {
            switch order.key {
            case .value: out += " order by value"
            case .funnel: out += " order by funnel"
            case .key(let k): out += " order by " + name(k)
            }
            if order.descending { out += " desc" }
        }
        if let limit = query.limit { out += " limit \(limit)" }
        return out
    }

    /// The text of a period.
    public static func print(_ period: PeriodSyntax) -> String {
        switch period {
        case .literal(let e): return print(e)
        case .last(let n, let grain): return n == 1 ? "last \(grain.rawValue)" : "last \(n) \(grain.rawValue)s"
        case .lastToDate(let n, let grain): return (n == 1 ? "last \(grain.rawValue)" : "last \(n) \(grain.rawValue)s") + " to date"
        case .this(let grain): return "this \(grain.rawValue)"
        case .toDate(let grain): return ["year": "ytd", "quarter": "qtd", "month": "mtd", "week": "wtd", "day": "mtd"][grain.rawValue]!
        case .range(let a, let b): return "from " + print(a) + " to " + print(b)
        }
    }

    /// The text of a statement.
    public static func print(_ statement: Statement) -> String {
        switch statement {
        case .query(let q): return print(q)
        case .explain(let q): return "explain " + print(q)
        case .define(let n, let v): return "let " + n + " = " + print(v)
        case .kpi(let d):
            var out = "kpi " + d.name + " = " + print(d.query)
            if let unit = d.unit { out += " unit " + name(unit) }
            if let higher = d.higherIsBetter { out += higher ? ", higher is better" : ", lower is better" }
            if let summary = d.summary { out += ", " + SourceText.quoted(summary) }
            return out
        case .compare(let c): return "compare " + print(c.query) + " vs " + print(c.baseline)
        case .explainChange(let c): return "explain change " + print(c.query) + " from " + print(c.from) + " to " + print(c.to)
        case .goal(.add(let goal)): return "goal " + print(goal)
        case .goal(.remove(let n)): return "goal remove \(n)"
        case .goal(.edit(let n, let goal)): return "goal edit \(n) " + print(goal)
        case .goal(.report(let why)): return why ? "goals why" : "goals"
        case .describe(let name): return "? " + name
        case .runRecipe(let run):
            return (["run"] + (run.recipe.map { [$0] } ?? []) + run.arguments.map { $0.name + "=" + $0.value }).joined(separator: " ")
        }
    }

    /// The text of a goal, after `goal` (or `goal edit N`).
    public static func print(_ goal: GoalSyntax) -> String {
        var out = print(goal.kpi) + (goal.atLeast ? " >= " : " <= ")
        out += print(Expr(goal.targetIsPercent ? .percent(goal.target) : .number(goal.target, isInteger: goal.target.rounded() == goal.target)))
        if let deadline = goal.deadline { out += " by " + ISO8601.formatDate(deadline) }
        if let scope = goal.scope { out += " for " + print(scope) }
        if let start = goal.start { out += " from " + ISO8601.formatDate(start) }
        if let note = goal.note { out += " " + SourceText.quoted(note) }
        return out
    }

    private static func print(_ baseline: CompareSyntax.Baseline) -> String {
        switch baseline {
        case .previous: return "previous"
        case .lastYear: return "last year"
        case .periodsAgo(let n): return "\(n) periods ago"
        case .team: return "team"
        case .goal: return "goal"
        }
    }

    /// A measure or group key after a comma, in parentheses when it would start with what the
    /// parser reads there as a KPI definition's options: a description string, `unit`, `higher`
    /// or `lower` (`by "won", ("lost")` printed as `by "won", "lost"` did not parse).
    private static func afterComma(_ expr: Expr) -> String {
        let text = print(expr)
        var lexer = Lexer(text)
        guard let first = try? lexer.next() else { return text }
        if case .string = first.kind { return "(" + text + ")" }
        return ["unit", "higher", "lower"].contains(first.keyword ?? "") ? "(" + text + ")" : text
    }

    private static func name(_ n: String) -> String { needsQuotes(n) ? "`\(n)`" : n }

    private static func needsQuotes(_ n: String) -> Bool {
        if Parser.reserved.contains(n.lowercased()) || ["true", "false", "null", "exists"].contains(n.lowercased()) { return true }
        // Asking the lexer keeps the two rules from drifting apart: a rule of its own here once
        // quoted `߉arl` (a N'Ko digit first), which the lexer reads bare, and the back-quoted name
        // then parsed as a field where the bare one could be a definition.
        return !Lexer.readsAsOneName(n)
    }

    /// An integral value as the shortest digits that read back as `v`, without an exponent or a
    /// point: past 2^53 `String(v)` writes `1.1e+38`, which the lexer reads as a fraction.
    static func integerDigits(_ v: Double) -> String {
        if abs(v) < 1e15 { return String(Int64(v)) }
        let text = String(v).lowercased()  // "1.1111111111111111e+38", or "1000000000000000.0"
        let parts = text.split(separator: "e")
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].hasPrefix("-") ? parts[0].dropFirst() : parts[0]
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        let width = point + exponent
        // The shortest digits of an integral double never reach past its units ("….0" at most).
        let digits = String(mantissa.filter { $0 != "." }.prefix(width))
        return (v < 0 ? "-" : "") + digits + String(repeating: "0", count: width - digits.count)
    }

    private static func number(_ v: Double) -> String {
        v.rounded() == v && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    private static func durationText(seconds: Double, unit: String) -> String {
        let scale: Double
        switch unit {
        case "s", "sec", "secs", "second", "seconds": scale = 1
        case "min", "mins", "minute", "minutes": scale = 60
        case "h", "hr", "hrs", "hour", "hours": scale = 3600
        case "w", "wk", "week", "weeks": scale = 7 * 86400
        default: scale = 86400
        }
        return number(seconds / scale) + unit
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
