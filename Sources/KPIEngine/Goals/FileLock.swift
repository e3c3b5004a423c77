import Foundation
import KPICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory, exclusive lock that lets one writer at a time read, change and replace a file,
/// across processes and across sessions in one process.
///
/// The lock is `flock(2)` on a lock file beside the file (`.goals.kpi.lock` for `goals.kpi`),
/// never on the file itself: ``AtomicFile`` replaces the file by a rename on every save, so a lock
/// taken on the file would be held on an inode that is no longer the file, and a waiter that had
/// opened the old one would get its lock and write over the newer file. The lock file is empty and
/// is never replaced or removed, for the same reason (a waiter holding a removed lock file would
/// run beside one holding its successor).
///
/// `flock`, not `fcntl` record locks: an `fcntl` lock belongs to the process, so two sessions in
/// one process would not exclude each other, and closing *any* descriptor of the file drops it. A
/// `flock` lock belongs to the open descriptor; the kernel releases it when its holder exits or is
/// killed, so a crashed writer never leaves the file locked.
public enum FileLock {
    /// How long a writer waits for another one to finish before giving up, in seconds. Writers
    /// hold the lock for one read and one small write, so a wait this long means a stuck process.
    public static let defaultTimeout: TimeInterval = 10

    /// The lock file for `url`: `.NAME.lock` in the same folder.
    public static func lockURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock")
    }

    /// Runs `body` while holding the exclusive lock for `url`, waiting up to `timeout` seconds for
    /// another holder to release it.
    ///
    /// - Throws: `errorID` (with the reason) when the lock file cannot be opened, as when the
    ///   folder is missing or read-only; `goals.locked` when the lock stays taken past `timeout`;
    ///   and whatever `body` throws.
    public static func withExclusiveLock<T>(
        for url: URL, timeout: TimeInterval = defaultTimeout, errorID: DiagnosticID = .goalsWriteFailed,
        _ body: () throws(DataError) -> T
    ) throws(DataError) -> T {
        let lock = lockURL(for: url)
        let fd = open(lock.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DataError(id: errorID, message: "cannot save: \(String(cString: strerror(errno))) (\(lock.path))", file: url.path)
        }
        defer { close(fd) }  // closing the descriptor releases the lock
        let clock = ContinuousClock()
        // Clamped: `Int64(.infinity)` would trap, and a wait of a year is as good as forever.
        let deadline = clock.now + .milliseconds(Int64(min(max(timeout, 0), 31_536_000) * 1000))
        var pause: UInt32 = 1000  // microseconds; doubled up to 50 ms while someone else writes
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            guard reason == EWOULDBLOCK || reason == EINTR else {
                throw DataError(id: errorID, message: "cannot lock \(lock.path): \(String(cString: strerror(reason)))", file: url.path)
            }
            guard clock.now < deadline else {
                throw DataError(
                    id: .goalsLocked,
                    message: "another kpi has been saving this file for over \(GoalText.number(timeout)) s (it holds \(lock.path)); try again",
                    file: url.path)
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        return try body()
    }

    /// Runs `body` holding the lock for `url` if nobody holds it now; does nothing (and returns
    /// false) when another writer holds it or the lock file cannot be opened.
    @discardableResult
    public static func ifFree(for url: URL, _ body: () -> Void) -> Bool {
        let fd = open(lockURL(for: url).path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
        body()
        return true
    }
}
