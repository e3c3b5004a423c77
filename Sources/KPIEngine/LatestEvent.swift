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

    /// The latest event of `dataset`, or `nil` if it has no dates: the latest value of a field
    /// `schema` gives an event (``CanonicalField/event``).
    ///
    /// A conditional event (a lead's close) counts where its row meets the condition; where the
    /// data has no text column for the condition, where it is no later than the unconditional
    /// events (an export of open deals carries expected close dates). Without any event, the
    /// latest instant of any timestamp column.
    static func find(in dataset: Dataset, schema: CanonicalSchema) -> LatestEvent? {
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
        var conditional: [(table: Table, column: Column, what: String, condition: FieldValueCondition)] = []
        for canonical in schema.tables {
            guard let table = dataset[canonical.name] else { continue }
            for field in canonical.fields {
                guard let event = field.event, let column = table.column(named: field.name) else { continue }
                if let condition = event.onlyWhere {
                    conditional.append((table, column, event.what, condition))
                } else {
                    consider(column, what: event.what)
                }
            }
        }
        let unconditionalLatest = latest?.instant
        for (table, column, what, condition) in conditional {
            if let words = table.column(named: condition.field), case .text(let codes, let dictionary) = words.data {
                let meets = dictionary.map { condition.values.contains($0) }
                consider(column, what: what) { row in
                    !words.isNull(row) && codes[row] >= 0 && meets[Int(codes[row])]
                }
            } else if let bound = unconditionalLatest {
                consider(column, what: what) { row in
                    if case .timestamp(let v) = column.data { return v[row] <= bound }
                    if case .date(let v) = column.data { return v[row] <= bound }
                    return false
                }
            } else {
                consider(column, what: what)
            }
        }
        if latest == nil {
            // No event the schema knows: the latest instant of any timestamp column.
            for table in dataset.tables {
                for column in table.columns where column.type == .timestamp {
                    consider(column, what: "the latest \(table.name).\(column.name)")
                }
            }
        }
        return latest
    }
}
