import Testing

@testable import KPICore

@Suite("The standard schema carries what formulas know of the CRM tables")
struct SchemaKnowledgeTests {
    let schema = CanonicalSchema.standard

    @Test("every table's date basis is one of its date fields, and every table names its rows")
    func dateBasesAndNouns() throws {
        for table in schema.tables {
            let basis = try #require(table.dateBasis, "\(table.name) has no date basis")
            let type = try #require(table.field(named: basis)?.type, "\(table.name).\(basis) is no field")
            #expect([.timestamp, .month].contains(type), "\(table.name).\(basis) is \(type)")
            #expect(table.rowNoun != nil, "\(table.name) has no row noun")
        }
        #expect(schema.table(named: "surveys")?.rowNoun?.callingRows(1) == "survey answer")
        #expect(schema.table(named: "stage_history")?.rowNoun?.callingRows(2) == "stage changes")
    }

    @Test("the links join identifier fields of the schema; their targets are the join keys")
    func links() {
        #expect(
            schema.links.map(\.description) == [
                "activities.lead_id → leads.lead_id", "stage_history.lead_id → leads.lead_id", "customers.lead_id → leads.lead_id",
                "surveys.customer_id → customers.customer_id",
            ])
        for link in schema.links {
            #expect(link.origin == .canonical)
            #expect(schema.field(FieldPath(link.table, link.key))?.type == .identifier, "\(link)")
            #expect(schema.field(FieldPath(link.target, link.targetKey))?.type == .identifier, "\(link)")
        }
        #expect(schema.joinKeys == ["lead_id", "customer_id"])
    }

    @Test("the reporting basis, formula aliases and units are the spec's")
    func reportingAliasesUnits() {
        #expect(schema.reportingBasis == FieldPath("leads", "created_at"))
        #expect(schema.table(named: "spend")?.field(formulaAlias: "source")?.name == "channel")
        #expect(schema.table(named: "traffic")?.field(formulaAlias: "source")?.name == "channel")
        #expect(schema.table(named: "leads")?.field(formulaAlias: "source") == nil)
        #expect(schema.field(FieldPath("finance", "average_inventory"))?.valueUnit == .money)
        #expect(schema.field(FieldPath("activities", "duration_minutes"))?.valueUnit == .duration(.minutes))
    }

    @Test("events are timestamps; a close counts only for closed statuses")
    func events() throws {
        var events: [String] = []
        for table in schema.tables {
            for field in table.fields where field.event != nil {
                #expect(field.type == .timestamp, "\(table.name).\(field.name)")
                events.append("\(table.name).\(field.name)")
            }
        }
        #expect(
            events == [
                "leads.created_at", "leads.first_contact_at", "leads.qualified_at", "leads.converted_at", "leads.closed_at",
                "stage_history.entered_at", "activities.created_at", "customers.started_at", "customers.churned_at",
                "surveys.answered_at",
            ])
        let close = try #require(schema.field(FieldPath("leads", "closed_at"))?.event)
        #expect(close.onlyWhere == FieldValueCondition(field: "status", values: ["won", "lost", "disqualified"]))
        #expect(schema.field(FieldPath("activities", "scheduled_at"))?.event == nil)
    }
}
