import KPICore
import Testing

@testable import KPIFormula

@Suite("Binder: names, tables and errors")
struct BinderNameTests {
    @Test("reports an unknown field at its name with a suggestion")
    func unknownField() throws {
        let source = "count(leads where sorce = \"Web\")"
        let error = try #require(formulaError(source))
        #expect(error.id == "formula.unknown-field")
        #expect(error.message == "unknown field 'sorce' in leads")
        #expect(error.suggestion == "source")
        #expect(slice(source, error.range) == "sorce")
        let qualified = try #require(formulaError("count(leads where leads.sorce = \"Web\")"))
        #expect(qualified.id == "formula.unknown-field" && qualified.suggestion == "source")
    }

    @Test("reports a field no table has when the table is inferred")
    func fieldOfNoTable() throws {
        let source = "avg(amout)"
        let error = try #require(formulaError(source))
        #expect(error.id == "formula.unknown-field")
        #expect(error.suggestion == "amount")
        #expect(slice(source, error.range) == "amout")
    }

    @Test("reports an unknown KPI or name with a suggestion")
    func unknownKPI() throws {
        let error = try #require(formulaError("win_rat by rep"))
        #expect(error.id == "formula.unknown-name")
        #expect(error.suggestion == "win_rate")
        #expect(error.range == SourceRange(0, 7))
        #expect(formulaError("zzz")?.suggestion == nil)
    }

    @Test("reports unknown tables after of, in exists and in qualified names")
    func unknownTable() throws {
        let of = try #require(formulaError("avg(amount) of lead"))
        #expect(of.id == "formula.unknown-table" && of.suggestion == "leads")
        let exists = try #require(formulaError("count(leads where exists activites(type = \"call\"))"))
        #expect(exists.id == "formula.unknown-table" && exists.suggestion == "activities")
        let qualified = try #require(formulaError("count(leads where lead.source = \"Web\")"))
        #expect(qualified.id == "formula.unknown-table" && qualified.suggestion == "leads")
    }

    @Test("reports unknown functions, and row functions used as values")
    func unknownFunction() throws {
        let error = try #require(formulaError("cont(leads)"))
        #expect(error.id == "formula.unknown-function")
        #expect(error.suggestion == "count")
        let nested = try #require(formulaError("avg(count(amount)) of leads"))
        #expect(nested.id == "formula.unknown-function" && nested.message.contains("cannot be nested"))
        let row = try #require(formulaError("hours_between(created_at, closed_at)"))
        #expect(row.id == "formula.type" && row.message.contains("gives a value per row"))
    }

    @Test("asks for of when a field is in two tables, and of resolves it")
    func ambiguousTable() throws {
        let error = try #require(formulaError("sum(amount)"))
        #expect(error.id == "formula.ambiguous-table")
        #expect(error.message.contains("leads and spend"))
        #expect(error.message.contains("add 'of leads'"))
        #expect(try plan("sum(amount) of leads").aggregates[0].table == "leads")
        #expect(try plan("sum(amount) of spend").aggregates[0].table == "spend")
        #expect(try plan("avg(hours_between(created_at, first_contact_at))").aggregates[0].table == "leads")
        #expect(formulaError("count()")?.id == "formula.no-table")
    }

    @Test("a qualified field names the aggregate's table, as docs/kpis.md writes avg(finance.average_inventory)")
    func qualifiedFieldNamesTheTable() throws {
        // Before: formula.no-table, though `amount` alone is ambiguous and `spend.amount` is not.
        #expect(try plan("sum(spend.amount)").aggregates[0].table == "spend")
        #expect(try plan("avg(leads.amount) where status = \"won\"").aggregates[0].table == "leads")
        let unknown = "avg(lead.amount)"
        let error = try #require(formulaError(unknown))
        #expect(error.id == "formula.unknown-table" && slice(unknown, error.range) == "lead.amount")
        let mixed = try #require(formulaError("sum(leads.amount + spend.amount)"))
        #expect(mixed.id == "formula.ambiguous-table" && mixed.message.contains("leads and spend"))
    }

    @Test("rejects a table used as a value and a comparison used as a value")
    func tablesAndConditionsAreNotValues() throws {
        #expect(formulaError("leads")?.message.contains("is a table") == true)
        #expect(formulaError("count(leads) > 5")?.id == "formula.type")
    }

    @Test("checks arities and arguments of aggregates")
    func arity() throws {
        #expect(formulaError("sum(amount, rep) of leads")?.id == "formula.arity")
        #expect(formulaError("count(leads, rep)")?.id == "formula.arity")
        #expect(formulaError("percentile(amount) of leads")?.id == "formula.arity")
        #expect(formulaError("percentile(amount, 1.5) of leads")?.message.contains("between 0 and 1") == true)
        #expect(formulaError("percentile(amount, rep) of leads")?.id == "formula.type")
        #expect(formulaError("count(distinct leads)")?.id == "formula.arity")
        #expect(formulaError("share(amount, status = \"won\")")?.id == "formula.type")
        #expect(formulaError("hours_between(created_at) of leads")?.id == "formula.type")
        #expect(formulaError("avg(hours_between(created_at)) of leads")?.id == "formula.arity")
        #expect(formulaError("avg(hours_between(created_at, rep)) of leads")?.id == "formula.type")
    }
}

@Suite("Binder: units and types")
struct BinderUnitTests {
    @Test("refuses to add money and a duration, or money and a count")
    func unitErrors() throws {
        let source = "sum(amount) of leads + avg(hours_between(created_at, first_contact_at)) of leads"
        let error = try #require(formulaError(source))
        #expect(error.id == "formula.unit")
        #expect(error.message.contains("money"))
        #expect(error.range == SourceRange(0, source.utf8.count))
        #expect(formulaError("sum(amount) of leads - count(leads)")?.id == "formula.unit")
    }

    @Test("refuses to compare text with a number and to use text as a condition")
    func typeErrors() throws {
        let text = try #require(formulaError("count(leads where source = 5)"))
        #expect(text.id == "formula.type" && text.message.contains("cannot compare text with number"))
        let notText = try #require(formulaError("count(leads where not source)"))
        #expect(notText.id == "formula.type" && notText.message.contains("'source' is not true/false"))
        #expect(formulaError("count(leads where amount = \"big\")")?.id == "formula.type")
        #expect(formulaError("count(leads where created_at > 5)")?.id == "formula.type")
        #expect(formulaError("count(leads where nurtured = 1)")?.id == "formula.type")
        #expect(formulaError("sum(source) of leads")?.message.contains("needs numbers") == true)
        #expect(formulaError("count(leads where amount contains \"1\")")?.id == "formula.type")
        #expect(formulaError("count(leads where source + 1 > 2)")?.message.contains("arithmetic on text") == true)
        #expect(formulaError("count(leads where source in (\"a\", 1))")?.id == "formula.type")
        #expect(formulaError("count(leads where amount in (1, amount))")?.message.contains("constants") == true)
        #expect(formulaError("count(leads where 5)")?.message.contains("expected a condition") == true)
    }

    @Test(
        "derives result units",
        arguments: [
            ("count(leads) / count(leads)", Unit.ratio),
            ("sum(amount) of leads / count(leads)", .money),
            ("avg(hours_between(created_at, first_contact_at)) of leads", .duration(.hours)),
            ("sum(days_between(created_at, closed_at)) of leads / count(leads)", .duration(.days)),
            ("count(leads) * 2", .count),
            ("count(leads)", .count),
            ("count(distinct rep) of leads", .count),
            ("share(leads, status = \"won\")", .ratio),
            ("percentile(amount, 90%) of leads", .money),
            ("win_rate", .ratio),
            ("win_rate * 100", .number),
            ("-sum(amount) of spend", .money),
            ("25%", .ratio),
        ])
    func units(source: String, unit: Unit) throws {
        #expect(try plan(source).unit == unit)
    }
}

@Suite("Binder: KPIs, definitions, periods and keys")
struct BinderExpansionTests {
    @Test("points errors inside a KPI's formula at the KPI's name")
    func kpiExpansionError() throws {
        let source = "count(leads) + broken_rate by rep"
        let error = try #require(formulaError(source))
        #expect(error.id == "formula.unknown-field")
        #expect(slice(source, error.range) == "broken_rate")
        #expect(error.message.contains("in KPI 'broken_rate'"))
        #expect(error.suggestion == "status")
        let garbled = try #require(formulaError("garbled"))
        #expect(garbled.id == "formula.syntax" && garbled.message.contains("in the formula of KPI 'garbled'"))
        #expect(garbled.range == SourceRange(0, 7))
    }

    @Test("keeps the user's own conditions pointed at the user's text when a KPI expands")
    func userConditionInKPI() throws {
        let source = "win_rate where sorce = \"Web\""
        let error = try #require(formulaError(source))
        #expect(slice(source, error.range) == "sorce")
        let key = "win_rate by sorce"
        #expect(formulaError(key).map { slice(key, $0.range) } == "sorce")
    }

    @Test("reports an unavailable KPI and a KPI that refers to itself")
    func unavailableAndCyclicKPIs() throws {
        let unavailable = try #require(formulaError("churn_rate"))
        #expect(unavailable.id == "formula.unavailable")
        let loop = try #require(formulaError("loop_kpi"))
        #expect(loop.id == "formula.cycle")
        #expect(loop.range == SourceRange(0, 8))
    }

    @Test("reports cycles between let definitions, as values and as conditions")
    func letCycles() throws {
        let values = Fixture.environment(definitions: ["a": "b + 1", "b": "a * 2"])
        #expect(formulaError("a", values)?.id == "formula.cycle")
        let segments = Fixture.environment(definitions: ["seg1": "seg2 and true", "seg2": "seg1"])
        #expect(formulaError("count(leads where seg1)", segments)?.id == "formula.cycle")
        let selfish = Fixture.environment(definitions: ["big": "amount > big"])
        #expect(formulaError("count(leads where big)", selfish)?.id == "formula.cycle")
    }

    @Test("points an error inside a let definition at the name used in the query")
    func letExpansionError() throws {
        let environment = Fixture.environment(definitions: ["segment": "sorce = \"Web\""])
        let source = "count(leads where segment)"
        let error = try #require(formulaError(source, environment))
        #expect(error.id == "formula.unknown-field")
        #expect(slice(source, error.range) == "segment")
    }

    @Test("refuses during and by month on a table without a date")
    func noDate() throws {
        let reps = Table(name: "reps", columns: [Column(name: "name", type: .text, values: [.text("Ana")])])
        let environment = Fixture.environment(dataset: Dataset(tables: [Fixture.leads, reps]))
        #expect(formulaError("count(reps) during 2024", environment)?.id == "formula.no-date")
        #expect(formulaError("count(reps) by month", environment)?.id == "formula.no-date")
        #expect(formulaError("count(reps) by month(name)", environment) == nil)
        #expect(formulaError("count(leads where exists reps)", environment)?.id == "formula.no-link")
    }

    @Test("adds the date basis window for during")
    func duringWindow() throws {
        let node = try plan("count(leads) during 2024-Q2").aggregates[0]
        let basis = RowExpr.column("created_at", .timestamp)
        #expect(
            node.filter
                == .and(
                    .compare(.greaterOrEqual, basis, .literal(.timestamp(Fixture.instant("2024-04-01")))),
                    .compare(.less, basis, .literal(.timestamp(Fixture.instant("2024-07-01"))))))
    }

    @Test("uses the KPI's date basis for during and by month")
    func kpiDateBasis() throws {
        let grouped = try plan("win_rate by month during 2024")
        for node in grouped.aggregates {
            #expect(node.keys == [.time(.column("closed_at", .timestamp), .month)])
            #expect(PlanPrinter.row(try #require(node.filter)).contains("closed_at >="))
        }
        #expect(grouped.keyIsTime == [true])
        #expect(grouped.kpiID == "win_rate")
        #expect(try plan("count(leads) by month").aggregates[0].keys == [.time(.column("created_at", .timestamp), .month)])
        #expect(try plan("count(spend) by quarter").aggregates[0].keys == [.time(.column("month", .date), .quarter)])
    }

    @Test("names keys and marks the time keys")
    func keyNames() throws {
        let p = try plan("count(leads) by rep, month(closed_at), leads.source, week")
        #expect(p.keyNames == ["rep", "month(closed_at)", "source", "week"])
        #expect(p.keyIsTime == [false, true, false, true])
        #expect(p.kpiID == nil)
        #expect(try plan("win_rate where source = \"Web\" by rep").kpiID == "win_rate")
    }

    @Test("reaches a linked table's field through lead_id")
    func lookups() throws {
        let p = try plan("count(activities) by source")
        #expect(p.aggregates[0].table == "activities")
        #expect(
            p.aggregates[0].keys
                == [.value(.lookup(localKey: "lead_id", table: "leads", remoteKey: "lead_id", value: .column("source", .text)))])
        // activities have their own rep: no lookup.
        #expect(try plan("count(activities) by rep").aggregates[0].keys == [.value(.column("rep", .text))])
        #expect(
            try plan("count(activities) by leads.rep").aggregates[0].keys.first.map {
                if case .value(.lookup) = $0 { return true } else { return false }
            } == true)
    }

    @Test("expands let segments inside conditions")
    func segments() throws {
        let environment = Fixture.environment(definitions: ["referral": "source = \"Referral\""])
        let node = try plan("count(leads where referral)", environment).aggregates[0]
        #expect(node.filter == .compare(.equal, .column("source", .text), .literal(.text("Referral"))))
    }

    @Test("describes a plan for explain and lists the fields it reads")
    func planPrinter() throws {
        let p = try plan("win_rate by rep top 5 limit 3")
        let text = PlanPrinter.describe(p)
        #expect(text.contains("[0] count(*) over leads"))
        #expect(text.contains("group by rep"))
        #expect(text.contains("value = ([0] / [1])   unit ratio"))
        #expect(text.contains("top 5 by value"))
        #expect(text.contains("limit 3"))
        let fields = PlanPrinter.fields(of: try plan("count(activities where exists leads(status = \"won\")) by source"))
        #expect(
            fields == [
                FieldPath("activities", "lead_id"), FieldPath("leads", "lead_id"), FieldPath("leads", "source"), FieldPath("leads", "status"),
            ])
    }
}

@Suite("Binder: which columns hold dates to count by")
struct DateBasisColumnTests {
    /// The fixture's leads with a text column a user happened to call `month` (`Jan`, `Feb`, …).
    static let leadsWithTextMonth: Table = {
        var columns = Fixture.leads.columns
        columns.append(
            Column(name: "month", type: .text, values: ["Jan", "Jan", "Feb", "Feb", "Apr", "Apr", "Apr", "May"].map(Fixture.text)))
        return Table(name: "leads", columns: columns)
    }()

    /// Spend as files load it: the schema's `month` is `YYYY-MM` text.
    static let spendWithTextMonth = Table(
        name: "spend",
        columns: [
            Column(name: "month", type: .text, values: ["2024-01", "2024-01", "2024-02", "2024-04"].map(Fixture.text)),
            Column(name: "amount", type: .double, values: [500, 300, 700, 100].map { .double($0) }),
        ])

    @Test("a text column called month is not a date: on month says so instead of counting zero rows")
    func textMonthIsNoDate() throws {
        // Before: `count(leads) on month by month` bound leads.month as the date and printed 0 per month.
        let environment = Fixture.environment(dataset: Dataset(tables: [Self.leadsWithTextMonth]))
        let error = try #require(formulaError("count(leads) on month by month", environment))
        #expect(error.id == "formula.type" && error.message.contains("'month' of leads holds no dates"))
    }

    @Test("the schema's text months count by month; a text month elsewhere leaves that table on its own date")
    func schemaMonthCounts() throws {
        let environment = Fixture.environment(dataset: Dataset(tables: [Self.leadsWithTextMonth, Self.spendWithTextMonth]))
        let spend = try evaluate("sum(amount) of spend on month by month", environment)
        #expect(spend.rows.map(\.measure.value) == [800, 700, 0, 100, 0])  // January to the as-of month, May
        let leads = try evaluate("count(leads) on month by month", environment)
        let byCreation = try evaluate("count(leads) by month", environment)
        #expect(leads.rows.map(\.measure.value) == byCreation.rows.map(\.measure.value))
        #expect(byCreation.rows.compactMap(\.measure.value).reduce(0, +) == 8)
    }
}
