extension CanonicalSchema {
    /// The schema of `shared/spec/crm-schema.md`, with the vendor aliases of its alias table.
    ///
    /// Aliases beyond the spec's table (marked in `docs/schema.md`) cover the other tables and a
    /// few common export columns; every alias is listed in the docs.
    public static let standard = CanonicalSchema(tables: [
        leads, stageHistory, activities, customers, surveys, spend, traffic, finance,
    ])

    private static let leads = CanonicalTable(
        "leads",
        aliases: ["lead", "contact", "contacts", "deal", "deals", "opportunity", "opportunities"],
        fields: [
            CanonicalField(
                "lead_id", .identifier, required: true,
                aliases: ["Record ID", "Lead ID", "Opportunity ID", "Id", "Deal - ID"]),
            CanonicalField(
                "created_at", .timestamp, required: true,
                aliases: ["Create Date", "Created Date", "CreatedDate", "Deal - Deal created"]),
            CanonicalField(
                "source", .text, required: true,
                aliases: [
                    "Original Source", "Lead Source", "LeadSource", "Deal - Source channel", "Deal - Source origin",
                ]),
            CanonicalField(
                "rep", .text, required: true,
                aliases: [
                    "Contact owner", "Deal owner", "Lead Owner", "Opportunity Owner", "OwnerId", "Deal - Owner",
                ]),
            CanonicalField("region", .text, aliases: ["Country/Region", "Billing Country"]),
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
                ],
                vocabulary: .statusColumn),
            CanonicalField("first_contact_at", .timestamp),
            CanonicalField("qualified_at", .timestamp, aliases: ["Became a Sales Qualified Lead Date"]),
            CanonicalField(
                "converted_at", .timestamp, aliases: ["Became an Opportunity Date", "Converted Date", "ConvertedDate"]),
            CanonicalField(
                "closed_at", .timestamp,
                aliases: [
                    "Close Date", "Recent Deal Close Date", "CloseDate", "Deal - Deal closed on", "Deal - Won time",
                    "Deal - Lost time",
                ]),
            CanonicalField("amount", .money, aliases: ["Amount", "Deal - Value"]),
            CanonicalField("nurtured", .bool),
            CanonicalField("email_opens", .int, aliases: ["Marketing emails opened"]),
            CanonicalField("email_clicks", .int, aliases: ["Marketing emails clicked"]),
            CanonicalField("lost_reason", .text, aliases: ["Closed Lost Reason", "Loss Reason", "Deal - Lost reason"]),
        ])

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
                aliases: ["Entered", "Date entered", "Changed at", "Created Date", "CreatedDate"]),
        ])

    private static let activities = CanonicalTable(
        "activities",
        aliases: ["activity", "engagement", "engagements", "task", "tasks"],
        fields: [
            CanonicalField("activity_id", .identifier, aliases: ["Engagement ID", "Record ID", "Id"]),
            CanonicalField(
                "lead_id", .identifier, required: true,
                aliases: ["Contact ID", "Deal ID", "Opportunity ID", "WhoId"]),
            CanonicalField(
                "rep", .text, required: true,
                aliases: ["Activity owner", "Assigned to", "Owner", "OwnerId", "Activity - Assigned to user"]),
            CanonicalField(
                "type", .text, required: true,
                aliases: ["Activity type", "Engagement type", "TaskSubtype", "Subtype"],
                vocabulary: .activityType),
            CanonicalField(
                "created_at", .timestamp, required: true,
                aliases: ["Create Date", "Created Date", "CreatedDate", "Add time"]),
            CanonicalField("scheduled_at", .timestamp, aliases: ["Due date", "ActivityDate", "Start time"]),
            CanonicalField("completed", .bool, aliases: ["Done", "Is Completed", "IsClosed"]),
            CanonicalField("duration_minutes", .int, aliases: ["Duration (minutes)", "DurationInMinutes"]),
        ])

    private static let customers = CanonicalTable(
        "customers",
        aliases: ["customer", "clients", "subscriptions"],
        fields: [
            CanonicalField(
                "customer_id", .identifier, required: true, aliases: ["Record ID", "Account ID", "AccountId"]),
            CanonicalField("lead_id", .identifier, aliases: ["Contact ID", "Opportunity ID"]),
            CanonicalField(
                "started_at", .timestamp, required: true,
                aliases: ["Became a Customer Date", "Customer since", "Start date"]),
            CanonicalField("churned_at", .timestamp, aliases: ["Churn date", "Cancelled at", "Cancellation date"]),
            CanonicalField("monthly_revenue", .money, aliases: ["MRR", "Monthly recurring revenue"]),
        ])

    private static let surveys = CanonicalTable(
        "surveys",
        aliases: ["survey", "survey_responses", "nps_responses", "feedback"],
        fields: [
            CanonicalField("customer_id", .identifier, aliases: ["Record ID", "Account ID"]),
            CanonicalField("answered_at", .timestamp, aliases: ["Submitted at", "Response date"]),
            CanonicalField("nps", .int, aliases: ["NPS score", "Likelihood to recommend"]),
            CanonicalField("csat", .int, aliases: ["CSAT score", "Satisfaction"]),
        ])

    private static let spend = CanonicalTable(
        "spend",
        aliases: ["marketing_spend", "ad_spend", "costs"],
        fields: [
            CanonicalField("month", .month, required: true, aliases: ["Period"]),
            CanonicalField("channel", .text, aliases: ["Source"]),
            CanonicalField("amount", .money, required: true, aliases: ["Spend", "Cost"]),
        ])

    private static let traffic = CanonicalTable(
        "traffic",
        aliases: ["visits", "web_traffic", "website_traffic", "sessions"],
        fields: [
            CanonicalField("month", .month, required: true, aliases: ["Period"]),
            CanonicalField("channel", .text, aliases: ["Source"]),
            CanonicalField("visitors", .int, required: true, aliases: ["Visits", "Sessions", "Users"]),
        ])

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
        ])
}
