/// A rectangle in a chart's user units.
struct ChartRect: Sendable, Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    /// Whether the two share any area (touching edges do not overlap).
    func overlaps(_ other: ChartRect) -> Bool {
        x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }

    /// The smallest rectangle holding both.
    func union(_ other: ChartRect) -> ChartRect {
        let left = min(x, other.x), top = min(y, other.y)
        return ChartRect(x: left, y: top, width: max(x + width, other.x + other.width) - left, height: max(y + height, other.y + other.height) - top)
    }
}

/// Text metrics without a font engine: a width estimate generous enough for system-ui's digits,
/// capitals and `%`, so labels laid out by it do not collide.
enum ChartText {
    /// The average advance of a character, in ems.
    static let averageAdvance = 0.6

    /// The estimated width of `text` at `fontSize`.
    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * averageAdvance
    }

    /// `text` cut to fit `width` at `fontSize`, with an ellipsis when cut.
    static func fit(_ text: String, width: Double, fontSize: Double) -> String {
        let room = Int(width / (fontSize * averageAdvance))
        guard text.count > room, room >= 2 else { return text }
        return String(text.prefix(room - 1)) + "…"
    }
}

/// A legend laid out left to right, wrapping to a new line before an entry would cross the
/// chart's edge, so entries never overlap each other or run off the chart.
struct ChartLegend: Sendable, Equatable {
    /// One entry: its swatch and its label's box.
    struct Entry: Sendable, Equatable {
        var name: String
        var swatch: ChartRect
        var label: ChartRect
    }

    /// The entries, in order.
    var entries: [Entry]
    /// The height the legend takes (0 without entries).
    var height: Double

    static let swatchSize = 12.0
    static let swatchGap = 5.0
    static let entryGap = 16.0
    static let lineGap = 6.0

    /// Lays `names` out from (`x`, `y`) within `width`; a name too long for a line of its own is
    /// cut with an ellipsis.
    init(_ names: [String], x: Double, y: Double, width: Double, fontSize: Double) {
        let lineHeight = max(Self.swatchSize, fontSize * 1.2)
        var entries: [Entry] = []
        var cursor = x, top = y
        for raw in names {
            let room = width - Self.swatchSize - Self.swatchGap
            let name = ChartText.fit(raw, width: room, fontSize: fontSize)
            let textWidth = ChartText.width(name, fontSize: fontSize)
            let entryWidth = Self.swatchSize + Self.swatchGap + textWidth
            if cursor > x, cursor + entryWidth > x + width {
                cursor = x
                top += lineHeight + Self.lineGap
            }
            let swatch = ChartRect(x: cursor, y: top + (lineHeight - Self.swatchSize) / 2, width: Self.swatchSize, height: Self.swatchSize)
            let label = ChartRect(x: cursor + Self.swatchSize + Self.swatchGap, y: top, width: textWidth, height: lineHeight)
            entries.append(Entry(name: name, swatch: swatch, label: label))
            cursor += entryWidth + Self.entryGap
        }
        self.entries = entries
        self.height = entries.isEmpty ? 0 : top - y + lineHeight
    }
}
