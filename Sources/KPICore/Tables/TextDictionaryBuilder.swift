/// Assigns dense `Int32` codes to distinct strings, in order of first appearance.
public struct TextDictionaryBuilder: Sendable {
    /// The distinct strings, indexed by code.
    public private(set) var dictionary: [String] = []
    private var codes: [String: Int32] = [:]

    /// An empty builder.
    public init() {}

    /// The code of `text`, assigning the next one if it is new.
    public mutating func code(for text: String) -> Int32 {
        if let code = codes[text] { return code }
        let code = Int32(dictionary.count)
        dictionary.append(text)
        codes[text] = code
        return code
    }

    /// The code of `text` if it has one.
    public func existingCode(for text: String) -> Int32? { codes[text] }
}
