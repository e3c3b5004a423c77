/// Customers (one per won lead) and their survey answers, as parallel arrays. Times are seconds
/// since the epoch; `-1` marks a customer who has not churned.
struct CustomerBase {
    var leadIndex = ContiguousArray<Int32>()
    var startedAt = ContiguousArray<Int64>()
    var churnedAt = ContiguousArray<Int64>()
    var monthlyRevenueCents = ContiguousArray<Int64>()

    var surveyCustomer = ContiguousArray<Int32>()
    var surveyAnsweredAt = ContiguousArray<Int64>()
    var surveyNPS = ContiguousArray<Int64>()
    var surveyCSAT = ContiguousArray<Int64>()

    /// The number of customers.
    var count: Int { startedAt.count }
}

/// Turns every won lead into a customer who starts paying at `closed_at`, may churn, and
/// answers about one quarterly survey in three.
enum CustomerSimulation {
    private typealias World = DemoWorld
    private static let daysPerMonth = 30.44

    /// Simulates the customers of the won leads in `leads`.
    static func run(leads: LeadBook, random: inout DemoRandom) -> CustomerBase {
        let won = (0..<leads.count)
            .filter { leads.status[$0] == Stage.won.rawValue }
            .sorted { (leads.closedAt[$0], $0) < (leads.closedAt[$1], $1) }
        var base = CustomerBase()
        var lifetimes: [Double] = []
        for lead in won {
            let started = leads.closedAt[lead]
            let amount = Double(leads.amountCents[lead]) / 100
            // Bigger accounts churn a little less often.
            let monthlyHazard = 0.025 * DemoMath.power(amount / 9000, -0.2)
            let lifetime = random.exponential(mean: 1 / monthlyHazard) * daysPerMonth * Double(World.day)
            let churnAt = started + max(Int64(lifetime.rounded()), World.day)
            let revenue = amount / 12 * random.uniform(0.9, 1.1)
            base.leadIndex.append(Int32(lead))
            base.startedAt.append(started)
            base.churnedAt.append(churnAt < World.snapshot ? churnAt : -1)
            base.monthlyRevenueCents.append(Int64((revenue * 100).rounded()))
            lifetimes.append(lifetime)
        }
        addSurveys(to: &base, lifetimes: lifetimes, random: &random)
        return base
    }

    /// Roughly one invitation a quarter while active, 40% answered; customers who churn within
    /// two years are less happy, and it shows in both scores.
    private static func addSurveys(to base: inout CustomerBase, lifetimes: [Double], random: inout DemoRandom) {
        var answers: [(time: Int64, customer: Int32, nps: Int64, csat: Int64)] = []
        for customer in 0..<base.count {
            let started = base.startedAt[customer]
            let activeEnd = base.churnedAt[customer] >= 0 ? base.churnedAt[customer] : World.snapshot
            let span = activeEnd - started - 1
            let invitations = Int((activeEnd - started) / (91 * World.day)) + 1
            let answered = random.binomial(trials: invitations, probability: 0.40)
            let earlyChurner = lifetimes[customer] < 24 * daysPerMonth * Double(World.day)
            let satisfaction = random.normal(mean: 0.5, deviation: 1) - (earlyChurner ? 0.7 : 0)
            guard span >= 1 else { continue }  // no whole second between start and the end
            for _ in 0..<answered {
                let time = started + 1 + Int64(random.unit() * Double(span))
                let nps = clamp((7.9 + 1.5 * satisfaction + random.normal(mean: 0, deviation: 1.2)).rounded(), 0, 10)
                let csatScore =
                    3.8 + 0.5 * satisfaction + 0.2 * (Double(nps) - 7.5) + random.normal(mean: 0, deviation: 0.6)
                answers.append((time, Int32(customer), nps, clamp(csatScore.rounded(), 1, 5)))
            }
        }
        answers.sort { ($0.time, $0.customer) < ($1.time, $1.customer) }
        for answer in answers {
            base.surveyCustomer.append(answer.customer)
            base.surveyAnsweredAt.append(answer.time)
            base.surveyNPS.append(answer.nps)
            base.surveyCSAT.append(answer.csat)
        }
    }

    private static func clamp(_ value: Double, _ low: Int64, _ high: Int64) -> Int64 {
        min(max(Int64(value), low), high)
    }
}
