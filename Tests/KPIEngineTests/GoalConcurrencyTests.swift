import Foundation
import KPICore
import KPIEngine
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open descriptor holding `flock(LOCK_EX)` on a file: another writer, as far as the kernel
/// can tell (locks belong to open descriptors, so one in this process excludes the code under test).
/// Released explicitly, so a test says where the other writer stops.
private final class HeldLock {
    private var fd: Int32

    init(_ url: URL) throws {
        fd = open(url.path, O_RDWR | O_CREAT, 0o644)
        try #require(fd >= 0, "cannot open \(url.path)")
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0, "cannot lock \(url.path)")
    }

    /// Closes the descriptor, which drops the lock, as a writer's exit would.
    func release() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    deinit { release() }
}

private func session(_ url: URL) throws -> Session {
    let session = try GoalData.session(asOf: GoalData.day(2024, 3, 31))
    try session.useGoals(url)
    return session
}

private func change(_ session: Session, _ statement: String) throws -> GoalChange {
    guard case .goalChanged(let change) = try session.run(statement) else {
        throw DataError(id: "test", message: "\(statement) did not change goals", file: "test")
    }
    return change
}

/// The sorted names in a folder.
private func listing(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

@Suite("Goals under concurrency: locked read-modify-write, conflicts, stale temporary files")
struct GoalConcurrencyTests {
    @Test("two sessions on one file keep each other's goals: each save applies its change to what is on disk")
    func sessionsKeepEachOthersGoals() throws {
        let folder = try TemporaryDirectory("kpikit-goals")
        let url = folder.url.appendingPathComponent("goals.kpi")
        let a = try session(url), b = try session(url)
        #expect(try change(a, "goal count(leads) >= 10 by 2024-12-31").goal.number == 1)
        #expect(try change(b, "goal count(leads) >= 20 by 2024-12-31").goal.number == 2)
        #expect(try change(a, "goal count(leads) >= 30 by 2024-12-31").goal.number == 3)
        let reread = try GoalFile.load(url)
        #expect(reread.goals.map(\.number) == [1, 2, 3] && reread.goals.map(\.target) == [10, 20, 30])
        // After its save, a session holds the file as saved, others' goals included.
        #expect(a.goalFile.goals.map(\.target) == [10, 20, 30])
    }

    @Test("goal N keeps meaning the same goal while another session removes and adds goals")
    func stableIDsAcrossSessions() throws {
        let folder = try TemporaryDirectory("kpikit-goals")
        let url = folder.url.appendingPathComponent("goals.kpi")
        let a = try session(url)
        for target in [10, 20, 30] { _ = try change(a, "goal count(leads) >= \(target) by 2024-12-31") }
        let b = try session(url)  // sees #1, #2, #3
        _ = try change(a, "goal remove 1")
        _ = try change(a, "goal count(leads) >= 40 by 2024-12-31")
        // #2 is now the first goal in the file; b's `goal edit 2` still means the 20.
        let edited = try change(b, "goal edit 2 count(leads) >= 25 by 2024-12-31")
        #expect(edited.goal.number == 2 && edited.goal.target == 25)
        #expect(try GoalFile.load(url).goals.map { "\($0.number):\(target($0))" } == ["2:25", "3:30", "4:40"])
        // `goals` reads the file again, so a shows b's edit.
        guard case .goalReport(let report) = try a.run("goals") else { throw DataError(id: "test", message: "no report", file: "test") }
        #expect(report.statuses.map(\.goal.target) == [25, 30, 40])
        #expect(try change(a, "goal remove #3").goal.target == 30)
    }

    @Test("removing or editing a goal another session removed is a clear error and changes nothing")
    func removedElsewhere() throws {
        let folder = try TemporaryDirectory("kpikit-goals")
        let url = folder.url.appendingPathComponent("goals.kpi")
        let a = try session(url)
        _ = try change(a, "goal count(leads) >= 10 by 2024-12-31")
        _ = try change(a, "goal count(leads) >= 20 by 2024-12-31")
        // Two sessions that read the file while goal 1 was there.
        let b = try session(url), c = try session(url)
        _ = try change(a, "goal remove 1")
        let before = try String(contentsOf: url, encoding: .utf8)
        for (late, statement) in [(b, "goal remove 1"), (c, "goal edit 1 count(leads) >= 15 by 2024-12-31")] {
            #expect {
                _ = try late.run(statement)
            } throws: { error in
                let error = error as? SessionError
                return error?.id == "goals.conflict" && error?.render().contains("goal #1 was removed by another session") == true
                    && error?.render().contains(url.path) == true
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == before)
        // The failed attempt showed b the file as it is now: goal 1 is simply not there any more.
        #expect(b.goalFile.goals.map(\.number) == [2])
        #expect {
            _ = try b.run("goal remove 1")
        } throws: { error in
            (error as? SessionError)?.id == "goals.no-such-goal"
        }
    }

    @Test("editing or removing a goal another session changed meanwhile is a conflict, not an overwrite")
    func changedElsewhere() throws {
        let folder = try TemporaryDirectory("kpikit-goals")
        let url = folder.url.appendingPathComponent("goals.kpi")
        let a = try session(url)
        _ = try change(a, "goal count(leads) >= 10 by 2024-12-31")
        let b = try session(url)
        _ = try change(a, "goal edit 1 count(leads) >= 12 by 2024-12-31")
        #expect {
            _ = try b.run("goal edit 1 count(leads) >= 15 by 2024-12-31")
        } throws: { error in
            (error as? SessionError)?.id == "goals.conflict"
                && (error as? SessionError)?.render().contains("it is now goal count(leads) >= 12 by 2024-12-31") == true
        }
        #expect(try GoalFile.load(url).goal(1)?.target == 12)
        // Having seen the change, b may now edit the goal.
        #expect(try change(b, "goal edit 1 count(leads) >= 15 by 2024-12-31").goal.target == 15)
    }

    @Test("an id no one ever had is 'no such goal', naming the ids there are")
    func noSuchGoal() throws {
        let folder = try TemporaryDirectory("kpikit-goals")
        let a = try session(folder.url.appendingPathComponent("goals.kpi"))
        _ = try change(a, "goal count(leads) >= 10 by 2024-12-31")
        #expect {
            _ = try a.run("goal remove 9")
        } throws: { error in
            (error as? SessionError)?.id == "goals.no-such-goal" && (error as? SessionError)?.render().contains("the goals are #1") == true
        }
    }

    @Test("a save waits for another writer's lock, and reports goals.locked when it is never released")
    func lockHeld() throws {
        let folder = try TemporaryDirectory("kpikit-goals")
        let url = folder.url.appendingPathComponent("goals.kpi")
        let other = try HeldLock(FileLock.lockURL(for: url))
        #expect {
            _ = try GoalFile.update(url, lockTimeout: 0.05) { (file: inout GoalFile) throws(DataError) in
                file.add(try GoalStatement.parse("goal count(leads) >= 10 by 2024-12-31"))
            }
        } throws: { error in
            (error as? DataError)?.id == "goals.locked" && (error as? DataError)?.location.file == url.path
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        other.release()
        _ = try GoalFile.update(url, lockTimeout: 0.05) { (file: inout GoalFile) throws(DataError) in
            file.add(try GoalStatement.parse("goal count(leads) >= 10 by 2024-12-31"))
        }
        #expect(try GoalFile.load(url).goals.count == 1)
        // Waiting forever is a wait, not an overflow.
        _ = try GoalFile.update(url, lockTimeout: .infinity) { (file: inout GoalFile) throws(DataError) in
            file.add(try GoalStatement.parse("goal count(leads) >= 20 by 2024-12-31"))
        }
        #expect(try GoalFile.load(url).goals.count == 2)
        // The lock file is the only other file, hidden and empty; it stays for the next writer.
        #expect(try listing(folder.url) == [".goals.kpi.lock", "goals.kpi"])
    }

    @Test("temporary files of killed saves are removed on the next load and save; live ones and others' files are not")
    func staleTemporaries() throws {
        let folder = try TemporaryDirectory("kpikit-goals")
        let url = folder.url.appendingPathComponent("goals.kpi")
        try "goal count(leads) >= 10 by 2024-12-31 -- #1\n".write(to: url, atomically: false, encoding: .utf8)
        // What `kill -9` during a save leaves: a complete, unlocked temporary file.
        let stale = ".goals.kpi.tmp-\(UUID().uuidString)"
        let live = ".goals.kpi.tmp-\(UUID().uuidString)"
        let others = [".goals.kpi.tmp-notes", ".recipe.kpi.tmp-\(UUID().uuidString)", "goals.kpi.tmp-\(UUID().uuidString)"]
        for name in [stale, live] + others { try folder.write(name, "goal count(leads) >= 99 by 2024-12-31\n") }
        let writing = try HeldLock(folder.url.appendingPathComponent(live))  // a save in progress
        #expect(try GoalFile.load(url).goals.count == 1)
        #expect(try listing(folder.url) == ([".goals.kpi.lock", "goals.kpi", live] + others).sorted())

        // While another writer holds the goals lock, loading leaves everything alone.
        try folder.write(stale, "")
        let other = try HeldLock(FileLock.lockURL(for: url))
        #expect(try GoalFile.load(url).goals.count == 1)
        #expect(FileManager.default.fileExists(atPath: folder.path(stale)))
        other.release()
        // A save removes it too, under the lock.
        _ = try GoalFile.update(url) { (file: inout GoalFile) throws(DataError) in
            file.add(try GoalStatement.parse("goal count(leads) >= 20 by 2024-12-31"))
        }
        #expect(try listing(folder.url) == ([".goals.kpi.lock", "goals.kpi", live] + others).sorted())
        // Once its writer is gone (a killed process's locks go with it), that one is stale too.
        writing.release()
        #expect(try GoalFile.load(url).goals.count == 2)
        #expect(try listing(folder.url) == ([".goals.kpi.lock", "goals.kpi"] + others).sorted())
    }

    @Test(
        "a temporary file held by another process is left alone until that process is killed with SIGKILL, then removed",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func killedWriter() throws {
        let folder = try TemporaryDirectory("kpikit-goals")
        let url = folder.url.appendingPathComponent("goals.kpi")
        let temporary = folder.url.appendingPathComponent(".goals.kpi.tmp-\(UUID().uuidString)")
        try folder.write(temporary.lastPathComponent, "goal count(leads) >= 99 by 2024-12-31\n")
        // Another process between writing its temporary file and renaming it: it holds the
        // file's flock, as AtomicFile's writers do, and says so once it has it.
        let writer = Process()
        let ready = Pipe()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // --no-fork: the process killed below is the one holding the lock, not a parent of it.
        writer.arguments = ["--exclusive", "--no-fork", temporary.path, "/bin/sh", "-c", "echo locked; exec sleep 600"]
        writer.standardOutput = ready
        try writer.run()
        defer { if writer.isRunning { kill(writer.processIdentifier, SIGKILL) } }
        let line = ready.fileHandleForReading.availableData
        try #require(String(decoding: line, as: UTF8.self).hasPrefix("locked"))

        _ = try GoalFile.update(url) { (file: inout GoalFile) throws(DataError) in
            file.add(try GoalStatement.parse("goal count(leads) >= 10 by 2024-12-31"))
        }
        #expect(FileManager.default.fileExists(atPath: temporary.path), "a live writer's file was removed")

        kill(writer.processIdentifier, SIGKILL)
        // Until it has been reaped the kernel may not have dropped its lock yet; the deadline
        // only guards against a hang.
        let deadline = Date().addingTimeInterval(30)
        while writer.isRunning && Date() < deadline { usleep(1000) }
        try #require(!writer.isRunning)
        #expect(writer.terminationReason == .uncaughtSignal)
        _ = try GoalFile.update(url) { (file: inout GoalFile) throws(DataError) in
            file.add(try GoalStatement.parse("goal count(leads) >= 20 by 2024-12-31"))
        }
        #expect(try listing(folder.url) == [".goals.kpi.lock", "goals.kpi"])
        #expect(try GoalFile.load(url).goals.map(\.target) == [10, 20])
    }

    @Test("a goals file that is a symbolic link stays one: the save replaces the file it points to, under that file's lock")
    func symbolicLink() throws {
        let folder = try TemporaryDirectory("kpikit-goals")
        let real = folder.url.appendingPathComponent("dotfiles/goals.kpi")
        try FileManager.default.createDirectory(at: real.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "goal count(leads) >= 10 by 2024-12-31 -- #1\n".write(to: real, atomically: false, encoding: .utf8)
        let link = folder.url.appendingPathComponent("goals.kpi")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let viaLink = try session(link), direct = try session(real)
        _ = try change(viaLink, "goal count(leads) >= 20 by 2024-12-31")
        _ = try change(direct, "goal count(leads) >= 30 by 2024-12-31")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try GoalFile.load(real).goals.map(\.target) == [10, 20, 30])
        #expect(try listing(folder.url) == ["dotfiles", "goals.kpi"])
        #expect(try listing(real.deletingLastPathComponent()) == [".goals.kpi.lock", "goals.kpi"])
    }

    @Test("a save into kpikit's data home creates its folder; into a folder the user named, it does not")
    func folders() throws {
        let home = try TemporaryDirectory("kpikit-goals")
        let location = GoalLocation.forData(nil, environment: ["XDG_DATA_HOME": home.url.path])
        let ours = try GoalData.session(asOf: GoalData.day(2024, 3, 31))
        try ours.useGoals(location)
        #expect(try change(ours, "goal count(leads) >= 10 by 2024-12-31").savedTo == location.url)
        #expect(FileManager.default.fileExists(atPath: home.path("kpikit/demo/goals.kpi")))
        let theirs = try GoalData.session(asOf: GoalData.day(2024, 3, 31))
        try theirs.useGoals(home.url.appendingPathComponent("typo/goals.kpi"))
        #expect {
            _ = try theirs.run("goal count(leads) >= 10 by 2024-12-31")
        } throws: { error in
            (error as? SessionError)?.id == "goals.write-failed"
        }
        #expect(!FileManager.default.fileExists(atPath: home.path("typo")))
    }
}

/// A goal's target, for compact expectations.
private func target(_ goal: Goal) -> String { String(Int(goal.target)) }
