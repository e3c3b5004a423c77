import Foundation
import Testing

/// Golden files: output compared byte for byte with a file kept in the source tree.
///
/// With `KPIKIT_RECORD` set (`KPIKIT_RECORD=1 swift test --filter X`), the output is written to
/// the source tree instead and the test FAILS, so a recording run never passes unseen: run again
/// without it and review `git diff Tests/`.
public enum Golden {
    /// What comparing an output with its golden file found.
    public enum Outcome: Sendable, Hashable {
        /// The output is the file's text.
        case matches
        /// The output was written as the new golden file (recording).
        case recorded
        /// There is no golden file to compare with.
        case missing
        /// The output differs; the message names the first differing line.
        case differs(String)
    }

    /// Whether this run records golden files (`KPIKIT_RECORD` is set).
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["KPIKIT_RECORD"] != nil }

    /// Compares `actual` with the file at `expected` (usually the test bundle's copy) or, when
    /// `recording`, writes it to `source` (the file in the source tree, which the next build copies).
    public static func compare(_ actual: String, expected: URL, source: URL, recording: Bool = isRecording) throws -> Outcome {
        if recording {
            try actual.write(to: source, atomically: true, encoding: .utf8)
            return .recorded
        }
        guard let text = try? String(contentsOf: expected, encoding: .utf8) else { return .missing }
        return firstDifference(expected: text, actual: actual).map(Outcome.differs) ?? .matches
    }

    /// ``compare(_:expected:source:recording:)``, recording an issue at `sourceLocation` for
    /// every outcome but ``Outcome/matches`` — a recording included.
    public static func check(
        _ actual: String, name: String, expected: URL, source: URL, recording: Bool = isRecording,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        switch try compare(actual, expected: expected, source: source, recording: recording) {
        case .matches:
            return
        case .recorded:
            Issue.record("recorded a new baseline for \(name); run again without KPIKIT_RECORD", sourceLocation: sourceLocation)
        case .missing:
            Issue.record("no golden file \(name); record it with KPIKIT_RECORD=1", sourceLocation: sourceLocation)
        case .differs(let difference):
            Issue.record("\(name) differs at \(difference)", sourceLocation: sourceLocation)
        }
    }

    /// `line N:\n- expected line\n+ actual line` at the first line that differs; `nil` when the
    /// texts are equal.
    public static func firstDifference(expected: String, actual: String) -> String? {
        guard actual != expected else { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        return "line \(first + 1):\n- \(first < a.count ? a[first] : "<end>")\n+ \(first < b.count ? b[first] : "<end>")"
    }
}
