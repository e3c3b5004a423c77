/// The one date format a column is read in, chosen from all its values.
///
/// Each candidate reading — year-first (ISO 8601 and `YYYY/MM/DD`), day-first, month-first,
/// month names — counts the rows it reads; the one that reads most wins, and every value it does
/// not read is an issue. Day-first and month-first differ only on values with a part above 12,
/// so when no value proves either, the order is the declared one, else the context's, else the
/// separator's custom (`.` and `-` day-first, `/` month-first), and ``assumption`` says so.
struct DateColumnFormat {
    /// How the column's values are read.
    enum Reading: Equatable {
        case yearFirst
        case order(DateOrder)
        case monthName, pattern
    }

    /// The reading, or `nil` when no value is a date at all.
    let reading: Reading?
    /// The format for people, `nil` for ISO 8601 (see ``CoercionOutcome/format``).
    let display: String?
    /// The format as an issue's detail names it (never `nil`).
    let described: String
    /// Why the day/month order was assumed, when the values did not decide it.
    let assumption: String?
    /// Whether some value the format reads has a time of day.
    let hasTime: Bool

    private let otherOrderDetail: String
    private let elsewhereDetail: String
    private let outOfRangeDetail: String

    /// Chooses the format of values `scans` (one per distinct value; `nil`: not to be read),
    /// weighted by `weights` (rows per value).
    init(scans: [Result<ScannedDate, ScanFailure>?], weights: [Int], context: CoercionContext, pattern: DatePattern?) {
        let declared = context.declared?.dateOrder
        var rows = (yearFirst: 0, dmy: 0, mdy: 0, monthName: 0, pattern: 0)
        var proofs = (dmy: 0, mdy: 0)
        var separators = (dash: 0, slash: 0, dot: 0)
        for (index, scan) in scans.enumerated() {
            guard case .success(let date)? = scan else { continue }
            let w = weights[index]
            switch date.kind {
            case .yearFirst: rows.yearFirst += w
            case .monthName: rows.monthName += w
            case .pattern: rows.pattern += w
            case .dayMonth:
                if date.reads(in: .dmy), declared == nil || declared == .dmy { rows.dmy += w }
                if date.reads(in: .mdy), declared == nil || declared == .mdy { rows.mdy += w }
                switch date.provenOrder {
                case .dmy?: proofs.dmy += w
                case .mdy?: proofs.mdy += w
                default: break
                }
                switch date.separator {
                case 45: separators.dash += w
                case 47: separators.slash += w
                default: separators.dot += w
                }
            }
        }
        // The order that wins a tie between day-first and month-first, and why.
        let customary: DateOrder = separators.slash > separators.dash + separators.dot ? .mdy : .dmy
        let inherited = context.dateOrder == .ymd ? nil : context.dateOrder
        let preferred = (declared == .ymd ? nil : declared) ?? inherited ?? customary
        var candidates: [(Reading, Int)] = [(.yearFirst, rows.yearFirst)]
        candidates +=
            preferred == .dmy
            ? [(.order(.dmy), rows.dmy), (.order(.mdy), rows.mdy)]
            : [(.order(.mdy), rows.mdy), (.order(.dmy), rows.dmy)]
        candidates.append((.monthName, rows.monthName))
        var best: (Reading, Int)? = pattern != nil ? (.pattern, rows.pattern) : nil
        if pattern == nil {
            for candidate in candidates where candidate.1 > (best?.1 ?? 0) { best = candidate }
        }
        let reading = best.map(\.0)
        self.reading = reading

        let shape = DateShape(scans: scans, weights: weights, reading: reading)
        hasTime = shape.hasTime
        if let pattern {
            display = pattern.text
            described = "\(pattern.text) (as declared)"
        } else {
            display = shape.display
            described = shape.display ?? "YYYY-MM-DD (ISO 8601)"
        }
        if case .order(let order)? = reading, let other = order.swapped {
            otherOrderDetail = "a \(other) date; the column's dates are \(described)"
        } else {
            otherOrderDetail = "the column's dates are \(described)"
        }
        elsewhereDetail =
            reading == nil ? "not a date or time in any supported form" : "the column's dates are \(described)"
        outOfRangeDetail = "no such date or time of day"

        if case .order(let order)? = reading, declared == nil, proofs.dmy == 0, proofs.mdy == 0 {
            let other = order.swapped ?? .dmy
            let why =
                inherited != nil
                ? "as the table's other dates or --date-order say: no value of this column has a day above 12"
                : "no value has a day above 12"
            assumption =
                "\(order) assumed (\(described)): \(why); "
                + "say --date-order \(other.rawValue) or a mapping format if they are \(other)"
        } else {
            assumption = nil
        }
    }

    /// The instant of one scanned value, or why the column's format does not read it.
    func read(_ scan: Result<ScannedDate, ScanFailure>) -> Result<Int64, DateIssue> {
        switch scan {
        case .failure(.outOfRange): return .failure(DateIssue(detail: outOfRangeDetail))
        case .failure: return .failure(DateIssue(detail: elsewhereDetail))
        case .success(let date):
            switch (reading, date.kind) {
            case (.yearFirst?, .yearFirst), (.monthName?, .monthName), (.pattern?, .pattern):
                return .success(date.milliseconds(days: date.days))
            case (.order(let order)?, .dayMonth):
                guard date.reads(in: order) else { return .failure(DateIssue(detail: otherOrderDetail)) }
                return .success(date.milliseconds(days: order == .dmy ? date.days : date.monthFirstDays))
            default:
                return .failure(DateIssue(detail: elsewhereDetail))
            }
        }
    }
}

/// Why a value is not read as a date of its column's format.
struct DateIssue: Error {
    let detail: String
}

/// The written shape of the values a reading takes (separator, padding, year digits, time), for
/// the format shown to people: the majority of the rows, per part.
private struct DateShape {
    let display: String?
    let hasTime: Bool

    init(scans: [Result<ScannedDate, ScanFailure>?], weights: [Int], reading: DateColumnFormat.Reading?) {
        // Counts by byte: the separator, and the month-name layout.
        var separators = [Int](repeating: 0, count: 256)
        var layouts = [Int](repeating: 0, count: 256)
        var unpadded = false
        var twoDigitYears = 0
        var fourDigitYears = 0
        var timed = 0
        var meridiem = 0
        var seconds = 0
        for (index, scan) in scans.enumerated() {
            guard case .success(let date)? = scan, let reading, DateShape.takes(reading, date) else { continue }
            let w = weights[index]
            separators[Int(date.separator)] += w
            layouts[Int(date.layout)] += w
            unpadded = unpadded || date.isUnpadded
            if date.hasFourDigitYear { fourDigitYears += w } else { twoDigitYears += w }
            if let time = date.time {
                timed += w
                if time.hasMeridiem { meridiem += w }
                if time.hasSeconds { seconds += w }
            }
        }
        hasTime = timed > 0
        guard let reading else {
            display = nil
            return
        }
        let year = twoDigitYears > fourDigitYears ? "YY" : "YYYY"
        let day = unpadded ? "D" : "DD"
        let month = unpadded ? "M" : "MM"
        let separator = UInt8(DateShape.mostCommon(separators))
        let sep = String(UnicodeScalar(separator))
        var time = ""
        if timed > 0 {
            time = meridiem * 2 > timed ? " hh:mm" : " HH:mm"
            if seconds * 2 > timed { time += ":ss" }
            if meridiem * 2 > timed { time += " AM/PM" }
        }
        switch reading {
        case .yearFirst:
            display = separator == 45 && meridiem * 2 <= timed ? nil : "YYYY\(sep)\(month)\(sep)\(day)\(time)"
        case .order(.mdy):
            display = "\(month)\(sep)\(day)\(sep)\(year)\(time)"
        case .order:
            display = "\(day)\(sep)\(month)\(sep)\(year)\(time)"
        case .monthName:
            let layout = UInt8(DateShape.mostCommon(layouts))
            let name = layout & 1 != 0 ? "MMMM" : "MMM"
            let weekday = layout & 2 != 0 ? "ddd, " : ""
            let form = ScannedDate.NameForm(rawValue: layout >> 2) ?? .monthDayComma
            let nameDay = unpadded ? "D" : "DD"
            let body: String
            switch form {
            case .monthDayComma: body = "\(name) \(nameDay), \(year)"
            case .monthDay: body = "\(name) \(nameDay) \(year)"
            case .daySpaceMonth: body = "\(nameDay) \(name) \(year)"
            case .dayDashMonth: body = "\(nameDay)-\(name)-\(year)"
            case .daySlashMonth: body = "\(nameDay)/\(name)/\(year)"
            case .dayDotMonth: body = "\(nameDay).\(name).\(year)"
            }
            display = weekday + body + time
        case .pattern:
            display = nil
        }
    }

    /// The index with the highest count (the lowest such index on a tie).
    static func mostCommon(_ counts: [Int]) -> Int {
        var best = 0
        for i in counts.indices where counts[i] > counts[best] { best = i }
        return best
    }

    static func takes(_ reading: DateColumnFormat.Reading, _ date: ScannedDate) -> Bool {
        switch (reading, date.kind) {
        case (.yearFirst, .yearFirst), (.monthName, .monthName), (.pattern, .pattern): return true
        case (.order(let order), .dayMonth): return date.reads(in: order)
        default: return false
        }
    }
}
