extension SourceRange {
    /// The text written at this range of `source` (clamped to it): what a statement's part was
    /// written as, to name it in results and messages.
    public func text(in source: String) -> String {
        let bytes = Array(source.utf8)
        return String(decoding: bytes[min(start, bytes.count)..<min(max(start, end), bytes.count)], as: UTF8.self)
    }
}
