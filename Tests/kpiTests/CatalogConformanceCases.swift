import Testing

/// Where a number of the reference comes from: one part of one of its measures, or the
/// difference of two (for the catalogue figures that combine spec figures).
indirect enum SpecSource: Sendable, Hashable, CustomStringConvertible {
    case value(String)
    case numerator(String)
    case denominator(String)
    case difference(SpecSource, SpecSource)

    var description: String {
        switch self {
        case .value(let name): return name
        case .numerator(let name): return name + ".num"
        case .denominator(let name): return name + ".den"
        case .difference(let a, let b): return "\(a) − \(b)"
        }
    }

    /// The measure parts this source reads, for the coverage check.
    var parts: Set<SpecSource> {
        if case .difference(let a, let b) = self { return a.parts.union(b.parts) }
        return [self]
    }
}

/// One number the spec defines, compared with one field of the catalogue's JSON.
struct FigureCheck: Sendable, Hashable {
    /// The reference's number.
    var source: SpecSource
    /// The JSON field of the catalogue's result: `value`, `numerator`, `median`, `lead_id_denominator`…
    var field: String
    /// Counts, numerators and denominators must be equal; other figures agree within a tolerance.
    var isExact: Bool
}

/// How a catalogue figure is spelled in `--format json`: the first measure is `value` (its rate
/// parts `numerator`, `denominator`); later ones go by name (`win_rate`, `win_rate_numerator`).
enum CatalogueField {
    static let headline = "value"

    static func numerator(_ figure: String) -> String { figure == headline ? "numerator" : figure + "_numerator" }
    static func denominator(_ figure: String) -> String { figure == headline ? "denominator" : figure + "_denominator" }
}

/// One spec id: the catalogue query docs/kpis.md gives for it, and which catalogue figure each of
/// the spec's figures is.
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    var id: String
    var query: String
    var checks: [FigureCheck]
    /// Spec figures the catalogue's result does not expose, with the reason.
    var notExposed: [SpecSource: String] = [:]
    /// Whether the spec orders the rows by stage; the catalogue orders every breakdown by key.
    var isStageOrdered = false

    var testDescription: String { id }

    // MARK: - Building blocks

    /// A spec rate `{num, den, value}` as catalogue figure `figure` with its numerator and denominator.
    static func rate(_ spec: String, as figure: String = CatalogueField.headline) -> [FigureCheck] {
        [
            FigureCheck(source: .value(spec), field: figure, isExact: false),
            FigureCheck(source: .numerator(spec), field: CatalogueField.numerator(figure), isExact: true),
            FigureCheck(source: .denominator(spec), field: CatalogueField.denominator(figure), isExact: true),
        ]
    }

    /// A spec count, compared exactly.
    static func count(_ spec: String, as figure: String = CatalogueField.headline) -> [FigureCheck] {
        [FigureCheck(source: .value(spec), field: figure, isExact: true)]
    }

    /// A spec figure that is neither a count nor a rate (an average, a sum of money, a score).
    static func real(_ spec: String, as figure: String = CatalogueField.headline) -> [FigureCheck] {
        [FigureCheck(source: .value(spec), field: figure, isExact: false)]
    }

    /// A spec count the catalogue shows as a rate's numerator or denominator.
    static func count(_ source: SpecSource, asField field: String) -> [FigureCheck] {
        [FigureCheck(source: source, field: field, isExact: true)]
    }

    /// `avg`, `median`, `n` of the spec's duration objects, and of its stage times.
    static func durations(avg: String, median: String, n: String, medianFigure: String) -> [FigureCheck] {
        real(avg) + real(median, as: medianFigure) + count(n, as: "n")
    }

    private static func plainRate(_ id: String, _ query: String) -> ConformanceCase {
        ConformanceCase(id: id, query: query, checks: rate("value"))
    }

    private static func plainCount(_ id: String, _ query: String) -> ConformanceCase {
        ConformanceCase(id: id, query: query, checks: count("value"))
    }

    private static func stageTime(_ id: String) -> ConformanceCase {
        ConformanceCase(
            id: id, query: "avg_time_in_stage_days by stage",
            checks: durations(avg: "avg_days", median: "median_days", n: "n", medianFigure: "median_days"),
            isStageOrdered: true)
    }

    static let completenessFields = ["lead_id", "created_at", "source", "rep", "region", "industry", "status"]

    // MARK: - The spec's 29 KPIs and 3 queries, in the spec's order

    static let all: [ConformanceCase] = [
        plainCount("lead_volume_by_source", "lead_volume by source"),
        plainCount("lead_volume_by_month", "lead_volume by month"),
        plainCount("leads_by_status", "lead_volume by status"),
        plainRate("lead_qualification_rate", "lead_qualification_rate"),
        plainRate("lead_to_opportunity_rate", "lead_to_opportunity_rate"),
        plainRate("lead_conversion_rate", "lead_conversion_rate"),
        plainRate("lead_conversion_rate_by_source", "lead_conversion_rate by source"),
        plainRate("lead_conversion_rate_by_rep", "lead_conversion_rate by rep"),
        plainRate("conversion_rate_by_nurtured", "lead_conversion_rate by nurtured"),
        plainRate("win_rate", "win_rate"),
        plainRate("win_rate_by_source", "win_rate by source"),
        plainRate("win_rate_by_rep", "win_rate by rep"),
        ConformanceCase(
            id: "lead_response_time_hours", query: "lead_response_time_hours",
            checks: durations(avg: "avg", median: "median", n: "n", medianFigure: "median")),
        ConformanceCase(
            id: "sales_cycle_days", query: "sales_cycle_days",
            checks: durations(avg: "avg", median: "median", n: "n", medianFigure: "median")),
        stageTime("avg_time_in_stage_days"),
        ConformanceCase(
            id: "avg_deal_size", query: "avg_deal_size",
            checks: real("avg") + count("n", as: "n") + real("total", as: "total")),
        ConformanceCase(
            id: "sales_velocity_by_month", query: "sales_velocity by month",
            checks: real("velocity") + count("opportunities", as: "opportunities") + count("won", as: "won")
                + count("closed", as: "closed") + rate("win_rate", as: "win_rate") + real("avg_deal", as: "avg_deal")
                + real("cycle_days", as: "cycle_days")),
        ConformanceCase(
            id: "cac_by_month", query: "cac by month",
            checks: real("cac") + real("spend", as: "spend") + count("new_customers", as: "new_customers")),
        ConformanceCase(
            id: "churn_rate_by_month", query: "churn_rate by month",
            checks: rate("churn_rate") + count(.value("churned"), asField: "numerator") + count(.value("S"), asField: "denominator")),
        // The catalogue's rate is (E − N) / S: E and N are only checked through their difference.
        ConformanceCase(
            id: "retention_rate_by_month", query: "retention_rate by month",
            checks: real("retention_rate") + count(.difference(.value("E"), .value("N")), asField: "numerator")
                + count(.value("S"), asField: "denominator")),
        ConformanceCase(
            id: "cltv", query: "cltv",
            checks: real("cltv") + real("arpa", as: "arpa") + rate("monthly_churn_rate", as: "monthly_churn_rate")),
        ConformanceCase(
            id: "nps", query: "nps",
            checks: real("nps") + count("promoters", as: "promoters") + count("detractors", as: "detractors")
                + count("responses", as: "responses")),
        plainRate("csat", "csat"),
        plainRate("email_open_rate", "email_open_rate"),
        plainRate("email_click_to_open_rate", "email_click_to_open_rate"),
        plainRate("meeting_completion_rate", "meeting_completion_rate"),
        ConformanceCase(
            id: "calls_per_rep", query: "calls by rep", checks: count("calls") + count("connected", as: "completed")),
        ConformanceCase(
            id: "data_completeness", query: "data_completeness",
            checks: real("score") + completenessFields.flatMap { rate($0, as: $0) }),
        ConformanceCase(
            id: "revenue_growth_mom", query: "revenue_growth by month",
            checks: real("growth") + real("revenue", as: "revenue")),
        plainRate("q1_win_rate_by_rep_referral_2024q2", #"win_rate by rep where source = "Referral" during 2024-Q2"#),
        ConformanceCase(
            id: "q2_conversion_by_source_month", query: "lead_conversion_rate by source, month",
            checks: real("rate") + count(.value("won"), asField: "numerator") + count(.value("leads"), asField: "denominator")
                + count(.numerator("rate"), asField: "numerator") + count(.denominator("rate"), asField: "denominator")),
        stageTime("q3_avg_stage_time"),
    ]
}
