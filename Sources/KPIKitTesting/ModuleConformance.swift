import KPICore
import Testing

/// Checks that a ``KPIModule`` behaves as KPIKit expects of a plugin, from its public API alone.
///
/// ```swift
/// import KPIKitTesting
/// import Testing
///
/// @Test func moduleConforms() {
///     ModuleConformance.expectConformance(of: SaaSMetricsModule())
/// }
/// ```
///
/// The checks: the module has a name, a semantic version and a summary; it registers without
/// throwing, into an empty registry and alongside `base`; it adds at least one KPI, adapter or
/// function;
/// every KPI id is snake_case and unique; every KPI has a title, a summary and a non-empty
/// formula; every requirement and date basis is a `table.field` of snake_case names, and names a
/// field the canonical schema has when its table is a canonical one (a date basis a timestamp or
/// month);
/// no requirement is listed twice; every exclusion names its table, condition and description;
/// every adapter it adds passes ``AdapterConformance/declarationProblems(of:)``; every function
/// it passes the shape checks of ``FunctionConformance/problems(of:sample:nullsPropagate:)`` on
/// generated arguments (whether nulls propagate is the function's own contract: check it with
/// ``FunctionConformance`` directly).
///
/// Whether the formulas parse is not checked here: the formula language lives above `KPICore`,
/// which is all a plugin depends on. Evaluate each KPI once with the built `kpi` (`kpi eval mrr`
/// runs it on the demo CRM) to see its formula parse.
public enum ModuleConformance {
    /// Every problem found with `module`; empty when it conforms.
    ///
    /// - Parameters:
    ///   - schema: the schema the module's KPIs are written against.
    ///   - base: a registry the module must also register into, e.g. one holding the modules it
    ///     ships beside, so clashing KPI ids show up.
    public static func problems(
        of module: any KPIModule, schema: CanonicalSchema = .standard, alongside base: KPIRegistry = KPIRegistry()
    ) -> [ConformanceProblem] {
        let subject = "module \(module.name)"
        var problems = declarationProblems(of: module, subject: subject)
        var registrar = ModuleRegistrar()
        do {
            try module.register(in: &registrar)
        } catch {
            problems.append(ConformanceProblem(check: "module.registers", subject: subject, message: "register(in:) threw \(error)"))
            return problems
        }
        for (label, registry) in [("an empty registry", KPIRegistry()), ("the given registry", base)] {
            var registry = registry
            do {
                try registry.register(module, origin: .swiftPlugin(target: module.name))
            } catch {
                problems.append(
                    ConformanceProblem(
                        check: "module.registry", subject: subject, message: "registering into \(label) failed: \(error)"))
            }
        }
        if registrar.kpis.isEmpty && registrar.adapters.isEmpty && registrar.functions.isEmpty {
            problems.append(
                ConformanceProblem(check: "module.contributes", subject: subject, message: "registers no KPI, no adapter and no function"))
        }
        var seen: Set<String> = []
        for kpi in registrar.kpis {
            if !seen.insert(kpi.id).inserted {
                problems.append(ConformanceProblem(check: "kpi.unique", subject: "kpi \(kpi.id)", message: "the id is registered twice"))
            }
            problems += KPIChecks(kpi: kpi, schema: schema).problems()
        }
        for adapter in registrar.adapters { problems += AdapterConformance.declarationProblems(of: adapter) }
        for function in registrar.functions { problems += FunctionConformance.problems(of: function, nullsPropagate: false) }
        return problems
    }

    /// Records an issue at the caller for every problem ``problems(of:schema:alongside:)`` finds.
    public static func expectConformance(
        of module: any KPIModule, schema: CanonicalSchema = .standard, alongside base: KPIRegistry = KPIRegistry(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        problems(of: module, schema: schema, alongside: base).recordIssues(at: sourceLocation)
    }

    private static func declarationProblems(of module: any KPIModule, subject: String) -> [ConformanceProblem] {
        var problems: [ConformanceProblem] = []
        if module.name.trimmingWhitespace.isEmpty {
            problems.append(ConformanceProblem(check: "module.name", subject: subject, message: "the name is empty"))
        }
        if !SemanticVersion.isValid(module.version) {
            problems.append(
                ConformanceProblem(
                    check: "module.version", subject: subject, message: "version '\(module.version)' is not MAJOR.MINOR.PATCH"))
        }
        if module.summary.trimmingWhitespace.isEmpty {
            problems.append(ConformanceProblem(check: "module.summary", subject: subject, message: "the summary is empty"))
        }
        return problems
    }
}

/// `1.0.0`, `2.1.3-beta.1`, `1.0.0+build.5`: three numbers, then an optional pre-release or build part.
enum SemanticVersion {
    static func isValid(_ text: String) -> Bool {
        let core = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "+" }.first ?? ""
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        let suffix = text.dropFirst(core.count)
        return numbers.count == 3 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
            && (suffix.isEmpty || suffix.count > 1)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
