import KPICore
import Testing

@testable import KPIFormula

/// The error `source` fails to parse with, as (id, message, the text under the caret).
private func failure(_ source: String) -> (id: String, message: String, underCaret: String)? {
    do {
        _ = try Parser.parseStatement(source)
        return nil
    } catch {
        let bytes = Array(source.utf8)
        let text = String(decoding: bytes[min(error.range.start, bytes.count)..<min(error.range.end, bytes.count)], as: UTF8.self)
        return (error.id.rawValue, error.message, text)
    }
}

/// Where the caret of `source`'s error starts, in bytes.
private func caret(_ source: String) -> Int? {
    do {
        _ = try Parser.parseStatement(source)
        return nil
    } catch {
        return error.range.start
    }
}

private func query(_ source: String) throws -> QuerySyntax { try Parser.parseQuery(source) }

@Suite("Parser: compare")
struct CompareStatementTests {
    @Test("reads every baseline after the last top-level vs")
    func baselines() throws {
        for (text, baseline) in [
            ("previous", CompareSyntax.Baseline.previous), ("previous period", .previous), ("last year", .lastYear), ("team", .team),
            ("goal", .goal), ("goals", .goal), ("3 periods ago", .periodsAgo(3)), ("1 period ago", .periodsAgo(1)), ("PREVIOUS", .previous),
        ] {
            let parsed = try Parser.parseStatement("compare win_rate by rep during 2024-Q1 vs \(text)")
            #expect(try parsed == .compare(CompareSyntax(query: query("win_rate by rep during 2024-Q1"), baseline: baseline)), "\(text)")
        }
        // A `vs` inside parentheses or a string belongs to the query.
        let nested = try Parser.parseStatement(#"compare count(leads where source = "x vs y") vs previous"#)
        #expect(try nested == .compare(CompareSyntax(query: query(#"count(leads where source = "x vs y")"#), baseline: .previous)))
    }

    @Test("records where the query and the baseline are written")
    func ranges() throws {
        let source = "compare lead_volume during 2024-01 vs 3 periods ago"
        guard case .compare(let comparison) = try Parser.parseStatement(source) else {
            Issue.record("not a comparison")
            return
        }
        let bytes = Array(source.utf8)
        let text = { (r: SourceRange) in String(decoding: bytes[r.start..<r.end], as: UTF8.self) }
        #expect(text(comparison.queryRange) == "lead_volume during 2024-01")
        #expect(text(comparison.baselineRange) == "3 periods ago")
        #expect(text(comparison.query.duringRange) == "2024-01")
    }

    @Test("keeps the ids and messages of its errors, each under the place it concerns")
    func errors() {
        let missing = failure("compare lead_volume during 2024-01")
        #expect(missing?.id == "compare.syntax")
        #expect(missing?.message == "expected 'vs previous', 'vs last year', 'vs N periods ago', 'vs team' or 'vs goal' at the end")
        #expect(caret("compare lead_volume during 2024-01") == 34)

        let unknown = failure("compare lead_volume during 2024-01 vs yesterday")
        #expect(unknown?.id == "compare.syntax")
        #expect(unknown?.message == "unknown baseline 'yesterday'; use previous, last year, N periods ago or team")
        #expect(unknown?.underCaret == "yesterday")

        // An error in the query points into the statement, not into the query on its own.
        let inQuery = failure("compare count(leads where) vs previous")
        #expect(inQuery?.id == "formula.syntax")
        #expect(caret("compare count(leads where) vs previous") == 25)
    }

    @Test("compare( is a call, and compare alone a name, as before")
    func notAComparison() throws {
        #expect(try Parser.parseStatement("compare(x)") == .query(query("compare(x)")))
        #expect(try Parser.parseStatement("compare") == .query(query("compare")))
    }
}

@Suite("Parser: explain change")
struct ExplainChangeStatementTests {
    @Test("reads the query and the two periods at the end")
    func parses() throws {
        let parsed = try Parser.parseStatement("explain change lead_conversion_rate by source from 2024-Q1 to 2024-03")
        let q1 = try query("x during 2024-Q1").during!, march = try query("x during 2024-03").during!
        #expect(try parsed == .explainChange(ExplainChangeSyntax(query: query("lead_conversion_rate by source"), from: q1, to: march)))
        // `explain change(…)` and `explain change` alone are plans of a query, as before.
        #expect(try Parser.parseStatement("explain change") == .explain(query("change")))
    }

    @Test("keeps its errors' ids and messages, with carets in the statement")
    func errors() {
        let noPeriods = failure("explain change lead_volume by source")
        #expect(noPeriods?.id == "explain.syntax")
        #expect(noPeriods?.message == "end with 'from PERIOD to PERIOD', e.g. from 2024-Q1 to 2024-Q2")

        let twoKeys = failure("explain change lead_volume by source, rep from 2024-Q1 to 2024-Q2")
        #expect(twoKeys?.message == "explain change needs exactly one 'by FIELD' to split by, and takes its periods from 'from … to …'")
        #expect(twoKeys?.underCaret == "lead_volume by source, rep")

        let notPeriod = failure("explain change lead_volume by source from 2024-Q1 to soon")
        #expect(notPeriod?.id == "explain.syntax")
        #expect(notPeriod?.message == "'soon' is not a period (2024-Q1, 2024-03, 2024, a date)")
        #expect(notPeriod?.underCaret == "soon")

        // Before, the query was re-parsed on its own and its errors pointed into that text.
        #expect(caret("explain change count(leads where) by source from 2024-Q1 to 2024-Q2") == 32)
    }
}

@Suite("Parser: goal statements")
struct GoalStatementParserTests {
    @Test("reads the KPI, target, deadline, scope, start and note")
    func goal() throws {
        let parsed = try Parser.parseStatement(#"goal count(leads where amount >= 1000) >= 20% by 2024-Q4 for rep = "Ana" from 2024-07-01 "stretch""#)
        guard case .goal(.add(let goal)) = parsed else {
            Issue.record("not a goal: \(parsed)")
            return
        }
        #expect(try goal.kpi == query("count(leads where amount >= 1000)"))
        #expect(goal.atLeast && goal.targetIsPercent && goal.target == 0.2)
        #expect(goal.deadline == CivilDate(year: 2024, month: 12, day: 31))
        #expect(goal.start == CivilDate(year: 2024, month: 7, day: 1))
        #expect(goal.scope == bin(.equal, name("rep"), str("Ana")))
        #expect(goal.note == "stretch")
        #expect(
            try Parser.parseGoal("goal win_rate <= -5 by 2025")
                == GoalSyntax(
                    kpi: query("win_rate"), atLeast: false, target: -5, deadline: CivilDate(year: 2025, month: 12, day: 31)))
    }

    @Test("reads goal remove, goal edit and goals, with or without #")
    func edits() throws {
        #expect(try Parser.parseStatement("goal remove #3") == .goal(.remove(3)))
        #expect(try Parser.parseStatement("goal remove 3") == .goal(.remove(3)))
        guard case .goal(.edit(2, let goal)) = try Parser.parseStatement("goal edit #2 win_rate >= 30% by 2024-12-31") else {
            Issue.record("not an edit")
            return
        }
        #expect(try goal.kpi == query("win_rate"))
        #expect(try Parser.parseStatement("goals") == .goal(.report(showsRules: false)))
        #expect(try Parser.parseStatement("goals why") == .goal(.report(showsRules: true)))
    }

    @Test("keeps the goal errors' ids and messages, at the place they concern")
    func errors() {
        let noTarget = failure("goal win_rate by 2024-12-31")
        #expect(noTarget?.id == "goals.syntax")
        #expect(noTarget?.message == "expected '>= TARGET' or '<= TARGET' after the KPI")

        let stray = failure("goal win_rate > 30% by 2024-12-31")
        #expect(stray?.message == "expected '>= TARGET' or '<= TARGET' after the KPI (only >= and <= compare with a target)")
        #expect(stray?.underCaret == ">")

        let twice = failure("goal win_rate >= 30% by 2024-12-31 by 2025-12-31")
        #expect(twice?.message == "'by' is given twice")
        #expect(caret("goal win_rate >= 30% by 2024-12-31 by 2025-12-31") == 35)

        let badKPI = failure("goal count(leads where) >= 3 by 2024")
        #expect(badKPI?.id == "goals.formula")
        #expect(badKPI?.message.hasPrefix("in the KPI: ") == true)
        #expect(caret("goal count(leads where) >= 3 by 2024") == 22)

        let badDate = failure("goal win_rate >= 30% by soon")
        #expect(badDate?.message == "expected a date (2024-12-31) as the deadline (a date, month, quarter or year)")
        #expect(badDate?.underCaret == "soon")

        // The lexer's errors in a goal are the goal's.
        #expect(failure("goal win_rate >= 30% by 2024-12-31 §")?.id == "goals.syntax")
    }

    @Test("an error in goal edit points into the statement as typed")
    func editErrorPlace() {
        // Before, the goal after `edit N` was re-parsed as "goal " + the rest: the caret fell
        // 8 characters short of `soon`.
        let source = "goal edit 12 win_rate >= 30% by soon"
        #expect(failure(source)?.underCaret == "soon")
        #expect(caret(source) == 32)
    }
}

@Suite("Parser: the shell's statements")
struct ShellStatementParserTests {
    @Test("reads ? NAME and describe NAME, and leaves describe(…) to the query")
    func describe() throws {
        #expect(try Parser.parseStatement("? win_rate") == .describe("win_rate"))
        #expect(try Parser.parseStatement("?median") == .describe("median"))
        #expect(try Parser.parseStatement("describe  win_rate ") == .describe("win_rate"))
        #expect(try Parser.parseStatement("describe(x)") == .query(query("describe(x)")))
    }

    @Test("reads run RECIPE with NAME=VALUE arguments, quotes kept")
    func run() throws {
        #expect(try Parser.parseStatement("run") == .runRecipe(RunRecipeSyntax(recipe: nil)))
        let parsed = try Parser.parseStatement(#"run rep-scorecard rep="Ana Ruiz" period=2024-Q3"#)
        #expect(
            parsed
                == .runRecipe(
                    RunRecipeSyntax(
                        recipe: "rep-scorecard",
                        arguments: [
                            .init(name: "rep", value: #""Ana Ruiz""#), .init(name: "period", value: "2024-Q3"),
                        ])))
    }

    @Test("a run argument that is not NAME=VALUE has its caret under it (it had none)")
    func runArgumentCaret() {
        let bad = failure("run rep-scorecard rep=Ana =x")
        #expect(bad?.id == "recipe.bad-argument")
        #expect(bad?.message == "'=x' is not NAME=VALUE")
        #expect(bad?.underCaret == "=x")
    }
}

@Suite("Parser: fragments")
struct FragmentParserTests {
    @Test("a fragment of a longer text parses with ranges in that text")
    func fragment() throws {
        let text = #"goal win_rate >= 30% for rep = "Ana""#
        let condition = try Parser.parseExpression(text, fragment: 25..<36)
        #expect(condition == bin(.equal, name("rep"), str("Ana")))
        #expect(condition.range == SourceRange(25, 36))
        #expect(throws: FormulaError.self) { try Parser.parseQuery(text, fragment: 5..<16) }
        #expect(try Parser.parsePeriod("last 6 months") == .last(count: 6, grain: .month))
    }
}

@Suite("Printer: statements")
struct StatementPrinterTests {
    @Test("every statement kind prints to text that parses back to it")
    func roundTrip() throws {
        for source in [
            "compare win_rate by rep during last quarter vs team", "compare lead_volume vs 3 periods ago", "compare (a / b) vs previous period",
            "explain change lead_conversion_rate by source from 2024-10 to 2024-Q4",
            #"goal count(leads where amount >= 1000) >= 20 by 2024-12 for rep = "Ana" from 2024-07-01 "stretch""#,
            "goal win_rate >= 30% by 2024-12-31", "goal remove #4", "goal edit 2 win_rate <= -3 by 2025", "goals", "goals why",
            "? win_rate", "describe win_rate", #"run rep-scorecard rep="Ana Ruiz" period=2024-Q3"#, "run",
        ] {
            let statement = try Parser.parseStatement(source)
            let printed = Printer.print(statement)
            #expect(try Parser.parseStatement(printed) == statement, "\(source) printed as \(printed)")
            #expect(try Printer.print(Parser.parseStatement(printed)) == printed, "\(printed)")
        }
    }
}

@Suite("Printer: random statements of the new kinds")
struct RandomStatementRoundTripTests {
    @Test("random compare, explain change and goal statements print to text that parses back to them", arguments: [21, 22] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        var generator = SyntaxGenerator(seed: seed)
        for case_ in 0..<300 {
            let statement: Statement
            switch generator.random.int(0...2) {
            case 0:
                let baseline = generator.random.pick([
                    CompareSyntax.Baseline.previous, .lastYear, .team, .goal, .periodsAgo(generator.random.int(1...40)),
                ])
                statement = .compare(CompareSyntax(query: generator.query(depth: 3), baseline: baseline))
            case 1:
                var query = generator.query(depth: 3)
                query.groupBy = [GroupKeySyntax(generator.groupKey())]
                query.during = nil
                let from: PeriodSyntax = .literal(generator.calendarLiteral()), to: PeriodSyntax = .toDate(.year)
                statement = .explainChange(ExplainChangeSyntax(query: query, from: from, to: to))
            default:
                var goal = GoalSyntax(
                    kpi: generator.query(depth: 3), atLeast: generator.random.chance(0.5), target: Double(generator.random.int(0...500)),
                    targetIsPercent: generator.random.chance(0.3))
                if generator.random.chance(0.5) { goal.deadline = CivilDate(year: generator.random.int(1990...2030), month: 12, day: 31) }
                if generator.random.chance(0.5) { goal.scope = bin(.equal, name(generator.name()), str(generator.string())) }
                if generator.random.chance(0.3) { goal.note = generator.string() }
                statement = .goal(generator.random.chance(0.5) ? .add(goal) : .edit(generator.random.int(1...99), goal))
            }
            guard expectRoundTrip(statement, "seed \(seed) case \(case_)") else { return }
        }
    }
}
