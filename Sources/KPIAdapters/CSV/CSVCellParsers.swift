import KPICore

/// Conversions of one cell's bytes to a typed value, without making a `String`.
///
/// Every function takes the cell as `[start, end)` of `p` and may trim surrounding spaces (the
/// brief allows it for numbers; a quoted " 1 " is treated alike, which no CSV writer produces).
enum CSVCellParsers {
    /// The outcome of reading an integer.
    enum IntResult {
        case value(Int64)
        /// Digits only, but outside `Int64`: the column becomes `double`.
        case overflow
        case notInteger
    }

    /// Drops spaces (and tabs) around a cell.
    @inline(__always)
    static func trim(_ p: UnsafePointer<UInt8>, _ start: inout Int, _ end: inout Int) {
        while start < end && (p[start] == CSVByte.space || p[start] == CSVByte.tab) { start &+= 1 }
        while end > start && (p[end &- 1] == CSVByte.space || p[end &- 1] == CSVByte.tab) { end &-= 1 }
    }

    /// An optional sign and decimal digits.
    @inline(__always)
    static func parseInt(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> IntResult {
        var i = start
        var e = end
        trim(p, &i, &e)
        guard i < e else { return .notInteger }
        let negative = p[i] == 0x2D
        if negative || p[i] == 0x2B { i &+= 1 }
        let digits = e &- i
        guard digits > 0 else { return .notInteger }
        // `02134`, `007`: a code (a zip code, an agent number) whose zeros are part of it, not a number.
        if digits > 1 && p[i] == 0x30 { return .notInteger }
        var v: UInt64 = 0
        if digits <= 18 {
            // 18 digits cannot overflow UInt64 nor, as magnitude, Int64.
            while i < e {
                let d = p[i] &- 48
                guard d < 10 else { return .notInteger }
                v = v &* 10 &+ UInt64(d)
                i &+= 1
            }
            return .value(negative ? -Int64(v) : Int64(v))
        }
        var overflow = false
        while i < e {
            let d = p[i] &- 48
            guard d < 10 else { return .notInteger }
            if !overflow {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(d))
                overflow = o1 || o2
                v = a
            }
            i &+= 1
        }
        if overflow { return .overflow }
        if negative {
            if v <= UInt64(Int64.max) { return .value(-Int64(v)) }
            return v == UInt64(Int64.max) + 1 ? .value(Int64.min) : .overflow
        }
        return v <= UInt64(Int64.max) ? .value(Int64(v)) : .overflow
    }

    /// Whether the cell, spaces trimmed, starts with a minus sign (asked of integers read as 0).
    @inline(__always)
    static func isNegative(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var e = end
        trim(p, &i, &e)
        return i < e && p[i] == 0x2D
    }

    /// Exact powers of ten representable as `Double`.
    static let powersOfTen: [Double] = (0...22).map { exponent in
        var v = 1.0
        for _ in 0..<exponent { v *= 10 }
        return v
    }

    /// A decimal number: `[+-]digits[.digits][(e|E)[+-]digits]`, at least one digit in the
    /// mantissa. Correctly rounded: an exact fast path (at most 15 significant digits and a
    /// power of ten up to 22, so one IEEE multiplication or division of exact operands), and the
    /// standard library's parser for the rest. `inf`, `nan` and hex floats are not numbers here.
    @inline(__always)
    static func parseDouble(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var e = end
        trim(p, &i, &e)
        let numberStart = i
        guard i < e else { return nil }
        let negative = p[i] == 0x2D
        if negative || p[i] == 0x2B { i &+= 1 }
        // As for integers: a leading zero before more digits (`0123.5`) is a code, not a number.
        if e &- i > 1 && p[i] == 0x30 && p[i &+ 1] &- 48 < 10 { return nil }
        var mantissa: UInt64 = 0
        var significant = 0
        var digitCount = 0
        var scale = 0
        while i < e, case let d = p[i] &- 48, d < 10 {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                if mantissa != 0 { significant &+= 1 }
            } else {
                significant &+= 1
                scale &+= 1
            }
            digitCount &+= 1
            i &+= 1
        }
        if i < e && p[i] == 0x2E {
            i &+= 1
            while i < e, case let d = p[i] &- 48, d < 10 {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa != 0 { significant &+= 1 }
                    scale &-= 1
                } else {
                    significant &+= 1
                }
                digitCount &+= 1
                i &+= 1
            }
        }
        guard digitCount > 0 else { return nil }
        if i < e && (p[i] | 0x20) == 0x65 {
            i &+= 1
            var exponentNegative = false
            if i < e && (p[i] == 0x2D || p[i] == 0x2B) {
                exponentNegative = p[i] == 0x2D
                i &+= 1
            }
            var exponent = 0
            var exponentDigits = 0
            while i < e, case let d = p[i] &- 48, d < 10 {
                if exponent < 100_000 { exponent = exponent &* 10 &+ Int(d) }
                exponentDigits &+= 1
                i &+= 1
            }
            guard exponentDigits > 0 else { return nil }
            scale &+= exponentNegative ? -exponent : exponent
        }
        guard i == e else { return nil }
        if significant <= 15 && scale >= -22 && scale <= 22 {
            var v = Double(mantissa)
            if scale < 0 { v /= powersOfTen[-scale] } else if scale > 0 { v *= powersOfTen[scale] }
            return negative ? -v : v
        }
        let text = String(decoding: UnsafeBufferPointer(start: p + numberStart, count: e &- numberStart), as: UTF8.self)
        guard let v = Double(text), v.isFinite else { return nil }
        return v
    }

    /// `true`/`false`/`yes`/`no` in any case.
    @inline(__always)
    static func parseBool(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool? {
        var i = start
        var e = end
        trim(p, &i, &e)
        var word: UInt64 = 0
        let n = e &- i
        guard n >= 2 && n <= 5 else { return nil }
        for k in 0..<n { word |= UInt64(p[i &+ k] | 0x20) << (8 &* UInt64(k)) }
        switch word {
        case 0x65_75_72_74: return true  // "true"
        case 0x73_65_79: return true  // "yes"
        case 0x65_73_6C_61_66: return false  // "false"
        case 0x6F_6E: return false  // "no"
        default: return nil
        }
    }

    /// An ISO-8601 date or timestamp (KPICore's parser), after trimming.
    @inline(__always)
    static func parseTemporal(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> ISO8601.Parsed? {
        var i = start
        var e = end
        trim(p, &i, &e)
        // The parser indexes from 0 of the buffer it is given, so hand it just the cell.
        return ISO8601.parse(UnsafeBufferPointer(start: p + i, count: e &- i), from: 0, to: e &- i)
    }
}
