import Foundation
import KPICore
import KPIDemo
import KPIEngine
import KPIRepl
import Testing

/// Shells built the way the `kpi` CLI builds them: built-in adapters and modules, the demo CRM.
enum ShellFixture {
    /// The demo dataset, made once per run (it is deterministic).
    static let demo: Dataset = DemoCRM.make()

    static func registry() throws -> KPIRegistry { try StandardRegistry.make() }

    /// A shell over the demo CRM, without colour, as `kpi` prints to a pipe.
    static func demoShell(format: OutputFormat = .table) throws -> Shell {
        let session = Session(registry: try registry())
        try session.add(tables: demo.tables, source: "demo")
        return Shell(session: session, format: format, renderer: ResultRenderer(color: false, width: 100))
    }

    /// A shell with no data.
    static func emptyShell() throws -> Shell {
        Shell(session: Session(registry: try registry()), renderer: ResultRenderer(color: false, width: 100))
    }

    /// Handles `input`, failing the test if it reports an error.
    static func output(_ shell: Shell, _ input: String) throws -> String {
        let response = shell.handle(input)
        try #require(response.error == nil, "'\(input)' failed: \(response.error ?? "")")
        return response.output
    }

    /// `source → [won, leads]` counted from the demo's leads table cell by cell.
    static func demoConversionBySource() throws -> [String: [Int]] {
        let leads = try #require(demo["leads"])
        let source = try #require(leads.column(named: "source"))
        let status = try #require(leads.column(named: "status"))
        var out: [String: [Int]] = [:]
        for row in 0..<leads.rowCount {
            let key = source.value(at: row).description
            out[key, default: [0, 0]][1] += 1
            if status.value(at: row) == .text("won") { out[key, default: [0, 0]][0] += 1 }
        }
        return out
    }

    /// Parses a JSON object document.
    static func jsonObject(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(text)")
    }
}
