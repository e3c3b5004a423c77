import ArgumentParser
import KPIRepl

/// What a command's `--format` writes: the names it accepts are the formats with a form of their
/// own for this use (``OutputFormat/uses``).
protocol FormatUse {
    static var use: OutputFormat.Use { get }
}

/// `kpi eval`, `kpi shell`, `kpi describe` (and `kpi list`, `kpi modules`, which write the text
/// listing for a format without a catalogue form).
enum StatementOutput: FormatUse {
    static let use = OutputFormat.Use.statements
}

/// `kpi run`.
enum ReportOutput: FormatUse {
    static let use = OutputFormat.Use.reports
}

/// `--format NAME`, spelled as `Use` spells formats (`text` for a table report); an unknown name
/// is refused with the names the use accepts.
struct FormatOption<Use: FormatUse>: ExpressibleByArgument {
    /// The format asked for.
    var value: OutputFormat

    init(_ value: OutputFormat) { self.value = value }

    init?(argument: String) {
        guard let value = OutputFormat.named(argument, for: Use.use) else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { OutputFormat.names(for: Use.use) }

    /// The names as prose, for the option's help: `table, csv, json or markdown.`
    static var help: ArgumentHelp { ArgumentHelp(OutputFormat.spelledNames(for: Use.use) + ".") }

    var defaultValueDescription: String { value.name(for: Use.use) }
}
