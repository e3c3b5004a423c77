import Foundation
import KPICore
import KPIFormula

/// Reads a `goal …` line, as typed at the prompt or stored in a goals file:
///
/// ```
/// goal KPI-OR-FORMULA (>= | <=) TARGET [by DEADLINE] [for CONDITION] [from START] ["note"]
/// ```
///
/// The KPI is everything between `goal` and the last top-level `>=`/`<=` that is followed by a
/// number (so `count(leads where amount >= 1000) >= 20 by 2024-12-31` works). The target is a
/// number or a percentage. The deadline is a date, a month (`2024-12`: its last day), a quarter
/// (`2024-Q4`) or a year (`2024`); the start is a date. `for` and `from` may come in either
/// order; a trailing string is the note unless it ends the `for` condition (`for rep = "Ana"`).
/// The tokens are the formula language's, so dates, percentages and strings read the same way.
public enum GoalStatement {
    /// Parses one goal statement.
    ///
    /// - Parameters:
    ///   - text: the line, starting with `goal`.
    ///   - file: the file (or label, `goal` at the prompt) for error locations.
    ///   - line: the line in `file`.
    /// - Throws: a `DataError` (`goals.syntax`, `goals.formula`) at `file:line:column`.
    public static func parse(_ text: String, file: String = "goal", line: Int = 1) throws(DataError) -> Goal {
        var reader = StatementReader(text: text, file: file, line: line)
        return try reader.goal()
    }

    /// Parses one goal statement and checks its target against the KPI's unit.
    ///
    /// A rate's target is a fraction, so a bare number above 1 for a ratio KPI
    /// (`goal win_rate >= 30 by …`) would ask for 3000%: that is an error at the target,
    /// suggesting `30%`. Write the percentage, or the fraction (`0.3`).
    ///
    /// - Parameter unitOf: the unit of a KPI or formula as written in the goal; `nil` when
    ///   unknown (the target is then taken as written).
    /// - Throws: a `DataError`: those of ``parse(_:file:line:)``, and `goals.percent-target`.
    public static func parse(
        _ text: String, file: String = "goal", line: Int = 1, unitOf: (String) -> KPICore.Unit?
    ) throws(DataError) -> Goal {
        var reader = StatementReader(text: text, file: file, line: line)
        let goal = try reader.goal()
        if !goal.targetIsPercent, Swift.abs(goal.target) > 1, unitOf(goal.kpi) == .ratio {
            let written = GoalText.number(goal.target)
            throw reader.error(
                "\(goal.kpi) is a rate, so a target of \(written) would mean \(GoalText.number(goal.target * 100))%: write \(written)% (or \(GoalText.number(goal.target / 100)))",
                at: reader.targetOffset, id: "goals.percent-target")
        }
        return goal
    }

    /// The comment after a statement (`-- …`), without its dashes and trimmed; `nil` when the
    /// line has none (or does not lex: the parse reports that). Dashes inside a string are text.
    public static func trailingComment(_ text: String) -> String? {
        guard let tokens = try? Lexer.tokenize(text), tokens.count >= 2 else { return nil }
        let bytes = Array(text.utf8)
        let rest = String(decoding: bytes[min(tokens[tokens.count - 2].range.end, bytes.count)...], as: UTF8.self)
            .trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("--") else { return nil }
        let comment = rest.dropFirst(2).trimmingCharacters(in: .whitespaces)
        return comment.isEmpty ? nil : comment
    }
}

/// The state of one parse: the tokens, and how to point at a byte of the line.
private struct StatementReader {
    let text: String
    let bytes: [UInt8]
    let file: String
    let line: Int
    /// Where the target starts (its sign included), once ``goal()`` has read it.
    private(set) var targetOffset = 0

    init(text: String, file: String, line: Int) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.file = file
        self.line = line
    }

    /// A `DataError` at a byte offset of the line (its column counts characters).
    func error(_ message: String, at offset: Int, id: String = "goals.syntax") -> DataError {
        let prefix = bytes[0..<min(max(offset, 0), bytes.count)]
        let column = String(decoding: prefix, as: UTF8.self).count + 1
        return DataError(id: id, message: message, file: file, line: line, column: column)
    }

    /// The source text of a byte range, trimmed.
    func slice(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<max(start, end)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    mutating func goal() throws(DataError) -> Goal {
        let tokens: [Token]
        do {
            tokens = try Lexer.tokenize(text)
        } catch {
            throw self.error(error.message, at: error.range.start)
        }
        guard tokens.first?.isKeyword("goal") == true else {
            throw error("a goal starts with 'goal'", at: tokens.first?.range.start ?? 0)
        }
        let end = tokens.count - 1  // the `.end` token
        let noteIndex = Self.noteIndex(tokens)
        let clausesEnd = noteIndex ?? end
        guard let operatorIndex = Self.comparisonIndex(tokens, before: clausesEnd) else {
            throw missingComparison(tokens, end: end)
        }
        let kpi = slice(tokens[0].range.end, tokens[operatorIndex].range.start)
        guard !kpi.isEmpty else { throw error("expected a KPI or formula before the comparison", at: tokens[operatorIndex].range.start) }
        try validate(kpi, at: tokens[0].range.end, what: "KPI")
        let comparison: Goal.Comparison = tokens[operatorIndex].isSymbol(">=") ? .atLeast : .atMost

        var index = operatorIndex + 1
        targetOffset = tokens[index].range.start
        let negative = tokens[index].isSymbol("-")
        if negative { index += 1 }
        var target: Double
        var isPercent = false
        switch tokens[index].kind {
        case .number(let v, _): target = v
        case .percent(let v): target = v; isPercent = true
        default: throw error("expected a number or a percentage as the target", at: tokens[index].range.start)
        }
        if negative { target = -target }
        index += 1

        var goal = Goal(kpi: kpi, comparison: comparison, target: target, targetIsPercent: isPercent, deadline: nil, line: line)
        var seen: Set<String> = []
        while index < clausesEnd {
            let token = tokens[index]
            guard let word = token.keyword, ["by", "for", "from"].contains(word) else {
                throw error("expected 'by DEADLINE', 'for CONDITION', 'from START' or a \"note\"", at: token.range.start)
            }
            guard seen.insert(word).inserted else { throw error("'\(word)' is given twice", at: token.range.start) }
            index += 1
            switch word {
            case "by":
                goal.deadline = try deadline(tokens[index])
                index += 1
            case "from":
                goal.start = try date(tokens[index], what: "start")
                index += 1
            default:
                let first = index
                index = Self.conditionEnd(tokens, from: index, before: clausesEnd)
                guard index > first else { throw error("expected a condition after 'for'", at: tokens[first].range.start) }
                let scope = slice(tokens[first].range.start, tokens[index - 1].range.end)
                try validate(scope, at: tokens[first].range.start, what: "condition")
                goal.scope = scope
            }
        }
        if let noteIndex, case .string(let note) = tokens[noteIndex].kind { goal.note = note }
        return goal
    }

    /// The error for a line without a usable `>= TARGET`: at the target when there is a `>=`/`<=`
    /// at the top level, else at a lone `>`, `<` or `=`, else at the end.
    private func missingComparison(_ tokens: [Token], end: Int) -> DataError {
        if let last = tokens.lastIndex(where: { $0.isSymbol(">=") || $0.isSymbol("<=") }) {
            var target = last + 1
            if tokens[target].isSymbol("-") { target += 1 }
            switch tokens[target].kind {
            case .number, .percent:
                return error("expected 'by DEADLINE', 'for CONDITION', 'from START' or a \"note\" after the target", at: tokens[target + 1].range.start)
            default:
                return error("expected a number or a percentage as the target", at: tokens[target].range.start)
            }
        }
        let stray = tokens.firstIndex { $0.isSymbol(">") || $0.isSymbol("<") || $0.isSymbol("=") }
        let hint = stray == nil ? "" : " (only >= and <= compare with a target)"
        return error("expected '>= TARGET' or '<= TARGET' after the KPI\(hint)", at: tokens[stray ?? end].range.start)
    }

    /// Checks that a KPI formula or condition parses, pointing into the line when it does not.
    private func validate(_ formula: String, at offset: Int, what: String) throws(DataError) {
        do {
            _ = try Parser.parseQuery(formula)
        } catch {
            // The formula was trimmed: find where it starts in the line to place the caret.
            let lead = bytes[offset...].prefix { $0 == 32 || $0 == 9 }.count
            throw self.error("in the \(what): \(error.message)", at: offset + lead + error.range.start, id: "goals.formula")
        }
    }

    /// The deadline: a date, or the last day of a month, quarter or year.
    private func deadline(_ token: Token) throws(DataError) -> CivilDate {
        switch token.kind {
        case .month(let y, let m):
            return CivilDate(year: y, month: m, day: CivilDate.daysInMonth(year: y, month: m))
        case .quarter(let y, let q):
            return CivilDate(year: y, month: q * 3, day: CivilDate.daysInMonth(year: y, month: q * 3))
        case .number(let v, true) where v >= 1000 && v <= 9999:
            return CivilDate(year: Int(v), month: 12, day: 31)
        default:
            return try date(token, what: "deadline (a date, month, quarter or year)")
        }
    }

    private func date(_ token: Token, what: String) throws(DataError) -> CivilDate {
        guard case .instant(let ms, false) = token.kind else {
            throw error("expected a date (2024-12-31) as the \(what)", at: token.range.start)
        }
        return CivilDate(milliseconds: ms)
    }

    /// The trailing string that is the note: the last token, unless it is the right-hand side of
    /// the condition (after an operator, `contains` or `starts with`).
    static func noteIndex(_ tokens: [Token]) -> Int? {
        let last = tokens.count - 2
        guard last >= 2, case .string = tokens[last].kind else { return nil }
        let before = tokens[last - 1]
        if case .symbol(let s) = before.kind, s != ")" { return nil }
        if before.isKeyword("contains") || before.isKeyword("with") { return nil }
        return last
    }

    /// The last `>=`/`<=` at parenthesis depth 0 followed by a (possibly negative) number and then
    /// a clause keyword, the note or the end.
    static func comparisonIndex(_ tokens: [Token], before end: Int) -> Int? {
        var depth = 0
        var found: Int?
        for i in 1..<end {
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
    static func conditionEnd(_ tokens: [Token], from start: Int, before end: Int) -> Int {
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
