import KPICore
import Testing

@testable import KPIFormula

// Tiny AST builders: equality ignores ranges, so expectations are written without them.
func name(_ s: String) -> Expr { Expr(.name(s, quoted: false)) }
func int(_ v: Double) -> Expr { Expr(.number(v, isInteger: true)) }
func dec(_ v: Double) -> Expr { Expr(.number(v, isInteger: false)) }
func str(_ s: String) -> Expr { Expr(.string(s)) }
func bin(_ op: BinaryOperator, _ a: Expr, _ b: Expr) -> Expr { Expr(.binary(op, a, b)) }
func not(_ e: Expr) -> Expr { Expr(.unary(.not, e)) }
func neg(_ e: Expr) -> Expr { Expr(.unary(.negate, e)) }
func call(_ n: String, _ args: Expr..., distinct: Bool = false) -> Expr { Expr(.call(name: n, arguments: args, distinct: distinct)) }
func filter(_ e: Expr, _ c: Expr) -> Expr { Expr(.filter(e, condition: c)) }

private func expr(_ source: String) throws -> Expr { try Parser.parseQuery(source).expr }

@Suite("Parser: expressions")
struct ParserExpressionTests {
    @Test("binds or, and, not, comparison, additive, multiplicative and unary minus from loosest to tightest")
    func precedence() throws {
        let parsed = try expr("a or b and not c = 1 + 2 * -3")
        let expected = bin(.or, name("a"), bin(.and, name("b"), not(bin(.equal, name("c"), bin(.add, int(1), bin(.multiply, int(2), neg(int(3))))))))
        #expect(parsed == expected)
    }

    @Test("associates arithmetic to the left and obeys parentheses")
    func associativity() throws {
        #expect(try expr("a - b - c") == bin(.subtract, bin(.subtract, name("a"), name("b")), name("c")))
        #expect(try expr("a / b * c") == bin(.multiply, bin(.divide, name("a"), name("b")), name("c")))
        #expect(try expr("a - (b - c)") == bin(.subtract, name("a"), bin(.subtract, name("b"), name("c"))))
        #expect(try expr("(a or b) and c") == bin(.and, bin(.or, name("a"), name("b")), name("c")))
        #expect(try expr("not not a") == not(not(name("a"))))
        #expect(try expr("- -a") == neg(neg(name("a"))))
    }

    @Test("parses every comparison operator, with <> and == as aliases")
    func comparisons() throws {
        for (text, op) in [
            ("=", BinaryOperator.equal), ("==", .equal), ("!=", .notEqual), ("<>", .notEqual), ("<", .less), ("<=", .lessOrEqual),
            (">", .greater), (">=", .greaterOrEqual),
        ] {
            #expect(try expr("x \(text) 1") == bin(op, name("x"), int(1)))
        }
        #expect(try expr("name contains \"an\"") == bin(.contains, name("name"), str("an")))
        #expect(try expr("name starts with 'A'") == bin(.startsWith, name("name"), str("A")))
    }

    @Test("parses in, not in, between, not between, is null and is not null")
    func specialComparisons() throws {
        #expect(
            try expr("source in (\"Referral\", \"Partner\")") == Expr(.inList(name("source"), [str("Referral"), str("Partner")], negated: false)))
        #expect(try expr("x not in (1)") == Expr(.inList(name("x"), [int(1)], negated: true)))
        #expect(try expr("x in ()") == Expr(.inList(name("x"), [], negated: false)))
        #expect(try expr("x between 1 and 2 + 3") == Expr(.between(name("x"), lower: int(1), upper: bin(.add, int(2), int(3)), negated: false)))
        #expect(try expr("x not between 1 and 2") == Expr(.between(name("x"), lower: int(1), upper: int(2), negated: true)))
        #expect(try expr("x is null") == Expr(.isNull(name("x"), negated: false)))
        #expect(try expr("x is not null") == Expr(.isNull(name("x"), negated: true)))
        // `between`'s `and` is not a conjunction; a following `and` is.
        #expect(
            try expr("x between 1 and 2 and y")
                == bin(.and, Expr(.between(name("x"), lower: int(1), upper: int(2), negated: false)), name("y")))
        #expect(try expr("not x in (1)") == not(Expr(.inList(name("x"), [int(1)], negated: false))))
    }

    @Test("parses literals of every kind")
    func literals() throws {
        #expect(try expr("true") == Expr(.bool(true)))
        #expect(try expr("FALSE") == Expr(.bool(false)))
        #expect(try expr("null") == Expr(.null))
        #expect(try expr("25%") == Expr(.percent(0.25)))
        #expect(try expr("48h") == Expr(.duration(seconds: 172_800, unit: "h")))
        #expect(try expr("2024-10") == Expr(.month(year: 2024, month: 10)))
        #expect(try expr("2024-Q3") == Expr(.quarter(year: 2024, quarter: 3)))
        #expect(try expr("2024-03-01") == Expr(.instant(milliseconds: Fixture.instant("2024-03-01"), hasTime: false)))
        #expect(try expr("`Deal Owner`") == Expr(.name("Deal Owner", quoted: true)))
        #expect(try expr("leads.source") == Expr(.qualified(table: "leads", field: "source")))
        #expect(try expr("`my leads`.`Deal Owner`") == Expr(.qualified(table: "my leads", field: "Deal Owner")))
    }

    @Test("parses calls, count(distinct x) and exists")
    func calls() throws {
        #expect(try expr("count(leads)") == call("count", name("leads")))
        #expect(try expr("count()") == call("count"))
        #expect(try expr("count(distinct rep)") == call("count", name("rep"), distinct: true))
        #expect(try expr("percentile(amount, 0.9)") == call("percentile", name("amount"), dec(0.9)))
        #expect(try expr("hours_between(created_at, first_contact_at)") == call("hours_between", name("created_at"), name("first_contact_at")))
        #expect(
            try expr("count(leads where exists activities(type = \"meeting\"))")
                == call("count", filter(name("leads"), Expr(.exists(table: "activities", condition: bin(.equal, name("type"), str("meeting")))))))
        #expect(try expr("exists activities") == Expr(.exists(table: "activities", condition: nil)))
        #expect(try expr("exists activities()") == Expr(.exists(table: "activities", condition: nil)))
    }

    @Test("attaches a postfix where to the term before it, so two filtered rates divide")
    func postfixWhere() throws {
        let parsed = try expr("lead_conversion_rate where nurtured / lead_conversion_rate where not nurtured")
        #expect(
            parsed
                == bin(.divide, filter(name("lead_conversion_rate"), name("nurtured")), filter(name("lead_conversion_rate"), not(name("nurtured")))))
        #expect(
            try expr("count(leads where status = \"won\") / count(leads)")
                == bin(.divide, call("count", filter(name("leads"), bin(.equal, name("status"), str("won")))), call("count", name("leads"))))
    }

    @Test("keeps arithmetic beside a comparison inside the condition")
    func arithmeticInCondition() throws {
        #expect(
            try expr("count(leads where amount > 2 * 1000)")
                == call("count", filter(name("leads"), bin(.greater, name("amount"), bin(.multiply, int(2), int(1000))))))
        #expect(try expr("x where 2 * a > b") == filter(name("x"), bin(.greater, bin(.multiply, int(2), name("a")), name("b"))))
        #expect(try expr("x where a + 1 - b") == bin(.subtract, bin(.add, filter(name("x"), name("a")), int(1)), name("b")))
        #expect(try expr("x where a and b or c") == filter(name("x"), bin(.or, bin(.and, name("a"), name("b")), name("c"))))
    }

    @Test("attaches a postfix of to the term before it")
    func postfixOf() throws {
        #expect(
            try expr("avg(amount) of leads / count(spend)")
                == bin(.divide, Expr(.of(call("avg", name("amount")), table: "leads")), call("count", name("spend"))))
        // A back-quoted table works after a postfix `of` as it does after the query's `of`.
        #expect(try expr("(count(x) of `my leads`) + 1") == bin(.add, Expr(.of(call("count", name("x")), table: "my leads")), int(1)))
    }

    @Test("records source ranges in UTF-8 bytes")
    func ranges() throws {
        let source = "count(leads where source = \"José\") + 1"
        let parsed = try expr(source)
        #expect(parsed.range == SourceRange(0, source.utf8.count))
        guard case .binary(_, let lhs, let rhs) = parsed.kind else {
            Issue.record("not a binary operation")
            return
        }
        #expect(slice(source, lhs.range) == "count(leads where source = \"José\")")
        #expect(slice(source, rhs.range) == "1")
        #expect(try expr("(a)").range == SourceRange(0, 3))
    }
}

@Suite("Parser: queries and statements")
struct ParserQueryTests {
    @Test("parses by keys, a where after by, and during")
    func modifiers() throws {
        let query = try Parser.parseQuery("win_rate by rep where source in (\"Referral\", \"Partner\") during 2024-Q2")
        #expect(query.expr == filter(name("win_rate"), Expr(.inList(name("source"), [str("Referral"), str("Partner")], negated: false))))
        #expect(query.groupBy == [GroupKeySyntax(name("rep"))])
        #expect(query.during == .literal(Expr(.quarter(year: 2024, quarter: 2))))
    }

    @Test("parses of with several keys including a grain of a field")
    func ofAndKeys() throws {
        let query = try Parser.parseQuery("avg(hours_between(created_at, first_contact_at)) of leads by rep, month, month(closed_at)")
        #expect(query.expr == Expr(.of(call("avg", call("hours_between", name("created_at"), name("first_contact_at"))), table: "leads")))
        #expect(query.groupBy.map(\.expr) == [name("rep"), name("month"), call("month", name("closed_at"))])
        let q2 = try Parser.parseQuery("median(days_between(created_at, closed_at)) of leads where status = \"won\"")
        #expect(
            q2.expr
                == filter(
                    Expr(.of(call("median", call("days_between", name("created_at"), name("closed_at"))), table: "leads")),
                    bin(.equal, name("status"), str("won"))))
        // A quoted table after `of` at the query level.
        #expect(try Parser.parseQuery("count(x) by a of `my leads`").expr == Expr(.of(call("count", name("x")), table: "my leads")))
    }

    @Test(
        "parses every period form",
        arguments: [
            ("2024-Q2", PeriodSyntax.literal(Expr(.quarter(year: 2024, quarter: 2)))),
            ("2024-10", .literal(Expr(.month(year: 2024, month: 10)))),
            ("2024", .literal(int(2024))),
            ("2024-03-15", .literal(Expr(.instant(milliseconds: Fixture.instant("2024-03-15"), hasTime: false)))),
            ("last 90 days", .last(count: 90, grain: .day)),
            ("last 6 months", .last(count: 6, grain: .month)),
            ("last 2 weeks", .last(count: 2, grain: .week)),
            ("last month", .last(count: 1, grain: .month)),
            ("last quarter", .last(count: 1, grain: .quarter)),
            ("LAST 1 YEAR", .last(count: 1, grain: .year)),
            ("this month", .this(.month)),
            ("this week", .this(.week)),
            ("ytd", .toDate(.year)), ("qtd", .toDate(.quarter)), ("mtd", .toDate(.month)), ("wtd", .toDate(.week)),
            (
                "from 2024-01-01 to 2024-03-31",
                .range(
                    from: Expr(.instant(milliseconds: Fixture.instant("2024-01-01"), hasTime: false)),
                    to: Expr(.instant(milliseconds: Fixture.instant("2024-03-31"), hasTime: false)))
            ),
            ("from 2024-01 to 2024-Q2", .range(from: Expr(.month(year: 2024, month: 1)), to: Expr(.quarter(year: 2024, quarter: 2)))),
        ])
    func periods(text: String, period: PeriodSyntax) throws {
        #expect(try Parser.parseQuery("count(leads) during \(text)").during == period)
    }

    @Test("parses top, bottom and limit")
    func ranking() throws {
        let top = try Parser.parseQuery("win_rate by rep top 5")
        #expect(top.rank == QuerySyntax.Rank(count: 5, descending: true))
        #expect(try Parser.parseQuery("win_rate by rep bottom 3").rank == QuerySyntax.Rank(count: 3, descending: false))
        let limited = try Parser.parseQuery("count(leads) by source limit 10")
        #expect(limited.limit == 10)
        #expect(limited.rank == nil)
        // Modifiers come in any order.
        let mixed = try Parser.parseQuery("count(leads) limit 2 during 2024 by source top 1")
        #expect(mixed.limit == 2 && mixed.rank?.count == 1 && mixed.groupBy.count == 1 && mixed.during != nil)
    }

    @Test("parses let definitions, including a condition with two equals signs")
    func letStatement() throws {
        #expect(
            try Parser.parseStatement("let referral = source = \"Referral\"")
                == .define(name: "referral", value: bin(.equal, name("source"), str("Referral"))))
        #expect(
            try Parser.parseStatement("let big = amount > 5000 and status = 'won'")
                == .define(
                    name: "big", value: bin(.and, bin(.greater, name("amount"), int(5000)), bin(.equal, name("status"), str("won")))))
    }

    @Test("parses a KPI definition with its text, unit, direction and description")
    func kpiStatement() throws {
        let source = """
            kpi nurture_lift = lead_conversion_rate where nurtured / lead_conversion_rate where not nurtured unit ratio, higher is better, "How much better nurtured leads convert"
            """
        guard case .kpi(let definition) = try Parser.parseStatement(source) else {
            Issue.record("not a KPI definition")
            return
        }
        #expect(definition.name == "nurture_lift")
        #expect(definition.formulaText == "lead_conversion_rate where nurtured / lead_conversion_rate where not nurtured")
        #expect(definition.unit == "ratio")
        #expect(definition.higherIsBetter == true)
        #expect(definition.summary == "How much better nurtured leads convert")
        #expect(
            definition.query.expr
                == bin(.divide, filter(name("lead_conversion_rate"), name("nurtured")), filter(name("lead_conversion_rate"), not(name("nurtured")))))
    }

    @Test("keeps a KPI formula's modifiers in its text and accepts options in any order")
    func kpiWithModifiers() throws {
        guard case .kpi(let d) = try Parser.parseStatement("kpi volume = count(leads) by source during 2024 'Leads' lower is better unit count")
        else {
            Issue.record("not a KPI definition")
            return
        }
        #expect(d.formulaText == "count(leads) by source during 2024")
        #expect(d.query.groupBy.count == 1)
        #expect(d.summary == "Leads" && d.higherIsBetter == false && d.unit == "count")
        guard case .kpi(let bare) = try Parser.parseStatement("kpi n = count(leads)") else { return }
        #expect(bare.unit == nil && bare.higherIsBetter == nil && bare.summary == nil)
    }

    @Test("parses explain, also of a query that starts with a parenthesis")
    func explain() throws {
        #expect(try Parser.parseStatement("explain win_rate by rep") == .explain(try Parser.parseQuery("win_rate by rep")))
        #expect(
            try Parser.parseStatement("explain (count(leads) / count(spend)) by month")
                == .explain(try Parser.parseQuery("(count(leads) / count(spend)) by month")))
        #expect(try Parser.parseStatement("explain") == .query(QuerySyntax(expr: name("explain"))))
    }

    @Test("parses every example of the language guide", arguments: LanguageExamples.all)
    func guideExamples(source: String) throws {
        _ = try Parser.parseStatement(source)
    }
}

/// The examples from the issue and the language guide.
enum LanguageExamples {
    static let queries = [
        "count(leads)",
        "count(leads where status = \"won\") / count(leads)",
        "share(leads, status = \"won\")",
        "lead_conversion_rate by source",
        "win_rate by rep where source in (\"Referral\", \"Partner\") during 2024-Q2",
        "avg(hours_between(created_at, first_contact_at)) of leads by rep, month",
        "median(days_between(created_at, closed_at)) of leads where status = \"won\"",
        "count(leads) by month during last 6 months",
        "count(leads where exists activities(type = \"meeting\"))",
        "percentile(amount, 0.9) of leads where status = \"won\"",
        "win_rate by rep top 5",
        "lead_conversion_rate where nurtured / lead_conversion_rate where not nurtured",
    ]
    static let statements = [
        "let referral = source = \"Referral\"",
        "kpi nurture_lift = lead_conversion_rate where nurtured / lead_conversion_rate where not nurtured unit ratio, higher is better, \"How much better nurtured leads convert\"",
        "explain win_rate by rep top 5",
    ]
    static let all = queries + statements
}

@Suite("Parser: syntax errors")
struct ParserErrorTests {
    @Test(
        "reports what was expected, what was found and where",
        arguments: [
            ("count(leads", "expected ')' to close the arguments of count, found end of formula", 11, 11),
            ("win_rate by", "expected a value, a name or '(', found end of formula", 11, 11),
            ("count(leads) during banana", "expected a period after 'during'", 20, 26),
            ("count(leads) count(leads)", "expected end of formula, found 'count'", 13, 18),
            ("count(where)", "'where' is a keyword (quote a field with that name as `where`)", 6, 11),
            ("x is 5", "expected 'null' after 'is', found '5'", 5, 6),
            ("count(leads) top x", "expected a whole number after 'top'/'bottom', found 'x'", 17, 18),
            ("count(leads) limit 2.5", "expected a whole number after 'limit'", 19, 22),
            ("count(leads) limit -1", "expected a whole number after 'limit', found '-'", 19, 20),
            ("x between 1 2", "expected 'and' in 'between ... and ...', found '2'", 12, 13),
            ("x in 1", "expected '(' after 'in', found '1'", 5, 6),
            ("x in (1, 2", "expected ')' to close the 'in' list, found end of formula", 10, 10),
            ("x starts \"a\"", "expected 'with' after 'starts', found \"a\"", 9, 12),
            ("count(leads) during last 3 fortnights", "expected day, week, month, quarter or year, found 'fortnights'", 27, 37),
            ("count(leads) during from 2024 2025", "expected 'to' in 'from ... to ...', found '2025'", 30, 34),
            ("exists (x)", "expected a name after 'exists'", 7, 8),
            ("leads.", "expected a name after '.', found end of formula", 6, 6),
            ("(a + b", "expected ')' to close '(', found end of formula", 6, 6),
            ("", "expected a value, a name or '(', found end of formula", 0, 0),
            ("a +", "expected a value, a name or '(', found end of formula", 3, 3),
            ("count(leads) of 5", "expected a name after 'of'", 16, 17),
            ("kpi k = count(leads) unit", "expected a name after 'unit', found end of formula", 25, 25),
            ("kpi k = count(leads) higher better", "expected 'is' in 'higher is better', found 'better'", 28, 34),
            ("kpi k = count(leads) 5", "expected 'unit', 'higher is better', 'lower is better' or a description, found '5'", 21, 22),
            ("let x", "'let' is a keyword", 0, 3),
            ("count(leads) by source,", "expected a value, a name or '(', found end of formula", 23, 23),
            ("x = = 1", "expected a value, a name or '(', found '='", 4, 5),
            ("count(leads) during 2024-10-05T", "expected end of formula, found 'T'", 30, 31),
        ])
    func syntaxErrors(source: String, fragment: String, start: Int, end: Int) throws {
        let error = try #require(syntaxError(source), "\(source) parsed")
        #expect(error.id == "formula.syntax")
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(error.range == SourceRange(start, end), "\(source): \(error.range)")
    }

    @Test("rejects a during literal that is not a period")
    func periodWithFraction() throws {
        #expect(syntaxError("count(leads) during 2024.5")?.message.contains("expected a period") == true)
        #expect(syntaxError("count(leads) during \"2024\"") != nil)
    }

    @Test("parses a long chain of filtered terms in linear time")
    func longWhereChain() throws {
        // Every `where` condition tries an arithmetic parse and backtracks; nested chains must not multiply the work.
        let source = (0..<40).map { "count(leads) where a\($0)" }.joined(separator: " / ")
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try Parser.parseQuery(source) }
        #expect(elapsed < .seconds(2))
    }
}
