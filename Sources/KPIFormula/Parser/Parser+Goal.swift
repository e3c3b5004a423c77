import KPICore

// A goal, as typed at the prompt or stored in a goals file:
//
//     goal KPI-OR-FORMULA (>= | <=) TARGET [by DEADLINE] [for CONDITION] [from START] ["note"]
//
// The KPI is everything up to the last top-level `>=`/`<=` that is followed by a number (so
// `count(leads where amount >= 1000) >= 20 by 2024-12-31` works). The target is a number or a
// percentage. The deadline is a date, a month (`2024-12`: its last day), a quarter (`2024-Q4`)
// or a year (`2024`); the start is a date. `for` and `from` may come in either order; a trailing
// string is the note unless it ends the `for` condition (`for rep = "Ana"`).
//
// Errors are `goals.syntax`, and `goals.formula` for a KPI or condition that does not parse.

extension Parser {
    /// Parses one goal line, starting with `goal`; the whole input must be consumed.
    public static func parseGoal(_ source: String) throws(FormulaError) -> GoalSyntax {
        var parser: Parser
        do {
            parser = try Parser(source)
        } catch {
            throw FormulaError(id: .goalsSyntax, message: error.message, range: error.range)
        }
        guard parser.current.isKeyword("goal") else { throw goalError("a goal starts with 'goal'", at: parser.current.range) }
        parser.advance()
        return try parser.goalBody()
    }

    private static func goalError(_ message: String, at range: SourceRange, id: DiagnosticID = .goalsSyntax) -> FormulaError {
        FormulaError(id: id, message: message, range: range)
    }

    /// The goal from the current token (the KPI's first) to the end.
    mutating func goalBody() throws(FormulaError) -> GoalSyntax {
        let first = index
        let end = tokens.count - 1
        let noteIndex = goalNoteIndex(from: first)
        let clausesEnd = noteIndex ?? end
        guard let operatorIndex = goalComparisonIndex(from: first, before: clausesEnd) else {
            throw missingGoalComparison(from: first, end: end)
        }
        guard operatorIndex > first else {
            throw Self.goalError("expected a KPI or formula before the comparison", at: tokens[operatorIndex].range)
        }
        let kpiRange = tokens[first].range.union(tokens[operatorIndex - 1].range)
        let kpi = try goalFormula(first, operatorIndex, what: "KPI")

        var i = operatorIndex + 1
        let targetStart = tokens[i].range
        let negative = tokens[i].isSymbol("-")
        if negative { i += 1 }
        var target: Double
        var isPercent = false
        switch tokens[i].kind {
        case .number(let v, _): target = v
        case .percent(let v):
            target = v
            isPercent = true
        default: throw Self.goalError("expected a number or a percentage as the target", at: tokens[i].range)
        }
        if negative { target = -target }
        var goal = GoalSyntax(
            kpi: kpi, atLeast: tokens[operatorIndex].isSymbol(">="), target: target, targetIsPercent: isPercent, kpiRange: kpiRange,
            targetRange: targetStart.union(tokens[i].range))
        i += 1

        var seen: Set<String> = []
        while i < clausesEnd {
            let token = tokens[i]
            guard let word = token.keyword, ["by", "for", "from"].contains(word) else {
                throw Self.goalError("expected 'by DEADLINE', 'for CONDITION', 'from START' or a \"note\"", at: token.range)
            }
            guard seen.insert(word).inserted else { throw Self.goalError("'\(word)' is given twice", at: token.range) }
            i += 1
            switch word {
            case "by":
                goal.deadline = try goalDeadline(tokens[i])
                i += 1
            case "from":
                goal.start = try goalDate(tokens[i], what: "start")
                i += 1
            default:
                let conditionStart = i
                i = goalConditionEnd(from: i, before: clausesEnd)
                guard i > conditionStart else { throw Self.goalError("expected a condition after 'for'", at: tokens[conditionStart].range) }
                goal.scope = try goalFormula(conditionStart, i, what: "condition").expr
                goal.scopeRange = tokens[conditionStart].range.union(tokens[i - 1].range)
            }
        }
        if let noteIndex, case .string(let note) = tokens[noteIndex].kind { goal.note = note }
        index = end
        return goal
    }

    /// The KPI or condition in `tokens[start..<end]`, as a query (a condition must be one
    /// expression: it is spliced into the goal's query as a filter).
    private func goalFormula(_ start: Int, _ end: Int, what: String) throws(FormulaError) -> QuerySyntax {
        var parser = Parser(source: source, tokens: Array(tokens[start..<end]), endingAt: tokens[end - 1].range.end)
        do {
            let query = try parser.query()
            try parser.expectEnd()
            if what == "condition" {
                var expression = Parser(source: source, tokens: Array(tokens[start..<end]), endingAt: tokens[end - 1].range.end)
                let expr = try expression.expression()
                try expression.expectEnd()
                return QuerySyntax(expr: expr)
            }
            return query
        } catch {
            throw Self.goalError("in the \(what): \(error.message)", at: error.range, id: .goalsFormula)
        }
    }

    /// The error for a line without a usable `>= TARGET`: at the target when there is a `>=`/`<=`
    /// at the top level, else at a lone `>`, `<` or `=`, else at the end.
    private func missingGoalComparison(from first: Int, end: Int) -> FormulaError {
        if let last = tokens.lastIndex(where: { $0.isSymbol(">=") || $0.isSymbol("<=") }) {
            var target = last + 1
            if tokens[target].isSymbol("-") { target += 1 }
            switch tokens[target].kind {
            case .number, .percent:
                return Self.goalError(
                    "expected 'by DEADLINE', 'for CONDITION', 'from START' or a \"note\" after the target", at: tokens[target + 1].range)
            default:
                return Self.goalError("expected a number or a percentage as the target", at: tokens[target].range)
            }
        }
        let stray = tokens.firstIndex { $0.isSymbol(">") || $0.isSymbol("<") || $0.isSymbol("=") }
        let hint = stray == nil ? "" : " (only >= and <= compare with a target)"
        return Self.goalError("expected '>= TARGET' or '<= TARGET' after the KPI\(hint)", at: tokens[stray ?? end].range)
    }

    /// The deadline: a date, or the last day of a month, quarter or year.
    private func goalDeadline(_ token: Token) throws(FormulaError) -> CivilDate {
        switch token.kind {
        case .month(let y, let m):
            return CivilDate(year: y, month: m, day: CivilDate.daysInMonth(year: y, month: m))
        case .quarter(let y, let q):
            return CivilDate(year: y, month: q * 3, day: CivilDate.daysInMonth(year: y, month: q * 3))
        case .number(let v, true) where v >= 1000 && v <= 9999:
            return CivilDate(year: Int(v), month: 12, day: 31)
        default:
            return try goalDate(token, what: "deadline (a date, month, quarter or year)")
        }
    }

    private func goalDate(_ token: Token, what: String) throws(FormulaError) -> CivilDate {
        guard case .instant(let ms, false) = token.kind else {
            throw Self.goalError("expected a date (2024-12-31) as the \(what)", at: token.range)
        }
        return CivilDate(milliseconds: ms)
    }

    /// The trailing string that is the note: the last token, unless it is the right-hand side of
    /// the condition (after an operator, `contains` or `starts with`).
    private func goalNoteIndex(from first: Int) -> Int? {
        let last = tokens.count - 2
        guard last >= first + 1, case .string = tokens[last].kind else { return nil }
        let before = tokens[last - 1]
        if case .symbol(let s) = before.kind, s != ")" { return nil }
        if before.isKeyword("contains") || before.isKeyword("with") { return nil }
        return last
    }

    /// The last `>=`/`<=` at parenthesis depth 0 followed by a (possibly negative) number and then
    /// a clause keyword, the note or the end.
    private func goalComparisonIndex(from first: Int, before end: Int) -> Int? {
        var depth = 0
        var found: Int?
        var i = first
        while i < end {
            defer { i += 1 }
            let token = tokens[i]
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            guard depth == 0, token.isSymbol(">=") || token.isSymbol("<=") else { continue }
            var j = i + 1
            if tokens[j].isSymbol("-") { j += 1 }
            switch tokens[j].kind {
            case .number, .percent: break
            default: continue
            }
            let after = j + 1
            if after == end || ["by", "for", "from"].contains(tokens[after].keyword ?? "") { found = i }
        }
        return found
    }

    /// Where a `for` condition ends: at a top-level `by` or `from`, or at `end`.
    private func goalConditionEnd(from start: Int, before end: Int) -> Int {
        var depth = 0
        var i = start
        while i < end {
            if tokens[i].isSymbol("(") { depth += 1 }
            if tokens[i].isSymbol(")") { depth -= 1 }
            if depth == 0, tokens[i].isKeyword("by") || tokens[i].isKeyword("from") { break }
            i += 1
        }
        return i
    }
}
