import KPICore

/// The latest instant at which something happened in a dataset, and what it was: the default
/// "as of" of a session (`as of 2021-06-29, the latest activity`).
public struct LatestEvent: Sendable, Hashable, CustomStringConvertible {
    /// The instant, in milliseconds.
    public var instant: Int64
    /// What happened then (`the latest activity`, `the latest lead created`).
    public var what: String

    /// Creates an event.
    public init(instant: Int64, what: String) {
        self.instant = instant
        self.what = what
    }

    /// `as of 2021-06-29, the latest activity`.
    public var description: String {
        let midnight = instant % Time.millisecondsPerDay == 0
        let when = midnight ? ISO8601.formatDate(milliseconds: instant) : ISO8601.format(milliseconds: instant)
        return "as of \(when), \(what)"
    }

    /// The fields that record something having happened, with how the banner names them.
    static let events: [(table: String, field: String, what: String)] = [
        ("leads", "created_at", "the latest lead created"), ("leads", "first_contact_at", "the latest first contact"),
        ("leads", "qualified_at", "the latest qualification"), ("leads", "converted_at", "the latest conversion"),
        ("stage_history", "entered_at", "the latest stage change"), ("activities", "created_at", "the latest activity"),
        ("customers", "started_at", "the latest new customer"), ("customers", "churned_at", "the latest churn"),
        ("surveys", "answered_at", "the latest survey answer"),
    ]

    /// The latest event of `dataset`, or `nil` if it has no dates.
    static func find(in dataset: Dataset) -> LatestEvent? {
        var latest: LatestEvent?
        func consider(_ column: Column, what: String, where keep: (Int) -> Bool = { _ in true }) {
            let values: ContiguousArray<Int64>
            switch column.data {
            case .timestamp(let v), .date(let v): values = v
            default: return
            }
            for i in 0..<values.count where !column.isNull(i) && keep(i) && values[i] > (latest?.instant ?? Int64.min) {
                latest = LatestEvent(instant: values[i], what: what)
            }
        }
        for event in events {
            if let column = dataset[event.table]?.column(named: event.field) { consider(column, what: event.what) }
        }
        if let leads = dataset["leads"], let closed = leads.column(named: "closed_at") {
            // A close counts when the lead is closed; without a status, when it is no later than
            // the other events (an export of open deals carries expected close dates).
            if let status = leads.column(named: "status"), case .text(let codes, let dictionary) = status.data {
                let closedWords = Set(["won", "lost", "disqualified"])
                let isClosed = dictionary.map { closedWords.contains($0) }
                consider(closed, what: "the latest close") { row in
                    !status.isNull(row) && codes[row] >= 0 && isClosed[Int(codes[row])]
                }
            } else if let bound = latest?.instant {
                consider(closed, what: "the latest close") { row in
                    if case .timestamp(let v) = closed.data { return v[row] <= bound }
                    if case .date(let v) = closed.data { return v[row] <= bound }
                    return false
                }
            } else {
                consider(closed, what: "the latest close")
            }
        }
        if latest == nil {
            // No canonical event: the latest instant of any timestamp column.
            for table in dataset.tables {
                for column in table.columns where column.type == .timestamp {
                    consider(column, what: "the latest \(table.name).\(column.name)")
                }
            }
        }
        return latest
    }
}
