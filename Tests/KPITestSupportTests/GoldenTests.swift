import Foundation
import KPITestSupport
import Testing

@Suite("Golden files")
struct GoldenTests {
    @Test("equal text matches; a difference names its first line; no file is missing")
    func compare() throws {
        let folder = try TemporaryDirectory()
        defer { withExtendedLifetime(folder) {} }
        let expected = URL(fileURLWithPath: try folder.write("out.txt", "a\nb\nc\n"))
        let source = URL(fileURLWithPath: folder.path("source.txt"))
        #expect(try Golden.compare("a\nb\nc\n", expected: expected, source: source, recording: false) == .matches)
        #expect(try Golden.compare("a\nB\nc\n", expected: expected, source: source, recording: false) == .differs("line 2:\n- b\n+ B"))
        #expect(try Golden.compare("a\nb\n", expected: expected, source: source, recording: false) == .differs("line 3:\n- c\n+ "))
        #expect(try Golden.compare("a", expected: source, source: source, recording: false) == .missing)
        #expect(!FileManager.default.fileExists(atPath: source.path), "comparing never writes")
    }

    @Test("recording writes the source file")
    func recordingWrites() throws {
        let folder = try TemporaryDirectory()
        defer { withExtendedLifetime(folder) {} }
        let expected = URL(fileURLWithPath: try folder.write("out.txt", "old\n"))
        let source = URL(fileURLWithPath: folder.path("source.txt"))
        #expect(try Golden.compare("new\n", expected: expected, source: source, recording: true) == .recorded)
        #expect(try String(contentsOf: source, encoding: .utf8) == "new\n")
    }

    @Test("a recording run fails the test, even when the output did not change")
    func recordingFails() throws {
        let folder = try TemporaryDirectory()
        defer { withExtendedLifetime(folder) {} }
        let expected = URL(fileURLWithPath: try folder.write("out.txt", "same\n"))
        try withKnownIssue("recording must fail") {
            try Golden.check("same\n", name: "out.txt", expected: expected, source: expected, recording: true)
        } matching: {
            $0.comments.contains { $0.rawValue.contains("recorded a new baseline for out.txt") }
        }
    }

    @Test("a difference and a missing file fail the test; a match does not")
    func checkFails() throws {
        let folder = try TemporaryDirectory()
        defer { withExtendedLifetime(folder) {} }
        let expected = URL(fileURLWithPath: try folder.write("out.txt", "x\n"))
        try Golden.check("x\n", name: "out.txt", expected: expected, source: expected, recording: false)
        try withKnownIssue {
            try Golden.check("y\n", name: "out.txt", expected: expected, source: expected, recording: false)
        } matching: {
            $0.comments.contains { $0.rawValue.contains("out.txt differs at line 1") }
        }
        try withKnownIssue {
            try Golden.check("y\n", name: "gone.txt", expected: URL(fileURLWithPath: folder.path("gone.txt")), source: expected, recording: false)
        } matching: {
            $0.comments.contains { $0.rawValue.contains("no golden file gone.txt") }
        }
    }
}
