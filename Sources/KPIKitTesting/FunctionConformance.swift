import KPICore
import Testing

/// Checks that a module's formula function (``ModuleFunction``) behaves as the executor expects,
/// from its public API alone.
///
/// ```swift
/// @Test func functionsConform() throws {
///     var registrar = ModuleRegistrar()
///     try BusinessCalendarModule().register(in: &registrar)
///     for function in registrar.functions { FunctionConformance.expectConformance(of: function) }
/// }
/// ```
///
/// The checks: the name is snake_case; the summary is not empty and the example calls the
/// function; the result type is declared (not `any`). A row function's kernel, run on `sample`
/// and on no rows, returns exactly one value per row, of the declared result type, and (with
/// `nullsPropagate`) a null in every row where an argument is null. An aggregate's kernel gives
/// a finite value or none for the sample's values, and the same for the same values.
///
/// Whether the example binds is not checked here: the formula language lives above `KPICore`.
/// Run it once with the built `kpi` (`kpi eval 'avg(business_days_between(created_at, closed_at)) of leads'`).
public enum FunctionConformance {
    /// Every problem found with `function`; empty when it conforms.
    ///
    /// - Parameters:
    ///   - sample: arguments to run a row kernel on; by default ``sampleArguments(for:rowCount:)``,
    ///     which puts a null in every argument at different rows.
    ///   - nullsPropagate: whether the function documents a null result where any argument is null.
    public static func problems(of function: ModuleFunction, sample: FunctionArguments? = nil, nullsPropagate: Bool = true) -> [ConformanceProblem] {
        let subject = "function \(function.name)"
        var problems: [ConformanceProblem] = []
        func add(_ check: String, _ message: String) { problems.append(ConformanceProblem(check: check, subject: subject, message: message)) }
        if !SnakeCase.isValid(function.name) { add("function.name", "the name is not snake_case") }
        if function.summary.trimmingWhitespace.isEmpty { add("function.summary", "the summary is empty") }
        if !function.example.contains(function.name + "(") { add("function.example", "the example does not call \(function.name)(...)") }
        if function.result == .any { add("function.result", "the result type is `any`; declare date, number, text or boolean") }
        switch function.kernel {
        case .row(let kernel):
            let sample = sample ?? sampleArguments(for: function.parameters)
            for arguments in [sample, sampleArguments(for: function.parameters, rowCount: 0)] {
                let result = kernel(arguments)
                guard result.count == arguments.rowCount else {
                    add("function.length", "the kernel returned \(result.count) values for \(arguments.rowCount) rows")
                    continue
                }
                if !function.result.admits(result.type) {
                    add("function.type", "the kernel returned \(result.type) values, not the \(function.result.rawValue) it declares")
                }
                if nullsPropagate, let valid = arguments.allValid {
                    let leaked = (0..<arguments.rowCount).filter { !valid.isSet($0) && !result.isNull($0) }
                    if let row = leaked.first {
                        add("function.nulls", "row \(row) has a null argument but the result is \(result.value(at: row)) (\(leaked.count) such rows)")
                    }
                }
            }
        case .aggregate(let kernel):
            let values = ContiguousArray(function.parameters.first == .date ? sampleInstants.map(Double.init) : [3, -1.5, 0, 12, 7.25])
            let value = kernel(values)
            if let value, !value.isFinite { add("function.aggregate", "the kernel gave \(value) for finite values") }
            if kernel(values) != value { add("function.aggregate", "the kernel gave two values for the same values") }
        }
        return problems
    }

    /// Records an issue at the caller for every problem ``problems(of:sample:nullsPropagate:)`` finds.
    public static func expectConformance(
        of function: ModuleFunction, sample: FunctionArguments? = nil, nullsPropagate: Bool = true,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        problems(of: function, sample: sample, nullsPropagate: nullsPropagate).recordIssues(at: sourceLocation)
    }

    /// Arguments of the given types over `rowCount` rows, each argument null in a different row
    /// (argument i in rows i, i + 5, i + 10, ...): dates around weekends and the turn of a year
    /// (with and without a time of day), numbers of both signs, short texts and both booleans.
    public static func sampleArguments(for parameters: [ModuleFunction.ValueType], rowCount: Int = 24) -> FunctionArguments {
        let columns = parameters.enumerated().map { index, parameter -> Column in
            let values = (0..<rowCount).map { row -> Value in
                if row % 5 == index % 5 { return .null }
                let k = row * 7 + index * 3
                switch parameter {
                case .date: return .timestamp(sampleInstants[k % sampleInstants.count])
                case .number, .any: return .double(Double(k % 11) - 4.5)
                case .text: return .text(["won", "lost", "", "Referral"][k % 4])
                case .boolean: return .bool(k % 2 == 0)
                }
            }
            let type: DataType
            switch parameter {
            case .date: type = .timestamp
            case .number, .any: type = .double
            case .text: type = .text
            case .boolean: type = .bool
            }
            return Column(name: "argument\(index)", type: type, values: values)
        }
        return FunctionArguments(columns: columns, rowCount: rowCount)
    }

    /// Instants from Friday 2024-12-27 to Monday 2025-01-06, at midnight and at times of day.
    static let sampleInstants: [Int64] = (0..<11).flatMap { day -> [Int64] in
        let midnight = (20_084 + Int64(day)) * 86_400_000
        return [midnight, midnight + 13 * 3_600_000 + 17 * 60_000]
    }
}
