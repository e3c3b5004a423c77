/// The one place a diagnostic becomes the text people see: `file:line:column: error[ID]: message`,
/// and, for an error in a formula, its source line with carets under the span.
///
/// Every error type's `description` and the shell's own messages go through it, so `kpi`, the
/// shell, batch mode and recipes print errors alike.
public enum DiagnosticText {
    /// `error[ID]: message`, after `location: ` when there is one.
    public static func line(_ id: DiagnosticID, _ message: String, at location: SourceLocation? = nil) -> String {
        (location.map { "\($0): " } ?? "") + "error[\(id)]: \(message)"
    }

    /// The error's line, then where it is and the source line with carets under the span:
    ///
    /// ```
    /// error[formula.unknown-field]: unknown field 'sorce' in leads
    ///  --> formula:1:23
    ///   |
    /// 1 | conversion_rate where sorce = "Web"
    ///   |                       ^^^^^ did you mean 'source'?
    /// ```
    ///
    /// - Parameters:
    ///   - id: The diagnostic's id, shown as `error[ID]`.
    ///   - message: What went wrong, for people.
    ///   - source: The statement or file text the span points into.
    ///   - start: The span's first UTF-8 byte in `source`.
    ///   - end: One past its last byte; an empty span gets one caret.
    ///   - label: The source's name in the location (`formula`, `<stdin>`).
    ///   - lineOffset: Lines of a longer input before `source` (a batch script's earlier lines).
    ///   - note: Text after the carets (`did you mean 'source'?`).
    public static func snippet(
        _ id: DiagnosticID, _ message: String, source: String, start: Int, end: Int, label: String, lineOffset: Int = 0,
        note: String? = nil
    ) -> String {
        let bytes = Array(source.utf8)
        let start = min(start, bytes.count)
        var lineStart = start
        while lineStart > 0 && bytes[lineStart - 1] != 10 { lineStart -= 1 }
        var lineEnd = start
        while lineEnd < bytes.count && bytes[lineEnd] != 10 { lineEnd += 1 }
        let lineNumber = bytes[0..<lineStart].filter { $0 == 10 }.count + 1 + lineOffset
        let lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        let prefix = String(decoding: bytes[lineStart..<start], as: UTF8.self)
        let column = prefix.count + 1
        let spanEnd = min(max(end, start + 1), max(lineEnd, start + 1))
        // Carets line up in display columns: a CJK character before the span takes two.
        let width = max(1, TextWidth.of(String(decoding: bytes[start..<min(spanEnd, bytes.count)], as: UTF8.self)))
        let indent = TextWidth.of(prefix)
        let gutter = String(lineNumber)
        let pad = String(repeating: " ", count: gutter.count)
        var out = line(id, message) + "\n"
        out += "\(pad)--> \(label):\(lineNumber):\(column)\n"
        out += "\(pad) |\n"
        out += "\(gutter) | \(lineText)\n"
        out += "\(pad) | " + String(repeating: " ", count: indent) + String(repeating: "^", count: width)
        if let note { out += " " + note }
        return out
    }
}
