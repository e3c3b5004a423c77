import KPICore

/// How units combine under arithmetic. `count / count` is a ratio, `money / count` is money,
/// `duration / count` a duration; adding money to a duration is an error.
enum UnitRules {
    static func combine(_ op: BinaryOperator, _ a: Unit, _ b: Unit, range: SourceRange) throws(FormulaError) -> Unit {
        switch op {
        case .add, .subtract:
            if a == b { return a }
            if a == .number { return b }
            if b == .number { return a }
            if case .duration = a, case .duration = b { return a }  // the binder rescales the right side
            throw FormulaError(
                id: .formulaUnit, message: "cannot \(op == .add ? "add" : "subtract") \(b.name) \(op == .add ? "to" : "from") \(a.name)",
                range: range)
        case .multiply:
            if a == .number || a == .ratio { return b == .ratio && a == .ratio ? .ratio : b }
            if b == .number || b == .ratio { return a }
            if a == .count { return b }
            if b == .count { return a }
            return .number
        case .divide:
            if a == b { return .ratio }
            if b == .number || b == .ratio || b == .count { return a == .count && b == .number ? .count : (a == .count ? .number : a) }
            return .number
        default:
            throw FormulaError(id: .formulaType, message: "'\(op.rawValue)' is not arithmetic", range: range)
        }
    }
}
