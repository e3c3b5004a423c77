import Foundation
import Testing

@testable import KPICore

@Suite("Mapping files")
struct SchemaMappingTests {
    typealias F = SchemaFixture

    /// The shipped Maven mapping, read from the repository.
    static let mavenMappingURL = PackagePaths.repositoryRoot.appendingPathComponent("mappings/maven-crm.json")

    /// Rows shaped like Maven's sales_pipeline.csv, one per deal stage, plus its quirks.
    static let salesPipeline = F.table(
        "sales_pipeline", source: "maven-crm/sales_pipeline.csv",
        [
            F.text("opportunity_id", ["1C1I7A6R", "Z063OYW0", "HAXMC4IX", "UP409DSB", "0DM8DMQL"]),
            F.text(
                "sales_agent", ["Moses Frase", "Darcel Schlecht", "James Ascencio", "Zane Levy", "Versie Hillebrand"]),
            F.text("product", ["GTX Plus Basic", "GTXPro", "MG Advanced", "GTX Plus Pro", "GTX Basic"]),
            F.text("account", ["Cancity", "Isdom", nil, "Hottechi", nil]),
            F.text("deal_stage", ["Won", "Lost", "Engaging", "Won", "Prospecting"]),
            F.date("engage_date", ["2016-10-20", "2016-10-25", "2017-12-27", "2016-11-02", nil]),
            F.date("close_date", ["2017-03-01", "2017-03-11", nil, "2016-12-05", nil]),
            F.int("close_value", [1054, 0, nil, 5169, nil]),
        ])

    @Test("the shipped Maven mapping binds sales_pipeline as leads")
    func mavenMapping() throws {
        let mapping = try Mapping.load(from: Self.mavenMappingURL)
        let products = F.table("products", [F.text("product", ["GTX Basic"]), F.int("sales_price", [550])])
        let result = try SchemaBinder(mapping: mapping).bind([Self.salesPipeline, products])
        let leads = try #require(result.dataset["leads"])
        #expect(F.cells(leads, "lead_id").first == "1C1I7A6R")
        #expect(F.cells(leads, "rep")[1] == "Darcel Schlecht")
        #expect(F.cells(leads, "status") == ["won", "lost", "opportunity", "won", "new"])
        #expect(leads.column(named: "created_at")?.value(at: 0) == .timestamp(F.ms("2016-10-20")))
        #expect(leads.column(named: "created_at")?.value(at: 4) == .null, "Prospecting deals have no engage_date")
        #expect(F.cells(leads, "converted_at") == F.cells(leads, "created_at"))
        #expect(leads.column(named: "closed_at")?.type == .timestamp)
        #expect(leads.column(named: "amount")?.value(at: 3) == .double(5169))
        #expect(F.cells(leads, "product")[1] == "GTXPro", "unbound columns are kept as loaded")
        #expect(result.dataset["products"] != nil)

        let report = try #require(result.report.table(named: "leads"))
        #expect(report.missingRequired == ["source"])
        #expect(report.unknownValues.isEmpty)
        #expect(report.field(named: "status")?.translatedRowCount == 5)
        #expect(report.unboundColumns == ["product", "account"])
        #expect(result.report.unboundTables == [UnboundTable(name: "products")])
        #expect(result.report.mappingFile == Self.mavenMappingURL.path)
    }

    @Test("a mapping overrides aliases, leaves fields unbound and renames colliding columns")
    func overrides() throws {
        let table = F.table(
            "deals",
            [
                F.int("Record ID", [1, 2]),
                F.text("owner_email", ["a@x.com", "b@x.com"]),
                F.text("Deal owner", ["A", "B"]),
                F.text("amount", ["10", "20"]),
                F.text("Deal Stage", ["Pitch", "Signed"]),
            ])
        let mapping = try Mapping.parse(
            #"""
            {"tables": {"leads": {"from": "DEALS", "fields": {"rep": "owner_email", "amount": null},
                                  "values": {"status": {"pitch": "qualified", "Signed": "won"}}}}}
            """#)
        let result = try SchemaBinder(mapping: mapping).bind([table])
        let leads = try #require(result.dataset["leads"])
        #expect(F.cells(leads, "rep") == ["a@x.com", "b@x.com"])
        #expect(F.cells(leads, "status") == ["qualified", "won"])
        #expect(leads.column(named: "amount") == nil)
        #expect(F.cells(leads, "amount_raw") == ["10", "20"])
        let report = try #require(result.report.table(named: "leads"))
        #expect(report.renamedColumns == [ColumnRename(from: "amount", to: "amount_raw")])
        #expect(report.field(named: "rep")?.origin == .mapping)
        #expect(report.unboundColumns.contains("Deal owner"))
    }

    @Test("auto false binds only the listed fields")
    func autoOff() throws {
        let table = F.table("deals", [F.int("Record ID", [1]), F.text("Deal owner", ["A"])])
        let mapping = try Mapping.parse(#"{"tables": {"leads": {"auto": false, "fields": {"lead_id": "record id"}}}}"#)
        let result = try SchemaBinder(mapping: mapping).bind([table])
        #expect(result.dataset["leads"]?.columnNames == ["lead_id", "Deal owner"])
    }

    @Test(
        "mapping errors name the file, line, column and JSON path",
        arguments: [
            ("{\"tables\": {\"leeds\": {}}}", "mapping.unknown-table", 1, 13, "tables.leeds"),
            (
                "{\"tables\": {\"leads\": {\n  \"fields\": {\"reps\": \"x\"}}}}", "mapping.unknown-field", 2, 14,
                "tables.leads.fields.reps"
            ),
            (
                "{\"tables\": {\"leads\": {\"fields\": {\"rep\": 3}}}}", "mapping.syntax", 1, 41,
                "tables.leads.fields.rep"
            ),
            ("{\"tables\": {\"leads\": {\"form\": \"x\"}}}", "mapping.unknown-key", 1, 23, "tables.leads.form"),
            ("{\"tables\": {\n\"leads\": {,}}}", "mapping.syntax", 2, 11, "quoted key"),
            (
                "{\"tables\": {\"leads\": {\"values\": {\"amount\": {}}}}}", "mapping.values-not-text", 1, 34,
                "tables.leads.values.amount"
            ),
            ("{\"tables\": {}, \"tables\": {}}", "mapping.syntax", 1, 16, "duplicate key"),
        ])
    func errors(json: String, id: String, line: Int, column: Int, mentions: String) {
        do {
            _ = try Mapping.parse(json, file: "m.json")
            Issue.record("expected \(id)")
        } catch let error as DataError {
            #expect(error.id.rawValue == id)
            #expect(error.location == SourceLocation(file: "m.json", line: line, column: column))
            #expect(error.message.contains(mentions), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a mapped table or column that was not loaded is an error at the mapping entry")
    func missingSources() throws {
        let table = F.table("deals", [F.int("id", [1])])
        let missingTable = try Mapping.parse(#"{"tables": {"leads": {"from": "pipeline"}}}"#, file: "m.json")
        #expect(throws: DataError.self) { try SchemaBinder(mapping: missingTable).bind([table]) }
        do {
            _ = try SchemaBinder(mapping: missingTable).bind([table])
        } catch let error as DataError {
            #expect(error.id == "mapping.missing-table")
            #expect(error.location.line == 1)
        }
        let missingColumn = try Mapping.parse(#"{"tables": {"leads": {"fields": {"rep": "agent"}}}}"#, file: "m.json")
        do {
            _ = try SchemaBinder(mapping: missingColumn).bind([table])
            Issue.record("expected mapping.missing-column")
        } catch let error as DataError {
            #expect(error.id == "mapping.missing-column")
            #expect(error.message.contains("tables.leads.fields.rep"))
            #expect(error.location.column == 34)
        }
    }

    @Test("load reads a file; a missing file is mapping.unreadable; the conventional name is found next to data")
    func files() throws {
        let scratch = try TemporaryDirectory("kpikit-mapping")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        let data = folder.appendingPathComponent("deals.csv")
        #expect(Mapping.conventionalURL(near: data) == nil)
        let file = folder.appendingPathComponent(Mapping.conventionalFileName)
        try Data(#"{"tables": {"leads": {"from": "deals"}}}"#.utf8).write(to: file)
        #expect(Mapping.conventionalURL(near: data)?.lastPathComponent == "kpikit-mapping.json")
        #expect(Mapping.conventionalURL(near: folder)?.lastPathComponent == "kpikit-mapping.json")
        let mapping = try Mapping.load(from: file)
        #expect(mapping.table(named: "leads")?.from == "deals")
        #expect(mapping.file == file.path)
        #expect(throws: DataError.self) { try Mapping.load(from: folder.appendingPathComponent("none.json")) }
    }
}
