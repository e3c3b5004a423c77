import KPICore
import Testing

@testable import KPIFormula

/// The single value of an ungrouped query.
private func value(_ source: String, _ environment: FormulaEnvironment = Fixture.environment()) throws -> Double? {
    try #require(try evaluate(source, environment).scalar).value
}

private func month(_ text: String) -> Value { .text(text) }

@Suite("Executor: aggregates")
struct ExecutorAggregateTests {
    @Test("counts rows, non-null values and distinct values")
    func counts() throws {
        let all = try #require(try evaluate("count(leads)").scalar)
        #expect(all.value == 8 && all.isCount)
        #expect(try value("count(amount) of leads") == 4)
        #expect(try value("count(distinct rep) of leads") == 3)
        #expect(try value("count(distinct source) of leads") == 3)
        #expect(try value("count(distinct status) of leads where rep = \"Bo\"") == 2)
        #expect(try value("count(distinct source) of activities") == 2)
        #expect(try value("count(activities) + count(leads)") == 14)
    }

    @Test("sums, averages and extremes skip nulls")
    func sumsAndAverages() throws {
        #expect(try value("sum(amount) of leads") == 16_000)
        #expect(try value("avg(amount) of leads") == 4_000)
        #expect(try value("mean(amount) of leads") == 4_000)
        #expect(try value("min(amount) of leads") == 1_000)
        #expect(try value("max(amount) of leads") == 10_000)
        #expect(try value("avg(amount) of leads where status = \"lost\"") == nil)
        #expect(try value("sum(amount) of leads where status = \"lost\"") == 0)
        #expect(try value("sum(amount) of spend") == 1_600)
        #expect(try value("avg(coalesce(amount, 0)) of leads") == 2_000)
        #expect(try value("sum(abs(-amount)) of leads") == 16_000)
    }

    @Test("computes medians with linear interpolation for even and odd counts")
    func medians() throws {
        #expect(try value("median(amount) of leads") == 2_500)
        #expect(try value("median(amount) of leads where amount < 5000") == 2_000)
        #expect(try value("median(amount) of leads where rep = \"Bo\"") == 3_000)
        #expect(try value("median(amount) of leads where rep = \"Nobody\"") == nil)
        #expect(close(try value("median(days_between(created_at, closed_at)) of leads where status = \"won\""), 55))
    }

    @Test("computes percentiles by linear interpolation")
    func percentiles() throws {
        #expect(close(try value("percentile(amount, 0.9) of leads where status = \"won\""), 7_900))
        #expect(close(try value("percentile(amount, 90%) of leads"), 7_900))
        #expect(try value("percentile(amount, 0) of leads") == 1_000)
        #expect(try value("percentile(amount, 1) of leads") == 10_000)
        #expect(close(try value("percentile(amount, 0.25) of leads"), 1_750))
        #expect(Aggregation.quantile([5], 0.3) == 5)
        #expect(Aggregation.quantile([], 0.5) == nil)
    }

    @Test("keeps numerator and denominator of shares and of count / count")
    func rates() throws {
        let share = try #require(try evaluate("share(leads, status = \"won\")").scalar)
        #expect(share.numerator == 4 && share.denominator == 8 && share.value == 0.5 && share.isRate)
        let ana = try #require(try evaluate("share(leads where rep = \"Ana\", status = \"won\")").scalar)
        #expect(ana.numerator == 2 && ana.denominator == 3)
        let division = try #require(try evaluate("count(leads where status = \"won\") / count(leads)").scalar)
        #expect(division.numerator == 4 && division.denominator == 8 && division.value == 0.5)
        // share with one argument infers the table from the condition.
        #expect(try value("share(nurtured)") == 3.0 / 8.0)
    }

    @Test("gives null, not NaN, for 0 / 0 and division by zero")
    func zeroDenominators() throws {
        let empty = try #require(try evaluate("count(leads where status = \"x\") / count(leads where status = \"x\")").scalar)
        #expect(empty.value == nil && empty.numerator == 0 && empty.denominator == 0)
        #expect(try value("share(leads where rep = \"Zed\", status = \"won\")") == nil)
        #expect(try value("count(leads) / 0") == nil)
        #expect(try value("sum(amount) of leads / count(leads where status = \"x\")") == nil)
    }

    @Test("does arithmetic on aggregates and constants")
    func arithmetic() throws {
        #expect(try value("-count(leads)") == -8)
        #expect(try value("count(leads) * 2 - 1") == 15)
        #expect(try value("lead_conversion_rate where nurtured / lead_conversion_rate where not nurtured") == 2)
        #expect(try value("(count(leads where status = \"won\") / count(leads)) where source = \"Referral\"") == 1)
    }
}

@Suite("Executor: conditions")
struct ExecutorConditionTests {
    @Test(
        "follows SQL three-valued logic",
        arguments: [
            ("nurtured", 3.0), ("not nurtured", 3), ("nurtured is null", 2), ("nurtured is not null", 6),
            ("source = \"Web\"", 3), ("source != \"Web\"", 4), ("not (source = \"Web\")", 4), ("source is null", 1),
            ("source = \"Web\" or nurtured", 5), ("not (source = \"Web\" or nurtured)", 2), ("not (source = \"Web\" and nurtured)", 5),
            ("amount > 1500", 3), ("not amount > 1500", 1), ("amount > 1500 or amount is null", 7), ("true", 8), ("false", 0),
            ("amount > 2 * 1000", 2), ("rep = \"Ana\" and not nurtured", 1),
        ])
    func threeValuedLogic(condition: String, expected: Double) throws {
        #expect(try value("count(leads where \(condition))") == expected)
    }

    @Test(
        "tests membership, ranges and text patterns with nulls left out",
        arguments: [
            ("source in (\"Web\", \"Partner\")", 5.0), ("source not in (\"Web\", \"Partner\")", 2),
            ("amount in (1000, 2000)", 2), ("amount not in (1000, 2000)", 2), ("amount in (null, 1000)", 1),
            ("amount not in (1000, null)", 0), ("amount not in (null, 1000)", 0), ("nurtured in (true)", 3),
            ("amount between 2000 and 3000", 2), ("amount not between 2000 and 3000", 2),
            ("source contains \"ER\"", 4), ("source starts with \"w\"", 3), ("lower(source) = \"web\"", 3),
            ("upper(rep) in (\"ANA\")", 3),
        ])
    func membership(condition: String, expected: Double) throws {
        #expect(try value("count(leads where \(condition))") == expected)
    }

    @Test(
        "compares instants with dates, months, quarters and durations",
        arguments: [
            ("created_at < 2024-02-01", 2.0), ("created_at = 2024-04", 3), ("created_at = 2024-Q1", 4), ("created_at = 2024-04-10", 1),
            ("created_at != 2024-04", 5), ("closed_at >= 2024-06", 2), ("closed_at > 2024-05", 2), ("closed_at <= 2024-02", 1),
            ("created_at >= 2024-04-30T00:00:00Z", 2), ("created_at between 2024-01-20 and 2024-02-14", 3),
            ("hours_between(created_at, first_contact_at) > 3h", 4), ("hours_between(created_at, first_contact_at) >= 1d", 2),
            ("days_between(created_at, closed_at) < 6w", 2),
        ])
    func instants(condition: String, expected: Double) throws {
        #expect(try value("count(leads where \(condition))") == expected)
    }

    @Test("joins semi-joins and lookups through lead_id")
    func acrossTables() throws {
        #expect(try value("count(leads where exists activities(type = \"meeting\"))") == 3)
        #expect(try value("count(leads where exists activities)") == 4)
        #expect(try value("count(leads where not exists activities(type = \"meeting\"))") == 5)
        #expect(try value("count(activities where exists leads(status = \"won\"))") == 5)
        #expect(try value("count(activities where completed)") == 4)
        #expect(try value("count(activities where not completed)") == 1)
        #expect(try value("count(activities where source = \"Referral\")") == 3)
    }

    @Test("expands let segments")
    func segments() throws {
        let environment = Fixture.environment(definitions: ["referral": "source = \"Referral\"", "big": "amount >= 3000"])
        #expect(try value("count(leads where referral)", environment) == 2)
        #expect(try value("win_rate where referral", environment) == 1)
        #expect(try value("count(leads where referral or big)", environment) == 4)
    }
}

@Suite("Executor: grouping")
struct ExecutorGroupingTests {
    @Test("groups by text sorted byte-wise with the null group last")
    func byText() throws {
        let result = try evaluate("count(leads) by source")
        #expect(result.keyNames == ["source"])
        #expect(result.rows.map(\.keys) == [[.text("Partner")], [.text("Referral")], [.text("Web")], [.null]])
        #expect(result.rows.map(\.measure.value) == [2, 2, 3, 1])
        let conversion = try evaluate("lead_conversion_rate by source")
        #expect(conversion.rows.map(\.measure.value) == [0, 1, 2.0 / 3.0, 0])
        #expect(conversion.kpiID == "lead_conversion_rate")
        let bytewise = Table(name: "t", columns: [Column(name: "k", type: .text, values: ["b", "B", "a", "É", "A"].map(Fixture.text))])
        let sorted = try evaluate("count(t) by k", Fixture.environment(dataset: Dataset(tables: [bytewise])))
        #expect(sorted.rows.map(\.keys) == [["A"], ["B"], ["a"], ["b"], ["É"]].map { $0.map(Value.text) })
    }

    @Test("groups by two keys")
    func byTwoKeys() throws {
        // Statuses come in funnel order (won before lost), as charts draw them, not alphabetically;
        // words outside the funnel ("open") come after its words.
        let result = try evaluate("count(leads) by rep, status")
        #expect(
            result.rows.map(\.keys) == [
                [.text("Ana"), .text("won")], [.text("Ana"), .text("lost")], [.text("Bo"), .text("won")], [.text("Bo"), .text("open")],
                [.text("Cy"), .text("won")], [.text("Cy"), .text("lost")],
            ])
        #expect(result.rows.map(\.measure.value) == [2, 1, 1, 2, 1, 1])
        let hours = try evaluate("avg(hours_between(created_at, first_contact_at)) of leads by rep, month")
        #expect(hours.unit == .duration(.hours))
        #expect(
            hours.rows.map(\.keys) == [
                [.text("Ana"), month("2024-01")], [.text("Ana"), month("2024-04")], [.text("Bo"), month("2024-02")],
                [.text("Bo"), month("2024-05")], [.text("Cy"), month("2024-04")],
            ])
        #expect(hours.rows.map(\.measure.value) == [13, 8, 2, 1, 14])
    }

    @Test("groups by numbers and booleans")
    func byValues() throws {
        let result = try evaluate("count(leads) by nurtured")
        #expect(result.rows.map(\.keys) == [[.bool(false)], [.bool(true)], [.null]])
        #expect(result.rows.map(\.measure.value) == [3, 3, 2])
        let amounts = try evaluate("count(leads) by amount")
        #expect(amounts.rows.map(\.keys) == [[.double(1000)], [.double(2000)], [.double(3000)], [.double(10000)], [.null]])
    }

    @Test("labels months, quarters and years and fills empty months")
    func calendarKeys() throws {
        let months = try evaluate("count(leads) by month")
        #expect(months.rows.map(\.keys) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"].map { [month($0)] })
        #expect(months.rows.map(\.measure.value) == [2, 2, 0, 3, 1])
        let rate = try evaluate("lead_conversion_rate by month")
        #expect(rate.rows.map(\.measure.value) == [0.5, 0.5, nil, 2.0 / 3.0, 0])
        #expect(rate.rows[2].measure.numerator == 0 && rate.rows[2].measure.denominator == 0)
        #expect(series(try evaluate("count(leads) by quarter")).map(\.0) == [.text("2024-Q1"), .text("2024-Q2")])
        #expect(try evaluate("count(leads) by year").rows.map(\.keys) == [[.int(2024)]])
        // The series spans the reporting range (the leads' creation span, the spec's reporting
        // months) and every month of its own date basis: a June close after the last lead month
        // is in it. A 'during' window is exactly its months; the June close outside it is counted
        // in a note. Leads never closed have no month: a series lists periods, so they are in none.
        let avg = try evaluate("avg(amount) of leads by month(closed_at)")
        #expect(avg.rows.map(\.keys) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"].map { [month($0)] })
        #expect(avg.rows.map(\.measure.value) == [nil, 1000, nil, 3000, 2000, 10000])
        let narrower = try evaluate("avg(amount) of leads by month(closed_at) during from 2024-01 to 2024-05")
        #expect(narrower.rows.map(\.measure.value) == [nil, 1000, nil, 3000, 2000])
        #expect(narrower.notes.contains { $0.kind == .outsideSeries })
    }

    @Test("labels weeks by their first day, Monday or Sunday, and days by date")
    func weeksAndDays() throws {
        let monday = try evaluate("count(leads) by week")
        #expect(monday.rows.first?.keys == [Fixture.date("2024-01-01")])
        #expect(monday.rows.last?.keys == [Fixture.date("2024-04-29")])
        #expect(monday.rows.count == 18)
        #expect(monday.rows.compactMap(\.measure.value).reduce(0, +) == 8)
        let sunday = try evaluate("count(leads) by week", Fixture.environment(weekStart: 7))
        #expect(sunday.rows.first?.keys == [Fixture.date("2023-12-31")])
        #expect(sunday.rows.last?.keys == [Fixture.date("2024-05-05")])
        #expect(sunday.rows.count == 19)
        let days = try evaluate("count(leads) by day")
        #expect(days.rows.first?.keys == [Fixture.date("2024-01-05")])
        #expect(days.rows.count == 122)
        #expect(days.rows[1].measure.value == 0)
    }

    @Test("uses the KPI's date basis for by month and during")
    func kpiBasis() throws {
        let result = try evaluate("win_rate by month during from 2024-01 to 2024-06")
        #expect(series(result).map(\.0) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"].map(month))
        #expect(result.rows.map(\.measure.value) == [nil, 1, 0, 1, 1, 0.5])
        let q2 = try evaluate("win_rate by rep where source in (\"Referral\", \"Partner\") during 2024-Q2")
        #expect(q2.rows.map(\.keys) == [[.text("Cy")]])
        #expect(q2.rows[0].measure.numerator == 1 && q2.rows[0].measure.denominator == 1)
        let recent = try evaluate("count(leads) by month during last 6 months")
        #expect(series(recent).map(\.0) == ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04"].map(month))
        #expect(recent.rows.map(\.measure.value) == [0, 0, 2, 2, 0, 3])
    }

    @Test("joins aggregates of two tables on the same key")
    func twoTables() throws {
        let result = try evaluate("sum(amount) of spend / count(leads) by month")
        #expect(result.unit == .money)
        #expect(series(result).map(\.0) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"].map(month))
        let values = result.rows.map(\.measure.value)
        #expect(values[0] == 400 && values[1] == 350 && values[2] == nil && close(values[3], 100.0 / 3.0) && values[4] == 0)
        let perRep = try evaluate("count(activities) / count(leads) by rep")
        #expect(perRep.rows.map(\.keys) == [[.text("Ana")], [.text("Bo")], [.text("Cy")]])
        #expect(perRep.rows.map(\.measure.numerator) == [4, 1, 1])
        #expect(perRep.rows.map(\.measure.denominator) == [3, 3, 2])
        let bySource = try evaluate("count(activities) by source")
        #expect(bySource.rows.map(\.keys) == [[.text("Referral")], [.text("Web")], [.null]])
        #expect(bySource.rows.map(\.measure.value) == [3, 2, 1])
    }

    @Test("keeps the top, the bottom or the first rows")
    func ranking() throws {
        let top = try evaluate("win_rate by rep top 5")
        #expect(top.rows.map(\.keys) == [[.text("Bo")], [.text("Ana")], [.text("Cy")]])
        #expect(try evaluate("lead_conversion_rate by rep top 2").rows.map(\.keys) == [[.text("Ana")], [.text("Cy")]])
        #expect(try evaluate("lead_conversion_rate by rep bottom 1").rows.map(\.keys) == [[.text("Bo")]])
        #expect(try evaluate("count(leads) by source limit 2").rows.map(\.keys) == [[.text("Partner")], [.text("Referral")]])
        #expect(try evaluate("count(leads) by source top 3 limit 1").rows.map(\.keys) == [[.text("Web")]])
        // Groups without a value never count as the lowest.
        #expect(try evaluate("avg(amount) of leads by status bottom 1").rows.map(\.keys) == [[.text("won")]])
        #expect(try evaluate("avg(amount) of leads by status top 1").rows.map(\.keys) == [[.text("won")]])
    }

    @Test("stops with cancelled when asked to")
    func cancellation() throws {
        let error = #expect(throws: ExecutionError.self) {
            _ = try evaluate("count(leads where source = \"Web\") by rep", isCancelled: { true })
        }
        guard case .cancelled? = error else {
            Issue.record("expected cancelled, got \(String(describing: error))")
            return
        }
    }

    @Test("reports data that lacks what the plan was bound against")
    func missingData() throws {
        let p = try plan("count(leads where source = \"Web\")")
        let executor = Executor(dataset: Dataset(tables: [Fixture.spend]))
        #expect(throws: ExecutionError.self) { try executor.run(p) }
        let noSource = Dataset(tables: [Table(name: "leads", columns: [Column(name: "lead_id", type: .int, values: [.int(1)])])])
        #expect(throws: ExecutionError.self) { try Executor(dataset: noSource).run(p) }
    }
}

@Suite("Executor: several measures")
struct ExecutorMeasureTests {
    @Test("reports several named measures per row")
    func namedMeasures() throws {
        let result = try evaluate("avg(amount) as mean_amount, median(amount) as middle of leads")
        #expect(result.measureNames == ["mean_amount", "middle"])
        #expect(result.rows.first?.measures.map(\.value) == [4_000, 2_500])
        #expect(formulaError("count(leads) as n, count(spend) as n")?.id == "formula.duplicate-name")
    }
}
