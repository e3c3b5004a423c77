import Foundation
import KPICore

/// What `kpi inspect` and `.inspect` show about loaded files: how each was read, each column's
/// type, format, nulls and samples, what bound to what and why, the rows skipped, the cells read
/// as null, and which KPIs can run — and a mapping file with every guess written out.
public enum Inspection {
    /// The inspection of everything `session` has loaded.
    public static func text(_ session: Session) -> String {
        var blocks: [String] = []
        for raw in session.rawTables {
            blocks.append(tableText(raw, session: session))
        }
        if !session.bindingReport.links.isEmpty {
            blocks.append("links: " + session.bindingReport.links.map { "\($0) (\($0.origin.rawValue))" }.joined(separator: "; "))
        }
        for note in session.bindingReport.notes { blocks.append("note: \(note)") }
        blocks.append(kpiText(session))
        blocks.append(session.asOfText)
        return blocks.joined(separator: "\n\n")
    }

    /// One loaded table: its file's reading, its columns, its binding.
    private static func tableText(_ raw: Table, session: Session) -> String {
        let report = session.bindingReport.tables.first { $0.sourceTable == raw.name }
        let unbound = session.bindingReport.unboundTables.first { $0.name == raw.name }
        let boundName = report?.table ?? unbound?.renamedTo ?? raw.name
        let bound = session.dataset[boundName]
        let origin = bound?.origin ?? raw.origin
        var lines: [String] = []
        lines.append(origin.map { $0.file } ?? raw.source ?? raw.name)
        if let origin {
            var reading: [String] = []
            if let encoding = origin.encoding { reading.append("\(encoding)\(origin.encodingDetected ? " (detected)" : " (as told)")") }
            if let delimiter = origin.delimiter { reading.append("delimiter \(delimiter == "\t" ? "tab" : "\"\(delimiter)\"")") }
            if let ending = origin.lineEnding { reading.append("lines end \(ending)") }
            if let header = origin.headerLine { reading.append("header on line \(header)") }
            reading.append("\(raw.rowCount) rows")
            lines.append("  read: " + reading.joined(separator: " · "))
            if let skipped = Session.skippedText(origin) { lines.append("  " + skipped) }
            for row in origin.skippedRows.prefix(12) where row.reason != .blank { lines.append("    \(row)") }
        } else {
            lines.append("  read: \(raw.rowCount) rows")
        }
        if let report {
            lines.append("  bound as \(report.table)" + (report.recognition.map { " — recognised by its columns: \($0)" } ?? " — by its name"))
            if !report.missingRequired.isEmpty { lines.append("  missing required fields: " + report.missingRequired.joined(separator: ", ")) }
            for unknown in report.unknownValues { lines.append("  " + unknown.description) }
            for note in report.notes { lines.append("  note: \(note)") }
        } else {
            lines.append("  not bound to a canonical table; kept as '\(boundName)'")
        }
        lines.append(
            contentsOf: columnTable(
                raw, report: report, typed: report?.typedColumns ?? unbound?.typedColumns ?? [], bound: bound, schema: session.schema))
        if let origin { lines.append("  " + rejectsText(origin)) }
        return lines.joined(separator: "\n")
    }

    /// A row per loaded column: type and format, nulls, three samples, what it bound to and why.
    private static func columnTable(
        _ raw: Table, report: TableBindingReport?, typed: [TypedColumn], bound: Table?, schema: CanonicalSchema
    ) -> [String] {
        var rows: [[String]] = [["column", "type", "nulls", "samples", "bound to"]]
        for column in raw.columns {
            let field = report?.fields.first {
                $0.column == column.name || $0.column.hasPrefix(column.name + " + ") || $0.column.contains(" + \(column.name)")
            }
            var type = column.type.rawValue
            var nulls = column.nullCount
            var target = "–"
            if let field {
                let canonical = schema.field(FieldPath(report!.table, field.field))?.type
                type = (canonical.map { $0 == .identifier ? "id" : "\($0)" } ?? "\(field.type)") + (field.format.map { " (\($0))" } ?? "")
                if let boundColumn = bound?.column(named: field.field) { nulls = boundColumn.nullCount }
                target = "\(report!.table).\(field.field) (\(why(field)))"
            } else if let typed = typed.first(where: { $0.column == column.name }) {
                type = "\(typed.type)" + (typed.format.map { " (\($0))" } ?? "")
                if let boundColumn = bound?.column(named: column.name) { nulls = boundColumn.nullCount }
            } else if let flags = report?.fields.first(where: { $0.flagColumns.contains(column.name) }) {
                target = "\(report!.table).\(flags.field) (outcome flag)"
            }
            rows.append([column.name, type, String(nulls), samples(column), target])
        }
        let widths = (0..<5).map { j in rows.map { $0[j].count }.max() ?? 0 }
        return rows.map { row in
            "  "
                + row.enumerated().map { j, cell in
                    j == 2
                        ? String(repeating: " ", count: widths[j] - cell.count) + cell
                        : cell.padding(toLength: widths[j], withPad: " ", startingAt: 0)
                }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }

    private static func why(_ field: BoundField) -> String {
        switch field.origin {
        case .canonicalName: return "its name"
        case .alias(let alias): return "alias \(alias)"
        case .mapping: return "mapping"
        case .outcomeFlag(let name): return "outcome flag \(name)"
        }
    }

    /// Up to three distinct values, shortened.
    private static func samples(_ column: Column) -> String {
        var seen: [String] = []
        for row in 0..<column.count where !column.isNull(row) {
            let text = column.value(at: row).description
            if !seen.contains(text) { seen.append(text) }
            if seen.count == 3 { break }
        }
        return seen.map { $0.count > 22 ? String($0.prefix(21)) + "…" : $0 }.joined(separator: ", ")
    }

    private static func rejectsText(_ origin: TableOrigin) -> String {
        let issues = origin.cellIssues
        let damage = issues.filter { $0.kind.isDamage }
        let words = issues.filter { $0.kind == .nullWord }.count
        let missing = issues.filter { $0.kind == .missing }.count
        var text = "rejects: \(damage.count) bad \(damage.count == 1 ? "cell" : "cells")"
        if !damage.isEmpty {
            let byKind = Dictionary(grouping: damage, by: \.kind).map { "\($0.key) ×\($0.value.count)" }.sorted().joined(separator: ", ")
            text += " (\(byKind))"
        }
        return text + ", \(words) null \(words == 1 ? "word" : "words"), \(missing) required \(missing == 1 ? "cell" : "cells") empty"
    }

    /// Which KPIs of the catalogue the data can answer: those that run, those that give totals
    /// only (no date), and those that cannot, grouped by what they miss (a table, or a field).
    private static func kpiText(_ session: Session) -> String {
        var available: [String] = []
        var totalsOnly: [String] = []
        var missing: [String: [String]] = [:]
        for entry in session.registry.entries {
            let availability = session.registry.availability(of: entry.kpi, in: session.dataset)
            if case .missing(let fields) = availability {
                let absentTable = fields.first { session.dataset[$0.table] == nil }.map { "the \($0.table) table" }
                let need = absentTable ?? fields.map(\.description).joined(separator: ", ")
                missing[need, default: []].append(entry.kpi.id)
            } else if let basis = session.registry.missingDateBasis(of: entry.kpi, in: session.dataset) {
                totalsOnly.append("\(entry.kpi.id) (no \(basis))")
            } else {
                available.append(entry.kpi.id)
            }
        }
        var lines = wrapped("KPIs on this data: \(available.count) can run" + (available.isEmpty ? "" : ": " + available.joined(separator: ", ")))
        if !totalsOnly.isEmpty { lines += wrapped("  \(totalsOnly.count) give totals and groups only: " + totalsOnly.joined(separator: ", ")) }
        let cannot = missing.values.reduce(0) { $0 + $1.count }
        if cannot > 0 {
            lines.append("  \(cannot) cannot:")
            for (need, ids) in missing.sorted(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }) {
                lines += wrapped("    need \(need): " + ids.joined(separator: ", "), indent: "  ")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `text` cut into lines of at most 100 characters at spaces, the later ones indented.
    private static func wrapped(_ text: String, indent: String = "    ") -> [String] {
        let lead = String(text.prefix(while: { $0 == " " }))
        var lines: [String] = []
        var current = lead
        for word in text.dropFirst(lead.count).split(separator: " ") {
            if current.count > lead.count, current.count + 1 + word.count > 100 {
                lines.append(current)
                current = lead + indent + word
            } else {
                current += (current.count > lead.count ? " " : "") + word
            }
        }
        if current.count > lead.count { lines.append(current) }
        return lines
    }

    // MARK: - Mapping draft

    /// A mapping file that binds the loaded data the way automatic binding did, every guess
    /// written out for the user to check and correct: tables by `from`, fields by column with
    /// their date order, combined and flag-derived fields, and the links found.
    public static func mappingDraft(_ session: Session) -> String {
        var tables: [(String, JSONTree)] = []
        for report in session.bindingReport.tables {
            var fields: [(String, JSONTree)] = []
            var notes: [String] = []
            if let recognition = report.recognition { notes.append("recognised by its columns: \(recognition)") }
            for field in report.fields {
                if let entry = draftEntry(field) {
                    fields.append((field.field, entry))
                } else {
                    notes.append("\(field.field) comes from \(field.column) automatically; to set it, add \"\(field.field)\": …")
                }
            }
            var members: [(String, JSONTree)] = []
            if !notes.isEmpty { members.append(("description", .string(notes.joined(separator: "; ")))) }
            members.append(("from", .string(report.sourceTable)))
            if let raw = session.rawTables.first(where: { $0.name == report.sourceTable }), let origin = raw.origin,
                let encoding = origin.encoding, encoding != .utf8
            {
                members.append(("encoding", .string(encoding.rawValue)))
            }
            members.append(("fields", .object(fields)))
            tables.append((report.table, .object(members)))
        }
        var document: [(String, JSONTree)] = [
            (
                "description",
                .string("Drafted by kpi inspect from \(session.sources.joined(separator: ", ")); every guess is written out: correct what is wrong.")
            ),
            ("tables", .object(tables)),
        ]
        let links: [JSONTree] = session.bindingReport.links.compactMap { link in
            guard let from = loadedName(of: link.table, column: link.key, session: session),
                let to = loadedName(of: link.target, column: link.targetKey, session: session)
            else { return nil }
            return .inline([("from", .string(from)), ("to", .string(to))])
        }
        if !links.isEmpty { document.append(("links", .array(links))) }
        return JSONTree.object(document).text(indent: 0)
    }

    /// The JSON of one field's binding, or `nil` where automatic binding must do it: a status
    /// decided by IsWon/IsClosed flags (a mapped status turns flags off), or by an outcome flag
    /// read as "lost where closed, else open".
    private static func draftEntry(_ field: BoundField) -> JSONTree? {
        guard field.flagColumns.isEmpty, let source = field.source else { return nil }
        let format = dateOrder(of: field.format).map { [("format", JSONTree.string($0.rawValue))] } ?? []
        switch source {
        case .column(let name):
            return format.isEmpty ? .string(name) : .inline([("column", .string(name))] + format)
        case .firstOf(let names):
            return .inline([("first", .array(names.map(JSONTree.string)))] + format)
        case .flag(let name, let yes, let no):
            return .inline([("flag", .string(name)), ("true", .string(yes))] + (no.map { [("false", JSONTree.string($0))] } ?? []))
        case .whichIsSet(let clauses, let otherwise):
            return .inline(
                [("when", .inline(clauses.map { ($0.column, JSONTree.string($0.word)) }))]
                    + (otherwise.map { [("else", JSONTree.string($0))] } ?? []))
        case .exists(let table, let then, let otherwise):
            return .inline(
                [("exists", .string(table)), ("then", .string(then))] + (otherwise.map { [("else", JSONTree.string($0))] } ?? []))
        case .lookup(let table, let column):
            return .inline([("lookup", .string("\(table).\(column)"))] + format)
        }
    }

    /// The day/month order a detected date format shows (`DD-MM-YYYY` → dmy), if numeric.
    static func dateOrder(of format: String?) -> DateOrder? {
        guard let first = format?.first else { return nil }
        let head = format!.prefix(while: { $0.isLetter })
        switch first {
        case "D": return .dmy
        case "M" where head.count <= 2: return .mdy
        case "Y": return .ymd
        default: return nil
        }
    }

    /// A bound table's column by the names the files gave them (`leads.rep` → `sales_pipeline.sales_agent`).
    private static func loadedName(of table: String, column: String, session: Session) -> String? {
        if let report = session.bindingReport.table(named: table) {
            guard let field = report.field(named: column) else { return "\(report.sourceTable).\(column)" }
            return "\(report.sourceTable).\(field.column)"
        }
        let loaded = session.bindingReport.unboundTables.first { ($0.renamedTo ?? $0.name) == table }?.name ?? table
        return "\(loaded).\(column)"
    }
}
