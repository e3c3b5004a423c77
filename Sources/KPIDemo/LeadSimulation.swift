import KPICore

/// The simulated leads as parallel arrays. Times are seconds since the epoch; `-1` marks a
/// missing timestamp, amount, industry or lost reason.
struct LeadBook {
    var createdAt = ContiguousArray<Int64>()
    var source = ContiguousArray<Int32>()
    var rep = ContiguousArray<Int32>()
    var industry = ContiguousArray<Int32>()
    var status = ContiguousArray<Int32>()
    var firstContactAt = ContiguousArray<Int64>()
    var qualifiedAt = ContiguousArray<Int64>()
    var convertedAt = ContiguousArray<Int64>()
    var closedAt = ContiguousArray<Int64>()
    var amountCents = ContiguousArray<Int64>()
    var nurtured = ContiguousArray<Bool>()
    var emailOpens = ContiguousArray<Int64>()
    var emailClicks = ContiguousArray<Int64>()
    var lostReason = ContiguousArray<Int32>()

    /// The number of leads.
    var count: Int { createdAt.count }
}

/// Per-rep habits, drawn once per seed, that tilt the funnel of the rep's leads.
struct RepTraits {
    /// Relative share of incoming leads.
    var weight: [Double] = []
    /// Log-odds shift on qualifying, converting and winning.
    var skill: [Double] = []
    /// Log shift on how long the first contact takes.
    var slowness: [Double] = []
    /// Log-odds shift on contacting a lead at all.
    var diligence: [Double] = []

    init(random: inout DemoRandom) {
        for _ in DemoWorld.reps {
            weight.append(random.logNormal(median: 1, sigma: 0.35))
            skill.append(random.normal(mean: 0, deviation: 0.30))
            slowness.append(random.normal(mean: 0, deviation: 0.35))
            diligence.append(random.normal(mean: 0, deviation: 0.30))
        }
    }
}

/// Simulates leads through the funnel `new → contacted → qualified → opportunity → won | lost`
/// (with `disqualified` leaving after contact or qualification), then cuts the story at the
/// snapshot: a stage counts only if it was entered strictly before it.
enum LeadSimulation {
    private typealias World = DemoWorld

    /// Simulates `count` leads.
    static func run(count: Int, random: inout DemoRandom) -> LeadBook {
        let traits = RepTraits(random: &random)
        let created = creationTimes(count: count, random: &random)
        let sourceTable = WeightedTable(World.sources.map(\.share))
        let repTable = WeightedTable(traits.weight)
        let industryTable = WeightedTable(World.industries.map(\.share))
        let lostReasonTable = WeightedTable(World.lostReasons.map(\.weight))

        var book = LeadBook()
        book.reserve(count)
        for createdAt in created {
            let source = random.pick(sourceTable)
            let rep = random.pick(repTable)
            let industry = random.pick(industryTable)
            let industryKnown = !random.chance(World.unknownIndustryShare)
            let nurtured = random.chance(World.nurtureHeavySources.contains(source) ? 0.50 : 0.30)
            let engaged = random.chance(nurtured ? 0.78 : 0.42)
            let opens = engaged ? 1 + random.poisson(mean: nurtured ? 3.5 : 1.4) : 0
            let clicks = random.binomial(trials: opens, probability: 0.17)

            var path = LatentPath(
                createdAt: createdAt, source: World.sources[source], industry: World.industries[industry],
                skill: traits.skill[rep], slowness: traits.slowness[rep], diligence: traits.diligence[rep],
                nurtured: nurtured, engaged: engaged)
            path.simulate(random: &random)
            let outcome = path.cut(at: World.snapshot)

            book.createdAt.append(createdAt)
            book.source.append(Int32(source))
            book.rep.append(Int32(rep))
            book.industry.append(industryKnown ? Int32(industry) : -1)
            book.status.append(outcome.stage.rawValue)
            book.firstContactAt.append(outcome.firstContactAt)
            book.qualifiedAt.append(outcome.qualifiedAt)
            book.convertedAt.append(outcome.convertedAt)
            book.closedAt.append(outcome.closedAt)
            book.nurtured.append(nurtured)
            book.emailOpens.append(Int64(opens))
            book.emailClicks.append(Int64(clicks))
            switch outcome.stage {
            case .won:
                book.amountCents.append(cents(path.dealValue))
                book.lostReason.append(-1)
            case .lost:
                book.amountCents.append(cents(path.dealValue * 1.15))  // lost deals were quoted higher
                book.lostReason.append(Int32(random.pick(lostReasonTable)))
            default:
                book.amountCents.append(-1)
                book.lostReason.append(-1)
            }
        }
        return book
    }

    /// Creation instants, sorted: linear growth, month seasonality, quiet weekends, office hours.
    static func creationTimes(count: Int, random: inout DemoRandom) -> [Int64] {
        let firstDay = World.windowStart / World.day
        let dayWeights = (0..<World.dayCount).map { offset -> Double in
            let date = CivilDate(daysSinceEpoch: firstDay + Int64(offset))
            let growth = 1 + World.growthOverWindow * Double(offset) / Double(World.dayCount)
            return growth * World.monthSeason[date.month - 1] * World.weekdayFactor[date.isoWeekday - 1]
        }
        let dayTable = WeightedTable(dayWeights)
        let hourTable = WeightedTable(World.hourWeight)
        var times = [Int64]()
        times.reserveCapacity(count)
        for _ in 0..<count {
            let day = Int64(random.pick(dayTable))
            let hour = Int64(random.pick(hourTable))
            let second = Int64(random.int(below: Int(World.hour)))
            times.append(World.windowStart + day * World.day + hour * World.hour + second)
        }
        times.sort()
        return times
    }

    private static func cents(_ amount: Double) -> Int64 { Int64((amount * 100).rounded()) }
}

/// One lead's story as it would unfold with unlimited time.
private struct LatentPath {
    let createdAt: Int64
    let source: DemoWorld.Source
    let industry: DemoWorld.Industry
    let skill: Double
    let slowness: Double
    let diligence: Double
    let nurtured: Bool
    let engaged: Bool

    var contactAt = DemoWorld.never
    var qualifiedAt = DemoWorld.never
    var convertedAt = DemoWorld.never
    var closedAt = DemoWorld.never
    var closing = Stage.new
    var dealValue = 0.0

    /// Draws which stages the lead reaches and when. Each stage comes at least a second after
    /// the previous one, so the timestamps are strictly increasing.
    mutating func simulate(random: inout DemoRandom) {
        typealias M = DemoMath
        let nurturedBit = nurtured ? 1.0 : 0.0
        guard random.chance(M.sigmoid(M.logit(source.contact) + diligence)) else { return }
        var lag = Double(random.seconds(median: 3 * DemoWorld.hour, sigma: 1.15)) * M.exp(slowness)
        if CivilDate(daysSinceEpoch: createdAt / DemoWorld.day).isoWeekday >= 6 { lag *= 2.5 }
        contactAt = createdAt + max(60, Int64(lag.rounded()))

        let qualifyOdds =
            M.logit(source.qualify) + DemoWorld.nurturedQualifyBonus * nurturedBit
            + (engaged ? 0.20 : 0) + 0.5 * skill
        guard random.chance(M.sigmoid(qualifyOdds)) else {
            if random.chance(0.62) {
                closing = .disqualified
                closedAt = contactAt + random.seconds(median: 7 * DemoWorld.day, sigma: 0.7)
            }
            return
        }
        qualifiedAt = contactAt + random.seconds(median: 4 * DemoWorld.day, sigma: 0.8)

        guard random.chance(M.sigmoid(M.logit(0.66) + 0.3 * skill + industry.opportunityShift)) else {
            if random.chance(0.5) {
                closing = .disqualified
                closedAt = qualifiedAt + random.seconds(median: 10 * DemoWorld.day, sigma: 0.6)
            }
            return
        }
        convertedAt = qualifiedAt + random.seconds(median: 6 * DemoWorld.day, sigma: 0.7)
        dealValue = random.logNormal(median: 9000, sigma: 0.85) * source.deal * industry.deal

        guard random.chance(0.93) else { return }  // some opportunities stall forever
        let winOdds = M.logit(source.win) + DemoWorld.nurturedWinBonus * nurturedBit + skill
        if random.chance(M.sigmoid(winOdds)) {
            closing = .won
            // Bigger deals take longer to close.
            let sizeFactor = (dealValue / 9000).squareRoot().squareRoot()
            let delay = Double(random.seconds(median: 28 * DemoWorld.day, sigma: 0.55)) * sizeFactor
            closedAt = convertedAt + max(1, Int64(delay.rounded()))
        } else {
            closing = .lost
            closedAt = convertedAt + random.seconds(median: 22 * DemoWorld.day, sigma: 0.70)
        }
    }

    /// What the export shows at `snapshot`: stages entered before it, the furthest one as status.
    func cut(at snapshot: Int64) -> Outcome {
        func seen(_ t: Int64) -> Int64 { t < snapshot ? t : -1 }
        var stage = Stage.new
        if contactAt < snapshot { stage = .contacted }
        if qualifiedAt < snapshot { stage = .qualified }
        if convertedAt < snapshot { stage = .opportunity }
        if closedAt < snapshot { stage = closing }
        return Outcome(
            stage: stage, firstContactAt: seen(contactAt), qualifiedAt: seen(qualifiedAt),
            convertedAt: seen(convertedAt), closedAt: seen(closedAt))
    }

    /// A lead as of the snapshot; `-1` for stages not reached.
    struct Outcome {
        let stage: Stage
        let firstContactAt: Int64
        let qualifiedAt: Int64
        let convertedAt: Int64
        let closedAt: Int64
    }
}

extension LeadBook {
    fileprivate mutating func reserve(_ n: Int) {
        createdAt.reserveCapacity(n)
        source.reserveCapacity(n)
        rep.reserveCapacity(n)
        industry.reserveCapacity(n)
        status.reserveCapacity(n)
        firstContactAt.reserveCapacity(n)
        qualifiedAt.reserveCapacity(n)
        convertedAt.reserveCapacity(n)
        closedAt.reserveCapacity(n)
        amountCents.reserveCapacity(n)
        nurtured.reserveCapacity(n)
        emailOpens.reserveCapacity(n)
        emailClicks.reserveCapacity(n)
        lostReason.reserveCapacity(n)
    }
}
