/// The line being edited when the user pressed Tab.
public struct CompletionRequest: Sendable, Hashable {
    /// The whole line (only the current line of a multi-line statement).
    public let line: String
    /// The cursor position as a UTF-8 byte offset into ``line``.
    public let cursorUTF8Offset: Int

    /// Creates a request; an offset outside the line is clamped to it.
    public init(line: String, cursorUTF8Offset: Int) {
        self.line = line
        self.cursorUTF8Offset = max(0, min(cursorUTF8Offset, line.utf8.count))
    }

    /// The text left of the cursor — what completion usually looks at.
    ///
    /// An offset inside a multi-byte character (libedit never produces one) rounds down.
    public var textBeforeCursor: Substring {
        var index = line.utf8.index(line.utf8.startIndex, offsetBy: cursorUTF8Offset)
        while index.samePosition(in: line.unicodeScalars) == nil { index = line.utf8.index(before: index) }
        return line[..<index]
    }

    /// The characters before the cursor back to (not including) the last character for which
    /// `isDelimiter` holds — a typical "current word" for a completer to match.
    public func wordBeforeCursor(isDelimiter: (Character) -> Bool) -> Substring {
        let before = textBeforeCursor
        guard let last = before.lastIndex(where: isDelimiter) else { return before }
        return before[before.index(after: last)...]
    }
}

/// One way to complete the current word.
public struct CompletionCandidate: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The full text that replaces the current word.
    public var text: String
    /// Whether a space follows when this is the only candidate — false for things that are
    /// typically continued, such as a directory (`data/`) or a function name with its `(`.
    public var appendsSpace: Bool

    /// Creates a candidate.
    public init(_ text: String, appendsSpace: Bool = true) {
        self.text = text
        self.appendsSpace = appendsSpace
    }

    /// A candidate followed by a space when unique.
    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// A completer's answer: which text before the cursor is being completed, and its candidates.
public struct CompletionResult: Sendable, Hashable {
    /// How many characters immediately before the cursor the candidates replace (the word).
    public var wordLength: Int
    /// The candidates, in the order they should be listed.
    public var candidates: [CompletionCandidate]

    /// Creates a result.
    public init(wordLength: Int, candidates: [CompletionCandidate]) {
        self.wordLength = max(0, wordLength)
        self.candidates = candidates
    }

    /// Nothing to offer.
    public static let none = CompletionResult(wordLength: 0, candidates: [])
}

/// Produces completions for the line being edited. Called on the thread that reads input,
/// synchronously while the user waits, so it must be quick.
///
/// Deliberately not `@Sendable`: a completer typically reads the REPL session's current names
/// (KPIs, fields, sources), and the reader only ever calls it from the reading thread.
public typealias Completer = (CompletionRequest) -> CompletionResult

/// The edit a Tab key press performs, decided without touching the terminal.
public enum CompletionEdit: Sendable, Hashable {
    /// Input is still arriving (a paste): the Tab is text, not a request.
    case insertLiteralTab
    /// Delete `deleting` Unicode scalars before the cursor (libedit counts wide characters),
    /// then insert `inserting`.
    case replace(deleting: Int, inserting: String)
    /// Several candidates share nothing more: show them and redraw the line.
    case list([String])
    /// Nothing to complete, or nothing left to add.
    case beep
}

/// The readline-style completion rules, as a pure function.
public enum CompletionPlanner {
    /// Decides what Tab does.
    ///
    /// - One candidate: the word becomes it, plus a space if the candidate wants one.
    /// - Several with a common prefix longer than the word: the word is extended to it.
    /// - Several otherwise: they are listed (a second Tab after an extension lands here).
    /// - None, or no change possible: beep.
    /// - Parameters:
    ///   - result: The completer's answer.
    ///   - textBeforeCursor: The text left of the cursor; its last `result.wordLength`
    ///     characters are the word being completed.
    ///   - inputPending: Whether more input is already waiting (a paste in progress).
    public static func edit(
        for result: CompletionResult, textBeforeCursor: Substring, inputPending: Bool
    ) -> CompletionEdit {
        if inputPending { return .insertLiteralTab }
        let word = textBeforeCursor.suffix(result.wordLength)
        var seen = Set<String>()
        let candidates = result.candidates.filter { seen.insert($0.text).inserted }
        guard let first = candidates.first else { return .beep }

        if candidates.count == 1 {
            return transform(word, into: first.text + (first.appendsSpace ? " " : ""))
        }
        let shared = commonPrefix(candidates.map(\.text))
        if shared.count > word.count, case .replace(let deleting, let inserting) = transform(word, into: shared) {
            return .replace(deleting: deleting, inserting: inserting)
        }
        return .list(candidates.map(\.text))
    }

    /// The minimal edit turning `word` into `target`: append when `word` is a prefix
    /// (compared by scalars, so nothing is normalised behind the user's back), else replace.
    static func transform(_ word: Substring, into target: String) -> CompletionEdit {
        let wordScalars = Array(word.unicodeScalars)
        let targetScalars = Array(target.unicodeScalars)
        if targetScalars.starts(with: wordScalars) {
            let rest = targetScalars.dropFirst(wordScalars.count)
            if rest.isEmpty { return .beep }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: rest)
            return .replace(deleting: 0, inserting: String(text))
        }
        return .replace(deleting: wordScalars.count, inserting: target)
    }

    /// The longest common prefix, by whole characters.
    static func commonPrefix(_ texts: [String]) -> String {
        guard var prefix = texts.first.map(Array.init) else { return "" }
        for text in texts.dropFirst() {
            let chars = Array(text)
            var length = 0
            while length < min(prefix.count, chars.count), prefix[length] == chars[length] { length += 1 }
            prefix.removeSubrange(length...)
        }
        return String(prefix)
    }
}
