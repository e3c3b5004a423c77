import Foundation
import KPICore
import Testing

@testable import KPIAdapters

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that are not what a load expects: a FIFO, which must never block a load, and a file
/// that shrinks while it is read, which must be an error rather than a crash or a short read.
@Suite("FIFOs and files that change while read")
struct SpecialFileTests {
    /// A FIFO in a fresh temporary folder.
    static func fifo(named name: String, in folder: TemporaryDirectory) throws -> URL {
        let url = folder.url.appendingPathComponent(name)
        try #require(mkfifo(url.path, 0o600) == 0)
        return url
    }

    @Test("a FIFO named leads.csv, .json or .sqlite is an error that says so, and opening it never blocks")
    func fifoIsRefused() throws {
        let folder = try TemporaryDirectory()
        for (name, adapter) in [("leads.csv", CSVAdapter() as any DataAdapter), ("leads.json", JSONAdapter()), ("crm.sqlite", SQLiteAdapter())] {
            let url = try Self.fifo(named: name, in: folder)
            // Should the adapter block in open(2), a writer arrives after a while and ends it.
            let failsafe = FIFOFailsafe(path: url.path)
            do {
                _ = try adapter.load(url, options: LoadOptions())
                Issue.record("\(name): loading a FIFO should fail")
            } catch {
                #expect(error.message.contains("FIFO"), "\(name): \(error.message)")
                #expect(error.message.contains("not a regular file"), "\(name): \(error.message)")
            }
            #expect(!failsafe.fired(), "\(name): the load blocked on the FIFO until the failsafe wrote to it")
        }
    }

    @Test("a file that shrinks between its size being taken and its bytes being read is a clear error")
    func shrinkingFile() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url.appendingPathComponent("leads.csv")
        try Data(repeating: UInt8(ascii: "a"), count: 10_000).write(to: url)
        let (fd, size) = try FileCheck.openRegularFile(url.path, file: "leads.csv", id: "csv.unreadable")
        defer { close(fd) }
        #expect(size == 10_000)
        // Another program cuts the file to 100 bytes after it was opened.
        #expect(truncate(url.path, 100) == 0)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { buffer.deallocate() }
        #expect {
            try FileCheck.readExactly(fd, into: buffer, count: size, file: "leads.csv", id: "csv.unreadable")
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.id == "csv.unreadable"
                && error.message == "cannot read leads.csv: it shrank while being read (10000 bytes when opened, 100 found); "
                    + "another program is writing it — load it again once it is complete"
        }
    }

    @Test("a file that grows while read is read as it was when opened")
    func growingFile() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url.appendingPathComponent("leads.csv")
        try Data("id\n1\n".utf8).write(to: url)
        let (fd, size) = try FileCheck.openRegularFile(url.path, file: "leads.csv", id: "csv.unreadable")
        defer { close(fd) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("2\n".utf8))
        try handle.close()
        var bytes = [UInt8](repeating: 0, count: size)
        try bytes.withUnsafeMutableBufferPointer { buffer in
            try FileCheck.readExactly(fd, into: buffer.baseAddress!, count: size, file: "leads.csv", id: "csv.unreadable")
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "id\n1\n")
    }
}

/// Opens a FIFO's writing end once a reader is waiting on it, after a grace period: a load that
/// blocks in `open(2)` then gets an empty file instead of hanging the suite. `fired()` tells
/// whether it had to.
final class FIFOFailsafe: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var didFire = false
    private var stopped = false

    init(path: String, after seconds: Double = 5) {
        self.path = path
        let thread = Thread { [self] in
            let deadline = Date().addingTimeInterval(seconds + 30)
            Thread.sleep(forTimeInterval: seconds)
            while Date() < deadline, !isStopped {
                // Without a reader, a non-blocking open for writing fails at once (ENXIO).
                let fd = open(path, O_WRONLY | O_NONBLOCK)
                if fd >= 0 {
                    close(fd)
                    lock.withLock { didFire = true }
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        thread.start()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Whether the writer had to open the FIFO; stops the watch.
    func fired() -> Bool {
        lock.withLock {
            stopped = true
            return didFire
        }
    }
}
