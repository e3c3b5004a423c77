import KPICore
import Testing

@testable import KPIFormula

/// A small hand-built CRM: eight leads, six activities, four spend rows, and a registry with a
/// few formula KPIs. Every expectation in the executor tests is computed by hand from these rows.
///
/// | id | created_at       | source   | rep | status | amount | nurtured | closed_at  | first contact |
/// |----|------------------|----------|-----|--------|--------|----------|------------|---------------|
/// | 1  | 2024-01-05 10:00 | Referral | Ana | won    | 1000   | true     | 2024-02-10 | +2h           |
/// | 2  | 2024-01-20 09:00 | Web      | Ana | lost   | –      | false    | 2024-03-01 | +24h          |
/// | 3  | 2024-02-02 08:00 | Web      | Bo  | won    | 3000   | true     | 2024-04-15 | +2h           |
/// | 4  | 2024-02-14 00:00 | Partner  | Bo  | open   | –      | –        | –          | –             |
/// | 5  | 2024-04-01 00:00 | Referral | Cy  | won    | 2000   | false    | 2024-05-20 | +4h           |
/// | 6  | 2024-04-10 00:00 | –        | Cy  | lost   | –      | true     | 2024-06-01 | +24h          |
/// | 7  | 2024-04-30 00:00 | Web      | Ana | won    | 10000  | –        | 2024-06-30 | +8h           |
/// | 8  | 2024-05-05 00:00 | Partner  | Bo  | open   | –      | false    | –          | +1h           |
enum Fixture {
    /// The as-of instant of every test environment: Wednesday 2024-05-15 12:00 UTC.
    static let asOf = instant("2024-05-15T12:00:00Z")

    static func instant(_ text: String) -> Int64 { ISO8601.parse(text)?.milliseconds ?? Int64.min }
    static func ts(_ text: String?) -> Value { text.map { .timestamp(instant($0)) } ?? .null }
    static func date(_ text: String) -> Value { .date(instant(text)) }
    static func text(_ s: String?) -> Value { s.map(Value.text) ?? .null }

    static let leads: Table = {
        let created = [
            "2024-01-05T10:00:00Z", "2024-01-20T09:00:00Z", "2024-02-02T08:00:00Z", "2024-02-14T00:00:00Z",
            "2024-04-01T00:00:00Z", "2024-04-10T00:00:00Z", "2024-04-30T00:00:00Z", "2024-05-05T00:00:00Z",
        ]
        let firstContact: [String?] = [
            "2024-01-05T12:00:00Z", "2024-01-21T09:00:00Z", "2024-02-02T10:00:00Z", nil,
            "2024-04-01T04:00:00Z", "2024-04-11T00:00:00Z", "2024-04-30T08:00:00Z", "2024-05-05T01:00:00Z",
        ]
        let closed: [String?] = [
            "2024-02-10T00:00:00Z", "2024-03-01T00:00:00Z", "2024-04-15T00:00:00Z", nil,
            "2024-05-20T00:00:00Z", "2024-06-01T00:00:00Z", "2024-06-30T00:00:00Z", nil,
        ]
        let amounts: [Value] = [.double(1000), .null, .double(3000), .null, .double(2000), .null, .double(10000), .null]
        let nurtured: [Value] = [.bool(true), .bool(false), .bool(true), .null, .bool(false), .bool(true), .null, .bool(false)]
        return Table(
            name: "leads",
            columns: [
                Column(name: "lead_id", type: .int, values: (1...8).map { .int(Int64($0)) }),
                Column(name: "created_at", type: .timestamp, values: created.map(ts)),
                Column(
                    name: "source", type: .text,
                    values: ["Referral", "Web", "Web", "Partner", "Referral", nil, "Web", "Partner"].map(text)),
                Column(name: "rep", type: .text, values: ["Ana", "Ana", "Bo", "Bo", "Cy", "Cy", "Ana", "Bo"].map(text)),
                Column(
                    name: "status", type: .text,
                    values: ["won", "lost", "won", "open", "won", "lost", "won", "open"].map(text)),
                Column(name: "amount", type: .double, values: amounts),
                Column(name: "nurtured", type: .bool, values: nurtured),
                Column(name: "closed_at", type: .timestamp, values: closed.map(ts)),
                Column(name: "first_contact_at", type: .timestamp, values: firstContact.map(ts)),
            ])
    }()

    /// Activities: three meetings (leads 1, 3, 7), one of them not completed; one activity of an
    /// unknown lead (99).
    static let activities = Table(
        name: "activities",
        columns: [
            Column(name: "lead_id", type: .int, values: [1, 1, 3, 5, 99, 7].map { .int($0) }),
            Column(name: "rep", type: .text, values: ["Ana", "Ana", "Bo", "Cy", "Ana", "Ana"].map(text)),
            Column(name: "type", type: .text, values: ["meeting", "call", "meeting", "email", "call", "meeting"].map(text)),
            Column(
                name: "created_at", type: .timestamp,
                values: [
                    "2024-01-06T00:00:00Z", "2024-01-07T00:00:00Z", "2024-02-03T00:00:00Z", "2024-04-02T00:00:00Z",
                    "2024-04-05T00:00:00Z", "2024-05-01T00:00:00Z",
                ].map(ts)),
            Column(name: "completed", type: .bool, values: [.bool(true), .bool(true), .bool(false), .null, .bool(true), .bool(true)]),
        ])

    /// Marketing spend: 800 in January, 700 in February, 100 in April.
    static let spend = Table(
        name: "spend",
        columns: [
            Column(name: "month", type: .date, values: ["2024-01-01", "2024-01-01", "2024-02-01", "2024-04-01"].map(date)),
            Column(name: "channel", type: .text, values: ["Ads", "Events", "Ads", "Ads"].map(text)),
            Column(name: "amount", type: .double, values: [500, 300, 700, 100].map { .double($0) }),
        ])

    static let dataset = Dataset(tables: [leads, activities, spend])

    static let conversion = FormulaKPI(
        id: "lead_conversion_rate", title: "Lead conversion rate", summary: "Won leads over all leads", unit: .ratio,
        direction: .higherIsBetter, dateBasis: FieldPath("leads", "created_at"), requirements: [FieldPath("leads", "status")],
        formula: "count(leads where status = \"won\") / count(leads)")
    static let winRate = FormulaKPI(
        id: "win_rate", title: "Win rate", summary: "Won over closed", unit: .ratio, direction: .higherIsBetter,
        dateBasis: FieldPath("leads", "closed_at"), requirements: [FieldPath("leads", "status"), FieldPath("leads", "closed_at")],
        formula: "count(leads where status = \"won\") / count(leads where status in (\"won\", \"lost\"))")
    static let broken = FormulaKPI(
        id: "broken_rate", title: "Broken", summary: "A misspelt field in its formula", unit: .ratio, direction: .neutral,
        dateBasis: nil, requirements: [], formula: "count(leads where stauts = \"won\") / count(leads)")
    static let unparsable = FormulaKPI(
        id: "garbled", title: "Garbled", summary: "Does not parse", unit: .count, direction: .neutral,
        dateBasis: nil, requirements: [], formula: "count(leads")
    static let churn = FormulaKPI(
        id: "churn_rate", title: "Churn", summary: "Needs customers", unit: .ratio, direction: .lowerIsBetter,
        dateBasis: nil, requirements: [FieldPath("customers", "churned_at")], formula: "count(customers)")
    static let loop = FormulaKPI(
        id: "loop_kpi", title: "Loop", summary: "Refers to itself", unit: .count, direction: .neutral,
        dateBasis: nil, requirements: [], formula: "loop_kpi + 1")

    struct TestModule: KPIModule {
        let name = "formula-tests"
        let version = "1.0.0"
        let summary = "KPIs for the formula tests"
        func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
            for kpi in [conversion, winRate, broken, unparsable, churn, loop] { registrar.add(kpi) }
        }
    }

    static let registry: KPIRegistry = {
        var registry = KPIRegistry()
        try? registry.register(TestModule(), origin: .builtIn)
        return registry
    }()

    static func environment(
        definitions: [String: String] = [:], weekStart: Int = 1, fiscalYearStartMonth: Int = 1, asOf: Int64 = asOf,
        dataset: Dataset = dataset
    ) -> FormulaEnvironment {
        var parsed: [String: Expr] = [:]
        for (name, text) in definitions {
            if case .define(_, let value)? = try? Parser.parseStatement("let \(name) = \(text)") { parsed[name] = value }
        }
        return FormulaEnvironment(
            dataset: dataset, registry: registry, definitions: parsed, asOf: asOf, weekStart: weekStart,
            fiscalYearStartMonth: fiscalYearStartMonth)
    }
}

/// Parses and plans `text`.
func plan(_ text: String, _ environment: FormulaEnvironment = Fixture.environment()) throws -> QueryPlan {
    try Binder(environment: environment, source: text).plan(try Parser.parseQuery(text))
}

/// Parses, plans and runs `text` on the environment's data.
func evaluate(
    _ text: String, _ environment: FormulaEnvironment = Fixture.environment(), isCancelled: @escaping @Sendable () -> Bool = { false }
) throws -> QueryResult {
    let executor = Executor(
        dataset: environment.dataset, weekStart: environment.weekStart, fiscalYearStartMonth: environment.fiscalYearStartMonth,
        isCancelled: isCancelled)
    return try executor.run(try plan(text, environment))
}

/// The formula error that parsing or binding `text` throws, or nil when it binds.
func formulaError(_ text: String, _ environment: FormulaEnvironment = Fixture.environment()) -> FormulaError? {
    do {
        _ = try plan(text, environment)
        return nil
    } catch let error as FormulaError {
        return error
    } catch {
        return nil
    }
}

/// The syntax error of `text`, or nil when it parses as a statement.
func syntaxError(_ text: String) -> FormulaError? {
    do {
        _ = try Parser.parseStatement(text)
        return nil
    } catch {
        return error
    }
}

/// The bytes `range` covers in `text`.
func slice(_ text: String, _ range: SourceRange) -> String {
    let bytes = Array(text.utf8)
    guard range.start >= 0, range.end <= bytes.count, range.start <= range.end else { return "<out of range>" }
    return String(decoding: bytes[range.start..<range.end], as: UTF8.self)
}

/// Rows of a grouped result as (first key, value) pairs, for compact expectations.
func series(_ result: QueryResult) -> [(Value, Double?)] {
    result.rows.map { ($0.keys.first ?? .null, $0.measure.value) }
}

/// Whether two optional doubles agree to 1e-9.
func close(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let x?, let y?): return abs(x - y) <= 1e-9 * max(1, abs(y))
    default: return false
    }
}
