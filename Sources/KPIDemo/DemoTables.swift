import KPICore

/// Lays the simulation's arrays out as the canonical tables, column names and types of
/// `crm-schema.md`.
enum DemoTables {
    private typealias World = DemoWorld
    private typealias C = ColumnBuilder
    private static let source = "demo"

    static func leads(_ book: LeadBook) -> Table {
        let repNames = World.reps.map(\.name)
        let regionCodes = ContiguousArray(book.rep.lazy.map { Int32(World.reps[Int($0)].region) })
        return Table(
            name: "leads",
            columns: [
                C.ids("lead_id", count: book.count),
                C.timestamp("created_at", seconds: book.createdAt),
                C.text("source", codes: book.source, vocabulary: World.sources.map(\.name)),
                C.text("rep", codes: book.rep, vocabulary: repNames),
                C.text("region", codes: regionCodes, vocabulary: World.regions),
                C.text("industry", codes: book.industry, vocabulary: World.industries.map(\.name)),
                C.text("status", codes: book.status, vocabulary: World.statusNames),
                C.timestamp("first_contact_at", seconds: book.firstContactAt),
                C.timestamp("qualified_at", seconds: book.qualifiedAt),
                C.timestamp("converted_at", seconds: book.convertedAt),
                C.timestamp("closed_at", seconds: book.closedAt),
                C.money("amount", cents: book.amountCents),
                C.bool("nurtured", book.nurtured),
                C.int("email_opens", book.emailOpens),
                C.int("email_clicks", book.emailClicks),
                C.text("lost_reason", codes: book.lostReason, vocabulary: World.lostReasons.map(\.reason)),
            ], rowCount: book.count, source: source)
    }

    /// One row per stage entered, `new` at creation included, by lead and then time. Each
    /// lead's stage times strictly increase, so walking the leads in order is already sorted.
    static func stageHistory(_ book: LeadBook) -> Table {
        var leadIDs = ContiguousArray<Int64>()
        var stages = ContiguousArray<Int32>()
        var enteredAt = ContiguousArray<Int64>()
        let capacity = book.count * 4
        leadIDs.reserveCapacity(capacity)
        stages.reserveCapacity(capacity)
        enteredAt.reserveCapacity(capacity)
        func enter(_ lead: Int, _ stage: Int32, _ time: Int64) {
            guard time >= 0 else { return }
            leadIDs.append(Int64(lead) + 1)
            stages.append(stage)
            enteredAt.append(time)
        }
        for lead in 0..<book.count {
            enter(lead, Stage.new.rawValue, book.createdAt[lead])
            enter(lead, Stage.contacted.rawValue, book.firstContactAt[lead])
            enter(lead, Stage.qualified.rawValue, book.qualifiedAt[lead])
            enter(lead, Stage.opportunity.rawValue, book.convertedAt[lead])
            enter(lead, book.status[lead], book.closedAt[lead])  // closed: status is the closing stage
        }
        return Table(
            name: "stage_history",
            columns: [
                C.int("lead_id", leadIDs),
                C.text("stage", codes: stages, vocabulary: World.statusNames),
                C.timestamp("entered_at", seconds: enteredAt),
            ], rowCount: leadIDs.count, source: source)
    }

    static func activities(_ log: ActivityLog) -> Table {
        Table(
            name: "activities",
            columns: [
                C.ids("activity_id", count: log.count),
                C.ids("lead_id", indexes: log.leadIndex),
                C.text("rep", codes: log.rep, vocabulary: World.reps.map(\.name)),
                C.text("type", codes: log.type, vocabulary: World.activityTypes),
                C.timestamp("created_at", seconds: log.createdAt),
                C.timestamp("scheduled_at", seconds: log.scheduledAt),
                C.bool("completed", log.completed),
                C.optionalInt("duration_minutes", log.durationMinutes),
            ], rowCount: log.count, source: source)
    }

    static func customers(_ base: CustomerBase) -> Table {
        Table(
            name: "customers",
            columns: [
                C.ids("customer_id", count: base.count),
                C.ids("lead_id", indexes: base.leadIndex),
                C.timestamp("started_at", seconds: base.startedAt),
                C.timestamp("churned_at", seconds: base.churnedAt),
                C.money("monthly_revenue", cents: base.monthlyRevenueCents),
            ], rowCount: base.count, source: source)
    }

    static func surveys(_ base: CustomerBase) -> Table {
        Table(
            name: "surveys",
            columns: [
                C.ids("customer_id", indexes: base.surveyCustomer),
                C.timestamp("answered_at", seconds: base.surveyAnsweredAt),
                C.int("nps", base.surveyNPS),
                C.int("csat", base.surveyCSAT),
            ], rowCount: base.surveyCustomer.count, source: source)
    }

    static func spend(_ book: MarketingBook) -> Table {
        Table(
            name: "spend",
            columns: [
                C.text("month", codes: book.spendMonth, vocabulary: book.monthNames),
                C.text("channel", codes: book.spendChannel, vocabulary: World.sources.map(\.name)),
                C.money("amount", cents: book.spendCents),
            ], rowCount: book.spendCents.count, source: source)
    }

    static func traffic(_ book: MarketingBook) -> Table {
        Table(
            name: "traffic",
            columns: [
                C.text("month", codes: book.trafficMonth, vocabulary: book.monthNames),
                C.text("channel", codes: book.trafficChannel, vocabulary: World.sources.map(\.name)),
                C.int("visitors", book.trafficVisitors),
            ], rowCount: book.trafficVisitors.count, source: source)
    }
}
