import KPICore

/// The checks on one KPI that need nothing but its declaration and the canonical schema.
struct KPIChecks {
    var kpi: any KPI
    var schema: CanonicalSchema

    private var subject: String { "kpi \(kpi.id)" }

    func problems() -> [ConformanceProblem] {
        var problems: [ConformanceProblem] = []
        func add(_ check: String, _ message: String) { problems.append(ConformanceProblem(check: check, subject: subject, message: message)) }
        if !SnakeCase.isValid(kpi.id) { add("kpi.id", "the id '\(kpi.id)' is not snake_case (lower-case letters, digits and _)") }
        if kpi.title.trimmingWhitespace.isEmpty { add("kpi.title", "the title is empty") }
        if kpi.summary.trimmingWhitespace.isEmpty { add("kpi.summary", "the summary is empty") }
        if kpi.formula.trimmingWhitespace.isEmpty { add("kpi.formula", "the formula is empty") }
        var seen: Set<FieldPath> = []
        for path in kpi.requirements {
            if !seen.insert(path).inserted { add("kpi.requirements", "requirement \(path) is listed twice") }
            if let message = fieldProblem(path) { add("kpi.requirements", "requirement \(message)") }
        }
        if let basis = kpi.dateBasis {
            if let message = fieldProblem(basis) {
                add("kpi.date-basis", "date basis \(message)")
            } else if let field = schema.field(basis), field.type != .timestamp && field.type != .month {
                add("kpi.date-basis", "date basis \(basis) is a \(field.type) field, not a timestamp or month")
            }
        }
        for exclusion in kpi.exclusions {
            if !SnakeCase.isValid(exclusion.table) { add("kpi.exclusions", "an exclusion's table '\(exclusion.table)' is not a table name") }
            if exclusion.condition.trimmingWhitespace.isEmpty { add("kpi.exclusions", "an exclusion of \(exclusion.table) has no condition") }
            if exclusion.description.trimmingWhitespace.isEmpty { add("kpi.exclusions", "an exclusion of \(exclusion.table) has no description") }
        }
        return problems
    }

    /// What is wrong with `path` as a field a KPI reads, or `nil`: tables outside the canonical
    /// schema are the plugin's own and may hold any snake_case field.
    private func fieldProblem(_ path: FieldPath) -> String? {
        guard SnakeCase.isValid(path.table), SnakeCase.isValid(path.field) else {
            return "'\(path)' is not table.field of snake_case names"
        }
        if let table = schema.table(named: path.table), table.field(named: path.field) == nil {
            return "\(path): the canonical table \(path.table) has no field \(path.field)"
        }
        return nil
    }
}
