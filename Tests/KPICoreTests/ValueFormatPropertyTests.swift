import KPITestSupport
import Testing

@testable import KPICore

@Suite("Value formats: round trips and fuzzing")
struct ValueFormatPropertyTests {
    typealias V = ValueFormatFixture

    /// A random instant's parts.
    struct Parts {
        var year, month, day, hour, minute, second, millis, offset: Int

        static func random(years: ClosedRange<Int>, using rng: inout SplitMix64) -> Parts {
            let year = Int.random(in: years, using: &rng)
            let month = Int.random(in: 1...12, using: &rng)
            let day = Int.random(in: 1...CivilDate.daysInMonth(year: year, month: month), using: &rng)
            return Parts(
                year: year, month: month, day: day, hour: Int.random(in: 0...23, using: &rng),
                minute: Int.random(in: 0...59, using: &rng), second: Int.random(in: 0...59, using: &rng),
                millis: Int.random(in: 0...999, using: &rng), offset: Int.random(in: -14...14, using: &rng) * 30)
        }

        func milliseconds(time: Bool, seconds: Bool = true, millis: Bool = false, zone: Bool = false) -> Int64 {
            var ms = CivilDate(year: year, month: month, day: day).milliseconds
            guard time else { return ms }
            ms += Int64(hour) * 3_600_000 + Int64(minute) * 60_000
            if seconds { ms += Int64(second) * 1000 }
            if millis { ms += Int64(self.millis) }
            if zone { ms -= Int64(offset) * 60_000 }
            return ms
        }

        var hour12: Int { hour % 12 == 0 ? 12 : hour % 12 }
        var meridiem: String { hour < 12 ? "AM" : "PM" }
        var zone: String {
            (offset < 0 ? "-" : "+") + p2(abs(offset) / 60) + ":" + p2(abs(offset) % 60)
        }
        var monthName: String { MonthNames.short[month - 1] }
        var fullMonthName: String {
            let full = "\(MonthNames.full[month - 1])"
            return full.prefix(1).uppercased() + full.dropFirst()
        }
        var weekday: String {
            ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][
                CivilDate(year: year, month: month, day: day).isoWeekday - 1]
        }
    }

    static func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    static func p4(_ v: Int) -> String { String(repeating: "0", count: max(0, 4 - String(v).count)) + String(v) }
    static func yy(_ v: Int) -> String { p2(v % 100) }

    /// A style: how it writes parts, and which parts it keeps.
    struct DateStyle: Sendable, CustomStringConvertible {
        let description: String
        let years: ClosedRange<Int>
        let time: Bool
        var seconds = true
        var millis = false
        var zone = false
        let write: @Sendable (Parts) -> String
    }

    static let dateStyles: [DateStyle] = [
        DateStyle(description: "YYYY-MM-DD", years: 1...9999, time: false) {
            "\(p4($0.year))-\(p2($0.month))-\(p2($0.day))"
        },
        DateStyle(description: "ISO Z", years: 1900...2100, time: true) {
            "\(p4($0.year))-\(p2($0.month))-\(p2($0.day))T\(p2($0.hour)):\(p2($0.minute)):\(p2($0.second))Z"
        },
        DateStyle(description: "ISO offset", years: 1900...2100, time: true, millis: true, zone: true) {
            "\(p4($0.year))-\(p2($0.month))-\(p2($0.day)) \(p2($0.hour)):\(p2($0.minute)):\(p2($0.second)).\(String(1000 + $0.millis).dropFirst())\($0.zone)"
        },
        DateStyle(description: "DD/MM/YYYY", years: 1900...2100, time: false) {
            "\(p2($0.day))/\(p2($0.month))/\($0.year)"
        },
        DateStyle(description: "D/M/YYYY H:MM", years: 1900...2100, time: true, seconds: false) {
            "\($0.day)/\($0.month)/\($0.year) \($0.hour):\(p2($0.minute))"
        },
        DateStyle(description: "DD-MM-YYYY HH:MM:SS", years: 1900...2100, time: true) {
            "\(p2($0.day))-\(p2($0.month))-\($0.year) \(p2($0.hour)):\(p2($0.minute)):\(p2($0.second))"
        },
        DateStyle(description: "DD.MM.YY", years: 1970...2069, time: false) {
            "\(p2($0.day)).\(p2($0.month)).\(yy($0.year))"
        },
        DateStyle(description: "DD.MM.YYYY HH:MM:SS.mmm", years: 1900...2100, time: true, millis: true) {
            "\(p2($0.day)).\(p2($0.month)).\($0.year) \(p2($0.hour)):\(p2($0.minute)):\(p2($0.second)).\(String(1000 + $0.millis).dropFirst())"
        },
        DateStyle(description: "MM/DD/YYYY hh:mm AM", years: 1900...2100, time: true, seconds: false) {
            "\(p2($0.month))/\(p2($0.day))/\($0.year) \(p2($0.hour12)):\(p2($0.minute)) \($0.meridiem)"
        },
        DateStyle(description: "M/D/YY h:mm a.m.", years: 1970...2069, time: true, seconds: false) {
            "\($0.month)/\($0.day)/\(yy($0.year)) \($0.hour12):\(p2($0.minute))\($0.meridiem == "AM" ? "a.m." : "p.m.")"
        },
        DateStyle(description: "MM-DD-YYYY", years: 1900...2100, time: false) {
            "\(p2($0.month))-\(p2($0.day))-\($0.year)"
        },
        DateStyle(description: "YYYY/MM/DD HH:MM", years: 1900...2100, time: true, seconds: false) {
            "\($0.year)/\(p2($0.month))/\(p2($0.day)) \(p2($0.hour)):\(p2($0.minute))"
        },
        DateStyle(description: "MMM D, YYYY", years: 1900...2100, time: false) {
            "\($0.monthName) \($0.day), \($0.year)"
        },
        DateStyle(description: "MMMM D, YYYY h:mm PM", years: 1900...2100, time: true, seconds: false) {
            "\($0.fullMonthName) \($0.day), \($0.year) \($0.hour12):\(p2($0.minute)) \($0.meridiem)"
        },
        DateStyle(description: "D MMM YYYY HH:MM UTC", years: 1900...2100, time: true, seconds: false) {
            "\($0.day) \($0.monthName) \($0.year) \(p2($0.hour)):\(p2($0.minute)) UTC"
        },
        DateStyle(description: "DD-MMM-YY", years: 1970...2069, time: false) {
            "\(p2($0.day))-\($0.monthName)-\(yy($0.year))"
        },
        DateStyle(description: "ddd, MMM D, YYYY", years: 1900...2100, time: false) {
            "\($0.weekday), \($0.monthName) \($0.day), \($0.year)"
        },
    ]

    @Test("random dates written in each style read back to the same instant", arguments: dateStyles)
    func dateRoundTrip(style: DateStyle) {
        var rng = SplitMix64(seed: 42 + UInt64(style.description.utf8.count))
        let parts = (0..<300).map { _ in Parts.random(years: style.years, using: &rng) }
        let outcome = V.outcome(parts.map(style.write), .timestamp)
        #expect(outcome.issues.isEmpty, "\(style): \(outcome.issues.prefix(3))")
        for (row, p) in parts.enumerated() {
            let expected = p.milliseconds(
                time: style.time, seconds: style.seconds, millis: style.millis, zone: style.zone)
            #expect(outcome.column.value(at: row) == .timestamp(expected), "\(style.write(p))")
        }
    }

    @Test(
        "random dates written with a declared pattern read back",
        arguments: [
            "DD.MM.YYYY HH:mm:ss", "YYYYMMDDHHmmss", "MMMM D YYYY h:mm:ss a", "D-M-YY H:mm:ss", "YYYY-MM-DDTHH:mm:ssZ",
        ])
    func patternRoundTrip(pattern: String) {
        var rng = SplitMix64(seed: 7)
        let parts = (0..<200).map { _ in Parts.random(years: 1970...2069, using: &rng) }
        func write(_ p: Parts) -> String {
            switch pattern {
            case "DD.MM.YYYY HH:mm:ss":
                return
                    "\(Self.p2(p.day)).\(Self.p2(p.month)).\(p.year) \(Self.p2(p.hour)):\(Self.p2(p.minute)):\(Self.p2(p.second))"
            case "YYYYMMDDHHmmss":
                return
                    "\(p.year)\(Self.p2(p.month))\(Self.p2(p.day))\(Self.p2(p.hour))\(Self.p2(p.minute))\(Self.p2(p.second))"
            case "MMMM D YYYY h:mm:ss a":
                return
                    "\(p.fullMonthName) \(p.day) \(p.year) \(p.hour12):\(Self.p2(p.minute)):\(Self.p2(p.second)) \(p.meridiem)"
            case "D-M-YY H:mm:ss":
                return "\(p.day)-\(p.month)-\(Self.yy(p.year)) \(p.hour):\(Self.p2(p.minute)):\(Self.p2(p.second))"
            default:
                return
                    "\(p.year)-\(Self.p2(p.month))-\(Self.p2(p.day))T\(Self.p2(p.hour)):\(Self.p2(p.minute)):\(Self.p2(p.second))\(p.zone)"
            }
        }
        let context = CoercionContext(declared: FormatDeclaration(parsing: pattern))
        let outcome = V.outcome(parts.map(write), .timestamp, context)
        #expect(outcome.issues.isEmpty, "\(outcome.issues.prefix(3))")
        for (row, p) in parts.enumerated() {
            #expect(
                outcome.column.value(at: row) == .timestamp(p.milliseconds(time: true, zone: pattern.hasSuffix("Z"))))
        }
    }

    /// How an amount of cents is written.
    struct AmountStyle: Sendable, CustomStringConvertible {
        let description: String
        let write: @Sendable (Int64) -> String
    }

    /// `cents` with its integer part grouped by `separator` (Indian if `indian`) and `decimal`.
    static func grouped(_ cents: Int64, _ separator: String, _ decimal: String, indian: Bool = false) -> String {
        let whole = String(cents.magnitude / 100)
        let fraction = String(100 + cents.magnitude % 100).dropFirst()
        var groups: [Substring] = []
        var rest = Substring(whole)
        var size = 3
        while rest.count > size {
            groups.insert(rest.suffix(size), at: 0)
            rest = rest.dropLast(size)
            if indian { size = 2 }
        }
        groups.insert(rest, at: 0)
        return groups.joined(separator: separator) + decimal + fraction
    }

    static let amountStyles: [AmountStyle] = [
        AmountStyle(description: "plain") { ($0 < 0 ? "-" : "") + grouped($0, "", ".") },
        AmountStyle(description: "$ with commas") { ($0 < 0 ? "-$" : "$") + grouped($0, ",", ".") },
        AmountStyle(description: "$ sign after") { ($0 < 0 ? "$-" : "$") + grouped($0, ",", ".") },
        AmountStyle(description: "accounting") { $0 < 0 ? "(" + grouped($0, ",", ".") + ")" : grouped($0, ",", ".") },
        AmountStyle(description: "euro, decimal comma") { ($0 < 0 ? "-" : "") + grouped($0, ".", ",") + " €" },
        AmountStyle(description: "no-break space groups") { ($0 < 0 ? "\u{2212}" : "") + grouped($0, "\u{A0}", ",") },
        AmountStyle(description: "narrow no-break space groups") {
            ($0 < 0 ? "-" : "") + grouped($0, "\u{202F}", ",") + "\u{A0}kr"
        },
        AmountStyle(description: "Indian rupees") { ($0 < 0 ? "-₹" : "₹") + grouped($0, ",", ".", indian: true) },
        AmountStyle(description: "Swiss") { "CHF " + ($0 < 0 ? "-" : "") + grouped($0, "'", ".") },
        AmountStyle(description: "comma decimal, no groups") { ($0 < 0 ? "-" : "") + grouped($0, "", ",") },
        AmountStyle(description: "ISO code after") { ($0 < 0 ? "-" : "") + grouped($0, ",", ".") + "USD" },
    ]

    @Test("random amounts written in each style read back exactly", arguments: amountStyles)
    func amountRoundTrip(style: AmountStyle) {
        var rng = SplitMix64(seed: 99)
        let cents = (0..<400).map { i -> Int64 in
            let magnitude = Int64.random(in: 0...[99, 99_999, 99_999_999, 999_999_999_999][i % 4], using: &rng)
            return Bool.random(using: &rng) ? -magnitude : magnitude
        }
        let outcome = V.outcome(cents.map(style.write), .money)
        #expect(outcome.issues.isEmpty, "\(style): \(outcome.issues.prefix(3))")
        for (row, c) in cents.enumerated() {
            #expect(outcome.column.value(at: row) == .double(Double(c) / 100), "\(style.write(c))")
        }
    }

    @Test("random integers with grouping read back exactly as ints")
    func integerRoundTrip() {
        var rng = SplitMix64(seed: 5)
        let values = (0..<300).map { _ in
            Int64.random(in: -Int64.max...Int64.max, using: &rng) >> Int64.random(in: 0...60, using: &rng)
        }
        func grouped(_ v: Int64) -> String {
            var digits = String(v.magnitude)
            var out = ""
            while digits.count > 3 {
                out = "," + digits.suffix(3) + out
                digits.removeLast(3)
            }
            return (v < 0 ? "-" : "") + digits + out
        }
        let outcome = V.outcome(values.map(grouped), .int)
        #expect(outcome.issues.isEmpty)
        for (row, v) in values.enumerated() {
            #expect(outcome.column.value(at: row) == .int(v), "\(grouped(v))")
        }
    }

    @Test("random doubles as Swift prints them read back to the same double")
    func doubleRoundTrip() {
        var rng = SplitMix64(seed: 11)
        let values =
            (0..<500).compactMap { _ -> Double? in
                let d = Double(bitPattern: rng.next())
                return d.isFinite ? d : nil
            } + [0, 1, -1, 0.1, 1e-5, 123_456.789, 5e-324, .greatestFiniteMagnitude]
        let outcome = V.outcome(values.map { "\($0)" }, .number)
        #expect(outcome.issues.isEmpty, "\(outcome.issues.prefix(3))")
        for (row, d) in values.enumerated() {
            #expect(outcome.column.value(at: row).doubleValue == d, "\(d)")
        }
    }

    @Test("wherever ISO8601.parse reads a value, the lenient reader reads the same instant")
    func isoSuperset() {
        var rng = SplitMix64(seed: 3)
        func digits(_ n: Int, max: Int) -> String {
            let v = Int.random(in: 0...max, using: &rng)
            return String(repeating: "0", count: Swift.max(0, n - String(v).count)) + String(v)
        }
        for _ in 0..<3000 {
            var s = digits(4, max: 9999) + "-" + digits(2, max: 19) + "-" + digits(2, max: 39)
            if Bool.random(using: &rng) {
                s += ["T", " ", "t"].randomElement(using: &rng)! + digits(2, max: 29) + ":" + digits(2, max: 69)
                if Bool.random(using: &rng) {
                    s += ":" + digits(2, max: 69)
                    if Bool.random(using: &rng) {
                        s +=
                            [".", ","].randomElement(using: &rng)!
                            + digits(Int.random(in: 1...9, using: &rng), max: 999_999_999)
                    }
                }
                s += [
                    "", "Z", "z", "+" + digits(2, max: 29), "-" + digits(2, max: 29) + digits(2, max: 69),
                    "+" + digits(2, max: 29) + ":" + digits(2, max: 69),
                ].randomElement(using: &rng)!
            }
            guard let strict = ISO8601.parse(s) else { continue }
            #expect(V.instant(s) == ISO8601.format(milliseconds: strict.milliseconds), "\(s)")
        }
    }

    /// Characters that make scanners work: digits, separators, words, signs, currencies, spaces.
    static let alphabet: [String] =
        Array("0123456789012345678901234567890123456789").map(String.init) + [
            "-", "/", ".", ",", ":", " ", "T", "Z", "+", "(", ")", "%", "'", "e", "E", "$", "€", "₹", "\u{A0}",
            "\u{202F}",
            "\u{2212}", "\u{2019}", "AM", "pm", "a.m.", "UTC", "GMT", "Jan", "January", "Sept", "Mon", "th", "st",
            "USD",
            "kr", "R$", "N/A", "-", "x", "é", "\u{0}", "\n", "12", "31", "2024", "99",
        ]

    static func randomText(using rng: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    @Test(
        "random text never crashes, every cell is a value, a blank, or exactly one issue, and dates stay in range",
        arguments: [CanonicalType.timestamp, .month, .money, .number, .int, .bool, .text, .identifier])
    func fuzz(type: CanonicalType) {
        var rng = SplitMix64(seed: UInt64(CanonicalType.allCases.firstIndex(of: type)!) + 1000)
        for round in 0..<40 {
            let cells: [String?] = (0..<60).map { _ in
                Int.random(in: 0..<20, using: &rng) == 0 ? nil : Self.randomText(using: &rng)
            }
            let declared: FormatDeclaration? =
                round % 4 == 3
                ? FormatDeclaration(parsing: ["DD/MM/YYYY HH:mm", "decimal-comma", "mdy", "D MMM YY"][round / 4 % 4])
                : nil
            let outcome = V.outcome(
                cells, type, CoercionContext(declared: declared, dateOrder: round % 3 == 0 ? .dmy : nil))
            #expect(outcome.column.count == cells.count)
            var issueRows = [Int: Int]()
            for issue in outcome.issues {
                issueRows[issue.row, default: 0] += 1
                #expect(issue.value == cells[issue.row])
            }
            for (row, cell) in cells.enumerated() {
                let isNull = outcome.column.isNull(row)
                let blank = cell.map { String($0.trimmedForSchema).isEmpty } ?? true
                if !isNull {
                    #expect(issueRows[row] == nil, "\(cell ?? "nil")")
                } else if blank
                    || cell?.unicodeScalars.allSatisfy({ $0 == "\u{A0}" || $0 == "\u{202F}" || $0 == " " || $0 == "\n" }
                    ) == true
                {
                    #expect(issueRows[row] == nil)
                } else if type != .text && type != .identifier {
                    #expect(issueRows[row] == 1, "\(cell ?? "nil")")
                }
                switch outcome.column.value(at: row) {
                case .timestamp(let ms), .date(let ms):
                    let year = CivilDate(milliseconds: ms).year
                    #expect((0...10_000).contains(year), "\(cell ?? "nil")")
                case .double(let d):
                    #expect(d.isFinite)
                default: break
                }
            }
        }
    }

    @Test("random patterns never crash the pattern compiler or reader")
    func patternFuzz() {
        var rng = SplitMix64(seed: 17)
        let pieces = [
            "D", "DD", "M", "MM", "MMM", "MMMM", "YY", "YYYY", "H", "HH", "h", "hh", "mm", "ss", "SSS", "a", "Z", "ddd",
            "T", "/", "-", " ", ":", ".", "q", "yyyy", "dd",
        ]
        for _ in 0..<500 {
            let pattern = (0..<Int.random(in: 1...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
                .joined()
            guard let declaration = FormatDeclaration(parsing: pattern) else { continue }
            let cells = (0..<10).map { _ in Self.randomText(using: &rng) }
            let outcome = V.outcome(cells, .timestamp, CoercionContext(declared: declaration))
            #expect(outcome.column.count == 10)
            #expect(outcome.format == String(pattern.trimmedForSchema))
        }
    }
}
