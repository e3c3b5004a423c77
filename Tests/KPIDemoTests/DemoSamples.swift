import KPICore
import Testing

@testable import KPIDemo

/// The default demo, generated once and shared by every suite.
let standardDemo = DemoCRM.make()
/// A small demo from another seed, so invariants are checked on more than one history.
let smallDemo = DemoCRM.make(seed: 7, leadCount: 800)
/// A mid-sized demo from a third seed.
let otherDemo = DemoCRM.make(seed: 99, leadCount: 3000)

/// The demos the invariant tests run over.
enum DemoSample: String, CaseIterable, CustomTestStringConvertible {
    case standard, small, other

    var data: Dataset {
        switch self {
        case .standard: return standardDemo
        case .small: return smallDemo
        case .other: return otherDemo
        }
    }

    var testDescription: String { rawValue }
}

/// 2025-01-01T00:00:00Z in milliseconds.
let snapshot = DemoCRM.snapshotMilliseconds
/// 2023-01-01T00:00:00Z in milliseconds.
let windowStart = DemoCRM.windowStartMilliseconds

/// A column's cells, boxed; records an issue and returns nothing when the table or column is missing.
func cells(_ data: Dataset, _ table: String, _ column: String) -> [Value] {
    guard let column = data[table]?.column(named: column) else {
        Issue.record("missing column \(table).\(column)")
        return []
    }
    return (0..<column.count).map(column.value(at:))
}

extension Value {
    /// The integer, if this is one.
    var intCell: Int64? { if case .int(let v) = self { v } else { nil } }
    /// The milliseconds, if this is a timestamp.
    var timestampCell: Int64? { if case .timestamp(let v) = self { v } else { nil } }
    /// The double, if this is one.
    var doubleCell: Double? { if case .double(let v) = self { v } else { nil } }
    /// The boolean, if this is one.
    var boolCell: Bool? { if case .bool(let v) = self { v } else { nil } }
    /// The text, if this is text.
    var textCell: String? { if case .text(let v) = self { v } else { nil } }
}

extension Array where Element == Value {
    /// Integer cells (`nil` for null or another type).
    var ints: [Int64?] { map(\.intCell) }
    /// Timestamp cells in milliseconds.
    var timestamps: [Int64?] { map(\.timestampCell) }
    /// Double cells.
    var doubles: [Double?] { map(\.doubleCell) }
    /// Boolean cells.
    var bools: [Bool?] { map(\.boolCell) }
    /// Text cells.
    var texts: [String?] { map(\.textCell) }
}

/// The `leads` table decoded into plain arrays.
struct LeadRows {
    let id: [Int64?]
    let createdAt: [Int64?]
    let source: [String?]
    let rep: [String?]
    let region: [String?]
    let industry: [String?]
    let status: [String?]
    let firstContactAt: [Int64?]
    let qualifiedAt: [Int64?]
    let convertedAt: [Int64?]
    let closedAt: [Int64?]
    let amount: [Double?]
    let nurtured: [Bool?]
    let emailOpens: [Int64?]
    let emailClicks: [Int64?]
    let lostReason: [String?]

    init(_ data: Dataset) {
        id = cells(data, "leads", "lead_id").ints
        createdAt = cells(data, "leads", "created_at").timestamps
        source = cells(data, "leads", "source").texts
        rep = cells(data, "leads", "rep").texts
        region = cells(data, "leads", "region").texts
        industry = cells(data, "leads", "industry").texts
        status = cells(data, "leads", "status").texts
        firstContactAt = cells(data, "leads", "first_contact_at").timestamps
        qualifiedAt = cells(data, "leads", "qualified_at").timestamps
        convertedAt = cells(data, "leads", "converted_at").timestamps
        closedAt = cells(data, "leads", "closed_at").timestamps
        amount = cells(data, "leads", "amount").doubles
        nurtured = cells(data, "leads", "nurtured").bools
        emailOpens = cells(data, "leads", "email_opens").ints
        emailClicks = cells(data, "leads", "email_clicks").ints
        lostReason = cells(data, "leads", "lost_reason").texts
    }

    var count: Int { id.count }

    /// Row index by lead id.
    var rowByID: [Int64: Int] {
        var index: [Int64: Int] = [:]
        for (row, id) in id.enumerated() { if let id { index[id] = row } }
        return index
    }

    /// The share of leads matching `filter` that were won.
    func winRate(where filter: (Int) -> Bool) -> Double {
        var total = 0
        var won = 0
        for row in 0..<count where filter(row) {
            total += 1
            if status[row] == "won" { won += 1 }
        }
        return total == 0 ? 0 : Double(won) / Double(total)
    }
}

/// Whether a money amount has at most two decimals.
func hasCents(_ amount: Double) -> Bool {
    let cents = (amount * 100).rounded()
    return abs(amount * 100 - cents) < 1e-6
}
