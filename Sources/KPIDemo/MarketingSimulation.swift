import KPICore

/// Monthly marketing spend and website traffic per channel, as parallel arrays.
struct MarketingBook {
    /// Month labels, `YYYY-MM`, of the window.
    var monthNames: [String] = []
    var spendMonth = ContiguousArray<Int32>()
    var spendChannel = ContiguousArray<Int32>()
    var spendCents = ContiguousArray<Int64>()
    var trafficMonth = ContiguousArray<Int32>()
    var trafficChannel = ContiguousArray<Int32>()
    var trafficVisitors = ContiguousArray<Int64>()
}

/// Derives spend and traffic from the leads each channel actually brought in a month, so cost
/// per lead and visit-to-lead rates come out near the channel's nominal figures. Direct has
/// traffic but no spend.
enum MarketingSimulation {
    private typealias World = DemoWorld

    /// Simulates spend and traffic for `leads`.
    static func run(leads: LeadBook, random: inout DemoRandom) -> MarketingBook {
        let firstMonth = Time.monthIndex(milliseconds: World.windowStart * Time.millisecondsPerSecond)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: World.sources.count), count: World.monthCount)
        for lead in 0..<leads.count {
            let month = Int(
                Time.monthIndex(milliseconds: leads.createdAt[lead] * Time.millisecondsPerSecond) - firstMonth)
            if month >= 0 && month < World.monthCount { counts[month][Int(leads.source[lead])] += 1 }
        }
        var book = MarketingBook()
        book.monthNames = (0..<World.monthCount).map { offset in
            let start = CivilDate(milliseconds: Time.startOfMonth(index: firstMonth + Int64(offset)))
            return String(ISO8601.formatDate(start).prefix(7))
        }
        for month in 0..<World.monthCount {
            for (channel, source) in World.sources.enumerated() {
                let leadCount = Double(counts[month][channel])
                if let costPerLead = source.costPerLead {
                    book.spendMonth.append(Int32(month))
                    book.spendChannel.append(Int32(channel))
                    book.spendCents.append(Int64((leadCount * costPerLead * random.uniform(0.9, 1.1) * 100).rounded()))
                }
                book.trafficMonth.append(Int32(month))
                book.trafficChannel.append(Int32(channel))
                book.trafficVisitors.append(
                    Int64((leadCount / source.visitToLead * random.uniform(0.92, 1.08)).rounded()))
            }
        }
        return book
    }
}
