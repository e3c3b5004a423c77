import Foundation
import KPICore
import KPIEngine
import KPIFormula
import Testing

/// Issue 11's fixtures: hand-made exports in real vendor shapes (`Fixtures/exports/`, see its
/// README), each loaded with no mapping file (the two-table funnel with its few-line
/// `kpikit-mapping.json`) and checked against the KPIs an independent pandas script computed from
/// the raw files (`expected.json`).
@Suite("Real-shaped exports load on first contact and give the independently computed KPIs")
struct ExportFixtureTests {
    static let fixtures = [
        "salesforce-opportunity-report", "salesforce-lead-report", "hubspot-deals-export", "pipedrive-deals-export",
        "converted-flag-leads", "two-table-funnel", "pipeline-with-teams", "cr-only", "utf16-excel",
    ]

    /// The fixture folder loaded as a user would: `kpi --data FOLDER`.
    static func session(_ fixture: String) throws -> Session {
        let session = try EngineFixture.session()
        try session.load(try PackagePaths.fixture("exports/\(fixture)").path)
        return session
    }

    static func expected(_ fixture: String) throws -> [String: Any] {
        let url = try PackagePaths.fixture("exports/\(fixture)/expected.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test("every expected KPI, row count and as-of matches", arguments: fixtures)
    func matchesExpected(fixture: String) throws {
        let session = try Self.session(fixture)
        let expected = try Self.expected(fixture)
        #expect(session.dataset["leads"]?.rowCount == expected["rows"] as? Int, "\(fixture): rows")
        if let asOf = expected["as_of"] as? String {
            let instant = try #require(ISO8601.parse(asOf)).milliseconds
            #expect(session.latestEvent?.instant == instant, "\(fixture): as of \(session.asOfText), expected \(asOf)")
        } else {
            #expect(session.latestEvent == nil, "\(fixture) has no dates: \(session.asOfText)")
        }
        let kpis = try #require(expected["kpis"] as? [String: Any])
        for (formula, value) in kpis.sorted(by: { $0.key < $1.key }) {
            let result: QueryResult
            do {
                result = try session.evaluate(formula)
            } catch {
                Issue.record("\(fixture): '\(formula)' fails: \(error)")
                continue
            }
            let figures = try #require(value as? [String: Any])
            for problem in Self.compare(result, figures) { Issue.record("\(fixture): '\(formula)': \(problem)") }
        }
    }

    /// Differences between a result and the pandas figures: rates by num/den, other figures within
    /// 1e-12 relative; grouped rows by key (the engine lists null groups last, pandas first).
    static func compare(_ result: QueryResult, _ figures: [String: Any]) -> [String] {
        if let keyNames = figures["key_names"] as? [String], let rows = figures["rows"] as? [[String: Any]] {
            guard result.keyNames == keyNames else { return ["grouped by \(result.keyNames), expected \(keyNames)"] }
            var problems: [String] = []
            let actual = Dictionary(result.rows.map { ($0.keys.map { $0.isNull ? nil : $0.description }, $0) }, uniquingKeysWith: { a, _ in a })
            let expectedKeys = rows.map { ($0["key"] as? [Any] ?? []).map { $0 is NSNull ? nil : "\($0)" } }
            if Set(actual.keys) != Set(expectedKeys) {
                problems.append("keys \(result.rows.map { $0.keys.map(\.description) }), expected \(expectedKeys)")
            }
            // Byte-wise, except status and stage words: funnel order first, as charts draw them.
            let funnel = ["new", "contacted", "qualified", "opportunity", "won", "lost", "disqualified"]
            let funnelKeys = ["status", "stage"].contains(keyNames.first ?? "")
            let sortable = result.rows.map { $0.keys.map(\.description) }.filter { !$0.contains("null") }.map { key in
                let rank = funnelKeys ? (funnel.firstIndex(of: key[0].lowercased()) ?? funnel.count) : 0
                return (rank, Array(key.joined(separator: "\u{0}").utf8))
            }
            if !zip(sortable, sortable.dropFirst()).allSatisfy({ $0.0 < $1.0 || ($0.0 == $1.0 && !$1.1.lexicographicallyPrecedes($0.1)) }) {
                problems.append("rows out of key order")
            }
            for (key, row) in zip(expectedKeys, rows) {
                guard let engineRow = actual[key] else { continue }
                problems += measureProblems(engineRow, row).map { "at \(key.map { $0 ?? "null" }): \($0)" }
            }
            return problems
        }
        guard let row = result.rows.first, !result.isGrouped else { return ["expected one figure, got \(result.rows.count) rows"] }
        return measureProblems(row, figures)
    }

    private static func measureProblems(_ row: QueryResult.Row, _ figures: [String: Any]) -> [String] {
        var problems: [String] = []
        let headline = row.measures[0]
        if let num = figures["num"] as? Double, let den = figures["den"] as? Double {
            if headline.numerator != num || headline.denominator != den {
                problems.append(
                    "\(headline.numerator.map { "\($0)" } ?? "nil")/\(headline.denominator.map { "\($0)" } ?? "nil"), expected \(num)/\(den)")
            }
        }
        func close(_ a: Double?, _ b: Any?) -> Bool {
            guard let b = b as? Double else { return a == nil && (b == nil || b is NSNull) }
            guard let a else { return false }
            return a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b))
        }
        if !close(headline.value, figures["value"]) {
            problems.append("value \(headline.value.map { "\($0)" } ?? "null"), expected \(figures["value"] ?? "–")")
        }
        return problems
    }

    @Test("the extra figures beside avg_deal_size and sales_cycle_days match too", arguments: fixtures)
    func besideFigures(fixture: String) throws {
        let session = try Self.session(fixture)
        let kpis = try #require(try Self.expected(fixture)["kpis"] as? [String: Any])
        for (kpi, names) in [("avg_deal_size", ["n": "n", "total": "total"]), ("sales_cycle_days", ["n": "n", "median": "median"])] {
            guard let figures = kpis[kpi] as? [String: Double] else { continue }
            let result = try session.evaluate(kpi)
            for (theirs, ours) in names {
                let index = try #require(result.measureNames.firstIndex(of: ours), "\(kpi) has no \(ours)")
                let value = try #require(result.rows.first?.measures[index].value)
                let expected = try #require(figures[theirs])
                #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "\(fixture) \(kpi).\(ours) = \(value), expected \(expected)")
            }
        }
    }

    @Test("Salesforce and HubSpot exports under arbitrary names bind as leads by their columns")
    func arbitraryNames() throws {
        let temp = try TemporaryDirectory()
        let sources = [
            "salesforce-opportunity-report/Opportunity Report 2021 - Priya.csv", "hubspot-deals-export/hubspot-crm-exports-all-deals-2024-12-02.csv",
            "salesforce-lead-report/report1517845993217.csv",
        ]
        for (i, source) in sources.enumerated() {
            let bytes = try Data(contentsOf: try PackagePaths.fixture("exports/\(source)"))
            let path = temp.url.appendingPathComponent(["Q3 numbers (final).csv", "deals-13874512-41.csv", "export.csv"][i]).path
            try bytes.write(to: URL(fileURLWithPath: path))
            let session = try EngineFixture.session()
            try session.load(path)
            let report = try #require(session.bindingReport.table(named: "leads"), "\(source) under another name")
            #expect(report.recognition != nil, "\(source): the report says why")
            #expect(session.bindingReport.unboundTables.isEmpty)
        }
    }

    @Test("the binding report says how each export was read and why it bound")
    func readingIsReported() throws {
        let opportunities = try Self.session("salesforce-opportunity-report")
        let leads = try #require(opportunities.bindingReport.table(named: "leads"))
        #expect(leads.recognition?.hasPrefix("Salesforce opportunity report — ") == true, "\(leads.recognition ?? "")")
        #expect(leads.field(named: "created_at")?.format == "DD-MM-YYYY")
        #expect(leads.field(named: "amount")?.format?.contains("Indian grouping") == true)
        let origin = try #require(opportunities.dataset["leads"]?.origin)
        #expect(origin.skippedRows.filter { $0.reason == .footer }.count == 7)
        #expect(origin.skippedRows.contains { $0.text == "Grand Totals (32 records)" })
        #expect(opportunities.asOfText == "as of 2021-11-29, the latest close")

        let windows = try Self.session("salesforce-lead-report")
        #expect(windows.dataset["leads"]?.origin?.encoding == .windows1252)
        #expect(windows.readingNotes.contains { $0.contains("read as Windows-1252") })
        let names = try windows.evaluate("count(leads) by rep").rows.map { $0.keys[0].description }
        #expect(names.contains { $0.contains("é") || $0.contains("ñ") || $0.contains("ü") || $0.contains("ø") }, "\(names)")

        let unicode = try Self.session("utf16-excel")
        #expect(unicode.dataset["leads"]?.origin?.encoding == .utf16LittleEndian)
        #expect(unicode.dataset["leads"]?.origin?.delimiter == "\t")
        let first = try #require(unicode.dataset["leads"]?.column(named: "First Name"))
        let last = try #require(unicode.dataset["leads"]?.column(named: "Last Name"))
        #expect(first.value(at: 0) == .text("José") && last.value(at: 0) == .text("Álvarez"))
        #expect(first.dictionary.contains("Zoë") && last.dictionary.contains("Satō"))

        let mac = try Self.session("cr-only")
        #expect(mac.dataset["leads"]?.origin?.lineEnding == .cr)

        let pipedrive = try Self.session("pipedrive-deals-export")
        #expect(pipedrive.bindingReport.table(named: "leads")?.field(named: "closed_at")?.column == "Deal - Won time + Deal - Lost time (first set)")

        let flags = try Self.session("converted-flag-leads")
        #expect(flags.bindingReport.table(named: "leads")?.field(named: "status")?.column.hasPrefix("Converted") == true)
        #expect(flags.loadSummary(listing: ".rejects").contains { $0.hasPrefix("no date column in leads") })

        let teams = try Self.session("pipeline-with-teams")
        #expect(teams.bindingReport.links.map(\.description) == ["leads.rep → sales_teams.sales_agent"])
        #expect(try teams.evaluate("win_rate by sales_teams.manager").rows.count == 5)
    }

    @Test("the inspection's mapping draft loads back and binds the same way", arguments: fixtures)
    func mappingDraftRoundTrip(fixture: String) throws {
        let automatic = try Self.session(fixture)
        let draft = Inspection.mappingDraft(automatic)
        let temp = try TemporaryDirectory()
        let path = try temp.write("draft.json", draft)
        let mapped = try EngineFixture.session()
        try mapped.useMapping(URL(fileURLWithPath: path))
        try mapped.load(try PackagePaths.fixture("exports/\(fixture)").path)
        let before = automatic.bindingReport.tables
        let after = mapped.bindingReport.tables
        #expect(after.map(\.table) == before.map(\.table), "\(fixture):\n\(draft)")
        #expect(after.map(\.sourceTable) == before.map(\.sourceTable))
        for (a, b) in zip(before, after) {
            #expect(b.fields.map(\.field) == a.fields.map(\.field), "\(fixture) \(a.table)")
            #expect(b.fields.map(\.type) == a.fields.map(\.type), "\(fixture) \(a.table)")
            #expect(b.fields.map(\.format) == a.fields.map(\.format), "\(fixture) \(a.table)")
        }
        for table in automatic.dataset.tables {
            let other = try #require(mapped.dataset[table.name], "\(fixture): \(table.name)")
            #expect(other.columnNames == table.columnNames, "\(fixture): \(table.name)")
            for column in table.columns {
                let values = (0..<column.count).map { column.value(at: $0) }
                let otherColumn = try #require(other.column(named: column.name))
                #expect((0..<otherColumn.count).map { otherColumn.value(at: $0) } == values, "\(fixture): \(table.name).\(column.name)")
            }
        }
        // The draft writes the links found out: the same links, now the mapping's.
        #expect(mapped.dataset.links.map(\.description) == automatic.dataset.links.map(\.description), "\(fixture)")
    }

    @Test("no data file is ever written: every fixture's bytes are the same after loading")
    func filesUnchanged() throws {
        for fixture in Self.fixtures {
            let folder = try PackagePaths.fixture("exports/\(fixture)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            let before = try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
            _ = try Self.session(fixture)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == names)
            #expect(try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) } == before)
        }
    }
}
