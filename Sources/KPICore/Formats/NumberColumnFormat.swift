/// The one number format a column is read in, chosen from all its values.
///
/// For each feature — decimal separator, grouping separator, grouping style, currency, percent —
/// the column's choice is the one most rows show among the values where the feature can be seen
/// ("none" is a choice: a column of mostly bare numbers has no currency). A value is read when
/// every feature that changes its meaning matches — the decimal separator, the currency, the
/// percent sign; lacking one is fine (`0` in a `$` column). Grouping only presents a number:
/// once the decimal separator is settled, `2,400` beside `8000` or `1,40,000` beside `140,000`
/// is unambiguous, so grouping is read whatever its style (exports mix them). Ties go to
/// showing the feature, which reads more values.
struct NumberColumnFormat {
    /// Whether `,` is the decimal separator.
    let decimalComma: Bool
    /// The grouping separator (``GroupSeparator/none``: the numbers do not group).
    let grouping: GroupSeparator
    /// The grouping style (``GroupStyle/unknown`` when no value shows one: thousands).
    let style: GroupStyle
    /// The currency (``Currency/currency(of:)``; 0: none), and its most used spelling.
    let currency: UInt8
    let spelling: UInt8
    /// Whether the numbers are percentages.
    let percent: Bool

    /// Chooses the format of `scans` (one per distinct value; `nil` for values not to count)
    /// weighted by `weights`; `declaredDecimalComma` decides the decimal separator if set.
    init(scans: [ScannedNumber?], weights: [Int], declaredDecimalComma: Bool?) {
        var pointRows = 0
        var commaRows = 0
        for (i, scan) in scans.enumerated() {
            guard let scan else { continue }
            if scan.point != nil, scan.comma == nil { pointRows += weights[i] }
            if scan.comma != nil, scan.point == nil { commaRows += weights[i] }
        }
        let decimalComma = declaredDecimalComma ?? (commaRows > pointRows)
        var groupings = [Int](repeating: 0, count: 5)
        var styles = (thousands: 0, indian: 0)
        var currencies = [Int](repeating: 0, count: 64)
        var spellings = [Int](repeating: 0, count: Currency.spellings.count)
        var percents = (yes: 0, no: 0)
        for (i, scan) in scans.enumerated() {
            guard let scan, let reading = decimalComma ? scan.comma : scan.point else { continue }
            let w = weights[i]
            if reading.couldGroup { groupings[Int(reading.grouping.rawValue)] += w }
            switch reading.style {
            case .thousands: styles.thousands += w
            case .indian: styles.indian += w
            case .unknown: break
            }
            if !scan.isZero {
                currencies[Int(Currency.currency(of: scan.currency))] += w
                spellings[Int(scan.currency)] += w
                if scan.isPercent { percents.yes += w } else { percents.no += w }
            }
        }
        self.decimalComma = decimalComma
        grouping = GroupSeparator(rawValue: UInt8(NumberColumnFormat.choice(groupings))) ?? .none
        style = styles.indian > styles.thousands ? .indian : styles.thousands > 0 ? .thousands : .unknown
        currency = UInt8(NumberColumnFormat.choice(currencies))
        var spelling = 0
        for s in spellings.indices
        where Currency.currency(of: UInt8(s)) == currency && spellings[s] > spellings[spelling] {
            spelling = s
        }
        self.spelling = currency == 0 ? 0 : UInt8(spelling)
        percent = percents.yes > 0 && percents.yes >= percents.no
    }

    /// The index of the choice from counts where index 0 is "none": the highest count, a feature
    /// winning a tie with none, the lower index winning other ties.
    private static func choice(_ counts: [Int]) -> Int {
        var best = 0
        for i in 1..<counts.count
        where counts[i] > 0 && (counts[i] > counts[best] || best == 0 && counts[i] == counts[0]) {
            best = i
        }
        return best
    }

    /// The reading of `scan` in this format, or why it is not one (a detail for people).
    func read(_ scan: ScannedNumber?, for target: CanonicalType) -> Result<NumberReading, NumberIssue> {
        guard let scan else { return .failure(NumberIssue("not a number")) }
        guard let reading = decimalComma ? scan.comma : scan.point else {
            return .failure(
                NumberIssue(
                    decimalComma
                        ? "a decimal point where the column's numbers use a decimal comma"
                        : "a decimal comma where the column's numbers use a decimal point"))
        }
        if scan.currency != 0, Currency.currency(of: scan.currency) != currency {
            let sign = Currency.text(of: scan.currency)
            return .failure(
                NumberIssue(
                    currency == 0
                        ? "a currency sign (\(sign)) where the column's numbers have none"
                        : "\(sign) where the column's amounts are in \(Currency.text(of: spelling))"))
        }
        if scan.isPercent {
            switch target {
            case .money: return .failure(NumberIssue("a percentage where an amount of money is expected"))
            case .int: return .failure(NumberIssue("a percentage where a whole number is expected"))
            default:
                if !percent { return .failure(NumberIssue("a percent sign where the column's numbers have none")) }
            }
        }
        if target == .int, reading.integer == nil { return .failure(NumberIssue("not a whole number")) }
        return .success(reading)
    }

    /// The format for people, `nil` for plain numbers; the sample has no fraction for `.int`.
    func display(for target: CanonicalType) -> String? {
        guard decimalComma || grouping != .none || currency != 0 || percent else { return nil }
        let separator = grouping == .none ? "" : grouping.text
        let fraction = target == .int ? "" : decimalComma ? ",56" : ".56"
        let sample =
            percent
            ? "45\(decimalComma ? ",5" : ".5")%"
            : style == .indian
                ? "1\(separator)40\(separator)000\(fraction.isEmpty ? "" : fraction.prefix(1) + "00")"
                : "1\(separator)234\(fraction)"
        var subject: [String] = []
        if currency != 0 { subject.append(Currency.text(of: spelling)) }
        if percent { subject.append("percent") }
        var qualifiers: [String] = []
        if style == .indian { qualifiers.append("Indian grouping") }
        if decimalComma { qualifiers.append("decimal comma") }
        switch grouping {
        case .space: qualifiers.append("space grouping")
        case .apostrophe: qualifiers.append("apostrophe grouping")
        default: break
        }
        let head: String
        if subject.isEmpty {
            head = qualifiers.isEmpty ? "grouped thousands" : qualifiers.joined(separator: ", ")
        } else {
            head =
                subject.joined(separator: " ")
                + (qualifiers.isEmpty ? "" : " with " + qualifiers.joined(separator: " and "))
        }
        return "\(head) (\(sample))"
    }
}

/// Why a value is not read as a number of its column's format.
struct NumberIssue: Error {
    let detail: String
    init(_ detail: String) { self.detail = detail }
}
