/// One value read as a date (and maybe a time), before its column's format is chosen.
///
/// A day/month value such as `05/03/2024` keeps both readings; the column decides which one
/// counts (``DateColumnFormat``).
struct ScannedDate: Sendable {
    /// The family of forms the value is written in.
    enum Kind: UInt8, Sendable {
        /// Year first, numeric: ISO 8601 `2024-03-05`, `2024/3/5`, `2024.03.05`.
        case yearFirst
        /// Numeric with the year last: `05/03/2024`, `5-3-24` (day-first or month-first).
        case dayMonth
        /// With an English month name: `Mar 5, 2024`, `5 March 2024`, `05-Mar-24`.
        case monthName
        /// Read with a declared pattern.
        case pattern
    }

    /// The month-name layouts, for ``layout`` (bits 2 and up; bit 0: full name, bit 1: weekday).
    enum NameForm: UInt8 {
        case monthDayComma = 0
        case monthDay, daySpaceMonth, dayDashMonth, daySlashMonth, dayDotMonth
    }

    var kind: Kind
    /// Days since 1970-01-01 of the date; for ``Kind/dayMonth``, of its day-first reading.
    var days: Int32
    /// Days since 1970-01-01 of a ``Kind/dayMonth`` value's month-first reading.
    var monthFirstDays: Int32 = 0
    /// The orders a ``Kind/dayMonth`` value is a real date in: bit 0 day-first, bit 1 month-first.
    var orders: UInt8 = 0
    /// The numeric separator (`-`, `/`, `.`).
    var separator: UInt8 = 0
    /// The month-name layout (see ``NameForm``).
    var layout: UInt8 = 0
    /// Whether the year has four digits.
    var hasFourDigitYear = true
    /// Whether some day or month part has a single digit.
    var isUnpadded = false
    /// The time of day, if written.
    var time: ScannedTime?

    /// Whether the value reads in `order` (always true for other kinds than ``Kind/dayMonth``).
    func reads(in order: DateOrder) -> Bool {
        switch order {
        case .dmy: return orders & 1 != 0
        case .mdy: return orders & 2 != 0
        case .ymd: return false
        }
    }

    /// Whether exactly one order reads the value: a part above 12 proves it.
    var provenOrder: DateOrder? {
        orders == 1 ? .dmy : orders == 2 ? .mdy : nil
    }

    /// The instant, in milliseconds since the epoch (UTC), of the reading with these days.
    func milliseconds(days: Int32) -> Int64 {
        var ms = Int64(days) * Time.millisecondsPerDay
        if let time { ms += Int64(time.millisecondsInDay) - Int64(time.offsetMinutes) * 60_000 }
        return ms
    }
}

/// Reads a date or timestamp in any supported non-pattern form, straight from bytes.
///
/// Forms: numeric `y-m-d` (ISO 8601 included), `y/m/d`, `y.m.d`, `d-m-y`, `d/m/y`, `d.m.y` and
/// their month-first twins; English month names (`Jan 5, 2024`, `5 January 2024`, `05-Jan-24`,
/// `Mon, Jan 5, 2024`). Each may be followed by `T` or spaces (or `,`, or `at`) and a time
/// (``TimeOfDayScanner``). Two-digit years 00–69 are 20xx, 70–99 19xx.
enum DateScanner {
    /// Reads the whole value under the cursor.
    static func scan(_ c: inout ByteCursor) -> Result<ScannedDate, ScanFailure> {
        let b = c.peek()
        if ByteCursor.isDigit(b) { return startingWithDigit(&c) }
        if ByteCursor.isLetter(b) { return startingWithLetter(&c) }
        return .failure(.unrecognized)
    }

    // MARK: - Numeric and day-first month-name forms

    private static func startingWithDigit(_ c: inout ByteCursor) -> Result<ScannedDate, ScanFailure> {
        guard let p1 = c.digits(max: 4) else { return .failure(.unrecognized) }
        let sep = c.peek()
        if p1.count <= 2, startsMonthName(after: c) { return dayFirstName(&c, day: p1) }
        guard sep == 45 || sep == 47 || sep == 46 else { return .failure(.unrecognized) }  // - / .
        c.index += 1
        guard let p2 = c.digits(max: 2), c.take(sep), let p3 = c.digits(max: 4) else { return .failure(.unrecognized) }
        var date: ScannedDate
        if p1.count == 4 {
            guard p3.count <= 2 else { return .failure(.unrecognized) }
            let civil = CivilDate(year: p1.value, month: p2.value, day: p3.value)
            date = ScannedDate(kind: .yearFirst, days: Int32(truncatingIfNeeded: civil.daysSinceEpoch))
            guard civil.isValid else { return tail(&c, date, failure: .outOfRange) }
            date.isUnpadded = p2.count == 1 || p3.count == 1
        } else {
            guard p1.count <= 2, p3.count == 2 || p3.count == 4 else { return .failure(.unrecognized) }
            let year = fullYear(p3)
            let dayFirst = CivilDate(year: year, month: p2.value, day: p1.value)
            let monthFirst = CivilDate(year: year, month: p1.value, day: p2.value)
            date = ScannedDate(kind: .dayMonth, days: Int32(truncatingIfNeeded: dayFirst.daysSinceEpoch))
            date.monthFirstDays = Int32(truncatingIfNeeded: monthFirst.daysSinceEpoch)
            date.orders = (dayFirst.isValid ? 1 : 0) | (monthFirst.isValid ? 2 : 0)
            date.hasFourDigitYear = p3.count == 4
            date.isUnpadded = p1.count == 1 || p2.count == 1
            guard date.orders != 0 else { return tail(&c, date, failure: .outOfRange) }
        }
        date.separator = sep
        return tail(&c, date)
    }

    /// Whether a month name follows the cursor, after an ordinal suffix and a separator.
    private static func startsMonthName(after cursor: ByteCursor) -> Bool {
        var c = cursor
        _ = takeOrdinal(&c)
        if !c.skipSpaces() {
            let b = c.peek()
            guard b == 45 || b == 47 || b == 46 else { return false }
            c.index += 1
        }
        return ByteCursor.isLetter(c.peek())
    }

    /// `5 Jan 2024`, `5th January, 2024`, `05-Jan-2024`, `5/Jan/24`, `5.Jan.2024`, with the day read.
    private static func dayFirstName(
        _ c: inout ByteCursor, day: (value: Int, count: Int)
    ) -> Result<
        ScannedDate, ScanFailure
    > {
        _ = takeOrdinal(&c)
        var form = ScannedDate.NameForm.daySpaceMonth
        if !c.skipSpaces() {
            switch c.peek() {
            case 45: form = .dayDashMonth
            case 47: form = .daySlashMonth
            default: form = .dayDotMonth
            }
            c.index += 1
        }
        let word = c.letters()
        guard let month = MonthNames.month(in: c, start: word.start, count: word.count) else {
            return .failure(.unrecognized)
        }
        switch form {
        case .daySpaceMonth:
            _ = c.take(46)
            _ = c.take(44)
            guard c.skipSpaces() else { return .failure(.unrecognized) }
        case .dayDashMonth, .daySlashMonth:
            _ = c.take(46)
            guard c.take(form == .dayDashMonth ? 45 : 47) else { return .failure(.unrecognized) }
        default:
            guard c.take(46) else { return .failure(.unrecognized) }
        }
        guard let year = c.digits(max: 4), year.count == 2 || year.count == 4 else { return .failure(.unrecognized) }
        return named(&c, year: year, month: month, day: day, form: form)
    }

    // MARK: - Month-first month-name forms

    /// `Jan 5, 2024`, `January 5th 2024`, `Mon, Jan 5, 2024`, `Monday 5 January 2024`.
    private static func startingWithLetter(_ c: inout ByteCursor) -> Result<ScannedDate, ScanFailure> {
        var word = c.letters()
        var weekday = false
        if MonthNames.isWeekday(in: c, start: word.start, count: word.count) {
            weekday = true
            _ = c.take(46)
            let comma = c.take(44)
            guard c.skipSpaces() || comma else { return .failure(.unrecognized) }
            if ByteCursor.isDigit(c.peek()) {
                let result = startingWithDigit(&c)
                guard case .success(var date) = result else { return result }
                guard date.kind == .monthName else { return .failure(.unrecognized) }
                date.layout |= 2
                return .success(date)
            }
            word = c.letters()
        }
        guard let month = MonthNames.month(in: c, start: word.start, count: word.count) else {
            return .failure(.unrecognized)
        }
        _ = c.take(46)
        guard c.skipSpaces(), let day = c.digits(max: 2) else { return .failure(.unrecognized) }
        _ = takeOrdinal(&c)
        let comma = c.take(44)
        guard c.skipSpaces() || comma, let year = c.digits(max: 4), year.count == 2 || year.count == 4 else {
            return .failure(.unrecognized)
        }
        let result = named(&c, year: year, month: month, day: day, form: comma ? .monthDayComma : .monthDay)
        guard weekday, case .success(var date) = result else { return result }
        date.layout |= 2
        return .success(date)
    }

    /// A month-name date with its parts read, and the rest of the value.
    private static func named(
        _ c: inout ByteCursor, year: (value: Int, count: Int), month: (month: Int, isFull: Bool),
        day: (value: Int, count: Int), form: ScannedDate.NameForm
    ) -> Result<ScannedDate, ScanFailure> {
        let civil = CivilDate(year: fullYear(year), month: month.month, day: day.value)
        var date = ScannedDate(kind: .monthName, days: Int32(truncatingIfNeeded: civil.daysSinceEpoch))
        date.layout = form.rawValue << 2 | (month.isFull ? 1 : 0)
        date.hasFourDigitYear = year.count == 4
        date.isUnpadded = day.count == 1
        return tail(&c, date, failure: civil.isValid ? nil : .outOfRange)
    }

    // MARK: - Shared parts

    /// Reads what follows the date: nothing, or a separator (`T`, spaces, `,`, `at`) and a time.
    /// A `failure` already found wins over anything the rest would add, unless the rest is not a
    /// date's tail at all.
    private static func tail(
        _ c: inout ByteCursor, _ date: ScannedDate, failure: ScanFailure? = nil
    ) -> Result<
        ScannedDate, ScanFailure
    > {
        var date = date
        if !c.isAtEnd {
            let b = c.peek()
            if b == 84 || b == 116, ByteCursor.isDigit(c.peek(1)) {  // T
                c.index += 1
            } else {
                let comma = c.take(44)
                let spaced = c.skipSpaces()
                guard comma || spaced else { return .failure(.unrecognized) }
                if c.take(word: "at") { guard c.skipSpaces() else { return .failure(.unrecognized) } }
            }
            switch TimeOfDayScanner.scan(&c) {
            case .success(let time): date.time = time
            case .failure(let timeFailure): return .failure(failure == nil ? timeFailure : min(failure!, timeFailure))
            }
        }
        if let failure { return .failure(failure) }
        return .success(date)
    }

    /// Consumes `st`, `nd`, `rd` or `th` right after a day number.
    private static func takeOrdinal(_ c: inout ByteCursor) -> Bool {
        c.take(word: "st") || c.take(word: "nd") || c.take(word: "rd") || c.take(word: "th")
    }

    /// A two-digit year as 2000–2069 or 1970–1999; other years as written.
    static func fullYear(_ year: (value: Int, count: Int)) -> Int {
        guard year.count == 2 else { return year.value }
        return year.value < 70 ? 2000 + year.value : 1900 + year.value
    }
}

extension ScanFailure: Comparable {
    static func < (a: ScanFailure, b: ScanFailure) -> Bool { a.rawValue < b.rawValue }
}
