import Foundation
import KPICore
import KPIDemo
import KPIEngine
import KPIRepl
import Testing

/// Golden transcripts: `kpi> ` lines are input (continuation lines start with ` ..> `), the
/// lines after them the expected output, errors and standard-error diagnostics included. Run on the demo CRM through the shell,
/// no colour, 40-row tables. `KPIKIT_RECORD=1 swift test` rewrites the files and fails, so a new
/// recording never passes unseen.
@Suite("Golden transcripts")
struct TranscriptTests {
    static var directory: URL { Bundle.module.url(forResource: "Transcripts", withExtension: nil)! }

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".transcript") }.sorted()
    }

    @Test("each transcript replays exactly", arguments: names)
    func replay(_ name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let inputs = Self.inputs(of: text)
        let actual = try Self.run(inputs)
        // Recorded into the source tree, not the bundle copy.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts/\(name)")
        try Golden.check(actual, name: name, expected: url, source: source)
    }

    static func inputs(of text: String) -> [String] {
        var statements: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("kpi> ") {
                statements.append(String(line.dropFirst(5)))
            } else if line.hasPrefix(" ..> "), !statements.isEmpty {
                statements[statements.count - 1] += "\n" + line.dropFirst(5)
            }
        }
        return statements
    }

    static func run(_ statements: [String]) throws -> String {
        let session = Session(registry: try StandardRegistry.make())
        try session.add(tables: DemoCRM.make().tables, source: "demo")
        var renderer = ResultRenderer(color: false, width: 100)
        renderer.maxRows = 40
        let shell = Shell(session: session, renderer: renderer)
        var out = ""
        for statement in statements {
            let lines = statement.split(separator: "\n", omittingEmptySubsequences: false)
            out += "kpi> " + lines[0] + "\n" + lines.dropFirst().map { " ..> " + $0 + "\n" }.joined()
            let response = shell.handle(statement)
            if !response.output.isEmpty { out += response.output + "\n" }
            if let error = response.error { out += error + "\n" }
            for line in response.diagnostics { out += line + "\n" }
        }
        return out
    }
}
