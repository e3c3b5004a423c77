import KPICore

/// Lead volume, qualification, conversion, response time and email engagement.
public struct LeadManagementModule: KPIModule {
    public let name = "lead-management"
    public let version = "0.1.0"
    public let summary = "Lead volume, qualification and conversion rates, response time, email engagement"

    /// Creates the module.
    public init() {}

    public func register(in registrar: inout ModuleRegistrar) throws {
        registrar.add(define(
            "lead_volume", "Lead volume", unit: .count, .higherIsBetter, basis: "leads.created_at",
            requires: "leads.lead_id leads.created_at", formula: "count(leads)",
            summary: "How many leads came in. Slice it by source or month to see where volume comes from and how it trends."))
        registrar.add(define(
            "lead_qualification_rate", "Lead qualification rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
            requires: "leads.qualified_at leads.created_at", formula: "share(leads, qualified_at is not null)",
            summary: "Share of leads that ever reached 'qualified', whatever their status now. Low values point at lead quality or slow follow-up."))
        registrar.add(define(
            "lead_to_opportunity_rate", "Lead-to-opportunity rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
            requires: "leads.converted_at leads.created_at", formula: "share(leads, converted_at is not null)",
            summary: "Share of leads that became a sales opportunity."))
        registrar.add(define(
            "lead_conversion_rate", "Lead-to-customer conversion rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
            requires: "leads.status leads.created_at", formula: "share(leads, status = \"won\")",
            summary: "Share of all leads that were won (became customers). The end-to-end yield of the funnel."))
        registrar.add(define(
            "lead_response_time_hours", "Lead response time", unit: .duration(.hours), .lowerIsBetter, basis: "leads.created_at",
            requires: "leads.created_at leads.first_contact_at",
            formula: "avg(hours_between(created_at, first_contact_at)) of leads",
            summary: "Average hours from a lead's creation to the first contact, over contacted leads. Faster replies win more deals."))
        registrar.add(define(
            "email_open_rate", "Email open rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
            requires: "leads.email_opens leads.created_at", formula: "share(leads, email_opens > 0)",
            summary: "Share of leads who opened at least one email."))
        registrar.add(define(
            "email_click_to_open_rate", "Email click-to-open rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
            requires: "leads.email_opens leads.email_clicks leads.created_at",
            formula: "share(leads where email_opens > 0, email_clicks > 0)",
            summary: "Of the leads who opened an email, the share who also clicked. Measures how compelling the content is."))
    }
}
