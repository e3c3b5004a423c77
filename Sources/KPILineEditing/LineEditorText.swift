/// Text layout helpers for the terminal, kept pure so they can be tested without one.
public enum LineEditorText {
    /// The character libedit's `EL_PROMPT_ESC` uses to bracket non-printing prompt text.
    public static let invisibleMarker: Character = "\u{1}"

    /// Brackets every ANSI escape sequence in `prompt` with ``invisibleMarker`` so libedit does
    /// not count colour codes as columns (otherwise the cursor lands too far right).
    ///
    /// Adjacent sequences share one bracket pair. A prompt that already contains the marker is
    /// returned unchanged: the caller has bracketed it by hand.
    public static func markingInvisible(_ prompt: String) -> String {
        let scalars = Array(prompt.unicodeScalars)
        guard !prompt.unicodeScalars.contains("\u{1}") else { return prompt }
        var out = String.UnicodeScalarView()
        var open = false
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\u{1B}" {
                let end = escapeSequenceEnd(scalars, from: index)
                if !open {
                    out.append("\u{1}")
                    open = true
                }
                out.append(contentsOf: scalars[index..<end])
                index = end
            } else {
                if open {
                    out.append("\u{1}")
                    open = false
                }
                out.append(scalars[index])
                index += 1
            }
        }
        if open { out.append("\u{1}") }
        return String(out)
    }

    /// One past the last scalar of the escape sequence starting at `start` (an ESC).
    private static func escapeSequenceEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start + 1
        guard i < s.count else { return i }
        switch s[i] {
        case "[":  // CSI: parameters and intermediates, then one final byte in @...~
            i += 1
            while i < s.count, !(0x40...0x7E).contains(s[i].value) { i += 1 }
            return min(i + 1, s.count)
        case "]":  // OSC: up to BEL or ST (ESC \)
            i += 1
            while i < s.count {
                if s[i] == "\u{7}" { return i + 1 }
                if s[i] == "\u{1B}", i + 1 < s.count, s[i + 1] == "\\" { return i + 2 }
                i += 1
            }
            return i
        default:
            return i + 1
        }
    }

    /// Columns a string occupies: wide (East Asian, emoji) characters count two, everything
    /// else one per character. An approximation of `wcswidth` that does not depend on the locale.
    public static func displayWidth(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    private static func isWide(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains("\u{FE0F}") { return true }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Lays out completion candidates in columns, top to bottom then left to right like `ls`,
    /// within `width` columns; one line per row, each ending in `"\n"`.
    ///
    /// Beyond `limit` items the rest is summarised as `… and N more` rather than flooding
    /// the screen.
    public static func columns(_ items: [String], width: Int, limit: Int = 200) -> String {
        guard !items.isEmpty else { return "" }
        let shown = Array(items.prefix(max(1, limit)))
        let gap = 2
        let cellWidth = (shown.map { displayWidth($0) }.max() ?? 0) + gap
        let columnCount = max(1, (max(width, 1) + gap) / cellWidth)
        let rowCount = (shown.count + columnCount - 1) / columnCount
        var out = ""
        for row in 0..<rowCount {
            var line = ""
            for column in 0..<columnCount {
                let index = column * rowCount + row
                guard index < shown.count else { break }
                let item = shown[index]
                line += item
                if (column + 1) * rowCount + row < shown.count {
                    line += String(repeating: " ", count: cellWidth - displayWidth(item))
                }
            }
            out += line + "\n"
        }
        if items.count > shown.count { out += "… and \(items.count - shown.count) more\n" }
        return out
    }
}
