import Foundation
import KPICore

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Replaces a file so that readers, and a crash at any moment, see either the old contents or the
/// new ones in full.
///
/// The bytes go to a temporary file in the same directory (a rename is only atomic within one
/// file system), which is flushed to disk with `fsync` before `rename(2)` puts it in place; the
/// directory is then synced so the rename itself survives a power cut. A failure before the
/// rename removes the temporary file and leaves the original untouched.
///
/// A process killed mid-save (`kill -9`, a power cut) can still leave its temporary file behind:
/// the writer holds a `flock` on it until the rename, so ``removeStaleTemporaries(of:)`` can tell
/// such a leftover from a save in progress.
public enum AtomicFile {
    /// The prefix of the temporary files a save of `url` writes: `.NAME.tmp-` (a UUID follows).
    static func temporaryPrefix(of url: URL) -> String { ".\(url.lastPathComponent).tmp-" }

    /// Writes `data` to `url` atomically.
    ///
    /// - Parameter beforeReplacing: runs after the temporary file is durable and before it
    ///   replaces `url`; a test throws here to stand for a crash at the worst moment.
    /// - Throws: `errorID` (`goals.write-failed` by default) with the reason.
    public static func write(
        _ data: Data, to url: URL, errorID: DiagnosticID = .goalsWriteFailed, beforeReplacing: () throws -> Void = {}
    ) throws(DataError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(temporaryPrefix(of: url) + UUID().uuidString)
        func failure(_ reason: String) -> DataError {
            DataError(id: errorID, message: "cannot save: \(reason)", file: url.path)
        }
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
        // Marks the file as being written until it is renamed or this process dies; a cleaner
        // that took it in the instant before this line would only make the rename fail. The
        // duplicate shares the lock and keeps it past the checked `close` below, to the rename.
        _ = flock(fd, LOCK_EX | LOCK_NB)
        let lockHolder = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        var closed = false
        defer {
            if !closed { close(fd) }
            if lockHolder >= 0 { close(lockHolder) }
        }
        do throws(DataError) {
            let writeError = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
                guard let base = buffer.baseAddress else { return nil }
                var offset = 0
                while offset < buffer.count {
                    let written = systemWrite(fd, base + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += written
                }
                return nil
            }
            if let writeError { throw failure(String(cString: strerror(writeError))) }
            guard fsync(fd) == 0 else { throw failure("fsync: \(String(cString: strerror(errno)))") }
            closed = true
            guard close(fd) == 0 else { throw failure("close: \(String(cString: strerror(errno)))") }
            do {
                try beforeReplacing()
            } catch {
                throw failure("interrupted before replacing the file (\(error))")
            }
            guard rename(temporary.path, url.path) == 0 else { throw failure("rename: \(String(cString: strerror(errno)))") }
        } catch {
            unlink(temporary.path)
            throw error
        }
        syncDirectory(directory)
    }

    /// Removes the temporary files that saves of `url` left behind when they were killed before
    /// their rename: files named `.NAME.tmp-UUID` beside `url` that no live writer holds locked.
    /// Other files, and temporary files of other names, are never touched.
    ///
    /// Call it while holding the lock that serializes the writers of `url` (``FileLock``), so no
    /// writer is between creating its temporary file and locking it.
    ///
    /// - Returns: the names removed.
    @discardableResult
    public static func removeStaleTemporaries(of url: URL) -> [String] {
        let directory = url.deletingLastPathComponent()
        let prefix = temporaryPrefix(of: url)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) && UUID(uuidString: String(name.dropFirst(prefix.count))) != nil {
            let path = directory.appendingPathComponent(name).path
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            // Unlinked while locked, so a writer cannot start using the name in between.
            if flock(fd, LOCK_EX | LOCK_NB) == 0, unlink(path) == 0 { removed.append(name) }
            close(fd)
        }
        return removed
    }

    /// Whether saves of `url` left temporary files beside it (live or stale).
    static func hasTemporaries(of url: URL) -> Bool {
        let prefix = temporaryPrefix(of: url)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        return names.contains { $0.hasPrefix(prefix) }
    }

    /// Makes a rename in `directory` durable; a file system that cannot sync directories is left be.
    private static func syncDirectory(_ directory: URL) {
        let fd = open(directory.path, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
