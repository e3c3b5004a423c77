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

    /// What handling one input produced.
    public struct Response: Sendable {
        /// Text for standard output (may be empty).
        public var output: String
        /// Text for standard error (an error message), if any.
        public var error: String?
        /// Whether the user asked to quit.
        public var quit: Bool = false

        /// Creates a response.
        public init(output: String = "", error: String? = nil, quit: Bool = false) {
            self.output = output
            self.error = error
            self.quit = quit
        }
    }

    /// Creates a shell.
    public init(session: Session, format: OutputFormat = .table, renderer: ResultRenderer = ResultRenderer()) {
        self.session = session
        self.format = format
        self.renderer = renderer
    }

    /// Handles one complete input: a dot-command or a statement.
    public func handle(_ input: String, isCancelled: @escaping @Sendable () -> Bool = { false }) -> Response {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.hasPrefix("--") && !trimmed.contains("\n") { return Response() }
        if trimmed.hasPrefix("?") { return describe(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)) }
        if trimmed.lowercased().hasPrefix("describe "), !trimmed.contains("(") {
            return describe(String(trimmed.dropFirst("describe ".count)).trimmingCharacters(in: .whitespaces))
        }
        if trimmed.hasPrefix(".") { return command(trimmed) }
        do {
            switch try session.run(trimmed, isCancelled: isCancelled) {
            case .result(let result, _):
                lastResult = result
                let title = result.kpiID.flatMap { session.registry.kpi($0)?.title }
                return Response(output: renderer.render(result, format: format, title: format == .table ? title : nil))
            case .defined(let name):
                return Response(output: format == .json ? "{\"defined\": \(JSON.string(name))}" : "defined \(name)")
            case .definedKPI(let id):
                return Response(output: format == .json ? "{\"kpi\": \(JSON.string(id))}" : "defined KPI \(id)")
            case .explained(_, let text):
                return Response(output: text)
            }
        } catch {
            return Response(error: error.render())
        }
    }

    // MARK: - Commands

    /// The dot-commands, with a line of help each.
    public static let commands: [(name: String, help: String)] = [
        (".help", "this list"),
        (".kpis [filter]", "the KPI catalogue, marking what the loaded data can answer"),
        (".describe KPI", "a KPI's definition, formula, unit, direction, date basis and needs (also `? KPI`)"),
        (".tables", "loaded tables with row counts"),
        (".schema TABLE", "a table's fields and types"),
        (".mapping", "how loaded tables bound to the canonical schema"),
        (".load PATH [as NAME]", "load a file or a folder of files"),
        (".format table|csv|json|markdown", "how results are shown"),
        (".last", "the previous result again"),
        (".quit", "leave (Ctrl-D works too)"),
    ]

    private func command(_ text: String) -> Response {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let name = parts[0].lowercased()
        let rest = Array(parts.dropFirst())
        switch name {
        case ".help", ".h", ".?":
            let width = Self.commands.map(\.name.count).max() ?? 0
            let lines = Self.commands.map { $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.help }
            return Response(output: (["Type a formula, e.g. `lead_conversion_rate by source`, or a command:"] + lines).joined(separator: "\n"))
        case ".quit", ".exit", ".q":
            return Response(quit: true)
        case ".kpis":
            return Response(output: kpiList(filter: rest.first))
        case ".describe":
            guard let id = rest.first else { return Response(error: "usage: .describe KPI") }
            return describe(id)
        case ".tables":
            let lines = session.dataset.tables.map { "\($0.name)  \(ValueFormatter().count(Double($0.rowCount))) rows" }
            return Response(output: lines.isEmpty ? "no tables loaded" : lines.joined(separator: "\n"))
        case ".schema":
            guard let tableName = rest.first else { return Response(error: "usage: .schema TABLE") }
            guard let table = session.dataset[tableName] else {
                let hint = NameSuggester.suggest(tableName, among: session.dataset.tables.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                return Response(error: "error[shell.unknown-table]: no table '\(tableName)'\(hint)")
            }
            let width = table.columns.map(\.name.count).max() ?? 0
            return Response(output: table.columns.map {
                $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.type.rawValue
                    + ($0.nullCount > 0 ? "  (\($0.nullCount) null)" : "")
            }.joined(separator: "\n"))
        case ".mapping":
            return Response(output: session.bindingReport.description)
        case ".load":
            guard let path = rest.first else { return Response(error: "usage: .load PATH [as NAME]") }
            let alias = rest.count >= 3 && rest[1].lowercased() == "as" ? rest[2] : nil
            do {
                let names = try session.load(path, as: alias)
                return Response(output: "loaded \(names.joined(separator: ", "))\n" + session.bindingReport.description)
            } catch {
                return Response(error: error.render())
            }
        case ".format", ".mode":
            guard let value = rest.first, let format = OutputFormat(rawValue: value.lowercased()) else {
                return Response(error: "usage: .format table|csv|json|markdown")
            }
            self.format = format
            return Response()
        case ".last":
            guard let lastResult else { return Response(error: "no result yet") }
            return Response(output: renderer.render(lastResult, format: format))
        default:
            let suggestion = NameSuggester.suggest(name, among: Self.commands.map { String($0.name.split(separator: " ")[0]) })
            return Response(error: "error[shell.unknown-command]: unknown command '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") + "; .help lists them")
        }
    }

    /// A KPI's definition: what it tells, formula, unit, direction, date basis, requirements and origin.
    public func describe(_ id: String) -> Response {
        guard let entry = session.registry.entry(for: id) else {
            let hint = NameSuggester.suggest(id, among: session.registry.kpiIDs).map { " (did you mean '\($0)'?)" } ?? ""
            return Response(error: "error[shell.unknown-kpi]: no KPI '\(id)'\(hint); .kpis lists them")
        }
        let kpi = entry.kpi
        let availability = session.registry.availability(of: kpi, in: session.dataset)
        let direction: String
        switch kpi.direction {
        case .higherIsBetter: direction = "higher is better"
        case .lowerIsBetter: direction = "lower is better"
        case .neutral: direction = "neither higher nor lower is better"
        }
        let lines = [
            "\(kpi.title) (\(kpi.id))",
            kpi.summary,
            "",
            "formula     \(kpi.formula)",
            "unit        \(kpi.unit.name)",
            "direction   \(direction)",
            "counted by  \(kpi.dateBasis?.description ?? "–")",
            "needs       \(kpi.requirements.map(\.description).joined(separator: ", "))",
            "on the data \(availability.explanation)",
            "module      \(entry.module) (\(entry.origin))",
        ]
        return Response(output: lines.joined(separator: "\n"))
    }

    /// The catalogue as text: id, availability, unit and title.
    public func kpiList(filter: String?) -> String {
        let entries = session.registry.entries.filter { entry in
            guard let filter = filter?.lowercased() else { return true }
            return entry.kpi.id.contains(filter) || entry.kpi.title.lowercased().contains(filter)
        }
        let width = entries.map(\.kpi.id.count).max() ?? 0
        return entries.map { entry in
            let availability = session.registry.availability(of: entry.kpi, in: session.dataset)
            let mark = availability.isAvailable ? "✓" : "✗"
            var line = "\(mark) " + entry.kpi.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + entry.kpi.title
            if !availability.isAvailable { line += "  — \(availability.explanation)" }
            return line
        }.joined(separator: "\n")
    }
}
