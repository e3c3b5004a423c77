#!/usr/bin/env python3
"""Second implementation of the KPIs over the export fixtures of this folder.

Reads every raw fixture file itself (bytes -> text in the file's own encoding ->
pandas), applies the reading rules written down in README.md, computes the KPIs
and (re)writes each folder's expected.json. It shares no code and no data with
gen_fixtures.py: it only knows the files.

    python3 compute_expected.py          # rewrite every expected.json
    python3 compute_expected.py --check  # exit 1 if any expected.json would change

Deterministic: no clocks, no randomness, sorted keys, floats as Python repr.
Needs pandas (pip install pandas).
"""

import csv
import io
import json
import math
import os
import sys
from datetime import datetime, timezone

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
NULL_WORDS = {"", "N/A", "NA", "-"}
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


# ---------------------------------------------------------------- value rules

def text(v):
    """A text cell: None for the null words (after trimming), else the trimmed text."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = str(v).strip()
    return None if s in NULL_WORDS else s


def money(v):
    """'$1,40,000.00 ' -> 140000.0; commas are grouping marks wherever they stand."""
    s = text(v)
    if s is None:
        return None
    for sym in "$€£¥":
        s = s.replace(sym, "")
    s = s.replace(",", "").strip()
    return float(s)


def instant(v, fmt):
    """A timestamp in a known layout, read as UTC (no zone in any of these files)."""
    s = text(v)
    if s is None:
        return None
    return datetime.strptime(s, fmt).replace(tzinfo=timezone.utc)


def iso(t):
    if t is None:
        return None
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ("." + f"{t.microsecond:06d}".rstrip("0") if t.microsecond else "") + "Z"


def read_text(p, encoding):
    with open(p, "rb") as f:
        raw = f.read()
    if encoding == "utf-16":
        assert raw[:2] == b"\xff\xfe", "expected a UTF-16LE byte order mark"
        return raw, raw[2:].decode("utf-16-le")
    return raw, raw.decode(encoding)


def line_ending(raw_text):
    crlf = raw_text.count("\r\n")
    cr = raw_text.count("\r") - crlf
    lf = raw_text.count("\n") - crlf
    kinds = [k for k, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    return kinds[0] if len(kinds) == 1 else "+".join(kinds)


def frame(rows):
    """rows: list of dicts with the canonical fields (missing fields = unbound)."""
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- KPI rules

def rate(num, den):
    return {"num": int(num), "den": int(den), "value": (num / den) if den else None}


def sort_key(k):
    # null first, then byte-wise text order
    return tuple((0, b"") if x is None else (1, str(x).encode("utf-8")) for x in k)


def grouped(df, key_cols, base_mask, num_mask):
    """Rows {key, num, den, value} for the groups with >=1 row in the base set."""
    groups = {}
    for idx in df.index[base_mask]:
        key = tuple(None if pd.isna(df.at[idx, c]) else df.at[idx, c] for c in key_cols)
        g = groups.setdefault(key, [0, 0])
        g[1] += 1
        if num_mask[idx]:
            g[0] += 1
    out = []
    for key in sorted(groups, key=sort_key):
        num, den = groups[key]
        r = rate(num, den)
        r["key"] = list(key)
        out.append(r)
    return {"key_names": list(key_cols), "rows": out}


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    if n == 0:
        return None
    mid = n // 2
    return xs[mid] if n % 2 else (xs[mid - 1] + xs[mid]) / 2


def has(df, col):
    return col in df.columns


def cycle_days(created, closed, date_only):
    """Days from created to closed: exact (seconds / 86400) between two timestamps; whole
    calendar days when either column is written as dates without a time."""
    if date_only:
        return float((closed.date() - created.date()).days)
    return (closed - created).total_seconds() / 86400


def kpis(df, extra_groupings=(), date_only=()):
    """date_only: the canonical columns every cell of which was written without a time."""
    out, skipped = {}, {}
    n = len(df)
    status = df["status"] if has(df, "status") else pd.Series([None] * n)
    won = status.eq("won").fillna(False).to_numpy()
    lost = status.eq("lost").fillna(False).to_numpy()
    closed = won | lost
    won_s = pd.Series(won, index=df.index)
    closed_s = pd.Series(closed, index=df.index)
    all_s = pd.Series([True] * n, index=df.index)

    out["count(leads)"] = {"value": n}
    counts = {}
    for v in status:
        k = None if v is None or (isinstance(v, float) and math.isnan(v)) else v
        counts[k] = counts.get(k, 0) + 1
    out["count(leads) by status"] = {
        "key_names": ["status"],
        "rows": [{"key": [k], "value": counts[k]} for k in sorted(counts, key=lambda k: sort_key((k,)))],
    }
    out["lead_conversion_rate"] = rate(won.sum(), n)
    if has(df, "source"):
        out["lead_conversion_rate by source"] = grouped(df, ["source"], all_s, won_s)
    else:
        skipped["lead_conversion_rate by source"] = "no source column"
    out["win_rate"] = rate(won.sum(), closed.sum())
    if has(df, "rep"):
        out["win_rate by rep"] = grouped(df, ["rep"], closed_s, won_s)
    else:
        skipped["win_rate by rep"] = "no owner/rep column"
    for name, cols in extra_groupings:
        out[name] = grouped(df, cols, closed_s, won_s)

    if has(df, "amount"):
        amounts = [float(a) for a, w in zip(df["amount"], won) if w and a is not None and not pd.isna(a)]
        total = math.fsum(amounts)
        avg = total / len(amounts) if amounts else None
        out["avg_deal_size"] = {"n": len(amounts), "total": total, "avg": avg, "value": avg}
        out["revenue"] = {"value": total}
    else:
        skipped["avg_deal_size"] = skipped["revenue"] = "no amount column"

    if has(df, "created_at") and has(df, "closed_at"):
        days = []
        whole = "created_at" in date_only or "closed_at" in date_only
        for c, e, w in zip(df["created_at"], df["closed_at"], won):
            if w and c is not None and e is not None and not pd.isna(c) and not pd.isna(e):
                d = cycle_days(c, e, whole)
                if d >= 0:  # a deal closed before it was created is a data error, left out
                    days.append(d)
        avg = math.fsum(days) / len(days) if days else None
        out["sales_cycle_days"] = {"n": len(days), "avg": avg, "median": median(days), "value": avg}
    else:
        skipped["sales_cycle_days"] = "no created or close timestamp column"
    return out, skipped


def as_of(df):
    """Latest instant at which something happened: creations, and closes of won/lost leads."""
    ts = []
    if has(df, "created_at"):
        ts += [t for t in df["created_at"] if t is not None and not pd.isna(t)]
    if has(df, "closed_at"):
        ts += [t for t, s in zip(df["closed_at"], df["status"]) if s in ("won", "lost")
               and t is not None and not pd.isna(t)]
    return iso(max(ts)) if ts else None


# ---------------------------------------------------------------- fixtures

def sf_opportunity_report():
    folder = "salesforce-opportunity-report"
    name = "Opportunity Report 2021 - Priya.csv"
    raw, txt = read_text(os.path.join(HERE, folder, name), "utf-8")
    lines = list(csv.reader(io.StringIO(txt)))
    header = lines[0]
    # data rows run to the first blank row; everything after it is report furniture
    end = next(i for i, r in enumerate(lines) if i > 0 and (r == [] or r == [""]))
    data = pd.DataFrame(lines[1:end], columns=header, dtype=str)
    junk = lines[end:]
    raw_lines = txt.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines = raw_lines[:-1]          # the file ends with a newline
    assert len(raw_lines) == len(lines)     # no field spans two lines
    junk_raw = raw_lines[end:]
    stage = {"Closed Won": "won", "Closed Lost": "lost"}
    rows = []
    for _, r in data.iterrows():
        st = stage.get(r["Stage"], "opportunity")
        # the flag columns must agree with the stage
        assert (r["Won"] == "TRUE") == (st == "won") and (r["Closed"] == "TRUE") == (st != "opportunity")
        rows.append({
            "lead_id": text(r["Opportunity ID"]),
            "created_at": instant(r["Created Date"], "%d-%m-%Y"),
            "source": text(r["Lead Source"]),
            "rep": text(r["Opportunity Owner"]),
            "status": st,
            "closed_at": instant(r["Close Date"], "%d-%m-%Y"),
            "amount": money(r["Amount"]),
        })
    df = frame(rows)
    k, s = kpis(df, date_only=("created_at", "closed_at"))
    return {
        "folder": folder, "files": [name], "rows": len(df), "as_of": as_of(df),
        "format": {"encoding": "utf-8", "newline": line_ending(txt), "delimiter": ",",
                   "all_fields_quoted": True, "header_rows": 1, "data_rows": len(df),
                   "junk_lines_after_data": len(junk),
                   "junk_lines": junk_raw},
        "bindings": {"lead_id": "Opportunity ID", "created_at": "Created Date (dd-mm-yyyy)",
                     "source": "Lead Source", "rep": "Opportunity Owner", "status": "Stage",
                     "closed_at": "Close Date (dd-mm-yyyy)", "amount": "Amount"},
        "kpis": k, "skipped": s,
        "notes": ["Close Date of an open deal is an expected date (some in 2030); it never counts for as_of.",
                  "Closed/Won TRUE/FALSE columns agree with Stage on every row.",
                  "The summary row after the blank row holds averages (0.625, 0.4375, 58.59375) and Private = 0; it is not a deal."],
    }


def sf_lead_report():
    folder = "salesforce-lead-report"
    name = "report1517845993217.csv"
    raw, txt = read_text(os.path.join(HERE, folder, name), "cp1252")
    try:
        raw.decode("utf-8")
        utf8_ok = True
    except UnicodeDecodeError:
        utf8_ok = False
    assert not utf8_ok
    data = pd.read_csv(io.StringIO(txt), dtype=str, keep_default_na=False)
    status = {"Open - Not Contacted": "new", "Working - Contacted": "contacted",
              "Closed - Converted": "opportunity", "Closed - Not Converted": "disqualified"}
    rows = []
    for _, r in data.iterrows():
        st = status[r["Lead Status"]]
        assert (r["Converted"] == "1") == (st == "opportunity")
        rows.append({
            "lead_id": text(r["Lead ID"]),
            "created_at": instant(r["Created Date"], "%m/%d/%Y %I:%M %p"),
            "source": text(r["Lead Source"]),
            "rep": text(r["Lead Owner"]),
            "status": st,
        })
    df = frame(rows)
    k, s = kpis(df)
    cp_bytes = sorted({f"0x{b:02X}" for b in raw if 0x80 <= b <= 0x9F})
    return {
        "folder": folder, "files": [name], "rows": len(df), "as_of": as_of(df),
        "format": {"encoding": "windows-1252", "valid_utf8": utf8_ok, "newline": line_ending(txt),
                   "delimiter": ",", "all_fields_quoted": True, "header_rows": 1, "data_rows": len(df),
                   "cp1252_only_bytes_0x80_0x9F": cp_bytes},
        "bindings": {"lead_id": "Lead ID", "created_at": "Created Date (M/D/YYYY h:mm AM/PM)",
                     "source": "Lead Source", "rep": "Lead Owner", "status": "Lead Status"},
        "kpis": k, "skipped": s,
        "notes": ["No lead is won: Closed - Converted means opportunity, so lead_conversion_rate is 0/30 and win_rate has den 0 (value null).",
                  "Converted (1/0) agrees with Lead Status on every row.",
                  "Last Activity is a date-only column (M/D/YYYY) and binds to nothing."],
    }


def hubspot_deals():
    folder = "hubspot-deals-export"
    name = "hubspot-crm-exports-all-deals-2024-12-02.csv"
    raw, txt = read_text(os.path.join(HERE, folder, name), "utf-8")
    data = pd.read_csv(io.StringIO(txt), dtype=str, keep_default_na=False)
    fmt = "%m/%d/%Y %I:%M %p"
    stage = {"Closed Won": "won", "Closed Lost": "lost"}
    rows = []
    for _, r in data.iterrows():
        rows.append({
            "lead_id": text(r["Record ID"]),
            "created_at": instant(r["Create Date"], fmt),
            "rep": text(r["Deal owner"]),
            "status": stage.get(r["Deal Stage"], "opportunity"),
            "closed_at": instant(r["Close Date"], fmt),
            "amount": money(r["Amount"]),
        })
    df = frame(rows)
    k, s = kpis(df)
    created_months = sorted({t.strftime("%Y-%m") for t in df["created_at"]})
    closes_nov = [(st, t) for st, t in zip(df["status"], df["closed_at"])
                  if st in ("won", "lost") and not pd.isna(t) and t.strftime("%Y-%m") == "2024-11"]
    return {
        "folder": folder, "files": [name], "rows": len(df), "as_of": as_of(df),
        "format": {"encoding": "utf-8", "newline": line_ending(txt), "delimiter": ",",
                   "header_rows": 1, "data_rows": len(df)},
        "bindings": {"lead_id": "Record ID", "created_at": "Create Date (MM/DD/YYYY hh:mm AM/PM)",
                     "rep": "Deal owner", "status": "Deal Stage",
                     "closed_at": "Close Date (MM/DD/YYYY hh:mm AM/PM)", "amount": "Amount"},
        "series_facts": {
            "created_months": created_months,
            "reporting_months": created_months[0] + " .. " + created_months[-1],
            "won_closed_in_2024_11": sum(1 for st, _ in closes_nov if st == "won"),
            "lost_closed_in_2024_11": sum(1 for st, _ in closes_nov if st == "lost"),
            "revenue_closed_in_2024_11": math.fsum(a for a, st, t in zip(df["amount"], df["status"], df["closed_at"])
                                                   if st == "won" and not pd.isna(t) and t.strftime("%Y-%m") == "2024-11"),
        },
        "kpis": k, "skipped": s,
        "notes": ["No deal was created in 2024-11 (nor later), but 6 deals closed in 2024-11: a monthly series over the reporting months (month of min..max Create Date) ends at 2024-10 and leaves those closes out.",
                  "Open deals' Close Date is an expected date (Dec 2024 - Feb 2025) or empty; Amount is empty for some open deals.",
                  "Amount is written plain (12500, 31750.5) or with a thousands comma inside quotes (\"2,400\")."],
    }


def pipedrive_deals():
    folder = "pipedrive-deals-export"
    name = "deals-export-2025-01-13.csv"
    raw, txt = read_text(os.path.join(HERE, folder, name), "utf-8")
    data = pd.read_csv(io.StringIO(txt), dtype=str, keep_default_na=False)
    assert "Deal - Deal closed on" not in data.columns
    assert set(data["Deal - Currency"]) == {"EUR"}
    fmt = "%Y-%m-%d %H:%M:%S"
    status = {"Won": "won", "Lost": "lost", "Open": "opportunity"}
    rows = []
    for _, r in data.iterrows():
        won_t = instant(r["Deal - Won time"], fmt)
        lost_t = instant(r["Deal - Lost time"], fmt)
        rows.append({
            "lead_id": text(r["Deal - ID"]),
            "created_at": instant(r["Deal - Deal created"], fmt),
            "source": text(r["Deal - Source origin"]),
            "rep": text(r["Deal - Owner"]),
            "status": status[r["Deal - Status"]],
            "closed_at": won_t if won_t is not None else lost_t,
            "amount": money(r["Deal - Value"]),
        })
    df = frame(rows)
    k, s = kpis(df)
    lo = datetime(2024, 1, 1, tzinfo=timezone.utc)
    hi = datetime(2025, 1, 1, tzinfo=timezone.utc)
    in24 = [st for st, t in zip(df["status"], df["closed_at"])
            if st in ("won", "lost") and not pd.isna(t) and lo <= t < hi]
    k["win_rate during 2024"] = rate(in24.count("won"), len(in24))
    by_year = {}
    for st, t in zip(df["status"], df["closed_at"]):
        if st in ("won", "lost"):
            y = t.strftime("%Y")
            by_year.setdefault(y, {"won": 0, "lost": 0})[st] += 1
    return {
        "folder": folder, "files": [name], "rows": len(df), "as_of": as_of(df),
        "format": {"encoding": "utf-8", "newline": line_ending(txt), "delimiter": ",",
                   "header_rows": 1, "data_rows": len(df), "currency": "EUR"},
        "bindings": {"lead_id": "Deal - ID", "created_at": "Deal - Deal created", "source": "Deal - Source origin",
                     "rep": "Deal - Owner", "status": "Deal - Status",
                     "closed_at": "Deal - Won time, else Deal - Lost time", "amount": "Deal - Value"},
        "closes_by_year": by_year,
        "kpis": k, "skipped": s,
        "notes": ["There is no 'Deal - Deal closed on' column: a lost deal's close is only in 'Deal - Lost time'.",
                  "Boundary rows: won 2024-01-01 00:00:00 and lost 2024-12-31 23:59:59 are inside 2024; lost 2023-12-31 23:30:00 and won 2025-01-03 are outside.",
                  "'Deal - Stage' is the stage the deal was in when it closed; 'Deal - Status' decides the outcome.",
                  "'Deal - Value' 0 on two open deals is a value, not a missing one."],
    }


def converted_flag_leads():
    folder = "converted-flag-leads"
    name = "Leads.csv"
    raw, txt = read_text(os.path.join(HERE, folder, name), "utf-8")
    data = pd.read_csv(io.StringIO(txt), dtype=str, keep_default_na=False)
    rows = []
    for _, r in data.iterrows():
        rows.append({
            "lead_id": text(r["Prospect ID"]),
            "source": text(r["Lead Source"]),
            "status": {"1": "won", "0": "lost"}[r["Converted"]],
        })
    df = frame(rows)
    k, s = kpis(df)
    return {
        "folder": folder, "files": [name], "rows": len(df), "as_of": None,
        "format": {"encoding": "utf-8", "newline": line_ending(txt), "delimiter": ",",
                   "header_rows": 1, "data_rows": len(df)},
        "bindings": {"lead_id": "Prospect ID (no alias; Lead Number is a second id)", "source": "Lead Source",
                     "status": "Converted: 1 -> won, 0 -> lost"},
        "kpis": k, "skipped": s,
        "notes": ["No date column at all: no as_of, no monthly series, no sales cycle.",
                  "'Google' and 'google' are two different sources, as in the public data set; the empty Lead Source is the null group.",
                  "'Select' in Specialization and City is the form's placeholder, not a value anyone chose; neither column binds.",
                  "With Converted as the only outcome every lead is won or lost, so win_rate equals lead_conversion_rate."],
    }


def two_table_funnel():
    folder = "two-table-funnel"
    f1, f2 = "marketing_qualified_leads.csv", "closed_deals.csv"
    _, t1 = read_text(os.path.join(HERE, folder, f1), "utf-8")
    _, t2 = read_text(os.path.join(HERE, folder, f2), "utf-8")
    mql = pd.read_csv(io.StringIO(t1), dtype=str, keep_default_na=False)
    deals = pd.read_csv(io.StringIO(t2), dtype=str, keep_default_na=False)
    assert mql["mql_id"].is_unique and deals["mql_id"].is_unique
    assert set(deals["mql_id"]) <= set(mql["mql_id"])
    won_at = {r["mql_id"]: instant(r["won_date"], "%Y-%m-%d %H:%M:%S") for _, r in deals.iterrows()}
    rows = []
    for _, r in mql.iterrows():
        w = r["mql_id"] in won_at
        rows.append({
            "lead_id": r["mql_id"],
            "created_at": instant(r["first_contact_date"], "%Y-%m-%d"),
            "source": text(r["origin"]),
            "status": "won" if w else None,
            "closed_at": won_at.get(r["mql_id"]),
        })
    df = frame(rows)
    k, s = kpis(df, date_only=("created_at",))
    first_months = sorted({t.strftime("%Y-%m") for t in df["created_at"]})
    won_months = {}
    for t in won_at.values():
        won_months[t.strftime("%Y-%m")] = won_months.get(t.strftime("%Y-%m"), 0) + 1
    return {
        "folder": folder, "files": [f1, f2], "rows": len(df), "as_of": as_of(df),
        "format": {"encoding": "utf-8", "newline": line_ending(t1), "delimiter": ",", "header_rows": 1,
                   "data_rows": {f1: len(mql), f2: len(deals)}},
        "bindings": {"lead_id": "mql_id", "created_at": "first_contact_date", "source": "origin",
                     "status": "won iff mql_id is in closed_deals.csv, else no status (null)",
                     "closed_at": "closed_deals.won_date through mql_id"},
        "series_facts": {"first_contact_months": first_months,
                         "won_by_month": dict(sorted(won_months.items())),
                         "won_after_last_first_contact_month": sum(n for m, n in won_months.items() if m > first_months[-1])},
        "kpis": k, "skipped": s,
        "notes": ["Non-won leads have no status at all (null), not 'lost': win_rate counts won / (won + lost) = won / won.",
                  "'unknown' is an origin value of the data set (its own group); an empty origin is the null group.",
                  "declared_monthly_revenue is what a seller declared, not a deal amount: no amount binds, so no avg_deal_size or revenue.",
                  "sdr_id / sr_id exist only for won leads, so no rep binds."],
    }


def pipeline_with_teams():
    folder = "pipeline-with-teams"
    f1, f2 = "sales_pipeline.csv", "sales_teams.csv"
    _, t1 = read_text(os.path.join(HERE, folder, f1), "utf-8")
    _, t2 = read_text(os.path.join(HERE, folder, f2), "utf-8")
    pipe = pd.read_csv(io.StringIO(t1), dtype=str, keep_default_na=False)
    teams = pd.read_csv(io.StringIO(t2), dtype=str, keep_default_na=False)
    assert teams["sales_agent"].is_unique
    team = {r["sales_agent"]: (r["manager"], r["regional_office"]) for _, r in teams.iterrows()}
    stage = {"Won": "won", "Lost": "lost"}
    rows = []
    for _, r in pipe.iterrows():
        mgr, office = team.get(r["sales_agent"], (None, None))
        rows.append({
            "lead_id": r["opportunity_id"],
            "created_at": instant(r["engage_date"], "%Y-%m-%d"),
            "rep": text(r["sales_agent"]),
            "status": stage.get(r["deal_stage"], "opportunity"),
            "closed_at": instant(r["close_date"], "%Y-%m-%d"),
            "amount": money(r["close_value"]),
            "manager": mgr,
            "regional_office": office,
        })
    df = frame(rows)
    k, s = kpis(df, extra_groupings=[("win_rate by regional_office", ["regional_office"]),
                                     ("win_rate by manager", ["manager"])],
                    date_only=("created_at", "closed_at"))
    stages = {}
    for v in pipe["deal_stage"]:
        stages[v] = stages.get(v, 0) + 1
    missing = sorted(set(pipe["sales_agent"]) - set(team))
    return {
        "folder": folder, "files": [f1, f2], "rows": len(df), "as_of": as_of(df),
        "format": {"encoding": "utf-8", "newline": line_ending(t1), "delimiter": ",", "header_rows": 1,
                   "data_rows": {f1: len(pipe), f2: len(teams)}},
        "bindings": {"lead_id": "opportunity_id", "created_at": "engage_date (empty for Prospecting)",
                     "rep": "sales_agent", "status": "deal_stage: Won -> won, Lost -> lost, others -> opportunity",
                     "closed_at": "close_date", "amount": "close_value (0 on every Lost deal)",
                     "manager, regional_office": "sales_teams.csv through sales_agent"},
        "deal_stage_counts": dict(sorted(stages.items())),
        "agents_missing_from_sales_teams": missing,
        "kpis": k, "skipped": s,
        "notes": ["Brief rule: Prospecting and Engaging are both 'opportunity'. mappings/maven-crm.json maps Prospecting -> new instead; that changes only 'count(leads) by status' (opportunity = Engaging + Prospecting here).",
                  "Wendell Pike sells but is not in sales_teams.csv: his deals have no manager and no office (the null group).",
                  "Jasper Quinn is in sales_teams.csv but has no deal: he appears in no breakdown.",
                  "Lost deals have close_value 0: revenue and avg_deal_size only use won deals, so the zeros never count.",
                  "No source column: lead_conversion_rate by source is not available."],
    }


def cr_only():
    folder = "cr-only"
    name = "leads.csv"
    raw, txt = read_text(os.path.join(HERE, folder, name), "ascii")
    assert b"\n" not in raw and b"\r" in raw
    data = pd.read_csv(io.StringIO(txt.replace("\r", "\n")), dtype=str, keep_default_na=False)
    rows = []
    for _, r in data.iterrows():
        st = r["Status"].strip().lower()
        assert st in ("new", "contacted", "qualified", "won", "lost")
        rows.append({
            "lead_id": text(r["Lead ID"]),
            "created_at": instant(r["Created Date"], "%Y-%m-%d"),
            "source": text(r["Lead Source"]),
            "rep": text(r["Lead Owner"]),
            "status": st,
            "closed_at": instant(r["Close Date"], "%Y-%m-%d"),
            "amount": money(r["Amount"]),
        })
    df = frame(rows)
    k, s = kpis(df, date_only=("created_at", "closed_at"))
    return {
        "folder": folder, "files": [name], "rows": len(df), "as_of": as_of(df),
        "format": {"encoding": "ascii", "newline": line_ending(txt), "delimiter": ",", "header_rows": 1,
                   "data_rows": len(df), "contains_LF": False},
        "bindings": {"lead_id": "Lead ID", "created_at": "Created Date", "source": "Lead Source",
                     "rep": "Lead Owner", "status": "Status (canonical words)", "closed_at": "Close Date",
                     "amount": "Amount"},
        "kpis": k, "skipped": s,
        "notes": ["Every line ends in a lone CR (0x0D); there is no LF byte anywhere, including after the last row.",
                  "'Event, Trade Fair' is a quoted source containing a comma."],
    }


def utf16_excel():
    folder = "utf16-excel"
    name = "hubspot-crm-exports-all-contacts-2024-05-21.txt"
    raw, txt = read_text(os.path.join(HERE, folder, name), "utf-16")
    data = pd.read_csv(io.StringIO(txt), sep="\t", dtype=str, keep_default_na=False)
    life = {"Subscriber": "new", "Lead": "new", "Marketing Qualified Lead": "contacted",
            "Sales Qualified Lead": "qualified", "Opportunity": "opportunity",
            "Customer": "won", "Evangelist": "won"}
    rows = []
    for _, r in data.iterrows():
        rows.append({
            "lead_id": text(r["Record ID"]),
            "created_at": instant(r["Create Date"], "%Y-%m-%d %H:%M"),
            "source": text(r["Original Source"]),
            "rep": text(r["Contact owner"]),
            "status": life[r["Lifecycle Stage"]],
        })
    df = frame(rows)
    k, s = kpis(df)
    no_owner = sum(1 for v in df["rep"] if pd.isna(v))
    no_owner_won = sum(1 for v, st in zip(df["rep"], df["status"]) if pd.isna(v) and st == "won")
    return {
        "folder": folder, "files": [name], "rows": len(df), "as_of": as_of(df),
        "format": {"encoding": "utf-16le with BOM (FF FE)", "newline": line_ending(txt), "delimiter": "\t",
                   "header_rows": 1, "data_rows": len(df)},
        "bindings": {"lead_id": "Record ID", "created_at": "Create Date", "source": "Original Source",
                     "rep": "Contact owner", "status": "Lifecycle Stage"},
        "kpis": k, "skipped": s,
        "notes": ["A contacts export has no lost status: win_rate = won / (won + lost) = won / won = 1 (degenerate, reported as computed).",
                  "Excel quoted the one field containing double quotes: \"Katherine \"\"Kit\"\"\".",
                  f"{no_owner} contacts have no owner (empty Contact owner); {no_owner_won} of them are won, so win_rate by rep lists no null group."],
    }


FIXTURES = [sf_opportunity_report, sf_lead_report, hubspot_deals, pipedrive_deals,
            converted_flag_leads, two_table_funnel, pipeline_with_teams, cr_only, utf16_excel]


def render(result):
    folder = result.pop("folder")
    return folder, json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv):
    check = "--check" in argv
    changed = []
    for fn in FIXTURES:
        folder, text_out = render(fn())
        p = os.path.join(HERE, folder, "expected.json")
        old = open(p, encoding="utf-8").read() if os.path.exists(p) else None
        if old != text_out:
            changed.append(folder)
            if not check:
                with open(p, "w", encoding="utf-8", newline="\n") as f:
                    f.write(text_out)
    if check and changed:
        print("out of date:", ", ".join(changed))
        return 1
    print(("up to date" if not changed else "wrote " + ", ".join(changed)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
