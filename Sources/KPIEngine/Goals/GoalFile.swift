import Foundation
import KPICore

/// A project's goals file (`goals.kpi` beside the data, or `--goals FILE`): one `goal …`
/// statement a line; blank lines and comments (`#` or `--`) are kept as they are.
///
/// A line that does not parse is reported in ``problems`` (with file:line:column) and kept
/// verbatim, so the other goals still load and saving never drops what the user wrote. Goals are
/// numbered by their order in the file, from 1; removing goal 2 renumbers the ones after it.
public struct GoalFile: Sendable, Hashable {
    /// The conventional file name, looked for beside the data.
    public static let conventionalFileName = "goals.kpi"

    /// One line of the file.
    public enum Line: Sendable, Hashable {
        /// A goal.
        case goal(Goal)
        /// A blank line, a comment, or a line that did not parse, written back unchanged.
        case verbatim(String)
    }

    /// The lines, in order.
    public private(set) var lines: [Line]
    /// The label used in error locations (the path as given).
    public var file: String
    /// The lines that did not parse when the file was read.
    public private(set) var problems: [DataError]

    /// An empty goals file.
    public init(file: String = conventionalFileName) {
        self.lines = []
        self.file = file
        self.problems = []
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
        for (i, raw) in rawLines.enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("--") {
                lines.append(.verbatim(raw))
                continue
            }
            do {
                lines.append(.goal(try GoalStatement.parse(raw, file: file, line: i + 1, unitOf: unitOf)))
            } catch {
                problems.append(error)
                lines.append(.verbatim(raw))
            }
        }
        self.lines = lines
        self.problems = problems
        renumber()
    }

    /// Reads goals from text: the goals, and a `DataError` for each line that did not parse.
    public static func parse(_ text: String, file: String) -> (goals: [Goal], problems: [DataError]) {
        let parsed = GoalFile(text: text, file: file)
        return (parsed.goals, parsed.problems)
    }

    /// Reads a goals file; a file that does not exist yet is an empty one.
    /// - Throws: `goals.unreadable` when the file exists but cannot be read as UTF-8 text.
    public static func load(_ url: URL, unitOf: (String) -> KPICore.Unit? = { _ in nil }) throws(DataError) -> GoalFile {
        guard FileManager.default.fileExists(atPath: url.path) else { return GoalFile(file: url.path) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(id: "goals.unreadable", message: "cannot read the goals file: \(error.localizedDescription)", file: url.path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(id: "goals.unreadable", message: "the goals file is not UTF-8 text", file: url.path)
        }
        return GoalFile(text: text, file: url.path, unitOf: unitOf)
    }

    /// The goals-file location for data at `dataPath`: `goals.kpi` in the folder, or beside the file.
    public static func conventionalURL(forData dataPath: String) -> URL {
        let url = URL(fileURLWithPath: dataPath)
        var isDirectory: ObjCBool = false
        let folder = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? url : url.deletingLastPathComponent()
        return folder.appendingPathComponent(conventionalFileName)
    }

    /// The goals, numbered from 1 in file order.
    public var goals: [Goal] {
        lines.compactMap { if case .goal(let goal) = $0 { return goal } else { return nil } }
    }

    /// The goal numbered `number`.
    public func goal(_ number: Int) -> Goal? { goals.first { $0.number == number } }

    /// The file's text: each goal as its statement, other lines as they were.
    public func serialized() -> String {
        lines.map { line in
            switch line {
            case .goal(let goal): return goal.statement
            case .verbatim(let text): return text
            }
        }.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    /// Writes the file atomically: a crash or a full disk leaves the previous file or the new
    /// one, never a truncated mix (see ``AtomicFile``).
    public func save(to url: URL) throws(DataError) {
        try AtomicFile.write(Data(serialized().utf8), to: url)
    }

    // MARK: - Editing

    /// Appends a goal and returns it with its number.
    @discardableResult
    public mutating func add(_ goal: Goal) -> Goal {
        lines.append(.goal(goal))
        renumber()
        return goals[goals.count - 1]
    }

    /// Replaces goal `number`, keeping its place in the file; returns the new goal with its number.
    @discardableResult
    public mutating func replace(_ number: Int, with goal: Goal) throws(DataError) -> Goal {
        let index = try lineIndex(of: number)
        lines[index] = .goal(goal)
        renumber()
        return goals[number - 1]
    }

    /// Removes goal `number`; the goals after it move up one number.
    @discardableResult
    public mutating func remove(_ number: Int) throws(DataError) -> Goal {
        let index = try lineIndex(of: number)
        let removed = goals[number - 1]
        lines.remove(at: index)
        renumber()
        return removed
    }

    private func lineIndex(of number: Int) throws(DataError) -> Int {
        var seen = 0
        for (i, line) in lines.enumerated() {
            guard case .goal = line else { continue }
            seen += 1
            if seen == number { return i }
        }
        throw DataError(
            id: "goals.no-such-goal", message: "there is no goal \(number) (goals are numbered 1…\(seen))", file: file)
    }

    /// Gives goals their position and line, as they will be written.
    private mutating func renumber() {
        var number = 0
        for i in lines.indices {
            guard case .goal(var goal) = lines[i] else { continue }
            number += 1
            goal.number = number
            goal.line = i + 1
            lines[i] = .goal(goal)
        }
    }
}
