import Foundation
import KPICore
import KPIKitTesting
import Testing
import XLSXAdapter

/// The example data-adapter plugin (`Plugins/XLSXAdapter/`) checked the way a plugin author
/// checks theirs. `Fixtures/leads.xlsx` is the workbook kpiTests' XLSXFixture writes in mode
/// `leads` (python3's zipfile from hand-written XML): a leads sheet and a notes sheet.
@Suite("XLSXAdapter plugin")
struct XLSXAdapterTests {
    static var sample: URL {
        get throws { try PackagePaths.fixture("leads.xlsx", in: .module) }
    }

    static let shapes = [
        TableShape(name: "leads", columns: ["lead_id", "created_at", "source", "rep", "status", "nurtured", "amount", "closed_at"], rowCount: 6),
        TableShape(name: "notes", columns: ["note", "when"], rowCount: 2),
    ]

    @Test("the module conforms and adds the adapter only")
    func moduleConforms() throws {
        ModuleConformance.expectConformance(of: XLSXAdapterModule(), alongside: try StandardRegistry.make())
        var registrar = ModuleRegistrar()
        try XLSXAdapterModule().register(in: &registrar)
        #expect(registrar.kpis.isEmpty)
        #expect(registrar.adapters.map(\.name) == ["xlsx"])
    }

    @Test("the adapter loads the sample's two sheets and rejects empty, truncated and non-ZIP files with a DataError")
    func adapterConforms() throws {
        let folder = try TemporaryDirectory("kpikit-xlsx-conformance")
        defer { withExtendedLifetime(folder) {} }
        let bytes = try Data(contentsOf: try Self.sample)
        // A ZIP's central directory is at its end: cut it off, and nothing can be found.
        let truncated = try folder.write("truncated.xlsx", bytes: bytes.prefix(bytes.count / 2))
        let junk = try folder.write("junk.xlsx", bytes: Data((0..<500).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }))
        AdapterConformance.expectConformance(
            of: XLSXAdapter(), sample: try Self.sample, expecting: Self.shapes,
            malformed: [URL(fileURLWithPath: truncated), URL(fileURLWithPath: junk)])
    }
}
