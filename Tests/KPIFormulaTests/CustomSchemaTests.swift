import KPICore
import Testing

@testable import KPIFormula

/// A help desk's schema, named nothing like the CRM's: what formulas know of its tables comes
/// from this value alone.
///
/// | ticket_no | closed_on  | opened_on  | fee | wait (minutes) | queue   |
/// |-----------|------------|------------|-----|----------------|---------|
/// | 1         | 2024-03-01 | 2024-01-10 | 10  | 5              | billing |
/// | 2         | 2024-03-02 | 2024-01-20 | 20  | 15             | billing |
/// | 3         | 2024-03-03 | 2024-02-05 | 30  | 25             | tech    |
/// | 4         | 2024-03-04 | –          | 40  | 35             | tech    |
///
/// Replies: two to ticket 1, one to ticket 3, one to an unknown ticket 9.
enum HelpDesk {
    static let schema = CanonicalSchema(
        tables: [
            CanonicalTable(
                "tickets",
                fields: [
                    CanonicalField("ticket_no", .identifier), CanonicalField("closed_on", .timestamp),
                    CanonicalField("opened_on", .timestamp), CanonicalField("fee", .money),
                    CanonicalField("wait", .int, unit: .duration(.minutes)), CanonicalField("queue", .text, formulaAliases: ["source"]),
                ],
                dateBasis: "opened_on", rowNoun: RowNoun("ticket", "tickets")),
            CanonicalTable(
                "replies", fields: [CanonicalField("ticket_ref", .identifier), CanonicalField("sent_on", .timestamp)],
                dateBasis: "sent_on", rowNoun: RowNoun("reply", "replies")),
        ],
        links: [TableLink(table: "replies", key: "ticket_ref", target: "tickets", targetKey: "ticket_no", origin: .canonical)],
        reportingBasis: FieldPath("tickets", "opened_on"))

    static let tickets = Table(
        name: "tickets",
        columns: [
            Column(name: "ticket_no", type: .int, values: (1...4).map { .int(Int64($0)) }),
            Column(
                name: "closed_on", type: .timestamp,
                values: ["2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z", "2024-03-03T00:00:00Z", "2024-03-04T00:00:00Z"].map(Fixture.ts)),
            Column(
                name: "opened_on", type: .timestamp,
                values: ["2024-01-10T00:00:00Z", "2024-01-20T00:00:00Z", "2024-02-05T00:00:00Z", nil].map(Fixture.ts)),
            Column(name: "fee", type: .double, values: [10, 20, 30, 40].map { .double($0) }),
            Column(name: "wait", type: .int, values: [5, 15, 25, 35].map { .int($0) }),
            Column(name: "queue", type: .text, values: ["billing", "billing", "tech", "tech"].map(Fixture.text)),
        ])

    static let replies = Table(
        name: "replies",
        columns: [
            Column(name: "ticket_ref", type: .int, values: [1, 1, 3, 9].map { .int($0) }),
            Column(
                name: "sent_on", type: .timestamp,
                values: ["2024-01-11T00:00:00Z", "2024-01-12T00:00:00Z", "2024-02-06T00:00:00Z", "2024-02-07T00:00:00Z"].map(Fixture.ts)),
        ])

    /// The help desk's data, bound against `schema` (the standard CRM schema when nil).
    static func environment(schema: CanonicalSchema? = HelpDesk.schema) -> FormulaEnvironment {
        let dataset = Dataset(tables: [tickets, replies])
        guard let schema else { return FormulaEnvironment(dataset: dataset, asOf: Fixture.asOf) }
        return FormulaEnvironment(dataset: dataset, asOf: Fixture.asOf, schema: schema)
    }
}

@Suite("A schema value, not code, says what formulas know of the tables")
struct CustomSchemaTests {
    @Test("the schema's date basis counts rows by month, and its row noun names the undated")
    func dateBasis() throws {
        // By opened_on: January 2, February 1; ticket 4 has none.
        let result = try evaluate("count(tickets) by month", HelpDesk.environment())
        #expect(series(result).map(\.1) == [2, 1])
        #expect(result.notes.map(\.message).contains("1 ticket has no opened_on, so it is in no month"))
        // The standard schema knows no tickets: the first date column, closed_on, all in March.
        let standard = try evaluate("count(tickets) by month", HelpDesk.environment(schema: nil))
        #expect(series(standard).map(\.1) == [4])
    }

    @Test("a field with the funnel's words lists its groups in funnel order, whatever it is called")
    func funnelOrderFromTheSchema() throws {
        // Before, only keys named status or stage were put in funnel order.
        let phases = Table(
            name: "tickets",
            columns: [Column(name: "phase", type: .text, values: ["won", "contacted", "lost", "new", "won"].map(Fixture.text))])
        let funnel = CanonicalSchema(
            tables: [CanonicalTable("tickets", fields: [CanonicalField("phase", .text, vocabulary: .status)], rowNoun: RowNoun("ticket", "tickets"))])
        let dataset = Dataset(tables: [phases])
        let ordered = try evaluate("count(tickets) by phase", FormulaEnvironment(dataset: dataset, asOf: Fixture.asOf, schema: funnel))
        #expect(ordered.rows.map(\.keys) == [["new"], ["contacted"], ["won"], ["lost"]].map { $0.map(Value.text) })
        #expect(ordered.keyInFunnelOrder == [true])
        let plain = try evaluate("count(tickets) by phase", FormulaEnvironment(dataset: dataset, asOf: Fixture.asOf, schema: HelpDesk.schema))
        #expect(plain.rows.map(\.keys) == [["contacted"], ["lost"], ["new"], ["won"]].map { $0.map(Value.text) })
    }

    @Test("the schema's reporting basis spans a series without a window")
    func reportingSpan() {
        let span = FormulaEnvironment.reportingSpan(in: HelpDesk.environment().dataset, schema: HelpDesk.schema)
        #expect(span == Fixture.instant("2024-01-10T00:00:00Z")...Fixture.instant("2024-02-05T00:00:00Z"))
        #expect(FormulaEnvironment.reportingSpan(in: HelpDesk.environment().dataset, schema: .standard) == nil)
    }

    @Test("the schema's links reach a linked table's fields and join exists")
    func links() throws {
        let environment = HelpDesk.environment()
        #expect(environment.links.map(\.description) == ["replies.ticket_ref → tickets.ticket_no"])
        // Replies to tickets with a fee over 15: the one to ticket 3.
        #expect(try evaluate("count(replies where fee > 15)", environment).scalar?.value == 1)
        // Tickets with a reply: 1 and 3.
        #expect(try evaluate("count(tickets where exists replies)", environment).scalar?.value == 2)
        let standard = HelpDesk.environment(schema: nil)
        #expect(standard.links.isEmpty)
        #expect(formulaError("count(replies where fee > 15)", standard)?.id == "formula.unknown-field")
        #expect(formulaError("count(tickets where exists replies)", standard)?.id == "formula.no-link")
    }

    @Test("tables outside the links meet on the schema's join keys")
    func joinKeys() throws {
        let notes = Table(name: "notes", columns: [Column(name: "ticket_no", type: .int, values: [1, 2, 2].map { .int($0) })])
        let dataset = Dataset(tables: [HelpDesk.tickets, notes])
        let environment = FormulaEnvironment(dataset: dataset, asOf: Fixture.asOf, schema: HelpDesk.schema)
        #expect(HelpDesk.schema.joinKeys == ["ticket_no"])
        #expect(try evaluate("count(tickets where exists notes)", environment).scalar?.value == 2)
        let standard = FormulaEnvironment(dataset: dataset, asOf: Fixture.asOf)
        #expect(formulaError("count(tickets where exists notes)", standard)?.id == "formula.no-link")
    }

    @Test("the schema's field units: money by type, minutes as declared")
    func units() throws {
        #expect(try plan("sum(fee) of tickets", HelpDesk.environment()).unit == .money)
        #expect(try plan("avg(wait) of tickets", HelpDesk.environment()).unit == .duration(.minutes))
        #expect(try plan("sum(fee) of tickets", HelpDesk.environment(schema: nil)).unit == .number)
        #expect(try plan("avg(wait) of tickets", HelpDesk.environment(schema: nil)).unit == .number)
    }

    @Test("the schema's formula aliases: a name the table has no column of stands for a field")
    func formulaAliases() throws {
        let result = try evaluate("count(tickets) by source", HelpDesk.environment())
        #expect(result.rows.map(\.keys) == [[.text("billing")], [.text("tech")]])
        #expect(formulaError("count(tickets) by source", HelpDesk.environment(schema: nil))?.id == "formula.unknown-field")
    }
}
