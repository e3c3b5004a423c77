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

    /// Creates a mapping.
    public init(file: String = "<mapping>", tables: [TableMapping]) {
        self.file = file
        self.tables = tables
    }

    /// The mapping of canonical table `name`, if any.
    public func table(named name: String) -> TableMapping? {
        tables.first { $0.table == name }
    }

    /// Reads and checks a mapping file against `schema`.
    ///
    /// - Throws: ``DataError`` `mapping.unreadable`, or any error of ``parse(_:file:schema:)``.
    public static func load(from url: URL, schema: CanonicalSchema = .standard) throws -> Mapping {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(id: "mapping.unreadable", message: "cannot read the mapping file", file: url.path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(id: "mapping.syntax", message: "the mapping file is not UTF-8 text", file: url.path)
        }
        return try parse(text, file: url.path, schema: schema)
    }

    /// Parses mapping JSON and checks its table and field names against `schema`.
    ///
    /// - Throws: ``DataError`` with `file:line:column` and the JSON path: `mapping.syntax` (bad
    ///   JSON or a value of the wrong kind), `mapping.unknown-key`, `mapping.unknown-table`,
    ///   `mapping.unknown-field`, `mapping.values-not-text` (values for a non-text field).
    public static func parse(_ text: String, file: String = "<mapping>", schema: CanonicalSchema = .standard) throws
        -> Mapping
    {
        let root: MappingJSON.Node
        do {
            root = try MappingJSON.parse(text)
        } catch {
            throw DataError(
                id: "mapping.syntax", message: error.message, file: file, line: error.line, column: error.column)
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
    /// Where the table's entry starts in the mapping file.
    public var location: SourceLocation?

    /// Creates a table mapping.
    public init(
        table: String, from: String? = nil, bindsOtherFieldsAutomatically: Bool = true, fields: [FieldMapping] = [],
        values: [String: [String: String]] = [:], location: SourceLocation? = nil
    ) {
        self.table = table
        self.from = from
        self.bindsOtherFieldsAutomatically = bindsOtherFieldsAutomatically
        self.fields = fields
        self.values = values
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
    /// The source column, or `nil` to leave the field unbound.
    public var column: String?
    /// Where the entry is in the mapping file.
    public var location: SourceLocation?

    /// Creates a field mapping.
    public init(field: String, column: String?, location: SourceLocation? = nil) {
        self.field = field
        self.column = column
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
        for member in members {
            switch member.key {
            case "description": _ = try string(member.value, path: member.key)
            case "tables":
                for entry in try object(member.value, path: "tables") {
                    tables.append(try table(entry))
                }
            default: throw unknownKey(member, path: "", allowed: ["tables", "description"])
            }
        }
        return Mapping(file: file, tables: tables)
    }

    private func table(_ entry: MappingJSON.Member) throws -> TableMapping {
        let path = "tables.\(entry.key)"
        guard let canonical = schema.table(named: entry.key) else {
            let known = schema.tables.map(\.name).joined(separator: ", ")
            throw error(
                "mapping.unknown-table", "unknown canonical table '\(entry.key)' at \(path) (tables: \(known))", entry)
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
                    try checkField(field, of: canonical, path: memberPath)
                    let column: String?
                    if case .null = field.value.kind {
                        column = nil
                    } else {
                        column = try string(field.value, path: "\(memberPath).\(field.key)")
                    }
                    mapping.fields.append(FieldMapping(field: field.key, column: column, location: location(field)))
                }
            case "values":
                for field in try object(member.value, path: memberPath) {
                    let fieldPath = "\(memberPath).\(field.key)"
                    let spec = try checkField(field, of: canonical, path: memberPath)
                    guard spec.type == .text else {
                        throw error(
                            "mapping.values-not-text",
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
            default: throw unknownKey(member, path: path, allowed: ["from", "fields", "values", "auto", "description"])
            }
        }
        return mapping
    }

    @discardableResult
    private func checkField(_ member: MappingJSON.Member, of table: CanonicalTable, path: String) throws
        -> CanonicalField
    {
        guard let field = table.field(named: member.key) else {
            let known = table.fields.map(\.name).joined(separator: ", ")
            throw error(
                "mapping.unknown-field",
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
            id: "mapping.syntax", message: "\(path) must be \(expected), not \(node.typeName)", file: file,
            line: node.line, column: node.column)
    }

    private func unknownKey(_ member: MappingJSON.Member, path: String, allowed: [String]) -> DataError {
        let at = path.isEmpty ? member.key : "\(path).\(member.key)"
        return error(
            "mapping.unknown-key",
            "unknown key '\(member.key)' at \(at) (expected: \(allowed.joined(separator: ", ")))", member)
    }

    private func error(_ id: String, _ message: String, _ member: MappingJSON.Member) -> DataError {
        DataError(id: id, message: message, file: file, line: member.line, column: member.column)
    }

    private func location(_ member: MappingJSON.Member) -> SourceLocation {
        SourceLocation(file: file, line: member.line, column: member.column)
    }
}
