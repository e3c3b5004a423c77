import Foundation
import KPICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks done before an adapter opens a file, so "is a directory" or "no such file" reads as
/// words rather than a Foundation or SQLite error code.
enum FileCheck {
    /// Throws `<id>` with a plain reason when `url` is missing, a directory, a dangling link, or
    /// anything else that is not a regular file (a FIFO, a socket, a device).
    ///
    /// Only `stat(2)` is used, never `open(2)`: opening a FIFO blocks until a writer comes.
    static func requireRegularFile(_ url: URL, file: String, id: DiagnosticID) throws(DataError) {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
            throw DataError(id: id, message: isLink ? "cannot read \(file): a link to a file that does not exist" : "no such file", file: file)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw DataError(id: id, message: "cannot read \(file): it is a directory, not a file", file: file)
        }
        if let kind = nonRegularKind(info.st_mode) {
            throw DataError(id: id, message: "cannot read \(file): it is \(kind), not a regular file", file: file)
        }
    }

    /// What a file that is not a regular one is (`a FIFO (named pipe)`), for messages; `nil` for
    /// a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "a special file"
        }
    }

    /// Opens `path` for reading without ever blocking, and checks that what it opened is a
    /// regular file; returns the descriptor and the file's size at that moment.
    ///
    /// `O_NONBLOCK` makes opening a FIFO return at once (a `stat` beforehand could race with a
    /// rename); `fstat` then judges what was opened. On a regular file the flag changes nothing.
    static func openRegularFile(_ path: String, file: String, id: DiagnosticID) throws(DataError) -> (fd: Int32, size: Int) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw systemError(id, "cannot open", file) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = systemError(id, "cannot stat", file)
            close(fd)
            throw error
        }
        if let kind = nonRegularKind(info.st_mode) {
            close(fd)
            throw DataError(id: id, message: "cannot read \(file): it is \(kind), not a regular file", file: file)
        }
        return (fd, Int(info.st_size))
    }

    /// Reads exactly `count` bytes of `fd` into `buffer`: the file as it was when its size was
    /// taken. A file that shrinks meanwhile (another program rewriting it) is an error rather
    /// than a silently short read; bytes appended meanwhile are not read.
    static func readExactly(
        _ fd: Int32, into buffer: UnsafeMutablePointer<UInt8>, count: Int, file: String, id: DiagnosticID
    ) throws(DataError) {
        var filled = 0
        while filled < count {
            let n = systemRead(fd, buffer + filled, min(count - filled, 1 << 30))
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw systemError(id, "cannot read", file)
            }
            if n == 0 { throw shrank(file, id: id, from: count, to: filled) }
            filled += n
        }
    }

    /// The whole of a regular file, read (never mapped: a mapped file that shrinks kills the
    /// process with SIGBUS when the missing pages are touched).
    static func readAll(_ path: String, file: String, id: DiagnosticID) throws(DataError) -> Data {
        let (fd, size) = try openRegularFile(path, file: file, id: id)
        defer { close(fd) }
        var data = Data(count: size)
        var failure: DataError?
        data.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            do throws(DataError) {
                try readExactly(fd, into: base, count: size, file: file, id: id)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return data
    }

    /// The error for a file that ended before the size it had when it was opened.
    static func shrank(_ file: String, id: DiagnosticID, from size: Int, to read: Int) -> DataError {
        DataError(
            id: id,
            message:
                "cannot read \(file): it shrank while being read (\(size) bytes when opened, \(read) found); another program is writing it — load it again once it is complete",
            file: file)
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, buffer, count)
        #else
        return Darwin.read(fd, buffer, count)
        #endif
    }

    private static func systemError(_ id: DiagnosticID, _ what: String, _ file: String) -> DataError {
        DataError(id: id, message: "\(what) \(file): \(String(cString: strerror(errno)))", file: file)
    }
}
