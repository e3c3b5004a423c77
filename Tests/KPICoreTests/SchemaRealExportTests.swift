import KPICore
import Testing

private typealias F = SchemaFixture

/// Binding real exports: tables recognised by their columns, outcome flags, combined close
/// columns, mapping formats and derived fields, links, and every cell read as null recorded.
@Suite("Binding real exports")
struct SchemaRealExportTests {
    private func bind(_ tables: [Table], mapping: String? = nil, options: BindOptions = BindOptions()) throws -> BindingResult {
        let parsed = try mapping.map { try Mapping.parse($0) }
        return try SchemaBinder(mapping: parsed, options: options).bind(tables)
    }

    // MARK: Recognition

    @Test("a header in a vendor's shape is recognised whatever the file is called, and the report says why")
    func recognisedByColumns() throws {
        let names: [(String, [String], String)] = [
            (
                "report1701234567890", ["Opportunity Owner", "Opportunity Name", "Opportunity ID", "Stage", "Close Date", "Amount"],
                "Salesforce opportunity report"
            ),
            (
                "hubspot-crm-exports-all-deals-2024-12-02",
                ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Create Date"], "HubSpot deals export"
            ),
            ("deals-13874512-41", ["Deal - ID", "Deal - Title", "Deal - Status", "Deal - Owner", "Deal - Value"], "Pipedrive deals export"),
            ("Q3 final", ["Lead ID", "Company", "Lead Status", "Lead Source", "Lead Owner", "Created Date"], "Salesforce lead report"),
        ]
        for (name, columns, shape) in names {
            let table = F.table(name, columns.map { F.text($0, ["x"]) })
            let result = try bind([table])
            let report = try #require(result.report.table(named: "leads"), "\(name) should be leads")
            #expect(report.sourceTable == name)
            #expect(report.recognition?.hasPrefix(shape + " — ") == true, "\(report.recognition ?? "nil")")
        }
    }

    @Test("generic headers are recognised by the fields they match; a near tie binds neither and says both")
    func genericAndTies() throws {
        let generic = F.table(
            "export", [F.text("Lead ID", ["1"]), F.text("Created", ["2024-01-01"]), F.text("Lead Source", ["Web"]), F.text("Status", ["won"])])
        #expect(try bind([generic]).report.table(named: "leads")?.recognition?.hasPrefix("its columns ") == true)

        // An activity export and a lead list share Id, Owner and Created Date; the activity's type decides.
        let activity = F.table(
            "export",
            [
                F.text("Id", ["1"]), F.text("Type", ["call"]), F.text("Owner", ["Ana"]), F.text("Created Date", ["2024-01-01"]),
                F.text("Contact ID", ["7"]),
            ])
        #expect(try bind([activity]).report.table(named: "activities") != nil)

        let tie = F.table(
            "export", [F.text("Id", ["1"]), F.text("Type", ["call"]), F.text("Owner", ["Ana"]), F.text("Created Date", ["2024-01-01"])])
        let result = try bind([tie])
        #expect(result.report.tables.isEmpty)
        #expect(result.report.notes.contains { $0.contains("could be") && $0.contains(" or ") }, "\(result.report.notes)")
        #expect(result.dataset["export"] != nil, "kept as loaded")
    }

    @Test("a shape that is no canonical table is kept as loaded, said so")
    func otherShapes() throws {
        let accounts = F.table(
            "Accounts 2024",
            [
                F.text("Account Name", ["Acme"]), F.text("Account Owner", ["Ana"]), F.text("Industry", ["Tech"]),
                F.text("Created Date", ["2024-01-01"]),
            ])
        let result = try bind([accounts])
        #expect(result.report.tables.isEmpty)
        #expect(result.report.notes == ["'Accounts 2024' is a Salesforce account report: accounts are companies, not leads; kept as loaded"])
    }

    @Test("a stage history is recognised only with its entered time; a contacts export is leads, not stage history")
    func recognitionNeeds() throws {
        let contacts = F.table("people", [F.text("Record ID", ["1"]), F.text("Lifecycle Stage", ["Lead"]), F.text("Email", ["a@b"])])
        let result = try bind([contacts])
        #expect(result.report.table(named: "stage_history") == nil)
        #expect(result.report.table(named: "leads") != nil)
    }

    @Test("a second export of the same table stays loaded under its name, with a note")
    func secondCandidate() throws {
        let deals = F.table("deals", [F.text("Record ID", ["1"]), F.text("Deal Stage", ["Closed Won"])])
        let other = F.table("pipeline-export", [F.text("Record ID", ["1"]), F.text("Deal Name", ["x"]), F.text("Deal Stage", ["Closed Won"])])
        let result = try bind([deals, other])
        #expect(result.report.table(named: "leads")?.sourceTable == "deals")
        #expect(result.report.notes.contains { $0.contains("also looks like leads") })
        #expect(result.dataset["pipeline-export"]?.rowCount == 1)
    }

    // MARK: Outcomes and closes

    @Test("without a status column a Converted flag is the outcome: won, else lost where closed and open where not")
    func outcomeFlag() throws {
        let withCloses = F.table(
            "leads", [F.int("Lead ID", [1, 2, 3]), F.int("Converted", [1, 0, 0]), F.text("Close Date", ["2024-02-01", "2024-03-01", nil])])
        let result = try bind([withCloses])
        #expect(F.cells(result.dataset["leads"], "status") == ["won", "lost", "opportunity"])
        #expect(result.report.table(named: "leads")?.field(named: "status")?.origin == .outcomeFlag("Converted"))

        let noDates = F.table("leads", [F.int("Prospect ID", [1, 2]), F.text("Converted", ["Yes", "No"])])
        #expect(F.cells(try bind([noDates]).dataset["leads"], "status") == ["won", "lost"])

        // A Salesforce lead report's Converted means "became an opportunity".
        let salesforce = F.table(
            "report1",
            [
                F.text("Lead ID", ["a", "b"]), F.text("Company", ["x", "y"]), F.text("Lead Source", ["Web", "Web"]),
                F.text("Lead Owner", ["Ana", "Bo"]), F.text("Created Date", ["2024-01-01", "2024-01-02"]), F.int("Converted", [1, 0]),
            ])
        let sf = try bind([salesforce])
        #expect(F.cells(sf.dataset["leads"], "status") == ["opportunity", "new"])
        #expect(sf.report.table(named: "leads")?.notes.contains { $0.contains("became an opportunity") } == true)
    }

    @Test("Pipedrive's won and lost times together are closed_at: whichever is set")
    func combinedCloses() throws {
        let deals = F.table(
            "deals",
            [
                F.int("Deal - ID", [1, 2, 3]), F.text("Deal - Status", ["Won", "Lost", "Open"]),
                F.text("Deal - Won time", ["2024-03-20 14:02:11", nil, nil]), F.text("Deal - Lost time", [nil, "2024-04-11 16:45:00", nil]),
            ])
        let result = try bind([deals])
        #expect(F.cells(result.dataset["leads"], "closed_at") == ["2024-03-20T14:02:11Z", "2024-04-11T16:45:00Z", "null"])
        #expect(result.report.table(named: "leads")?.field(named: "closed_at")?.source == .firstOf(["Deal - Won time", "Deal - Lost time"]))
    }

    @Test("a mapped stage column keeps its vendor's words: Closed Won is won though the mapping adds a word")
    func vocabularyMerge() throws {
        let deals = F.table("export", [F.int("id", [1, 2, 3]), F.text("Deal Stage", ["Contract Sent", "Closed Won", "Closed Lost"])])
        let mapping =
            #"{"tables":{"leads":{"from":"export","fields":{"lead_id":"id","status":"Deal Stage"},"values":{"status":{"Contract Sent":"opportunity"}}}}}"#
        #expect(F.cells(try bind([deals], mapping: mapping).dataset["leads"], "status") == ["opportunity", "won", "lost"])
        // A column the aliases do not name still knows every vendor's words.
        let renamed = F.table("export", [F.int("id", [1, 2]), F.text("Phase", ["Closed Won", "Customer"])])
        let other = #"{"tables":{"leads":{"from":"export","fields":{"lead_id":"id","status":"Phase"}}}}"#
        #expect(F.cells(try bind([renamed], mapping: other).dataset["leads"], "status") == ["won", "won"])
    }

    @Test("an API export's nested fields bind by their last part: HubSpot's properties.dealstage")
    func nestedJSONFields() throws {
        let results = F.table(
            "results",
            [
                F.text("id", ["1", "2"]), F.text("properties.dealname", ["a", "b"]), F.text("properties.dealstage", ["closedwon", "closedlost"]),
                F.text("properties.createdate", ["2024-01-02T10:00:00Z", "2024-01-03T10:00:00Z"]),
                F.text("properties.closedate", ["2024-02-02T10:00:00Z", "2024-02-03T10:00:00Z"]), F.text("properties.amount", ["100", "200"]),
            ])
        let result = try bind([results])
        let report = try #require(result.report.table(named: "leads"))
        #expect(report.field(named: "status")?.column == "properties.dealstage")
        #expect(report.field(named: "created_at")?.column == "properties.createdate")
        #expect(F.cells(result.dataset["leads"], "status") == ["won", "lost"])
    }

    @Test("closed stages with a vendor's suffix are outcomes, not open deals")
    func closedStagePrefixes() throws {
        let deals = F.table(
            "deals",
            [
                F.int("Record ID", [1, 2, 3, 4]),
                F.text("Deal Stage", ["Closed-Lost to Competition", "Closed Won - Renewal", "Closed Lost", "Negotiation"]),
            ])
        #expect(F.cells(try bind([deals]).dataset["leads"], "status") == ["lost", "won", "lost", "opportunity"])
    }

    // MARK: Lenient values

    @Test("unreadable cells are null and recorded with their field; required empty cells are listed as missing")
    func lenientIssues() throws {
        let table = F.table(
            "leads",
            [
                F.int("lead_id", [1, 2, 3, 4]), F.text("created_at", ["2024-01-01", "yesterday", nil, "2024-01-04"]),
                F.text("source", ["Web", "N/A", "Ads", nil]), F.text("amount", ["12.50", "n/a", "12.5k", "3"]),
            ])
        let result = try bind([table])
        let issues = result.dataset["leads"]?.origin?.cellIssues ?? []
        let described = issues.map { "\($0.row):\($0.column):\($0.kind.rawValue):\($0.value):\($0.field ?? "")" }
        #expect(
            described == [
                "1:1:not-a-date:yesterday:created_at", "1:2:missing:N/A:source", "1:3:null-word:n/a:amount",
                "2:1:missing::created_at", "2:3:not-a-number:12.5k:amount", "3:2:missing::source",
            ], "\(described)")
        #expect(throws: DataError.self) { try self.bind([table], options: BindOptions(strict: true)) }
    }

    @Test("a mapping declares a field's date order, extra null words and a table's encoding")
    func mappingFormats() throws {
        let table = F.table("export", [F.int("id", [1, 2]), F.text("when", ["03/04/2024", "TBD"]), F.text("amount", ["1.234,50", "2,5"])])
        let mapping = #"""
            {"tables": {"leads": {"from": "export", "encoding": "cp1252", "null": ["TBD"],
              "fields": {"lead_id": "id", "created_at": {"column": "when", "format": "dmy"}, "amount": {"column": "amount", "format": "decimal-comma"}}}}}
            """#
        let parsed = try Mapping.parse(mapping)
        #expect(parsed.table(forLoaded: "export")?.encoding == .windows1252)
        let result = try SchemaBinder(mapping: parsed).bind([table])
        #expect(F.cells(result.dataset["leads"], "created_at") == ["2024-04-03T00:00:00Z", "null"])
        #expect(F.cells(result.dataset["leads"], "amount") == ["1234.5", "2.5"])
        #expect(result.dataset["leads"]?.origin?.cellIssues.map(\.kind) == [.missing])
    }

    @Test(
        "mapping errors for the new keys say where and what is expected",
        arguments: [
            (#"{"tables":{"leads":{"fields":{"created_at":{"column":"x","format":"sometimes"}}}}}"#, "mapping.syntax"),
            (#"{"tables":{"leads":{"encoding":"ebcdic"}}}"#, "mapping.syntax"),
            (#"{"tables":{"leads":{"fields":{"status":{"flag":"Converted"}}}}}"#, "mapping.syntax"),
            (#"{"tables":{"leads":{"fields":{"status":{"column":"a","first":["b"]}}}}}"#, "mapping.syntax"),
            (#"{"tables":{"leads":{"fields":{"amount":{"exists":"deals","then":"won"}}}}}"#, "mapping.values-not-text"),
            (#"{"tables":{"leads":{"fields":{"status":{"lookup":"nodot"}}}}}"#, "mapping.syntax"),
            (#"{"links":[{"from":"a.b"}]}"#, "mapping.syntax"),
            (#"{"tables":{"leads":{"fields":{"status":{"colum":"x"}}}}}"#, "mapping.unknown-key"),
        ])
    func mappingErrors(text: String, id: String) {
        #expect(throws: DataError.self) { try Mapping.parse(text) }
        do {
            _ = try Mapping.parse(text, file: "m.json")
        } catch let error as DataError {
            #expect(error.id.rawValue == id, "\(error)")
            #expect(error.location.line != nil)
        } catch {
            Issue.record("\(error)")
        }
    }

    // MARK: Derived fields and links

    @Test("a status from the existence of a matching row, and a close looked up through the shared key")
    func existsAndLookup() throws {
        let leads = F.table("mqls", [F.text("mql_id", ["a", "b", "c"]), F.text("first_contact_date", ["2024-01-01", "2024-01-02", "2024-01-03"])])
        let deals = F.table("closed_deals", [F.text("mql_id", ["c", "a"]), F.text("won_date", ["2024-03-01 10:00:00", "2024-02-01 09:00:00"])])
        let mapping = #"""
            {"tables": {"leads": {"from": "mqls", "fields": {"lead_id": "mql_id", "created_at": "first_contact_date",
              "status": {"exists": "closed_deals", "then": "won", "else": "lost"}, "closed_at": {"lookup": "closed_deals.won_date"}}}}}
            """#
        let result = try bind([leads, deals], mapping: mapping)
        #expect(F.cells(result.dataset["leads"], "status") == ["won", "lost", "won"])
        #expect(F.cells(result.dataset["leads"], "closed_at") == ["2024-02-01T09:00:00Z", "null", "2024-03-01T10:00:00Z"])
        let missing = #"{"tables": {"leads": {"from": "mqls", "fields": {"lead_id": "mql_id", "status": {"exists": "nowhere", "then": "won"}}}}}"#
        #expect(throws: DataError.self) { try self.bind([leads, deals], mapping: missing) }
    }

    @Test("tables link through a key name they share when it is unique in one; the link uses bound names")
    func sharedKeyLinks() throws {
        let pipeline = F.table(
            "sales_pipeline",
            [
                F.text("opportunity_id", ["o1", "o2", "o3", "o4"]), F.text("sales_agent", ["Ana", "Bo", "Zed", "Ana"]),
                F.text("deal_stage", ["Won", "Lost", "Won", "Lost"]),
            ])
        let teams = F.table("sales_teams", [F.text("sales_agent", ["Ana", "Bo"]), F.text("regional_office", ["East", "West"])])
        let result = try bind([pipeline, teams])
        #expect(result.dataset.links == [TableLink(table: "leads", key: "rep", target: "sales_teams", targetKey: "sales_agent", origin: .sharedName)])
        // No link through a generic name, nor to a column that repeats.
        let a = F.table("a", [F.text("name", ["x", "y"]), F.text("code", ["1", "1"])])
        let b = F.table("b", [F.text("name", ["x", "y"]), F.text("code", ["1", "1"])])
        #expect(try bind([a, b]).dataset.links.isEmpty)
    }

    @Test("a mapping's links name loaded tables and columns; a wrong name is an error at its line")
    func mappingLinks() throws {
        let deals = F.table("deals", [F.int("Record ID", [1]), F.text("Deal owner", ["Ana"])])
        let people = F.table("people", [F.text("full name", ["Ana"]), F.text("team", ["East"])])
        let mapping = #"{"links": [{"from": "deals.Deal owner", "to": "people.full name"}]}"#
        let result = try bind([deals, people], mapping: mapping)
        #expect(result.dataset.links.map(\.description) == ["leads.rep → people.full name"])
        #expect(result.report.links.first?.origin == .mapping)
        let wrong = "{\n  \"links\": [{\"from\": \"deals.owner\", \"to\": \"people.full name\"}]\n}"
        do {
            _ = try bind([deals, people], mapping: wrong)
            Issue.record("expected mapping.missing-column")
        } catch let error as DataError {
            #expect(error.id == "mapping.missing-column")
            #expect(error.location.line == 2)
        }
    }
}
