/// Reads a month written without a day: `YYYY-MM`, `YYYY/MM`, `MM/YYYY` (also `-` and `.`),
/// `Jan 2024`, `January 2024`, `Jan-2024`.
enum MonthScanner {
    /// A month read from a value, and how it was written.
    struct Scanned {
        /// The year.
        var year: Int
        /// The month, 1–12.
        var month: Int
        /// The form, for the format shown to people (`nil`: `YYYY-MM`).
        var form: String?
    }

    /// Reads the whole value under the cursor; `nil` if it is not one of the month forms.
    static func scan(_ cursor: ByteCursor) -> Result<Scanned, ScanFailure>? {
        var c = cursor
        if ByteCursor.isLetter(c.peek()) {
            let word = c.letters()
            guard let name = MonthNames.month(in: c, start: word.start, count: word.count) else { return nil }
            _ = c.take(46)
            let dash = c.take(45)
            guard dash || c.skipSpaces(), let year = c.digits(max: 4), year.count == 4, c.isAtEnd else { return nil }
            let form = (name.isFull ? "MMMM" : "MMM") + (dash ? "-" : " ") + "YYYY"
            return .success(Scanned(year: year.value, month: name.month, form: form))
        }
        guard let first = c.digits(max: 4) else { return nil }
        let sep = c.peek()
        guard sep == 45 || sep == 47 || sep == 46 else { return nil }
        c.index += 1
        guard let second = c.digits(max: 4), c.isAtEnd else { return nil }
        let (year, month): ((value: Int, count: Int), (value: Int, count: Int))
        let form: String?
        if first.count == 4, second.count <= 2, sep != 46 {
            (year, month) = (first, second)
            form = sep == 45 ? nil : "YYYY/MM"
        } else if first.count <= 2, second.count == 4 {
            (year, month) = (second, first)
            form = "MM\(String(UnicodeScalar(sep)))YYYY"
        } else {
            return nil
        }
        guard (1...12).contains(month.value) else { return .failure(.outOfRange) }
        return .success(Scanned(year: year.value, month: month.value, form: form))
    }
}
