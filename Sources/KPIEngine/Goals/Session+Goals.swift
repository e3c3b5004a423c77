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
}

extension Session {
    /// Uses a goals file: loads it (a missing file is an empty one) and saves there from now on.
    ///
    /// - Returns: lines that could not be read, with file:line (the other goals load).
    @discardableResult
    public func useGoals(_ url: URL) throws(SessionError) -> [DataError] {
        do {
            goalFile = try GoalFile.load(url, unitOf: goalUnit(of:))
        } catch {
            throw SessionError(.data(error))
        }
        goalsURL = url
        return goalFile.problems
    }

    /// The unit of a goal's KPI id or formula, from its plan (nothing is evaluated); `nil` when
    /// it does not bind (yet): the goal's own check reports that.
    public func goalUnit(of formula: String) -> KPICore.Unit? {
        if let kpi = registry.kpi(formula) { return kpi.unit }
        guard case .explained(let plan, _)? = try? run("explain " + formula) else { return nil }
        return plan.unit
    }

    /// `goal STATEMENT`, `goal remove N`, `goal edit N STATEMENT`.
    func changeGoals(_ source: String) throws(SessionError) -> GoalChange {
        let rest = String(source.dropFirst("goal ".count)).trimmingCharacters(in: .whitespaces)
        let words = rest.split(separator: " ", maxSplits: 2).map(String.init)
        var change: GoalChange
        do {
            if words.first?.lowercased() == "remove", words.count == 2, let n = Int(words[1]) {
                change = GoalChange(action: .removed, goal: try goalFile.remove(n), warnings: [], savedTo: nil)
            } else if words.first?.lowercased() == "edit", words.count == 3, let n = Int(words[1]) {
                let goal = try goalFile.replace(n, with: try GoalStatement.parse("goal " + words[2], file: "goal", unitOf: goalUnit(of:)))
                change = GoalChange(action: .replaced, goal: goal, warnings: [], savedTo: nil)
            } else {
                let goal = goalFile.add(try GoalStatement.parse(source, file: "goal", unitOf: goalUnit(of:)))
                change = GoalChange(action: .added, goal: goal, warnings: [], savedTo: nil)
            }
        } catch {
            throw SessionError(.data(error))
        }
        if change.action != .removed { change.warnings = GoalTracker.smartWarnings(for: change.goal, in: self) }
        if let goalsURL {
            do {
                try goalFile.save(to: goalsURL)
            } catch {
                throw SessionError(.data(error))
            }
            change.savedTo = goalsURL
        }
        return change
    }

    /// `goals` or `goals why`.
    func goalReport(_ source: String) throws(SessionError) -> GoalReport {
        let statuses = try goalFile.goals.map { (goal) throws(SessionError) -> GoalStatus in try GoalTracker.status(of: goal, in: self) }
        // Goals that differ only in their scope (one per rep, say) roll up to a team goal.
        var groups: [String: [Goal]] = [:]
        var order: [String] = []
        for goal in goalFile.goals where goal.scope != nil {
            let key = [goal.kpi, goal.comparison == .atLeast ? ">=" : "<=", goal.start.map(ISO8601.formatDate) ?? "",
                goal.deadline.map(ISO8601.formatDate) ?? ""].joined(separator: "|")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(goal)
        }
        var rollUps: [GoalStatus] = []
        for key in order where (groups[key]?.count ?? 0) > 1 {
            if let team = try GoalTracker.rollUp(groups[key]!, in: self) { rollUps.append(team) }
        }
        return GoalReport(
            statuses: statuses, rollUps: rollUps, problems: goalFile.problems,
            showsRules: source.lowercased().split(separator: " ").contains("why"))
    }
}
