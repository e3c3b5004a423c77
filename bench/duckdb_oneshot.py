#!/usr/bin/env python3
"""One question answered from the CSV files by a fresh DuckDB process, as a user would run it.

    python3 bench/duckdb_oneshot.py DIR QUESTION

QUESTION is q1, q2 or lcr_by_source (one statement of duckdb_suite.py, over views that read the
CSVs on demand, so DuckDB reads only the files and columns the statement needs), or suite (every
statement of duckdb_suite.py: the tables are read once into memory, then each statement runs).
The result rows are fetched and their count printed. `kpi-bench oneshot` starts this script once
per run and measures the whole process (start, import, reading, answer) as it does `kpi eval`.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import duckdb
except ImportError:
    sys.exit("duckdb_oneshot.py needs the duckdb module: pip install duckdb")

import duckdb_suite  # noqa: E402  (the statements, once)

QUESTIONS = {
    "q1": "q1_win_rate_by_rep_referral_2024q2",
    "q2": "q2_conversion_by_source_month",
    "lcr_by_source": "lead_conversion_rate_by_source",
}


def views(directory):
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")
    for table in duckdb_suite.TABLES:
        path = f"{directory}/{table}.csv".replace("'", "''")
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_csv('{path}')")
    return con


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    directory, question = sys.argv[1], sys.argv[2]
    statements = dict(duckdb_suite.STATEMENTS)
    if question == "suite":
        con = duckdb_suite.load(directory)
        rows = sum(len(con.execute(sql).fetchall()) for _, sql in duckdb_suite.STATEMENTS)
    elif question in QUESTIONS:
        rows = len(views(directory).execute(statements[QUESTIONS[question]]).fetchall())
    else:
        sys.exit(f"unknown question '{question}': one of {', '.join(list(QUESTIONS) + ['suite'])}")
    print(f"{rows} rows")


if __name__ == "__main__":
    main()
