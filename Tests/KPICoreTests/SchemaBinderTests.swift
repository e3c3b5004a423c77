import Testing

@testable import KPICore

@Suite("Schema binder: tables, unbound data, errors and the report")
struct SchemaBinderTests {
    typealias F = SchemaFixture

    @Test("two tables that could be leads are ambiguous unless one is named leads or a mapping says")
    func ambiguousTables() throws {
        let contacts = F.table("contacts", source: "contacts.csv", [F.int("Record ID", [1])])
        let deals = F.table("deals", source: "deals.csv", [F.int("Record ID", [2])])
        do {
            _ = try SchemaBinder().bind([contacts, deals])
            Issue.record("expected schema.ambiguous-table")
        } catch let error as DataError {
            #expect(error.id == "schema.ambiguous-table")
            #expect(
                error.message.contains("'contacts' (contacts.csv)") && error.message.contains("'deals' (deals.csv)"))
        }
        let leads = F.table("Leads", [F.int("lead_id", [3])])
        let exact = try SchemaBinder().bind([contacts, leads, deals])
        #expect(exact.report.table(named: "leads")?.sourceTable == "Leads")
        #expect(exact.report.unboundTables.map(\.name) == ["contacts", "deals"])

        let mapping = try Mapping.parse(#"{"tables": {"leads": {"from": "deals"}}}"#)
        let mapped = try SchemaBinder(mapping: mapping).bind([contacts, deals])
        #expect(F.cells(mapped.dataset["leads"], "lead_id") == ["2"])
        #expect(F.cells(mapped.dataset["contacts"], "Record ID") == ["1"])
    }

    @Test("unbound tables keep their names unless a canonical table took the name")
    func unboundTables() throws {
        let leads = F.table("leads", [F.int("lead_id", [1])])
        let pipeline = F.table("pipeline", [F.int("opportunity_id", [9])])
        let mapping = try Mapping.parse(#"{"tables": {"leads": {"from": "pipeline"}}}"#)
        let result = try SchemaBinder(mapping: mapping).bind([leads, pipeline])
        #expect(result.dataset.tables.map(\.name) == ["leads_raw", "leads"])
        #expect(F.cells(result.dataset["leads"], "lead_id") == ["9"])
        #expect(result.report.unboundTables == [UnboundTable(name: "leads", renamedTo: "leads_raw")])
    }

    @Test("other canonical tables bind by name and alias, months normalised")
    func otherTables() throws {
        let spend = F.table(
            "marketing_spend",
            [
                F.date("Month", ["2024-01-01", "2024-02-01"]), F.text("Channel", ["Web", "Events"]),
                F.int("Cost", [100, 250]),
            ])
        let traffic = F.table("traffic", [F.text("month", ["2024-01"]), F.text("visits", ["1200"])])
        let result = try SchemaBinder().bind([spend, traffic])
        #expect(F.cells(result.dataset["spend"], "month") == ["2024-01", "2024-02"])
        #expect(result.dataset["spend"]?.column(named: "amount")?.value(at: 1) == .double(250))
        #expect(result.dataset["traffic"]?.column(named: "visitors")?.value(at: 0) == .int(1200))
        #expect(result.report.table(named: "traffic")?.missingOptional == ["channel"])
    }

    @Test("strict: a value that does not convert is schema.bad-value naming table, field, row and value")
    func badValue() {
        let table = F.table(
            "deals", source: "exports/deals.csv",
            [
                F.int("Record ID", [1, 2, 3]), F.text("Create Date", ["2024-01-01", "31/12/2023 10:15", "soon"]),
            ])
        do {
            _ = try SchemaBinder(options: BindOptions(strict: true)).bind([table])
            Issue.record("expected schema.bad-value")
        } catch let error as DataError {
            #expect(error.id == "schema.bad-value")
            #expect(error.location.file == "exports/deals.csv")
            #expect(error.message.contains("leads.created_at (column 'Create Date') of table deals, row 2"))
            #expect(error.message.contains("'31/12/2023 10:15' is not a timestamp"), "\(error.message)")
            #expect(error.message.hasSuffix("; 2 rows of this column fail"), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("two loaded tables with one name are an error, not a silent replacement")
    func duplicateTables() {
        let a = F.table("leads", [F.int("lead_id", [1])])
        #expect(throws: DataError.self) { try SchemaBinder().bind([a, a]) }
    }

    @Test("the report reads as one block per table, then the unbound tables")
    func reportDescription() throws {
        let deals = F.table(
            "deals", source: "deals.csv",
            [
                F.int("Record ID", [1, 2, 3]),
                F.text("Create Date", ["2024-01-01", "2024-01-02", "2024-01-03"]),
                F.text("Deal owner", ["A", "B", "A"]),
                F.text("Lifecycle Stage", ["Lead", "Hold", "Hold"]),
                F.text("Deal Name", ["X", "Y", "Z"]),
            ])
        let accounts = F.table("accounts", [F.text("account", ["Acme"])])
        let report = try SchemaBinder().bind([deals, accounts]).report
        let expected = """
            leads ← deals (deals.csv): lead_id ← Record ID, created_at ← Create Date (text → timestamp), \
            rep ← Deal owner, status ← Lifecycle Stage (1 value translated)
              missing: source (required), region, industry, first_contact_at, qualified_at, converted_at, closed_at, \
            amount, nurtured, email_opens, email_clicks, lost_reason
              unknown status values kept as loaded: 2 rows, 1 distinct: "Hold" ×2
              unbound columns kept: Deal Name
            unbound tables kept: accounts
            """
        #expect(report.description == expected)
    }
}
