import KPICore
import Testing

@testable import KPIFormula

/// Functions a Swift module registers: the binder checks their calls and units, the planner
/// names them, the executor runs their kernels; the registry refuses bad or clashing ones.
@Suite("Module functions")
struct ModuleFunctionTests {
    struct FunctionModule: KPIModule {
        var name = "test-functions"
        let version = "1.0.0"
        let summary = "Functions for tests"
        var functions: [ModuleFunction] = [FunctionModule.clampBetween, FunctionModule.initial, FunctionModule.spread]
        var kpis: [any KPI] = []

        func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
            for kpi in kpis { registrar.add(kpi) }
            for function in functions { registrar.add(function) }
        }

        /// x limited to [lo, hi], in x's unit.
        static let clampBetween = ModuleFunction.row(
            "clamp_between", parameters: [.number, .number, .number], result: .number, unit: .sameAsArgument(0),
            summary: "x limited to [lo, hi].", example: "avg(clamp_between(amount, 0, 2500)) of leads"
        ) { arguments in
            let (x, lo, hi) = (arguments[0].numbers!, arguments[1].numbers!, arguments[2].numbers!)
            let out = ContiguousArray((0..<arguments.rowCount).map { Swift.min(Swift.max(x[$0], lo[$0]), hi[$0]) })
            return Column(name: "clamp_between", data: .double(out), validity: arguments.allValid)
        }

        /// The first character of a text.
        static let initial = ModuleFunction.row(
            "initial", parameters: [.text], result: .text, unit: .fixed(.text), summary: "The first character.",
            example: "count(leads where initial(source) = \"W\")"
        ) { arguments in
            let values = (0..<arguments.rowCount).map { row -> Value in
                guard case .text(let s) = arguments[0].value(at: row) else { return .null }
                return .text(String(s.prefix(1)))
            }
            return Column(name: "initial", type: .text, values: values)
        }

        /// Largest minus smallest value.
        static let spread = ModuleFunction.aggregate(
            "spread", parameter: .number, unit: .sameAsArgument(0), summary: "Largest minus smallest value.",
            example: "spread(amount) of leads"
        ) { values in values.max()! - values.min()! }
    }

    static func environment(_ module: FunctionModule = FunctionModule()) throws -> FormulaEnvironment {
        var environment = Fixture.environment()
        var registry = Fixture.registry
        try registry.register(module, origin: .swiftPlugin(target: "TestFunctions"))
        environment.registry = registry
        return environment
    }

    static func error(_ text: String) throws -> FormulaError? { formulaError(text, try environment()) }

    @Test("a row function binds with the unit of its argument and runs its kernel: amounts clamped to 2,500")
    func rowFunction() throws {
        let result = try evaluate("avg(clamp_between(amount, 0, 2500)) of leads", try Self.environment())
        // Amounts 1000, 3000, 2000 and 10000 (the rest null) clamp to 1000, 2500, 2000, 2500.
        #expect(result.rows[0].measure.value == 2000)
        #expect(result.units == [.money])
        let text = try evaluate("count(leads where initial(source) = \"W\")", try Self.environment())
        #expect(text.rows[0].measure.value == 3)
    }

    @Test("an aggregate runs its kernel per group, on the group's non-null values")
    func aggregate() throws {
        let total = try evaluate("spread(amount) of leads", try Self.environment())
        #expect(total.rows[0].measure.value == 9000)
        #expect(total.units == [.money])
        let byRep = try evaluate("spread(amount) of leads by rep", try Self.environment())
        let values = Dictionary(uniqueKeysWithValues: byRep.rows.map { ($0.keys[0], $0.measure.value) })
        #expect(values == [.text("Ana"): 9000, .text("Bo"): 0, .text("Cy"): 0])
        // A group without values has none, and the kernel is not asked.
        let none = try evaluate("spread(amount) of leads where status = \"open\"", try Self.environment())
        #expect(none.rows[0].measure.value == nil)
    }

    @Test("a call with the wrong number of arguments is an arity error at the call")
    func arity() throws {
        let source = "avg(clamp_between(amount, 0)) of leads"
        let error = try #require(try Self.error(source))
        #expect(error.id == "formula.arity")
        #expect(error.message == "clamp_between (module test-functions) takes 3 argument(s): clamp_between(number, number, number)")
        #expect(slice(source, error.range) == "clamp_between(amount, 0)")
        let aggregate = "spread(amount, 2) of leads"
        #expect(slice(aggregate, try #require(try Self.error(aggregate)).range) == "spread(amount, 2)")
    }

    @Test("an argument of the wrong type is a type error at the argument, naming the module")
    func argumentType() throws {
        let source = "avg(clamp_between(amount, source, 1)) of leads"
        let error = try #require(try Self.error(source))
        #expect(error.id == "formula.type")
        #expect(error.message == "clamp_between (module test-functions) needs a number as argument 2; this is text")
        #expect(slice(source, error.range) == "source")
        let aggregate = "spread(created_at) of leads"
        let dates = try #require(try Self.error(aggregate))
        #expect(dates.message == "spread (module test-functions) needs a number as its argument; this is a date")
        #expect(slice(aggregate, dates.range) == "created_at")
    }

    @Test("a row function is aggregated, and an aggregate is not nested, as with the built-ins")
    func placement() throws {
        let row = try #require(try Self.error("clamp_between(1, 2, 3)"))
        #expect(row.id == "formula.type")
        #expect(row.message.contains("gives a value per row; aggregate it"))
        let nested = try #require(try Self.error("count(leads where spread(amount) > 0)"))
        #expect(nested.id == "formula.type")
        #expect(nested.message.contains("spread (module test-functions) is an aggregate; aggregates cannot be nested"))
    }

    @Test("a misspelt module function is suggested; without the module it is unknown")
    func suggestions() throws {
        let error = try #require(try Self.error("avg(clamp_betwen(amount, 0, 1)) of leads"))
        #expect(error.id == "formula.unknown-function")
        #expect(error.suggestion == "clamp_between")
        #expect(formulaError("avg(clamp_between(amount, 0, 1)) of leads")?.id == "formula.unknown-function")
    }

    @Test("the plan names the module's function and equal calls plan once")
    func plan() throws {
        let environment = try Self.environment()
        let plan = try KPIFormulaTests.plan(
            "sum(clamp_between(amount, 0, 10)) of leads / sum(clamp_between(amount, 0, 10)) of leads", environment)
        #expect(plan.aggregates.count == 1)
        guard case .moduleFunction(let reference, let arguments)? = plan.aggregates[0].argument else {
            Issue.record("expected a module function call, got \(String(describing: plan.aggregates[0].argument))")
            return
        }
        #expect(reference.name == "clamp_between" && reference.module == "test-functions" && arguments.count == 3)
        #expect(PlanPrinter.describe(plan).hasPrefix("[0] sum(clamp_between(amount, 0, 10) [module test-functions]) over leads"))
        #expect(PlanPrinter.fields(of: plan) == [FieldPath("leads", "amount")])
        let aggregate = try KPIFormulaTests.plan("spread(amount) of leads", environment)
        #expect(PlanPrinter.describe(aggregate).hasPrefix("[0] spread(amount) [module test-functions] over leads"))
    }

    @Test("a kernel that returns the wrong number of rows stops the query with an execution error")
    func badKernel() throws {
        let broken = ModuleFunction.row(
            "broken", parameters: [.any], result: .number, unit: .fixed(.count), summary: "Broken.", example: "sum(broken(amount)) of leads"
        ) { _ in Column(name: "broken", type: .int, values: [.int(1)]) }
        var module = FunctionModule()
        module.functions = [broken]
        #expect(throws: ExecutionError.self) { try evaluate("sum(broken(amount)) of leads", try Self.environment(module)) }
    }

    @Test("the vocabulary the shell reads lists the module's functions with their module; the documented table does not")
    func vocabulary() throws {
        let registry = try Self.environment().registry
        let entry = try #require(FormulaVocabulary.functions(with: registry).first { $0.name == "spread" })
        #expect(entry.module == "test-functions" && entry.kind == .aggregate && entry.signature == "spread(number)")
        #expect(FormulaVocabulary.functions(with: KPIRegistry()) == FormulaVocabulary.functions)
        #expect(!FormulaVocabulary.markdownTable.contains("spread"))
    }
}

@Suite("Module functions in the registry")
struct ModuleFunctionRegistryTests {
    typealias FunctionModule = ModuleFunctionTests.FunctionModule

    static func function(
        _ name: String, parameters: [ModuleFunction.ValueType] = [.number], result: ModuleFunction.ValueType = .number,
        unit: ModuleFunction.UnitRule = .fixed(.number)
    ) -> ModuleFunction {
        .row(name, parameters: parameters, result: result, unit: unit, summary: "A function.", example: "sum(\(name)(amount)) of leads") {
            arguments in Column(name: name, data: .double(ContiguousArray(repeating: 0, count: arguments.rowCount)))
        }
    }

    /// The error registering `functions` (beside a KPI) throws, after checking the registry kept nothing of the module.
    static func refusal(_ functions: [ModuleFunction], into base: KPIRegistry = KPIRegistry(formulas: FormulaLanguage())) -> RegistryError? {
        var registry = base
        let module = FunctionModule(
            name: "refused", functions: functions,
            kpis: [
                FormulaKPI(
                    id: "refused_count", title: "t", summary: "s", unit: .count, direction: .neutral, dateBasis: nil, requirements: [],
                    formula: "count(leads)")
            ])
        do {
            try registry.register(module, origin: .swiftPlugin(target: "Refused"))
            return nil
        } catch {
            #expect(registry.kpi("refused_count") == nil && registry.functions.count == base.functions.count, "all or nothing")
            #expect(!registry.modules.contains { $0.name == "refused" })
            return error
        }
    }

    @Test("registering keeps each function with its module and origin, and lists it in the module's entry")
    func registers() throws {
        var registry = KPIRegistry(formulas: FormulaLanguage())
        try registry.register(FunctionModule(), origin: .swiftPlugin(target: "TestFunctions"))
        #expect(registry.functions.map(\.function.name) == ["clamp_between", "initial", "spread"])
        #expect(registry.function(named: "Spread")?.module == "test-functions")
        #expect(registry.function(named: "spread")?.origin == .swiftPlugin(target: "TestFunctions"))
        #expect(registry.modules.last?.functionNames == ["clamp_between", "initial", "spread"])
        registry.removeModules { $0.name == "test-functions" }
        #expect(registry.functions.isEmpty)
    }

    @Test("a function named like a built-in function or a keyword is refused, naming the function and the module")
    func reserved() throws {
        for name in ["lower", "days_between", "where", "previous"] {
            let error = try #require(Self.refusal([Self.function(name)]), "\(name)")
            #expect(error.id == "registry.reserved-function")
            #expect(error.message.contains("function '\(name)' in module 'refused' (Swift plugin Refused)"))
        }
        // A registry that parses no formulas knows no reserved names (the layer above checks them).
        #expect(Self.refusal([Self.function("lower")], into: KPIRegistry()) == nil)
    }

    @Test("a name another module's function has, or one given twice, is a duplicate")
    func duplicates() throws {
        var base = KPIRegistry(formulas: FormulaLanguage())
        try base.register(FunctionModule(), origin: .swiftPlugin(target: "TestFunctions"))
        let clash = try #require(Self.refusal([Self.function("spread")], into: base))
        #expect(clash.id == "registry.duplicate-function")
        #expect(
            clash.message
                == "function 'spread' in module 'refused' (Swift plugin Refused) is already defined by module 'test-functions' (Swift plugin TestFunctions)"
        )
        let twice = try #require(Self.refusal([Self.function("twice"), Self.function("twice")]))
        #expect(twice.id == "registry.duplicate-function")
    }

    @Test("a badly named or badly shaped function is refused")
    func invalid() throws {
        let cases: [(ModuleFunction, String)] = [
            (Self.function("BusinessDays"), "snake_case"),
            (Self.function("2x"), "snake_case"),
            (Self.function("anything", result: .any), "not any"),
            (Self.function("from_third", unit: .sameAsArgument(2)), "has 1 argument(s)"),
            (Self.function("from_text", parameters: [.text], unit: .sameAsArgument(0)), "a text, but returns a number"),
            (Self.function("dated", result: .date, unit: .fixed(.days)), "declares the unit days"),
            (
                ModuleFunction.aggregate("pairwise", parameter: .text, unit: .fixed(.number), summary: "s", example: "pairwise(x)") { _ in 0 },
                "one number or date argument"
            ),
        ]
        for (function, expected) in cases {
            let error = try #require(Self.refusal([function]), "\(function.name)")
            #expect(error.id == "registry.invalid-function", "\(function.name)")
            #expect(error.message.contains(expected), "\(function.name): \(error.message)")
        }
    }
}

extension Unit {
    fileprivate static let days = Unit.duration(.days)
}
