extension CanonicalSchema {
    /// The schema of `shared/spec/crm-schema.md`, with the vendor aliases of its alias table.
    ///
    /// Aliases beyond the spec's table (marked in `docs/schema.md`) cover the other tables and a
    /// few common export columns; every alias is listed in the docs.
    public static let standard = CanonicalSchema(
        tables: [leads, stageHistory, activities, customers, surveys, spend, traffic, finance], otherShapes: otherShapes,
        links: links, reportingBasis: FieldPath("leads", "created_at"))

    /// An activity, a stage change or a customer to its lead; a survey to its customer.
    private static let links: [TableLink] = [
        TableLink(table: "activities", key: "lead_id", target: "leads", targetKey: "lead_id", origin: .canonical),
        TableLink(table: "stage_history", key: "lead_id", target: "leads", targetKey: "lead_id", origin: .canonical),
        TableLink(table: "customers", key: "lead_id", target: "leads", targetKey: "lead_id", origin: .canonical),
        TableLink(table: "surveys", key: "customer_id", target: "customers", targetKey: "customer_id", origin: .canonical),
    ]

    /// Lead statuses that close a lead: its `closed_at` is then a close that happened.
    private static let closedStatuses: Set<String> = ["won", "lost", "disqualified"]

    /// Exports that look like CRM data but are no canonical table: kept as loaded, said so.
    private static let otherShapes: [TableSignature] = [
        TableSignature(
            "Salesforce account report", columns: ["Account Name", "Account Owner"],
            note: "accounts are companies, not leads"),
        TableSignature("Salesforce account export", columns: ["Id", "Name", "BillingCountry"], note: "accounts are companies, not leads"),
        TableSignature("Salesforce contact report", columns: ["Contact ID", "Account Name"], note: "contacts of accounts, not leads"),
        TableSignature("HubSpot companies export", columns: ["Record ID", "Company name", "Company owner"], note: "companies, not leads"),
        TableSignature("Pipedrive organizations export", columns: ["Organization - Name", "Organization - Owner"], note: "organizations, not deals"),
        TableSignature("Pipedrive persons export", columns: ["Person - Name", "Person - Owner"], note: "people, not deals"),
        TableSignature(
            "Zoho CRM accounts export", columns: ["Account Name", "Account Owner", "Account Type"], note: "accounts are companies, not leads"),
    ]

    private static let leads = CanonicalTable(
        "leads",
        aliases: ["lead", "contact", "contacts", "deal", "deals", "opportunity", "opportunities"],
        fields: [
            CanonicalField(
                "lead_id", .identifier, required: true,
                aliases: [
                    "Record ID", "Lead ID", "Opportunity ID", "Id", "Deal - ID", "Deal ID", "Prospect ID", "Lead Number",
                ]),
            CanonicalField(
                "created_at", .timestamp, required: true,
                aliases: [
                    "Create Date", "Created Date", "CreatedDate", "Deal - Deal created", "Created Time", "Created On",
                    "Date Created", "Creation Date", "Created", "Engage Date",
                ],
                event: FieldEvent("the latest lead created")),
            CanonicalField(
                "source", .text, required: true,
                aliases: [
                    "Original Source", "Lead Source", "LeadSource", "Deal - Source channel", "Deal - Source origin",
                    "Source", "Lead Channel",
                ]),
            CanonicalField(
                "rep", .text, required: true,
                aliases: [
                    "Contact owner", "Deal owner", "Lead Owner", "Opportunity Owner", "OwnerId", "Deal - Owner",
                    "Sales Agent", "Salesperson", "Sales Rep", "Sales Representative", "Account Executive", "Owner",
                    "Owner Name", "Assigned To",
                ]),
            CanonicalField("region", .text, aliases: ["Country/Region", "Billing Country", "Country", "Region"]),
            CanonicalField("industry", .text, aliases: ["Industry"]),
            CanonicalField(
                "status", .text, required: true,
                aliases: [
                    FieldAlias("Deal - Status", vocabulary: .statusColumn),
                    FieldAlias("Status", vocabulary: .statusColumn),
                    FieldAlias("Lifecycle Stage", vocabulary: .hubSpotLifecycleStage),
                    FieldAlias("Lead Status", vocabulary: .leadStatus),
                    FieldAlias("Deal Stage", vocabulary: .dealStage),
                    FieldAlias("Stage", vocabulary: .dealStage),
                    FieldAlias("StageName", vocabulary: .dealStage),
                    FieldAlias("Deal Status", vocabulary: .statusColumn),
                    FieldAlias("Opportunity Stage", vocabulary: .dealStage),
                    FieldAlias("Sales Stage", vocabulary: .dealStage),
                ],
                vocabulary: .statusColumn),
            CanonicalField(
                "first_contact_at", .timestamp, aliases: ["First Contact Date", "First Contacted"],
                event: FieldEvent("the latest first contact")),
            CanonicalField(
                "qualified_at", .timestamp, aliases: ["Became a Sales Qualified Lead Date"], event: FieldEvent("the latest qualification")),
            CanonicalField(
                "converted_at", .timestamp, aliases: ["Became an Opportunity Date", "Converted Date", "ConvertedDate"],
                event: FieldEvent("the latest conversion")),
            CanonicalField(
                "closed_at", .timestamp,
                aliases: [
                    "Close Date", "Recent Deal Close Date", "CloseDate", "Deal - Deal closed on", "Deal - Won time",
                    "Deal - Lost time", "Closed Date", "Closing Date", "Date Closed",
                ],
                combinesMatches: true,
                event: FieldEvent("the latest close", onlyWhere: FieldValueCondition(field: "status", values: closedStatuses))),
            CanonicalField(
                "amount", .money, aliases: ["Amount", "Deal - Value", "Deal Value", "Close Value", "Opportunity Amount"]),
            CanonicalField("nurtured", .bool),
            CanonicalField("email_opens", .int, aliases: ["Marketing emails opened"], unit: .count),
            CanonicalField("email_clicks", .int, aliases: ["Marketing emails clicked"], unit: .count),
            CanonicalField("lost_reason", .text, aliases: ["Closed Lost Reason", "Loss Reason", "Deal - Lost reason"]),
        ],
        signatures: [
            TableSignature("HubSpot deals export", columns: ["Record ID", "Deal Name", "Deal Stage"]),
            TableSignature("HubSpot contacts export", columns: ["Record ID", "Lifecycle Stage"]),
            TableSignature("Salesforce opportunity report", columns: ["Opportunity Name", "Stage", "Close Date"]),
            TableSignature("Salesforce opportunity export (API names)", columns: ["Id", "StageName", "CloseDate"]),
            TableSignature(
                "Salesforce lead report", columns: ["Lead Status", "Company"],
                note: "its Converted means 'became an opportunity', not won", outcomeWhenTrue: "opportunity", outcomeWhenFalse: "new"),
            TableSignature(
                "Salesforce lead report", columns: ["Lead Owner", "Company", "Converted"],
                note: "its Converted means 'became an opportunity', not won", outcomeWhenTrue: "opportunity", outcomeWhenFalse: "new"),
            TableSignature(
                "Salesforce lead export (API names)", columns: ["Status", "LeadSource", "Company"],
                note: "its IsConverted means 'became an opportunity', not won", outcomeWhenTrue: "opportunity",
                outcomeWhenFalse: "new"),
            TableSignature("Pipedrive deals export", columns: ["Deal - Title", "Deal - Status"]),
            TableSignature("Zoho CRM deals export", columns: ["Deal Name", "Stage", "Closing Date"]),
            TableSignature("Zoho CRM leads export", columns: ["Lead Status", "Lead Source", "Lead Owner"]),
            TableSignature("deal pipeline (Maven CRM shape)", columns: ["opportunity_id", "sales_agent", "deal_stage"]),
            TableSignature("lead list with a Converted flag", columns: ["Prospect ID", "Converted"]),
        ],
        columnPrefixes: ["Deal", "Lead"],
        outcomeFlags: ["Converted", "Is Converted", "IsConverted", "Won", "Is Won", "Closed Won", "Is Closed Won", "Deal Won"],
        dateBasis: "created_at", rowNoun: RowNoun("lead", "leads"))

    private static let stageHistory = CanonicalTable(
        "stage_history",
        aliases: ["stage_changes", "lead_history", "deal_history", "opportunity_history", "deal_stage_history"],
        fields: [
            CanonicalField(
                "lead_id", .identifier, required: true,
                aliases: ["Record ID", "Lead ID", "Opportunity ID", "OpportunityId", "Deal - ID"]),
            CanonicalField(
                "stage", .text, required: true,
                aliases: [
                    FieldAlias("Status", vocabulary: .statusColumn),
                    FieldAlias("Lifecycle Stage", vocabulary: .hubSpotLifecycleStage),
                    FieldAlias("Lead Status", vocabulary: .leadStatus),
                    FieldAlias("Deal Stage", vocabulary: .dealStage),
                    FieldAlias("StageName", vocabulary: .dealStage),
                ],
                vocabulary: .status),
            CanonicalField(
                "entered_at", .timestamp, required: true,
                aliases: ["Entered", "Date entered", "Changed at", "Created Date", "CreatedDate"],
                event: FieldEvent("the latest stage change")),
        ],
        recognitionNeeds: ["entered_at"], dateBasis: "entered_at", rowNoun: RowNoun("stage change", "stage changes"))

    private static let activities = CanonicalTable(
        "activities",
        aliases: ["activity", "engagement", "engagements", "task", "tasks"],
        fields: [
            CanonicalField("activity_id", .identifier, aliases: ["Engagement ID", "Record ID", "Id", "Activity ID"]),
            CanonicalField(
                "lead_id", .identifier, required: true,
                aliases: ["Contact ID", "Deal ID", "Opportunity ID", "WhoId", "Lead ID"]),
            CanonicalField(
                "rep", .text, required: true,
                aliases: ["Activity owner", "Assigned to", "Owner", "OwnerId", "Activity - Assigned to user", "Assigned to user"]),
            CanonicalField(
                "type", .text, required: true,
                aliases: ["Activity type", "Engagement type", "TaskSubtype", "Subtype", "Type"],
                vocabulary: .activityType),
            CanonicalField(
                "created_at", .timestamp, required: true,
                aliases: ["Create Date", "Created Date", "CreatedDate", "Add time"], event: FieldEvent("the latest activity")),
            CanonicalField("scheduled_at", .timestamp, aliases: ["Due date", "ActivityDate", "Start time"]),
            CanonicalField("completed", .bool, aliases: ["Done", "Is Completed", "IsClosed"]),
            CanonicalField("duration_minutes", .int, aliases: ["Duration (minutes)", "DurationInMinutes"], unit: .duration(.minutes)),
        ],
        signatures: [
            TableSignature("Pipedrive activities export", columns: ["Activity - Subject", "Activity - Type"]),
            TableSignature("Salesforce task export (API names)", columns: ["WhoId", "TaskSubtype"]),
            TableSignature("HubSpot engagements export", columns: ["Engagement ID", "Engagement type"]),
        ],
        columnPrefixes: ["Activity"], recognitionNeeds: ["type"], dateBasis: "created_at", rowNoun: RowNoun("activity", "activities"))

    private static let customers = CanonicalTable(
        "customers",
        aliases: ["customer", "clients", "subscriptions"],
        fields: [
            CanonicalField(
                "customer_id", .identifier, required: true, aliases: ["Record ID", "Account ID", "AccountId"]),
            CanonicalField("lead_id", .identifier, aliases: ["Contact ID", "Opportunity ID"]),
            CanonicalField(
                "started_at", .timestamp, required: true,
                aliases: ["Became a Customer Date", "Customer since", "Start date"], event: FieldEvent("the latest new customer")),
            CanonicalField(
                "churned_at", .timestamp, aliases: ["Churn date", "Cancelled at", "Cancellation date"], event: FieldEvent("the latest churn")),
            CanonicalField("monthly_revenue", .money, aliases: ["MRR", "Monthly recurring revenue"]),
        ],
        recognitionNeeds: ["customer_id", "started_at"], dateBasis: "started_at", rowNoun: RowNoun("customer", "customers"))

    private static let surveys = CanonicalTable(
        "surveys",
        aliases: ["survey", "survey_responses", "nps_responses", "feedback"],
        fields: [
            CanonicalField("customer_id", .identifier, aliases: ["Record ID", "Account ID"]),
            CanonicalField(
                "answered_at", .timestamp, aliases: ["Submitted at", "Response date"], event: FieldEvent("the latest survey answer")),
            CanonicalField("nps", .int, aliases: ["NPS score", "Likelihood to recommend"], unit: .score),
            CanonicalField("csat", .int, aliases: ["CSAT score", "Satisfaction"], unit: .score),
        ],
        dateBasis: "answered_at", rowNoun: RowNoun("survey answer", "survey answers"))

    private static let spend = CanonicalTable(
        "spend",
        aliases: ["marketing_spend", "ad_spend", "costs"],
        fields: [
            CanonicalField("month", .month, required: true, aliases: ["Period"]),
            CanonicalField("channel", .text, aliases: ["Source"], formulaAliases: ["source"]),
            CanonicalField("amount", .money, required: true, aliases: ["Spend", "Cost"]),
        ],
        dateBasis: "month", rowNoun: RowNoun("spend row", "spend rows"))

    private static let traffic = CanonicalTable(
        "traffic",
        aliases: ["visits", "web_traffic", "website_traffic", "sessions"],
        fields: [
            CanonicalField("month", .month, required: true, aliases: ["Period"]),
            CanonicalField("channel", .text, aliases: ["Source"], formulaAliases: ["source"]),
            CanonicalField("visitors", .int, required: true, aliases: ["Visits", "Sessions", "Users"], unit: .count),
        ],
        dateBasis: "month", rowNoun: RowNoun("traffic row", "traffic rows"))

    private static let finance = CanonicalTable(
        "finance",
        aliases: ["financials", "books"],
        fields: [
            CanonicalField("month", .month, aliases: ["Period"]),
            CanonicalField("revenue", .money, aliases: ["Sales"]),
            CanonicalField("cogs", .money, aliases: ["Cost of goods sold"]),
            CanonicalField("average_inventory", .money, aliases: ["Inventory"]),
            CanonicalField("hours_worked", .number, aliases: ["Hours"]),
            CanonicalField("output", .number, aliases: ["Units produced"]),
        ],
        dateBasis: "month", rowNoun: RowNoun("finance row", "finance rows"))
}
