import Foundation
import KPICore
import KPIFormula

/// Reads a recipe's text: header directives (`title`, `description`, `param`), then the body —
/// `section "…"`, `note "…"` and statements, which may span lines like at the prompt (an open
/// bracket or quote, or a trailing `\`). `--` starts a comment. Errors are `DataError`s at
/// file:line:column with ids `recipe.*`.
public enum RecipeParser {
    /// Parses `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String = "recipe") throws(DataError) -> Recipe {
        var reader = Reader(file: file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        for (index, line) in lines.enumerated() {
            try reader.read(line, number: index + 1)
        }
        return try reader.finish(lineCount: lines.count)
    }

    /// Accumulates the recipe line by line.
    private struct Reader {
        let file: String
        var title: String?
        var description = ""
        var parameters: [RecipeParameter] = []
        var items: [Recipe.Item] = []
        var buffer = StatementBuffer()
        var pendingStart: (line: Int, column: Int)?
        var bodyStarted = false

        init(file: String) { self.file = file }

        func error(_ id: DiagnosticID, _ message: String, line: Int, column: Int = 1) -> DataError {
            DataError(id: id, message: message, file: file, line: line, column: column)
        }

        mutating func read(_ line: String, number: Int) throws(DataError) {
            if buffer.isPending {
                if let text = buffer.add(line) { finishStatement(text) }
                return
            }
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("--") { return }
            let keyword = trimmed.prefix { $0.isLetter }.lowercased()
            let rest = String(trimmed.dropFirst(keyword.count))
            let column = indent + keyword.count + 1
            let isDirective = rest.first == " " || rest.first == "\t"
            switch isDirective ? keyword : "" {
            case "title", "description":
                guard !bodyStarted else {
                    throw error(.recipeHeaderOrder, "'\(keyword)' belongs in the header, before the first section or statement", line: number)
                }
                let value = try quoted(rest, line: number, column: column)
                if keyword == "title" {
                    guard title == nil else { throw error(.recipeDuplicate, "the recipe already has a title", line: number) }
                    title = value
                } else {
                    description = description.isEmpty ? value : description + " " + value
                }
            case "param":
                guard !bodyStarted else {
                    throw error(.recipeHeaderOrder, "parameters are declared in the header, before the first section or statement", line: number)
                }
                try parameters.append(parameter(rest, line: number, column: column))
            case "section":
                bodyStarted = true
                items.append(.section(try quoted(rest, line: number, column: column), line: number))
            case "note":
                bodyStarted = true
                items.append(.note(try quoted(rest, line: number, column: column), line: number))
            default:
                bodyStarted = true
                pendingStart = (number, indent + 1)
                if let text = buffer.add(line) { finishStatement(text) }
            }
        }

        mutating func finishStatement(_ text: String) {
            guard let start = pendingStart else { return }
            pendingStart = nil
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let first = lines.first { lines[0] = String(first.drop { $0 == " " || $0 == "\t" }) }
            let joined = lines.joined(separator: "\n")
            items.append(.statement(RecipeStatement(text: Self.trimTrailing(joined), line: start.line, column: start.column)))
        }

        static func trimTrailing(_ text: String) -> String {
            var text = text
            while let last = text.last, last.isWhitespace { text.removeLast() }
            return text
        }

        func finish(lineCount: Int) throws(DataError) -> Recipe {
            if let start = pendingStart {
                throw error(
                    .recipeUnterminated, "this statement never ends: a bracket or quote is still open at the end of the file", line: start.line,
                    column: start.column)
            }
            guard let title else {
                throw error(.recipeNoTitle, "a recipe starts with title \"…\"", line: 1)
            }
            return Recipe(file: file, title: title, description: description, parameters: parameters, items: items)
        }

        /// `"text"` followed by nothing but an optional comment.
        func quoted(_ rest: String, line: Int, column: Int) throws(DataError) -> String {
            let leading = rest.prefix { $0 == " " || $0 == "\t" }.count
            let body = Substring(rest.dropFirst(leading))
            guard let (value, tail) = SourceText.quotedString(body) else {
                throw error(.recipeSyntax, "expected a quoted string, e.g. \"Pipeline review\"", line: line, column: column + leading)
            }
            let after = tail.trimmingCharacters(in: .whitespaces)
            guard SourceText.strippingComment(after).isEmpty else {
                throw error(.recipeSyntax, "unexpected text after the string: '\(after)'", line: line, column: column + rest.count - tail.count)
            }
            return value
        }

        /// ` NAME: TYPE = DEFAULT`.
        func parameter(_ rest: String, line: Int, column: Int) throws(DataError) -> RecipeParameter {
            let text = String(SourceText.strippingComment(rest))
            guard let colon = text.firstIndex(of: ":") else {
                throw error(.recipeParamSyntax, "expected 'param NAME: TYPE = DEFAULT'", line: line, column: column)
            }
            let name = text[..<colon].trimmingCharacters(in: .whitespaces)
            guard RecipeText.isIdentifier(name) else {
                throw error(.recipeParamSyntax, "'\(name)' is not a parameter name (letters, digits and _)", line: line, column: column + 1)
            }
            guard !parameters.contains(where: { $0.name == name }) else {
                throw error(.recipeDuplicateParam, "parameter '\(name)' is declared twice", line: line, column: column + 1)
            }
            let afterColon = text[text.index(after: colon)...]
            guard let equals = afterColon.firstIndex(of: "=") else {
                throw error(.recipeParamSyntax, "parameter '\(name)' needs a default: 'param \(name): TYPE = DEFAULT'", line: line, column: column)
            }
            let typeName = afterColon[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let typeColumn = column + text.distance(from: text.startIndex, to: colon) + 2
            guard let type = RecipeParameterType(rawValue: typeName) else {
                let names = RecipeParameterType.allCases.map(\.rawValue)
                let hint = NameSuggester.suggest(typeName, among: names).map { " (did you mean '\($0)'?)" } ?? ""
                throw error(
                    .recipeParamType, "unknown parameter type '\(typeName)'\(hint); types: \(names.joined(separator: ", "))", line: line,
                    column: typeColumn)
            }
            let defaultValue = afterColon[afterColon.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let defaultColumn = column + text.distance(from: text.startIndex, to: equals) + 2
            guard !defaultValue.isEmpty else {
                throw error(.recipeParamSyntax, "parameter '\(name)' needs a default after '='", line: line, column: defaultColumn)
            }
            let parameter = RecipeParameter(name: name, type: type, defaultValue: defaultValue, line: line)
            do {
                _ = try RecipeValue.bind(parameter, to: defaultValue, registry: nil)
            } catch {
                throw self.error(error.id, error.message, line: line, column: defaultColumn)
            }
            return parameter
        }
    }
}

/// Names in recipes, shared by the parser, the substitution and the saver (strings and comments
/// follow the language's rules, ``SourceText``).
enum RecipeText {
    /// Letters, digits and `_`, not starting with a digit.
    static func isIdentifier(_ text: some StringProtocol) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
