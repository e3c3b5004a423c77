import CEditShim
import CLibEdit
import KPICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The persistent statement history, in libedit's own file format.
///
/// One entry per complete statement; a multi-line statement is one entry with embedded
/// newlines (libedit's `vis(3)` escaping keeps it on one line in the file). Consecutive
/// duplicates are dropped, the oldest entries fall off beyond ``capacity``, and every
/// ``add(_:)`` rewrites the file atomically (temp file, `fsync`, `rename`), so a crash never
/// leaves a truncated history. The directory is created with mode 0700, the file with 0600.
///
/// Two sessions running at once each write their own view; the last one to save wins.
public struct HistoryStore: Sendable {
    /// Entries kept when no capacity is given.
    public static let defaultCapacity = 2000

    /// The history file.
    public let path: String
    /// The most entries kept; older ones are dropped.
    public let capacity: Int
    /// The statements, oldest first. A recipe command numbers them from 1.
    public private(set) var entries: [String]

    /// Where the history lives: `$KPI_HISTORY` if set, else `$XDG_STATE_HOME/kpikit/history`
    /// (an absolute `XDG_STATE_HOME` only, as the XDG spec demands), else
    /// `$HOME/.local/state/kpikit/history`.
    ///
    /// - Parameter environment: The process environment; injected so tests need not mutate it.
    /// - Throws: `DataError` `history.no-location` when none of the variables is usable.
    public static func defaultPath(environment: [String: String]) throws -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if let explicit = environment["KPI_HISTORY"], !explicit.isEmpty {
            if explicit.hasPrefix("~/"), let home { return home + explicit.dropFirst() }
            return explicit
        }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return join(state, "kpikit/history")
        }
        if let home { return join(home, ".local/state/kpikit/history") }
        throw DataError(
            id: .historyNoLocation,
            message: "cannot place the history file: set KPI_HISTORY, XDG_STATE_HOME or HOME",
            file: "<environment>")
    }

    /// Opens the history at ``defaultPath(environment:)``.
    public static func open(
        environment: [String: String], capacity: Int = defaultCapacity
    ) throws -> HistoryStore {
        try HistoryStore(path: defaultPath(environment: environment), capacity: capacity)
    }

    /// Opens the history file at `path`, creating its directory (0700) if needed and loading
    /// any existing entries. A missing or empty file is an empty history.
    ///
    /// - Throws: `DataError` `history.create-directory-failed`, or `history.unreadable` when the
    ///   file exists but is not a libedit history (its first line must be `_HiStOrY_V2_`). The
    ///   file is left untouched then: the caller should run without persistent history rather
    ///   than overwrite someone's file.
    public init(path: String, capacity: Int = defaultCapacity) throws {
        self.path = path
        self.capacity = max(1, capacity)
        try Self.createParentDirectory(of: path)
        entries = try Self.load(path: path, capacity: self.capacity)
    }

    /// Records a finished statement and saves the file.
    ///
    /// Trailing whitespace is trimmed (completion leaves a space behind). Blank statements,
    /// a repeat of the newest entry, and statements containing a NUL character (libedit
    /// stores C strings) are not recorded.
    ///
    /// - Returns: Whether the statement became a new entry.
    /// - Throws: `DataError` `history.save-failed`; the entry stays in memory regardless.
    @discardableResult
    public mutating func add(_ statement: String) throws -> Bool {
        guard let entry = Self.normalized(statement), entry != entries.last else { return false }
        entries.append(entry)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        try save()
        return true
    }

    /// Writes all entries to ``path`` atomically.
    public func save() throws {
        guard let history = history_init() else {
            throw DataError(id: .historySaveFailed, message: "libedit could not allocate a history", file: path)
        }
        defer { history_end(history) }
        var event = HistEvent()
        _ = shim_history_setsize(history, &event, Int32(clamping: capacity))
        for entry in entries { _ = shim_history_enter(history, &event, entry) }
        let status = shim_history_save_atomic(history, path)
        if status != 0 {
            throw DataError(
                id: .historySaveFailed, message: "cannot save history: \(LineEditingSystem.errorMessage(status))", file: path)
        }
    }

    /// Entries by 1-based number as listed to the user, clamped to what exists
    /// (e.g. `entries(numbered: 3...5)` for a `save recipe NAME 3-5` command).
    public func entries(numbered range: ClosedRange<Int>) -> ArraySlice<String> {
        let lower = max(range.lowerBound, 1) - 1
        let upper = min(range.upperBound, entries.count)
        guard lower < upper else { return [] }
        return entries[lower..<upper]
    }

    /// The entry as stored, or nil when it must not be recorded.
    static func normalized(_ statement: String) -> String? {
        var scalars = Substring(statement).unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        let entry = String(scalars)
        guard !entry.isEmpty, !entry.unicodeScalars.contains("\0") else { return nil }
        return entry
    }

    private static func load(path: String, capacity: Int) throws -> [String] {
        var info = stat()
        guard stat(path, &info) == 0, info.st_size > 0 else { return [] }
        guard let history = history_init() else {
            throw DataError(id: .historyUnreadable, message: "libedit could not allocate a history", file: path)
        }
        defer { history_end(history) }
        var event = HistEvent()
        _ = shim_history_setsize(history, &event, Int32(clamping: capacity))
        guard shim_history_load(history, &event, path) >= 0 else {
            throw DataError(
                id: .historyUnreadable,
                message: "not a libedit history file (expected the first line _HiStOrY_V2_), or unreadable",
                file: path, line: 1)
        }
        var loaded: [String] = []
        var status = shim_history_last(history, &event)
        while status >= 0 {
            if let text = event.str { loaded.append(String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)) }
            status = shim_history_prev(history, &event)
        }
        return loaded
    }

    private static func createParentDirectory(of path: String) throws {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let directory = String(path[..<slash])
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0, errno != EEXIST {
                throw DataError(
                    id: .historyCreateDirectoryFailed,
                    message: "cannot create \(prefix): \(LineEditingSystem.errorMessage(errno))", file: path)
            }
        }
    }

    private static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
