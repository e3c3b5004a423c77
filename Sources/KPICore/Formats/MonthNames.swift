/// English month and weekday names, matched in a value's bytes ignoring case.
enum MonthNames {
    /// The months' full names, lower case, January first.
    static let full: [StaticString] = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ]
    /// The weekdays' full names, lower case, Monday first.
    static let weekdays: [StaticString] = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]
    /// The three-letter names used in formats (`Jan`), January first.
    static let short = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The month (1–12) that bytes `[start, start + count)` name: the full name, its first three
    /// letters, or `Sept`; `isFull` says which.
    static func month(in c: ByteCursor, start: Int, count: Int) -> (month: Int, isFull: Bool)? {
        guard count >= 3 else { return nil }
        for (i, name) in full.enumerated() where startsLike(c, start, name) {
            if count == 3 { return (i + 1, false) }
            if c.spells(name, start: start, count: count) { return (i + 1, true) }
            if i == 8, c.spells("sept", start: start, count: count) { return (9, false) }
            return nil
        }
        return nil
    }

    /// Whether bytes `[start, start + count)` name a weekday: full, three letters, `Tues`, `Thur`, `Thurs`.
    static func isWeekday(in c: ByteCursor, start: Int, count: Int) -> Bool {
        guard count >= 3 else { return false }
        for name in weekdays where startsLike(c, start, name) {
            return count == 3 || c.spells(name, start: start, count: count)
                || c.spells("tues", start: start, count: count)
                || c.spells("thur", start: start, count: count) || c.spells("thurs", start: start, count: count)
        }
        return false
    }

    /// Whether the three bytes at `start` are `name`'s first three letters, ignoring case.
    private static func startsLike(_ c: ByteCursor, _ start: Int, _ name: StaticString) -> Bool {
        let w = name.utf8Start
        return c.bytes[start] | 0x20 == w[0] && c.bytes[start + 1] | 0x20 == w[1] && c.bytes[start + 2] | 0x20 == w[2]
    }
}
