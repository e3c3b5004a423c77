import Foundation
import KPICore
import KPIKitTesting
import Testing

@testable import KPIAdapters

/// The built-in adapters pass the conformance checks offered to plugin authors, so the checks
/// ask nothing the shipped adapters do not do.
@Suite("Built-in adapters: plugin conformance")
struct BuiltInAdapterConformanceTests {
    @Test("the adapters module conforms")
    func module() {
        ModuleConformance.expectConformance(of: BuiltInAdapters())
    }

    /// Only the empty file must be rejected here: loading is lenient by default (`--strict` stops
    /// at the first bad cell), so even a CSV with an unterminated quote still loads.
    @Test("CSV: the dirty excerpt loads as one table; an empty file is a DataError")
    func csv() throws {
        AdapterConformance.expectConformance(
            of: CSVAdapter(), sample: try CSVTest.fixture("leads-dirty-excerpt.csv"),
            expecting: [
                TableShape(
                    name: "leads-dirty-excerpt",
                    columns: [
                        "lead_id", "created_at", "source", "rep", "region", "industry", "status", "first_contact_at", "qualified_at",
                        "converted_at", "closed_at", "amount", "nurtured", "email_opens", "email_clicks",
                    ],
                    rowCount: 10)
            ])
    }

    @Test("JSON: the CRM export loads as its two arrays; an empty file and a cut-off document are DataErrors")
    func json() throws {
        let folder = try TemporaryDirectory("kpikit-json-conformance")
        defer { withExtendedLifetime(folder) {} }
        let cut = try folder.write("cut.json", #"{"leads": [{"id": 1"#)
        let sample = try #require(Bundle.module.url(forResource: "crm-export", withExtension: "json", subdirectory: "Fixtures/json"))
        AdapterConformance.expectConformance(
            of: JSONAdapter(), sample: sample,
            expecting: [
                TableShape(name: "leads", columns: ["id", "created", "owner.name", "owner.team.region", "tags", "score"], rowCount: 3),
                TableShape(name: "deals", columns: ["lead_id", "closed_on", "won", "amount"], rowCount: 2),
            ],
            malformed: [URL(fileURLWithPath: cut)])
    }
}
