#!/usr/bin/env python3
"""The spec's 29 KPIs and 3 benchmark queries as DuckDB SQL, timed like `kpi-bench suite`.

The CSVs of DIR (gen_crm.py output) are loaded once into an in-memory DuckDB database (not
timed); then every run executes each statement and fetches its full result. Printed: the median
(and fastest) total of the suite, each benchmark query timed on its own, and each statement's
median -- the same layout as `kpi-bench suite`, or JSON with --json (what `kpi-bench suite
--duckdb` reads to print both engines side by side).

    python3 bench/duckdb_suite.py DIR [--runs N] [--json] [--check]

--check prints each statement's result once instead of timing (to compare values by eye).
The definitions follow ../shared/spec/kpis.md; the ids are those of bench/spec-suite.kpi.
"""
import argparse
import json
import statistics
import sys
import time

try:
    import duckdb
except ImportError:
    sys.exit("duckdb_suite.py needs the duckdb module: pip install duckdb")

TABLES = ["leads", "stage_history", "activities", "customers", "surveys", "spend", "traffic"]

# Every reporting month: month(min(leads.created_at)) .. month(max(leads.created_at)).
MONTHS = """(SELECT unnest(generate_series(date_trunc('month', min(created_at)), date_trunc('month', max(created_at)),
                                  INTERVAL 1 MONTH)) AS m FROM leads)"""

# Completed stays: the next row of the same lead, ordered by entered_at then stage order.
STAGE_TIME = """
WITH ordered AS (
  SELECT stage, entered_at,
         lead(entered_at) OVER (PARTITION BY lead_id ORDER BY entered_at,
           list_position(['new','contacted','qualified','opportunity','won','lost','disqualified'], stage)) AS next_at
  FROM stage_history),
stays AS (SELECT stage, date_diff('millisecond', entered_at, next_at) / 86400000.0 AS d FROM ordered WHERE next_at IS NOT NULL)
SELECT stage, count(d) AS n, avg(d) AS avg_days, quantile_cont(d, 0.5) AS median_days FROM stays GROUP BY stage
ORDER BY list_position(['new','contacted','qualified','opportunity','won','lost','disqualified'], stage)
"""

# Customers active at the start / end of each reporting month, churned and started in it.
CUSTOMER_MONTHS = f"""
SELECT m,
  count(*) FILTER (WHERE started_at < m AND (churned_at IS NULL OR churned_at >= m)) AS s,
  count(*) FILTER (WHERE started_at < m + INTERVAL 1 MONTH
                     AND (churned_at IS NULL OR churned_at >= m + INTERVAL 1 MONTH)) AS e,
  count(*) FILTER (WHERE started_at >= m AND started_at < m + INTERVAL 1 MONTH) AS n,
  count(*) FILTER (WHERE started_at < m AND churned_at >= m AND churned_at < m + INTERVAL 1 MONTH) AS churned
FROM {MONTHS} months, customers GROUP BY m"""


def rate(num, den, where="", by=None):
    """A rate {num, den, value} over leads, optionally by a key (groups sorted by key)."""
    key = f"{by}, " if by else ""
    group = f" GROUP BY {by} ORDER BY {by}" if by else ""
    where = f" WHERE {where}" if where else ""
    return (f"SELECT {key}count(*) FILTER (WHERE {num}) AS num, count(*) FILTER (WHERE {den}) AS den, "
            f"(count(*) FILTER (WHERE {num}))::DOUBLE / nullif(count(*) FILTER (WHERE {den}), 0) AS value "
            f"FROM leads{where}{group}")


STATEMENTS = [
    ("lead_volume_by_source", "SELECT source, count(*) FROM leads GROUP BY source ORDER BY source"),
    ("lead_volume_by_month", f"""
        SELECT strftime(months.m, '%Y-%m') AS month, coalesce(c.n, 0) FROM {MONTHS} months
        LEFT JOIN (SELECT date_trunc('month', created_at) AS m, count(*) AS n FROM leads GROUP BY 1) c USING (m)
        ORDER BY months.m"""),
    ("leads_by_status", "SELECT status, count(*) FROM leads GROUP BY status ORDER BY status"),
    ("lead_qualification_rate", rate("qualified_at IS NOT NULL", "true")),
    ("lead_to_opportunity_rate", rate("converted_at IS NOT NULL", "true")),
    ("lead_conversion_rate", rate("status = 'won'", "true")),
    ("lead_conversion_rate_by_source", rate("status = 'won'", "true", by="source")),
    ("lead_conversion_rate_by_rep", rate("status = 'won'", "true", by="rep")),
    ("conversion_rate_by_nurtured", rate("status = 'won'", "true", by="nurtured")),
    ("win_rate", rate("status = 'won'", "true", where="status IN ('won', 'lost')")),
    ("win_rate_by_source", rate("status = 'won'", "true", where="status IN ('won', 'lost')", by="source")),
    ("win_rate_by_rep", rate("status = 'won'", "true", where="status IN ('won', 'lost')", by="rep")),
    ("lead_response_time_hours", """
        SELECT count(x) AS n, avg(x) AS avg, quantile_cont(x, 0.5) AS median
        FROM (SELECT date_diff('millisecond', created_at, first_contact_at) / 3600000.0 AS x FROM leads)"""),
    ("sales_cycle_days", """
        SELECT count(x) AS n, avg(x) AS avg, quantile_cont(x, 0.5) AS median
        FROM (SELECT date_diff('millisecond', created_at, closed_at) / 86400000.0 AS x FROM leads WHERE status = 'won')"""),
    ("avg_time_in_stage_days", STAGE_TIME),
    ("avg_deal_size", "SELECT count(amount) AS n, sum(amount) AS total, avg(amount) AS avg FROM leads WHERE status = 'won'"),
    ("sales_velocity_by_month", f"""
        WITH opp AS (SELECT date_trunc('month', converted_at) AS m, count(*) AS opportunities FROM leads
                     WHERE converted_at IS NOT NULL GROUP BY 1),
             cl AS (SELECT date_trunc('month', closed_at) AS m,
                      count(*) FILTER (WHERE status = 'won') AS won,
                      count(*) FILTER (WHERE status IN ('won', 'lost')) AS closed,
                      avg(amount) FILTER (WHERE status = 'won') AS avg_deal,
                      avg(date_diff('millisecond', created_at, closed_at) / 86400000.0) FILTER (WHERE status = 'won') AS cycle_days
                    FROM leads WHERE closed_at IS NOT NULL GROUP BY 1)
        SELECT strftime(months.m, '%Y-%m') AS month, coalesce(opportunities, 0) AS opportunities, coalesce(won, 0) AS won, coalesce(closed, 0) AS closed,
               won::DOUBLE / nullif(closed, 0) AS win_rate, avg_deal, cycle_days,
               coalesce(opportunities, 0) * avg_deal * (won::DOUBLE / nullif(closed, 0)) / nullif(cycle_days, 0) AS velocity
        FROM {MONTHS} months LEFT JOIN opp USING (m) LEFT JOIN cl USING (m) ORDER BY months.m"""),
    ("cac_by_month", f"""
        WITH s AS (SELECT month, sum(amount) AS spend FROM spend GROUP BY month),
             c AS (SELECT date_trunc('month', started_at) AS m, count(*) AS n FROM customers GROUP BY 1)
        SELECT strftime(months.m, '%Y-%m') AS month, coalesce(s.spend, 0) AS spend, coalesce(c.n, 0) AS new_customers, s.spend / nullif(c.n, 0) AS cac
        FROM {MONTHS} months LEFT JOIN s ON s.month = strftime(months.m, '%Y-%m') LEFT JOIN c USING (m) ORDER BY months.m"""),
    ("churn_rate_by_month", f"""
        SELECT strftime(m, '%Y-%m') AS month, s AS active, churned, churned::DOUBLE / nullif(s, 0) AS churn_rate
        FROM ({CUSTOMER_MONTHS}) ORDER BY m"""),
    ("retention_rate_by_month", f"""
        SELECT strftime(m, '%Y-%m') AS month, s, e, n, (e - n)::DOUBLE / nullif(s, 0) AS retention_rate FROM ({CUSTOMER_MONTHS}) ORDER BY m"""),
    ("cltv", f"""
        WITH cm AS ({CUSTOMER_MONTHS}), arpa AS (SELECT avg(monthly_revenue) AS arpa FROM customers)
        SELECT arpa, sum(churned)::DOUBLE / nullif(sum(s), 0) AS monthly_churn_rate,
               arpa / nullif(sum(churned)::DOUBLE / nullif(sum(s), 0), 0) AS cltv
        FROM cm, arpa GROUP BY arpa"""),
    ("nps", """
        SELECT count(*) FILTER (WHERE nps >= 9) AS promoters, count(*) FILTER (WHERE nps <= 6) AS detractors,
               count(nps) AS responses,
               100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6)) / nullif(count(nps), 0) AS nps
        FROM surveys"""),
    ("csat", """
        SELECT count(*) FILTER (WHERE csat >= 4) AS num, count(csat) AS den,
               (count(*) FILTER (WHERE csat >= 4))::DOUBLE / nullif(count(csat), 0) AS value FROM surveys"""),
    ("email_open_rate", rate("email_opens > 0", "true")),
    ("email_click_to_open_rate", rate("email_clicks > 0", "true", where="email_opens > 0")),
    ("meeting_completion_rate", """
        SELECT count(*) FILTER (WHERE completed) AS num, count(*) AS den,
               (count(*) FILTER (WHERE completed))::DOUBLE / nullif(count(*), 0) AS value
        FROM activities WHERE type = 'meeting' AND scheduled_at IS NOT NULL"""),
    ("calls_per_rep", """
        SELECT rep, count(*) AS calls, count(*) FILTER (WHERE completed) AS connected
        FROM activities WHERE type = 'call' GROUP BY rep ORDER BY rep"""),
    ("data_completeness", """
        SELECT (count(lead_id) + count(created_at) + count(source) + count(rep) + count(region) + count(industry)
                + count(status))::DOUBLE / (7 * count(*)) AS score,
               count(lead_id)::DOUBLE / count(*) AS lead_id, count(created_at)::DOUBLE / count(*) AS created_at,
               count(source)::DOUBLE / count(*) AS source, count(rep)::DOUBLE / count(*) AS rep,
               count(region)::DOUBLE / count(*) AS region, count(industry)::DOUBLE / count(*) AS industry,
               count(status)::DOUBLE / count(*) AS status
        FROM leads"""),
    ("revenue_growth_mom", f"""
        WITH r AS (SELECT date_trunc('month', closed_at) AS m, sum(amount) AS revenue FROM leads
                   WHERE status = 'won' GROUP BY 1),
             series AS (SELECT months.m, coalesce(r.revenue, 0) AS revenue FROM {MONTHS} months LEFT JOIN r USING (m))
        SELECT strftime(m, '%Y-%m') AS month, revenue, (revenue - lag(revenue) OVER (ORDER BY m)) / nullif(lag(revenue) OVER (ORDER BY m), 0) AS growth
        FROM series ORDER BY m"""),
    ("q1_win_rate_by_rep_referral_2024q2", rate(
        "status = 'won'", "true",
        where="status IN ('won', 'lost') AND source = 'Referral' AND closed_at >= TIMESTAMP '2024-04-01 00:00:00' "
              "AND closed_at < TIMESTAMP '2024-07-01 00:00:00'", by="rep")),
    ("q2_conversion_by_source_month", """
        SELECT source, strftime(m, '%Y-%m') AS month, leads, won, won::DOUBLE / leads AS rate
        FROM (SELECT source, date_trunc('month', created_at) AS m, count(*) AS leads,
                     count(*) FILTER (WHERE status = 'won') AS won FROM leads GROUP BY source, m)
        ORDER BY source, m"""),
    ("q3_avg_stage_time", STAGE_TIME),
]


def is_query(statement_id):
    head, _, _ = statement_id.partition("_")
    return len(head) > 1 and head[0] == "q" and head[1:].isdigit()


def load(directory):
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")
    for table in TABLES:
        path = f"{directory}/{table}.csv".replace("'", "''")
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}')")
        # All instants are UTC: plain TIMESTAMPs spare DuckDB time-zone arithmetic in date_trunc.
        for (column,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "AND data_type = 'TIMESTAMP WITH TIME ZONE'", [table]).fetchall():
            con.execute(f"ALTER TABLE {table} ALTER {column} TYPE TIMESTAMP")
    return con


def timed(con, sql):
    start = time.perf_counter()
    con.execute(sql).fetchall()
    return time.perf_counter() - start


def timing(statement_id, samples):
    ordered = sorted(samples)
    return {"id": statement_id, "median": ordered[len(ordered) // 2], "min": ordered[0]}


def measure(con, runs, load_seconds):
    queries = [(i, s) for i, s in STATEMENTS if is_query(i)]
    totals, per_statement, per_query = [], {i: [] for i, _ in STATEMENTS}, {i: [] for i, _ in queries}
    for run in range(runs + 1):  # run 0 warms up and is not counted
        total = 0.0
        for statement_id, sql in STATEMENTS:
            seconds = timed(con, sql)
            total += seconds
            if run:
                per_statement[statement_id].append(seconds)
        if run:
            totals.append(total)
        for statement_id, sql in queries:
            seconds = timed(con, sql)
            if run:
                per_query[statement_id].append(seconds)
    return {
        "engine": f"DuckDB {duckdb.__version__}",
        "runs": runs,
        "loadSeconds": load_seconds,
        "suite": timing("suite", totals),
        "queries": [timing(i, per_query[i]) for i, _ in queries],
        "statements": [timing(i, per_statement[i]) for i, _ in STATEMENTS],
    }


def show(seconds):
    return f"{seconds:.3f} s" if seconds >= 1 else f"{seconds * 1000:.2f} ms"


def render(figures, directory):
    n = len(figures["statements"])
    lines = [f"{figures['engine']} on {directory}: {n} statements, {figures['runs']} runs after 1 warm-up, "
             f"data in memory (load {figures['loadSeconds']:.1f} s, not timed)",
             f"{'':40}{'median':>12}{'min':>12}",
             f"{f'suite ({n} statements)':40}{show(figures['suite']['median']):>12}{show(figures['suite']['min']):>12}"]
    lines += [f"{q['id']:40}{show(q['median']):>12}{show(q['min']):>12}" for q in figures["queries"]]
    lines += ["", "per statement, within the suite runs:"]
    lines += [f"{'  ' + s['id']:40}{show(s['median']):>12}{show(s['min']):>12}" for s in figures["statements"]]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", nargs="?", default="./bench-data/M")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (for kpi-bench suite --duckdb)")
    parser.add_argument("--check", action="store_true", help="print each statement's result once, no timing")
    args = parser.parse_args()
    start = time.perf_counter()
    con = load(args.directory)
    load_seconds = time.perf_counter() - start
    if args.check:
        for statement_id, sql in STATEMENTS:
            print(f"-- {statement_id}")
            for row in con.execute(sql).fetchall():
                print("  ", row)
        return
    figures = measure(con, args.runs, load_seconds)
    print(json.dumps(figures) if args.json else render(figures, args.directory))


if __name__ == "__main__":
    main()
