extension KPIRegistry {
    /// A registered module function with the module and origin that provided it.
    public struct FunctionEntry: Sendable {
        /// The function.
        public var function: ModuleFunction
        /// The module's name.
        public var module: String
        /// Where it came from.
        public var origin: Origin
    }

    /// Checks a module's functions before any of them registers: each name is snake_case, not
    /// the language's own (when this registry knows them, through its ``FormulaParsing``), and
    /// not taken by another module or twice in this one; each shape is one the language can
    /// bind (see ``ModuleFunction``).
    func validate(_ added: [ModuleFunction], module: String, origin: Origin) throws(RegistryError) {
        let reserved = formulas?.reservedNames ?? []
        var seen: Set<String> = []
        for function in added {
            let subject = "function '\(function.name)' in module '\(module)' (\(origin))"
            if !Self.isSnakeCase(function.name) {
                throw RegistryError(
                    id: .registryInvalidFunction, message: "\(subject) must be named in snake_case: lower-case letters, digits and _")
            }
            if reserved.contains(function.name) {
                throw RegistryError(
                    id: .registryReservedFunction,
                    message: "\(subject) has the name of one of the formula language's own functions or keywords; choose another name")
            }
            if let existing = self.function(named: function.name) {
                throw RegistryError(
                    id: .registryDuplicateFunction,
                    message: "\(subject) is already defined by module '\(existing.module)' (\(existing.origin))")
            }
            if !seen.insert(function.name).inserted {
                throw RegistryError(
                    id: .registryDuplicateFunction, message: "function '\(function.name)' is defined twice in module '\(module)' (\(origin))")
            }
            if let problem = Self.shapeProblem(of: function) {
                throw RegistryError(id: .registryInvalidFunction, message: "\(subject) \(problem)")
            }
        }
    }

    /// What is wrong with a function's declared types and unit, if anything.
    static func shapeProblem(of function: ModuleFunction) -> String? {
        if function.result == .any { return "must declare its result type (date, number, text or boolean), not any" }
        if function.kind == .aggregate {
            guard function.parameters.count == 1, function.parameters[0] == .number || function.parameters[0] == .date else {
                return "is an aggregate, which takes one number or date argument"
            }
            guard function.result == .number else { return "is an aggregate, whose result is a number" }
        }
        switch function.unit {
        case .sameAsArgument(let index):
            guard function.parameters.indices.contains(index) else {
                return "takes its unit from argument \(index), but has \(function.parameters.count) argument(s) (counted from 0)"
            }
            let parameter = function.parameters[index]
            guard parameter == function.result || parameter == .any else {
                return "takes its unit from argument \(index), a \(parameter.rawValue), but returns a \(function.result.rawValue)"
            }
        case .fixed(let unit):
            let expected = ModuleFunction.ValueType(unit: unit)
            guard expected == function.result else {
                return "returns a \(function.result.rawValue) but declares the unit \(unit.name), which is a \(expected.rawValue)'s"
            }
        }
        return nil
    }

    /// Whether `name` is a KPI id or function name: lower-case ASCII letters, digits and `_`,
    /// not starting with a digit.
    static func isSnakeCase(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return !bytes.isEmpty && (bytes[0] >= 97 && bytes[0] <= 122 || bytes[0] == 95)
            && bytes.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}
