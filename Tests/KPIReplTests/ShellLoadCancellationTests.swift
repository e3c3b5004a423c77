import Foundation
import KPICore
import KPIEngine
import KPIRepl
import Testing

/// Issue 13: Ctrl-C during `.load` stops the load and keeps the session as it was.
@Suite("Shell: a cancelled .load")
struct ShellLoadCancellationTests {
    @Test(".load under Ctrl-C says cancelled and loads nothing; without it the file loads")
    func cancelledLoad() throws {
        let scratch = try TemporaryDirectory("kpikit-load-cancel")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        let file = folder.appendingPathComponent("extra_leads.csv")
        let rows = (1...50_000).map { "\($0),Web" }.joined(separator: "\n")
        try ("lead_id,source\n" + rows + "\n").write(to: file, atomically: true, encoding: .utf8)

        let shell = try ShellFixture.demoShell()
        let tables = shell.session.dataset.tables.map(\.name)
        let response = shell.handle(".load \(file.path)", isCancelled: { true })
        #expect(response.cancelled)
        #expect(response.error?.hasPrefix("cancelled") == true, "\(response.error ?? "")")
        #expect(shell.session.dataset.tables.map(\.name) == tables)

        let loaded = shell.handle(".load \(file.path)")
        #expect(loaded.error == nil, "\(loaded.error ?? "")")
        #expect(shell.session.dataset.tables.count == tables.count + 1)
    }
}
