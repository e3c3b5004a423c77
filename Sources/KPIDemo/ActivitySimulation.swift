/// The simulated activities as parallel arrays, in `created_at` order. Times are seconds since
/// the epoch; `-1` marks a missing `scheduled_at` or `duration_minutes`.
struct ActivityLog {
    var leadIndex = ContiguousArray<Int32>()
    var rep = ContiguousArray<Int32>()
    var type = ContiguousArray<Int32>()
    var createdAt = ContiguousArray<Int64>()
    var scheduledAt = ContiguousArray<Int64>()
    var completed = ContiguousArray<Bool>()
    var durationMinutes = ContiguousArray<Int64>()

    /// The number of activities.
    var count: Int { createdAt.count }
}

/// Simulates the calls, emails, meetings and demos around each lead.
///
/// A contacted lead gets a first touch (a call or an email) exactly at `first_contact_at`, then
/// follow-ups spread over each phase it reached: contacting, qualified and opportunity. A phase
/// ends at the next stage, at closing, after a cap, or at the snapshot, whichever comes first,
/// so no activity precedes the first contact or follows `closed_at` or the snapshot.
enum ActivitySimulation {
    private typealias World = DemoWorld

    /// An activity before rep, scheduling and outcome are drawn, packed into one sortable word:
    /// seconds since the window start (27 bits, enough for four years), lead index (35 bits),
    /// type (2 bits). Sorting the words orders by time, then lead; drafts with equal words are
    /// indistinguishable, so the order never depends on the sort algorithm's stability.
    struct Draft {
        let key: UInt64

        init(time: Int64, lead: Int, type: Int) {
            key = UInt64(time - DemoWorld.windowStart) << 37 | UInt64(lead) << 2 | UInt64(type)
        }

        init(key: UInt64) { self.key = key }

        var time: Int64 { Int64(key >> 37) + DemoWorld.windowStart }
        var lead: Int { Int((key >> 2) & (1 << 35 - 1)) }
        var type: Int32 { Int32(key & 3) }
        /// The hour since the window start, for bucketing.
        var hour: Int { Int((key >> 37) / UInt64(DemoWorld.hour)) }
    }

    /// Simulates the activities of `leads`.
    static func run(leads: LeadBook, random: inout DemoRandom) -> ActivityLog {
        let drafts = draftActivities(leads: leads, random: &random)
        return finish(sortedByKey(drafts), leads: leads, random: &random)
    }

    private static func draftActivities(leads: LeadBook, random: inout DemoRandom) -> [Draft] {
        let typeTables = World.phaseTypeWeights.map(WeightedTable.init)
        var drafts = [Draft]()
        drafts.reserveCapacity(leads.count * 7)
        for lead in 0..<leads.count {
            let contact = leads.firstContactAt[lead]
            guard contact >= 0 else { continue }
            let qualified = leads.qualifiedAt[lead]
            let converted = leads.convertedAt[lead]
            let closed = leads.closedAt[lead]
            drafts.append(Draft(time: contact, lead: lead, type: random.chance(0.6) ? 0 : 1))  // first touch
            for phase in 0..<3 {
                let start: Int64
                let next: Int64
                switch phase {
                case 0: (start, next) = (contact, earliest(qualified, closed))
                case 1: (start, next) = (qualified, earliest(converted, closed))
                default: (start, next) = (converted, earliest(closed, -1))
                }
                guard start >= 0 else { break }
                let end = min(next, start + World.phaseCap[phase], World.snapshot)
                let span = max(end - start - 1, 0)
                // In the contacting phase an extra touch would coincide with the first one.
                if span == 0 && phase == 0 { continue }
                let extras = random.poisson(mean: World.phaseExtraMean[phase])
                for _ in 0..<extras {
                    let offset = span == 0 ? 0 : 1 + Int64(random.unit() * Double(span))
                    drafts.append(Draft(time: start + offset, lead: lead, type: random.pick(typeTables[phase])))
                }
            }
        }
        return drafts
    }

    /// Sorts drafts by key: a counting sort into hour buckets, then insertion sort within each
    /// (a couple of drafts per hour). Same order as `sort()`, but many times faster in debug
    /// builds, where the generic standard-library sort dominated the whole demo.
    static func sortedByKey(_ drafts: [Draft]) -> [Draft] {
        guard let lastHour = drafts.lazy.map(\.hour).max() else { return [] }
        var bucketStart = [Int](repeating: 0, count: lastHour + 2)
        for draft in drafts { bucketStart[draft.hour + 1] += 1 }
        for hour in 0...lastHour { bucketStart[hour + 1] += bucketStart[hour] }
        var next = bucketStart
        var keys = [UInt64](repeating: 0, count: drafts.count)
        for draft in drafts {
            keys[next[draft.hour]] = draft.key
            next[draft.hour] += 1
        }
        for hour in 0...lastHour where bucketStart[hour + 1] - bucketStart[hour] > 1 {
            for i in (bucketStart[hour] + 1)..<bucketStart[hour + 1] {
                let key = keys[i]
                var j = i
                while j > bucketStart[hour] && keys[j - 1] > key {
                    keys[j] = keys[j - 1]
                    j -= 1
                }
                keys[j] = key
            }
        }
        return keys.map(Draft.init(key:))
    }

    /// Draws, in activity order, the acting rep, scheduling, completion and duration.
    private static func finish(_ drafts: [Draft], leads: LeadBook, random: inout DemoRandom) -> ActivityLog {
        let repCount = World.reps.count
        var log = ActivityLog()
        log.leadIndex.reserveCapacity(drafts.count)
        log.rep.reserveCapacity(drafts.count)
        log.type.reserveCapacity(drafts.count)
        log.createdAt.reserveCapacity(drafts.count)
        log.scheduledAt.reserveCapacity(drafts.count)
        log.completed.reserveCapacity(drafts.count)
        log.durationMinutes.reserveCapacity(drafts.count)
        for draft in drafts {
            let time = draft.time
            let type = draft.type
            var rep = Int(leads.rep[draft.lead])
            // Now and then a colleague covers.
            if random.chance(0.05) { rep = (rep + 1 + random.int(below: repCount - 1)) % repCount }
            var scheduled: Int64 = -1
            switch type {
            case 2, 3: scheduled = time + random.seconds(median: 2 * World.day, sigma: 0.6)
            case 0 where random.chance(0.25): scheduled = time + random.seconds(median: World.day, sigma: 0.5)
            default: break
            }
            // A meeting booked for after the snapshot has not happened yet.
            let happened = scheduled < World.snapshot
            let u = random.unit()
            let completed: Bool
            var minutes: Int64 = -1
            switch type {
            case 0:
                completed = happened && u < 0.62
                if completed { minutes = max(1, Int64(random.logNormal(median: 6, sigma: 0.7).rounded())) }
            case 1:
                completed = happened
            case 2:
                completed = happened && u < 0.82
                if completed { minutes = World.meetingMinutes[random.int(below: World.meetingMinutes.count)] }
            default:
                completed = happened && u < 0.85
                if completed { minutes = World.demoMinutes[random.int(below: World.demoMinutes.count)] }
            }
            log.leadIndex.append(Int32(draft.lead))
            log.rep.append(Int32(rep))
            log.type.append(type)
            log.createdAt.append(time)
            log.scheduledAt.append(scheduled)
            log.completed.append(completed)
            log.durationMinutes.append(minutes)
        }
        return log
    }

    /// The earlier of two optional times (`-1` = none), or ``DemoWorld/never``.
    private static func earliest(_ a: Int64, _ b: Int64) -> Int64 {
        min(a >= 0 ? a : World.never, b >= 0 ? b : World.never)
    }
}
