/// The grouping separator a number shows.
enum GroupSeparator: UInt8, Sendable {
    case none, comma, dot, space, apostrophe

    /// The separator as people write it, for formats (`,`, `.`, ` `, `'`).
    var text: String {
        switch self {
        case .none: return ""
        case .comma: return ","
        case .dot: return "."
        case .space: return " "
        case .apostrophe: return "'"
        }
    }
}

/// How a number's digits are grouped: by thousands, or the Indian way (`1,40,000`: the last
/// group three digits, earlier groups two).
enum GroupStyle: UInt8, Sendable {
    /// Not shown: no grouping, or a grouping both styles write (`10,000`).
    case unknown
    case thousands, indian
}

/// A number's digits read under one decimal convention.
struct NumberReading: Sendable {
    /// The value (percentages divided by 100, sign applied).
    var value: Double
    /// The value as an exact integer, when it is whole and fits.
    var integer: Int64?
    /// The grouping separator shown.
    var grouping: GroupSeparator
    /// The grouping style shown.
    var style: GroupStyle
    /// Whether the integer part has four digits or more, so it shows whether it groups.
    var couldGroup: Bool
}

/// One value read as a number, before its column's format is chosen.
///
/// `1,234` is 1234 under a decimal point and 1.234 under a decimal comma: the value keeps a
/// reading under each convention it allows, and the column decides which counts.
struct ScannedNumber: Sendable {
    /// The reading when `.` is the decimal separator, if the value allows it.
    var point: NumberReading?
    /// The reading when `,` is the decimal separator, if the value allows it.
    var comma: NumberReading?
    /// The currency spelling (``Currency/spellings`` index; 0: none).
    var currency: UInt8
    /// Whether it ends in `%`.
    var isPercent: Bool
    /// Whether its value is zero (zero shows no currency or percent worth counting).
    var isZero: Bool
    /// Whether it is negative in accounting parentheses, `(1,234.50)`.
    var hasParentheses: Bool
}

/// Reads a number in the accepted forms straight from bytes: an optional sign (`-`, `+`, `−`) or
/// accounting parentheses, a currency before or after, digits grouped by `,` `.` `'` `’` or
/// spaces (thousands or Indian), a `.` or `,` decimal, an exponent on plain forms, a trailing `%`.
enum NumberScanner {
    /// Reads the whole value under the cursor; `nil` when it is not a number in any convention.
    static func scan(_ cursor: ByteCursor) -> ScannedNumber? {
        var c = cursor
        var negative = false
        var parentheses = false
        if c.peek() == 40, c.end - c.index >= 2, c.bytes[c.end - 1] == 41 {  // ( … )
            parentheses = true
            c.index += 1
            c.end -= 1
            c.skipSpaces()
            c.trimEnd()
        }
        var signed = false
        var currency: UInt8 = 0
        for _ in 0..<2 {
            if !signed, let minus = takeSign(&c) {
                guard !parentheses else { return nil }
                negative = minus
                signed = true
                c.skipSpaces()
            } else if currency == 0, case let spelling = Currency.takePrefix(&c), spelling != 0 {
                currency = spelling
                c.skipSpaces()
            } else {
                break
            }
        }
        var innerParentheses = false
        if !parentheses, !signed, currency != 0, c.take(40) {  // $(5)
            innerParentheses = true
            c.skipSpaces()
        }
        guard let body = Body(&c) else { return nil }
        c.skipSpaces()
        if innerParentheses {
            guard c.take(41) else { return nil }
            c.skipSpaces()
        }
        let percent = c.take(37)  // %
        if percent { c.skipSpaces() }
        if currency == 0, !c.isAtEnd { currency = Currency.takeSuffix(&c) }
        guard c.isAtEnd, !(percent && currency != 0) else { return nil }
        negative = negative || parentheses || innerParentheses
        let point = body.reading(decimal: .dot, negative: negative, percent: percent)
        let comma = body.reading(decimal: .comma, negative: negative, percent: percent)
        guard point != nil || comma != nil else { return nil }
        return ScannedNumber(
            point: point, comma: comma, currency: currency, isPercent: percent, isZero: body.isZero,
            hasParentheses: parentheses || innerParentheses)
    }

    /// Consumes a sign; `true` for minus, `nil` if none.
    private static func takeSign(_ c: inout ByteCursor) -> Bool? {
        switch c.peek() {
        case 45:
            c.index += 1
            return true
        case 43:
            c.index += 1
            return false
        case 0xE2 where c.peek(1) == 0x88 && c.peek(2) == 0x92:
            c.index += 3
            return true
        default: return nil
        }
    }

    /// The class and byte length of a separator starting at byte `i` (`nil`: none).
    static func separator(_ c: ByteCursor, at i: Int) -> (GroupSeparator, Int)? {
        guard i < c.end else { return nil }
        switch c.bytes[i] {
        case 44: return (.comma, 1)
        case 46: return (.dot, 1)
        case 39: return (.apostrophe, 1)
        case 0xE2 where i + 2 < c.end && c.bytes[i + 1] == 0x80 && c.bytes[i + 2] == 0x99: return (.apostrophe, 3)
        default:
            let n = c.spaceLength(at: i)
            return n > 0 ? (.space, n) : nil
        }
    }
}

/// The digits and separators of a number, read once; ``reading(decimal:grouping:negative:percent:)``
/// interprets them under a convention.
private struct Body {
    let cursor: ByteCursor
    let start: Int
    let end: Int
    /// The number of separators.
    var separators = 0
    var first = GroupSeparator.none
    var last = GroupSeparator.none
    /// Whether every separator but the last is of ``first``'s class.
    var othersUniform = true
    var firstRun = 0
    var lastRun = 0
    var firstDigitIsZero = false
    var totalDigits = 0
    /// The first 19 significant digits, and how many more there were.
    var mantissa: UInt64 = 0
    var significant = 0
    var dropped = 0
    var exponent = 0
    var hasExponent = false

    var isZero: Bool { mantissa == 0 && dropped == 0 }

    init?(_ c: inout ByteCursor) {
        cursor = c
        start = c.index
        var run = 0
        while c.index < c.end {
            let b = c.bytes[c.index]
            if ByteCursor.isDigit(b) {
                if run == 0, separators == 0 { firstDigitIsZero = b == 48 }
                let d = UInt64(b &- 48)
                if significant < 19 {
                    if significant > 0 || d != 0 {
                        mantissa = mantissa * 10 + d
                        significant += 1
                    }
                } else {
                    dropped += 1
                }
                totalDigits += 1
                run += 1
                c.index += 1
            } else if let (kind, length) = NumberScanner.separator(c, at: c.index), ByteCursor.isDigit(c.peek(length)) {
                if separators == 0 {
                    firstRun = run
                    first = kind
                } else {
                    // The separator before this one is not the last: it must be a group's.
                    othersUniform = othersUniform && last == first
                }
                last = kind
                separators += 1
                run = 0
                c.index += length
            } else {
                break
            }
        }
        guard totalDigits > 0, run > 0 else { return nil }
        lastRun = run
        if separators == 0 { firstRun = run }
        end = c.index
        // An exponent: e, an optional sign, 1–4 digits (`5EUR` has none: EUR is its currency).
        if c.peek() | 0x20 == 101 {
            var look = c
            look.index += 1
            var negative = false
            if look.peek() == 45 || look.peek() == 43 {
                negative = look.peek() == 45
                look.index += 1
            }
            if let digits = look.digits(max: 4) {
                exponent = negative ? -digits.value : digits.value
                hasExponent = true
                c = look
            }
        }
    }

    /// The reading with `decimal` (`.` or `,`) as the decimal separator and any other separator
    /// as the groups', or `nil` if the digits do not allow it.
    func reading(decimal: GroupSeparator, negative: Bool, percent: Bool) -> NumberReading? {
        var groups = separators
        var fraction = 0
        if separators > 0, last == decimal {
            groups -= 1
            fraction = lastRun
        }
        if groups > 0 {
            // All group separators are one class, not the decimal one; the integer part
            // starts with a significant digit.
            let uniform = groups == separators ? othersUniform && last == first : othersUniform
            guard uniform, first != decimal, !hasExponent, firstRun > 0, !firstDigitIsZero else { return nil }
        }
        // Exponents only on plain forms: no groups, a decimal point if any.
        if hasExponent, groups > 0 || (separators > 0 && decimal != .dot) { return nil }
        var style = GroupStyle.unknown
        if groups > 0 {
            let (thousands, indian) = groupsValid(groups)
            guard thousands || indian else { return nil }
            style = thousands && indian ? .unknown : thousands ? .thousands : .indian
        }
        var exp10 = exponent - fraction - (percent ? 2 : 0)
        var value: Double
        var integer: Int64?
        if dropped == 0 {
            value = Body.double(mantissa, exp10) ?? slowDouble(decimal: decimal, fraction: fraction, percent: percent)
            // Exact integer: whole and within Int64.
            var m = mantissa
            while exp10 < 0, m % 10 == 0, m != 0 {
                m /= 10
                exp10 += 1
            }
            if m == 0 {
                integer = 0
            } else if exp10 >= 0, exp10 <= 19 {
                let (scaled, overflow) = m.multipliedReportingOverflow(by: Body.powersOfTenInt[exp10])
                if !overflow, scaled <= UInt64(Int64.max) { integer = negative ? -Int64(scaled) : Int64(scaled) }
            }
        } else {
            value = slowDouble(decimal: decimal, fraction: fraction, percent: percent)
        }
        guard value.isFinite else { return nil }
        if negative, value != 0 { value = -value }
        let integerDigits = totalDigits - fraction
        return NumberReading(
            value: value, integer: integer, grouping: groups > 0 ? first : .none, style: style,
            couldGroup: integerDigits >= 4)
    }

    /// Whether groups 1…`count` (after the first run) group by thousands, and the Indian way.
    private func groupsValid(_ count: Int) -> (thousands: Bool, indian: Bool) {
        var thousands = firstRun <= 3
        var indian = firstRun <= 2
        var c = cursor
        c.index = start
        c.end = end
        var group = 0
        var run = 0
        func close() {
            guard group >= 1, group <= count else { return }
            if run != 3 { thousands = false }
            if group < count ? run != 2 : run != 3 { indian = false }
        }
        while c.index < c.end {
            if ByteCursor.isDigit(c.bytes[c.index]) {
                run += 1
                c.index += 1
            } else if let (_, length) = NumberScanner.separator(c, at: c.index) {
                close()
                group += 1
                run = 0
                c.index += length
            } else {
                break
            }
        }
        close()
        return (thousands, indian)
    }

    /// The correctly rounded double `m × 10^e` when both fit exactly (Clinger's fast path).
    static func double(_ m: UInt64, _ e: Int) -> Double? {
        guard m <= 1 << 53, e >= -22, e <= 22 else { return nil }
        let d = Double(m)
        return e >= 0 ? d * powersOfTen[e] : d / powersOfTen[-e]
    }

    /// The value through the standard library's parser, for digits past the fast path.
    private func slowDouble(decimal: GroupSeparator, fraction: Int, percent: Bool) -> Double {
        var text = "0"
        var digitsSeen = 0
        let integerDigits = totalDigits - fraction
        var c = cursor
        c.index = start
        c.end = end
        while c.index < c.end {
            let b = c.bytes[c.index]
            if ByteCursor.isDigit(b) {
                if digitsSeen == integerDigits { text.append(".") }
                text.unicodeScalars.append(UnicodeScalar(b))
                digitsSeen += 1
                c.index += 1
            } else {
                c.index += NumberScanner.separator(c, at: c.index)?.1 ?? 1
            }
        }
        text += "e\(exponent - (percent ? 2 : 0))"
        return Double(text) ?? .infinity
    }

    static let powersOfTen: [Double] = (0...22).map { e in (0..<e).reduce(1.0) { r, _ in r * 10 } }
    static let powersOfTenInt: [UInt64] = (0...19).map { e in (0..<e).reduce(UInt64(1)) { r, _ in r * 10 } }
}
