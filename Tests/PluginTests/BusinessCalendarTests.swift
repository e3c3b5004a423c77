import BusinessCalendar
import KPICore
import KPIFormula
import KPIKitTesting
import Testing

/// The example function plugin (`Plugins/BusinessCalendar/`) checked the way a plugin author
/// checks theirs, and its functions run through the formula language on a table of known dates.
@Suite("BusinessCalendar plugin")
struct BusinessCalendarTests {
    static func functions() throws -> [ModuleFunction] {
        var registrar = ModuleRegistrar()
        try BusinessCalendarModule().register(in: &registrar)
        return registrar.functions
    }

    /// The standard registry with the plugin, as `kpi` registers it.
    static func registry() throws -> KPIRegistry {
        var registry = try StandardRegistry.make()
        try registry.register(BusinessCalendarModule(), origin: .swiftPlugin(target: "BusinessCalendar"))
        return registry
    }

    static func day(_ text: String) -> Value { .date(ISO8601.parse(text)!.milliseconds) }
    static func instant(_ text: String) -> Value { .timestamp(ISO8601.parse(text)!.milliseconds) }

    /// Pairs of dates with the working days between them, counted by hand on a calendar
    /// (2024-12-23 is a Monday, 2024-12-28 a Saturday, 2025-01-01 a Wednesday).
    static let cases: [(id: String, from: Value, to: Value, expected: Double?)] = [
        ("mon-fri", day("2024-12-23"), day("2024-12-27"), 4),
        ("fri-mon", day("2024-12-27"), day("2024-12-30"), 1),
        ("sat-sun", day("2024-12-28"), day("2024-12-29"), 0),
        ("sat-mon", day("2024-12-28"), day("2024-12-30"), 0),
        ("sun-tue", day("2024-12-29"), day("2024-12-31"), 1),
        ("same-day", day("2024-12-24"), day("2024-12-24"), 0),
        ("backwards", day("2024-12-30"), day("2024-12-27"), -1),
        ("backwards-week", day("2025-01-15"), day("2025-01-01"), -10),
        ("new-year", day("2025-01-01"), day("2025-01-15"), 10),
        ("before-epoch", day("1969-12-29"), day("1970-01-05"), 5),
        ("times-of-day", instant("2024-12-23T18:00:00Z"), instant("2024-12-24T09:00:00Z"), 1),
        ("open", day("2024-12-23"), .null, nil),
        ("not-created", .null, day("2024-12-23"), nil),
    ]

    static let deals: Table = {
        Table(
            name: "deals",
            columns: [
                Column(name: "deal_id", type: .text, values: cases.map { .text($0.id) }),
                Column(name: "opened_at", type: .timestamp, values: cases.map(\.from)),
                Column(name: "won_at", type: .timestamp, values: cases.map(\.to)),
            ],
            rowCount: cases.count)
    }()

    static func evaluate(_ text: String, on tables: [Table]) throws -> QueryResult {
        let environment = FormulaEnvironment(dataset: Dataset(tables: tables), registry: try registry(), asOf: 0)
        let plan = try Binder(environment: environment, source: text).plan(try Parser.parseQuery(text))
        return try Executor(dataset: environment.dataset).run(plan)
    }

    @Test("the module conforms beside the built-in modules, and each function passes FunctionConformance with nulls propagating")
    func conforms() throws {
        ModuleConformance.expectConformance(of: BusinessCalendarModule(), alongside: try StandardRegistry.make())
        let functions = try Self.functions()
        #expect(functions.map(\.name) == ["business_days_between", "weekend_share"])
        #expect(functions.map(\.kind) == [.row, .aggregate])
        for function in functions { FunctionConformance.expectConformance(of: function) }
    }

    @Test("FunctionConformance catches a kernel that returns too few rows or lets nulls through")
    func conformanceCatchesBadKernels() {
        let short = ModuleFunction.row(
            "short", parameters: [.number], result: .number, unit: .fixed(.number), summary: "Broken.", example: "sum(short(amount)) of leads"
        ) { _ in Column(name: "short", type: .double, values: [.double(1)]) }
        #expect(FunctionConformance.problems(of: short).map(\.check).contains("function.length"))
        let leaky = ModuleFunction.row(
            "leaky", parameters: [.number], result: .number, unit: .fixed(.number), summary: "Broken.", example: "sum(leaky(amount)) of leads"
        ) { arguments in Column(name: "leaky", data: .double(ContiguousArray(repeating: 1, count: arguments.rowCount))) }
        #expect(FunctionConformance.problems(of: leaky).map(\.check) == ["function.nulls"])
        #expect(FunctionConformance.problems(of: leaky, nullsPropagate: false).isEmpty)
    }

    @Test("every function's example binds on the canonical schema")
    func examplesBind() throws {
        var dataset = Dataset()
        for table in CanonicalSchema.standard.tables {
            dataset.insert(
                Table(name: table.name, columns: table.fields.map { Column(name: $0.name, type: $0.type.storage ?? .text, values: []) }, rowCount: 0))
        }
        let environment = FormulaEnvironment(dataset: dataset, registry: try Self.registry(), asOf: 0)
        for function in try Self.functions() {
            #expect(throws: Never.self, "\(function.example)") {
                _ = try Binder(environment: environment, source: function.example).plan(try Parser.parseQuery(function.example))
            }
        }
    }

    @Test("business_days_between counts Monday–Friday days in [a, b), negative backwards, null when a date is missing")
    func handCounted() throws {
        let result = try Self.evaluate("sum(business_days_between(opened_at, won_at)) of deals by deal_id", on: [Self.deals])
        let byID = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.keys[0], $0.measure.value) })
        for c in Self.cases where c.expected != nil {
            #expect(byID[.text(c.id)] == c.expected, "\(c.id)")
        }
        // A sum over no values is 0; the average shows the nulls are left out rather than counted as 0.
        let average = try Self.evaluate("avg(business_days_between(opened_at, won_at)) of deals", on: [Self.deals])
        let known = Self.cases.compactMap(\.expected)
        #expect(average.rows[0].measure.value == known.reduce(0, +) / Double(known.count))
        #expect(average.units == [.duration(.days)])
    }

    @Test("weekend_share is the share of a group's dates on a Saturday or Sunday")
    func weekendShare() throws {
        // Opened: 4 Mondays/Tuesdays/…, weekend days: 2024-12-28 (Sat) twice, 2024-12-29 (Sun) once, of 12 dates.
        let result = try Self.evaluate("weekend_share(opened_at) of deals", on: [Self.deals])
        #expect(result.rows[0].measure.value == 3.0 / 12.0)
        #expect(result.units == [.ratio])
        let filtered = try Self.evaluate("weekend_share(won_at) of deals where deal_id in (\"sat-sun\", \"fri-mon\")", on: [Self.deals])
        #expect(filtered.rows[0].measure.value == 0.5)
    }

    @Test("explain names the module's function in the plan")
    func planNamesTheFunction() throws {
        let environment = FormulaEnvironment(dataset: Dataset(tables: [Self.deals]), registry: try Self.registry(), asOf: 0)
        let text = "avg(business_days_between(opened_at, won_at)) of deals where weekend_share(opened_at) > 0"
        #expect(throws: FormulaError.self) { _ = try Binder(environment: environment, source: text).plan(try Parser.parseQuery(text)) }
        let plan = try Binder(environment: environment, source: "avg(business_days_between(opened_at, won_at)) of deals").plan(
            try Parser.parseQuery("avg(business_days_between(opened_at, won_at)) of deals"))
        #expect(
            PlanPrinter.describe(plan).hasPrefix("[0] avg(business_days_between(opened_at, won_at) [module business-calendar]) over deals"))
    }
}
