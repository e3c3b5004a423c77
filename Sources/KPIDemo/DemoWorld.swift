import KPICore

/// The fixed facts of the simulated business: its calendar, channels, industries, team and
/// habits. Rates and shapes mirror `shared/tools/gen_crm.py` at a smaller scale (12 reps in 4
/// regions instead of 25 in 5); see that file's docstring for the world it describes.
enum DemoWorld {
    /// The company the demo data belongs to.
    static let companyName = "Northwind Analytics"

    // MARK: Calendar (seconds since the epoch, UTC)

    /// 2023-01-01T00:00:00Z, the first instant a lead can be created.
    static let windowStart: Int64 = 1_672_531_200
    /// 2025-01-01T00:00:00Z, when the export was taken: nothing happens at or after it,
    /// except meetings booked for later (`activities.scheduled_at`).
    static let snapshot: Int64 = 1_735_689_600
    /// Seconds in an hour.
    static let hour: Int64 = 3_600
    /// Seconds in a day.
    static let day: Int64 = 86_400
    /// The days in the window (2023 and leap-year 2024).
    static let dayCount = Int((snapshot - windowStart) / day)
    /// The months in the window.
    static let monthCount = 24
    /// An instant that never comes: the time of a stage a lead will not reach.
    static let never = Int64.max / 4

    // MARK: Lead volume

    /// Volume by calendar month, January first: busy spring and autumn, quiet summer and December.
    static let monthSeason: [Double] = [1.05, 1.00, 1.08, 1.00, 1.00, 0.95, 0.85, 0.82, 1.08, 1.10, 1.02, 0.80]
    /// Volume by ISO weekday, Monday first.
    static let weekdayFactor: [Double] = [1.0, 1.0, 1.0, 1.0, 0.95, 0.35, 0.30]
    /// Relative volume by UTC hour of day.
    static let hourWeight: [Double] = [2, 1, 1, 1, 1, 2, 3, 5, 8, 10, 11, 11, 10, 11, 12, 12, 11, 9, 7, 6, 5, 4, 3, 2]
    /// How much busier the last day of the window is than the first (linear growth).
    static let growthOverWindow = 0.45

    // MARK: Channels

    /// A lead source and how its leads behave.
    struct Source {
        /// The source's name, as in `leads.source`, `spend.channel` and `traffic.channel`.
        let name: String
        /// Its share of all leads.
        let share: Double
        /// Base probability that a lead is ever contacted.
        let contact: Double
        /// Base probability that a contacted lead qualifies.
        let qualify: Double
        /// Base probability that a closed opportunity is won.
        let win: Double
        /// Deal-size multiplier.
        let deal: Double
        /// Marketing cost per lead; `nil` for Direct, which has no spend.
        let costPerLead: Double?
        /// Leads per website visitor.
        let visitToLead: Double
    }

    /// The eight sources of `gen_crm.py`, in its order; Referral and Partner convert best.
    static let sources: [Source] = [
        Source(
            name: "Organic Search", share: 0.30, contact: 0.90, qualify: 0.30, win: 0.28, deal: 1.00, costPerLead: 12,
            visitToLead: 0.025),
        Source(
            name: "Paid Search", share: 0.22, contact: 0.92, qualify: 0.27, win: 0.24, deal: 0.90, costPerLead: 48,
            visitToLead: 0.035),
        Source(
            name: "Social", share: 0.14, contact: 0.84, qualify: 0.15, win: 0.18, deal: 0.70, costPerLead: 31,
            visitToLead: 0.012),
        Source(
            name: "Referral", share: 0.07, contact: 0.96, qualify: 0.55, win: 0.45, deal: 1.20, costPerLead: 25,
            visitToLead: 0.060),
        Source(
            name: "Email", share: 0.10, contact: 0.88, qualify: 0.25, win: 0.25, deal: 0.80, costPerLead: 9,
            visitToLead: 0.040),
        Source(
            name: "Events", share: 0.04, contact: 0.95, qualify: 0.38, win: 0.30, deal: 1.30, costPerLead: 140,
            visitToLead: 0.100),
        Source(
            name: "Direct", share: 0.09, contact: 0.90, qualify: 0.33, win: 0.30, deal: 1.00, costPerLead: nil,
            visitToLead: 0.030),
        Source(
            name: "Partner", share: 0.04, contact: 0.95, qualify: 0.45, win: 0.38, deal: 1.40, costPerLead: 65,
            visitToLead: 0.050),
    ]

    /// Indexes of the sources whose leads are nurtured more often (Organic Search, Email).
    static let nurtureHeavySources: Set<Int> = [0, 4]

    // MARK: Industries

    /// An industry and how it shifts deals.
    struct Industry {
        /// The industry's name, as in `leads.industry`.
        let name: String
        /// Its share of all leads.
        let share: Double
        /// Deal-size multiplier.
        let deal: Double
        /// Log-odds shift on a qualified lead becoming an opportunity.
        let opportunityShift: Double
    }

    /// The industries; about 3% of leads have none recorded.
    static let industries: [Industry] = [
        Industry(name: "Technology", share: 0.24, deal: 1.30, opportunityShift: 0.20),
        Industry(name: "Finance", share: 0.14, deal: 1.40, opportunityShift: 0.10),
        Industry(name: "Healthcare", share: 0.13, deal: 1.20, opportunityShift: 0.00),
        Industry(name: "Retail", share: 0.11, deal: 0.80, opportunityShift: -0.20),
        Industry(name: "Manufacturing", share: 0.12, deal: 1.10, opportunityShift: 0.05),
        Industry(name: "Professional Services", share: 0.12, deal: 0.90, opportunityShift: 0.00),
        Industry(name: "Education", share: 0.07, deal: 0.60, opportunityShift: -0.30),
        Industry(name: "Real Estate", share: 0.07, deal: 0.85, opportunityShift: -0.10),
    ]
    /// The share of leads whose industry is unknown.
    static let unknownIndustryShare = 0.03

    // MARK: Team

    /// The sales regions.
    static let regions = ["NA-East", "NA-West", "EMEA", "APAC"]

    /// The sales team: a name and an index into ``regions``. Several names are not ASCII on
    /// purpose, so every layer from loading to rendering sees real UTF-8.
    static let reps: [(name: String, region: Int)] = [
        ("Ava Thompson", 0), ("Noah Brooks", 0), ("Maya Patel", 0),
        ("José Álvarez", 1), ("Olivia Grant", 1), ("Lucas Kim", 1),
        ("Zoë Müller", 2), ("Luca Rossi", 2), ("Amélie Dubois", 2), ("Søren Larsen", 2),
        ("Kenji Satō", 3), ("Priya Sharma", 3),
    ]

    // MARK: Funnel

    /// The `leads.status` words, in funnel order; `Stage.rawValue` indexes this list.
    static let statusNames = ValueVocabulary.statusWords

    /// Why lost deals were lost, with relative weights.
    static let lostReasons: [(reason: String, weight: Double)] = [
        ("Price", 0.27), ("Competitor", 0.22), ("No decision", 0.18), ("Timing", 0.14),
        ("Missing feature", 0.11), ("No budget", 0.08),
    ]

    /// Log-odds bonus on qualifying for a nurtured lead. A little stronger than `gen_crm.py`'s
    /// 0.35 so the effect stands out at 5,000 leads.
    static let nurturedQualifyBonus = 0.45
    /// Log-odds bonus on winning for a nurtured lead (`gen_crm.py`: 0.15).
    static let nurturedWinBonus = 0.25

    // MARK: Activities

    /// The `activities.type` words; indexes below refer to this list.
    static let activityTypes = ["call", "email", "meeting", "demo"]
    /// The type mix in each phase of a lead's life: contacting, qualified, opportunity.
    static let phaseTypeWeights: [[Double]] = [
        [0.55, 0.40, 0.05, 0.00], [0.35, 0.30, 0.25, 0.10], [0.25, 0.30, 0.25, 0.20],
    ]
    /// Mean number of follow-up activities per phase (the first contact comes on top).
    static let phaseExtraMean: [Double] = [3.0, 3.0, 6.0]
    /// How long after a phase starts its activities may still happen.
    static let phaseCap: [Int64] = [45 * day, 45 * day, 120 * day]
    /// Meeting lengths in minutes, drawn uniformly.
    static let meetingMinutes: [Int64] = [15, 30, 30, 45, 60]
    /// Demo lengths in minutes, drawn uniformly.
    static let demoMinutes: [Int64] = [30, 45, 60, 60, 90]
}

/// A lead's furthest stage; the raw value indexes ``DemoWorld/statusNames``.
enum Stage: Int32 {
    case new = 0, contacted, qualified, opportunity, won, lost, disqualified
}
