/// The currency signs and ISO 4217 codes a number may carry, before or after it.
///
/// Each spelling belongs to a currency (`$` and `US$` are USD, `€` is EUR, `kr` is its own, since
/// it is Swedish, Norwegian or Danish), so `$5` and `5 USD` are the same currency in a column
/// while `€5` is not.
enum Currency {
    /// A known spelling.
    struct Spelling: Sendable {
        /// The spelling as written (its letters compared ignoring case).
        let text: String
        let bytes: [UInt8]
        /// The currency it denotes.
        let code: String
        /// Whether it is made of letters (`USD`, `kr`): it must not touch another letter.
        let isWord: Bool
        /// The currency as a small number, for comparing and counting (1 and up).
        let currency: UInt8
    }

    /// The ISO codes read as currencies.
    static let codes = [
        "USD", "EUR", "GBP", "INR", "JPY", "CNY", "AUD", "CAD", "CHF", "SEK", "NOK", "DKK", "BRL", "MXN", "ZAR",
        "SGD", "HKD", "NZD", "PLN", "CZK", "HUF", "TRY", "ILS", "KRW", "RUB", "AED", "SAR",
    ]

    /// Every spelling, longest first (so `US$` is tried before `$`). Index 0 is unused: 0 means
    /// "no currency" in ``ScannedNumber``.
    static let spellings: [Spelling] = {
        let symbols: [(String, String)] = [
            ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("₩", "KRW"), ("₽", "RUB"),
            ("₺", "TRY"), ("₪", "ILS"), ("R$", "BRL"), ("A$", "AUD"), ("C$", "CAD"), ("US$", "USD"),
            ("NZ$", "NZD"), ("HK$", "HKD"), ("S$", "SGD"), ("kr", "kr"), ("Fr", "CHF"), ("zł", "PLN"),
            ("Rs.", "INR"), ("Rs", "INR"),
        ]
        let all = symbols + codes.map { ($0, $0) }
        let sorted = all.enumerated().sorted { a, b in
            a.element.0.utf8.count != b.element.0.utf8.count
                ? a.element.0.utf8.count > b.element.0.utf8.count : a.offset < b.offset
        }
        let currencies = codes + ["kr"]
        let placeholder = Spelling(text: "", bytes: [], code: "", isWord: false, currency: 0)
        return [placeholder]
            + sorted.map { entry in
                let (text, code) = entry.element
                let isWord =
                    text.unicodeScalars.first.map { $0.isASCII && ByteCursor.isLetter(UInt8($0.value)) } ?? false
                let currency = UInt8((currencies.firstIndex(of: code) ?? 0) + 1)
                return Spelling(text: text, bytes: Array(text.utf8), code: code, isWord: isWord, currency: currency)
            }
    }()

    /// The spellings' bytes, lower-cased, in one buffer for the scanning loops: spelling `i`
    /// is `matchBytes[matchStart[i] ..< matchStart[i + 1]]`.
    private static let matchBytes: [UInt8] = spellings.flatMap { $0.bytes.map(lowered) }
    private static let matchStart: [Int] = spellings.reduce(into: [0]) { $0.append($0.last! + $1.bytes.count) }
    /// The spellings by first byte (lower-cased), longest first: those starting with byte `b` are
    /// `byFirstByte[bucketStart[b] ..< bucketStart[b + 1]]`.
    private static let byFirstByte: [Int] = (1..<spellings.count).sorted { a, b in
        let (fa, fb) = (lowered(spellings[a].bytes[0]), lowered(spellings[b].bytes[0]))
        return fa != fb ? fa < fb : a < b
    }
    private static let bucketStart: [Int] = (0...256).map { b in
        byFirstByte.firstIndex { Int(lowered(spellings[$0].bytes[0])) >= b } ?? byFirstByte.count
    }

    /// The spelling starting at the cursor, consumed; 0 when none.
    static func takePrefix(_ c: inout ByteCursor) -> UInt8 {
        guard c.index < c.end else { return 0 }
        let first = Int(lowered(c.bytes[c.index]))
        for k in bucketStart[first]..<bucketStart[first + 1] where matches(byFirstByte[k], c, at: c.index) {
            let index = byFirstByte[k]
            let after = c.index + matchStart[index + 1] - matchStart[index]
            if spellings[index].isWord, after < c.end, ByteCursor.isLetter(c.bytes[after]) { continue }
            c.index = after
            return UInt8(index)
        }
        return 0
    }

    /// The spelling that is exactly the rest of the cursor, consumed; 0 when none.
    static func takeSuffix(_ c: inout ByteCursor) -> UInt8 {
        let n = c.end - c.index
        guard n > 0 else { return 0 }
        let first = Int(lowered(c.bytes[c.index]))
        for k in bucketStart[first]..<bucketStart[first + 1] {
            let index = byFirstByte[k]
            guard matchStart[index + 1] - matchStart[index] == n, matches(index, c, at: c.index) else { continue }
            c.index = c.end
            return UInt8(index)
        }
        return 0
    }

    /// The currency of a spelling index, as a small number (0: none).
    static func currency(of spelling: UInt8) -> UInt8 { spellings[Int(spelling)].currency }

    /// The spelling as written in the table (`""` for 0).
    static func text(of spelling: UInt8) -> String { spellings[Int(spelling)].text }

    private static func matches(_ index: Int, _ c: ByteCursor, at start: Int) -> Bool {
        let from = matchStart[index]
        let count = matchStart[index + 1] - from
        guard start + count <= c.end else { return false }
        for k in 0..<count where lowered(c.bytes[start + k]) != matchBytes[from + k] { return false }
        return true
    }

    @inline(__always) private static func lowered(_ b: UInt8) -> UInt8 { b &- 65 < 26 ? b | 0x20 : b }
}
