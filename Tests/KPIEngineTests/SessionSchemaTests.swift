import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// A session bound to a help desk's schema: binding, the default as-of and formulas all go by it.
@Suite("A session reads table knowledge from its schema")
struct SessionSchemaTests {
    static let helpDesk = CanonicalSchema(
        tables: [
            CanonicalTable(
                "tickets",
                fields: [
                    CanonicalField("ticket_no", .identifier), CanonicalField("state", .text),
                    CanonicalField(
                        "resolved_on", .timestamp,
                        event: FieldEvent(
                            "the latest resolution", onlyWhere: FieldValueCondition(field: "state", values: ["solved"]))),
                    CanonicalField("opened_on", .timestamp, event: FieldEvent("the latest ticket opened")),
                ],
                dateBasis: "opened_on", rowNoun: RowNoun("ticket", "tickets"))
        ],
        reportingBasis: FieldPath("tickets", "opened_on"))

    /// Ticket 2's resolution date is only expected (it is open); ticket 3 was solved on 1 February.
    static let tickets = """
        ticket_no,resolved_on,opened_on,state
        1,2024-01-12,2024-01-10,solved
        2,2024-03-30,2024-01-20,open
        3,2024-02-01,2024-01-05,solved

        """

    @Test("the latest event is the schema's: a solved ticket's resolution, not an open one's expected date")
    func latestEvent() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("tickets.csv", Self.tickets)
        let session = Session(registry: try EngineFixture.registry(), schema: Self.helpDesk)
        try session.load(path)
        #expect(
            session.latestEvent
                == LatestEvent(instant: try #require(ISO8601.parse("2024-02-01T00:00:00Z")).milliseconds, what: "the latest resolution"))
        // By opened_on, the schema's date basis: all three in January.
        let result = try session.evaluate("count(tickets) by month")
        #expect(result.rows.map(\.measure.value) == [3])

        let standard = Session(registry: try EngineFixture.registry())
        try standard.load(path)
        #expect(standard.latestEvent?.what != "the latest resolution")
    }
}
