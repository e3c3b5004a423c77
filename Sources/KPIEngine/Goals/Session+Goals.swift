import Foundation
import KPICore
import KPIFormula

/// What a `goal` statement did.
public struct GoalChange: Sendable {
    /// What happened.
    public enum Action: String, Sendable {
        case added, replaced, removed
    }

    /// Added, replaced or removed.
    public var action: Action
    /// The goal concerned (as it is now, or as it was when removed).
    public var goal: Goal
    /// SMART warnings about the goal (none for a removal).
    public var warnings: [String]
    /// Where goals were saved; nil when they live in memory only.
    public var savedTo: URL?
}

/// `goals`: every goal's status, team roll-ups, and lines of the goals file that could not be read.
public struct GoalReport: Sendable {
    /// One status per goal, in file order.
    public var statuses: [GoalStatus]
    /// Roll-ups of goals that differ only in scope (one per KPI, target direction and period).
    public var rollUps: [GoalStatus]
    /// Lines of the goals file that were skipped, with file:line.
    public var problems: [DataError]
    /// Whether to show the rule that decided each status (`goals why`).
    public var showsRules: Bool
    /// The goals file the goals were read from and are saved to; nil when they live in memory
    /// only. Shown with the report because the default place is not beside the data, so users
    /// would otherwise not know where to look.
    public var file: URL? = nil
}

extension Session {
    /// Uses a goals file: loads it (a missing file is an empty one) and saves there from now on.
    ///
    /// - Returns: lines that could not be read, with file:line (the other goals load).
    @discardableResult
    public func useGoals(_ url: URL) throws(SessionError) -> [DataError] {
        try useGoals(GoalLocation(url: url, kind: .explicit))
    }

    /// Uses the goals file at `location`, which may create its folder on the first save when it
    /// is kpikit's own (``GoalLocation/createsFolder``).
    ///
    /// - Returns: lines that could not be read, with file:line (the other goals load).
    @discardableResult
    public func useGoals(_ location: GoalLocation) throws(SessionError) -> [DataError] {
        do {
            goalFile = try GoalFile.load(location.url, unitOf: goalUnits())
        } catch {
            throw SessionError(.data(error))
        }
        goalsURL = location.url
        createsGoalsFolder = location.createsFolder
        return goalFile.problems
    }

    /// The unit of a goal's KPI id or formula, from its plan (nothing is evaluated); `nil` when
    /// it does not bind (yet): the goal's own check reports that.
    public func goalUnit(of formula: String) -> KPICore.Unit? {
        if let kpi = registry.kpi(formula) { return kpi.unit }
        guard let query = try? Parser.parseQuery(formula) else { return nil }
        return try? plan(query, source: formula).unit
    }

    /// ``goalUnit(of:)`` planning each KPI once, for reading a whole goals file (many goals
    /// share a KPI, and a save re-reads the file).
    private func goalUnits() -> (String) -> KPICore.Unit? {
        var known: [String: KPICore.Unit?] = [:]
        return { formula in
            if let unit = known[formula] { return unit }
            let unit = self.goalUnit(of: formula)
            known[formula] = unit
            return unit
        }
    }

    /// Reads the goals file again, to show what other sessions have saved since.
    func refreshGoals() throws(SessionError) {
        guard let goalsURL else { return }
        do {
            goalFile = try GoalFile.load(goalsURL, unitOf: goalUnits())
        } catch {
            throw SessionError(.data(error))
        }
    }

    /// Applies the edit of `goal STATEMENT`, `goal remove N` or `goal edit N STATEMENT`.
    ///
    /// With a goals file, the change is applied to the file as it is on disk now, under its lock,
    /// so goals other sessions saved meanwhile are kept; the session then holds the file as saved.
    func changeGoals(_ edit: GoalEdit) throws(SessionError) -> GoalChange {
        let goal: Goal
        if let goalsURL {
            let seen = goalFile
            var onDisk: GoalFile?
            do {
                let saved = try GoalFile.update(goalsURL, createFolder: createsGoalsFolder, unitOf: goalUnits()) {
                    (file: inout GoalFile) throws(DataError) -> Goal in
                    onDisk = file
                    return try file.apply(edit, seen: seen)
                }
                goalFile = saved.file
                goal = saved.result
            } catch {
                // A conflict: show the goals as they are now, so `goals` and the next try see them.
                if let onDisk { goalFile = onDisk }
                throw SessionError(.data(error))
            }
        } else {
            do {
                goal = try goalFile.apply(edit)
            } catch {
                throw SessionError(.data(error))
            }
        }
        var change: GoalChange
        switch edit {
        case .add: change = GoalChange(action: .added, goal: goal, warnings: [], savedTo: goalsURL)
        case .replace: change = GoalChange(action: .replaced, goal: goal, warnings: [], savedTo: goalsURL)
        case .remove: change = GoalChange(action: .removed, goal: goal, warnings: [], savedTo: goalsURL)
        }
        // Measured after the save, so the file's lock is not held while the KPI runs.
        if change.action != .removed { change.warnings = GoalTracker.smartWarnings(for: change.goal, in: self) }
        return change
    }

    /// A goal typed as a statement, with the remark after its `--`, if any (an id pasted from a
    /// goals file is dropped: the file gives ids).
    func typedGoal(_ syntax: GoalSyntax, source: String) throws(SessionError) -> Goal {
        var goal: Goal
        do {
            goal = try GoalStatement.goal(from: syntax, source: source, file: "goal", unitOf: goalUnit(of:))
        } catch {
            throw SessionError(.data(error.asStatementError))
        }
        // From the goal on: `goal edit #3 …` has a `#` the lexer does not read.
        let body = String(decoding: Array(source.utf8)[min(syntax.kpiRange.start, source.utf8.count)...], as: UTF8.self)
        goal.comment = GoalFile.splitID(SourceText.comment(in: body)).remark
        return goal
    }

    /// `goals`, or `goals why` (`showsRules`).
    func goalReport(showsRules: Bool) throws(SessionError) -> GoalReport {
        try refreshGoals()
        let statuses = try goalFile.goals.map { (goal) throws(SessionError) -> GoalStatus in try GoalTracker.status(of: goal, in: self) }
        // Goals that differ only in their scope (one per rep, say) roll up to a team goal.
        var groups: [String: [Goal]] = [:]
        var order: [String] = []
        for goal in goalFile.goals where goal.scope != nil {
            let key = [
                goal.kpi, goal.comparison == .atLeast ? ">=" : "<=", goal.start.map(ISO8601.formatDate) ?? "",
                goal.deadline.map(ISO8601.formatDate) ?? "",
            ].joined(separator: "|")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(goal)
        }
        var rollUps: [GoalStatus] = []
        for key in order where (groups[key]?.count ?? 0) > 1 {
            if let team = try GoalTracker.rollUp(groups[key]!, in: self) { rollUps.append(team) }
        }
        return GoalReport(
            statuses: statuses, rollUps: rollUps, problems: goalFile.problems,
            showsRules: showsRules, file: goalsURL)
    }
}
