import KPICore

@testable import KPIFormula

/// Random syntax trees of the shapes the parser produces (non-negative literals, canonical
/// periods), depth-limited, for print → parse round trips.
struct SyntaxGenerator {
    var random: SplitMix64

    static let plainNames = [
        "source", "rep", "amount", "x", "lead_id", "Größe", "José", "_a1", "month", "week", "last", "from", "to", "unit",
        "this", "ytd", "higher", "naïve",
    ]
    static let oddNames = ["Deal Owner", "where", "2fast", "a-b", "order by", "true", "null", "exists", "by", "é é", "x.y", "€uro"]
    static let functions = ["count", "sum", "avg", "median", "percentile", "hours_between", "lower", "coalesce", "share", "f_2"]
    static let durationUnits = ["s", "sec", "min", "minutes", "h", "hours", "d", "days", "w", "weeks"]
    static let stringAlphabet: [Character] = ["a", "Z", " ", "\"", "'", "\\", "\n", "\t", "é", "€", "-", "`", "%", "0"]

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func decimalText() -> String {
        "\(random.int(0...9999)).\(random.int(0...999))"
    }

    mutating func name() -> String { random.pick(Self.plainNames) }

    mutating func anyName() -> (String, Bool) {
        random.chance(0.25) ? (random.pick(Self.oddNames), true) : (name(), false)
    }

    mutating func string() -> String {
        String((0..<random.int(0...6)).map { _ in random.pick(Self.stringAlphabet) })
    }

    mutating func instant() -> Expr {
        let day = Int64(random.int(-3650...36500)) * Time.millisecondsPerDay
        if random.chance(0.5) { return Expr(.instant(milliseconds: day, hasTime: false)) }
        let inDay = Int64(random.int(0...86_399)) * 1000 + (random.chance(0.3) ? Int64(random.int(0...999)) : 0)
        return Expr(.instant(milliseconds: day + inDay, hasTime: true))
    }

    mutating func calendarLiteral() -> Expr {
        switch random.int(0...3) {
        case 0: return Expr(.number(Double(random.int(1000...9999)), isInteger: true))
        case 1: return Expr(.month(year: random.int(0...9999), month: random.int(1...12)))
        case 2: return Expr(.quarter(year: random.int(0...9999), quarter: random.int(1...4)))
        default: return instant()
        }
    }

    mutating func leaf() -> Expr {
        switch random.int(0...11) {
        case 0: return Expr(.number(Double(random.int(0...1_000_000)), isInteger: true))
        case 1: return Expr(.number(Double(decimalText()) ?? 0, isInteger: false))
        case 2: return Expr(.percent((Double(decimalText()) ?? 0) / 100))
        case 3:
            let unit = random.pick(Self.durationUnits)
            let scale: Double = ["s": 1, "sec": 1, "min": 60, "minutes": 60, "h": 3600, "hours": 3600, "w": 604_800, "weeks": 604_800][unit] ?? 86400
            return Expr(.duration(seconds: (Double(decimalText()) ?? 0) * scale, unit: unit))
        case 4: return Expr(.string(string()))
        case 5: return Expr(.bool(random.chance(0.5)))
        case 6: return Expr(.null)
        case 7: return random.chance(0.5) ? instant() : calendarLiteral()
        case 8:
            let (table, _) = anyName()
            let (field, _) = anyName()
            return Expr(.qualified(table: table, field: field))
        default:
            let (n, quoted) = anyName()
            return Expr(.name(n, quoted: quoted))
        }
    }

    mutating func expr(depth: Int) -> Expr {
        guard depth > 0, random.chance(0.75) else { return leaf() }
        let d = depth - 1
        switch random.int(0...10) {
        case 0: return Expr(.unary(random.chance(0.5) ? .negate : .not, expr(depth: d)))
        case 1, 2: return Expr(.binary(random.pick(BinaryOperator.allCases), expr(depth: d), expr(depth: d)))
        case 3: return Expr(.isNull(expr(depth: d), negated: random.chance(0.5)))
        case 4: return Expr(.inList(expr(depth: d), (0..<random.int(0...3)).map { _ in expr(depth: d) }, negated: random.chance(0.5)))
        case 5: return Expr(.between(expr(depth: d), lower: expr(depth: d), upper: expr(depth: d), negated: random.chance(0.5)))
        case 6:
            let args = (0..<random.int(0...3)).map { _ in expr(depth: d) }
            return Expr(.call(name: random.pick(Self.functions), arguments: args, distinct: random.chance(0.2)))
        case 7: return Expr(.filter(expr(depth: d), condition: expr(depth: d)))
        case 8: return Expr(.of(expr(depth: d), table: anyName().0))
        case 9: return Expr(.exists(table: anyName().0, condition: random.chance(0.7) ? expr(depth: d) : nil))
        default: return leaf()
        }
    }

    /// A key after `by`: after a comma, a string or `unit`/`higher`/`lower` would start a KPI
    /// definition's options, so keys are never those (a constant key means nothing anyway).
    mutating func groupKey() -> Expr {
        while true {
            let key = expr(depth: 1)
            let text = Printer.print(key)
            if text.hasPrefix("\"") || ["unit", "higher", "lower"].contains(where: { text.hasPrefix($0) }) { continue }
            return key
        }
    }

    mutating func period() -> PeriodSyntax {
        let grain = random.pick(TimeGrain.allCases)
        switch random.int(0...4) {
        case 0: return .literal(calendarLiteral())
        case 1: return .last(count: random.int(0...400), grain: grain)
        case 2: return .this(grain)
        case 3: return .toDate(random.pick([.year, .quarter, .month, .week]))
        default: return .range(from: calendarLiteral(), to: calendarLiteral())
        }
    }

    mutating func query(depth: Int) -> QuerySyntax {
        var query = QuerySyntax(expr: expr(depth: depth))
        query.groupBy = (0..<random.int(0...2)).map { _ in GroupKeySyntax(groupKey()) }
        if random.chance(0.4) { query.during = period() }
        if random.chance(0.2) { query.rank = .init(count: random.int(0...100), descending: random.chance(0.5)) }
        if random.chance(0.2) { query.limit = random.int(0...1_000_000) }
        return query
    }

    mutating func statement(depth: Int) -> Statement {
        switch random.int(0...5) {
        case 0: return .define(name: name(), value: expr(depth: depth))
        case 1:
            let query = query(depth: depth)
            var definition = KPIDefinitionSyntax(name: name(), query: query, formulaText: Printer.print(query))
            if random.chance(0.5) { definition.unit = random.pick(["ratio", "money", "days", "count"]) }
            if random.chance(0.5) { definition.higherIsBetter = random.chance(0.5) }
            if random.chance(0.5) { definition.summary = string() }
            return .kpi(definition)
        case 2: return .explain(query(depth: depth))
        default: return .query(query(depth: depth))
        }
    }
}
