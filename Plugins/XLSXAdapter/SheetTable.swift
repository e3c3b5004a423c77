import Foundation
import KPICore

/// Turns a read sheet into a `Table`: first row = header, then one typed column per header cell.
///
/// Typing follows the CSV adapter roughly: all integers → int, all numbers → double, all true/false →
/// bool, all dates (date-formatted serials or ISO 8601 text) → date, or timestamp when any has a
/// time of day; anything mixed → text, keeping each cell's text as shown in the file.
enum SheetTable {
    static func make(name: String, sheet: SheetReader, uses1904: Bool, source: String) -> Table? {
        guard let header = sheet.rows.first else { return nil }
        let body = sheet.rows.dropFirst()
        let lastColumn = sheet.rows.map { $0.cells.last?.column ?? 0 }.max() ?? 0
        var cellsByColumn = [[CellValue?]](repeating: [CellValue?](repeating: nil, count: body.count), count: lastColumn)
        for (rowIndex, row) in body.enumerated() {
            for cell in row.cells { cellsByColumn[cell.column - 1][rowIndex] = cell.value }
        }
        let headerTexts = Dictionary(header.cells.map { ($0.column, $0.value) }, uniquingKeysWith: { first, _ in first })
        var used: Set<String> = []
        var columns: [Column] = []
        for index in 0..<lastColumn {
            let letters = SheetReader.columnLetters(index + 1)
            let headerText =
                headerTexts[index + 1].map { Self.text(of: Self.classify($0, uses1904: uses1904)) }?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            // A column with neither header nor data is layout, not data.
            if headerText.isEmpty && cellsByColumn[index].allSatisfy({ $0 == nil }) { continue }
            var columnName = headerText.isEmpty ? "column_\(letters)" : headerText
            if used.contains(columnName) {
                var suffix = 2
                while used.contains("\(columnName)_\(suffix)") { suffix += 1 }
                columnName = "\(columnName)_\(suffix)"
            }
            used.insert(columnName)
            columns.append(Self.column(named: columnName, cellsByColumn[index], uses1904: uses1904))
        }
        return Table(name: name, columns: columns, rowCount: body.count, source: source)
    }

    /// A cell's meaning before the column's type is chosen.
    enum Kind {
        case int(Int64, text: String)
        case double(Double, text: String)
        case bool(Bool)
        case instant(Int64, hasTime: Bool)
        case text(String)
    }

    static func classify(_ value: CellValue, uses1904: Bool) -> Kind {
        switch value {
        case .bool(let flag):
            return .bool(flag)
        case .number(let number, let text, let dateStyle):
            if let dateStyle, let ms = ExcelDate.milliseconds(serial: number, uses1904: uses1904) {
                return .instant(ms, hasTime: dateStyle.showsTime || number.rounded(.down) != number)
            }
            if let int = Int64(text) { return .int(int, text: text) }
            return .double(number, text: text)
        case .text(let raw):
            let text = raw.trimmingCharacters(in: .whitespaces)
            // Digits with a leading zero were stored as text on purpose (ids, postcodes).
            if let int = Int64(text), !(text.count > 1 && text.hasPrefix("0")) { return .int(int, text: raw) }
            if let number = Double(text), number.isFinite, text.contains(where: \.isNumber), !(text.hasPrefix("0") && !text.hasPrefix("0.")) {
                return .double(number, text: raw)
            }
            switch text.lowercased() {
            case "true", "yes": return .bool(true)
            case "false", "no": return .bool(false)
            default: break
            }
            if let parsed = ISO8601.parse(text) { return .instant(parsed.milliseconds, hasTime: parsed.hasTime) }
            return .text(raw)
        }
    }

    static func text(of kind: Kind) -> String {
        switch kind {
        case .int(_, let text), .double(_, let text), .text(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .instant(let ms, let hasTime): return hasTime ? ISO8601.format(milliseconds: ms) : ISO8601.formatDate(milliseconds: ms)
        }
    }

    private static func column(named name: String, _ cells: [CellValue?], uses1904: Bool) -> Column {
        let kinds: [Kind?] = cells.map { cell in
            guard let cell else { return nil }
            if case .text(let text) = cell, text.isEmpty { return nil }
            return classify(cell, uses1904: uses1904)
        }
        var ints = 0, doubles = 0, bools = 0, instants = 0, texts = 0
        var anyTime = false
        for kind in kinds {
            switch kind {
            case .int?: ints += 1
            case .double?: doubles += 1
            case .bool?: bools += 1
            case .instant(_, let hasTime)?:
                instants += 1
                anyTime = anyTime || hasTime
            case .text?: texts += 1
            case nil: break
            }
        }
        let present = ints + doubles + bools + instants + texts
        let values: [Value]
        let type: DataType
        if present > 0 && ints == present {
            type = .int
            values = kinds.map {
                if case .int(let x, _)? = $0 { return .int(x) }
                return .null
            }
        } else if present > 0 && ints + doubles == present {
            type = .double
            values = kinds.map { kind in
                switch kind {
                case .int(let x, _)?: return .double(Double(x))
                case .double(let x, _)?: return .double(x)
                default: return .null
                }
            }
        } else if present > 0 && bools == present {
            type = .bool
            values = kinds.map {
                if case .bool(let x)? = $0 { return .bool(x) }
                return .null
            }
        } else if present > 0 && instants == present {
            type = anyTime ? .timestamp : .date
            values = kinds.map {
                if case .instant(let ms, _)? = $0 { return anyTime ? .timestamp(ms) : .date(ms) }
                return .null
            }
        } else {
            type = .text
            values = kinds.map { $0.map { .text(text(of: $0)) } ?? .null }
        }
        return Column(name: name, type: type, values: values)
    }
}

/// Excel serial day numbers → milliseconds since 1970-01-01 UTC.
enum ExcelDate {
    private static let dayMilliseconds = 86_400_000.0

    /// In the 1900 system serial 1 is 1900-01-01 and Excel counts a 1900-02-29 that never was
    /// (Lotus 1-2-3's bug), so serials from 61 (1900-03-01) on are one day ahead. In the 1904
    /// system serial 0 is 1904-01-01. Nil for serials outside Excel's range (before 1900 or after 9999).
    static func milliseconds(serial: Double, uses1904: Bool) -> Int64? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        // Days from 1970-01-01 back to each system's day zero.
        let epochOffset: Double = uses1904 ? 24_107 : (serial >= 61 ? 25_569 : 25_568)
        return Int64(((serial - epochOffset) * dayMilliseconds).rounded())
    }
}
