import Foundation
import KPICore
import KPIEngine
import KPIRepl
import Testing

/// Every case of ``OutputFormat`` renders every use — a statement's result, a report, the
/// catalogue — so a format added without its renderers fails here; a use the format offers has a
/// form of its own, and one it does not offer falls back to the text form.
@Suite("Every format, every use")
struct FormatUseTests {
    static let statement = "win_rate by region"

    static func result(_ format: OutputFormat) throws -> Shell.Response {
        try ShellFixture.demoShell(format: format).handle(statement)
    }

    @Test("every format renders a statement's result; each has a form of its own", arguments: OutputFormat.allCases)
    func results(format: OutputFormat) throws {
        let response = try Self.result(format)
        #expect(response.error == nil)
        #expect(!response.output.isEmpty)
        #expect(format.uses.contains(.statements))
        if format != .table { #expect(response.output != (try Self.result(.table)).output, "\(format) writes the table") }
    }

    @Test(
        "every format renders a report; those that offer reports have a form of their own, CSV writes the text one", arguments: OutputFormat.allCases)
    func reports(format: OutputFormat) {
        let report = CaveatFixtures.report()
        let text = ReportRenderer().render(report, format: format)
        #expect(!text.isEmpty)
        let isText = text == ReportRenderer().render(report, format: .table)
        #expect(isText == (format == .table || !format.uses.contains(.reports)), "\(format)")
    }

    @Test(
        "every format renders the catalogue and the modules; JSON has a form of its own, the rest write the text listing",
        arguments: OutputFormat.allCases)
    func catalogue(format: OutputFormat) throws {
        let session = try ShellFixture.demoShell().session
        let kpis = CatalogRenderer.kpis(session, format: format)
        let modules = CatalogRenderer.modules(session.registry, format: format)
        #expect(kpis.contains("win_rate") && modules.contains("win_rate"))
        let isText = kpis == CatalogRenderer.kpis(session, format: .table) && modules == CatalogRenderer.modules(session.registry, format: .table)
        #expect(isText == (format == .table || !format.uses.contains(.catalogue)), "\(format)")
        if format == .json {
            #expect(try JSONSerialization.jsonObject(with: Data(kpis.utf8)) is [String: Any])
            #expect(try JSONSerialization.jsonObject(with: Data(modules.utf8)) is [String: Any])
        }
    }

    @Test("each use accepts its formats by name and only those; a table report is called text")
    func names() {
        #expect(OutputFormat.names(for: .statements) == ["table", "csv", "json", "markdown", "html"])
        #expect(OutputFormat.names(for: .reports) == ["text", "json", "markdown", "html"])
        #expect(OutputFormat.names(for: .catalogue) == ["table", "json"])
        for use in OutputFormat.Use.allCases {
            for format in OutputFormat.allCases {
                let named = OutputFormat.named(format.name(for: use), for: use)
                #expect(named == (format.uses.contains(use) ? format : nil), "\(format) for \(use)")
            }
        }
        #expect(OutputFormat.named("csv", for: .reports) == nil)
        #expect(OutputFormat.named("table", for: .reports) == nil)
        #expect(OutputFormat.spelledNames(for: .catalogue) == "table or json")
    }

    @Test(".format accepts every statement format and lists them all when it is given another")
    func shellCommand() throws {
        let shell = try ShellFixture.demoShell()
        for name in OutputFormat.names(for: .statements) {
            #expect(shell.handle(".format " + name.uppercased()).error == nil)
            #expect(shell.format.name(for: .statements) == name)
        }
        #expect(shell.handle(".format text").error == "usage: .format " + OutputFormat.names(for: .statements).joined(separator: "|"))
    }
}
