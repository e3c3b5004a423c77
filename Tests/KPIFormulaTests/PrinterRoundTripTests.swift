import KPICore
import Testing

@testable import KPIFormula

/// Prints `statement`, parses the text back and expects the same tree; records a failure
/// (with `context` and the printed text) and returns false otherwise, so a random run stops at
/// its first counterexample.
func expectRoundTrip(
    _ statement: Statement, _ context: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Bool {
    let text = Printer.print(statement)
    do {
        let reparsed = try Parser.parseStatement(text)
        #expect(reparsed == statement, "\(context): \(text)", sourceLocation: sourceLocation)
        return reparsed == statement
    } catch {
        Issue.record("\(context): \(text)\n\(error.render(source: text))", sourceLocation: sourceLocation)
        return false
    }
}

@Suite("Printer round trips")
struct PrinterRoundTripTests {
    @Test("prints random syntax trees as text that parses back to the same tree", arguments: [1, 2, 3, 4] as [UInt64])
    func randomStatements(seed: UInt64) throws {
        var generator = SyntaxGenerator(seed: seed)
        for case_ in 0..<1_000 {
            let statement = generator.statement(depth: 4)
            guard expectRoundTrip(statement, "seed \(seed) case \(case_)") else { return }
        }
    }

    @Test("prints random queries that parse back with parseQuery", arguments: [11, 12] as [UInt64])
    func randomQueries(seed: UInt64) throws {
        var generator = SyntaxGenerator(seed: seed)
        for case_ in 0..<1_000 {
            let query = generator.query(depth: 3)
            let text = Printer.print(query)
            let reparsed = try? Parser.parseQuery(text)
            #expect(reparsed == query, "seed \(seed) case \(case_): \(text)")
            if reparsed != query { return }
        }
    }

    @Test("prints and re-parses every guide example to the same statement", arguments: LanguageExamples.all)
    func examples(source: String) throws {
        // A definition keeps its formula as written, which equality ignores like ranges.
        let statement = try Parser.parseStatement(source)
        let printed = Printer.print(statement)
        #expect(try Parser.parseStatement(printed) == statement, "\(printed)")
        // Printing is a fixed point after one round.
        #expect(Printer.print(try Parser.parseStatement(printed)) == printed)
    }

    @Test("prints negation of a negation without starting a comment")
    func doubleNegation() throws {
        let e = try Parser.parseQuery("- -amount").expr
        let printed = Printer.print(e)
        #expect(!printed.contains("--"))
        #expect(try Parser.parseQuery(printed).expr == e)
    }

    @Test("prints percentages and durations that re-read to the same value", arguments: ["7%", "0.1%", "14.3%", "0.1min", "1.1h", "0.7w", "2.675d"])
    func decimalLiterals(source: String) throws {
        let e = try Parser.parseQuery(source).expr
        #expect(try Parser.parseQuery(Printer.print(e)).expr == e, "\(Printer.print(e))")
    }

    @Test("quotes names the lexer would not read as one name")
    func quoting() {
        #expect(Printer.print(Expr(.name("Deal Owner", quoted: false))) == "`Deal Owner`")
        #expect(Printer.print(Expr(.name("where", quoted: false))) == "`where`")
        #expect(Printer.print(Expr(.name("2fast", quoted: false))) == "`2fast`")
        #expect(Printer.print(Expr(.name("José", quoted: false))) == "José")
        #expect(Printer.print(Expr(.name("€uro", quoted: false))) == "`€uro`")
        #expect(Printer.print(Expr(.name("Gro\u{301}ße", quoted: false))) == "Gro\u{301}ße")
        #expect(Printer.print(Expr(.qualified(table: "true", field: "x"))) == "`true`.x")
        #expect(Printer.print(Expr(.of(Expr(.name("x", quoted: false)), table: "my leads"))) == "(x of `my leads`)")
    }

    @Test("prints a KPI definition whose formula ends in group keys so the options stay options")
    func kpiWithKeysAndOptions() throws {
        let source = "kpi volume = count(leads) by source, higher is better, \"Leads per source\""
        guard case .kpi(let d) = try Parser.parseStatement(source) else {
            Issue.record("not a KPI")
            return
        }
        #expect(d.query.groupBy.count == 1)
        #expect(d.higherIsBetter == true)
        #expect(d.summary == "Leads per source")
        #expect(d.formulaText == "count(leads) by source")
        #expect(try Parser.parseStatement(Printer.print(.kpi(d))) == .kpi(d))
    }
}
