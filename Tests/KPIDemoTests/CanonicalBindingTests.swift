import KPICore
import Testing

@testable import KPIDemo

@Suite("The demo binds to KPICore's canonical schema without any adjustment")
struct CanonicalBindingTests {
    /// The canonical tables the demo provides (all but the optional `finance`).
    static let tableNames = ["leads", "stage_history", "activities", "customers", "surveys", "spend", "traffic"]

    @Test("each table has every canonical field, in schema order, with its storage type", arguments: tableNames)
    func fields(table name: String) throws {
        let canonical = try #require(CanonicalSchema.standard.table(named: name))
        let table = try #require(standardDemo[name])
        #expect(table.columnNames == canonical.fields.map(\.name))
        for field in canonical.fields {
            let expected = field.type.storage ?? .int  // the demo's ids are integers
            #expect(table.column(named: field.name)?.type == expected, "\(name).\(field.name)")
        }
    }

    @Test("the schema binder binds every column by its canonical name and converts nothing")
    func binder() throws {
        let result = try SchemaBinder().bind(standardDemo.tables)
        #expect(result.report.unboundTables.isEmpty)
        for name in Self.tableNames {
            let report = try #require(result.report.table(named: name), "\(name) not bound")
            #expect(report.missingRequired.isEmpty && report.missingOptional.isEmpty, "\(name)")
            #expect(report.unknownValues.isEmpty, "\(name): \(report.unknownValues)")
            #expect(report.unboundColumns.isEmpty && report.renamedColumns.isEmpty, "\(name)")
            for field in report.fields {
                #expect(field.convertedFrom == nil && field.column == field.field, "\(name).\(field.field)")
            }
        }
    }
}
