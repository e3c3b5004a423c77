import Foundation

/// The workbook-level parts of an xlsx file: sheet list, relationships, shared strings, styles.
struct WorkbookParts {
    /// A sheet as `xl/workbook.xml` lists it, with its part resolved through the relationships.
    struct Sheet {
        let name: String
        let path: String
    }

    let sheets: [Sheet]
    /// Whether serial dates count from 1904-01-01 (old Mac workbooks) instead of 1900.
    let uses1904: Bool
    let sharedStrings: [String]
    /// For each cell style index (`s="…"`), whether its number format shows a date, and whether
    /// that format shows a time of day.
    let dateStyles: [DateStyle?]

    /// How a date-formatted cell is shown.
    struct DateStyle: Equatable {
        let showsTime: Bool
    }

    /// Reads the parts; `part` fetches an archive entry by name (nil when absent).
    init(part: (String) throws -> [UInt8]?) throws {
        guard let workbook = try part("xl/workbook.xml") else { throw PartFailure.missing("xl/workbook.xml") }
        var declared: [(name: String, relation: String)] = []
        var uses1904 = false
        try Self.parse(
            "xl/workbook.xml", workbook,
            start: { name, attributes in
                switch name {
                case "sheet":
                    guard let sheetName = attributes["name"], let relation = attributes["r:id"] ?? attributes["id"] else {
                        throw PartFailure.invalid("xl/workbook.xml", "a <sheet> without name or r:id")
                    }
                    declared.append((sheetName, relation))
                case "workbookPr":
                    uses1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased() ?? "")
                default: break
                }
            })
        let targets = try Self.relationships(try part("xl/_rels/workbook.xml.rels"))
        sheets = try declared.compactMap { sheet in
            guard let relation = targets[sheet.relation] else {
                throw PartFailure.invalid("xl/_rels/workbook.xml.rels", "no relationship \(sheet.relation) for sheet '\(sheet.name)'")
            }
            // Chart and dialog sheets hold no cells.
            guard relation.type.hasSuffix("/worksheet") else { return nil }
            return Sheet(name: sheet.name, path: Self.resolve(relation.target))
        }
        self.uses1904 = uses1904
        sharedStrings = try part("xl/sharedStrings.xml").map(Self.sharedStrings) ?? []
        dateStyles = try part("xl/styles.xml").map(Self.dateStyles) ?? []
    }

    /// Parses one part, naming it in a syntax error.
    private static func parse(
        _ part: String, _ bytes: [UInt8], start: @escaping XMLEvents.Start, end: @escaping XMLEvents.End = { _ in },
        characters: @escaping XMLEvents.Characters = { _ in }
    ) throws {
        do {
            try XMLEvents.parse(bytes, start: start, end: end, characters: characters)
        } catch let malformed as XMLEvents.Malformed {
            throw PartFailure.invalid(part, "malformed XML at line \(malformed.line): \(malformed.reason)")
        }
    }

    /// Relationship id → target part and relationship type.
    private static func relationships(_ bytes: [UInt8]?) throws -> [String: (target: String, type: String)] {
        guard let bytes else { throw PartFailure.missing("xl/_rels/workbook.xml.rels") }
        var targets: [String: (target: String, type: String)] = [:]
        try Self.parse(
            "xl/_rels/workbook.xml.rels", bytes,
            start: { name, attributes in
                if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
                    targets[id] = (target, attributes["Type"] ?? "")
                }
            })
        return targets
    }

    /// A relationship target is relative to `xl/` unless it starts with `/`.
    static func resolve(_ target: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    /// `<si>` items in order; rich text runs are concatenated, phonetic hints (`<rPh>`) skipped.
    private static func sharedStrings(_ bytes: [UInt8]) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phoneticDepth = 0
        try Self.parse(
            "xl/sharedStrings.xml", bytes,
            start: { name, _ in
                switch name {
                case "si": current = ""
                case "t": inText = phoneticDepth == 0
                case "rPh": phoneticDepth += 1
                default: break
                }
            },
            end: { name in
                switch name {
                case "si": strings.append(current)
                case "t": inText = false
                case "rPh": phoneticDepth -= 1
                default: break
                }
            },
            characters: { text in
                if inText { current += text }
            })
        return strings
    }

    /// Cell formats (`<cellXfs><xf numFmtId=…>`) mapped to whether they show dates.
    private static func dateStyles(_ bytes: [UInt8]) throws -> [DateStyle?] {
        var customFormats: [Int: String] = [:]
        var formatIDs: [Int] = []
        var inCellFormats = false
        try Self.parse(
            "xl/styles.xml", bytes,
            start: { name, attributes in
                switch name {
                case "numFmt":
                    if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { customFormats[id] = code }
                case "cellXfs": inCellFormats = true
                case "xf" where inCellFormats: formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
                default: break
                }
            },
            end: { name in
                if name == "cellXfs" { inCellFormats = false }
            })
        return formatIDs.map { id in
            if let code = customFormats[id] { return DateFormatCode.dateStyle(of: code) }
            return DateFormatCode.builtInDateStyle(id)
        }
    }
}

/// Recognises number formats that display dates.
enum DateFormatCode {
    /// Built-in formats 14–22 (dates, date-times) and 45–47 (minutes and seconds).
    static func builtInDateStyle(_ id: Int) -> WorkbookParts.DateStyle? {
        switch id {
        case 14...17: return .init(showsTime: false)
        case 18...22, 45...47: return .init(showsTime: true)
        default: return nil
        }
    }

    /// A custom format code is a date format when, outside quoted text, escapes and `[…]`
    /// sections (colours, locales), it uses y, m, d or h; `General` and plain number formats are not.
    static func dateStyle(of code: String) -> WorkbookParts.DateStyle? {
        var letters = ""
        var quoted = false
        var bracketed = false
        var escaped = false
        for character in code {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\"": quoted.toggle()
            case "\\" where !quoted: escaped = true
            case "[" where !quoted: bracketed = true
            case "]" where !quoted: bracketed = false
            default: if !quoted && !bracketed { letters.append(character) }
            }
        }
        let lower = letters.lowercased().replacingOccurrences(of: "general", with: "")
        guard lower.contains(where: { "ymdh".contains($0) }) else { return nil }
        return .init(showsTime: lower.contains("h") || lower.contains("s"))
    }
}

/// A workbook part that is missing or does not say what xlsx requires.
enum PartFailure: Error {
    case missing(String)
    case invalid(String, String)
}
