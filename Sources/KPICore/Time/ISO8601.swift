/// Parsing and formatting of ISO-8601 dates and timestamps, straight from UTF-8 bytes.
///
/// Accepted: `YYYY-MM-DD`, and that followed by `T` or a space, `HH:MM`, optional `:SS`, optional
/// fraction (`.` or `,` and 1–9 digits), optional zone `Z`, `±HH`, `±HHMM` or `±HH:MM`.
/// No zone means UTC. Every field is range-checked (2024-02-30 is rejected).
public enum ISO8601 {
    /// The result of parsing: the instant, and whether a time of day was written.
    public struct Parsed: Sendable, Hashable {
        /// Milliseconds since the epoch, UTC.
        public var milliseconds: Int64
        /// `false` for a date alone.
        public var hasTime: Bool

        /// Creates a parse result.
        @inlinable public init(milliseconds: Int64, hasTime: Bool) {
            self.milliseconds = milliseconds
            self.hasTime = hasTime
        }
    }

    /// Parses bytes `[start, end)` of `bytes`; `nil` if they are not an ISO-8601 date or timestamp.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Parsed? {
        let n = end - start
        guard n >= 10 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let b = bytes[start + i]
            return b >= 48 && b <= 57 ? Int(b &- 48) : nil
        }
        @inline(__always) func number(_ i: Int, _ count: Int) -> Int? {
            var v = 0
            for k in 0..<count {
                guard let d = digit(i + k) else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let year = number(0, 4), bytes[start + 4] == 45, let month = number(5, 2),
            bytes[start + 7] == 45, let day = number(8, 2)
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        var ms = date.milliseconds
        if n == 10 { return Parsed(milliseconds: ms, hasTime: false) }
        let sep = bytes[start + 10]
        guard sep == 84 || sep == 32 || sep == 116, n >= 16 else { return nil }  // 'T', ' ', 't'
        guard let hour = number(11, 2), bytes[start + 13] == 58, let minute = number(14, 2),
            hour < 24, minute < 60
        else { return nil }
        ms += Int64(hour) * 3_600_000 + Int64(minute) * 60_000
        var i = 16
        if i < n && bytes[start + i] == 58 {  // ':'
            guard i + 3 <= n, let second = number(i + 1, 2), second < 60 else { return nil }
            ms += Int64(second) * 1000
            i += 3
            if i < n && (bytes[start + i] == 46 || bytes[start + i] == 44) {  // '.' or ','
                i += 1
                var digits = 0
                var fraction = 0
                while i < n, let d = digit(i) {
                    if digits < 3 { fraction = fraction * 10 + d }
                    digits += 1
                    i += 1
                }
                guard digits >= 1 && digits <= 9 else { return nil }
                var scaled = fraction
                for _ in 0..<max(0, 3 - min(digits, 3)) { scaled *= 10 }
                ms += Int64(scaled)
            }
        }
        if i == n { return Parsed(milliseconds: ms, hasTime: true) }
        let zone = bytes[start + i]
        if (zone == 90 || zone == 122) && i + 1 == n { return Parsed(milliseconds: ms, hasTime: true) }  // Z
        guard zone == 43 || zone == 45 else { return nil }  // + -
        i += 1
        guard i + 2 <= n, let zh = number(i, 2), zh <= 23 else { return nil }
        i += 2
        var zm = 0
        if i < n {
            if bytes[start + i] == 58 { i += 1 }
            guard i + 2 == n, let m = number(i, 2), m < 60 else { return nil }
            zm = m
        }
        let offset = Int64(zh * 60 + zm) * 60_000
        ms += zone == 43 ? -offset : offset
        return Parsed(milliseconds: ms, hasTime: true)
    }

    /// Parses a string; `nil` if it is not an ISO-8601 date or timestamp.
    public static func parse(_ text: String) -> Parsed? {
        var text = text
        return text.withUTF8 { parse($0, from: 0, to: $0.count) }
    }

    /// Formats an instant as `YYYY-MM-DDTHH:MM:SSZ` (with `.mmm` when it has milliseconds).
    public static func format(milliseconds ms: Int64) -> String {
        let date = CivilDate(milliseconds: ms)
        let inDay = Time.floorMod(ms, Time.millisecondsPerDay)
        let h = inDay / 3_600_000
        let m = (inDay / 60_000) % 60
        let s = (inDay / 1000) % 60
        let frac = inDay % 1000
        var out = formatDate(date) + "T" + pad(Int(h), 2) + ":" + pad(Int(m), 2) + ":" + pad(Int(s), 2)
        if frac != 0 { out += "." + pad(Int(frac), 3) }
        return out + "Z"
    }

    /// Formats the date of an instant as `YYYY-MM-DD`.
    public static func formatDate(milliseconds ms: Int64) -> String {
        formatDate(CivilDate(milliseconds: ms))
    }

    /// Formats a date as `YYYY-MM-DD`.
    public static func formatDate(_ date: CivilDate) -> String {
        pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
