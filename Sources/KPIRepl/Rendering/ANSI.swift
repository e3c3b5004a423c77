import KPICore

/// Terminal colour: when to use it, how to apply it, and how to take it out again.
///
/// Colour is a property of where text goes, not of the text: a result shown on a terminal may
/// be coloured, the same result appended to a `.output` file never is. Widths are always
/// measured on the visible text, so a coloured cell lines up like a plain one.
public enum ANSI {
    /// Whether to colour output: only when it goes to a terminal, and never when `NO_COLOR` is
    /// set to a non-empty value (https://no-color.org) or the terminal is `dumb`.
    public static func isColorAllowed(environment: [String: String], isTerminal: Bool) -> Bool {
        guard isTerminal else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// `text` wrapped in an SGR code (`1` bold, `2` dim, `1;36` bold cyan), or as is.
    static func style(_ text: String, _ code: String, when enabled: Bool) -> String {
        enabled && !text.isEmpty ? "\u{1b}[\(code)m\(text)\u{1b}[0m" : text
    }

    /// The text without escape sequences, and without any other ESC byte: what goes into files.
    public static func strip(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{1b}") else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1b}" else {
                out.append(scalar)
                continue
            }
            // CSI (ESC [ … final byte in @…~); other escapes are ESC plus one character.
            guard let next = scalars.next() else { break }
            if next == "[" {
                while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
            }
        }
        return String(out)
    }

    /// Columns the text takes on a terminal, escape sequences not counted.
    static func width(_ text: String) -> Int { TextWidth.of(strip(text)) }
}
