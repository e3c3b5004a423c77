import Foundation

/// Minimal JSON writing: numbers without needless decimals, escaped strings.
public enum JSONText {
    /// A JSON string literal, escaped.
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A number, or `null`.
    public static func number(_ v: Double?) -> String { v.map(plain) ?? "null" }

    /// A number without needless decimals (`3`, not `3.0`); non-finite as `null`.
    public static func plain(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v.rounded() == v && Swift.abs(v) < 9e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// A value as JSON.
    public static func value(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .int(let i): return String(i)
        case .double(let d): return plain(d)
        case .bool(let b): return b ? "true" : "false"
        default: return string(v.description)
        }
    }

    /// A top-level document: one field per line, arrays of objects one element per line.
    public static func document(_ fields: [(String, String)]) -> String {
        "{\n  " + fields.map { string($0.0) + ": " + $0.1 }.joined(separator: ",\n  ") + "\n}"
    }

    /// An array of already-encoded elements, one per line, indented inside a ``document(_:)``.
    public static func lines(_ elements: [String]) -> String {
        elements.isEmpty ? "[]" : "[\n    " + elements.joined(separator: ",\n    ") + "\n  ]"
    }

    /// An object from already-encoded field values, in order.
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    /// An array of already-encoded elements on one line: `["a", "b"]`.
    public static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ", ") + "]"
    }

    /// A listing: `{"KEY": [` and one already-encoded object a line (`kpi list`, `kpi modules`).
    public static func listing(_ key: String, _ rows: [String]) -> String {
        "{" + string(key) + ": [\n  " + rows.joined(separator: ",\n  ") + "\n]}"
    }
}
