import ArgumentParser
import Foundation
import KPIAdapters
import KPICatalog
import KPICore
import KPIDemo
import KPIEngine
import KPILineEditing
import KPIRepl

@main
struct KPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Sales and lead-management KPIs from your CRM exports.",
        discussion: """
            With no subcommand, kpi starts the interactive shell (or, when standard input is not a \
            terminal, reads one statement per line). Without --data it runs on a built-in demo CRM.
            """,
        subcommands: [ShellCommand.self, Eval.self, List.self, Describe.self, Inspect.self, Modules.self, Run.self, Check.self],
        defaultSubcommand: ShellCommand.self
    )
}

/// Options every command that reads data shares.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "A data file or folder (CSV, JSON, NDJSON, SQLite). Repeatable. Default: the demo CRM.")
    var data: [String] = []

    @Option(help: "A mapping file that says how your tables and columns map to the canonical schema.")
    var mapping: String?

    @Option(
        name: .customLong("plugins"), help: "A folder of script modules (*.kpi) to load, besides ./Plugins and ~/.config/kpikit/plugins. Repeatable.")
    var plugins: [String] = []

    @Option(
        help:
            "The goals file (default: a goals.kpi already beside the first --data path, else one per data folder in $XDG_DATA_HOME/kpikit, or ~/.local/share/kpikit; the demo has its own)."
    )
    var goals: String?

    @Option(
        name: .customLong("as-of"),
        help: "The date or instant that relative periods count from (default: the latest instant at which something happened in the data).")
    var asOf: String?

    @Flag(help: "Stop at the first cell that cannot be read, instead of reading it as null and listing it (see --rejects).")
    var strict = false

    @Option(
        help:
            "Write every cell read as null (unreadable, a null word, or an empty required field) to this CSV file: file,line,column,field,reason,value."
    )
    var rejects: String?

    @Option(help: "The text encoding of the data files: utf-8, utf-16, windows-1252, latin-1 (default: detected per file).")
    var encoding: String?

    @Option(
        name: .customLong("date-order"),
        help:
            "The order of day and month in dates no value decides: dmy or mdy (default: the data's own, else month-first for '/', day-first for '-' and '.')."
    )
    var dateOrder: String?

    /// A session with the built-in registry and the requested data loaded, in `workspace`.
    func makeSession(in workspace: Workspace = .current) throws -> Session {
        var registry = BuiltInModules.makeRegistry()
        try registry.register(BuiltInAdapters(), origin: .builtIn)
        try BuiltInModules.register(into: &registry)
        // A plugin that fails to load is reported and skipped; KPIKit itself keeps working.
        for problem in PluginLoading.registerSwiftModules(GeneratedPluginList.modules, into: &registry) {
            FileHandle.standardError.write(Data("warning: plugin skipped: \(problem)\n".utf8))
        }
        let uncompiled = UncompiledPlugins.folders(in: workspace.currentDirectory, compiled: Set(GeneratedPluginList.modules.map(\.target)))
        if let warning = UncompiledPlugins.warning(for: uncompiled) { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        let report = PluginLoading.loadScriptModules(extra: plugins, workspace: workspace, into: &registry)
        for problem in report.problems { FileHandle.standardError.write(Data("warning: plugin skipped: \(problem)\n".utf8)) }
        var options = SessionOptions()
        if let asOf {
            guard let parsed = ISO8601.parse(asOf) else {
                throw ValidationError("--as-of '\(asOf)' is not a date (2024-12-31) or timestamp (2024-12-31T18:00:00Z)")
            }
            // A date means the end of that day: everything on it has happened.
            options.asOf = parsed.hasTime ? parsed.milliseconds : parsed.milliseconds + Time.millisecondsPerDay - 1
        }
        options.strict = strict
        if let encoding {
            guard let parsed = TextEncoding(userName: encoding) else {
                throw ValidationError("--encoding '\(encoding)' is not one of \(TextEncoding.userNames)")
            }
            options.encoding = parsed
        }
        if let dateOrder {
            guard let parsed = DateOrder(rawValue: dateOrder.lowercased()), parsed != .ymd else {
                throw ValidationError("--date-order '\(dateOrder)' is not dmy or mdy")
            }
            options.dateOrder = parsed
        }
        let session = Session(registry: registry, options: options, workspace: workspace)
        session.pluginDirectories = plugins
        if let mapping { try session.useMapping(URL(fileURLWithPath: mapping)) }
        // Goals: an explicit file, else a goals.kpi already beside the data, else kpikit's own file
        // for this data in the data home (never a new file in the user's folder). Bad lines are
        // reported, the rest load.
        let goalLocation = goals.map(GoalLocation.explicit) ?? GoalLocation.forData(data.first, environment: workspace.environment)
        for problem in try session.useGoals(goalLocation) {
            FileHandle.standardError.write(Data("warning: skipped \(problem)\n".utf8))
        }
        if data.isEmpty {
            try session.add(tables: DemoCRM.make().tables, source: "demo")
        } else {
            for path in data {
                try session.load(path)
                for note in session.loadNotes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            }
        }
        if let rejects { try session.writeRejects(to: URL(fileURLWithPath: rejects)) }
        return session
    }

    /// Where the banner says the rejected cells are listed.
    func rejectsListing(interactive: Bool) -> String {
        if let rejects { return rejects }
        return interactive ? ".rejects" : "--rejects FILE"
    }

    /// For commands whose standard output is results: how the data was read, on standard error,
    /// when something is worth saying (cells read as null, a fallback encoding, skipped rows).
    func reportLoad(_ session: Session) {
        guard !data.isEmpty else { return }
        var lines = session.readingNotes
        if let rejected = session.rejectSummary.description(listing: rejectsListing(interactive: false)) { lines.append(rejected) }
        for line in lines { FileHandle.standardError.write(Data("note: \(line)\n".utf8)) }
    }
}

/// Prints errors the way the engine renders them and exits with the status of their category
/// (see ``ExitStatus``).
func fail(_ error: Error) -> Never {
    if error is ValidationError {
        // A value that does not parse is a usage error: said the way ArgumentParser says its own.
        FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
        exit(ExitStatus.usage)
    }
    let text = (error as? SessionError)?.render() ?? "\(error)"
    FileHandle.standardError.write(Data((text + "\n").utf8))
    exit((error as? any Diagnostic).map { ExitStatus.of($0.category) } ?? ExitStatus.failure)
}

/// Prints a shell response: the output on standard output; the error, then the diagnostics (a
/// CSV result's notes), on standard error. Only an error exits non-zero, with `status(error)`.
func emit(_ response: Shell.Response, status: (String) -> Int32) throws {
    if !response.output.isEmpty { printOut(response.output) }
    if let error = response.error { printError(error) }
    for line in response.diagnostics { printError(line) }
    if let error = response.error { throw ExitCode(status(error)) }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

extension DataOptions {
    /// The session, or the error printed and the process ended (``ExitStatus``).
    func sessionOrExit(in workspace: Workspace = .current) -> Session {
        do { return try makeSession(in: workspace) } catch { fail(error) }
    }
}

func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

extension KPICommand {
    /// `kpi eval EXPR`.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evaluate one formula and print the result.")

        @Argument(help: "The formula, e.g. 'lead_conversion_rate by source'.")
        var formula: String

        @OptionGroup var dataOptions: DataOptions

        @Option(help: FormatOption<StatementOutput>.help)
        var format = FormatOption<StatementOutput>(.table)

        @Option(help: "Flag rates over fewer rows than this as small samples.")
        var smallSample: Double = 30

        func run() throws {
            let session = dataOptions.sessionOrExit()
            dataOptions.reportLoad(session)
            var renderer = ResultRenderer(color: false, width: 100)
            renderer.smallSampleThreshold = smallSample
            let shell = Shell(session: session, format: format.value, renderer: renderer)
            let response = shell.handle(formula)
            try emit(response) { _ in ExitStatus.of(response.errorCategory ?? .statement) }
        }
    }

    /// `kpi inspect PATH...`.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Show how data files are read and bound: encoding, delimiter, header, each column's type, format, nulls and samples, what bound to what and why, skipped rows, rejected cells, and which KPIs can run."
        )

        @Argument(help: "Data files or folders to inspect (also --data).")
        var paths: [String] = []

        @OptionGroup var dataOptions: DataOptions

        @Flag(name: .customLong("mapping-draft"), help: "Print a mapping file with every guess written out, to correct and pass back with --mapping.")
        var mappingDraft = false

        func run() throws {
            var options = dataOptions
            options.data = paths + dataOptions.data
            guard !options.data.isEmpty else { throw ValidationError("name the files or folders to inspect: kpi inspect PATH...") }
            let session = options.sessionOrExit()
            printOut(mappingDraft ? Inspection.mappingDraft(session) : Inspection.text(session))
        }
    }

    /// `kpi describe ID`.
    struct Describe: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a KPI's definition, formula, unit, direction, date basis and requirements.")

        @Argument(help: "The KPI id, e.g. win_rate.")
        var id: String

        @OptionGroup var dataOptions: DataOptions

        @Option(help: FormatOption<StatementOutput>.help)
        var format = FormatOption<StatementOutput>(.table)

        func run() throws {
            let session = dataOptions.sessionOrExit()
            try emit(Shell(session: session, format: format.value).describe(id)) { _ in ExitStatus.badStatement }
        }
    }

    /// `kpi list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the KPI catalogue and whether each KPI can run on the data.")

        @OptionGroup var dataOptions: DataOptions

        @Option(help: ArgumentHelp(OutputFormat.spelledNames(for: .catalogue) + "."))
        var format = FormatOption<StatementOutput>(.table)

        func run() throws {
            let session = dataOptions.sessionOrExit()
            printOut(CatalogRenderer.kpis(session, format: format.value))
        }
    }

    /// `kpi modules`.
    struct Modules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the KPI modules with version, origin (built-in, Swift plugin, script plugin and its path) and KPIs.")

        @OptionGroup var dataOptions: DataOptions

        @Option(help: ArgumentHelp(OutputFormat.spelledNames(for: .catalogue) + "."))
        var format = FormatOption<StatementOutput>(.table)

        func run() throws {
            let session = dataOptions.sessionOrExit()
            printOut(CatalogRenderer.modules(session.registry, format: format.value))
        }
    }

    /// `kpi` / `kpi shell`: the interactive shell, or batch statements from standard input.
    struct ShellCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "shell", abstract: "The interactive shell (the default).")

        @OptionGroup var dataOptions: DataOptions

        @Option(help: FormatOption<StatementOutput>.help)
        var format = FormatOption<StatementOutput>(.table)

        @Flag(help: "In batch mode, continue after an error (the exit status is still 1).")
        var keepGoing = false

        @Option(help: "Flag rates over fewer rows than this as small samples.")
        var smallSample: Double = 30

        func run() throws {
            let interactive = isatty(0) == 1 && isatty(1) == 1
            let session = dataOptions.sessionOrExit()
            let color = ANSI.isColorAllowed(environment: session.workspace.environment, isTerminal: interactive)
            var renderer = ResultRenderer(color: color, width: 100)
            renderer.smallSampleThreshold = smallSample
            // On a screen, long tables show head and tail and wide ones leave out columns to fit
            // its width (`.last` shows all); pipes and files get every row and column.
            if interactive {
                renderer.maxRows = 40
                renderer.fitsWidth = true
                if let columns = Terminal.columns(), columns > 20 { renderer.width = columns }
            }
            let shell = Shell(session: session, format: format.value, renderer: renderer)
            let reader: LineReader
            if interactive {
                var history: HistoryStore?
                do {
                    history = try HistoryStore.open(environment: session.workspace.environment)
                } catch {
                    // The shell works without history; say which file and why, and leave it untouched.
                    FileHandle.standardError.write(Data("warning: history is off: \(error)\n".utf8))
                }
                let completer = ShellCompleter(session: session)
                reader = try EditLineReader(programName: "kpi", history: history, completer: { completer.complete($0) })
                let tables = session.dataset.tables.map { "\($0.name) \($0.rowCount)" }.joined(separator: ", ")
                let source = session.sources == ["demo"] ? DemoCRM.description : session.sources.joined(separator: ", ")
                // Real data: say what bound to the canonical schema and what did not, how the files
                // were read, what was read as null, and the as-of — before anything else.
                let binding =
                    session.sources == ["demo"]
                    ? ""
                    : ([session.bindingReport.description] + session.loadSummary(listing: dataOptions.rejectsListing(interactive: true)))
                        .joined(separator: "\n") + "\n"
                printOut(
                    "KPIKit — \(source)\n\(binding)\(tables)\nType .help for commands, a formula such as `lead_conversion_rate by source`, or Ctrl-D to leave."
                )
            } else {
                dataOptions.reportLoad(session)
                reader = PlainLineReader(takeInterrupt: { InterruptMonitor.takeInterrupt() })
            }
            let repl = REPL(
                shell: shell, reader: reader, interactive: interactive, keepGoing: keepGoing, inputLabel: interactive ? nil : "<stdin>",
                write: printOut, writeError: printError)
            if interactive { repl.editor = Editor.edit }
            let status = repl.run(
                isCancelled: { InterruptMonitor.isInterruptRequested }, resetCancellation: { _ = InterruptMonitor.takeInterrupt() })
            if status != 0 { throw ExitCode(status) }
        }
    }
}
