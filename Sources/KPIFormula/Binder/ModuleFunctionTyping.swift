import KPICore

/// How calls to a module's functions (``ModuleFunction``) bind: arguments against the declared
/// parameter types, the result's unit from the function's unit rule.
enum ModuleFunctionTyping {
    /// Refuses an argument of unit `unit` where `parameter` is declared, pointing at the argument.
    static func check(
        _ unit: Unit, against parameter: ModuleFunction.ValueType, position: Int, of call: ModuleFunctionReference, range: SourceRange
    ) throws(FormulaError) {
        guard parameter != .any, ModuleFunction.ValueType(unit: unit) != parameter else { return }
        let ordinal = call.function.parameters.count == 1 ? "its argument" : "argument \(position + 1)"
        throw FormulaError(
            id: .formulaType,
            message: "\(describe(call)) needs \(article(parameter)) as \(ordinal); this is \(describe(unit))", range: range)
    }

    /// Refuses a call with the wrong number of arguments.
    static func checkArity(_ count: Int, of call: ModuleFunctionReference, range: SourceRange) throws(FormulaError) {
        let expected = call.function.parameters.count
        guard count != expected else { return }
        throw FormulaError(
            id: .formulaArity, message: "\(describe(call)) takes \(expected) argument(s): \(call.function.signature)", range: range)
    }

    /// The unit of the result, given the units of the arguments.
    static func unit(of function: ModuleFunction, argumentUnits: [Unit]) -> Unit {
        switch function.unit {
        case .fixed(let unit): return unit
        case .sameAsArgument(let index): return argumentUnits.indices.contains(index) ? argumentUnits[index] : .number
        }
    }

    /// `business_days_between (module business-calendar)`, for messages.
    static func describe(_ call: ModuleFunctionReference) -> String {
        "\(call.name) (module \(call.module))"
    }

    private static func article(_ type: ModuleFunction.ValueType) -> String {
        switch type {
        case .date: return "a date"
        case .number: return "a number"
        case .text: return "text"
        case .boolean: return "a condition"
        case .any: return "a value"
        }
    }

    private static func describe(_ unit: Unit) -> String {
        let type = ModuleFunction.ValueType(unit: unit)
        return type == .number ? "a number (\(unit.name))" : article(type)
    }
}

extension RowResolver {
    /// A call of a module's row function: `business_days_between(created_at, closed_at)`.
    func moduleFunction(
        _ entry: KPIRegistry.FunctionEntry, _ arguments: [Expr], _ expr: Expr, expanding: [String]
    ) throws(FormulaError) -> (RowExpr, Unit) {
        let call = ModuleFunctionReference(entry)
        let function = entry.function
        guard function.kind == .row else {
            throw FormulaError(
                id: .formulaType,
                message: "\(ModuleFunctionTyping.describe(call)) is an aggregate; aggregates cannot be nested, e.g. \(function.example)",
                range: expr.range)
        }
        try ModuleFunctionTyping.checkArity(arguments.count, of: call, range: expr.range)
        var rows: [RowExpr] = []
        var units: [Unit] = []
        for (position, (argument, parameter)) in zip(arguments, function.parameters).enumerated() {
            let (row, unit) = try value(argument, expanding: expanding)
            try ModuleFunctionTyping.check(unit, against: parameter, position: position, of: call, range: argument.range)
            rows.append(row)
            units.append(unit)
        }
        return (.moduleFunction(call, rows), ModuleFunctionTyping.unit(of: function, argumentUnits: units))
    }
}
