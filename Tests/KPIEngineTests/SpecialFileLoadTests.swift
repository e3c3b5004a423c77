import Foundation
import KPIEngine
import KPIFormula
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("A --data folder holding a FIFO")
struct SpecialFileLoadTests {
    @Test("a FIFO named leads.csv is skipped with a note; the folder's other files load, and nothing blocks")
    func fifoSkipped() throws {
        let temp = try TemporaryDirectory()
        try temp.write("spend.csv", "month,channel,amount\n2024-01,Ads,100\n")
        let fifo = temp.path("leads.csv")
        try #require(mkfifo(fifo, 0o600) == 0)
        // Should the load open the FIFO, it would wait for a writer: one comes after 5 s, with nothing to say.
        let fired = Flag()
        let writer = Thread {
            Thread.sleep(forTimeInterval: 5)
            for _ in 0..<600 where !fired.isSet {
                let fd = open(fifo, O_WRONLY | O_NONBLOCK)
                if fd >= 0 {
                    close(fd)
                    return fired.set()
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        writer.start()
        let session = try EngineFixture.session()
        let tables = try session.load(temp.url.path)
        #expect(!fired.isSet, "the load blocked on the FIFO until a writer came")
        fired.set()
        #expect(tables == ["spend"])
        #expect(session.loadNotes == ["leads.csv is not a regular file; skipped"])
        #expect(try EngineFixture.scalar(session, "sum(amount) of spend").value == 100)
    }
}

/// A flag shared with the failsafe writer thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
