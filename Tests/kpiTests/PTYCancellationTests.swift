import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C during statements that run for many seconds on a million leads: the real `kpi` on a
/// pseudo-terminal (see ``PTYSession``), the interrupt typed as byte 0x03 like a user's key.
///
/// Uncancelled, on this data in a debug build on two busy cores, the statements took 434 s (the
/// grouping by two ids), 279 s (the median by lead and rep) and 15 s (the cross-table count);
/// each is given ``runningFor`` to get deep into its work before Ctrl-C, and the test checks
/// that it is still running then.
@Suite(
    "Ctrl-C on a million leads",
    .enabled(if: PTYSupport.isAvailable, "needs KPIKIT_SLOW_TESTS and util-linux script"))
struct PTYCancellationTests {
    /// How long a statement runs before Ctrl-C.
    static let runningFor: TimeInterval = 2

    /// The bound: from the key to the next prompt.
    static let stopLatencyBound: TimeInterval = 0.5

    /// The statements: a grouping by a high-cardinality key, a median by lead, a
    /// cross-table count (each lead's activities, counted through the link). The cross-table
    /// count alone can finish inside the 2 s wait on an idle machine, which proves nothing: it is
    /// grouped by lead as well, so it is still running, in one phase or the other, when Ctrl-C comes.
    static let statements = [
        "count(activities) by activity_id, lead_id",
        "median(amount) of leads by lead_id, rep",
        "count(leads where count(activities) >= 2) by lead_id, rep",
    ]

    @Test("one Ctrl-C stops a grouping by ids, a median by lead and a cross-table count within 0.5 s; the session goes on")
    func ctrlCStopsLongStatements() throws {
        let home = try TemporaryDirectory()
        let data = try MillionLeads.write(into: home.url.appendingPathComponent("data"))
        let kpi = try PTYSession(
            arguments: ["--data", data],
            environment: PTYSupport.environment(home: home.url.path, extra: ["KPI_HISTORY": home.url.path + "/history"]),
            directory: home.url.path)
        // Loading a million leads and a million activities in a debug build: seconds, not one step.
        try kpi.wait(for: "the prompt after loading", timeout: 120) {
            $0.cursorLine == PTYSession.prompt.trimmingTrailingSpaces && kpi.isTerminalInEditingMode
        }
        try kpi.run("let big = amount >= 25000")

        var latencies: [String: TimeInterval] = [:]
        for statement in Self.statements {
            try kpi.type(statement)
            let typedOn = kpi.screen.row
            kpi.send("\r")
            Thread.sleep(forTimeInterval: Self.runningFor)
            let before = kpi.screen
            #expect(
                before.row == typedOn + 1 && before.cursorLine.isEmpty,
                "\(statement) is still running after \(Self.runningFor) s (otherwise Ctrl-C proves nothing); screen:\n\(before.text)")
            let pressed = Date()
            kpi.send("\u{3}")
            let after = try kpi.waitForPrompt(below: typedOn)
            let latency = Date().timeIntervalSince(pressed)
            latencies[statement] = latency
            let shown = after.text(between: typedOn, and: after.row)
            #expect(shown.contains("cancelled: the session and its definitions are unchanged"), "output:\n\(shown)")
            #expect(latency < Self.stopLatencyBound, "\(statement) stopped \(Int(latency * 1000)) ms after Ctrl-C")
        }
        print("stop latencies:", latencies.map { "\($0.key): \(Int($0.value * 1000)) ms" }.sorted().joined(separator: ", "))

        // Three quick presses while one statement runs, two more at the prompt: none ends the shell.
        try kpi.type(Self.statements[1])
        let typedOn = kpi.screen.row
        kpi.send("\r")
        Thread.sleep(forTimeInterval: 1)
        for _ in 0..<3 {
            kpi.send("\u{3}")
            usleep(20_000)
        }
        var screen = try kpi.waitForPrompt(below: typedOn)
        for _ in 0..<2 {
            let row = screen.row
            kpi.send("\u{3}")
            screen = try kpi.waitForPrompt(below: row)
        }

        // The session answers, with the definition made before the cancellations.
        #expect(try kpi.run("count(leads)") == "1,000,000")
        #expect(try kpi.run("count(leads where big)") == "500,000")
        kpi.send("\u{4}")
        #expect(try kpi.waitForExit() == 0, "Ctrl-D still leaves; screen:\n\(kpi.screen.text)")
    }
}

/// A deterministic CRM of 1,000,000 leads and 1,000,000 activities as CSV, written byte by byte
/// (no generator script): about 100 MB in a few seconds.
///
/// Lead `i` has rep `Rep (i % 40)`, amount `(37 i) % 50,000` plus `i % 100` cents — 37 is prime
/// to 50,000, so exactly half the leads have 25,000 or more. Activity `j` belongs to lead
/// `1 + (7919 j) % 600,000`, so 400,000 leads have two activities.
enum MillionLeads {
    static let leadCount = 1_000_000
    static let activityCount = 1_000_000

    /// Writes `leads.csv` and `activities.csv` into `folder` and returns its path.
    static func write(into folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try leads().write(to: folder.appendingPathComponent("leads.csv"))
        try activities().write(to: folder.appendingPathComponent("activities.csv"))
        return folder.path
    }

    private static func leads() -> Data {
        let sources = ["Referral", "Partner", "Web", "Events", "Email", "Paid Search"].map { Array($0.utf8) }
        let statuses = ["new", "contacted", "qualified", "won", "lost", "disqualified"].map { Array($0.utf8) }
        let reps = (0..<40).map { Array("Rep \($0)".utf8) }
        let days = (0..<336).map { Array(String(format: "2024-%02d-%02dT10:00:00Z", 1 + $0 / 28, 1 + $0 % 28).utf8) }
        var out = CSVBytes(capacity: 64 * leadCount)
        out.line("lead_id,created_at,source,rep,status,amount")
        for i in 1...leadCount {
            out.number(i)
            out.comma()
            out.bytes(days[i % days.count])
            out.comma()
            out.bytes(sources[i % sources.count])
            out.comma()
            out.bytes(reps[i % reps.count])
            out.comma()
            out.bytes(statuses[(i &* 7) % statuses.count])
            out.comma()
            out.number((i &* 37) % 50_000)
            out.byte(UInt8(ascii: "."))
            out.twoDigits(i % 100)
            out.newline()
        }
        return out.data
    }

    private static func activities() -> Data {
        let types = ["call", "email", "meeting"].map { Array($0.utf8) }
        var out = CSVBytes(capacity: 24 * activityCount)
        out.line("activity_id,lead_id,type")
        for j in 1...activityCount {
            out.number(j)
            out.comma()
            out.number(1 + (j &* 7919) % 600_000)
            out.comma()
            out.bytes(types[j % types.count])
            out.newline()
        }
        return out.data
    }
}

/// A growing byte buffer with the few writes a CSV of numbers and fixed words needs.
private struct CSVBytes {
    private(set) var data: Data

    init(capacity: Int) { data = Data(capacity: capacity) }

    mutating func byte(_ b: UInt8) { data.append(b) }
    mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
    mutating func comma() { byte(UInt8(ascii: ",")) }
    mutating func newline() { byte(UInt8(ascii: "\n")) }
    mutating func line(_ text: String) { bytes(Array((text + "\n").utf8)) }

    mutating func number(_ value: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 && count < 8
            for k in stride(from: count - 1, through: 0, by: -1) { data.append(buffer[k]) }
        }
    }

    mutating func twoDigits(_ value: Int) {
        byte(UInt8(ascii: "0") + UInt8(value / 10))
        byte(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
