import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// The REPL's language on top of a ``Session``: formulas and dot-commands in, rendered text out.
/// No terminal I/O here, so transcripts can be tested in-process.
public final class Shell {
    /// The session statements run in.
    public let session: Session
    /// The output format.
    public var format: OutputFormat
    /// Renders results.
    public var renderer: ResultRenderer
    /// The last query result (`.last`, `_`).
    public private(set) var lastResult: QueryResult?
    /// Whether to print how long each statement took.
    public var timer = false
    /// Results are also appended to this file (`.output FILE`); files are never truncated.
    public private(set) var outputFile: String?
    /// The next result only goes to this file (`.once FILE`).
    public private(set) var onceFile: String?
    /// Statements that ran without error, numbered from 1 (`.save recipe NAME 2-5`).
    public private(set) var statementHistory: [String] = []
    /// The last result, comparison or goals report, for `.last`.
    private var lastOutput: Renderable?
    /// Returns the current time in seconds, for `.timer` (injectable for tests).
    public var clock: () -> Double = { Date().timeIntervalSince1970 }

    /// What handling one input produced.
    public struct Response: Sendable {
        /// Text for standard output (may be empty).
        public var output: String
        /// Text for standard error (an error message), if any.
        public var error: String?
        /// Lines for standard error that are not errors, printed after ``error``: a CSV
        /// result's notes, the `time:` of `.timer on`. They leave the exit status alone.
        public var diagnostics: [String]
        /// Whether the user asked to quit.
        public var quit: Bool = false
        /// Whether the statement was cancelled (Ctrl-C): ``error`` says so, and nothing changed.
        public var cancelled: Bool = false
        /// What sort of failure ``error`` is, as made; the shell's own (`usage: …`, an unknown
        /// command) are the statement's.
        var reportedCategory: DiagnosticCategory

        /// What sort of failure ``error`` reports, which decides `kpi`'s exit status; `nil`
        /// without an error.
        public var errorCategory: DiagnosticCategory? {
            guard error != nil else { return nil }
            return cancelled ? .cancelled : reportedCategory
        }

        /// Creates a response.
        public init(
            output: String = "", error: String? = nil, diagnostics: [String] = [], quit: Bool = false,
            errorCategory: DiagnosticCategory = .statement
        ) {
            self.output = output
            self.error = error
            self.diagnostics = diagnostics
            self.quit = quit
            self.reportedCategory = errorCategory
        }

        /// The response for rendered output.
        init(_ rendered: Rendered) {
            self.init(output: rendered.text, diagnostics: rendered.diagnostics)
        }
    }

    /// Where a statement came from, so its errors name the place in the input (`<stdin>:12:5`)
    /// instead of the statement alone (`formula:1:5`).
    public struct Origin: Sendable, Hashable {
        /// The input's name as errors give it: `<stdin>`, a file's path.
        public var label: String
        /// The 1-based line of the input on which the statement starts.
        public var line: Int

        /// Creates an origin.
        public init(label: String, line: Int) {
            self.label = label
            self.line = line
        }
    }

    /// Creates a shell.
    public init(session: Session, format: OutputFormat = .table, renderer: ResultRenderer = ResultRenderer()) {
        self.session = session
        self.format = format
        self.renderer = renderer
    }

    /// Handles one complete input: a dot-command or a statement.
    ///
    /// - Parameters:
    ///   - origin: where the input came from, for error locations; `nil` for a statement on its
    ///     own (`kpi eval`, the prompt), whose errors say `formula:1:COLUMN`.
    ///   - isCancelled: polled during evaluation (Ctrl-C).
    public func handle(
        _ input: String, origin: Origin? = nil, isCancelled: @escaping @Sendable () -> Bool = { false }
    ) -> Response {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || SourceText.isCommentOnly(trimmed) { return Response() }
        if trimmed == "_" { return command(".last") }
        let timed = timer && !trimmed.hasPrefix(".")
        let started = timed ? clock() : 0
        let (handled, isSessionStatement) = handleStatement(
            trimmed, place: Place(input: input, trimmed: trimmed, origin: origin), isCancelled: isCancelled)
        var response = handled
        // The history is what `.save recipe` saves: statements a session runs, not the shell's own.
        if response.error == nil, isSessionStatement { statementHistory.append(trimmed) }
        response = divert(response)
        if timed {
            // Last, after the result or the error, and on standard error: never inside a CSV.
            let ms = (clock() - started) * 1000
            response.diagnostics.append("time: " + ValueFormatter().grouped(ms, decimals: 1) + " ms")
        }
        return response
    }

    /// Sends output to `.once`/`.output` files (appending, without colour); `.once` output is
    /// not shown.
    private func divert(_ response: Response) -> Response {
        guard !response.output.isEmpty, let file = onceFile ?? outputFile else { return response }
        let isOnce = onceFile != nil
        onceFile = nil
        do {
            try Self.append(ANSI.strip(response.output) + "\n", to: file)
        } catch {
            return Response(
                output: response.output, error: DiagnosticText.line(.shellOutput, "cannot write \(file): \(error)"),
                diagnostics: response.diagnostics,
                quit: response.quit, errorCategory: .data)
        }
        return isOnce
            ? Response(error: response.error, diagnostics: response.diagnostics, quit: response.quit, errorCategory: response.reportedCategory)
            : response
    }

    static func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission)
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Renders anything in the shell's format: the one way output is made.
    func render(_ item: Renderable) -> Response {
        Response(OutputRenderer(results: renderer).render(item, format: format))
    }

    /// The response to a dot-command or a statement, and whether it was a statement of the
    /// session's (not a dot-command, `? NAME`, `describe NAME` or `run RECIPE`).
    private func handleStatement(_ trimmed: String, place: Place, isCancelled: @escaping @Sendable () -> Bool) -> (Response, Bool) {
        if trimmed.hasPrefix(".") { return (command(trimmed, isCancelled: isCancelled), false) }
        let statement: Statement
        do {
            statement = try Session.parse(trimmed)
        } catch {
            return (Response(error: place.render(error), errorCategory: error.category), true)
        }
        switch statement {
        case .describe(let name): return (describe(name), false)
        case .runRecipe(let run): return (RecipeShellCommand.handle(run, shell: self, isCancelled: isCancelled), false)
        default: return (runSessionStatement(statement, place: place, isCancelled: isCancelled), true)
        }
    }

    private func runSessionStatement(_ statement: Statement, place: Place, isCancelled: @escaping @Sendable () -> Bool) -> Response {
        let trimmed = place.trimmed
        do {
            let outcome = try session.run(statement, source: trimmed, isCancelled: isCancelled)
            var title: String?
            if case .result(let result, _) = outcome {
                lastResult = result
                title = format == .table ? result.kpiID.flatMap { session.registry.kpi($0)?.title } : nil
            }
            let item = Renderable(outcome, title: title)
            switch outcome {
            case .result, .compared, .changeExplained, .goalReport: lastOutput = item
            default: break
            }
            return render(item)
        } catch  where error.isCancellation {
            return Self.cancelledResponse
        } catch {
            return Response(error: place.render(error), errorCategory: error.category)
        }
    }

    /// What a statement stopped by Ctrl-C answers: not an error of the statement's, so no id.
    static var cancelledResponse: Response {
        var response = Response(error: "cancelled: the session and its definitions are unchanged")
        response.cancelled = true
        return response
    }

    // MARK: - Commands

    /// The dot-commands, with a line of help each.
    public static let commands: [(name: String, help: String)] = [
        (".help", "this list"),
        (".kpis [filter]", "the KPI catalogue, marking what the loaded data can answer"),
        (".describe KPI", "a KPI's definition, formula, unit, direction, date basis and needs (also `? KPI`)"),
        (".modules", "KPI modules: version, origin (built-in, Swift plugin, script plugin and its path) and KPIs"),
        (".reload", "load the script modules (*.kpi in Plugins/ and --plugins folders) again"),
        (".tables", "loaded tables with row counts"),
        (".schema TABLE", "a table's fields and types"),
        (".mapping", "how loaded tables bound to the canonical schema, and the links between them"),
        (".inspect [PATH]", "how each file was read: encoding, header, column types and formats, samples, bindings, skipped rows"),
        (".rejects [N|all]", "cells read as null although something was written there (or a required field is empty)"),
        (".load PATH [as NAME]", "load a file or a folder of files"),
        (".format " + OutputFormat.names(for: .statements).joined(separator: "|"), "how results are shown"),
        (".last", "the previous result again, in full: every row and column (also `_`)"),
        (".history", "this session's statements, numbered as .save recipe NAME 2-5 counts them"),
        (".edit", "edit the previous statement in $EDITOR, then run it"),
        (".timer on|off", "show how long each statement takes"),
        (".output FILE|off", "also append every result to FILE (never truncated)"),
        (".once FILE", "append only the next result to FILE"),
        (".set as-of DATE | week-start DAY | fiscal-year-start MONTH | small-sample N", "session settings"),
        (".reset", "forget let/kpi definitions and settings (the data stays)"),
        ("goal KPI >= TARGET by DATE [for SCOPE] [from DATE] [\"note\"]", "set a goal (goal remove N, goal edit N …)"),
        ("goals [why]", "every goal's status, pace and projection (why: the rule behind each)"),
        ("compare QUERY vs previous|last year|N periods ago|team", "compare with a baseline, with significance"),
        ("explain change QUERY by F from P1 to P2", "split a change into mix and rate effects"),
        ("run NAME [PARAM=VALUE]…", "run a recipe (Recipes/NAME.recipe) and show its report"),
        (".save recipe NAME [RANGE] [PARAM=LITERAL]… [replace]", "save this session's statements as a recipe"),
        (".quit", "leave (Ctrl-D works too)"),
    ]

    private func command(_ text: String, isCancelled: @escaping @Sendable () -> Bool = { false }) -> Response {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let name = parts[0].lowercased()
        let rest = Array(parts.dropFirst())
        switch name {
        case ".help", ".h", ".?":
            if let topic = rest.first?.lowercased() {
                if topic == "functions" { return Response(output: LanguageHelp.functionList(with: session.registry)) }
                if let text = LanguageHelp.topics[topic] { return Response(output: text) }
                return describe(topic)
            }
            let width = Self.commands.map(\.name.count).max() ?? 0
            let lines = Self.commands.map { $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.help }
            return Response(
                output: (["Type a formula, e.g. `lead_conversion_rate by source`, or a command:"] + lines
                    + ["", "More: .help keys | formulas | periods | functions, and `? NAME` for a KPI or function."]).joined(separator: "\n"))
        case ".quit", ".exit", ".q":
            return Response(quit: true)
        case ".kpis":
            return Response(output: CatalogRenderer.kpis(session, filter: rest.first, format: .table))
        case ".describe":
            guard let id = rest.first else { return Response(error: "usage: .describe KPI") }
            return describe(id)
        case ".reload":
            let report = session.reloadScriptModules()
            let names = report.modules.map(\.name).joined(separator: ", ")
            return Response(
                output: "reloaded \(report.modules.count) script module\(report.modules.count == 1 ? "" : "s")" + (names.isEmpty ? "" : ": \(names)"),
                error: report.problems.isEmpty ? nil : report.problemText)
        case ".modules":
            return Response(output: CatalogRenderer.modules(session.registry, format: format))
        case ".tables":
            return Response(output: tableList())
        case ".schema":
            guard let tableName = rest.first else { return Response(error: "usage: .schema TABLE") }
            guard let table = session.dataset[tableName] else {
                let hint = NameSuggester.suggest(tableName, among: session.dataset.tables.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                return Response(error: DiagnosticText.line(.shellUnknownTable, "no table '\(tableName)'\(hint)"))
            }
            let width = table.columns.map(\.name.count).max() ?? 0
            return Response(
                output: table.columns.map {
                    $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.type.rawValue
                        + ($0.nullCount > 0 ? "  (\($0.nullCount) null)" : "")
                }.joined(separator: "\n"))
        case ".mapping":
            return Response(output: ([session.bindingReport.description] + session.loadSummary(listing: ".rejects")).joined(separator: "\n"))
        case ".inspect":
            return inspect(path: rest.isEmpty ? nil : rest.joined(separator: " "))
        case ".rejects":
            return rejects(limit: rest.first)
        case ".load":
            guard let path = rest.first else { return Response(error: "usage: .load PATH [as NAME]") }
            let alias = rest.count >= 3 && rest[1].lowercased() == "as" ? rest[2] : nil
            do {
                let names = try session.load(path, as: alias, isCancelled: isCancelled)
                let summary = [session.bindingReport.description] + session.loadSummary(listing: ".rejects")
                return Response(output: "loaded \(names.joined(separator: ", "))\n" + summary.joined(separator: "\n"))
            } catch  where error.isCancellation {
                return Self.cancelledResponse
            } catch {
                return Response(error: error.render(), errorCategory: error.category)
            }
        case ".format", ".mode":
            guard let value = rest.first, let format = OutputFormat.named(value.lowercased(), for: .statements) else {
                return Response(error: "usage: .format " + OutputFormat.names(for: .statements).joined(separator: "|"))
            }
            self.format = format
            return Response()
        case ".last":
            guard let lastOutput else { return Response(error: "no result yet") }
            var full = renderer
            full.maxRows = nil
            full.fitsWidth = false
            return Response(OutputRenderer(results: full).render(lastOutput, format: format))
        case ".history":
            return Response(output: historyList())
        case ".timer":
            guard let value = rest.first?.lowercased(), value == "on" || value == "off" else { return Response(error: "usage: .timer on|off") }
            timer = value == "on"
            return Response()
        case ".output":
            guard let file = rest.first else { return Response(error: "usage: .output FILE|off") }
            outputFile = file.lowercased() == "off" ? nil : file
            return Response()
        case ".once":
            guard let file = rest.first else { return Response(error: "usage: .once FILE") }
            onceFile = file
            return Response()
        case ".reset":
            session.resetDefinitions()
            return Response(output: "definitions and settings reset")
        case ".set":
            return set(rest)
        case ".save":
            guard rest.first?.lowercased() == "recipe" else { return Response(error: "usage: .save recipe NAME [RANGE] [PARAM=LITERAL]… [replace]") }
            let arguments = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).dropFirst(2).joined()
            let directory =
                RecipeLibrary.standard(in: session.workspace).directories.first
                ?? session.workspace.currentDirectory.appendingPathComponent("Recipes")
            return RecipeSaver(directory: directory).handle(arguments, statements: statementHistory, registry: session.registry)
        default:
            let suggestion = NameSuggester.suggest(name, among: Self.commands.map { String($0.name.split(separator: " ")[0]) })
            return Response(
                error: DiagnosticText.line(.shellUnknownCommand, "unknown command '\(name)'") + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                    + "; .help lists them")
        }
    }

    private static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    private func set(_ words: [String]) -> Response {
        guard words.count == 2 else {
            return Response(error: "usage: .set as-of DATE | week-start DAY | fiscal-year-start MONTH | small-sample N")
        }
        let value = words[1].lowercased()
        switch words[0].lowercased() {
        case "as-of", "asof":
            if value == "latest" {
                session.options.asOf = nil
                return Response()
            }
            guard let parsed = ISO8601.parse(words[1]) else {
                return Response(error: DiagnosticText.line(.shellBadSetting, "'\(words[1])' is not a date"))
            }
            session.options.asOf = parsed.hasTime ? parsed.milliseconds : parsed.milliseconds + Time.millisecondsPerDay - 1
        case "week-start":
            guard let day = Self.weekdays.firstIndex(where: { $0.hasPrefix(value) && value.count >= 2 }) else {
                return Response(error: DiagnosticText.line(.shellBadSetting, "week-start takes a weekday (monday ... sunday)"))
            }
            session.options.weekStart = day + 1
        case "fiscal-year-start":
            let month = Int(value) ?? Self.months.firstIndex(where: { $0.hasPrefix(value) && value.count >= 3 }).map { $0 + 1 }
            guard let month, (1...12).contains(month) else {
                return Response(error: DiagnosticText.line(.shellBadSetting, "fiscal-year-start takes a month (january ... december, or 1-12)"))
            }
            session.options.fiscalYearStartMonth = month
        case "small-sample":
            guard let n = Double(value), n >= 0 else { return Response(error: DiagnosticText.line(.shellBadSetting, "small-sample takes a count")) }
            renderer.smallSampleThreshold = n
        default:
            return Response(
                error: DiagnosticText.line(.shellBadSetting, "unknown setting '\(words[0])' (as-of, week-start, fiscal-year-start, small-sample)"))
        }
        return Response()
    }

    /// A KPI's definition: what it tells, formula, unit, direction, date basis, requirements and
    /// origin; or a function's signature and example. In the shell's format.
    public func describe(_ id: String) -> Response {
        guard let entry = session.registry.entry(for: id) else {
            let functions = LanguageHelp.functions(with: session.registry)
            if let function = functions[id.lowercased()] {
                return render(.text(function.description, key: "function"))
            }
            let names = session.registry.kpiIDs + functions.keys
            let hint = NameSuggester.suggest(id, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            return Response(error: DiagnosticText.line(.shellUnknownKPI, "no KPI or function '\(id)'\(hint); .kpis and .help functions list them"))
        }
        let kpi = entry.kpi
        let availability = session.registry.availability(of: kpi, in: session.dataset)
        let direction: String
        switch kpi.direction {
        case .higherIsBetter: direction = "higher is better"
        case .lowerIsBetter: direction = "lower is better"
        case .neutral: direction = "neither higher nor lower is better"
        }
        let facts: [KPIFacts.Fact] = [
            .init("formula", kpi.formula),
            .init("unit", kpi.unit.name),
            .init("direction", direction),
            .init("counted by", kpi.dateBasis?.description ?? "–"),
            .init("needs", kpi.requirements.map(\.description).joined(separator: ", ")),
            .init("on the data", availability.explanation),
            .init("module", "\(entry.module) (\(entry.origin))"),
        ]
        return render(.kpi(KPIFacts(id: kpi.id, title: kpi.title, summary: kpi.summary, facts: facts)))
    }

    /// `.tables`: each table and its row count, names and counts in columns.
    func tableList() -> String {
        let tables = session.dataset.tables
        guard !tables.isEmpty else { return "no tables loaded" }
        let counts = tables.map { ValueFormatter().count(Double($0.rowCount)) }
        let nameWidth = tables.map { TextWidth.of($0.name) }.max() ?? 0
        let countWidth = counts.map(\.count).max() ?? 0
        return zip(tables, counts).map { table, count in
            table.name + String(repeating: " ", count: nameWidth - TextWidth.of(table.name) + 2)
                + String(repeating: " ", count: countWidth - count.count) + count + " rows"
        }.joined(separator: "\n")
    }

    /// `.history`: the statements that ran, numbered as `.save recipe NAME 2-5` counts them; a
    /// statement's later lines are indented under its first.
    func historyList() -> String {
        guard !statementHistory.isEmpty else { return "no statements yet" }
        let width = String(statementHistory.count).count
        return statementHistory.enumerated().map { i, statement in
            let number = String(i + 1)
            let lines = statement.split(separator: "\n", omittingEmptySubsequences: false)
            let indent = String(repeating: " ", count: width + 2)
            return String(repeating: " ", count: width - number.count) + number + "  " + lines[0]
                + lines.dropFirst().map { "\n" + indent + $0 }.joined()
        }.joined(separator: "\n")
    }
}
