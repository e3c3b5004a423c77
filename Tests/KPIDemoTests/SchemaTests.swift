import KPICore
import Testing

@testable import KPIDemo

@Suite("The demo has the canonical schema")
struct SchemaTests {
    /// Every canonical table with its fields and KPICore types, from `shared/spec/crm-schema.md`.
    static let canonical: [(table: String, columns: [(String, DataType)])] = [
        (
            "leads",
            [
                ("lead_id", .int), ("created_at", .timestamp), ("source", .text), ("rep", .text),
                ("region", .text), ("industry", .text), ("status", .text), ("first_contact_at", .timestamp),
                ("qualified_at", .timestamp), ("converted_at", .timestamp), ("closed_at", .timestamp),
                ("amount", .double), ("nurtured", .bool), ("email_opens", .int), ("email_clicks", .int),
                ("lost_reason", .text),
            ]
        ),
        ("stage_history", [("lead_id", .int), ("stage", .text), ("entered_at", .timestamp)]),
        (
            "activities",
            [
                ("activity_id", .int), ("lead_id", .int), ("rep", .text), ("type", .text),
                ("created_at", .timestamp), ("scheduled_at", .timestamp), ("completed", .bool),
                ("duration_minutes", .int),
            ]
        ),
        (
            "customers",
            [
                ("customer_id", .int), ("lead_id", .int), ("started_at", .timestamp), ("churned_at", .timestamp),
                ("monthly_revenue", .double),
            ]
        ),
        ("surveys", [("customer_id", .int), ("answered_at", .timestamp), ("nps", .int), ("csat", .int)]),
        ("spend", [("month", .text), ("channel", .text), ("amount", .double)]),
        ("traffic", [("month", .text), ("channel", .text), ("visitors", .int)]),
    ]

    /// Columns that are sometimes empty; every other column must never be.
    static let nullable: Set<String> = [
        "leads.industry", "leads.first_contact_at", "leads.qualified_at", "leads.converted_at",
        "leads.closed_at", "leads.amount", "leads.lost_reason", "activities.scheduled_at",
        "activities.duration_minutes", "customers.churned_at",
    ]

    @Test("it has exactly the seven canonical tables, in schema order")
    func tableNames() {
        #expect(standardDemo.tables.map(\.name) == Self.canonical.map(\.table))
    }

    @Test("every table has the canonical column names and types, in order", arguments: canonical.map(\.table))
    func columns(table name: String) throws {
        let table = try #require(standardDemo[name])
        let expected = try #require(Self.canonical.first { $0.table == name }).columns
        #expect(table.columnNames == expected.map(\.0))
        for (column, type) in expected {
            #expect(table.column(named: column)?.type == type, "\(name).\(column)")
        }
    }

    @Test("only the optional fields have nulls, and each of them does", arguments: DemoSample.allCases)
    func nulls(sample: DemoSample) {
        for table in sample.data.tables {
            for column in table.columns {
                let path = "\(table.name).\(column.name)"
                if Self.nullable.contains(path) {
                    #expect(column.nullCount > 0, "\(path) never empty")
                    #expect(column.nullCount < column.count, "\(path) always empty")
                } else {
                    #expect(column.nullCount == 0, "\(path) has \(column.nullCount) nulls")
                }
            }
        }
    }

    @Test("text dictionaries list only values that occur")
    func compactDictionaries() {
        for table in standardDemo.tables {
            for column in table.columns {
                guard case .text(let codes, let dictionary) = column.data else { continue }
                let used = Set(codes.filter { $0 >= 0 })
                #expect(used.count == dictionary.count, "\(table.name).\(column.name)")
                #expect(Set(dictionary).count == dictionary.count, "\(table.name).\(column.name) repeats a word")
            }
        }
    }

    @Test("every table says it came from the demo")
    func source() {
        for table in standardDemo.tables { #expect(table.source == "demo", "\(table.name)") }
    }

    @Test("the banner line describes the default demo")
    func description() {
        #expect(DemoCRM.description == "demo CRM: Northwind Analytics, 5,000 leads, 2023-01 – 2024-12")
        #expect(standardDemo["leads"]?.rowCount == DemoCRM.defaultLeadCount)
    }

    @Test("the window and snapshot constants are the canonical instants")
    func instants() {
        #expect(ISO8601.format(milliseconds: DemoCRM.windowStartMilliseconds) == "2023-01-01T00:00:00Z")
        #expect(ISO8601.format(milliseconds: DemoCRM.snapshotMilliseconds) == "2025-01-01T00:00:00Z")
    }
}
