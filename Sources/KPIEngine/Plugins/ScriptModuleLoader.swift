import Foundation
import KPICore
import KPIFormula

/// Reads script modules (`.kpi` files) and registers them.
///
/// A file is a `module` line followed by `kpi` definitions in the formula language:
///
/// ```
/// module team version 1.2.0 "Team KPIs"
///
/// kpi referral_share = share(leads, source = "referral")
///     unit ratio, higher is better, counted by leads.created_at,
///     "Share of leads that came by referral."
/// ```
///
/// Every definition is parsed and bound against the canonical schema (no data is needed), so an
/// unknown field or a unit mismatch is found at load time, with the file, line and column.
/// Requirements are the fields the bound plan reads, plus `needs` and `counted by`.
///
/// Failures are isolated: a KPI that does not parse or bind, or whose id is taken (by a
/// built-in, another file, or earlier in the same file), is reported and skipped while the
/// module's other KPIs load. A bad `module` line, or a module name that is taken, skips the file.
public struct ScriptModuleLoader: Sendable {
    /// The schema definitions are checked against.
    public var schema: CanonicalSchema

    /// A loader checking against `schema`.
    public init(schema: CanonicalSchema = .standard) {
        self.schema = schema
    }

    /// Loads every `*.kpi` file directly inside each directory, in directory order and by file
    /// name within one, into `registry`.
    ///
    /// - Parameter required: directories that must exist (`--plugins DIR`); a missing one is a
    ///   problem, while a missing default directory is silently skipped.
    public func load(directories: [URL], required: Set<URL> = [], into registry: inout KPIRegistry) -> PluginLoadReport {
        var report = PluginLoadReport()
        var files: [URL] = []
        var visited: Set<String> = []
        // `--plugins Plugins` run from the project folder names a default directory again: load it once.
        for directory in directories where visited.insert(directory.standardizedFileURL.resolvingSymlinksInPath().path).inserted {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                if required.contains(directory) {
                    report.problems.append(
                        DataError(id: .pluginDirectoryNotFound, message: "no such plugin directory", file: directory.path))
                }
                continue
            }
            let entries = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
            files += entries.filter { $0.pathExtension == "kpi" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
        var seen: [String: String] = [:]
        for file in files {
            load(file: file, into: &registry, report: &report, seen: &seen)
        }
        return report
    }

    /// Loads one file into `registry`.
    public func load(file: URL, into registry: inout KPIRegistry) -> PluginLoadReport {
        var report = PluginLoadReport()
        var seen: [String: String] = [:]
        load(file: file, into: &registry, report: &report, seen: &seen)
        return report
    }

    /// `seen` maps KPI ids loaded from script files in this run to `path:line`, so a duplicate
    /// across files names the exact line of the first definition.
    private func load(file: URL, into registry: inout KPIRegistry, report: inout PluginLoadReport, seen: inout [String: String]) {
        let path = file.path
        let source: String
        do {
            source = try String(contentsOf: file, encoding: .utf8)
        } catch {
            report.problems.append(DataError(id: .pluginUnreadable, message: "cannot read the file: \(error.localizedDescription)", file: path))
            return
        }
        let (parsed, problems) = parse(source, path: path, registry: registry)
        report.problems += problems
        guard var module = parsed else { return }
        if let existing = registry.modules.first(where: { $0.name == module.name }) {
            report.problems.append(
                DataError(
                    id: .pluginDuplicateModule,
                    message: "module '\(module.name)' is already registered from \(existing.origin); this file is skipped",
                    file: path, line: module.line, column: 1))
            return
        }
        module.kpis = module.kpis.filter { kpi in
            let line = module.kpiLines[kpi.id] ?? module.line
            if let first = seen[kpi.id] {
                report.problems.append(
                    DataError(
                        id: .pluginDuplicateKPI, message: "KPI '\(kpi.id)' is already defined at \(first); this definition is skipped",
                        file: path, line: line, column: 5))
                return false
            }
            if let existing = registry.entry(for: kpi.id) {
                report.problems.append(
                    DataError(
                        id: .pluginDuplicateKPI,
                        message:
                            "KPI '\(kpi.id)' is already defined by module '\(existing.module)' (\(existing.origin)); built-ins and other modules are never overridden, so this definition is skipped",
                        file: path, line: line, column: 5))
                return false
            }
            seen[kpi.id] = "\(path):\(line)"
            return true
        }
        do {
            try registry.register(module, origin: module.origin)
            report.modules.append(module)
        } catch {
            report.problems.append(DataError(id: error.id, message: error.message, file: path, line: module.line, column: 1))
        }
    }

    /// Parses and checks a file's text: the module (with the KPIs that passed) and the problems.
    ///
    /// `registry` provides the KPIs a definition may refer to and is used for nothing else; ids
    /// are checked for duplicates only within the file here (the registering load checks the rest).
    public func parse(_ source: String, path: String, registry: KPIRegistry) -> (ScriptModule?, [DataError]) {
        var problems: [DataError] = []
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var module = ScriptModule(name: stem, version: "0.0.0", summary: "Script module \(stem).", path: path, line: 1)
        var environmentRegistry = registry
        var headerSeen = false
        let statements = ScriptStatements.split(source)
        for (index, statement) in statements.enumerated() {
            switch statement.keyword {
            case "module":
                do throws(DataError) {
                    guard index == 0, !headerSeen else {
                        throw DataError(
                            id: .pluginMisplacedModule, message: "the 'module' line must be the file's first statement",
                            file: path, line: statement.line, column: 1)
                    }
                    let header = try ScriptModuleHeader(statement, path: path)
                    (module.name, module.line) = (header.name, statement.line)
                    module.version = header.version ?? module.version
                    module.summary = header.summary ?? module.summary
                    headerSeen = true
                } catch {
                    // A module whose identity is unclear must not load under a guessed name.
                    return (nil, problems + [error])
                }
            case "kpi":
                do throws(DataError) {
                    let kpi = try definition(statement, path: path, module: module.name, registry: environmentRegistry)
                    if let first = module.kpiLines[kpi.id] {
                        throw DataError(
                            id: .pluginDuplicateKPI,
                            message: "KPI '\(kpi.id)' is already defined at \(path):\(first); this definition is skipped",
                            file: path, line: statement.line, column: 5)
                    }
                    module.kpis.append(kpi)
                    module.kpiLines[kpi.id] = statement.line
                    // Later definitions in the file may build on earlier ones.
                    try? environmentRegistry.define(kpi)
                } catch {
                    problems.append(error)
                }
            default:
                problems.append(
                    DataError(
                        id: .pluginUnexpectedStatement,
                        message: "a script module holds a 'module' line and 'kpi NAME = ...' definitions; found '\(statement.keyword ?? "")'",
                        file: path, line: statement.line, column: 1))
            }
        }
        return (module, problems)
    }

    private func definition(_ statement: ScriptStatement, path: String, module: String, registry: KPIRegistry) throws(DataError) -> FormulaKPI {
        func located(_ error: FormulaError) -> DataError {
            let (line, column) = statement.location(ofByte: error.range.start)
            let hint = error.suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            return DataError(id: error.id, message: error.message + hint, file: path, line: line, column: column)
        }
        try Self.checkID(statement, path: path)
        let options: ScriptKPIOptions
        let parsed: Statement
        do {
            options = try ScriptKPIOptions(statement: statement.text)
            parsed = try Parser.parseStatement(options.remainingText)
        } catch {
            throw located(error)
        }
        guard case .kpi(let syntax) = parsed else {
            throw DataError(
                id: .pluginUnexpectedStatement, message: "expected 'kpi NAME = formula'", file: path, line: statement.line, column: 1)
        }
        for (field, range) in options.needs + (options.dateBasis.map { [$0] } ?? []) where schema.field(field) == nil {
            let known = schema.table(named: field.table)?.fields.map(\.name) ?? schema.tables.map(\.name)
            let suggestion = NameSuggester.suggest(schema.table(named: field.table) == nil ? field.table : field.field, among: known)
            throw located(
                FormulaError(
                    id: .formulaUnknownField, message: "'\(field)' is not a field of the canonical schema", range: range, suggestion: suggestion))
        }
        var unit: KPICore.Unit?
        if let name = syntax.unit {
            guard let parsedUnit = Unit(name: name) else {
                let range = Self.range(ofWord: name, after: "unit", in: options.remainingText)
                throw located(
                    FormulaError(
                        id: .formulaUnknownUnit, message: "unknown unit '\(name)'", range: range,
                        suggestion: NameSuggester.suggest(name, among: ["count", "money", "ratio", "hours", "days", "score", "number"])))
            }
            unit = parsedUnit
        }
        let plan: QueryPlan
        do {
            plan = try Binder(environment: validationEnvironment(registry), source: options.remainingText).plan(syntax.query)
        } catch {
            throw located(error)
        }
        // The date basis is not a requirement: without it the KPI still gives totals and groups.
        var requirements = PlanPrinter.fields(of: plan)
        for extra in options.needs.map(\.path) where !requirements.contains(extra) {
            requirements.append(extra)
        }
        return FormulaKPI(
            id: syntax.name, title: syntax.name.replacingOccurrences(of: "_", with: " ").capitalized,
            summary: syntax.summary ?? "Defined in \(URL(fileURLWithPath: path).lastPathComponent) (module \(module)).",
            unit: unit ?? plan.unit, direction: syntax.higherIsBetter.map { $0 ? .higherIsBetter : .lowerIsBetter } ?? .neutral,
            dateBasis: options.dateBasis?.path, requirements: requirements, formula: Self.oneLine(syntax.formulaText))
    }

    /// The parser would read `kpi Bad-Name = ...` as a query; say what is wrong with the name instead.
    private static func checkID(_ statement: ScriptStatement, path: String) throws(DataError) {
        let afterKeyword = statement.text.drop { $0 != " " && $0 != "\t" }.drop { $0 == " " || $0 == "\t" }
        let id = afterKeyword.prefix { !($0 == " " || $0 == "\t" || $0 == "=" || $0 == "\n") }
        let valid =
            id.first.map { $0 == "_" || ("a"..."z").contains($0) } == true
            && id.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        guard valid else {
            let column = statement.text.count - afterKeyword.count + 1
            throw DataError(
                id: .pluginInvalidID, message: "a KPI id is snake_case (lower-case letters, digits and _); found '\(id)'",
                file: path, line: statement.line, column: column)
        }
    }

    /// An environment whose dataset has every canonical table and field, with no rows: binding
    /// against it checks names, types and units without any data loaded.
    private func validationEnvironment(_ registry: KPIRegistry) -> FormulaEnvironment {
        var dataset = Dataset()
        for table in schema.tables {
            let columns = table.fields.map { Column(name: $0.name, type: $0.type.storage ?? .text, values: []) }
            dataset.insert(Table(name: table.name, columns: columns, rowCount: 0))
        }
        return FormulaEnvironment(dataset: dataset, registry: registry, asOf: 0)
    }

    /// A wrapped formula as one line, comments dropped, so `describe` and JSON show it plainly.
    static func oneLine(_ text: String) -> String {
        text.split(separator: "\n").map { ScriptStatements.stripComment(String($0)).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    private static func range(ofWord word: String, after keyword: String, in text: String) -> SourceRange {
        let bytes = Array(text.utf8), needle = Array((keyword + " ").utf8)
        guard needle.count <= bytes.count else { return SourceRange(0, 0) }
        for start in stride(from: bytes.count - needle.count, through: 0, by: -1) where Array(bytes[start..<start + needle.count]) == needle {
            var i = start + needle.count
            while i < bytes.count, bytes[i] == 32 { i += 1 }
            return SourceRange(i, i + word.utf8.count)
        }
        return SourceRange(0, 0)
    }
}
