import Foundation

/// A mapping file: how loaded tables and columns bind to the canonical schema, overriding the
/// automatic binding by name and alias.
///
/// ```json
/// {
///   "tables": {
///     "leads": {
///       "from": "sales_pipeline",
///       "fields": { "lead_id": "opportunity_id", "rep": "sales_agent", "first_contact_at": null },
///       "values": { "status": { "Prospecting": "new", "Engaging": "opportunity" } }
///     }
///   }
/// }
/// ```
///
/// `from` names the loaded table (default: found automatically); `fields` maps canonical fields to
/// source columns (`null`: leave the field unbound); `values` maps a text field's source values to
/// canonical words before the built-in vocabularies are tried; `"auto": false` turns off alias
/// binding for the fields not listed. The format is documented in `docs/schema.md`.
public struct Mapping: Sendable, Hashable {
    /// The file name ``conventionalURL(near:)`` looks for next to the data: `kpikit-mapping.json`.
    public static let conventionalFileName = "kpikit-mapping.json"

    /// The mapping file's path (or a label), for messages.
    public var file: String
    /// The mapped tables, in file order.
    public var tables: [TableMapping]
    /// Links between loaded tables that binding should not have to guess, by loaded names.
    public var links: [LinkMapping]

    /// Creates a mapping.
    public init(file: String = "<mapping>", tables: [TableMapping], links: [LinkMapping] = []) {
        self.file = file
        self.tables = tables
        self.links = links
    }

    /// The mapping of canonical table `name`, if any.
    public func table(named name: String) -> TableMapping? {
        tables.first { $0.table == name }
    }

    /// The table mapping whose `from` names the loaded table `loadedName` (by key), or whose
    /// canonical name it is: for settings a file needs before it is read (its encoding).
    public func table(forLoaded loadedName: String) -> TableMapping? {
        let key = SchemaName.key(loadedName)
        return tables.first { $0.from.map(SchemaName.key) == key } ?? tables.first { $0.from == nil && SchemaName.key($0.table) == key }
    }

    /// Reads and checks a mapping file against `schema`.
    ///
    /// - Throws: ``DataError`` `mapping.unreadable`, or any error of ``parse(_:file:schema:)``.
    public static func load(from url: URL, schema: CanonicalSchema = .standard) throws -> Mapping {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(id: .mappingUnreadable, message: "cannot read the mapping file", file: url.path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(id: .mappingSyntax, message: "the mapping file is not UTF-8 text", file: url.path)
        }
        return try parse(text, file: url.path, schema: schema)
    }

    /// Parses mapping JSON and checks its table and field names against `schema`.
    ///
    /// - Throws: ``DataError`` with `file:line:column` and the JSON path: `mapping.syntax` (bad
    ///   JSON or a value of the wrong kind), `mapping.unknown-key`, `mapping.unknown-table`,
    ///   `mapping.unknown-field`, `mapping.values-not-text` (values for a non-text field).
    public static func parse(
        _ text: String, file: String = "<mapping>", schema: CanonicalSchema = .standard
    ) throws
        -> Mapping
    {
        let root: MappingJSON.Node
        do {
            root = try MappingJSON.parse(text)
        } catch {
            throw DataError(
                id: .mappingSyntax, message: error.message, file: file, line: error.line, column: error.column)
        }
        return try MappingReader(file: file, schema: schema).mapping(root)
    }

    /// The conventional mapping file for data at `dataURL` (a file or a folder), if it exists:
    /// `kpikit-mapping.json` in the folder itself or in the file's folder.
    public static func conventionalURL(near dataURL: URL) -> URL? {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: dataURL.path, isDirectory: &isDirectory)
        let folder = exists && isDirectory.boolValue ? dataURL : dataURL.deletingLastPathComponent()
        let candidate = folder.appendingPathComponent(conventionalFileName)
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }
}

/// How one canonical table is bound, as a mapping file says.
public struct TableMapping: Sendable, Hashable {
    /// The canonical table (`leads`).
    public var table: String
    /// The loaded table to bind, or `nil` to find it by name and alias.
    public var from: String?
    /// Whether fields the mapping does not list are still bound by name and alias.
    public var bindsOtherFieldsAutomatically: Bool
    /// The listed fields, in file order.
    public var fields: [FieldMapping]
    /// Per field, source value → canonical word.
    public var values: [String: [String: String]]
    /// The formats of the table's fields where the data cannot decide (date order, decimal
    /// comma); a field's own `format` wins.
    public var format: FormatDeclaration?
    /// Words meaning "no value" in this table, besides ``NullWords/standard``.
    public var nullWords: [String]
    /// The encoding of the file the table comes from.
    public var encoding: TextEncoding?
    /// Where the table's entry starts in the mapping file.
    public var location: SourceLocation?

    /// Creates a table mapping.
    public init(
        table: String, from: String? = nil, bindsOtherFieldsAutomatically: Bool = true, fields: [FieldMapping] = [],
        values: [String: [String: String]] = [:], format: FormatDeclaration? = nil, nullWords: [String] = [],
        encoding: TextEncoding? = nil, location: SourceLocation? = nil
    ) {
        self.table = table
        self.from = from
        self.bindsOtherFieldsAutomatically = bindsOtherFieldsAutomatically
        self.fields = fields
        self.values = values
        self.format = format
        self.nullWords = nullWords
        self.encoding = encoding
        self.location = location
    }

    /// The entry for canonical field `name`, if the mapping lists it.
    public func field(named name: String) -> FieldMapping? {
        fields.first { $0.field == name }
    }

    /// The canonical word the mapping gives for `value` of `field`: an exact match first, then
    /// one ignoring case and punctuation.
    public func mappedValue(_ value: String, field: String) -> String? {
        guard let map = values[field] else { return nil }
        if let word = map[value] { return word }
        let key = SchemaName.valueKey(value)
        return map.first { SchemaName.valueKey($0.key) == key }?.value
    }
}

/// One `fields` entry of a mapping file.
public struct FieldMapping: Sendable, Hashable {
    /// The canonical field.
    public var field: String
    /// Where its values come from, or `nil` to leave the field unbound.
    public var source: FieldSource?
    /// The format of the values where the data cannot decide.
    public var format: FormatDeclaration?
    /// Words meaning "no value" in this field, besides the table's and the standard ones.
    public var nullWords: [String]
    /// Where the entry is in the mapping file.
    public var location: SourceLocation?

    /// The source column when the field comes from one column as it is.
    public var column: String? {
        if case .column(let name)? = source { return name }
        return nil
    }

    /// Creates a field mapping from one column (or none).
    public init(field: String, column: String?, location: SourceLocation? = nil) {
        self.init(field: field, source: column.map(FieldSource.column), location: location)
    }

    /// Creates a field mapping.
    public init(
        field: String, source: FieldSource?, format: FormatDeclaration? = nil, nullWords: [String] = [],
        location: SourceLocation? = nil
    ) {
        self.field = field
        self.source = source
        self.format = format
        self.nullWords = nullWords
        self.location = location
    }
}

/// Where a mapped field's values come from.
public enum FieldSource: Sendable, Hashable, CustomStringConvertible {
    /// One column, as it is: `"Create Date"` or `{"column": "Create Date", "format": "dmy"}`.
    case column(String)
    /// The first of several columns that is set, per row: `{"first": ["Deal - Won time", "Deal -
    /// Lost time"]}` (Pipedrive writes a close into one or the other).
    case firstOf([String])
    /// A word per truth value of a boolean column: `{"flag": "Converted", "true": "won", "false":
    /// "lost"}`. A missing `false` leaves false rows without a value.
    case flag(column: String, whenTrue: String, whenFalse: String?)
    /// The word of the first of several columns that is set: `{"when": {"Deal - Won time": "won",
    /// "Deal - Lost time": "lost"}, "else": "opportunity"}`.
    case whichIsSet([WhenSet], otherwise: String?)
    /// A word for rows that have a matching row in another loaded table, through a link (a
    /// shared key name, or the mapping's `links`): `{"exists": "closed_deals", "then": "won",
    /// "else": "opportunity"}`.
    case exists(table: String, then: String, otherwise: String?)
    /// A column of the matching row of another loaded table, through a link: `{"lookup":
    /// "closed_deals.won_date"}`.
    case lookup(table: String, column: String)

    /// One column of a ``whichIsSet(_:otherwise:)`` and the word it gives.
    public struct WhenSet: Sendable, Hashable {
        /// The column.
        public var column: String
        /// The word for rows where it is set.
        public var word: String

        /// Creates a clause.
        public init(column: String, word: String) {
            self.column = column
            self.word = word
        }
    }

    /// The columns of this table it reads.
    public var columns: [String] {
        switch self {
        case .column(let name): return [name]
        case .firstOf(let names): return names
        case .flag(let name, _, _): return [name]
        case .whichIsSet(let clauses, _): return clauses.map(\.column)
        case .exists, .lookup: return []
        }
    }

    /// How the binding report shows it: `Deal - Won time + Deal - Lost time`, `exists in closed_deals`.
    public var description: String {
        switch self {
        case .column(let name): return name
        case .firstOf(let names): return names.joined(separator: " + ") + " (first set)"
        case .flag(let name, let yes, let no): return "\(name) (true → \(yes)\(no.map { ", false → \($0)" } ?? ""))"
        case .whichIsSet(let clauses, let otherwise):
            return clauses.map { "\($0.column) → \($0.word)" }.joined(separator: ", ") + (otherwise.map { ", else \($0)" } ?? "")
        case .exists(let table, let then, let otherwise): return "a row in \(table) → \(then)\(otherwise.map { ", else \($0)" } ?? "")"
        case .lookup(let table, let column): return "\(table).\(column)"
        }
    }
}

/// A mapping file's `links` entry: `{"from": "sales_pipeline.sales_agent", "to":
/// "sales_teams.sales_agent"}`, by loaded table and column names. Each row of `from` leads to the
/// row of `to` with the same key (unique there).
public struct LinkMapping: Sendable, Hashable {
    /// The loaded table and column the link starts from.
    public var table: String
    public var column: String
    /// The loaded table and key column it leads to.
    public var target: String
    public var targetColumn: String
    /// Where the entry is in the mapping file.
    public var location: SourceLocation?

    /// Creates a link mapping.
    public init(table: String, column: String, target: String, targetColumn: String, location: SourceLocation? = nil) {
        self.table = table
        self.column = column
        self.target = target
        self.targetColumn = targetColumn
        self.location = location
    }
}

/// Turns the JSON tree into a ``Mapping``, checking names against the schema.
private struct MappingReader {
    let file: String
    let schema: CanonicalSchema

    func mapping(_ root: MappingJSON.Node) throws -> Mapping {
        let members = try object(root, path: "(root)")
        var tables: [TableMapping] = []
        var links: [LinkMapping] = []
        for member in members {
            switch member.key {
            case "description": _ = try string(member.value, path: member.key)
            case "tables":
                for entry in try object(member.value, path: "tables") {
                    tables.append(try table(entry))
                }
            case "links":
                guard case .array(let items) = member.value.kind else {
                    throw wrongKind(member.value, path: "links", expected: "an array of {\"from\": \"table.column\", \"to\": \"table.column\"}")
                }
                for (i, item) in items.enumerated() { links.append(try link(item, path: "links[\(i)]")) }
            default: throw unknownKey(member, path: "", allowed: ["tables", "links", "description"])
            }
        }
        return Mapping(file: file, tables: tables, links: links)
    }

    private func link(_ node: MappingJSON.Node, path: String) throws -> LinkMapping {
        var from: (String, String)?
        var to: (String, String)?
        for member in try object(node, path: path) {
            let memberPath = "\(path).\(member.key)"
            switch member.key {
            case "from", "to":
                let text = try string(member.value, path: memberPath)
                guard let dot = text.lastIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
                    throw DataError(
                        id: .mappingSyntax, message: "\(memberPath) must be \"table.column\", not \"\(text)\"", file: file,
                        line: member.value.line, column: member.value.column)
                }
                let pair = (String(text[..<dot]), String(text[text.index(after: dot)...]))
                if member.key == "from" { from = pair } else { to = pair }
            case "description": _ = try string(member.value, path: memberPath)
            default: throw unknownKey(member, path: path, allowed: ["from", "to", "description"])
            }
        }
        guard let from, let to else {
            throw DataError(
                id: .mappingSyntax, message: "\(path) needs both \"from\" and \"to\"", file: file, line: node.line, column: node.column)
        }
        return LinkMapping(
            table: from.0, column: from.1, target: to.0, targetColumn: to.1,
            location: SourceLocation(file: file, line: node.line, column: node.column))
    }

    private func table(_ entry: MappingJSON.Member) throws -> TableMapping {
        let path = "tables.\(entry.key)"
        guard let canonical = schema.table(named: entry.key) else {
            let known = schema.tables.map(\.name).joined(separator: ", ")
            throw error(
                .mappingUnknownTable, "unknown canonical table '\(entry.key)' at \(path) (tables: \(known))", entry)
        }
        var mapping = TableMapping(table: canonical.name, location: location(entry))
        for member in try object(entry.value, path: path) {
            let memberPath = "\(path).\(member.key)"
            switch member.key {
            case "description": _ = try string(member.value, path: memberPath)
            case "from": mapping.from = try string(member.value, path: memberPath)
            case "auto":
                guard case .bool(let flag) = member.value.kind else {
                    throw wrongKind(member.value, path: memberPath, expected: "true or false")
                }
                mapping.bindsOtherFieldsAutomatically = flag
            case "fields":
                for field in try object(member.value, path: memberPath) {
                    let spec = try checkField(field, of: canonical, path: memberPath)
                    mapping.fields.append(try fieldMapping(field, spec: spec, table: canonical, path: "\(memberPath).\(field.key)"))
                }
            case "format":
                mapping.format = try format(member.value, path: memberPath)
            case "null":
                mapping.nullWords = try strings(member.value, path: memberPath)
            case "encoding":
                let name = try string(member.value, path: memberPath)
                guard let encoding = TextEncoding(userName: name) else {
                    throw DataError(
                        id: .mappingSyntax, message: "\(memberPath): unknown encoding '\(name)' (known: \(TextEncoding.userNames))",
                        file: file, line: member.value.line, column: member.value.column)
                }
                mapping.encoding = encoding
            case "values":
                for field in try object(member.value, path: memberPath) {
                    let fieldPath = "\(memberPath).\(field.key)"
                    let spec = try checkField(field, of: canonical, path: memberPath)
                    guard spec.type == .text else {
                        throw error(
                            .mappingValuesNotText,
                            "\(fieldPath): value maps apply to text fields; "
                                + "\(canonical.name).\(spec.name) is \(spec.type)",
                            field)
                    }
                    var map: [String: String] = [:]
                    for pair in try object(field.value, path: fieldPath) {
                        map[pair.key] = try string(pair.value, path: "\(fieldPath).\(pair.key)")
                    }
                    mapping.values[field.key] = map
                }
            default:
                throw unknownKey(
                    member, path: path, allowed: ["from", "fields", "values", "auto", "format", "null", "encoding", "description"])
            }
        }
        return mapping
    }

    /// A `fields` entry: a column name, `null`, or an object saying where the values come from.
    private func fieldMapping(
        _ entry: MappingJSON.Member, spec: CanonicalField, table: CanonicalTable, path: String
    ) throws
        -> FieldMapping
    {
        switch entry.value.kind {
        case .null: return FieldMapping(field: entry.key, source: nil, location: location(entry))
        case .string(let column): return FieldMapping(field: entry.key, column: column, location: location(entry))
        case .object(let members):
            var result = FieldMapping(field: entry.key, source: nil, location: location(entry))
            var sources: [(key: String, source: FieldSource)] = []
            var words: [String: String] = [:]
            for member in members {
                let memberPath = "\(path).\(member.key)"
                switch member.key {
                case "column": sources.append((member.key, .column(try string(member.value, path: memberPath))))
                case "first":
                    let names = try strings(member.value, path: memberPath)
                    guard !names.isEmpty else { throw wrongKind(member.value, path: memberPath, expected: "a list of column names") }
                    sources.append((member.key, .firstOf(names)))
                case "flag": sources.append((member.key, .flag(column: try string(member.value, path: memberPath), whenTrue: "", whenFalse: nil)))
                case "when":
                    var clauses: [FieldSource.WhenSet] = []
                    for clause in try object(member.value, path: memberPath) {
                        clauses.append(FieldSource.WhenSet(column: clause.key, word: try string(clause.value, path: "\(memberPath).\(clause.key)")))
                    }
                    sources.append((member.key, .whichIsSet(clauses, otherwise: nil)))
                case "exists": sources.append((member.key, .exists(table: try string(member.value, path: memberPath), then: "", otherwise: nil)))
                case "lookup":
                    let text = try string(member.value, path: memberPath)
                    guard let dot = text.lastIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
                        throw DataError(
                            id: .mappingSyntax, message: "\(memberPath) must be \"table.column\", not \"\(text)\"", file: file,
                            line: member.value.line, column: member.value.column)
                    }
                    sources.append((member.key, .lookup(table: String(text[..<dot]), column: String(text[text.index(after: dot)...]))))
                case "true", "false", "then", "else": words[member.key] = try string(member.value, path: memberPath)
                case "format": result.format = try format(member.value, path: memberPath)
                case "null": result.nullWords = try strings(member.value, path: memberPath)
                case "description": _ = try string(member.value, path: memberPath)
                default:
                    throw unknownKey(
                        member, path: path,
                        allowed: [
                            "column", "first", "flag", "when", "exists", "lookup", "true", "false", "then", "else", "format", "null", "description",
                        ])
                }
            }
            guard sources.count <= 1 else {
                throw error(
                    .mappingSyntax,
                    "\(path): give one of column, first, flag, when, exists, lookup (not \(sources.map(\.key).joined(separator: " and ")))",
                    entry)
            }
            guard var source = sources.first?.source else {
                throw error(.mappingSyntax, "\(path) needs one of column, first, flag, when, exists, lookup", entry)
            }
            let wordKeys: Set<String>
            switch source {
            case .flag(let column, _, _):
                guard let yes = words["true"] else { throw error(.mappingSyntax, "\(path): a flag needs \"true\": WORD", entry) }
                source = .flag(column: column, whenTrue: yes, whenFalse: words["false"])
                wordKeys = ["true", "false"]
            case .whichIsSet(let clauses, _):
                source = .whichIsSet(clauses, otherwise: words["else"])
                wordKeys = ["else"]
            case .exists(let table, _, _):
                guard let then = words["then"] else { throw error(.mappingSyntax, "\(path): exists needs \"then\": WORD", entry) }
                source = .exists(table: table, then: then, otherwise: words["else"])
                wordKeys = ["then", "else"]
            default:
                wordKeys = []
            }
            if let stray = words.keys.sorted().first(where: { !wordKeys.contains($0) }) {
                throw error(.mappingSyntax, "\(path).\(stray) does not go with \(sources[0].key)", entry)
            }
            switch source {
            case .flag, .whichIsSet, .exists:
                guard spec.type == .text else {
                    throw error(
                        .mappingValuesNotText,
                        "\(path): \(sources[0].key) gives words, for text fields; \(table.name).\(spec.name) is \(spec.type)", entry)
                }
            default: break
            }
            result.source = source
            return result
        default:
            throw wrongKind(entry.value, path: path, expected: "a column name, null, or an object such as {\"column\": \"…\", \"format\": \"dmy\"}")
        }
    }

    private func format(_ node: MappingJSON.Node, path: String) throws -> FormatDeclaration {
        let text = try string(node, path: path)
        guard let declaration = FormatDeclaration(parsing: text) else {
            throw DataError(
                id: .mappingSyntax,
                message: "\(path): '\(text)' is not a format (dmy, mdy, ymd, decimal-comma, or a pattern such as DD/MM/YYYY HH:mm)",
                file: file, line: node.line, column: node.column)
        }
        return declaration
    }

    private func strings(_ node: MappingJSON.Node, path: String) throws -> [String] {
        switch node.kind {
        case .string(let text): return [text]
        case .array(let items):
            return try items.enumerated().map { (i, item) in try string(item, path: "\(path)[\(i)]") }
        default: throw wrongKind(node, path: path, expected: "a string or a list of strings")
        }
    }

    @discardableResult
    private func checkField(
        _ member: MappingJSON.Member, of table: CanonicalTable, path: String
    ) throws
        -> CanonicalField
    {
        guard let field = table.field(named: member.key) else {
            let known = table.fields.map(\.name).joined(separator: ", ")
            throw error(
                .mappingUnknownField,
                "\(table.name) has no field '\(member.key)' at \(path).\(member.key) (fields: \(known))", member)
        }
        return field
    }

    private func object(_ node: MappingJSON.Node, path: String) throws -> [MappingJSON.Member] {
        guard case .object(let members) = node.kind else { throw wrongKind(node, path: path, expected: "an object") }
        return members
    }

    private func string(_ node: MappingJSON.Node, path: String) throws -> String {
        guard case .string(let text) = node.kind else { throw wrongKind(node, path: path, expected: "a string") }
        return text
    }

    private func wrongKind(_ node: MappingJSON.Node, path: String, expected: String) -> DataError {
        DataError(
            id: .mappingSyntax, message: "\(path) must be \(expected), not \(node.typeName)", file: file,
            line: node.line, column: node.column)
    }

    private func unknownKey(_ member: MappingJSON.Member, path: String, allowed: [String]) -> DataError {
        let at = path.isEmpty ? member.key : "\(path).\(member.key)"
        return error(
            .mappingUnknownKey,
            "unknown key '\(member.key)' at \(at) (expected: \(allowed.joined(separator: ", ")))", member)
    }

    private func error(_ id: DiagnosticID, _ message: String, _ member: MappingJSON.Member) -> DataError {
        DataError(id: id, message: message, file: file, line: member.line, column: member.column)
    }

    private func location(_ member: MappingJSON.Member) -> SourceLocation {
        SourceLocation(file: file, line: member.line, column: member.column)
    }
}
