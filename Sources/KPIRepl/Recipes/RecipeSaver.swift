import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// `.save recipe NAME [RANGE] [PARAM=LITERAL]… [replace]`: the session's statements (or a range
/// of them, IPython-style: `3`, `2-5`, `1-2 4`) saved as a recipe, with chosen literals turned
/// into parameters whose default is the literal.
///
/// `rep="Maya Patel"` replaces the string `"Maya Patel"` with `$rep` (type text);
/// `period=2024-Q3` replaces that period (type period); numbers, dates, KPI ids and field names
/// get their types likewise. Each literal must occur in the saved statements. The file is written
/// atomically, and an existing recipe is only replaced when the command says `replace`.
public struct RecipeSaver: Sendable {
    /// Where recipes are saved.
    public var directory: URL

    /// Creates a saver writing into `directory` (usually the project's `Recipes/`).
    public init(directory: URL) { self.directory = directory }

    /// A parsed `.save recipe` command.
    public struct Command: Sendable, Hashable {
        /// The recipe's name (the file is `NAME.recipe`).
        public var name: String
        /// 1-based statement numbers to save; nil for all.
        public var selection: [Int]?
        /// (parameter name, literal as written), in order.
        public var parameters: [Parameter]
        /// Whether an existing file may be replaced.
        public var replace: Bool

        /// A literal to turn into a parameter.
        public struct Parameter: Sendable, Hashable {
            /// The parameter's name.
            public var name: String
            /// The literal as it appears in the statements (`"Maya Patel"`, `2024-Q3`).
            public var literal: String
        }
    }

    /// Parses the words after `.save recipe`.
    public static func parse(_ arguments: String) throws(DataError) -> Command {
        func fail(_ message: String) -> DataError {
            DataError(id: .recipeSaveSyntax, message: message + "; usage: .save recipe NAME [RANGE] [PARAM=LITERAL]… [replace]", file: "shell")
        }
        // Words are split at spaces outside quotes, which stay in the literal (`rep="Ana Ruiz"`).
        var words = SourceText.split(arguments, at: " ").filter { !$0.isEmpty }.map(String.init)
        guard !words.isEmpty else { throw fail("name the recipe") }
        let name = words.removeFirst()
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw fail("'\(name)' is not a recipe name (letters, digits, - and _)")
        }
        var command = Command(name: name, selection: nil, parameters: [], replace: false)
        for word in words {
            if word.lowercased() == "replace" {
                command.replace = true
            } else if let equals = word.firstIndex(of: "=") {
                let parameter = String(word[..<equals]), literal = String(word[word.index(after: equals)...])
                guard RecipeText.isIdentifier(parameter), !literal.isEmpty else { throw fail("'\(word)' is not PARAM=LITERAL") }
                command.parameters.append(.init(name: parameter, literal: literal))
            } else if let numbers = range(word) {
                // Each number becomes an element: a range like 1-999999999999 would exhaust memory
                // before the check that the statements exist.
                guard numbers.count <= maximumSelection else { throw fail("'\(word)' selects more than \(maximumSelection) statements") }
                command.selection = (command.selection ?? []) + numbers
            } else {
                throw fail("'\(word)' is neither a range (3, 2-5) nor PARAM=LITERAL")
            }
        }
        return command
    }

    /// The most statements one range may select.
    static let maximumSelection = 100_000

    /// The statement numbers `word` selects (`3`, `2-5`); a range longer than
    /// ``maximumSelection`` is returned lazily so its length can be refused.
    static func range(_ word: String) -> ClosedRange<Int>? {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts[parts.count - 1]), first >= 1, first <= last
        else { return nil }
        return first...last
    }

    /// The recipe text for `statements` (numbered from 1) under `command`.
    public func text(for command: Command, statements: [String], registry: KPIRegistry) throws(DataError) -> String {
        let chosen: [String]
        if let selection = command.selection {
            if let bad = selection.first(where: { $0 > statements.count }) {
                throw DataError(id: .recipeSaveRange, message: "there is no statement \(bad): the session has \(statements.count)", file: "shell")
            }
            chosen = selection.map { statements[$0 - 1] }
        } else {
            chosen = statements
        }
        return try render(command, chosen, registry: registry)
    }

    private func render(_ command: Command, _ statements: [String], registry: KPIRegistry) throws(DataError) -> String {
        guard !statements.isEmpty else {
            throw DataError(id: .recipeSaveEmpty, message: "no statements to save yet", file: "shell")
        }
        var body = statements
        var header = [
            "title \"\(command.name.replacingOccurrences(of: "-", with: " ").capitalized)\"",
            "description \"Saved from a kpi session.\"",
        ]
        for parameter in command.parameters {
            let type = Self.type(of: parameter.literal, registry: registry)
            var found = false
            body = body.map { statement in
                let (replaced, count) = Self.replacing(parameter.literal, with: "$" + parameter.name, in: statement)
                found = found || count > 0
                return replaced
            }
            guard found else {
                throw DataError(id: .recipeSaveLiteral, message: "'\(parameter.literal)' does not occur in the saved statements", file: "shell")
            }
            header.append("param \(parameter.name): \(type.rawValue) = \(parameter.literal)")
        }
        let text =
            header.joined(separator: "\n") + "\n\n" + body.map { $0.replacingOccurrences(of: "\n", with: " \\\n") }.joined(separator: "\n") + "\n"
        // What is saved must read back: the round trip is checked before anything is written.
        _ = try RecipeParser.parse(text, file: command.name + ".recipe")
        return text
    }

    /// The narrowest type that accepts the literal.
    static func type(of literal: String, registry: KPIRegistry) -> RecipeParameterType {
        if literal.hasPrefix("\"") { return .text }
        for type in [RecipeParameterType.number, .date, .kpi, .period, .field] {
            let probe = RecipeParameter(name: "p", type: type, defaultValue: literal, line: 0)
            if (try? RecipeValue.bind(probe, to: literal, registry: registry)) != nil { return type }
        }
        return .text
    }

    /// Replaces whole-token occurrences of `literal` (not inside a longer name or number).
    static func replacing(_ literal: String, with replacement: String, in text: String) -> (String, Int) {
        var out = ""
        var count = 0
        var rest = Substring(text)
        func isTokenChar(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." } ?? false }
        while let found = rest.range(of: literal) {
            let before = found.lowerBound > rest.startIndex ? rest[rest.index(before: found.lowerBound)] : out.last
            let after = found.upperBound < rest.endIndex ? rest[found.upperBound] : nil
            let quoted = literal.hasPrefix("\"")
            if quoted || (!isTokenChar(before) && !isTokenChar(after)) {
                out += rest[..<found.lowerBound] + replacement
                count += 1
            } else {
                out += rest[..<found.upperBound]
            }
            rest = rest[found.upperBound...]
        }
        return (out + rest, count)
    }

    /// Writes the recipe atomically; refuses to replace an existing one unless asked.
    /// - Returns: the file written.
    public func save(_ command: Command, statements: [String], registry: KPIRegistry) throws(DataError) -> URL {
        let text = try text(for: command, statements: statements, registry: registry)
        let url = directory.appendingPathComponent(command.name + "." + RecipeLibrary.fileExtension)
        if FileManager.default.fileExists(atPath: url.path), !command.replace {
            throw DataError(
                id: .recipeExists, message: "a recipe '\(command.name)' already exists; add 'replace' to overwrite it", file: url.path)
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DataError(id: .recipeWriteFailed, message: "\(error.localizedDescription)", file: directory.path)
        }
        try AtomicFile.write(Data(text.utf8), to: url)
        return url
    }

    /// `.save recipe …` at the prompt, given the session's statements so far.
    public func handle(_ arguments: String, statements: [String], registry: KPIRegistry) -> Shell.Response {
        do {
            let command = try Self.parse(arguments)
            let existed = FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(command.name + "." + RecipeLibrary.fileExtension).path)
            let url = try save(command, statements: statements, registry: registry)
            return Shell.Response(output: (existed ? "replaced " : "saved ") + url.path)
        } catch {
            return Shell.Response(error: error.description, errorCategory: error.category)
        }
    }
}
