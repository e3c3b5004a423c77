import Testing

@testable import KPICore

@Suite("Binding vendor exports by alias")
struct SchemaVendorBindingTests {
    typealias F = SchemaFixture

    /// A HubSpot contacts export: text dates, Lifecycle Stage words, an unbound `First Name`.
    static let hubSpotContacts = F.table(
        "contacts", source: "hubspot/contacts.csv",
        [
            F.int("Record ID", [101, 102, 103, 104, 105]),
            F.text("First Name", ["Ada", "Ben", "Cy", "Di", "Ed"]),
            F.text(
                "Create Date",
                ["2024-03-05 14:22", "2024-03-06 09:01", "2024-03-07 17:45", "2024-03-08 08:00", "2024-03-09"]),
            F.text(
                "Original Source", ["Organic Search", "Paid Search", "Referrals", "Direct Traffic", "Offline Sources"]),
            F.text("Contact owner", ["Maya Chen", "Omar Ali", "Maya Chen", "Omar Ali", "Maya Chen"]),
            F.text(
                "Lifecycle Stage", ["Marketing Qualified Lead", "Customer", "Lead", "Other", "Sales Qualified Lead"]),
            F.text("Lead Status", ["Connected", "Open Deal", "New", nil, "In Progress"]),
            F.text("Became an Opportunity Date", [nil, "2024-03-20", nil, nil, nil]),
            F.text("Country/Region", ["Germany", "France", "United States", nil, "Spain"]),
            F.text("Marketing emails opened", ["3", "0", "12", "", "1"]),
        ])

    @Test("HubSpot contacts: aliases, Lifecycle Stage words, text coerced")
    func hubSpotContactsBind() throws {
        let result = try SchemaBinder().bind([Self.hubSpotContacts])
        let leads = try #require(result.dataset["leads"])
        #expect(leads.column(named: "lead_id")?.type == .int)
        #expect(leads.column(named: "created_at")?.value(at: 0) == .timestamp(F.ms("2024-03-05T14:22:00Z")))
        #expect(leads.column(named: "created_at")?.value(at: 4) == .timestamp(F.ms("2024-03-09T00:00:00Z")))
        #expect(F.cells(leads, "source").first == "Organic Search")
        #expect(F.cells(leads, "rep") == ["Maya Chen", "Omar Ali", "Maya Chen", "Omar Ali", "Maya Chen"])
        #expect(F.cells(leads, "status") == ["contacted", "won", "new", "Other", "qualified"])
        #expect(F.cells(leads, "region").first == "Germany")
        #expect(F.cells(leads, "email_opens") == ["3", "0", "12", "null", "1"])
        #expect(leads.column(named: "converted_at")?.value(at: 1) == .timestamp(F.ms("2024-03-20T00:00:00Z")))
        #expect(F.cells(leads, "First Name").count == 5)
        #expect(F.cells(leads, "Lead Status").first == "Connected", "the losing status column stays as loaded")

        let report = try #require(result.report.table(named: "leads"))
        #expect(report.field(named: "status")?.column == "Lifecycle Stage")
        #expect(report.field(named: "status")?.origin == .alias("Lifecycle Stage"))
        #expect(report.field(named: "created_at")?.convertedFrom == .text)
        #expect(report.unknownValues.first?.examples == ["Other"])
        #expect(report.unboundColumns == ["First Name", "Lead Status"])
        #expect(report.missingRequired.isEmpty)
        #expect(report.notes.contains { $0.contains("status also matches Lead Status") })
    }

    @Test("HubSpot deals: Deal Stage words, other stages are open opportunities")
    func hubSpotDeals() throws {
        let deals = F.table(
            "deals",
            [
                F.int("Record ID", [1, 2, 3]),
                F.text("Deal Stage", ["Closed Won", "closedlost", "Appointment Scheduled"]),
                F.text("Deal owner", ["A", "B", "C"]),
                F.text("Create Date", ["2024-01-02", "2024-01-03", "2024-01-04"]),
                F.text("Close Date", ["2024-02-01", "2024-02-02", nil]),
                F.double("Amount", [5000, 1200.5, nil]),
            ])
        let result = try SchemaBinder().bind([deals])
        let leads = try #require(result.dataset["leads"])
        #expect(F.cells(leads, "status") == ["won", "lost", "opportunity"])
        #expect(leads.column(named: "amount")?.value(at: 1) == .double(1200.5))
        #expect(result.report.table(named: "leads")?.unknownValues.isEmpty == true)
        #expect(result.report.table(named: "leads")?.missingRequired == ["source"])
    }

    /// A Salesforce opportunity report with API-style flags.
    static let salesforceOpportunities = F.table(
        "opportunities",
        [
            F.text("Opportunity ID", ["006A", "006B", "006C", "006D", "006E"]),
            F.text("Created Date", ["2024-03-05 14:22", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-09"]),
            F.text("Lead Source", ["Web", "Partner Referral", "Web", "Trade Show", "Web"]),
            F.text("Opportunity Owner", ["Kim Lee", "Raj Patel", "Kim Lee", "Raj Patel", "Kim Lee"]),
            F.text("Stage", ["Negotiation/Review", "Closed Won", "Closed Lost", "Prospecting", "Closed Won"]),
            F.text("Close Date", ["2024-04-01", "2024-04-02", "2024-04-03", nil, "2024-04-05"]),
            F.text("Amount", ["12,500.00", "8000", "3,100.50", nil, "950"]),
            F.text("IsWon", ["true", "false", "false", "false", "true"]),
            F.text("IsClosed", ["true", "true", "true", "false", "true"]),
        ])

    @Test("Salesforce: IsWon and IsClosed win over stage names")
    func salesforceFlagsWin() throws {
        let result = try SchemaBinder().bind([Self.salesforceOpportunities])
        let leads = try #require(result.dataset["leads"])
        // Row 1 says Negotiation but IsWon; row 2 says Closed Won but IsWon is false and it is closed.
        #expect(F.cells(leads, "status") == ["won", "lost", "lost", "opportunity", "won"])
        #expect(F.cells(leads, "lead_id").first == "006A")
        #expect(leads.column(named: "amount")?.value(at: 0) == .double(12500))
        #expect(F.cells(leads, "IsWon").first == "true", "flag columns stay in the table")
        let status = try #require(result.report.table(named: "leads")?.field(named: "status"))
        #expect(status.column == "Stage")
        #expect(status.flagColumns == ["IsWon", "IsClosed"])
        #expect(result.report.description.contains("status ← Stage + IsWon, IsClosed"))
    }

    @Test("Salesforce leads: Lead Status words, API names")
    func salesforceLeads() throws {
        let table = F.table(
            "Lead",
            [
                F.text("Id", ["00Q1", "00Q2", "00Q3", "00Q4"]),
                F.text(
                    "CreatedDate",
                    ["2024-01-01T10:00:00Z", "2024-01-02T10:00:00Z", "2024-01-03T10:00:00Z", "2024-01-04T10:00:00Z"]),
                F.text("LeadSource", ["Web", "Web", "Phone Inquiry", "Web"]),
                F.text("OwnerId", ["005A", "005B", "005A", "005B"]),
                F.text(
                    "Status",
                    ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"]),
                F.text("ConvertedDate", [nil, nil, "2024-01-09", nil]),
            ])
        let result = try SchemaBinder().bind([table])
        let leads = try #require(result.dataset["leads"])
        #expect(F.cells(leads, "status") == ["new", "contacted", "opportunity", "disqualified"])
        #expect(leads.column(named: "converted_at")?.value(at: 2) == .timestamp(F.ms("2024-01-09")))
        #expect(result.report.table(named: "leads")?.field(named: "lead_id")?.origin == .alias("Id"))
    }

    @Test("Pipedrive: Deal - prefixes, Deal - Status wins over Deal - Stage")
    func pipedrive() throws {
        let table = F.table(
            "deals",
            [
                F.int("Deal - ID", [7, 8, 9]),
                F.text("Deal - Title", ["Acme, Inc. renewal", "Globex", "Initech"]),
                F.text("Deal - Owner", ["Ann", "Bo", "Ann"]),
                F.double("Deal - Value", [1500, 300, 0]),
                F.text("Deal - Status", ["Won", "Lost", "Open"]),
                F.text("Deal - Stage", ["Negotiations Started", "Qualified", "Contact Made"]),
                F.text("Deal - Deal created", ["2024-02-01 09:30:00", "2024-02-02 10:00:00", "2024-02-03 11:15:00"]),
                F.text("Deal - Won time", ["2024-03-01 12:00:00", nil, nil]),
                F.text("dealsourcechannel", ["Web forms", "Chatbot", "Web forms"]),
                F.text("Deal - Lost reason", [nil, "Price", nil]),
            ])
        let result = try SchemaBinder().bind([table])
        let leads = try #require(result.dataset["leads"])
        #expect(F.cells(leads, "lead_id") == ["7", "8", "9"])
        #expect(F.cells(leads, "status") == ["won", "lost", "opportunity"])
        #expect(F.cells(leads, "source") == ["Web forms", "Chatbot", "Web forms"])
        #expect(F.cells(leads, "lost_reason")[1] == "Price")
        #expect(leads.column(named: "closed_at")?.value(at: 0) == .timestamp(F.ms("2024-03-01T12:00:00Z")))
        let report = try #require(result.report.table(named: "leads"))
        #expect(report.field(named: "status")?.column == "Deal - Status")
        #expect(report.field(named: "source")?.column == "dealsourcechannel")
        #expect(report.unboundColumns == ["Deal - Title", "Deal - Stage"])
    }

    @Test("canonical status words pass through in any case")
    func canonicalWords() throws {
        let table = F.table("leads", [F.int("lead_id", [1, 2, 3]), F.text("status", ["WON", "Qualified", "lost"])])
        let result = try SchemaBinder().bind([table])
        #expect(F.cells(result.dataset["leads"], "status") == ["won", "qualified", "lost"])
        #expect(result.report.table(named: "leads")?.field(named: "status")?.origin == .canonicalName)
    }

    @Test("activities: engagement types through the activity vocabulary, unknown kept")
    func activities() throws {
        let table = F.table(
            "engagements",
            [
                F.int("Engagement ID", [1, 2, 3]),
                F.int("Contact ID", [101, 102, 101]),
                F.text("Activity owner", ["A", "B", "A"]),
                F.text("Engagement type", ["CALL", "Incoming email", "NOTE"]),
                F.text("Create Date", ["2024-01-01", "2024-01-02", "2024-01-03"]),
                F.text("Done", ["yes", "no", "yes"]),
            ])
        let result = try SchemaBinder().bind([table])
        let activities = try #require(result.dataset["activities"])
        #expect(F.cells(activities, "type") == ["call", "email", "NOTE"])
        #expect(F.cells(activities, "completed") == ["true", "false", "true"])
        #expect(result.report.table(named: "activities")?.unknownValues.first?.rowCount == 1)
    }
}
