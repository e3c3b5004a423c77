/// A hand-made CRM for the cases generated data never has, each line there for a reason:
/// an offset and a date-only timestamp (lead 2 is created in February UTC), fractional seconds,
/// a month with no new lead (2024-03), a won lead closed after the last reporting month (lead 3)
/// and spend outside the range, a won lead without an amount (lead 4), stage rows out of time
/// order and a tie broken by stage order (lead 1), closes exactly on the 2024-Q2 bounds, customers
/// starting or churning exactly at a month boundary or inside one month, null NPS/CSAT/completed,
/// a meeting without a schedule, a rep with no call (Dee).
enum SpecEdgeData {
    /// File name → contents.
    static let files: [String: String] = [
        "leads.csv": """
        lead_id,created_at,source,rep,region,industry,status,first_contact_at,qualified_at,converted_at,closed_at,amount,nurtured,email_opens,email_clicks
        1,2024-01-05T10:00:00Z,Referral,Ann,EU,Tech,won,2024-01-05T12:30:00Z,2024-01-10T00:00:00Z,2024-01-20T00:00:00Z,2024-04-01T00:00:00Z,1000.50,true,3,1
        2,2024-01-31T23:30:00-02:00,Referral,Bob,EU,,lost,2024-02-01T02:00:00Z,,2024-02-03T00:00:00Z,2024-06-30T23:59:59Z,500,false,0,0
        3,2024-02-10,Web,Ann,,Retail,won,2024-02-10T05:00:00Z,2024-02-11T00:00:00Z,2024-02-12T00:00:00Z,2024-07-01T00:00:00Z,2000,TRUE,,
        4,2024-04-02T00:00:00Z,Referral,Cid,NA,Tech,won,,,2024-04-03T00:00:00Z,2024-05-15T12:00:00Z,,False,2,0
        5,2024-04-20T08:00:00.250Z,Web,Bob,NA,Tech,disqualified,2024-04-20T09:00:00Z,,,2024-04-25T00:00:00Z,,false,5,2
        6,2024-05-01T00:00:00Z,Referral,Ann,EU,Retail,won,2024-05-01T01:00:00Z,2024-05-02T00:00:00Z,2024-05-03T00:00:00Z,2024-05-20T00:00:00Z,3000,true,1,1
        7,2024-06-30T23:59:59Z,Web,Cid,NA,,new,,,,,,false,,
        8,2024-06-10T00:00:00Z,Referral,Bob,EU,Tech,opportunity,2024-06-10T03:00:00Z,2024-06-11T00:00:00Z,2024-06-12T00:00:00Z,,,true,1,0
        9,2024-02-20T00:00:00Z,Partner,Ann,EU,Tech,lost,2024-02-20T01:00:00Z,2024-02-21T00:00:00Z,2024-02-22T00:00:00Z,2024-04-10T00:00:00Z,700,false,2,2
        """,
        "stage_history.csv": """
        lead_id,stage,entered_at
        1,new,2024-01-05T10:00:00Z
        1,qualified,2024-01-10T00:00:00Z
        1,contacted,2024-01-10T00:00:00Z
        1,opportunity,2024-01-20T00:00:00Z
        1,won,2024-04-01T00:00:00Z
        2,new,2024-02-01T01:30:00Z
        2,contacted,2024-02-01T02:00:00Z
        2,opportunity,2024-02-03T00:00:00Z
        2,lost,2024-06-30T23:59:59Z
        3,won,2024-07-01T00:00:00Z
        3,new,2024-02-10T00:00:00Z
        3,contacted,2024-02-10T05:00:00Z
        3,qualified,2024-02-11T00:00:00Z
        3,opportunity,2024-02-12T00:00:00Z
        5,new,2024-04-20T08:00:00.250Z
        5,contacted,2024-04-20T09:00:00Z
        5,disqualified,2024-04-25T00:00:00Z
        6,new,2024-05-01T00:00:00Z
        6,won,2024-05-20T00:00:00Z
        7,new,2024-06-30T23:59:59Z
        """,
        "activities.csv": """
        activity_id,lead_id,rep,type,created_at,scheduled_at,completed,duration_minutes
        1,1,Ann,call,2024-01-05T12:30:00Z,,true,5
        2,1,Bob,call,2024-01-06T00:00:00Z,,false,
        3,2,Bob,call,2024-02-01T02:00:00Z,,,
        4,1,Ann,meeting,2024-01-08T00:00:00Z,2024-01-09T00:00:00Z,true,30
        5,2,Bob,meeting,2024-02-02T00:00:00Z,2024-02-05T00:00:00Z,false,
        6,3,Ann,meeting,2024-02-11T00:00:00Z,,true,20
        7,8,Bob,meeting,2024-06-12T00:00:00Z,2024-07-15T00:00:00Z,,
        8,5,Dee,email,2024-04-20T09:00:00Z,,true,
        """,
        "customers.csv": """
        customer_id,lead_id,started_at,churned_at,monthly_revenue
        1,1,2024-01-15T00:00:00Z,,100
        2,3,2024-02-01T00:00:00Z,2024-04-01T00:00:00Z,200
        3,6,2024-02-10T00:00:00Z,2024-02-20T00:00:00Z,50
        4,,2024-03-05T00:00:00Z,2024-05-31T23:59:59Z,
        5,,2023-12-20T00:00:00Z,2024-01-10T00:00:00Z,80
        6,,2024-06-15T00:00:00Z,2024-08-01T00:00:00Z,120.25
        """,
        "surveys.csv": """
        customer_id,answered_at,nps,csat
        1,2024-02-01T00:00:00Z,10,5
        2,2024-03-01T00:00:00Z,6,4
        1,2024-04-01T00:00:00Z,,3
        4,2024-04-02T00:00:00Z,9,
        5,2024-01-05T00:00:00Z,7,2
        4,2024-05-02T00:00:00Z,0,1
        """,
        "spend.csv": """
        month,channel,amount
        2023-12,Web,999
        2024-01,Web,100.10
        2024-01,Referral,50.05
        2024-02,Web,30
        2024-04,Web,20.5
        2024-07,Web,10
        """,
    ]
}
