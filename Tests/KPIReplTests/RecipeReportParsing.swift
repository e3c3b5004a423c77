import Foundation

/// What a reader sees of one statement in a report, read back from its Markdown or its HTML:
/// the statement, the line above the table, the table, the lines under it.
struct ReportBlock: Equatable, CustomStringConvertible {
    var statement = ""
    var lead: [String] = []
    var head: [String] = []
    var rows: [[String]] = []
    var footnotes: [String] = []

    var description: String {
        "kpi> \(statement)\nlead: \(lead)\nhead: \(head)\n" + rows.map { "row: \($0)" }.joined(separator: "\n") + "\nfoot: \(footnotes)"
    }
}

/// Reads the statement blocks of a Markdown report (pipe tables with a footnote list, or fenced
/// text tables with their lines) and of an HTML report (tables, lead paragraphs, footnote lists).
enum ReportParsing {
    static func markdown(_ text: String) -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        let lines = text.components(separatedBy: "\n")
        var i = 0
        func cells(_ line: String, separator: Character) -> [String] {
            var parts = line.split(separator: separator, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.first == "" { parts.removeFirst() }
            if parts.last == "" { parts.removeLast() }
            return parts.map { $0.replacingOccurrences(of: "\\|", with: "|") }
        }
        while i < lines.count {
            guard lines[i] == "```kpi" else {
                i += 1
                continue
            }
            var block = ReportBlock()
            var statement: [String] = []
            i += 1
            while i < lines.count, lines[i] != "```" {
                statement.append(lines[i])
                i += 1
            }
            block.statement = statement.joined(separator: "\n")
            i += 1
            while i < lines.count, lines[i].isEmpty { i += 1 }
            if i < lines.count, lines[i] == "```text" {
                i += 1
                var seenTable = false
                while i < lines.count, lines[i] != "```" {
                    let line = lines[i]
                    if line.hasPrefix("│") {
                        let row = cells(line, separator: "│")
                        if block.head.isEmpty { block.head = row } else { block.rows.append(row) }
                        seenTable = true
                    } else if line.hasPrefix("┌") || line.hasPrefix("├") || line.hasPrefix("└") {
                        seenTable = true
                    } else if seenTable {
                        block.footnotes.append(line)
                    } else {
                        block.lead.append(line)
                    }
                    i += 1
                }
                i += 1
            } else {
                while i < lines.count, lines[i].hasPrefix("|") {
                    let row = cells(lines[i], separator: "|")
                    if block.head.isEmpty { block.head = row } else if !row.allSatisfy({ $0.hasPrefix("---") }) { block.rows.append(row) }
                    i += 1
                }
                while i < lines.count, lines[i].isEmpty { i += 1 }
                while i < lines.count, lines[i].hasPrefix("- ") {
                    var note = String(lines[i].dropFirst(2))
                    if note.hasPrefix("\\*") { note.removeFirst() }
                    block.footnotes.append(note)
                    i += 1
                }
            }
            blocks.append(block)
        }
        return blocks
    }

    static func html(_ text: String) -> [ReportBlock] {
        let parts = text.components(separatedBy: "<pre class=\"statement\">").dropFirst()
        return parts.map { part in
            var block = ReportBlock()
            let statementEnd = part.range(of: "</pre>")!
            block.statement = unescape(String(part[..<statementEnd.lowerBound]))
            // What belongs to this statement ends at the next section or the end of the page.
            var body = String(part[statementEnd.upperBound...])
            if let end = body.range(of: "</section>") { body = String(body[..<end.lowerBound]) }
            block.lead = matches(of: "<p class=\"lead\">(.*?)</p>", in: body).map(unescape)
            if let table = matches(of: "<table class=\"data\">(.*?)</table>", in: body).first {
                block.head = matches(of: "<th(?: [^>]*)?>(.*?)</th>", in: table).map(unescape)
                block.rows = matches(of: "<tr[^>]*>(.*?)</tr>", in: table).dropFirst().map { row in
                    matches(of: "<td[^>]*>(.*?)</td>", in: row).map(unescape)
                }
            }
            if let foot = matches(of: "<ul class=\"foot\">(.*?)</ul>", in: body).first {
                block.footnotes = matches(of: "<li[^>]*>(.*?)</li>", in: foot).map(unescape)
            }
            return block
        }
    }

    /// The first capture group of every match, across lines.
    static func matches(of pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    static func unescape(_ html: String) -> String {
        html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
