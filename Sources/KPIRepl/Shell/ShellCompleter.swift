import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// Tab completion for the shell, by context: dot-commands at the start of a line, file paths
/// after `.load`, table names after `.schema`, quoted text values after a comparison with a text
/// field (`source = "Ref` → `"Referral"`), otherwise KPI ids, functions, keywords, tables and fields.
public struct ShellCompleter {
    /// The session whose names are offered.
    public let session: Session

    /// Creates a completer.
    public init(session: Session) { self.session = session }

    /// Function names with their opening bracket, the modules' too (`exists` takes a table, not
    /// brackets: it is among the keywords).
    private var functions: [String] {
        FormulaVocabulary.functions(with: session.registry).filter { $0.kind != .predicate }.map { $0.name + "(" }
    }
    private static let keywords = FormulaVocabulary.keywords

    /// The candidates for the word before the cursor.
    public func complete(_ request: CompletionRequest) -> CompletionResult {
        let before = String(request.textBeforeCursor)
        let trimmed = before.drop { $0 == " " }
        if trimmed.hasPrefix(".") && !trimmed.contains(" ") {
            let names = Shell.commands.map { String($0.name.split(separator: " ")[0]) }
            return result(String(trimmed), names.filter { $0.hasPrefix(trimmed) })
        }
        if trimmed.hasPrefix(".load ") {
            let word = String(request.wordBeforeCursor { $0 == " " })
            return paths(word)
        }
        if Parser.startsRecipeRun(trimmed), trimmed.count > 3, !trimmed.dropFirst(4).contains(" ") {
            let word = String(request.wordBeforeCursor { $0 == " " })
            return result(word, RecipeLibrary.standard(in: session.workspace).names().filter { $0.hasPrefix(word) })
        }
        if trimmed.hasPrefix(".schema ") {
            let word = String(request.wordBeforeCursor { $0 == " " })
            return result(word, session.dataset.tables.map(\.name).filter { $0.hasPrefix(word) })
        }
        // Inside an open string after `field = "` or `field in ("`: offer that field's values.
        if let (field, partial) = openStringContext(before) {
            let values = session.dataset.tables.compactMap { $0.column(named: field) }.flatMap(\.dictionary)
            let matches = Array(Set(values)).filter { $0.lowercased().hasPrefix(partial.lowercased()) }.sorted()
            return CompletionResult(
                wordLength: partial.unicodeScalars.count + 1,
                candidates: matches.map { CompletionCandidate("\"" + $0 + "\"", appendsSpace: true) })
        }
        let word = String(request.wordBeforeCursor { !($0.isLetter || $0.isNumber || $0 == "_") })
        guard !word.isEmpty else { return .none }
        var names = Set(session.registry.kpiIDs)
        names.formUnion(session.definitions.keys)
        names.formUnion(session.dataset.tables.map(\.name))
        names.formUnion(session.dataset.tables.flatMap(\.columnNames))
        names.formUnion(Self.keywords)
        var candidates = names.filter { $0.hasPrefix(word) }.sorted().map { CompletionCandidate($0) }
        candidates += functions.filter { $0.hasPrefix(word) }.map { CompletionCandidate($0, appendsSpace: false) }
        return CompletionResult(wordLength: word.unicodeScalars.count, candidates: candidates)
    }

    private func result(_ word: String, _ matches: [String]) -> CompletionResult {
        CompletionResult(wordLength: word.unicodeScalars.count, candidates: matches.sorted().map { CompletionCandidate($0) })
    }

    private func paths(_ word: String) -> CompletionResult {
        let expanded = (word as NSString).expandingTildeInPath
        let directory = word.isEmpty ? "." : (word.hasSuffix("/") ? expanded : (expanded as NSString).deletingLastPathComponent)
        let prefix = word.hasSuffix("/") ? "" : (expanded as NSString).lastPathComponent
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        let base = word.hasSuffix("/") ? word : String(word.dropLast(prefix.count))
        var candidates: [CompletionCandidate] = []
        for entry in entries.sorted() where entry.hasPrefix(prefix) && !entry.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
            candidates.append(CompletionCandidate(base + entry + (isDirectory.boolValue ? "/" : ""), appendsSpace: !isDirectory.boolValue))
        }
        return CompletionResult(wordLength: word.unicodeScalars.count, candidates: candidates)
    }

    /// `(field, partial)` when the cursor is inside an unclosed string that follows `field =`,
    /// `field !=` or `field in (`.
    private func openStringContext(_ text: String) -> (String, String)? {
        var quote: Character?
        var quoteStart = text.startIndex
        for index in text.indices {
            let ch = text[index]
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                quoteStart = index
            }
        }
        guard quote != nil else { return nil }
        let partial = String(text[text.index(after: quoteStart)...])
        let head = text[..<quoteStart]
        // Skip back over `(`, `,`, earlier values and the operator to the field name.
        let pattern = #"([A-Za-z_][A-Za-z0-9_]*)\s*(=|!=|<>|in\s*\([^)]*)\s*$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: String(head), range: NSRange(head.startIndex..., in: head)),
            let fieldRange = Range(match.range(at: 1), in: String(head))
        else { return nil }
        return (String(String(head)[fieldRange]), partial)
    }
}
