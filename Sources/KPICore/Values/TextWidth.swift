/// Display width of text in a terminal: East Asian wide characters and emoji take two columns.
public enum TextWidth {
    /// Emoji in the Basic Multilingual Plane that terminals draw two columns wide (East Asian Width W).
    static let wideBMPEmoji: Set<UInt32> = {
        var set = Set<UInt32>()
        let ranges: [ClosedRange<UInt32>] = [
            0x231A...0x231B, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615,
            0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE,
            0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
            0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728, 0x274C...0x274C,
            0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797, 0x27B0...0x27B0, 0x27BF...0x27BF,
            0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        ]
        for range in ranges { set.formUnion(range) }
        return set
    }()

    /// The number of columns `text` occupies.
    public static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x300...0x36F).contains(v) || v == 0x200D || (0xFE00...0xFE0F).contains(v) { continue }
            let wide =
                (0x1100...0x115F).contains(v) || TextWidth.wideBMPEmoji.contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x1F004...0x1F004).contains(v)
                || (0x1F0CF...0x1F0CF).contains(v) || (0x1F18E...0x1F18E).contains(v) || (0x1F191...0x1F19A).contains(v)
                || (0x1F200...0x1F2FF).contains(v) || (0x20000...0x3FFFD).contains(v)
            width += wide ? 2 : 1
        }
        return width
    }
}
