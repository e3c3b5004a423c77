/// One cell's content as the sheet stores it, before the column's type is chosen.
enum CellValue: Equatable {
    /// A number; `text` is the `<v>` text as written, `dateStyle` set when its format shows a date.
    case number(Double, text: String, dateStyle: WorkbookParts.DateStyle?)
    case text(String)
    case bool(Bool)
}

/// A cell that cannot be read, with its reference (`B3`).
struct CellFailure: Error {
    let reference: String
    let reason: String
}

/// Reads `xl/worksheets/sheetN.xml` into rows of cells.
///
/// Rows and cells are placed by their `r` references when present (exporters may skip empty
/// ones), else one after the previous. Error cells (`t="e"`, such as `#DIV/0!`) hold no value.
struct SheetReader {
    /// Non-empty rows in sheet order: 1-based row number and cells by 1-based column number.
    private(set) var rows: [(number: Int, cells: [(column: Int, value: CellValue)])] = []

    init(_ bytes: [UInt8], parts: WorkbookParts) throws {
        var rowNumber = 0
        var columnNumber = 0
        var cells: [(column: Int, value: CellValue)] = []
        var reference = ""
        var type = "n"
        var style = 0
        var content = ""
        var collecting = false
        var hasContent = false
        var phoneticDepth = 0
        var collected: [(number: Int, cells: [(column: Int, value: CellValue)])] = []

        try XMLEvents.parse(
            bytes,
            start: { name, attributes in
                switch name {
                case "row":
                    if let r = attributes["r"] {
                        guard let number = Int(r), number > rowNumber else {
                            throw CellFailure(reference: "row \(r)", reason: "row number out of order or invalid")
                        }
                        rowNumber = number
                    } else {
                        rowNumber += 1
                    }
                    columnNumber = 0
                    cells = []
                case "c":
                    if let r = attributes["r"] {
                        guard let parsed = Self.parseReference(r), parsed.row == rowNumber, parsed.column > columnNumber else {
                            throw CellFailure(reference: r, reason: "cell reference is invalid or out of order (row \(rowNumber))")
                        }
                        columnNumber = parsed.column
                        reference = r
                    } else {
                        columnNumber += 1
                        reference = Self.columnLetters(columnNumber) + String(rowNumber)
                    }
                    type = attributes["t"] ?? "n"
                    style = attributes["s"].flatMap { Int($0) } ?? 0
                    content = ""
                    hasContent = false
                case "v":
                    collecting = true
                    hasContent = true
                case "is":
                    hasContent = true
                case "t" where type == "inlineStr":
                    collecting = phoneticDepth == 0
                case "rPh":
                    phoneticDepth += 1
                default: break
                }
            },
            end: { name in
                switch name {
                case "v", "t": collecting = false
                case "rPh": phoneticDepth -= 1
                case "c":
                    guard hasContent else { return }
                    if let value = try Self.value(content, type: type, style: style, reference: reference, parts: parts) {
                        cells.append((columnNumber, value))
                    }
                case "row":
                    if !cells.isEmpty { collected.append((rowNumber, cells)) }
                default: break
                }
            },
            characters: { text in
                if collecting { content += text }
            })
        rows = collected
    }

    private static func value(_ content: String, type: String, style: Int, reference: String, parts: WorkbookParts) throws -> CellValue? {
        switch type {
        case "s":
            guard let index = Int(content), parts.sharedStrings.indices.contains(index) else {
                throw CellFailure(
                    reference: reference, reason: "shared string index '\(content)' is out of range (\(parts.sharedStrings.count) strings)")
            }
            return .text(parts.sharedStrings[index])
        case "str", "inlineStr", "d":
            // `d` cells (strict OOXML) hold ISO 8601 text; the column typer parses it.
            return .text(content)
        case "b":
            switch content {
            case "1": return .bool(true)
            case "0": return .bool(false)
            default: throw CellFailure(reference: reference, reason: "boolean cell holds '\(content)', expected 0 or 1")
            }
        case "e":
            return nil
        case "n":
            guard !content.isEmpty else { return nil }
            guard let number = Double(content), number.isFinite else {
                throw CellFailure(reference: reference, reason: "numeric cell holds '\(content)'")
            }
            let dateStyle = parts.dateStyles.indices.contains(style) ? parts.dateStyles[style] : nil
            return .number(number, text: content, dateStyle: dateStyle)
        default:
            throw CellFailure(reference: reference, reason: "unknown cell type t=\"\(type)\"")
        }
    }

    /// `"AB12"` → column 28, row 12.
    static func parseReference(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var sawDigit = false
        for scalar in reference.unicodeScalars {
            switch scalar {
            case "A"..."Z" where !sawDigit:
                column = column * 26 + Int(scalar.value - 64)
                guard column <= 16_384 else { return nil }
            case "0"..."9":
                sawDigit = true
                row = row * 10 + Int(scalar.value - 48)
                guard row <= 1_048_576 else { return nil }
            default: return nil
            }
        }
        return column > 0 && row > 0 ? (column, row) : nil
    }

    /// Column 28 → `"AB"`.
    static func columnLetters(_ column: Int) -> String {
        var letters: [Character] = []
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters.insert(Character(UnicodeScalar(UInt8(65 + digit))), at: 0)
            rest = (rest - 1) / 26
        }
        return String(letters)
    }
}
