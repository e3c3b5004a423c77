import KPICore
import Testing

@testable import KPIFormula

/// Tables linked to the fixture's leads, the way a mapping file's `links` join a CRM's exports.
///
/// | sales_agent | manager          | regional_office | quota | status |
/// |-------------|------------------|-----------------|-------|--------|
/// | Ana         | Dustin Brinkmann | West            | 100   | active |
/// | Bo          | Melvin Marxen    | East            | 200   | active |
///
/// Cy, the rep of leads 5 and 6, has no row: those leads land in the null group.
/// `closed_deals` is keyed by `mql_id`, the lead's id under another name: leads 1, 3 and 7 and an
/// unknown 42, with deal values 1100, 3100, 9900 and 500.
enum LinkFixture {
    static let teams = Table(
        name: "sales_teams",
        columns: [
            Column(name: "sales_agent", type: .text, values: ["Ana", "Bo"].map(Value.text)),
            Column(name: "manager", type: .text, values: ["Dustin Brinkmann", "Melvin Marxen"].map(Value.text)),
            Column(name: "regional_office", type: .text, values: ["West", "East"].map(Value.text)),
            Column(name: "quota", type: .int, values: [.int(100), .int(200)]),
            Column(name: "status", type: .text, values: ["active", "active"].map(Value.text)),
        ])

    static func deals(textKeys: Bool) -> Table {
        let ids: [Int64] = [1, 3, 7, 42]
        return Table(
            name: "closed_deals",
            columns: [
                Column(name: "mql_id", type: textKeys ? .text : .int, values: ids.map { textKeys ? .text(String($0)) : .int($0) }),
                Column(name: "deal_value", type: .double, values: [1100, 3100, 9900, 500].map { .double($0) }),
            ])
    }

    static let repLink = TableLink(table: "leads", key: "rep", target: "sales_teams", targetKey: "sales_agent", origin: .mapping)
    static let dealLink = TableLink(table: "leads", key: "lead_id", target: "closed_deals", targetKey: "mql_id", origin: .mapping)

    static func environment(
        tables: [Table] = [], links: [TableLink] = [repLink], definitions: [String: String] = [:], leads: Table = Fixture.leads
    ) -> FormulaEnvironment {
        let dataset = Dataset(tables: [leads, Fixture.activities, Fixture.spend, teams] + tables, links: links)
        return Fixture.environment(definitions: definitions, dataset: dataset)
    }
}

@Suite("Links: fields of linked tables, exists and counts through any link")
struct LinkTests {
    @Test("the links in force are the canonical ones and the dataset's, kept when their columns are loaded")
    func linksInForce() {
        let stray = TableLink(table: "leads", key: "owner", target: "sales_teams", targetKey: "sales_agent", origin: .mapping)
        let links = LinkFixture.environment(links: [LinkFixture.repLink, stray]).links
        // activities → leads is canonical and loaded; stage_history, customers, surveys are not; leads.owner is no column.
        #expect(links.map(\.description) == ["activities.lead_id → leads.lead_id", "leads.rep → sales_teams.sales_agent"])
    }

    @Test("groups by a linked table's field, unmatched keys in the null group")
    func groupByLinkedField() throws {
        // Closed leads per office: West (Ana: 1 won, 2 lost, 7 won) 2 of 3; East (Bo: 3 won; 4 and 8 open) 1 of 1;
        // Cy is in no team, so leads 5 (won) and 6 (lost) make the null group, 1 of 2.
        let result = try evaluate("win_rate by regional_office", LinkFixture.environment())
        #expect(result.keyNames == ["regional_office"])
        #expect(result.rows.map(\.keys) == [[.text("East")], [.text("West")], [.null]])
        #expect(result.rows.map(\.measure.numerator) == [1, 2, 1])
        #expect(result.rows.map(\.measure.denominator) == [1, 3, 2])
        // Qualified, the same.
        let qualified = try evaluate("win_rate by sales_teams.regional_office", LinkFixture.environment())
        #expect(qualified.rows.map(\.measure.numerator) == [1, 2, 1])
        #expect(qualified.keyNames == ["regional_office"])
    }

    @Test("plans a linked field as a lookup through the link's keys")
    func lookupPlan() throws {
        let node = try plan("count(leads) by manager", LinkFixture.environment()).aggregates[0]
        #expect(
            node.keys == [.value(.lookup(localKey: "rep", table: "sales_teams", remoteKey: "sales_agent", value: .column("manager", .text)))])
    }

    @Test("filters and aggregates by linked fields, qualified or not")
    func whereAndArguments() throws {
        let environment = LinkFixture.environment()
        // Dustin Brinkmann manages Ana: leads 1 (won), 2 (lost), 7 (won): 2 of 3 converted.
        let managed = try evaluate("lead_conversion_rate where sales_teams.manager = \"Dustin Brinkmann\"", environment)
        #expect(managed.scalar?.numerator == 2 && managed.scalar?.denominator == 3)
        let unqualified = try evaluate("lead_conversion_rate where manager = \"Dustin Brinkmann\"", environment)
        #expect(unqualified.scalar?.numerator == 2 && unqualified.scalar?.denominator == 3)
        // Quota per lead: Ana 100 (leads 1, 2, 7), Bo 200 (3, 4, 8), Cy none (5, 6): (3·100 + 3·200) / 6 = 150.
        #expect(try evaluate("avg(quota) of leads", environment).scalar?.value == 150)
        // Won leads 1, 3, 5, 7: 100 + 200 + (none) + 100.
        #expect(try evaluate("sum(sales_teams.quota) of leads where status = \"won\"", environment).scalar?.value == 400)
        // Without 'of', the table that has amount and reaches regional_office: leads 1 (1000), 2 (–), 7 (10000).
        #expect(try evaluate("sum(amount) where regional_office = \"West\"", environment).scalar?.value == 11000)
    }

    @Test("let values and segments reach linked fields")
    func letDefinitions() throws {
        let environment = LinkFixture.environment(definitions: ["west": "regional_office = \"West\"", "office": "sales_teams.regional_office"])
        let west = try evaluate("lead_conversion_rate where west", environment)
        #expect(west.scalar?.numerator == 2 && west.scalar?.denominator == 3)
        // Leads per office: East 3, 4, 8; West 1, 2, 7; none 5, 6.
        #expect(series(try evaluate("count(leads) by office", environment)).map(\.1) == [3, 3, 2])
    }

    @Test("the table's own column wins over a linked one")
    func ownColumnWins() throws {
        // sales_teams has a status too ("active"), but leads' own decides: 4 of 8 won.
        let result = try evaluate("lead_conversion_rate", LinkFixture.environment())
        #expect(result.scalar?.numerator == 4 && result.scalar?.denominator == 8)
        let node = try plan("count(leads where status = \"won\")", LinkFixture.environment()).aggregates[0]
        #expect(node.filter == .compare(.equal, .column("status", .text), .literal(.text("won"))))
    }

    @Test("follows two links: an activity's lead's rep's office")
    func twoHops() throws {
        // Activities of leads 1, 1, 7 (Ana, West), 3 (Bo, East), 5 (Cy, no team) and 99 (no lead): East 1, West 3, null 2.
        let environment = LinkFixture.environment()
        let result = try evaluate("count(activities) by regional_office", environment)
        #expect(series(result).map(\.0) == [.text("East"), .text("West"), .null])
        #expect(series(result).map(\.1) == [1, 3, 2])
        #expect(try evaluate("count(activities where sales_teams.manager = \"Melvin Marxen\")", environment).scalar?.value == 1)
        let node = try plan("count(activities) by manager", environment).aggregates[0]
        let inner = RowExpr.lookup(localKey: "rep", table: "sales_teams", remoteKey: "sales_agent", value: .column("manager", .text))
        #expect(node.keys == [.value(.lookup(localKey: "lead_id", table: "leads", remoteKey: "lead_id", value: inner))])
        let byManager = try plan("count(activities) by manager", environment)
        #expect(PlanPrinter.fields(of: byManager).contains(FieldPath("sales_teams", "manager")))
        #expect(PlanPrinter.describe(byManager).contains("group by sales_teams.manager via lead_id → rep"))
    }

    @Test("looks fields up through integer and text keys alike")
    func keyTypes() throws {
        // Deals of leads 1, 3, 7: 1100 + 3100 + 9900; deal 42 matches no lead.
        for textKeys in [false, true] {
            let environment = LinkFixture.environment(
                tables: [LinkFixture.deals(textKeys: textKeys)], links: [LinkFixture.repLink, LinkFixture.dealLink])
            #expect(try evaluate("sum(deal_value) of leads", environment).scalar?.value == 14100, "text keys: \(textKeys)")
            // Won leads 1, 3, 5, 7: deals 1100, 3100, –, 9900.
            #expect(try evaluate("count(closed_deals.deal_value) of leads where status = \"won\"", environment).scalar?.value == 3)
            #expect(try evaluate("count(leads where exists closed_deals)", environment).scalar?.value == 3)
        }
    }

    @Test("exists and linked counts work through a link that is not lead_id = lead_id")
    func existsThroughMappingLink() throws {
        let environment = LinkFixture.environment(
            tables: [LinkFixture.deals(textKeys: false)], links: [LinkFixture.repLink, LinkFixture.dealLink])
        // Deals over 2000: leads 3 (3100) and 7 (9900).
        #expect(try evaluate("count(leads where exists closed_deals(deal_value > 2000))", environment).scalar?.value == 2)
        #expect(try evaluate("count(leads where count(closed_deals) >= 1)", environment).scalar?.value == 3)
        // The other way: deals whose lead was won — 1, 3 and 7 are; 42 has no lead.
        #expect(try evaluate("count(closed_deals where exists leads(status = \"won\"))", environment).scalar?.value == 3)
        let node = try plan("count(leads where exists closed_deals)", environment).aggregates[0]
        #expect(node.filter == .exists(localKey: "lead_id", table: "closed_deals", remoteKey: "mql_id", condition: nil))
        // Without the link, the two tables share no key.
        let unlinked = LinkFixture.environment(tables: [LinkFixture.deals(textKeys: false)])
        #expect(formulaError("count(leads where exists closed_deals)", unlinked)?.id == "formula.no-link")
    }

    @Test("a name two links reach is an error that names both and how to write each")
    func ambiguity() throws {
        // offices: the lead's source's office, beside the rep's.
        let offices = Table(
            name: "offices",
            columns: [
                Column(name: "source", type: .text, values: ["Web", "Referral"].map(Value.text)),
                Column(name: "regional_office", type: .text, values: ["Online", "Partners"].map(Value.text)),
            ])
        let sourceLink = TableLink(table: "leads", key: "source", target: "offices", targetKey: "source", origin: .mapping)
        let environment = LinkFixture.environment(tables: [offices], links: [LinkFixture.repLink, sourceLink])
        let text = "win_rate by regional_office"
        let error = try #require(formulaError(text, environment))
        #expect(error.id == "formula.ambiguous-field")
        #expect(
            error.message
                == "'regional_office' is a field of sales_teams (through leads.rep → sales_teams.sales_agent) and offices (through leads.source → offices.source); write sales_teams.regional_office or offices.regional_office"
        )
        #expect(slice(text, error.range) == "regional_office")
        // Qualified, each works: Web leads 2, 3, 7 are Online; 2 lost, 3 and 7 won.
        let online = try evaluate("win_rate by offices.regional_office", environment)
        #expect(online.rows.first?.keys == [.text("Online")] && online.rows.first?.measure.numerator == 2)
        #expect(formulaError("win_rate by sales_teams.regional_office", environment) == nil)
    }

    @Test("two links to one table are told apart by their key column")
    func twoLinksToOneTable() throws {
        // closer: Bo closes Ana's leads and Ana Bo's; Cy's leads have none.
        var leads = Fixture.leads
        leads.appendColumn(Column(name: "closer", type: .text, values: ["Bo", "Bo", "Ana", "Ana", nil, nil, "Bo", "Ana"].map(Fixture.text)))
        let closerLink = TableLink(table: "leads", key: "closer", target: "sales_teams", targetKey: "sales_agent", origin: .mapping)
        let environment = LinkFixture.environment(links: [LinkFixture.repLink, closerLink], leads: leads)
        let error = try #require(formulaError("count(leads) by manager", environment))
        #expect(error.id == "formula.ambiguous-field")
        #expect(error.message.hasSuffix("write rep.manager or closer.manager"))
        // Leads closed by Bo (East's Melvin Marxen): 1, 2, 7; by Ana: 3, 4, 8; none: 5, 6.
        let byCloser = try evaluate("count(leads) by closer.manager", environment)
        #expect(series(byCloser).map(\.0) == [.text("Dustin Brinkmann"), .text("Melvin Marxen"), .null])
        #expect(series(byCloser).map(\.1) == [3, 3, 2])
    }

    @Test("an unknown field suggests linked tables' fields; an unlinked table's field says it is out of reach")
    func unknownFields() throws {
        let environment = LinkFixture.environment()
        let text = "win_rate by regional_ofice"
        let error = try #require(formulaError(text, environment))
        #expect(error.id == "formula.unknown-field")
        #expect(error.suggestion == "regional_office")
        #expect(slice(text, error.range) == "regional_ofice")
        #expect(formulaError("count(spend where sales_teams.manager = \"x\")", environment)?.id == "formula.no-link")
        #expect(formulaError("count(leads) by sales_teams.managr", environment)?.suggestion == "manager")
        #expect(formulaError("count(leads) by rep.managr", environment)?.suggestion == "manager")
    }
}
