/// The formats KPIKit writes, for statements at the prompt and on the command line, recipe
/// reports and catalogue listings alike (docs/output-formats.md).
///
/// Adding a format is a case here and its branch in each renderer (``OutputRenderer`` for
/// statements, ``ReportRenderer``, ``CatalogRenderer``); the compiler names every switch that
/// lacks it, and a test renders every use of every case.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Box-drawn tables and plain text for terminals; called `text` for reports.
    case table
    /// RFC 4180 CSV on standard output; everything else on standard error.
    case csv
    /// One JSON document per statement, report or listing.
    case json
    /// GitHub-flavoured Markdown: pipe tables and paragraphs.
    case markdown
    /// HTML: one self-contained page for a report, a fragment for a statement.
    case html

    /// What a format is asked to write.
    public enum Use: Sendable, CaseIterable {
        /// What a statement prints (`kpi eval`, `kpi shell`, `.format`).
        case statements
        /// A recipe's report (`kpi run`).
        case reports
        /// The KPI catalogue and the module list (`kpi list`, `kpi modules`).
        case catalogue
    }

    /// The uses that have a form of their own in this format, which the flags and commands for
    /// them offer. Renderers write every format for every use: where a format has no form of its
    /// own (a CSV report, a Markdown catalogue), they write the text one, as `run` does at a
    /// prompt in CSV mode.
    public var uses: Set<Use> {
        switch self {
        case .table, .json: return [.statements, .reports, .catalogue]
        case .csv: return [.statements]
        case .markdown, .html: return [.statements, .reports]
        }
    }

    /// The usual file name extension for output in this format (`txt` for text).
    public var fileExtension: String {
        switch self {
        case .table: return "txt"
        case .csv: return "csv"
        case .json: return "json"
        case .markdown: return "md"
        case .html: return "html"
        }
    }

    /// The format's name for `use`: its raw value, except that a table report is `text`.
    public func name(for use: Use) -> String {
        self == .table && use == .reports ? "text" : rawValue
    }

    /// The format `name` means for `use`, if it has a form of its own for it.
    public static func named(_ name: String, for use: Use) -> OutputFormat? {
        allCases.first { $0.uses.contains(use) && $0.name(for: use) == name }
    }

    /// The names `use` accepts, in declaration order.
    public static func names(for use: Use) -> [String] {
        allCases.filter { $0.uses.contains(use) }.map { $0.name(for: use) }
    }

    /// The names `use` accepts as prose, for help texts: `table, csv, json or markdown`.
    public static func spelledNames(for use: Use) -> String {
        let names = names(for: use)
        return names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }
}
