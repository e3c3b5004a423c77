import CEditShim
import CLibEdit
import KPICore
import KPIRepl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Interactive line editing on a terminal, backed by libedit.
///
/// Emacs key bindings by default (a `~/.editrc` may switch to vi with `bind -v`); Up/Down
/// search history for entries starting with the text left of the cursor; Ctrl-R searches
/// incrementally; Tab asks the ``Completer``. Ctrl-C discards the line
/// (``LineInput/interrupted``), Ctrl-D on an empty line ends input.
///
/// Not thread-safe: create, read and destroy it on one thread. Creating it installs the
/// ``InterruptMonitor`` SIGINT handler (libedit re-raises Ctrl-C after restoring the terminal,
/// and without a handler that would kill the process); it stays installed afterwards so the
/// REPL can also cancel evaluations with Ctrl-C.
public final class EditLineReader: LineReader {
    /// Whether standard input and output are both terminals — the condition for interactive
    /// mode. With stdout piped, libedit stops editing and echoes raw escape codes, so batch
    /// mode (``PlainLineReader``) is the right choice then.
    public static var isInteractiveTerminal: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// The persistent history, if one was given; its ``HistoryStore/entries`` include the
    /// statements added during this session.
    public private(set) var historyStore: HistoryStore?

    private let editLine: OpaquePointer
    private let liveHistory: OpaquePointer
    private let completer: Completer?
    private var recall: PrefixHistoryNavigator
    /// The current prompt as a C string; libedit asks for it on every redraw.
    private var promptBuffer: UnsafeMutablePointer<CChar>?

    /// Sets up libedit on the process's standard input and output.
    ///
    /// - Parameters:
    ///   - programName: Selects `programName:`-prefixed lines in `~/.editrc`.
    ///   - history: Loaded history to recall and to append to; nil keeps history in memory only.
    ///   - completer: Called on Tab; nil makes Tab beep.
    /// - Throws: `DataError` `repl.editline-init` when libedit cannot start, or the
    ///   ``InterruptMonitor`` installation error.
    public init(programName: String = "kpi", history: HistoryStore? = nil, completer: Completer? = nil) throws {
        LineEditingSystem.ensureUTF8CharacterType()
        try InterruptMonitor.install()
        _ = shim_unblock_terminal_signals(1)  // Ctrl-Z and resizes must reach libedit's handlers
        guard let editLine = shim_el_init_stdio(programName) else {
            throw DataError(id: .replEditlineInit, message: "libedit could not initialise the terminal", file: "<terminal>")
        }
        guard let liveHistory = history_init() else {
            el_end(editLine)
            throw DataError(id: .replEditlineInit, message: "libedit could not allocate a history", file: "<terminal>")
        }
        self.editLine = editLine
        self.liveHistory = liveHistory
        self.historyStore = history
        self.completer = completer
        self.recall = PrefixHistoryNavigator(
            entries: history?.entries ?? [], capacity: history?.capacity ?? HistoryStore.defaultCapacity)
        configureHistory(capacity: history?.capacity ?? HistoryStore.defaultCapacity, entries: history?.entries ?? [])
        configureEditor()
    }

    deinit {
        el_end(editLine)  // restores the terminal mode
        history_end(liveHistory)
        free(promptBuffer)
    }

    /// Shows `prompt` and reads one edited line.
    ///
    /// ANSI colour sequences in the prompt are fine: they are marked as zero-width for libedit.
    /// A continuation prompt is simply a different `prompt`.
    public func readLine(prompt: String) -> LineInput {
        setPrompt(prompt)
        recall.reset()
        InterruptMonitor.takeInterrupt()  // a Ctrl-C nobody consumed must not cancel this line
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count), count > 0 else {
            if InterruptMonitor.takeInterrupt() {
                shim_el_print(editLine, "^C\n")  // libedit leaves the cursor on the abandoned line
                return .interrupted
            }
            shim_el_print(editLine, "\n")  // end the prompt line so the shell prompt starts cleanly
            return .endOfInput
        }
        var line = String(cString: raw)  // libedit's buffer: copy before the next call
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds a complete statement to the recall list and, if there is one, to the
    /// persistent history (saved atomically right away).
    ///
    /// - Throws: The ``HistoryStore/add(_:)`` error; recall in this session works regardless.
    public func addToHistory(_ statement: String) throws {
        guard let entry = HistoryStore.normalized(statement) else { return }
        var event = HistEvent()
        _ = shim_history_enter(liveHistory, &event, entry)
        recall.record(entry)
        try historyStore?.add(entry)
    }

    // MARK: - Setup

    private func configureHistory(capacity: Int, entries: [String]) {
        var event = HistEvent()
        _ = shim_history_setsize(liveHistory, &event, Int32(clamping: capacity))
        _ = shim_history_setunique(liveHistory, &event, 1)
        for entry in entries { _ = shim_history_enter(liveHistory, &event, entry) }
    }

    private func configureEditor() {
        _ = shim_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = shim_el_set_prompt(
            editLine,
            { editLine in
                guard let editLine, let reader = EditLineReader.reader(of: editLine) else { return nil }
                return reader.promptBuffer
            }, 1)
        _ = shim_el_set_editor(editLine, "emacs")
        _ = shim_el_set_signal(editLine, 1)
        _ = shim_el_set_hist(editLine, liveHistory)
        _ = shim_el_addfn(
            editLine, "kpi-complete", "complete the word before the cursor",
            { editLine, _ in
                guard let editLine, let reader = EditLineReader.reader(of: editLine) else { return UInt8(CC_ERROR) }
                return reader.completeAtCursor()
            })
        _ = shim_el_addfn(
            editLine, "kpi-history-prev", "older history entry starting like the line",
            { editLine, _ in
                guard let editLine, let reader = EditLineReader.reader(of: editLine) else { return UInt8(CC_ERROR) }
                return reader.recallHistory(older: true)
            })
        _ = shim_el_addfn(
            editLine, "kpi-history-next", "newer history entry starting like the line",
            { editLine, _ in
                guard let editLine, let reader = EditLineReader.reader(of: editLine) else { return UInt8(CC_ERROR) }
                return reader.recallHistory(older: false)
            })
        // ~/.editrc first: `bind -v` there resets every key map, which would wipe our bindings.
        _ = el_source(editLine, nil)
        let isVi = shim_el_editor_is_vi(editLine) != 0
        for binding in Self.bindings {
            if binding.isCursorKey && isVi {
                // In vi insert mode an Escape-prefixed binding makes Escape wait for more keys
                // and swallow the next command key; libedit binds cursor keys in command mode.
                _ = shim_el_bind_command_mode(editLine, binding.key, binding.function)
            } else {
                _ = shim_el_bind(editLine, binding.key, binding.function)
            }
        }
    }

    /// Our key bindings, applied after the user's `~/.editrc`.
    static let bindings: [(key: String, function: String, isCursorKey: Bool)] = [
        ("^I", "kpi-complete", false),
        // Prefix search, both cursor-key encodings (normal and application mode).
        ("\u{1B}[A", "kpi-history-prev", true), ("\u{1B}OA", "kpi-history-prev", true),
        ("\u{1B}[B", "kpi-history-next", true), ("\u{1B}OB", "kpi-history-next", true),
        // Emacs mode has this already; vi insert mode would insert a literal ^R. Readline
        // offers reverse search in both, so do we.
        ("^R", "em-inc-search-prev", false),
    ]

    private static func reader(of editLine: OpaquePointer) -> EditLineReader? {
        guard let data = shim_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
    }

    private func setPrompt(_ prompt: String) {
        free(promptBuffer)
        promptBuffer = strdup(LineEditorText.markingInvisible(prompt))
    }

    // MARK: - Completion

    /// Runs on Tab inside `el_gets`; returns a libedit `CC_*` code.
    private func completeAtCursor() -> UInt8 {
        let request = currentRequest()
        let pending = shim_pending_input(0) > 0
        let result = pending ? .none : (completer?(request) ?? .none)
        let edit = CompletionPlanner.edit(
            for: result, textBeforeCursor: request.textBeforeCursor, inputPending: pending)
        switch edit {
        case .insertLiteralTab:
            return el_insertstr(editLine, "\t") == 0 ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
        case .replace(let deleting, let inserting):
            if deleting > 0 { el_deletestr(editLine, Int32(clamping: deleting)) }
            return el_insertstr(editLine, inserting) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_REFRESH_BEEP)
        case .list(let candidates):
            let columns = Int(shim_terminal_columns(1))
            shim_el_print(editLine, "\n" + LineEditorText.columns(candidates, width: columns > 0 ? columns : 80))
            return UInt8(CC_REDISPLAY)
        case .beep:
            return UInt8(CC_REFRESH_BEEP)
        }
    }

    // MARK: - History recall

    /// Runs on Up/Down inside `el_gets`: replaces the line with the next matching entry.
    private func recallHistory(older: Bool) -> UInt8 {
        let request = currentRequest()
        let found =
            older
            ? recall.older(line: request.line, textBeforeCursor: String(request.textBeforeCursor))
            : recall.newer(line: request.line)
        guard let found else { return UInt8(CC_REFRESH_BEEP) }
        // libedit counts wide characters (scalars): go to the end, delete everything, insert.
        let scalarCount = request.line.unicodeScalars.count
        let scalarsBeforeCursor = request.textBeforeCursor.unicodeScalars.count
        _ = el_cursor(editLine, Int32(clamping: scalarCount - scalarsBeforeCursor))
        el_deletestr(editLine, Int32(clamping: scalarCount))
        if !found.isEmpty, el_insertstr(editLine, found) != 0 { return UInt8(CC_REFRESH_BEEP) }
        return UInt8(CC_REDISPLAY)
    }

    private func currentRequest() -> CompletionRequest {
        guard let info = el_line(editLine)?.pointee, let start = info.buffer else {
            return CompletionRequest(line: "", cursorUTF8Offset: 0)
        }
        let length = info.lastchar.map { $0 - start } ?? 0
        let cursor = info.cursor.map { $0 - start } ?? length
        let bytes = UnsafeRawBufferPointer(start: start, count: max(0, length))
        return CompletionRequest(line: String(decoding: bytes, as: UTF8.self), cursorUTF8Offset: cursor)
    }
}
