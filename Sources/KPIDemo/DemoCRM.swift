import KPICore

/// The built-in demo CRM: two years of a small B2B business, generated in memory.
///
/// Northwind Analytics sells to businesses through eight lead sources, with twelve reps in four
/// regions. Leads created between 2023-01-01 and 2024-12-31 (UTC) move through
/// `new → contacted → qualified → opportunity → won | lost` (or `disqualified`), with seasonal
/// volume, growth, better conversion for Referral and Partner leads and for nurtured leads,
/// and the export taken at ``snapshotMilliseconds`` (2025-01-01T00:00:00Z). The result has all
/// seven canonical tables of `crm-schema.md` with their canonical column names and types.
///
/// ```swift
/// let data = DemoCRM.make()
/// let leads = data["leads"]!          // 5,000 rows
/// ```
///
/// Generation is deterministic: the same seed and lead count give identical tables on every
/// platform and Swift version, because the demo uses its own xoshiro256** generator and its own
/// `exp`/`log` built from IEEE arithmetic instead of the standard library's or libm's.
///
/// ## Topics
/// - ``make(seed:leadCount:)``
/// - ``description``
/// - ``snapshotMilliseconds``
public enum DemoCRM {
    /// The seed ``make(seed:leadCount:)`` uses by default.
    public static let defaultSeed: UInt64 = 2024

    /// The number of leads ``make(seed:leadCount:)`` generates by default.
    public static let defaultLeadCount = 5000

    /// One line for the start-up banner, describing the default demo data.
    public static let description =
        "demo CRM: \(DemoWorld.companyName), \(grouped(defaultLeadCount)) leads, 2023-01 – 2024-12"

    /// The first instant of the simulated window, 2023-01-01T00:00:00Z, in milliseconds.
    public static let windowStartMilliseconds = DemoWorld.windowStart * Time.millisecondsPerSecond

    /// When the export was taken, 2025-01-01T00:00:00Z, in milliseconds: the natural "now" for
    /// KPIs over the demo data. No timestamp is at or after it except `activities.scheduled_at`.
    public static let snapshotMilliseconds = DemoWorld.snapshot * Time.millisecondsPerSecond

    /// Generates the demo CRM.
    ///
    /// - Parameters:
    ///   - seed: Chooses one of many equally plausible histories of the same business.
    ///   - leadCount: How many leads to create; negative counts are treated as zero. Activities
    ///     (about six per lead), customers and surveys scale with it.
    /// - Returns: The tables `leads`, `stage_history`, `activities`, `customers`, `surveys`,
    ///   `spend` and `traffic`, each with `source` set to `demo`.
    public static func make(seed: UInt64 = defaultSeed, leadCount: Int = defaultLeadCount) -> Dataset {
        // Independent streams: adding a draw to one table's simulation leaves the others unchanged.
        var leadRandom = DemoRandom(seed: seed, stream: 1)
        var activityRandom = DemoRandom(seed: seed, stream: 2)
        var customerRandom = DemoRandom(seed: seed, stream: 3)
        var marketingRandom = DemoRandom(seed: seed, stream: 4)

        let leads = LeadSimulation.run(count: max(0, leadCount), random: &leadRandom)
        let activities = ActivitySimulation.run(leads: leads, random: &activityRandom)
        let customers = CustomerSimulation.run(leads: leads, random: &customerRandom)
        let marketing = MarketingSimulation.run(leads: leads, random: &marketingRandom)

        return Dataset(tables: [
            DemoTables.leads(leads),
            DemoTables.stageHistory(leads),
            DemoTables.activities(activities),
            DemoTables.customers(customers),
            DemoTables.surveys(customers),
            DemoTables.spend(marketing),
            DemoTables.traffic(marketing),
        ])
    }

    /// `5000` as `5,000`.
    private static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
