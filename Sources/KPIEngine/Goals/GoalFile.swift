import Foundation
import KPICore
import KPIFormula

/// A project's goals file (see ``GoalLocation`` for where it lives, or `--goals FILE`): one
/// `goal …` statement a line, each followed by its id (`-- #3`); blank lines and comments (`#` or
/// `--`) are kept as they are.
///
/// A line that does not parse is reported in ``problems`` (with file:line:column) and kept
/// verbatim, so the other goals still load and saving never drops what the user wrote.
///
/// Goals are known by ids, not positions: `goal remove 3` means the goal shown as `#3` even after
/// other goals were added or removed, here or by another session. A file written before ids
/// (or a line added by hand without one) still loads: such goals get the next free ids in file
/// order, which is the same in every session that reads the file, and keep them from their first
/// save. A removed goal's id is never given again; when the highest one is removed, a
/// `# next goal id: N` line keeps the count.
///
/// Sessions change the file with ``update(_:createFolder:unitOf:lockTimeout:_:)``: under a lock,
/// it re-reads what is on disk, applies one change to that, and replaces the file atomically, so
/// two sessions never lose each other's goals.
public struct GoalFile: Sendable, Hashable {
    /// The conventional file name, looked for beside the data.
    public static let conventionalFileName = "goals.kpi"

    /// One line of the file.
    public enum Line: Sendable, Hashable {
        /// A goal.
        case goal(Goal)
        /// A blank line, a comment, or a line that did not parse, written back unchanged.
        case verbatim(String)
        /// `# next goal id: N`, written with the current ``GoalFile/nextID``.
        case nextID
    }

    /// The lines, in order.
    public private(set) var lines: [Line]
    /// The label used in error locations (the path as given).
    public var file: String
    /// The lines that did not parse when the file was read.
    public private(set) var problems: [DataError]
    /// The id the next goal added gets: one more than any id the file has used.
    public private(set) var nextID: Int

    /// An empty goals file.
    public init(file: String = conventionalFileName) {
        self.lines = []
        self.file = file
        self.problems = []
        self.nextID = 1
    }

    /// Reads goals from text; bad lines become ``problems`` and the rest still load.
    ///
    /// - Parameter unitOf: the unit of a goal's KPI or formula, so that a rate's target written
    ///   as a bare number above 1 is a problem (``GoalStatement/parse(_:file:line:unitOf:)``).
    public init(text: String, file: String, unitOf: (String) -> KPICore.Unit? = { _ in nil }) {
        self.file = file
        var lines: [Line] = []
        var problems: [DataError] = []
        var rawLines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if rawLines.last == "" { rawLines.removeLast() }  // the final newline ends the last line
        var used: Set<Int> = []
        var withoutID: [Int] = []  // line indices of goals that still need an id
        var counted = 0
        for (i, raw) in rawLines.enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if let next = Self.nextIDMarker(trimmed) {
                counted = max(counted, next)
                lines.append(.nextID)
                continue
            }
            if trimmed.isEmpty || trimmed.hasPrefix("#") || SourceText.isCommentOnly(trimmed) {
                lines.append(.verbatim(raw))
                continue
            }
            do {
                var goal = try GoalStatement.parse(raw, file: file, line: i + 1, unitOf: unitOf)
                let (id, remark) = Self.splitID(SourceText.comment(in: raw))
                goal.comment = remark
                // A copied line keeps its id on the first copy only.
                if let id, used.insert(id).inserted {
                    goal.number = id
                } else {
                    goal.number = 0
                    withoutID.append(lines.count)
                }
                lines.append(.goal(goal))
            } catch {
                problems.append(error)
                lines.append(.verbatim(raw))
                // The goal keeps its id while the user fixes the line: no other goal may take it.
                if let id = Self.idOfBadLine(raw) { counted = max(counted, id + 1) }
            }
        }
        self.lines = lines
        self.problems = problems
        self.nextID = max(counted, (used.max() ?? 0) + 1)
        for index in withoutID {
            guard case .goal(var goal) = self.lines[index] else { continue }
            goal.number = nextID
            nextID += 1
            self.lines[index] = .goal(goal)
        }
        placeLines()
    }

    /// Reads goals from text: the goals, and a `DataError` for each line that did not parse.
    public static func parse(_ text: String, file: String) -> (goals: [Goal], problems: [DataError]) {
        let parsed = GoalFile(text: text, file: file)
        return (parsed.goals, parsed.problems)
    }

    /// Reads a goals file; a file that does not exist yet is an empty one.
    ///
    /// Temporary files that a killed save left beside it are removed when no save is in progress
    /// (``AtomicFile/removeStaleTemporaries(of:)``). Reading needs no lock: saves replace the file
    /// by a rename, so a reader sees the old file or the new one.
    ///
    /// - Throws: `goals.unreadable` when the file exists but cannot be read as UTF-8 text.
    public static func load(_ url: URL, unitOf: (String) -> KPICore.Unit? = { _ in nil }) throws(DataError) -> GoalFile {
        let target = replacedFile(url)
        if AtomicFile.hasTemporaries(of: target) {
            FileLock.ifFree(for: target) { AtomicFile.removeStaleTemporaries(of: target) }
        }
        return try read(url, unitOf: unitOf)
    }

    private static func read(_ url: URL, unitOf: (String) -> KPICore.Unit?) throws(DataError) -> GoalFile {
        guard FileManager.default.fileExists(atPath: url.path) else { return GoalFile(file: url.path) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(id: .goalsUnreadable, message: "cannot read the goals file: \(error.localizedDescription)", file: url.path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(id: .goalsUnreadable, message: "the goals file is not UTF-8 text", file: url.path)
        }
        return GoalFile(text: text, file: url.path, unitOf: unitOf)
    }

    /// Changes the goals file at `url` without losing anyone else's change: under the file's
    /// lock (``FileLock``), reads the file as it is on disk now, lets `change` edit that, and
    /// replaces the file atomically when the text changed. Temporary files of killed saves are
    /// removed on the way.
    ///
    /// - Parameters:
    ///   - createFolder: whether a missing folder may be created (kpikit's data home; never a
    ///     folder the user named, where a missing folder is more likely a typo).
    ///   - lockTimeout: how long to wait for another session's save, in seconds.
    ///   - change: edits the file as read from disk; what it throws is rethrown and nothing is written.
    /// - Returns: the file as saved, and what `change` returned.
    /// - Throws: `goals.write-failed`, `goals.locked`, `goals.unreadable`, or `change`'s error.
    public static func update<T>(
        _ url: URL, createFolder: Bool = false, unitOf: (String) -> KPICore.Unit? = { _ in nil },
        lockTimeout: TimeInterval = FileLock.defaultTimeout, _ change: (inout GoalFile) throws(DataError) -> T
    ) throws(DataError) -> (file: GoalFile, result: T) {
        if createFolder { try makeFolder(of: url) }
        let target = replacedFile(url)
        return try FileLock.withExclusiveLock(for: target, timeout: lockTimeout) { () throws(DataError) -> (file: GoalFile, result: T) in
            AtomicFile.removeStaleTemporaries(of: target)
            var file = try read(url, unitOf: unitOf)
            let before = file.serialized()
            let result = try change(&file)
            if file.serialized() != before || !FileManager.default.fileExists(atPath: target.path) {
                try AtomicFile.write(Data(file.serialized().utf8), to: target)
            }
            return (file, result)
        }
    }

    /// The file a save of `url` replaces: `url` with symbolic links resolved. A goals file kept
    /// elsewhere (a dotfiles repository) and linked in stays linked, where renaming over the link
    /// would cut it off; and sessions naming the link and the file share one lock.
    static func replacedFile(_ url: URL) -> URL { url.standardizedFileURL.resolvingSymlinksInPath() }

    private static func makeFolder(of url: URL) throws(DataError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw DataError(id: .goalsWriteFailed, message: "cannot create the goals folder: \(error.localizedDescription)", file: url.path)
        }
    }

    /// The goals-file location beside data at `dataPath`: `goals.kpi` in the folder, or beside
    /// the file. Used only when such a file already exists; see ``GoalLocation``.
    public static func conventionalURL(forData dataPath: String) -> URL {
        let url = URL(fileURLWithPath: dataPath)
        var isDirectory: ObjCBool = false
        let folder =
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? url : url.deletingLastPathComponent()
        return folder.appendingPathComponent(conventionalFileName)
    }

    /// The goals, in file order.
    public var goals: [Goal] {
        lines.compactMap { if case .goal(let goal) = $0 { return goal } else { return nil } }
    }

    /// The goal with id `number`.
    public func goal(_ number: Int) -> Goal? { goals.first { $0.number == number } }

    /// The file's text: each goal as its statement and id, other lines as they were.
    public func serialized() -> String {
        lines.map { line in
            switch line {
            case .goal(let goal): return goal.statement + " -- #\(goal.number)" + (goal.comment.map { " " + $0 } ?? "")
            case .verbatim(let text): return text
            case .nextID: return "# next goal id: \(nextID)"
            }
        }.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    /// Replaces the file at `url` with this one, atomically and under the file's lock: a crash or
    /// a full disk leaves the previous file or the new one, never a truncated mix (see
    /// ``AtomicFile``). This writes over whatever is on disk; sessions use
    /// ``update(_:createFolder:unitOf:lockTimeout:_:)`` to change one goal instead.
    public func save(to url: URL) throws(DataError) {
        let target = Self.replacedFile(url)
        try FileLock.withExclusiveLock(for: target) { () throws(DataError) in
            AtomicFile.removeStaleTemporaries(of: target)
            try AtomicFile.write(Data(serialized().utf8), to: target)
        }
    }

    // MARK: - Editing

    /// Appends a goal with the next id and returns it with its id.
    @discardableResult
    public mutating func add(_ goal: Goal) -> Goal {
        var goal = goal
        goal.number = nextID
        nextID += 1
        lines.append(.goal(goal))
        placeLines()
        return goals[goals.count - 1]
    }

    /// Replaces goal `number`, keeping its id, its place in the file and its remark (unless the
    /// new goal has one); returns the new goal.
    @discardableResult
    public mutating func replace(_ number: Int, with goal: Goal) throws(DataError) -> Goal {
        let index = try lineIndex(of: number)
        guard case .goal(let old) = lines[index] else { preconditionFailure("lineIndex(of:) finds goals") }
        var goal = goal
        goal.number = number
        goal.comment = goal.comment ?? old.comment
        lines[index] = .goal(goal)
        placeLines()
        return self.goal(number)!
    }

    /// Removes goal `number`; the other goals keep their ids.
    @discardableResult
    public mutating func remove(_ number: Int) throws(DataError) -> Goal {
        let index = try lineIndex(of: number)
        guard case .goal(let removed) = lines[index] else { preconditionFailure("lineIndex(of:) finds goals") }
        lines.remove(at: index)
        // Without the marker, the next reader would count from the highest id left and give
        // this one again.
        if nextID > (goals.map(\.number).max() ?? 0) + 1, !lines.contains(.nextID) { lines.insert(.nextID, at: 0) }
        placeLines()
        return removed
    }

    /// Applies a session's change to this file, the one on disk now, checking it against `seen`,
    /// the file as the session last read it: changing or removing a goal that another session
    /// has changed or removed since is an error (`goals.conflict`), never a silent overwrite.
    ///
    /// - Returns: the goal added or replaced, or the goal removed.
    /// - Throws: `goals.conflict`; `goals.no-such-goal` for an id this file never had.
    @discardableResult
    public mutating func apply(_ edit: GoalEdit, seen: GoalFile? = nil) throws(DataError) -> Goal {
        switch edit {
        case .add(let goal):
            return add(goal)
        case .replace(let number, let goal):
            try checkUnchanged(number, since: seen)
            return try replace(number, with: goal)
        case .remove(let number):
            try checkUnchanged(number, since: seen)
            return try remove(number)
        }
    }

    private func checkUnchanged(_ number: Int, since seen: GoalFile?) throws(DataError) {
        guard let known = seen?.goal(number) else { return }
        guard let current = goal(number) else {
            throw DataError(
                id: .goalsConflict,
                message:
                    "goal #\(number) was removed by another session since this one read the goals (it was: \(known.statement)); `goals` shows them now",
                file: file)
        }
        guard current.statement == known.statement else {
            throw DataError(
                id: .goalsConflict,
                message:
                    "goal #\(number) was changed by another session since this one read the goals: it is now \(current.statement); `goals` shows them now, then try again",
                file: file)
        }
    }

    private func lineIndex(of number: Int) throws(DataError) -> Int {
        if let index = lines.firstIndex(where: { if case .goal(let goal) = $0 { goal.number == number } else { false } }) {
            return index
        }
        let ids = goals.map { "#\($0.number)" }
        let known =
            ids.isEmpty
            ? "there are no goals"
            : "the goals are " + (ids.count > 12 ? ids.prefix(12).joined(separator: ", ") + ", …" : ids.joined(separator: ", "))
        throw DataError(id: .goalsNoSuchGoal, message: "there is no goal #\(number) (\(known); `goals` lists them)", file: file)
    }

    /// Gives goals the line they will be written on.
    private mutating func placeLines() {
        for i in lines.indices {
            guard case .goal(var goal) = lines[i] else { continue }
            goal.line = i + 1
            lines[i] = .goal(goal)
        }
    }

    /// The largest id a file may give: a hand-written `-- #9223372036854775807` would otherwise
    /// make the next id overflow. Larger numbers read as a remark (or an ordinary comment).
    static let maxID = 999_999_999

    /// `N` from a `# next goal id: N` line.
    private static func nextIDMarker(_ trimmed: String) -> Int? {
        guard trimmed.hasPrefix("#") else { return nil }
        let words = trimmed.dropFirst().lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" })
        guard words.count == 4, words[0...2] == ["next", "goal", "id"], let next = Int(words[3]), next > 0, next <= maxID + 1 else { return nil }
        return next
    }

    /// The id of a goal line that does not parse, when it ends in one (`… -- #3 remark`). The
    /// comment is found by the language's rules without the lexer, which may be what fails on
    /// the line; a string left open takes the rest of the line, so then the last `-- #N` counts.
    private static func idOfBadLine(_ raw: String) -> Int? {
        guard SourceText.leavesQuoteOpen(raw) else { return splitID(SourceText.comment(in: raw)).id }
        var rest = Substring(raw)
        var found: Int?
        while let dashes = rest.range(of: "--") {
            rest = rest[dashes.upperBound...]
            if let id = splitID(rest.trimmingCharacters(in: .whitespaces)).id { found = id }
        }
        return found
    }

    /// The id (`#3`) at the start of a goal line's comment, and the remark after it.
    static func splitID(_ comment: String?) -> (id: Int?, remark: String?) {
        guard let comment else { return (nil, nil) }
        guard comment.hasPrefix("#") else { return (nil, comment) }
        let digits = comment.dropFirst().prefix { $0.isASCII && $0.isNumber }
        let rest = comment.dropFirst(1 + digits.count)
        guard let id = Int(digits), id > 0, id <= maxID, rest.isEmpty || rest.first == " " || rest.first == "\t" else { return (nil, comment) }
        let remark = rest.trimmingCharacters(in: .whitespaces)
        return (id, remark.isEmpty ? nil : remark)
    }
}

/// One change a session makes to its goals file (``GoalFile/apply(_:seen:)``).
public enum GoalEdit: Sendable, Hashable {
    /// `goal …`: a new goal, which gets the next id.
    case add(Goal)
    /// `goal edit N …`: goal `N` becomes this one, keeping its id.
    case replace(Int, with: Goal)
    /// `goal remove N`.
    case remove(Int)
}
