/// Why a scanner could not read a value.
enum ScanFailure: UInt8, Error, Sendable {
    /// The value is not in any form the scanner knows.
    case unrecognized
    /// The form is known but a field is out of range (month 13, 2023-02-30, 25:61).
    case outOfRange
}

/// A time of day and zone, as written after a date.
struct ScannedTime: Sendable {
    /// Milliseconds since local midnight.
    var millisecondsInDay: Int32
    /// The zone's offset east of UTC, in minutes (0 when no zone is written).
    var offsetMinutes: Int16
    /// Whether seconds were written.
    var hasSeconds: Bool
    /// Whether `AM`/`PM` was written.
    var hasMeridiem: Bool
}

/// Reads `H:MM[:SS[.fff]]`, an optional `AM`/`PM` (`a.m.`, `p.m.`, with or without a space) and
/// an optional zone (`Z`, `UTC`, `GMT`, either followed by an offset, or `±HH[[:]MM]`).
enum TimeOfDayScanner {
    /// Reads a time that runs to the cursor's end.
    static func scan(_ c: inout ByteCursor) -> Result<ScannedTime, ScanFailure> {
        guard let hour = c.digits(max: 2), c.take(58), let minute = c.digits(max: 2), minute.count == 2 else {
            return .failure(.unrecognized)
        }
        var second = 0
        var millis = 0
        var hasSeconds = false
        if c.peek() == 58 {  // ':'
            c.index += 1
            guard let s = c.digits(max: 2), s.count == 2 else { return .failure(.unrecognized) }
            second = s.value
            hasSeconds = true
            let mark = c.peek()
            if mark == 46 || mark == 44, ByteCursor.isDigit(c.peek(1)) {  // '.' or ','
                c.index += 1
                guard let fraction = fractionMilliseconds(&c) else { return .failure(.unrecognized) }
                millis = fraction
            }
        }
        c.skipSpaces()
        var h = hour.value
        var outOfRange = minute.value > 59 || second > 59
        var hasMeridiem = false
        if let pm = takeMeridiem(&c) {
            hasMeridiem = true
            if h < 1 || h > 12 { outOfRange = true }
            h = h % 12 + (pm ? 12 : 0)
        } else if h > 23 {
            outOfRange = true
        }
        c.skipSpaces()
        var offset = 0
        if !c.isAtEnd {
            guard let zone = takeZone(&c) else { return .failure(.unrecognized) }
            guard let minutes = zone else { return .failure(.outOfRange) }
            offset = minutes
        }
        guard c.isAtEnd else { return .failure(.unrecognized) }
        if outOfRange { return .failure(.outOfRange) }
        let ms = ((h * 60 + minute.value) * 60 + second) * 1000 + millis
        return .success(
            ScannedTime(
                millisecondsInDay: Int32(ms), offsetMinutes: Int16(offset), hasSeconds: hasSeconds,
                hasMeridiem: hasMeridiem))
    }

    /// Reads 1–9 fraction digits as milliseconds (truncated, as ``ISO8601`` does).
    static func fractionMilliseconds(_ c: inout ByteCursor) -> Int? {
        var digits = 0
        var value = 0
        while ByteCursor.isDigit(c.peek()) {
            if digits < 3 { value = value * 10 + Int(c.peek() &- 48) }
            digits += 1
            c.index += 1
        }
        guard digits >= 1, digits <= 9 else { return nil }
        for _ in digits..<max(digits, 3) { value *= 10 }
        return value
    }

    /// Consumes `AM`, `PM`, `a.m.`, `p.m.` (any case, dots optional); `true` for PM, `nil` if none.
    static func takeMeridiem(_ c: inout ByteCursor) -> Bool? {
        let first = c.peek() | 0x20
        guard first == 97 || first == 112 else { return nil }  // a, p
        var look = c
        look.index += 1
        _ = look.take(46)
        guard look.peek() | 0x20 == 109 else { return nil }  // m
        look.index += 1
        _ = look.take(46)
        guard !ByteCursor.isLetter(look.peek()) else { return nil }
        c = look
        return first == 112
    }

    /// Consumes a zone. `nil`: not a zone; `.some(nil)`: a zone out of range; else its offset in
    /// minutes east of UTC.
    static func takeZone(_ c: inout ByteCursor) -> Int?? {
        let first = c.peek() | 0x20
        if first == 122, c.end - c.index == 1 {  // Z
            c.index += 1
            return .some(0)
        }
        if c.take(word: "utc") || c.take(word: "gmt") {
            c.skipSpaces()
            if c.isAtEnd { return .some(0) }
            return takeOffset(&c, hourDigits: 1...2)
        }
        return takeOffset(&c, hourDigits: 2...2)
    }

    /// Consumes `±HH[[:]MM]` (`−`, U+2212, counts as minus).
    static func takeOffset(_ c: inout ByteCursor, hourDigits: ClosedRange<Int>) -> Int?? {
        var negative: Bool
        switch c.peek() {
        case 43:
            negative = false
            c.index += 1
        case 45:
            negative = true
            c.index += 1
        case 0xE2 where c.peek(1) == 0x88 && c.peek(2) == 0x92:
            negative = true
            c.index += 3
        default: return nil
        }
        guard let hours = c.digits(max: 2), hourDigits.contains(hours.count) else { return nil }
        var minutes = 0
        if !c.isAtEnd {
            _ = c.take(58)  // the colon is optional: +0530 and +05:30
            guard let m = c.digits(max: 2), m.count == 2 else { return nil }
            minutes = m.value
        }
        guard hours.value <= 23, minutes <= 59 else { return .some(nil) }
        let total = hours.value * 60 + minutes
        if total == 0 { negative = false }
        return .some(negative ? -total : total)
    }
}
