import KPICore

/// Lead volume, qualification, conversion, response time, email engagement and data quality.
public struct LeadManagementModule: KPIModule {
    public let name = "lead-management"
    public let version = "1.0.0"
    public let summary = "Lead volume, generation, qualification and conversion rates, response time, email engagement, data completeness"

    /// Creates the module.
    public init() {}

    public func register(in registrar: inout ModuleRegistrar) throws(RegistryError) {
        registrar.add(
            try define(
                "lead_volume", "Lead volume", unit: .count, .higherIsBetter, basis: "leads.created_at",
                requires: "", formula: "count(leads)",
                summary:
                    "How many leads came in. By source it shows where volume comes from; by month, how it trends (spec: lead_volume_by_source, lead_volume_by_month, leads_by_status)."
            ))
        registrar.add(
            try define(
                "lead_generation_rate", "Lead generation rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
                requires: "traffic.visitors",
                formula: "count(leads) / sum(visitors) of traffic",
                summary:
                    "Leads per website visitor. By source it lines leads up with each channel's traffic; low values point at landing pages or forms.")
        )
        registrar.add(
            try define(
                "lead_qualification_rate", "Lead qualification rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
                requires: "leads.qualified_at", formula: "share(leads, qualified_at is not null)",
                summary:
                    "Share of leads that ever reached 'qualified', whatever their status now. Low values point at lead quality or slow follow-up."))
        registrar.add(
            try define(
                "lead_to_opportunity_rate", "Lead-to-opportunity rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
                requires: "leads.converted_at", formula: "share(leads, converted_at is not null)",
                summary: "Share of leads that became a sales opportunity."))
        registrar.add(
            try define(
                "lead_conversion_rate", "Lead-to-customer conversion rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
                requires: "leads.status", formula: "share(leads, status = \"won\")",
                summary:
                    "Share of all leads that were won (became customers): the funnel's end-to-end yield. By source, rep or nurtured it compares segments."
            ))
        registrar.add(
            try define(
                "nurture_lift", "Nurture lift", unit: .number, .higherIsBetter, basis: "leads.created_at",
                requires: "leads.status leads.nurtured",
                formula: "share(leads where nurtured, status = \"won\") / share(leads where not nurtured, status = \"won\")",
                summary: "How many times better nurtured leads convert than the rest: 1.5 means 50% more. Above 1, nurturing pays."))
        registrar.add(
            try define(
                "lead_response_time_hours", "Lead response time", unit: .duration(.hours), .lowerIsBetter, basis: "leads.created_at",
                requires: "leads.created_at leads.first_contact_at",
                formula: """
                    avg(hours_between(created_at, first_contact_at)) of leads, \
                    median(hours_between(created_at, first_contact_at)) of leads as median, \
                    count(hours_between(created_at, first_contact_at)) of leads as n \
                    where hours_between(created_at, first_contact_at) >= 0
                    """,
                summary: """
                    Average hours from a lead's creation to the first contact, over contacted leads; the median beside it shows the typical case. \
                    Faster replies win more deals. Leads contacted before they were created are left out and counted in a note.
                    """,
                excluding: [
                    KPIExclusion(
                        table: "leads", condition: "hours_between(created_at, first_contact_at) < 0",
                        description: "leads first contacted before they were created", singular: "lead first contacted before it was created")
                ]))
        registrar.add(
            try define(
                "email_open_rate", "Email open rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
                requires: "leads.email_opens", formula: "share(leads, email_opens > 0)",
                summary: "Share of leads who opened at least one email."))
        registrar.add(
            try define(
                "email_click_to_open_rate", "Email click-to-open rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
                requires: "leads.email_opens leads.email_clicks",
                formula: "share(leads where email_opens > 0, email_clicks > 0)",
                summary: "Of the leads who opened an email, the share who also clicked: how compelling the content is."))
        registrar.add(
            try define(
                "discovery_call_booking_rate", "Discovery-call booking rate", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
                requires: "leads.first_contact_at leads.lead_id activities.lead_id activities.type activities.scheduled_at",
                formula:
                    "share(leads where first_contact_at is not null, exists activities(type in (\"call\", \"meeting\") and scheduled_at is not null))",
                summary: "Of the leads contacted, the share with a call or meeting booked. Measures how well first contact turns into a conversation."
            ))
        registrar.add(
            try define(
                "data_completeness", "Data completeness score", unit: .ratio, .higherIsBetter, basis: "leads.created_at",
                requires: "leads.lead_id leads.created_at leads.source leads.rep leads.region leads.industry leads.status",
                formula: """
                    (count(lead_id) + count(created_at) + count(source) + count(rep) + count(region) + count(industry) + count(status)) of leads \
                    / (7 * count(leads)), \
                    share(leads, lead_id is not null) as lead_id, share(leads, created_at is not null) as created_at, \
                    share(leads, source is not null) as source, share(leads, rep is not null) as rep, \
                    share(leads, region is not null) as region, share(leads, industry is not null) as industry, \
                    share(leads, status is not null) as status
                    """,
                summary:
                    "Share of the seven key lead fields that are filled in, and each field's own share. Gaps here make every other KPI less trustworthy."
            ))
    }
}
