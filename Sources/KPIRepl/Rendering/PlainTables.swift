import Foundation

/// RFC 4180 CSV text: a header and rows, fields quoted only when they must be.
enum CSVText {
    /// One field: quoted when it holds a comma, a quote or a line break.
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// The header and rows, one record per line, without a final newline.
    static func table(head: [String], rows: [[String]]) -> String {
        ([head] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }
}

/// GitHub-flavoured Markdown: tables and the footnotes under them.
enum MarkdownText {
    /// A cell with its pipes escaped.
    static func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    /// A pipe table; `right` marks the columns aligned right.
    static func table(head: [String], rows: [[String]], right: [Bool]) -> String {
        var lines = ["| " + head.map(escape).joined(separator: " | ") + " |"]
        lines.append("|" + right.map { $0 ? " ---: |" : " --- |" }.joined())
        lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }

    /// `text` followed by a blank line and a list of footnotes; `text` alone when there are none.
    static func withFootnotes(_ text: String, _ footnotes: [String]) -> String {
        guard !footnotes.isEmpty else { return text }
        return text + "\n\n" + footnotes.map { "- " + $0 }.joined(separator: "\n")
    }
}
