import Foundation
import KPICore
import KPIEngine

/// The read–evaluate–print loop over any ``LineReader``: interactive with prompts, or batch
/// (one result per statement, flushed, stopping at the first error unless told to keep going).
public final class REPL {
    /// The shell that handles statements.
    public let shell: Shell
    private let reader: LineReader
    private let interactive: Bool
    private let keepGoing: Bool
    private let inputLabel: String?
    private let write: (String) -> Void
    private let writeError: (String) -> Void

    /// The prompt, and the prompt while a statement continues.
    public var prompt = "kpi> ", continuationPrompt = " ..> "
    /// Opens an editor on a text and returns the edited text (`.edit`); nil when there is none.
    public var editor: ((String) -> String?)?
    private var lastStatement = ""

    /// Creates a loop.
    /// - Parameters:
    ///   - interactive: show prompts and keep going after errors.
    ///   - keepGoing: in batch mode, continue after an error (exit status still 1).
    ///   - inputLabel: the input's name for error locations (`<stdin>`): errors then give the
    ///     statement's line in the input (`<stdin>:12:5`); `nil` gives each statement's own
    ///     (`formula:1:5`), as at the prompt.
    ///   - write: prints to standard output (a newline is added per call).
    ///   - writeError: prints to standard error: errors, and diagnostics such as a CSV result's notes.
    public init(
        shell: Shell, reader: LineReader, interactive: Bool, keepGoing: Bool = false, inputLabel: String? = nil,
        write: @escaping (String) -> Void, writeError: @escaping (String) -> Void
    ) {
        self.shell = shell
        self.reader = reader
        self.interactive = interactive
        self.keepGoing = keepGoing
        self.inputLabel = inputLabel
        self.write = write
        self.writeError = writeError
    }

    /// Runs until end of input or `.quit`; returns the process exit status.
    ///
    /// - Parameters:
    ///   - isCancelled: polled during evaluation (Ctrl-C); a cancelled statement says so and,
    ///     interactively, the loop goes on with the session as it was (its `let` definitions
    ///     kept); in batch mode it counts as an error. (`kpi` in batch mode installs no handler:
    ///     there Ctrl-C ends the process with status 130, as any command's would.)
    ///   - resetCancellation: called after each statement so a Ctrl-C does not leak into the next.
    public func run(isCancelled: @escaping @Sendable () -> Bool = { false }, resetCancellation: () -> Void = {}) -> Int32 {
        var buffer = StatementBuffer()
        var status: Int32 = 0
        // Lines read so far, and the line the pending statement starts on.
        var lineNumber = 0
        var statementLine = 1
        while true {
            let input = reader.readLine(prompt: buffer.isPending ? continuationPrompt : prompt)
            switch input {
            case .endOfInput:
                if buffer.isPending && !interactive {
                    // An unfinished statement at the end of a script is an error, not silently dropped.
                    writeError(DiagnosticText.line(.replIncomplete, "the input ended inside an unfinished statement (an open bracket or quote)"))
                    return 1
                }
                return status
            case .interrupted:
                buffer.clear()
                continue
            case .line(let line):
                lineNumber += 1
                if !buffer.isPending { statementLine = lineNumber }
                guard let complete = buffer.add(line) else { continue }
                var statement = complete
                var trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty { continue }
                if trimmed == ".edit" {
                    guard let editor, let edited = editor(lastStatement)?.trimmingCharacters(in: .whitespacesAndNewlines),
                        !edited.isEmpty
                    else {
                        writeError(editor == nil ? DiagnosticText.line(.shellNoEditor, ".edit needs an interactive terminal") : "nothing to run")
                        continue
                    }
                    write(edited)
                    statement = edited
                    trimmed = edited
                }
                if !trimmed.hasPrefix(".") { lastStatement = statement }
                if interactive { try? reader.addToHistory(statement) }
                // An edited statement has no line in the input.
                let origin = inputLabel.flatMap { statement == complete ? Shell.Origin(label: $0, line: statementLine) : nil }
                let response = shell.handle(statement, origin: origin, isCancelled: isCancelled)
                resetCancellation()
                if !response.output.isEmpty { write(response.output) }
                // The terminal echoed ^C where the cursor was: the message starts a line of its own.
                if response.cancelled, interactive { writeError("") }
                if let error = response.error { writeError(error) }
                for line in response.diagnostics { writeError(line) }
                if response.error != nil, !interactive {
                    status = 1
                    if !keepGoing { return status }
                }
                if response.quit { return status }
            }
        }
    }
}
