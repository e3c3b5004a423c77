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
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    ///
    /// - Parameter beforeReplacing: runs after the temporary file is durable and before it
    ///   replaces `url`; a test throws here to stand for a crash at the worst moment.
    /// - Throws: `errorID` (`goals.write-failed` by default) with the reason.
    public static func write(
        _ data: Data, to url: URL, errorID: String = "goals.write-failed", beforeReplacing: () throws -> Void = {}
    ) throws(DataError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        func failure(_ reason: String) -> DataError {
            DataError(id: errorID, message: "cannot save: \(reason)", file: url.path)
        }
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
        var closed = false
        defer {
            if !closed { close(fd) }
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

    /// Makes a rename in `directory` durable; a file system that cannot sync directories is left be.
    private static func syncDirectory(_ directory: URL) {
        let fd = open(directory.path, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
