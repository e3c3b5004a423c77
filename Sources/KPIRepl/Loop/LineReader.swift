/// What one call to ``LineReader/readLine(prompt:)`` produced.
public enum LineInput: Sendable, Hashable {
    /// A line the user entered, without its line terminator.
    ///
    /// A statement recalled from history may itself contain newlines: history keeps a
    /// multi-line statement as one entry, so the caller gets it back as one string.
    case line(String)
    /// Ctrl-C while reading: the partly typed line was discarded. The caller should drop any
    /// pending continuation lines and prompt again.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input stream.
    case endOfInput
}

/// A source of input lines for the REPL: interactive (``EditLineReader``) or batch (``PlainLineReader``).
///
/// The REPL decides what a statement is (it joins continuation lines itself and passes a
/// different prompt while a statement is open); a reader only reads lines and remembers
/// finished statements.
public protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` first when the reader is interactive.
    func readLine(prompt: String) -> LineInput

    /// Records a complete statement (continuation lines joined with `"\n"`) for history recall.
    ///
    /// Readers without history ignore it. Throws when the statement could not be persisted;
    /// the REPL should warn and carry on, since history is a convenience.
    func addToHistory(_ statement: String) throws
}
