/// Parses formula text into statements: a hand-written Pratt parser over ``Lexer`` tokens.
///
/// Binding, lowest first: `or`, `and`, `not`, comparisons (`= != < <= > >= in between is contains
/// starts with`), `+ -`, `* /`, unary `-`, then the postfix `where` and `of`, which attach to the
/// term just before them: `rate where nurtured / rate where not nurtured` divides two filtered
/// rates. Inside a `where` condition a bare term ends the condition at an arithmetic operator,
/// while arithmetic next to a comparison stays inside it (`where amount > 2 * 1000`).
public struct Parser {
    let source: String
    var tokens: [Token]
    var index = 0
    /// How many expressions, prefix operators and conditions the parser is inside (see ``NestingLimit``).
    var descent = 0

    /// Tokenizes `source`.
    public init(_ source: String) throws(FormulaError) {
        self.source = source
        tokens = try Lexer.tokenize(source)
    }

    /// Parses one statement; the whole input must be consumed.
    public static func parseStatement(_ source: String) throws(FormulaError) -> Statement {
        // `? NAME`, `describe NAME`, `run …` and `goal remove|edit #N` take words the lexer does not read.
        if let statement = try shellStatement(source) { return statement }
        if let edit = try goalEdit(source) { return .goal(edit) }
        var parser: Parser
        do {
            parser = try Parser(source)
        } catch {
            throw startsGoal(source) ? FormulaError(id: .goalsSyntax, message: error.message, range: error.range) : error
        }
        let statement = try parser.statement()
        try parser.expectEnd()
        return statement
    }

    /// Parses one expression; the whole input must be consumed (a goal's `for` condition, as
    /// kept in its goal).
    public static func parseExpression(_ source: String) throws(FormulaError) -> Expr {
        var parser = try Parser(source)
        let expr = try parser.expression()
        try parser.expectEnd()
        return expr
    }

    /// Parses a period as written after `during` (`last 6 months`, `2024-Q3`); the whole input
    /// must be consumed.
    public static func parsePeriod(_ source: String) throws(FormulaError) -> PeriodSyntax {
        var parser = try Parser(source)
        let period = try parser.period()
        try parser.expectEnd()
        return period
    }

    /// A parser over some of another parser's tokens, ended by an end token at `end`: the part
    /// of a statement that is a query (compare's, before `vs`), its errors placed in the statement.
    init(source: String, tokens: [Token], endingAt end: Int) {
        self.source = source
        self.tokens = tokens + [Token(.end, SourceRange(end, end))]
    }

    /// Parses the query written at `fragment` of `source` (a goal's KPI in its statement); the
    /// whole fragment must be consumed, and ranges count from the start of `source`.
    public static func parseQuery(_ source: String, fragment: Range<Int>) throws(FormulaError) -> QuerySyntax {
        var parser = try Parser(source, from: fragment.lowerBound, to: fragment.upperBound)
        let query = try parser.query()
        try parser.expectEnd()
        return query
    }

    /// Parses the expression written at `fragment` of `source` (a goal's condition in its
    /// statement); the whole fragment must be consumed, and ranges count from the start of `source`.
    public static func parseExpression(_ source: String, fragment: Range<Int>) throws(FormulaError) -> Expr {
        var parser = try Parser(source, from: fragment.lowerBound, to: fragment.upperBound)
        let expr = try parser.expression()
        try parser.expectEnd()
        return expr
    }

    /// Tokenizes `source` from byte `offset` to `end` (its end by default), ranges counted from
    /// the start of `source`.
    init(_ source: String, from offset: Int, to end: Int? = nil) throws(FormulaError) {
        self.source = source
        let bytes = Array(source.utf8)
        let rest = String(decoding: bytes[min(offset, bytes.count)..<min(end ?? bytes.count, bytes.count)], as: UTF8.self)
        do {
            tokens = try Lexer.tokenize(rest).map { Token($0.kind, SourceRange($0.range.start + offset, $0.range.end + offset)) }
        } catch {
            throw FormulaError(
                id: error.id, message: error.message, range: SourceRange(error.range.start + offset, error.range.end + offset),
                suggestion: error.suggestion)
        }
    }

    /// Parses an expression with its query modifiers; the whole input must be consumed.
    public static func parseQuery(_ source: String) throws(FormulaError) -> QuerySyntax {
        var parser = try Parser(source)
        let query = try parser.query()
        try parser.expectEnd()
        return query
    }

    // MARK: - Token helpers

    var current: Token { tokens[index] }
    func peekToken(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    var isAtEnd: Bool { if case .end = current.kind { return true } else { return false } }

    private mutating func expectSymbol(_ symbol: String, _ context: String) throws(FormulaError) -> Token {
        guard current.isSymbol(symbol) else { throw unexpected("expected '\(symbol)' \(context)") }
        return advance()
    }

    private mutating func expectKeyword(_ word: String, _ context: String) throws(FormulaError) {
        guard current.isKeyword(word) else { throw unexpected("expected '\(word)' \(context)") }
        advance()
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "end of formula"
        case .identifier(let s): return "'\(s)'"
        case .quotedIdentifier(let s): return "`\(s)`"
        case .string(let s): return "\"\(s)\""
        case .symbol(let s): return "'\(s)'"
        default:
            let bytes = Array(source.utf8)
            return "'" + String(decoding: bytes[token.range.start..<min(token.range.end, bytes.count)], as: UTF8.self) + "'"
        }
    }

    func unexpected(_ expectation: String) -> FormulaError {
        FormulaError(id: .formulaSyntax, message: "\(expectation), found \(describe(current))", range: current.range)
    }

    mutating func expectEnd() throws(FormulaError) {
        guard isAtEnd else {
            var error = unexpected("expected end of formula")
            if let word = current.keyword {
                error.suggestion = NameSuggester.suggest(word, among: ["by", "where", "during", "of", "on", "top", "bottom", "limit", "as", "order"])
            }
            throw error
        }
    }

    mutating func identifier(_ context: String) throws(FormulaError) -> (String, SourceRange) {
        switch current.kind {
        case .identifier(let name), .quotedIdentifier(let name):
            let token = advance()
            return (name, token.range)
        default:
            throw unexpected("expected a name \(context)")
        }
    }

    mutating func integer(_ context: String) throws(FormulaError) -> Int {
        guard case .number(let value, true) = current.kind, value >= 0, value <= 1e9 else {
            throw unexpected("expected a whole number \(context)")
        }
        advance()
        return Int(value)
    }

    /// A node, refused when it makes the tree deeper than ``NestingLimit/syntax``: chains are
    /// built in loops, so the recursion guard in ``descend()`` alone would not see them.
    private func node(_ kind: ExprKind, _ range: SourceRange) throws(FormulaError) -> Expr {
        let expr = Expr(kind, range)
        guard expr.height <= NestingLimit.syntax else { throw NestingLimit.tooDeep(tokens[max(index - 1, 0)].range) }
        return expr
    }

    /// Enters one level of recursion (pair with `defer { descent -= 1 }`); past
    /// ``NestingLimit/descent`` the formula is refused before the stack runs out.
    private mutating func descend() throws(FormulaError) {
        descent += 1
        guard descent <= NestingLimit.descent else { throw NestingLimit.tooDeep(current.range, .descent) }
    }

    /// Refuses a query whose `where`/`of`/`on` wrapping made a measure too deep.
    private func checkHeights(_ query: QuerySyntax) throws(FormulaError) {
        for measure in query.measures where measure.expr.height > NestingLimit.syntax {
            throw NestingLimit.tooDeep(tokens[max(index - 1, 0)].range)
        }
    }

    // MARK: - Statements

    mutating func statement() throws(FormulaError) -> Statement {
        if let statement = try keywordStatement() { return statement }
        if current.isKeyword("let"), case .identifier = peekToken().kind, peekToken(2).isSymbol("=") {
            advance()
            let (name, _) = try identifier("after 'let'")
            _ = try expectSymbol("=", "after the name")
            return .define(name: name, value: try expression())
        }
        if current.isKeyword("kpi"), case .identifier = peekToken().kind, peekToken(2).isSymbol("=") {
            advance()
            return .kpi(try kpiDefinition())
        }
        // `explain (a / b) by month` explains a query that starts with a parenthesis; there is no explain() function.
        if current.isKeyword("explain"), !isEndToken(peekToken()) {
            advance()
            return .explain(try query())
        }
        return .query(try query())
    }

    private func isEndToken(_ token: Token) -> Bool { if case .end = token.kind { return true } else { return false } }

    private mutating func kpiDefinition() throws(FormulaError) -> KPIDefinitionSyntax {
        let (name, _) = try identifier("after 'kpi'")
        _ = try expectSymbol("=", "after the KPI name")
        let start = current.range.start
        let query = try self.query()
        let end = tokens[max(index - 1, 0)].range.end
        let bytes = Array(source.utf8)
        let text = String(decoding: bytes[start..<max(start, min(end, bytes.count))], as: UTF8.self)
        var definition = KPIDefinitionSyntax(name: name, query: query, formulaText: text)
        while !isAtEnd {
            if current.isSymbol(",") {
                advance()
            } else if current.isKeyword("unit") {
                advance()
                definition.unit = try identifier("after 'unit'").0
            } else if current.isKeyword("higher") || current.isKeyword("lower") {
                let higher = current.isKeyword("higher")
                advance()
                try expectKeyword("is", "in 'higher is better'")
                try expectKeyword("better", "in 'higher is better'")
                definition.higherIsBetter = higher
            } else if case .string(let text) = current.kind {
                advance()
                definition.summary = text
            } else {
                throw unexpected("expected 'unit', 'higher is better', 'lower is better' or a description")
            }
        }
        return definition
    }

    // MARK: - Queries

    mutating func query() throws(FormulaError) -> QuerySyntax {
        var query = QuerySyntax(expr: try expression())
        query.measures[0].name = try measureName()
        // More measures: `, expr [as name]`, unless the comma starts a KPI definition's options.
        while current.isSymbol(","), !startsDefinitionOption(peekToken()) {
            advance()
            let expr = try expression()
            query.measures.append(MeasureSyntax(expr, name: try measureName()))
        }
        while true {
            if current.isKeyword("by") {
                advance()
                repeat {
                    if current.isSymbol(",") { advance() }
                    // Keys are names or calls (`month(closed_at)`); a following `where` belongs to the query.
                    query.groupBy.append(GroupKeySyntax(try unary()))
                } while current.isSymbol(",") && !startsDefinitionOption(peekToken())
            } else if current.isKeyword("where") {
                advance()
                let condition = try self.condition()
                query.wrapMeasures { Expr(.filter($0, condition: condition), $0.range.union(condition.range)) }
                try checkHeights(query)
            } else if current.isKeyword("of") {
                advance()
                let (table, range) = try identifier("after 'of' (a table such as leads)")
                query.wrapMeasures { Expr(.of($0, table: table), $0.range.union(range)) }
                try checkHeights(query)
            } else if current.isKeyword("on") {
                advance()
                let (field, range) = try identifier("after 'on' (a date field such as closed_at)")
                query.wrapMeasures { Expr(.on($0, field: field), $0.range.union(range)) }
                try checkHeights(query)
            } else if current.isKeyword("during") {
                advance()
                let start = current.range
                query.during = try period()
                query.duringRange = start.union(tokens[max(index - 1, 0)].range)
            } else if current.isKeyword("top") || current.isKeyword("bottom") {
                let descending = current.isKeyword("top")
                advance()
                query.rank = .init(count: try integer("after 'top'/'bottom'"), descending: descending)
                if current.isKeyword("by"), let word = peekToken().keyword, word == "ci_low" || word == "confidence" {
                    advance()
                    advance()
                    query.rank?.byLowerBound = true
                }
            } else if current.isKeyword("order"), peekToken().isKeyword("by") {
                advance()
                advance()
                let (name, _) = try identifier("after 'order by' (value, funnel or a group key)")
                let key: QuerySyntax.Order.Key
                switch name.lowercased() {
                case "value": key = .value
                case "funnel": key = .funnel
                default: key = .key(name)
                }
                var descending = false
                if current.isKeyword("desc") || current.isKeyword("asc") {
                    descending = current.isKeyword("desc")
                    advance()
                }
                query.order = .init(key: key, descending: descending)
            } else if current.isKeyword("limit") {
                advance()
                query.limit = try integer("after 'limit'")
            } else {
                return query
            }
        }
    }

    private mutating func measureName() throws(FormulaError) -> String? {
        guard current.isKeyword("as") else { return nil }
        advance()
        return try identifier("after 'as'").0
    }

    private func startsDefinitionOption(_ token: Token) -> Bool {
        if case .string = token.kind { return true }
        return token.isKeyword("unit") || token.isKeyword("higher") || token.isKeyword("lower")
    }

    mutating func period() throws(FormulaError) -> PeriodSyntax {
        if current.isKeyword("last") {
            advance()
            var count = 1
            if case .number = current.kind { count = try integer("after 'last'") }
            let grain = try grain()
            if current.isKeyword("to"), peekToken().isKeyword("date") {
                advance()
                advance()
                return .lastToDate(count: count, grain: grain)
            }
            return .last(count: count, grain: grain)
        }
        if current.isKeyword("this") {
            advance()
            return .this(try grain())
        }
        if let word = current.keyword, let grain = ["ytd": TimeGrain.year, "qtd": .quarter, "mtd": .month, "wtd": .week][word] {
            advance()
            return .toDate(grain)
        }
        if current.isKeyword("from") {
            advance()
            let from = try primary()
            try expectKeyword("to", "in 'from ... to ...'")
            return .range(from: from, to: try primary())
        }
        switch current.kind {
        case .number(_, true), .month, .quarter, .instant:
            return .literal(try primary())
        default:
            throw unexpected("expected a period after 'during' (2024-Q3, 2024-10, 2024, last 90 days, this month, ytd, from ... to ...)")
        }
    }

    private mutating func grain() throws(FormulaError) -> TimeGrain {
        guard let word = current.keyword else { throw unexpected("expected day, week, month, quarter or year") }
        let singular = word.hasSuffix("s") ? String(word.dropLast()) : word
        guard let grain = TimeGrain(rawValue: singular) else { throw unexpected("expected day, week, month, quarter or year") }
        advance()
        return grain
    }

    // MARK: - Expressions

    mutating func expression() throws(FormulaError) -> Expr { try disjunction(inCondition: false) }

    /// A `where` condition (see the type's discussion for how it ends).
    mutating func condition() throws(FormulaError) -> Expr { try disjunction(inCondition: true) }

    private mutating func disjunction(inCondition: Bool) throws(FormulaError) -> Expr {
        try descend()
        defer { descent -= 1 }
        var lhs = try conjunction(inCondition: inCondition)
        while current.isKeyword("or") {
            advance()
            let rhs = try conjunction(inCondition: inCondition)
            lhs = try node(.binary(.or, lhs, rhs), lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func conjunction(inCondition: Bool) throws(FormulaError) -> Expr {
        var lhs = try negation(inCondition: inCondition)
        while current.isKeyword("and") {
            advance()
            let rhs = try negation(inCondition: inCondition)
            lhs = try node(.binary(.and, lhs, rhs), lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func negation(inCondition: Bool) throws(FormulaError) -> Expr {
        if current.isKeyword("not") {
            try descend()
            defer { descent -= 1 }
            let start = advance().range
            let operand = try negation(inCondition: inCondition)
            return try node(.unary(.not, operand), start.union(operand.range))
        }
        return try comparison(inCondition: inCondition)
    }

    private var startsComparison: Bool {
        if let word = current.keyword {
            if ["in", "between", "is", "contains", "starts"].contains(word) { return true }
            if word == "not", let next = peekToken().keyword, next == "in" || next == "between" { return true }
            return false
        }
        if case .symbol(let s) = current.kind { return ["=", "!=", "<", "<=", ">", ">="].contains(s) }
        return false
    }

    private mutating func comparison(inCondition: Bool) throws(FormulaError) -> Expr {
        // Inside a condition, operands are row values: `where`, `of` and `on` after them end the
        // condition instead of attaching to the value.
        let postfix = !inCondition
        let lhs: Expr
        if inCondition {
            let saved = index
            let trial = try additive(postfix: false)
            if !startsComparison, case .binary(let op, _, _) = trial.kind, op.isArithmetic {
                index = saved
                lhs = try unary()
            } else {
                lhs = trial
            }
        } else {
            lhs = try additive()
        }
        guard startsComparison else { return lhs }
        return try comparisonTail(lhs, postfix: postfix)
    }

    // Kept apart from comparison(inCondition:), which every parenthesis recurses through: at
    // -Onone a function's frame holds every case's temporaries, and deep formulas multiply it.
    private mutating func comparisonTail(_ lhs: Expr, postfix: Bool) throws(FormulaError) -> Expr {
        var negated = false
        if current.isKeyword("not") {
            negated = true
            advance()
        }
        if let word = current.keyword {
            switch word {
            case "in":
                advance()
                _ = try expectSymbol("(", "after 'in'")
                var items: [Expr] = []
                if !current.isSymbol(")") {
                    items.append(try additive(postfix: postfix))
                    while current.isSymbol(",") {
                        advance()
                        items.append(try additive(postfix: postfix))
                    }
                }
                let close = try expectSymbol(")", "to close the 'in' list")
                return try node(.inList(lhs, items, negated: negated), lhs.range.union(close.range))
            case "between":
                advance()
                let lower = try additive(postfix: postfix)
                try expectKeyword("and", "in 'between ... and ...'")
                let upper = try additive(postfix: postfix)
                return try node(.between(lhs, lower: lower, upper: upper, negated: negated), lhs.range.union(upper.range))
            case "is":
                let isToken = advance()
                var isNot = false
                if current.isKeyword("not") {
                    isNot = true
                    advance()
                }
                guard current.isKeyword("null") else { throw unexpected("expected 'null' after 'is'") }
                let end = advance().range
                return try node(.isNull(lhs, negated: isNot), lhs.range.union(isToken.range).union(end))
            case "contains":
                advance()
                let rhs = try additive(postfix: postfix)
                return try node(.binary(.contains, lhs, rhs), lhs.range.union(rhs.range))
            case "starts":
                advance()
                try expectKeyword("with", "after 'starts'")
                let rhs = try additive(postfix: postfix)
                return try node(.binary(.startsWith, lhs, rhs), lhs.range.union(rhs.range))
            default:
                break
            }
        }
        guard case .symbol(let symbol) = current.kind, let op = BinaryOperator(rawValue: symbol) else {
            throw unexpected("expected a comparison")
        }
        advance()
        let rhs = try additive(postfix: postfix)
        return try node(.binary(op, lhs, rhs), lhs.range.union(rhs.range))
    }

    mutating func additive(postfix: Bool = true) throws(FormulaError) -> Expr {
        var lhs = try multiplicative(postfix: postfix)
        while current.isSymbol("+") || current.isSymbol("-") {
            let op: BinaryOperator = current.isSymbol("+") ? .add : .subtract
            advance()
            let rhs = try multiplicative(postfix: postfix)
            lhs = try node(.binary(op, lhs, rhs), lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func multiplicative(postfix: Bool) throws(FormulaError) -> Expr {
        var lhs = postfix ? try postfixTerm() : try unary()
        while current.isSymbol("*") || current.isSymbol("/") {
            let op: BinaryOperator = current.isSymbol("*") ? .multiply : .divide
            advance()
            let rhs = postfix ? try postfixTerm() : try unary()
            lhs = try node(.binary(op, lhs, rhs), lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func postfixTerm() throws(FormulaError) -> Expr {
        var term = try unary()
        while true {
            if current.isKeyword("where") {
                advance()
                let condition = try self.condition()
                term = try node(.filter(term, condition: condition), term.range.union(condition.range))
            } else if current.isKeyword("of"), Parser.isName(peekToken()) {
                advance()
                let (table, range) = try identifier("after 'of'")
                term = try node(.of(term, table: table), term.range.union(range))
            } else if current.isKeyword("on"), Parser.isName(peekToken()) {
                advance()
                let (field, range) = try identifier("after 'on'")
                term = try node(.on(term, field: field), term.range.union(range))
            } else {
                return term
            }
        }
    }

    private mutating func unary() throws(FormulaError) -> Expr {
        if current.isSymbol("-") {
            try descend()
            defer { descent -= 1 }
            let start = advance().range
            let operand = try unary()
            return try node(.unary(.negate, operand), start.union(operand.range))
        }
        return try primary()
    }

    mutating func primary() throws(FormulaError) -> Expr {
        // Only parentheses recurse from here; the many other cases live in atom() so that this
        // frame, on the stack once per nesting level, stays small (see comparisonTail).
        guard current.isSymbol("(") else { return try atom() }
        let open = advance()
        let inner = try expression()
        let close = try expectSymbol(")", "to close '('")
        return try node(inner.kind, open.range.union(close.range))
    }

    private mutating func atom() throws(FormulaError) -> Expr {
        let token = current
        switch token.kind {
        case .number(let value, let isInteger):
            advance()
            return try node(.number(value, isInteger: isInteger), token.range)
        case .percent(let value):
            advance()
            return try node(.percent(value), token.range)
        case .duration(let seconds, let unit):
            advance()
            return try node(.duration(seconds: seconds, unit: unit), token.range)
        case .string(let text):
            advance()
            return try node(.string(text), token.range)
        case .instant(let ms, let hasTime):
            advance()
            return try node(.instant(milliseconds: ms, hasTime: hasTime), token.range)
        case .month(let year, let month):
            advance()
            return try node(.month(year: year, month: month), token.range)
        case .quarter(let year, let quarter):
            advance()
            return try node(.quarter(year: year, quarter: quarter), token.range)
        case .quotedIdentifier(let name):
            advance()
            return try qualifiedOrName(name, quoted: true, token.range)
        case .identifier(let name):
            switch name.lowercased() {
            case "true", "false":
                advance()
                return try node(.bool(name.lowercased() == "true"), token.range)
            case "null":
                advance()
                return try node(.null, token.range)
            case "exists":
                advance()
                let (table, tableRange) = try identifier("after 'exists' (a table such as activities)")
                var condition: Expr?
                var end = tableRange
                if current.isSymbol("(") {
                    advance()
                    if !current.isSymbol(")") { condition = try self.condition() }
                    end = try expectSymbol(")", "to close 'exists'").range
                }
                return try node(.exists(table: table, condition: condition), token.range.union(end))
            default:
                break
            }
            if Parser.reserved.contains(name.lowercased()) {
                throw unexpected("expected a value, a name or '('; '\(name)' is a keyword (quote a field with that name as `\(name)`)")
            }
            advance()
            if current.isSymbol("(") { return try call(name, token.range) }
            return try qualifiedOrName(name, quoted: false, token.range)
        default:
            throw unexpected("expected a value, a name or '('")
        }
    }

    private mutating func qualifiedOrName(_ name: String, quoted: Bool, _ range: SourceRange) throws(FormulaError) -> Expr {
        if current.isSymbol(".") {
            advance()
            let (field, fieldRange) = try identifier("after '.'")
            return try node(.qualified(table: name, field: field), range.union(fieldRange))
        }
        return try node(.name(name, quoted: quoted), range)
    }

    private mutating func call(_ name: String, _ nameRange: SourceRange) throws(FormulaError) -> Expr {
        advance()  // (
        var arguments: [Expr] = []
        var distinct = false
        if current.isKeyword("distinct") {
            distinct = true
            advance()
        }
        if !current.isSymbol(")") {
            arguments.append(try expression())
            while current.isSymbol(",") {
                advance()
                arguments.append(try expression())
            }
        }
        let close = try expectSymbol(")", "to close the arguments of \(name)")
        return try node(.call(name: name, arguments: arguments, distinct: distinct), nameRange.union(close.range))
    }

    /// Whether a token is a name, plain or back-quoted (`` `my leads` `` may follow `of`).
    private static func isName(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier, .quotedIdentifier: return true
        default: return false
        }
    }

    /// Words that cannot be used as bare names (back-quote a field that has one of these names).
    public static let reserved: Set<String> = [
        "and", "or", "not", "in", "between", "is", "where", "by", "during", "of", "top", "bottom", "limit",
        "contains", "starts", "distinct", "let", "kpi", "on", "as", "order",
    ]
}
