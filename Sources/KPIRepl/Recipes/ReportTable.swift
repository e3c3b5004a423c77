import Foundation
import KPICore
import KPIEngine
import KPIFormula

/// A statement's outcome as a report lays it out: an optional lead line, a table of text cells
/// with its markers, and the footnotes printed under it.
///
/// Markdown and HTML draw query results from the same table, so both show the same columns
/// (each measure's value, then for a rate its `n` and `of`, then its 95% interval, beside that
/// measure), the same markers (`*` small sample, `(partial)` partly covered period) and the same
/// footnotes (the period the result covers, the result's notes, what the markers mean). HTML
/// draws comparisons, explanations and goals from it too, with the cells of their text tables.
struct ReportTable: Sendable, Equatable {
    /// A column's role, for alignment and for charts.
    enum Part: Sendable, Equatable {
        case key, value, numerator, denominator, interval, text
    }

    /// A column.
    struct Column: Sendable, Equatable {
        /// The heading.
        var title: String
        /// What the cells hold.
        var part: Part
        /// The measure the column belongs to, for measure columns.
        var measure: Int?

        /// Whether cells are right-aligned numbers.
        var isNumeric: Bool { part != .key && part != .text }
    }

    /// A row: its cells and what is marked on it.
    struct Row: Sendable, Equatable {
        /// The cells, markers included (`0.0%*`, `2024-12 (partial)`).
        var cells: [String]
        /// Whether the row's period is only partly covered.
        var isPartial = false
        /// The columns whose value rests on a small sample.
        var smallSample: Set<Int> = []
        /// A CSS class for the row's status cell (goals), if any.
        var statusClass: [Int: String] = [:]
    }

    /// A line under the table.
    struct Footnote: Sendable, Equatable {
        /// What it says, for HTML classes and JSON: a ``ResultNote/Kind`` raw value, `period`,
        /// `marker-small-sample`, `marker-partial` or `legend`.
        var kind: String
        /// The text, a sentence without the final full stop.
        var text: String
    }

    /// A sentence before the table (an explanation's totals), if any.
    var lead: String?
    /// The columns.
    var columns: [Column]
    /// The rows.
    var rows: [Row]
    /// The lines under the table, in order.
    var footnotes: [Footnote]

    /// The marker of a value that rests on a small sample.
    static let smallSampleMarker = "*"
    /// The marker of a row whose period is only partly covered.
    static let partialMarker = " (partial)"

    /// Whether a measure rests on fewer than `threshold` values: a rate's denominator, an
    /// average's ``Measure/sampleSize``.
    static func isSmall(_ measure: Measure, threshold: Double) -> Bool {
        guard let size = measure.denominator ?? measure.sampleSize else { return false }
        return size < threshold
    }

    /// What `*` means, with the threshold.
    static func smallSampleLegend(threshold: Double) -> String {
        "\(smallSampleMarker) small sample: rests on fewer than \(Int(threshold)) values (a rate's “of”, an average's n); read the interval, not the point"
    }

    /// What `(partial)` means.
    static let partialLegend = "(partial): the period is only partly covered, so it reads lower than a whole one would"

    /// The period line: `Period: last 6 months = 2024-06-01 – 2024-11-30`.
    static func periodLine(_ period: ResolvedPeriod) -> String { "Period: \(period.description)" }
}

// MARK: - Query results

extension ReportTable {
    /// The table of a query result: keys, then per measure its value, `n` and `of` (rates) and
    /// `95% CI`; the first measure's extra columns are plain `n`, `of`, `95% CI`, later ones are
    /// prefixed with the measure's name.
    init(_ result: QueryResult, formatter: ValueFormatter, smallSampleThreshold threshold: Double) {
        var columns = result.keyNames.map { Column(title: $0, part: .key, measure: nil) }
        for (i, rawName) in result.measureNames.enumerated() {
            let name = rawName.isEmpty ? "value" : rawName
            let prefix = i == 0 ? "" : name + " "
            columns.append(Column(title: name, part: .value, measure: i))
            if result.rows.contains(where: { $0.measures[i].isRate }) {
                columns.append(Column(title: prefix + "n", part: .numerator, measure: i))
                columns.append(Column(title: prefix + "of", part: .denominator, measure: i))
            }
            if result.rows.contains(where: { $0.measures[i].confidenceInterval != nil }) {
                columns.append(Column(title: prefix + "95% CI", part: .interval, measure: i))
            }
        }
        let rows = result.rows.map { row -> Row in
            var out = Row(cells: [], isPartial: row.isPartial)
            for (c, column) in columns.enumerated() {
                guard let m = column.measure else {
                    // Keys come first, in key order.
                    out.cells.append(formatter.cell(row.keys[c]))
                    continue
                }
                let measure = row.measures[m], unit = result.units[m]
                switch column.part {
                case .value:
                    var text = formatter.format(measure.value, unit: unit)
                    if Self.isSmall(measure, threshold: threshold) {
                        text += Self.smallSampleMarker
                        out.smallSample.insert(c)
                    }
                    out.cells.append(text)
                case .numerator: out.cells.append(measure.numerator.map(formatter.count) ?? "")
                case .denominator: out.cells.append(measure.denominator.map(formatter.count) ?? "")
                case .interval: out.cells.append(Self.interval(measure, unit: unit, formatter: formatter))
                case .key, .text: out.cells.append("")
                }
            }
            // The partial marker goes on the row's first cell: its period (or, for a single
            // figure, the figure itself).
            if row.isPartial, !out.cells.isEmpty { out.cells[0] += Self.partialMarker }
            return out
        }
        self.init(lead: nil, columns: columns, rows: rows, footnotes: Self.footnotes(result, rows: rows, threshold: threshold))
    }

    /// `30.3–35.4%` for a rate, `6.9 days – 7.7 days` for an average; empty without an interval.
    static func interval(_ measure: Measure, unit: KPICore.Unit, formatter: ValueFormatter) -> String {
        guard let ci = measure.confidenceInterval else { return "" }
        if measure.isRate {
            return formatter.grouped(ci.lowerBound * 100, decimals: 1) + "–" + formatter.grouped(ci.upperBound * 100, decimals: 1) + "%"
        }
        return formatter.format(ci.lowerBound, unit: unit) + " – " + formatter.format(ci.upperBound, unit: unit)
    }

    /// The period, every note of the result, then what the markers used mean.
    static func footnotes(_ result: QueryResult, rows: [Row], threshold: Double) -> [Footnote] {
        var out: [Footnote] = []
        if let period = result.period { out.append(Footnote(kind: "period", text: periodLine(period))) }
        for note in result.notes {
            // A period note that only repeats the resolved period is said once.
            if note.kind == .period, let period = result.period, note.message == period.description { continue }
            out.append(Footnote(kind: note.kind.rawValue, text: note.message))
        }
        if rows.contains(where: { !$0.smallSample.isEmpty }) {
            out.append(Footnote(kind: "marker-small-sample", text: smallSampleLegend(threshold: threshold)))
        }
        if rows.contains(where: \.isPartial) {
            let text =
                result.isGrouped ? partialLegend : "(partial): the period is only partly covered, so the figure reads lower than a whole one would"
            out.append(Footnote(kind: "marker-partial", text: text))
        }
        return out
    }
}

// MARK: - Comparisons, explanations, goals (HTML only; Markdown prints their text tables)

extension ReportTable {
    private static func change(_ value: Double?, unit: KPICore.Unit, formatter: ValueFormatter) -> String {
        guard let value else { return "–" }
        let sign = value > 0 ? "+" : ""
        if unit == .ratio { return sign + formatter.grouped(value * 100, decimals: 1) + " pp" }
        return sign + formatter.format(value, unit: unit)
    }

    private static func percent(_ value: Double?, formatter: ValueFormatter, signed: Bool = true) -> String {
        guard let value else { return "–" }
        return (signed && value > 0 ? "+" : "") + formatter.grouped(value * 100, decimals: 1) + "%"
    }

    private static func columns(_ titles: [String], keys: Int) -> [Column] {
        titles.enumerated().map { Column(title: $0.element, part: $0.offset < keys ? .key : .value, measure: nil) }
    }

    /// `compare … vs …`: current, baseline, change, relative, significant; current and baseline
    /// of a rate carry the small-sample marker.
    init(_ c: PeriodComparison, formatter: ValueFormatter, smallSampleThreshold threshold: Double) {
        var columns = Self.columns(c.keyNames + [c.currentLabel, c.baselineLabel, "change", "relative"], keys: c.keyNames.count)
        columns.append(Column(title: "significant", part: .text, measure: nil))
        let rows = c.rows.map { row -> Row in
            Row(
                cells: row.keys.map { formatter.cell($0) } + [
                    formatter.format(row.current.value, unit: c.unit), formatter.format(row.baseline.value, unit: c.unit),
                    Self.change(row.change, unit: c.unit, formatter: formatter), Self.percent(row.relativeChange, formatter: formatter),
                    row.pValue.map { ($0 < 0.05 ? "yes" : "no") + " (p = " + formatter.grouped($0, decimals: 3) + ")" } ?? "–",
                ])
        }
        let period = c.periodsDescription.map { [Footnote(kind: "period", text: "period: " + $0)] } ?? []  // as under the text table
        let notes = c.notes.map { Footnote(kind: $0.kind.rawValue, text: "note: " + $0.message) }
        self.init(lead: nil, columns: columns, rows: rows, footnotes: period + [Footnote(kind: "legend", text: c.significanceNote)] + notes)
    }

    /// `explain change …`: the totals as a lead sentence, then per segment before, after, (for
    /// rates) the shares and the mix and rate effects, and its contribution.
    init(_ e: ChangeExplanation, formatter: ValueFormatter) {
        let lead =
            "\(e.formula): \(formatter.format(e.totalBefore.value, unit: e.unit)) in \(e.fromLabel) → "
            + "\(formatter.format(e.totalAfter.value, unit: e.unit)) in \(e.toLabel) (\(Self.change(e.totalChange, unit: e.unit, formatter: formatter)))"
        var head = [e.segmentField, e.fromLabel, e.toLabel]
        if e.isRate { head += ["share before", "share after", "mix effect", "rate effect"] }
        head.append("contribution")
        let rows = e.segments.map { s -> Row in
            var cells = [formatter.cell(s.key), formatter.format(s.before.value, unit: e.unit), formatter.format(s.after.value, unit: e.unit)]
            if e.isRate {
                cells += [
                    Self.percent(s.weightBefore, formatter: formatter, signed: false),
                    Self.percent(s.weightAfter, formatter: formatter, signed: false),
                    Self.change(s.mixEffect, unit: e.unit, formatter: formatter), Self.change(s.rateEffect, unit: e.unit, formatter: formatter),
                ]
            }
            cells.append(Self.change(s.contribution, unit: e.unit, formatter: formatter))
            return Row(cells: cells)
        }
        let footnotes =
            e.isRate
            ? [
                Footnote(
                    kind: "legend",
                    text: "mix effect: the segment's share of the base changed; rate effect: its own rate changed. They sum to the total change.")
            ]
            : []
        self.init(lead: lead, columns: Self.columns(head, keys: 1), rows: rows, footnotes: footnotes)
    }

    /// `goals`: number, goal, current (with its interval), target, progress, expected now,
    /// projection and status; the rules (or the hint to see them) and skipped goals below.
    init(_ report: GoalReport, formatter: ValueFormatter) {
        guard !report.statuses.isEmpty || !report.problems.isEmpty else {
            self.init(lead: GoalRenderer.empty, columns: [], rows: [], footnotes: [])
            return
        }
        let goals = GoalRenderer(formatter: formatter, color: false)
        let columns = GoalRenderer.head.enumerated().map { i, title in
            Column(title: title, part: i == 1 ? .key : i == GoalRenderer.head.count - 1 ? .text : .value, measure: nil)
        }
        let rows = (report.statuses + report.rollUps).map { s in
            Row(cells: goals.cells(s), statusClass: [7: "state-" + s.state.rawValue.replacingOccurrences(of: " ", with: "-")])
        }
        self.init(lead: nil, columns: columns, rows: rows, footnotes: GoalRenderer.rules(report).map { Footnote(kind: "legend", text: $0) })
    }
}
