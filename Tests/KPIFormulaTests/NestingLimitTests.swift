import Foundation
import KPICore
import Testing

@testable import KPIFormula

/// A value handed back from the small-stack thread.
private final class Box<T>: @unchecked Sendable {
    var value: T?
}

/// Runs `body` on a thread with a 4 MiB stack — half what Linux gives threads by default, and
/// more than the deepest formula the limits let through needs in a debug build — and returns its
/// result. An overflow here is a crash of the whole test run: exactly the bug these tests guard
/// against.
func onSmallStack<T>(_ body: @escaping @Sendable () -> T) -> T {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = 4 * 1024 * 1024
    thread.start()
    done.wait()
    return box.value!
}

/// What every pass makes of `text`: "ok" when it parses, prints and parses back to the same
/// tree, plans, explains and runs; else the id of the first error and the text under its caret.
private func everyPass(_ text: String, _ environment: FormulaEnvironment = Fixture.environment()) -> String {
    onSmallStack {
        do {
            let query = try Parser.parseQuery(text)
            let printed = Printer.print(query)
            guard try Parser.parseQuery(printed) == query else { return "round trip changed the tree" }
            let plan = try Binder(environment: environment, source: text).plan(query)
            _ = PlanPrinter.describe(plan)
            _ = PlanPrinter.fields(of: plan)
            _ = try Executor(dataset: environment.dataset).run(plan)
            return "ok"
        } catch let error as FormulaError {
            let bytes = Array(text.utf8)
            let span = bytes[min(error.range.start, bytes.count)..<min(error.range.end, bytes.count)]
            return error.id.rawValue + " at " + String(decoding: span, as: UTF8.self)
        } catch {
            return "\(error)"
        }
    }
}

/// The largest `n` for which `make(n)` passes every pass, with the result for `n + 1`.
private func largestAccepted(_ make: (Int) -> String) -> (Int, String) {
    var n = 1
    while everyPass(make(n + 1)) == "ok" { n += 1 }
    return (n, everyPass(make(n + 1)))
}

@Suite("Nesting limits: deep formulas are refused with formula.too-deep, never a stack overflow")
struct NestingLimitTests {
    @Test(
        "thousands of parentheses, chained terms, ors, minus signs, nots and wheres are refused",
        arguments: [
            String(repeating: "(", count: 4000) + "count(leads)" + String(repeating: ")", count: 4000),
            "count(leads)" + String(repeating: " + 1", count: 6000),
            "count(leads where " + Array(repeating: "source = \"Web\"", count: 10_000).joined(separator: " or ") + ")",
            String(repeating: "- ", count: 10_000) + "count(leads)",
            "count(leads where " + String(repeating: "not ", count: 10_000) + "source = \"Web\")",
            "count(leads)" + String(repeating: " where source = \"Web\"", count: 10_000),
            "count(leads)" + String(repeating: " * count(leads where source = \"Web\")", count: 6000),
            String(repeating: "avg(", count: 4000) + "amount" + String(repeating: ")", count: 4000),
        ])
    func refused(text: String) {
        #expect(everyPass(text).hasPrefix("formula.too-deep at "))
    }

    @Test("the error has a caret where the limit is passed")
    func caret() throws {
        let text = "count(leads)" + String(repeating: " + 1", count: 100)
        let error = try #require(syntaxError(text))
        #expect(error.id == "formula.too-deep")
        #expect(error.message.contains("more than \(NestingLimit.syntax) levels"))
        // The term that made the chain too long, not the whole formula.
        #expect(error.range.end - error.range.start == 1)
        #expect(error.render(source: text).contains(" --> formula:1:"))
        let parens = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        let parenError = try #require(syntaxError(parens))
        #expect(parenError.id == "formula.too-deep")
        #expect(parenError.range == SourceRange(NestingLimit.descent, NestingLimit.descent + 1))
    }

    @Test(
        "formulas just inside the limits run through every pass on a small stack",
        arguments: [
            { (n: Int) in "count(leads)" + String(repeating: " + 1", count: n) },
            { (n: Int) in String(repeating: "(", count: n) + "count(leads)" + String(repeating: ")", count: n) },
            { (n: Int) in String(repeating: "- ", count: n) + "count(leads)" },
            { (n: Int) in "count(leads where " + Array(repeating: "source = \"Web\"", count: n).joined(separator: " or ") + ")" },
            { (n: Int) in "count(leads where " + String(repeating: "not ", count: n) + "source = \"Web\")" },
            { (n: Int) in "count(leads where " + String(repeating: "(", count: n) + "amount" + String(repeating: " + 1)", count: n) + " > 0)" },
            { (n: Int) in "count(leads)" + String(repeating: " where source = \"Web\"", count: n) },
        ] as [@Sendable (Int) -> String])
    func justInside(make: @Sendable (Int) -> String) {
        let (n, next) = largestAccepted(make)
        #expect(n >= NestingLimit.syntax - 6)
        #expect(next.hasPrefix("formula.too-deep at "))
    }

    @Test("a chain of let definitions, each within the limit, is refused once expanded")
    func expandedDefinitions() {
        var definitions: [String: String] = ["d0": "count(leads)" + String(repeating: " + 1", count: 50)]
        var conditions: [String: String] = ["c0": Array(repeating: "source = \"Web\"", count: 50).joined(separator: " or ")]
        for i in 1..<60 {
            definitions["d\(i)"] = "d\(i - 1)" + String(repeating: " + 1", count: 50)
            conditions["c\(i)"] = "c\(i - 1) or " + Array(repeating: "source = \"Web\"", count: 49).joined(separator: " or ")
        }
        let environment = Fixture.environment(definitions: definitions.merging(conditions) { a, _ in a })
        #expect(everyPass("d59", environment) == "formula.too-deep at d59")
        #expect(everyPass("count(leads where c59)", environment).hasPrefix("formula.too-deep at c59"))
        #expect(everyPass("d1", environment) == "ok")
        // Near both limits at once: the user's own chain on top of two expanded ones.
        #expect(everyPass("d1" + String(repeating: " + 1", count: NestingLimit.syntax - 4), environment) == "ok")
        #expect(everyPass("count(leads where c1)", environment) == "ok")
    }

    @Test("a chain of KPIs, each within the limit, is refused at the KPI's name")
    func expandedKPIs() throws {
        struct Chain: KPIModule {
            let name = "chain"
            let version = "1.0.0"
            let summary = "KPIs that build on each other"
            func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
                for i in 0..<60 {
                    registrar.add(
                        FormulaKPI(
                            id: "k\(i)", title: "K\(i)", summary: "", unit: .count, direction: .neutral, dateBasis: nil, requirements: [],
                            formula: (i == 0 ? "count(leads)" : "k\(i - 1)") + String(repeating: " + 1", count: 50)))
                }
            }
        }
        var registry = KPIRegistry()
        try registry.register(Chain(), origin: .builtIn)
        let environment = FormulaEnvironment(dataset: Fixture.dataset, registry: registry, asOf: Fixture.asOf)
        #expect(everyPass("k59 + 1", environment) == "formula.too-deep at k59")
        #expect(everyPass("k1", environment) == "ok")
    }

    @Test("the lexer refuses runaway parentheses before parsing")
    func lexer() throws {
        let text = String(repeating: "(", count: 1_000_000)
        do {
            _ = try Lexer.tokenize(text)
            Issue.record("expected formula.too-deep")
        } catch {
            #expect(error.id == "formula.too-deep")
            #expect(error.range.start == NestingLimit.descent)
        }
    }
}
