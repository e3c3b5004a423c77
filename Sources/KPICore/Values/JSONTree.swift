/// JSON for people to read and edit (a mapping draft): objects one member a line, small ones
/// (a field's source, a link) and arrays of strings on one line. Strings are ``JSONText``'s.
public indirect enum JSONTree: Sendable {
    /// A string.
    case string(String)
    /// An array: one element a line, or one line when every element is a string.
    case array([JSONTree])
    /// An object, one member a line.
    case object([(String, JSONTree)])
    /// An object on one line.
    case inline([(String, JSONTree)])

    /// The JSON text, its inner lines indented by `indent` spaces more than the first.
    public func text(indent: Int = 0) -> String {
        switch self {
        case .string(let s): return JSONText.string(s)
        case .inline(let members):
            return JSONText.object(members.map { ($0.0, $0.1.text(indent: indent)) })
        case .array(let items):
            if items.allSatisfy({
                if case .string = $0 { return true }
                return false
            }) {
                return JSONText.array(items.map { $0.text(indent: indent) })
            }
            guard !items.isEmpty else { return "[]" }
            let pad = String(repeating: " ", count: indent + 2)
            return "[\n" + items.map { pad + $0.text(indent: indent + 2) }.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent)
                + "]"
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            let pad = String(repeating: " ", count: indent + 2)
            return "{\n" + members.map { pad + JSONText.string($0.0) + ": " + $0.1.text(indent: indent + 2) }.joined(separator: ",\n")
                + "\n" + String(repeating: " ", count: indent) + "}"
        }
    }
}
