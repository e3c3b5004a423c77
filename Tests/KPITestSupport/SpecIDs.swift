/// The KPI ids of `shared/spec/kpis.md`, in the spec's order: the 29 KPIs of the suite, then the 3
/// benchmark queries. Written out, not read from a suite file, so a KPI that goes missing from a
/// suite or case table fails under its own name.
public enum SpecIDs {
    /// Every id, in the spec's order.
    public static let all = [
        "lead_volume_by_source", "lead_volume_by_month", "leads_by_status", "lead_qualification_rate",
        "lead_to_opportunity_rate", "lead_conversion_rate", "lead_conversion_rate_by_source",
        "lead_conversion_rate_by_rep", "conversion_rate_by_nurtured", "win_rate", "win_rate_by_source",
        "win_rate_by_rep", "lead_response_time_hours", "sales_cycle_days", "avg_time_in_stage_days",
        "avg_deal_size", "sales_velocity_by_month", "cac_by_month", "churn_rate_by_month",
        "retention_rate_by_month", "cltv", "nps", "csat", "email_open_rate", "email_click_to_open_rate",
        "meeting_completion_rate", "calls_per_rep", "data_completeness", "revenue_growth_mom",
        "q1_win_rate_by_rep_referral_2024q2", "q2_conversion_by_source_month", "q3_avg_stage_time",
    ]
}
