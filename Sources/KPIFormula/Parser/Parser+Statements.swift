import Foundation
import KPICore

// The statements that start with a keyword of their own: `compare`, `explain change`, `goal`,
// `goals`, and the shell's `? NAME`, `describe NAME` and `run RECIPE …`. Their grammar and error
// ids are the ones the engine and shell read them with before the parser owned them; what the
// parser adds is that every error points into the statement as typed.

extension Parser {
    // MARK: - Statements read by words

    /// `? NAME`, `describe NAME` (without parentheses: `describe(…)` is not this) and `run …`:
    /// their names and values are words, not formula tokens (`? win-rate`, `run x period="last 6 months"`).
    static func shellStatement(_ source: String) throws(FormulaError) -> Statement? {
        if source.hasPrefix("?") { return .describe(String(source.dropFirst()).trimmingCharacters(in: .whitespaces)) }
        let lowered = source.lowercased()
        if lowered.hasPrefix("describe "), !source.contains("(") {
            return .describe(String(source.dropFirst("describe ".count)).trimmingCharacters(in: .whitespaces))
        }
        if startsRecipeRun(source) { return .runRecipe(try runRecipe(source)) }
        return nil
    }

    /// Whether `source` (a whole statement, or one being typed) is `run …`: the shell completes
    /// recipe names after it.
    public static func startsRecipeRun(_ source: some StringProtocol) -> Bool {
        let lowered = source.lowercased()
        return lowered == "run" || lowered.hasPrefix("run ")
    }

    /// `run NAME [PARAM=VALUE]…`: words split on spaces outside double quotes; quotes are kept
    /// (`rep="all"` means the text "all", not every rep).
    private static func runRecipe(_ source: String) throws(FormulaError) -> RunRecipeSyntax {
        let words = words(of: source, from: 3)
        guard let name = words.first else { return RunRecipeSyntax(recipe: nil) }
        var arguments: [RunRecipeSyntax.Argument] = []
        for (word, range) in words.dropFirst() {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw FormulaError(id: .recipeBadArgument, message: "'\(word)' is not NAME=VALUE", range: range)
            }
            arguments.append(.init(name: String(word[..<equals]), value: String(word[word.index(after: equals)...])))
        }
        return RunRecipeSyntax(recipe: name.0, arguments: arguments)
    }

    /// The words of `source` after its first `offset` bytes, split on spaces outside double
    /// quotes, with where each is.
    private static func words(of source: String, from offset: Int) -> [(String, SourceRange)] {
        var words: [(String, SourceRange)] = []
        var current = ""
        var start = offset
        var position = 0
        var inQuote = false
        for ch in source {
            defer { position += ch.utf8.count }
            if position < offset { continue }
            if ch == "\"" {
                inQuote.toggle()
            } else if ch == " " && !inQuote {
                if !current.isEmpty { words.append((current, SourceRange(start, position))) }
                current = ""
                continue
            }
            if current.isEmpty { start = position }
            current.append(ch)
        }
        if !current.isEmpty { words.append((current, SourceRange(start, position))) }
        return words
    }

    /// Whether `source` is a `goal …` statement (its lexing errors are the goal's).
    static func startsGoal(_ source: String) -> Bool { source.lowercased().hasPrefix("goal ") }

    /// `goal remove N` and `goal edit N GOAL` (`N` or `#N`, which the lexer does not read).
    static func goalEdit(_ source: String) throws(FormulaError) -> GoalStatementSyntax? {
        guard startsGoal(source) else { return nil }
        let isSpace = { (c: Character) in c.unicodeScalars.allSatisfy { CharacterSet.whitespaces.contains($0) } }
        var rest = source[source.utf8.index(source.startIndex, offsetBy: 5)...]
        while let c = rest.first, isSpace(c) { rest = rest.dropFirst() }
        while let c = rest.last, isSpace(c) { rest = rest.dropLast() }
        let words = rest.split(separator: " ", maxSplits: 2)
        func id(_ word: Substring) -> Int? { Int(word.hasPrefix("#") ? word.dropFirst() : word) }
        if words.first?.lowercased() == "remove", words.count == 2, let n = id(words[1]) { return .remove(n) }
        guard words.first?.lowercased() == "edit", words.count == 3, let n = id(words[1]) else { return nil }
        var parser: Parser
        do {
            parser = try Parser(source, from: source.utf8.distance(from: source.startIndex, to: words[2].startIndex))
        } catch {
            throw FormulaError(id: .goalsSyntax, message: error.message, range: error.range)
        }
        return .edit(n, try parser.goalBody())
    }

    // MARK: - Statements read by tokens

    /// A statement its first keyword decides, at the start of the tokens; `nil` for the others.
    /// The keyword must stand alone (`compare(x)` is a call, `compare (a/b) vs …` a comparison).
    mutating func keywordStatement() throws(FormulaError) -> Statement? {
        guard let word = current.keyword else { return nil }
        let next = peekToken()
        let spaced = next.range.start > current.range.end
        switch word {
        case "compare" where spaced:
            return .compare(try compare())
        case "explain" where next.isKeyword("change") && peekToken(2).range.start > next.range.end:
            return .explainChange(try explainChange())
        case "goals" where spaced || isEnd(next):
            let showsRules = tokens[index...].contains { $0.isKeyword("why") }
            index = tokens.count - 1
            return .goal(.report(showsRules: showsRules))
        case "goal" where spaced:
            advance()
            return .goal(.add(try goalBody()))
        default:
            return nil
        }
    }

    private func isEnd(_ token: Token) -> Bool { if case .end = token.kind { return true } else { return false } }

    /// Parses `tokens[start..<end]` as a query that must use them all; `endAt` is where errors
    /// about its end point.
    private func subquery(_ start: Int, _ end: Int, endingAt endAt: Int) throws(FormulaError) -> QuerySyntax {
        var parser = Parser(source: source, tokens: Array(tokens[start..<end]), endingAt: endAt)
        parser.descent = descent
        let query = try parser.query()
        try parser.expectEnd()
        return query
    }

    /// Where the words from `start` up to `end` are written (empty at `end`'s token when there are none).
    private func span(_ start: Int, _ end: Int) -> SourceRange {
        end > start ? tokens[start].range.union(tokens[end - 1].range) : SourceRange(tokens[end].range.start, tokens[end].range.start)
    }

    /// `compare QUERY vs previous [period] | last year | N periods ago | team | goal[s]`, split
    /// at the last `vs` outside parentheses.
    private mutating func compare() throws(FormulaError) -> CompareSyntax {
        advance()
        let first = index, end = tokens.count - 1
        var depth = 0
        var split: Int?
        for i in first..<end {
            if tokens[i].isSymbol("(") { depth += 1 }
            if tokens[i].isSymbol(")") { depth -= 1 }
            if depth == 0, tokens[i].isKeyword("vs"), i + 1 < end { split = i }
        }
        let size = source.utf8.count
        guard let split else {
            throw FormulaError(
                id: .compareSyntax, message: "expected 'vs previous', 'vs last year', 'vs N periods ago', 'vs team' or 'vs goal' at the end",
                range: SourceRange(size, size))
        }
        let vs = tokens[split].range
        let beforeVs = vs.start > 0 && Array(source.utf8)[vs.start - 1] == 32 ? vs.start - 1 : vs.start
        let query = try subquery(first, split, endingAt: beforeVs)
        let baselineRange = SourceRange(min(vs.end + 1, size), size)
        let words = tokens[(split + 1)..<end].map { token -> String in
            if case .number(let v, true) = token.kind, v >= 1, v < 1e15 { return String(Int(v)) }
            return token.keyword ?? "\u{0}"
        }
        let baseline: CompareSyntax.Baseline
        switch words {
        case ["previous"], ["previous", "period"]: baseline = .previous
        case ["last", "year"]: baseline = .lastYear
        case ["team"]: baseline = .team
        case ["goal"], ["goals"]: baseline = .goal
        default:
            if words.count == 3, let n = Int(words[0]), n > 0, words[1].hasPrefix("period"), words[2] == "ago" {
                baseline = .periodsAgo(n)
            } else {
                throw FormulaError(
                    id: .compareSyntax,
                    message: "unknown baseline '\(baselineRange.text(in: source).lowercased())'; use previous, last year, N periods ago or team",
                    range: baselineRange)
            }
        }
        index = end
        return CompareSyntax(query: query, baseline: baseline, queryRange: span(first, split), baselineRange: baselineRange)
    }

    /// `explain change QUERY by FIELD from PERIOD to PERIOD`: the statement ends with the periods,
    /// one word each.
    private mutating func explainChange() throws(FormulaError) -> ExplainChangeSyntax {
        advance()
        advance()
        let first = index, end = tokens.count - 1
        let from = end - 4
        guard from >= first, tokens[from].isKeyword("from"), tokens[end - 2].isKeyword("to"),
            !tokens[(from + 1)..<end].contains(where: { $0.isKeyword("from") })
        else {
            throw FormulaError(
                id: .explainSyntax, message: "end with 'from PERIOD to PERIOD', e.g. from 2024-Q1 to 2024-Q2", range: tokens[end].range)
        }
        let queryRange = span(first, from)
        let query = try subquery(first, from, endingAt: from > first ? tokens[from - 1].range.end : tokens[from].range.start)
        guard query.groupBy.count == 1, query.during == nil else {
            throw FormulaError(
                id: .explainSyntax, message: "explain change needs exactly one 'by FIELD' to split by, and takes its periods from 'from … to …'",
                range: queryRange)
        }
        let before = try changePeriod(at: from + 1)
        let after = try changePeriod(at: end - 1)
        index = end
        return ExplainChangeSyntax(
            query: query, from: before, to: after, queryRange: queryRange, fromRange: tokens[from + 1].range, toRange: tokens[end - 1].range)
    }

    /// One of explain change's periods: a calendar literal (`2024-Q1`, `2024-03`, `2024`, a date) or `ytd`-like word.
    private func changePeriod(at i: Int) throws(FormulaError) -> PeriodSyntax {
        var parser = Parser(source: source, tokens: [tokens[i]], endingAt: tokens[i].range.end)
        do {
            let period = try parser.period()
            try parser.expectEnd()
            return period
        } catch {
            throw Self.notAPeriod(tokens[i].range.text(in: source), at: tokens[i].range)
        }
    }

    /// The error for a word of explain change that is not a period (also when it does not resolve).
    public static func notAPeriod(_ text: String, at range: SourceRange) -> FormulaError {
        FormulaError(id: .explainSyntax, message: "'\(text)' is not a period (2024-Q1, 2024-03, 2024, a date)", range: range)
    }
}
