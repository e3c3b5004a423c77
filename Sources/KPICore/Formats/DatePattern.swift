/// A declared date pattern such as `DD/MM/YYYY HH:mm`, compiled once per column.
///
/// Tokens: `D`/`DD` day, `M`/`MM` month, `MMM`/`MMMM` month name (either length is read),
/// `YY`/`YYYY` year, `H`/`HH` 24-hour, `h`/`hh` 12-hour (needs `a`), `mm` minutes, `ss` seconds,
/// `S`… fraction, `a` AM/PM, `Z` zone, `ddd`/`dddd` weekday name (ignored). Lower-case `d`,
/// `dd`, `yy`, `yyyy` mean day and year too, and `mm` before any hour token means the month, so
/// `dd/mm/yyyy` reads as people mean it. Any other letter but `T` makes the pattern invalid;
/// other characters are literal, a space matching one or more spaces. One- and two-letter
/// numeric tokens read one or two digits unless another number follows with no separator.
/// The time part is optional: `DD/MM/YYYY HH:mm` also reads `05/03/2024`.
struct DatePattern: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case day(width: Int)
        case month(width: Int)
        case monthName
        case year(digits: Int)
        case hour(width: Int)
        case hour12(width: Int)
        case minute, second, fraction, meridiem, zone, weekday
        case literal(UInt8)
        case space

        var isNumeric: Bool {
            switch self {
            case .day, .month, .year, .hour, .hour12, .minute, .second, .fraction: return true
            default: return false
            }
        }

        var isTime: Bool {
            switch self {
            case .hour, .hour12, .minute, .second, .fraction, .meridiem, .zone: return true
            default: return false
            }
        }
    }

    /// The pattern as declared.
    let text: String
    let tokens: [Token]
    /// Where the optional time part starts (its leading separators included); `tokens.count` if none.
    let timeStart: Int

    /// Compiles `text`; `nil` when it is not a date pattern.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var i = 0
        var seen = Set<String>()
        func once(_ key: String) -> Bool { seen.insert(key).inserted }
        while i < bytes.count {
            let b = bytes[i]
            var run = 1
            while i + run < bytes.count, bytes[i + run] == b { run += 1 }
            i += run
            switch b {
            case UInt8(ascii: "Y"), UInt8(ascii: "y"):
                guard run == 2 || run == 4, once("year") else { return nil }
                tokens.append(.year(digits: run))
            case UInt8(ascii: "M"):
                guard run <= 4, once("month") else { return nil }
                tokens.append(run <= 2 ? .month(width: run) : .monthName)
            case UInt8(ascii: "D"), UInt8(ascii: "d"):
                if b == UInt8(ascii: "d"), run == 3 || run == 4 {
                    guard once("weekday") else { return nil }
                    tokens.append(.weekday)
                } else {
                    guard run <= 2, once("day") else { return nil }
                    tokens.append(.day(width: run))
                }
            case UInt8(ascii: "H"), UInt8(ascii: "h"):
                guard run <= 2, once("hour") else { return nil }
                tokens.append(b == UInt8(ascii: "H") ? .hour(width: run) : .hour12(width: run))
            case UInt8(ascii: "m"):
                guard run <= 2 else { return nil }
                if seen.contains("hour") {
                    guard once("minute") else { return nil }
                    tokens.append(.minute)
                } else {
                    guard once("month") else { return nil }
                    tokens.append(.month(width: run))
                }
            case UInt8(ascii: "s"):
                guard run <= 2, seen.contains("minute"), once("second") else { return nil }
                tokens.append(.second)
            case UInt8(ascii: "S"):
                guard run <= 9, seen.contains("second"), once("fraction") else { return nil }
                tokens.append(.fraction)
            case UInt8(ascii: "a"), UInt8(ascii: "A"):
                guard run == 1, once("meridiem") else { return nil }
                tokens.append(.meridiem)
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                guard run <= 2, seen.contains("hour"), once("zone") else { return nil }
                tokens.append(.zone)
            case UInt8(ascii: "T"):
                guard run == 1 else { return nil }
                tokens.append(.literal(b))
            case UInt8(ascii: " "):
                tokens.append(.space)
            default:
                guard !ByteCursor.isLetter(b) else { return nil }
                for _ in 0..<run { tokens.append(.literal(b)) }
            }
        }
        guard seen.contains("year"), seen.contains("month") else { return nil }
        let twelve = tokens.contains { if case .hour12 = $0 { return true } else { return false } }
        guard twelve == seen.contains("meridiem") else { return nil }
        guard !seen.contains("hour") || seen.contains("minute") else { return nil }
        var start = tokens.firstIndex { $0.isTime } ?? tokens.count
        while start > 0, start < tokens.count, !tokens[start - 1].isNumeric, tokens[start - 1] != .monthName,
            tokens[start - 1] != .weekday
        {
            start -= 1
        }
        self.text = text
        self.tokens = tokens
        self.timeStart = start
    }

    /// Whether the pattern has a time of day.
    var hasTime: Bool { timeStart < tokens.count }

    /// Reads the whole value under the cursor.
    func scan(_ c: inout ByteCursor) -> Result<ScannedDate, ScanFailure> {
        var year = 0
        var month = 0
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var millis = 0
        var pm: Bool?
        var offset = 0
        var hasTime = false
        var hasSeconds = false
        var outOfRange = false
        var k = 0
        while k < tokens.count {
            if k == timeStart, c.isAtEnd { break }
            if k >= timeStart { hasTime = true }
            let token = tokens[k]
            let nextIsNumber = k + 1 < tokens.count && tokens[k + 1].isNumeric
            func number(_ width: Int) -> Int? {
                let exact = nextIsNumber || width > 2
                guard let v = c.digits(max: exact ? width : 2), !exact || v.count == width else { return nil }
                return v.value
            }
            switch token {
            case .day(let width):
                guard let v = number(width) else { return .failure(.unrecognized) }
                day = v
            case .month(let width):
                guard let v = number(width) else { return .failure(.unrecognized) }
                month = v
            case .year(let digits):
                guard let v = c.digits(max: digits), v.count == digits else { return .failure(.unrecognized) }
                year = DateScanner.fullYear(v)
            case .hour(let width), .hour12(let width):
                guard let v = number(width) else { return .failure(.unrecognized) }
                hour = v
            case .minute:
                guard let v = number(2) else { return .failure(.unrecognized) }
                minute = v
            case .second:
                guard let v = number(2) else { return .failure(.unrecognized) }
                second = v
                hasSeconds = true
            case .fraction:
                guard let v = TimeOfDayScanner.fractionMilliseconds(&c) else { return .failure(.unrecognized) }
                millis = v
            case .monthName, .weekday:
                let word = c.letters()
                if token == .weekday {
                    guard MonthNames.isWeekday(in: c, start: word.start, count: word.count) else {
                        return .failure(.unrecognized)
                    }
                } else {
                    guard let m = MonthNames.month(in: c, start: word.start, count: word.count) else {
                        return .failure(.unrecognized)
                    }
                    month = m.month
                }
                if k + 1 >= tokens.count || tokens[k + 1] != .literal(46) { _ = c.take(46) }
            case .meridiem:
                guard let isPM = TimeOfDayScanner.takeMeridiem(&c) else { return .failure(.unrecognized) }
                pm = isPM
            case .zone:
                guard let zone = TimeOfDayScanner.takeZone(&c) else { return .failure(.unrecognized) }
                guard let minutes = zone else { return .failure(.outOfRange) }
                offset = minutes
            case .literal(let b):
                guard c.take(b) else { return .failure(.unrecognized) }
            case .space:
                let optional = k + 1 < tokens.count && (tokens[k + 1] == .meridiem || tokens[k + 1] == .zone)
                guard c.skipSpaces() || optional else { return .failure(.unrecognized) }
            }
            k += 1
        }
        guard c.isAtEnd else { return .failure(.unrecognized) }
        if let pm {
            if hour < 1 || hour > 12 { outOfRange = true }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        if hour > 23 || minute > 59 || second > 59 { outOfRange = true }
        let civil = CivilDate(year: year, month: month, day: day)
        guard civil.isValid, !outOfRange else { return .failure(.outOfRange) }
        var date = ScannedDate(kind: .pattern, days: Int32(truncatingIfNeeded: civil.daysSinceEpoch))
        if hasTime {
            let ms = ((hour * 60 + minute) * 60 + second) * 1000 + millis
            date.time = ScannedTime(
                millisecondsInDay: Int32(ms), offsetMinutes: Int16(offset), hasSeconds: hasSeconds,
                hasMeridiem: pm != nil)
        }
        return .success(date)
    }
}
