import Foundation
import KPICore
import KPIFormula

/// A working session: the loaded data bound to the canonical schema, the registry of KPIs and
/// adapters, the user's `let` and `kpi` definitions, and the clock. The one API that the REPL,
/// the CLI and the tests drive.
///
/// A session is used from one task at a time; evaluation takes a cancellation check so a REPL can
/// stop a long query on Ctrl-C.
public final class Session {
    /// KPIs, modules and adapters (session-defined KPIs are added here).
    public private(set) var registry: KPIRegistry
    /// Settings: as-of, week start, fiscal year.
    public var options: SessionOptions
    /// The schema loaded data is bound to and formulas are bound against.
    public let schema: CanonicalSchema
    /// The tables as loaded, before binding.
    public private(set) var rawTables: [Table] = []
    /// The bound dataset formulas run on.
    public private(set) var dataset = Dataset() {
        didSet {
            latestInstant = nil
            reportingSpan = nil
        }
    }
    /// The span of the schema's reporting basis (leads.created_at), found once per binding (every
    /// query's reporting range).
    private var reportingSpan: ClosedRange<Int64>??
    /// The latest instant at which something happened (the default as-of) and what it was, found
    /// once per binding: scanning every date column on each statement cost ~11 ms on 10 million rows.
    var latestInstant: LatestEvent?
    /// What the last binding did.
    public private(set) var bindingReport = BindingReport()
    /// `let` definitions, by name.
    public private(set) var definitions: [String: Expr] = [:]
    /// Where the data came from (paths, or `demo`), for the banner.
    public private(set) var sources: [String] = []
    /// The mapping file in force, if any.
    public private(set) var mapping: Mapping?
    /// The goals in force (`goal …` statements; see ``useGoals(_:)``).
    public internal(set) var goalFile = GoalFile()
    /// Folders of script modules given with `--plugins`, besides the default ones (for `.reload`).
    public var pluginDirectories: [String] = []
    /// The working directory and environment that recipe, plugin and goal folders are found from.
    public var workspace: Workspace
    /// Where goals are saved; nil keeps them in memory for this session only.
    public internal(set) var goalsURL: URL?
    /// Whether the first save may create the goals file's folder (kpikit's own, in the data home).
    var createsGoalsFolder = false
    /// Notes from the last load: files skipped in a folder, tables provided by several files.
    public private(set) var loadNotes: [String] = []

    /// Creates an empty session that binds data to `schema`, in `workspace` (the process's own,
    /// unless a caller passes another).
    public init(
        registry: KPIRegistry, options: SessionOptions = SessionOptions(), schema: CanonicalSchema = .standard,
        workspace: Workspace = .current
    ) {
        self.registry = registry
        self.options = options
        self.schema = schema
        self.workspace = workspace
    }

    // MARK: - Data

    /// Uses a mapping file for binding (overrides automatic binding); rebinds loaded data, if any.
    public func useMapping(_ url: URL) throws(SessionError) {
        do {
            mapping = try Mapping.load(from: url)
        } catch let error as DataError {
            throw SessionError(.data(error))
        } catch {
            throw SessionError(.data(DataError(id: .mappingUnreadable, message: "\(error)", file: url.path)))
        }
        if !rawTables.isEmpty { try rebind() }
    }

    /// Adds tables that were made in memory (the demo CRM, tests).
    public func add(tables: [Table], source: String) throws(SessionError) {
        rawTables = merge(rawTables, tables)
        sources.append(source)
        try rebind()
    }

    /// Loads a file, or every supported file in a directory, through the registry's adapters.
    ///
    /// A `kpikit-mapping.json` next to the data is used unless a mapping was set explicitly.
    /// - Parameters:
    ///   - name: the table name to use for a single-table file.
    ///   - isCancelled: asked every few thousand rows (Ctrl-C in the shell); a cancelled load
    ///     throws an error whose ``SessionError/isCancellation`` is true and changes nothing.
    /// - Returns: the names of the tables loaded.
    @discardableResult
    public func load(
        _ path: String, as name: String? = nil, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws(SessionError) -> [String] {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SessionError(.data(DataError(id: .loadNotFound, message: "no such file or directory", file: path)))
        }
        if mapping == nil, let conventional = Mapping.conventionalURL(near: url) {
            // Read before the data: it may say how to read a file (its encoding, null words).
            do {
                mapping = try Mapping.load(from: conventional)
            } catch let error as DataError {
                throw SessionError(.data(error))
            } catch {
                throw SessionError(.data(DataError(id: .mappingUnreadable, message: "\(error)", file: conventional.path)))
            }
        }
        var files: [URL] = []
        var skipped: [URL] = []
        if isDirectory.boolValue {
            // Under the folder as the user named it, so messages and rejects say `export/x.csv`.
            let entries = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).map { url.appendingPathComponent($0) }
            files = entries.filter { registry.adapter(for: $0) != nil }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            // A FIFO named leads.csv would block the load forever once opened: judge it unopened.
            skipped = files.filter { Self.isSpecialFile($0.path) }
            files.removeAll { Self.isSpecialFile($0.path) }
            if files.isEmpty && skipped.isEmpty {
                let kinds = registry.adapters.flatMap(\.adapter.fileExtensions).map { "." + $0 }.joined(separator: " ")
                throw SessionError(.data(DataError(id: .loadNoFiles, message: "no data files here (looked for \(kinds))", file: path)))
            }
            // A directory with both crm.sqlite and CSVs of the same tables: later files replace earlier tables.
        } else {
            guard registry.adapter(for: url) != nil else {
                let kinds = registry.adapters.flatMap(\.adapter.fileExtensions).map { "." + $0 }.joined(separator: " ")
                throw SessionError(
                    .data(DataError(id: .loadUnsupported, message: "cannot read this kind of file (supported: \(kinds))", file: path)))
            }
            files = [url]
        }
        var loaded: [Table] = []
        var notes = skipped.map { "\($0.lastPathComponent) is not a regular file; skipped" }
        var providedBy: [String: String] = [:]
        var alsoIn: [String: [String]] = [:]
        for file in files {
            guard let adapter = registry.adapter(for: file) else { continue }
            if isDirectory.boolValue && file.lastPathComponent == Mapping.conventionalFileName { continue }
            var tables: [Table]
            do {
                var options = loadOptions(for: file, tableName: files.count == 1 ? name : nil)
                options.cancellation = LoadCancellation(isCancelled)
                tables = try adapter.load(file, options: options)
            } catch {
                // In a folder, a JSON document that is valid but not a table (a manifest, a config)
                // is not data: say so and go on. Anything malformed still stops the load.
                if isDirectory.boolValue, error.id == .jsonNotATable || error.id == .jsonNotAnObject {
                    notes.append("skipped \(file.lastPathComponent): not a table (\(error.message))")
                    continue
                }
                throw SessionError(.data(error))
            }
            // In a folder, a .txt file is data only when it is a delimited table (Excel's "Unicode Text").
            if isDirectory.boolValue, file.pathExtension.lowercased() == "txt", tables.allSatisfy({ $0.columns.count < 2 }) {
                notes.append("skipped \(file.lastPathComponent): not a delimited table")
                continue
            }
            for table in tables {
                if providedBy[table.name] != nil {
                    alsoIn[table.name, default: []].append(file.lastPathComponent)
                    continue
                }
                providedBy[table.name] = file.lastPathComponent
                loaded.append(table)
            }
        }
        for (table, others) in alsoIn.sorted(by: { $0.key < $1.key }) {
            notes.append("table \(table) is also in \(others.joined(separator: ", ")); using \(providedBy[table]!)")
        }
        loadNotes = notes
        rawTables = merge(rawTables, loaded)
        sources.append(path)
        try rebind()
        return loaded.map(\.name)
    }

    /// Whether `path` (links followed) is a FIFO, socket or device: opening one for reading can
    /// block, and it holds no table. A path that cannot be stat'ed is left to its adapter to explain.
    static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// Replaces the registry (module reloads); session-defined KPIs are kept.
    func replaceRegistry(_ new: KPIRegistry) {
        var merged = new
        for entry in registry.entries where entry.origin == .session { try? merged.define(entry.kpi) }
        registry = merged
    }

    /// Forgets `let` and `kpi` definitions and restores default settings; keeps the data.
    public func resetDefinitions() {
        definitions = [:]
        registry.removeSessionDefinitions()
        options = SessionOptions()
    }

    /// Forgets all data and definitions; keeps registry modules and options.
    public func reset() {
        rawTables = []
        dataset = Dataset()
        bindingReport = BindingReport()
        definitions = [:]
        sources = []
    }

    private func merge(_ existing: [Table], _ new: [Table]) -> [Table] {
        var out = existing
        for table in new {
            if let i = out.firstIndex(where: { $0.name == table.name }) { out[i] = table } else { out.append(table) }
        }
        return out
    }

    /// How to read `file`: the session's settings, and what the mapping says of its table.
    private func loadOptions(for file: URL, tableName: String?) -> LoadOptions {
        let tableMapping = mapping?.table(forLoaded: tableName ?? file.deletingPathExtension().lastPathComponent)
        return LoadOptions(
            tableName: tableName, encoding: options.encoding ?? tableMapping?.encoding, strict: options.strict,
            extraNullWords: tableMapping?.nullWords ?? [])
    }

    /// Binds the loaded tables again with the current settings (after `--date-order` or
    /// `--strict` changed, say).
    public func reloadBinding() throws(SessionError) {
        if !rawTables.isEmpty { try rebind() }
    }

    private func rebind() throws(SessionError) {
        do {
            let result = try SchemaBinder(
                schema: schema, mapping: mapping, options: BindOptions(strict: options.strict, dateOrder: options.dateOrder)
            ).bind(rawTables)
            dataset = result.dataset
            bindingReport = result.report
        } catch let error as DataError {
            throw SessionError(.data(error))
        } catch {
            throw SessionError(.data(DataError(id: .schemaBindFailed, message: "\(error)", file: sources.last ?? "data")))
        }
    }

    // MARK: - Clock

    /// The as-of instant in force: the option, or the latest instant at which something happened
    /// in the data (see ``latestEvent``).
    public var asOf: Int64 {
        if let asOf = options.asOf { return asOf }
        return latestEvent?.instant ?? 0
    }

    /// The latest instant at which something happened in the data, and what: the default as-of.
    /// `nil` when the data has no dates.
    ///
    /// Things that happen are the schema's events (``CanonicalField/event``); in the standard
    /// schema, a lead created, contacted, qualified or converted; a stage entered; an
    /// activity logged; a customer starting or churning; a survey answered; a close of a lead that
    /// is closed (won, lost or disqualified). Never a scheduled date, and never an open deal's close
    /// date — an export's "Close Date" of an open deal is when it is *expected* to close.
    public var latestEvent: LatestEvent? {
        if let latestInstant { return latestInstant.instant == Int64.min ? nil : latestInstant }
        let latest = LatestEvent.find(in: dataset, schema: schema)
        latestInstant = latest ?? LatestEvent(instant: Int64.min, what: "")
        return latest
    }

    /// The formula environment for the current state.
    public var environment: FormulaEnvironment {
        var environment = FormulaEnvironment(
            dataset: dataset, registry: registry, definitions: definitions, asOf: asOf, weekStart: options.weekStart,
            fiscalYearStartMonth: options.fiscalYearStartMonth, schema: schema)
        if reportingSpan == nil { reportingSpan = .some(FormulaEnvironment.reportingSpan(in: dataset, schema: schema)) }
        environment.reportingSpan = reportingSpan ?? nil
        return environment
    }

    // MARK: - Statements

    /// What a statement did.
    public enum Outcome: Sendable {
        /// A query's result.
        case result(QueryResult, plan: QueryPlan)
        /// `let NAME = ...` defined a name.
        case defined(name: String)
        /// `kpi NAME = ...` defined a KPI.
        case definedKPI(id: String)
        /// `explain ...`: the plan, as text.
        case explained(QueryPlan, text: String)
        /// `compare ... vs ...`.
        case compared(PeriodComparison)
        /// `explain change ... from ... to ...`.
        case changeExplained(ChangeExplanation)
        /// `goal …`, `goal remove N`, `goal edit N …`: what changed and the SMART warnings.
        case goalChanged(GoalChange)
        /// `goals` / `goals why`: every goal's status and the team roll-ups.
        case goalReport(GoalReport)
    }

    /// Parses, binds and runs one statement.
    public func run(_ source: String, isCancelled: @escaping @Sendable () -> Bool = { false }) throws(SessionError) -> Outcome {
        try run(try Self.parse(source), source: source, isCancelled: isCancelled)
    }

    /// Parses one statement, as ``run(_:isCancelled:)`` does: a formula error points into
    /// `source`; a goal statement's error reads as a goals file's does (`goal:1:COLUMN`).
    public static func parse(_ source: String) throws(SessionError) -> Statement {
        do {
            return try Parser.parseStatement(source)
        } catch  where error.id.domain == "goals" {
            throw SessionError(.data(GoalStatement.dataError(error, in: source, file: "goal", line: 1).asStatementError))
        } catch {
            throw SessionError(.formula(error, source: source))
        }
    }

    /// Binds and runs a parsed statement; `source` is the text it was parsed from, which errors
    /// point into. `? NAME`, `describe` and `run RECIPE` are the shell's: they are refused here.
    public func run(
        _ statement: Statement, source: String, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws(SessionError) -> Outcome {
        switch statement {
        case .query(let query):
            let (result, plan) = try runQuery(query, source: source, isCancelled: isCancelled)
            return .result(result, plan: plan)
        case .explain(let query):
            let plan = try plan(query, source: source)
            return .explained(plan, text: PlanPrinter.describe(plan))
        case .define(let name, let value):
            if registry.kpi(name) != nil || dataset[name] != nil {
                throw SessionError(
                    .formula(
                        FormulaError(
                            id: .formulaNameTaken, message: "'\(name)' is already a KPI or table name", range: SourceRange(4, 4 + name.utf8.count)),
                        source: source))
            }
            definitions[name] = value
            return .defined(name: name)
        case .kpi(let definition):
            try define(definition, source: source)
            return .definedKPI(id: definition.name)
        case .compare(let comparison):
            return .compared(try compare(comparison, source: source, isCancelled: isCancelled))
        case .explainChange(let change):
            return .changeExplained(try explainChange(change, source: source, isCancelled: isCancelled))
        case .goal(.report(let showsRules)):
            return .goalReport(try goalReport(showsRules: showsRules))
        case .goal(.add(let goal)):
            return .goalChanged(try changeGoals(.add(try typedGoal(goal, source: source))))
        case .goal(.edit(let number, let goal)):
            return .goalChanged(try changeGoals(.replace(number, with: try typedGoal(goal, source: source))))
        case .goal(.remove(let number)):
            return .goalChanged(try changeGoals(.remove(number)))
        case .describe, .runRecipe:
            throw SessionError(
                .formula(
                    FormulaError(
                        id: .sessionShellStatement,
                        message: "this is a shell command (`? NAME`, `describe NAME`, `run RECIPE`), not a statement of a session",
                        range: SourceRange(0, source.utf8.count)),
                    source: source))
        }
    }

    /// Runs a query, with the notes of what its KPI's exclusions leave out.
    func runQuery(
        _ query: QuerySyntax, source: String, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws(SessionError) -> (QueryResult, QueryPlan) {
        let plan = try plan(query, source: source)
        var result = try execute(plan, isCancelled: isCancelled)
        if let kpiID = plan.kpiID {
            result.notes += try exclusionNotes(for: kpiID, query: query, source: source, isCancelled: isCancelled)
        }
        return (result, plan)
    }

    /// Evaluates a query and returns its result.
    public func evaluate(_ source: String, isCancelled: @escaping @Sendable () -> Bool = { false }) throws(SessionError) -> QueryResult {
        guard case .result(let result, _) = try run(source, isCancelled: isCancelled) else {
            throw SessionError(.statement(.engineNotAQuery, "'\(source)' is a definition, not a query"))
        }
        return result
    }

    func plan(_ query: QuerySyntax, source: String) throws(SessionError) -> QueryPlan {
        do {
            return try Binder(environment: environment, source: source).plan(query)
        } catch {
            throw SessionError(.formula(error, source: source))
        }
    }

    func execute(_ plan: QueryPlan, isCancelled: @escaping @Sendable () -> Bool) throws(SessionError) -> QueryResult {
        do {
            var result = try Executor(
                dataset: dataset, weekStart: options.weekStart, fiscalYearStartMonth: options.fiscalYearStartMonth,
                isCancelled: isCancelled
            ).run(plan)
            result.notes += loadingNotes(for: plan)
            return result
        } catch .cancelled {
            throw SessionError(.cancelled)
        } catch {
            throw SessionError(.execution("\(error)"))
        }
    }

    private func define(_ definition: KPIDefinitionSyntax, source: String) throws(SessionError) {
        var unit: KPICore.Unit?
        if let name = definition.unit {
            guard let parsed = Unit(name: name) else {
                throw SessionError(
                    .formula(
                        FormulaError(
                            id: .formulaUnknownUnit, message: "unknown unit '\(name)'", range: SourceRange(0, source.utf8.count),
                            suggestion: NameSuggester.suggest(name, among: ["count", "money", "ratio", "hours", "days", "score", "number"])),
                        source: source))
            }
            unit = parsed
        }
        // Bind once now so that errors surface at definition time, with a caret.
        let plan = try plan(definition.query, source: source)
        let kpi = FormulaKPI(
            id: definition.name, title: definition.name.replacingOccurrences(of: "_", with: " ").capitalized,
            summary: definition.summary ?? "Defined in this session.", unit: unit ?? plan.unit,
            direction: definition.higherIsBetter.map { $0 ? .higherIsBetter : .lowerIsBetter } ?? .neutral,
            dateBasis: nil, requirements: PlanPrinter.fields(of: plan), formula: definition.formulaText)
        do throws(RegistryError) {
            try registry.define(kpi)
        } catch {
            throw SessionError(.registry(error))
        }
    }
}
