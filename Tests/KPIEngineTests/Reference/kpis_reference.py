#!/usr/bin/env python3
"""Independent reference implementation of ../shared/spec/kpis.md.

Reads the CSV files that ../shared/tools/gen_crm.py writes (standard library only) and prints one
JSON document {kpi_id: result} for the 29 KPIs of the suite and the 3 benchmark queries.

Every result has the same shape, whether the spec calls it a rate, one object or rows:

    {"key_names": [...],
     "rows": [{"key": [...], "measures": {name: {"value": v, "num": n, "den": d}}}]}

A scalar KPI has no key names and one row with an empty key. "num" and "den" appear only on
rates built from counts (the spec's {num, den, value}); everything else carries "value" alone.
Measure names follow the spec's wording (S, E, N, ...); a null is JSON null. Row order is the
spec's (stage order for the stage KPIs, key order otherwise).

This file deliberately shares nothing with KPIKit: it is the second opinion the Swift test
compares the engine against, so it follows the spec text literally rather than efficiently.

Usage: kpis_reference.py <folder with the gen_crm CSV files>
"""

import csv
import json
import math
import os
import sys
from datetime import datetime, timezone

STAGE_ORDER = ["new", "contacted", "qualified", "opportunity", "won", "lost", "disqualified"]
REQUIRED_LEAD_FIELDS = ["lead_id", "created_at", "source", "rep", "region", "industry", "status"]
TRUE_WORDS = {"true", "yes", "1"}
FALSE_WORDS = {"false", "no", "0"}


# ----------------------------------------------------------------------------- reading


def read_table(folder, name):
    """Rows of <name>.csv as dicts; an empty field becomes None ("no value")."""
    path = os.path.join(folder, name + ".csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(handle)]


def seconds(text):
    """Epoch seconds (exact, possibly fractional) of an ISO-8601 instant; a date is midnight UTC."""
    if text is None:
        return None
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    delta = parsed - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return delta.days * 86400 + delta.seconds + delta.microseconds / 1_000_000


def boolean(text):
    if text is None:
        return None
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError("not a boolean: %r" % text)


def number(text):
    return None if text is None else float(text)


def integer(text):
    return None if text is None else int(text)


# ----------------------------------------------------------------------------- months


def month_of(ts):
    """(year, month) of an epoch-seconds instant, UTC."""
    moment = datetime.fromtimestamp(math.floor(ts), tz=timezone.utc)
    return (moment.year, moment.month)


def month_label(month):
    return "%04d-%02d" % month


def next_month(month):
    year, m = month
    return (year + 1, 1) if m == 12 else (year, m + 1)


def month_start(month):
    return datetime(month[0], month[1], 1, tzinfo=timezone.utc).timestamp()


def reporting_months(leads):
    """Every calendar month from month(min created_at) to month(max created_at), inclusive."""
    created = [lead["created_at"] for lead in leads if lead["created_at"] is not None]
    if not created:
        return []
    first, last = month_of(min(created)), month_of(max(created))
    months = [first]
    while months[-1] != last:
        months.append(next_month(months[-1]))
    return months


def series_months(months, instants=(), labels=()):
    """KPIKit's refinement of the spec's reporting months for a series KPI: the reporting months
    widened, month by month, to every month its own date basis has data in (a close after the last
    lead was created still counts), so the rows add up to the KPI's total."""
    spans = list(months) + [month_of(ts) for ts in instants if ts is not None]
    spans += [(int(label[:4]), int(label[5:7])) for label in labels if label]
    if not spans:
        return []
    first, last = min(spans), max(spans)
    out = [first]
    while out[-1] != last:
        out.append(next_month(out[-1]))
    return out


def in_month(ts, month):
    return ts is not None and month_start(month) <= ts < month_start(next_month(month))


# ----------------------------------------------------------------------------- statistics


def mean(values):
    return math.fsum(values) / len(values) if values else None


def median(values):
    """The 0.5 quantile with linear interpolation: the mean of the two middle values when even."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def ratio(num, den):
    return None if den == 0 else num / den


# ----------------------------------------------------------------------------- result shapes


def value(v):
    return {"value": v}


def rate(num, den):
    return {"value": ratio(num, den), "num": num, "den": den}


def scalar(measures):
    return {"key_names": [], "rows": [{"key": [], "measures": measures}]}


def rows(key_names, keyed_measures):
    """keyed_measures: list of (key tuple, measures dict), already in the spec's order."""
    return {"key_names": key_names, "rows": [{"key": list(key), "measures": m} for key, m in keyed_measures]}


def group_key(v):
    """Breakdown keys as text; booleans as false/true."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def key_order(key):
    """Byte-wise text order for keys; a missing key sorts last (the spec leaves its place open;
    KPIKit's docs put null groups last, as SQL's NULLS LAST does)."""
    return tuple((1, b"") if k is None else (0, k.encode("utf-8")) for k in key)


def grouped_rate(items, key_of, hit):
    """A rate within each group that has at least one row of the base set `items`."""
    groups = {}
    for item in items:
        key = tuple(group_key(k) for k in key_of(item))
        counts = groups.setdefault(key, [0, 0])
        counts[1] += 1
        if hit(item):
            counts[0] += 1
    return [(key, {"value": rate(*groups[key])}) for key in sorted(groups, key=key_order)]


def funnel_key_order(key):
    """Status and stage words in funnel order (STAGE_ORDER, any case), other words byte-wise
    after them, a missing key last: KPIKit lists statuses as its charts draw them, where the
    spec's general rule would sort them alphabetically (docs/kpis.md, conventions)."""
    rank = {stage: i for i, stage in enumerate(STAGE_ORDER)}
    return tuple((2, 0, b"") if k is None else (0, rank.get(k.lower(), len(STAGE_ORDER)), k.encode("utf-8")) for k in key)


def grouped_count(items, key_of, order=key_order):
    groups = {}
    for item in items:
        key = tuple(group_key(k) for k in key_of(item))
        groups[key] = groups.get(key, 0) + 1
    return [(key, {"value": value(groups[key])}) for key in sorted(groups, key=order)]


# ----------------------------------------------------------------------------- the KPIs


def is_won(lead):
    return lead["status"] == "won"


def is_closed(lead):
    return lead["status"] in ("won", "lost")


def active_at(customer, t):
    return customer["started_at"] is not None and customer["started_at"] < t and (
        customer["churned_at"] is None or customer["churned_at"] >= t)


def hours(t1, t2):
    return None if t1 is None or t2 is None else (t2 - t1) / 3600


def days(t1, t2):
    return None if t1 is None or t2 is None else (t2 - t1) / 86400


def stage_stays(history):
    """Completed stays per stage: each row's time until the lead's next row, in days."""
    rank = {stage: i for i, stage in enumerate(STAGE_ORDER)}
    by_lead = {}
    for row in history:
        by_lead.setdefault(row["lead_id"], []).append(row)
    stays = {}
    for lead_rows in by_lead.values():
        lead_rows.sort(key=lambda r: (r["entered_at"], rank.get(r["stage"], len(STAGE_ORDER))))
        for row, following in zip(lead_rows, lead_rows[1:]):
            stays.setdefault(row["stage"], []).append(days(row["entered_at"], following["entered_at"]))
    return stays


def stage_time(history):
    stays = stage_stays(history)
    known = [s for s in STAGE_ORDER if s in stays]
    others = sorted((s for s in stays if s not in STAGE_ORDER), key=lambda s: key_order((s,)))
    return rows(["stage"], [
        ((stage,), {"n": value(len(stays[stage])), "avg_days": value(mean(stays[stage])),
                    "median_days": value(median(stays[stage]))})
        for stage in known + others])


def churn_parts(customers, month):
    start, end = month_start(month), month_start(next_month(month))
    s = [c for c in customers if active_at(c, start)]
    churned = [c for c in s if c["churned_at"] is not None and start <= c["churned_at"] < end]
    return len(s), len(churned)


def compute(data):
    leads, history, activities = data["leads"], data["stage_history"], data["activities"]
    customers, surveys, spend = data["customers"], data["surveys"], data["spend"]
    months = reporting_months(leads)
    out = {}

    # 1-3 volumes
    out["lead_volume_by_source"] = rows(["source"], grouped_count(leads, lambda l: (l["source"],)))
    out["lead_volume_by_month"] = rows(["month"], [
        ((month_label(m),), {"value": value(sum(1 for l in leads if in_month(l["created_at"], m)))}) for m in months])
    out["leads_by_status"] = rows(["status"], grouped_count(leads, lambda l: (l["status"],), funnel_key_order))

    # 4-9 lead rates
    def share(base, hit):
        return scalar({"value": rate(sum(1 for x in base if hit(x)), len(base))})

    out["lead_qualification_rate"] = share(leads, lambda l: l["qualified_at"] is not None)
    out["lead_to_opportunity_rate"] = share(leads, lambda l: l["converted_at"] is not None)
    out["lead_conversion_rate"] = share(leads, is_won)
    for kpi, field in [("lead_conversion_rate_by_source", "source"), ("lead_conversion_rate_by_rep", "rep"),
                       ("conversion_rate_by_nurtured", "nurtured")]:
        out[kpi] = rows([field], grouped_rate(leads, lambda l, f=field: (l[f],), is_won))

    # 10-12 win rates: the base set is the closed opportunities
    closed = [l for l in leads if is_closed(l)]
    out["win_rate"] = share(closed, is_won)
    out["win_rate_by_source"] = rows(["source"], grouped_rate(closed, lambda l: (l["source"],), is_won))
    out["win_rate_by_rep"] = rows(["rep"], grouped_rate(closed, lambda l: (l["rep"],), is_won))

    # 13-14 durations
    response = [hours(l["created_at"], l["first_contact_at"]) for l in leads if l["first_contact_at"] is not None]
    response = [x for x in response if x is not None]
    out["lead_response_time_hours"] = scalar(
        {"n": value(len(response)), "avg": value(mean(response)), "median": value(median(response))})
    won = [l for l in leads if is_won(l)]
    cycle = [x for x in (days(l["created_at"], l["closed_at"]) for l in won) if x is not None]
    out["sales_cycle_days"] = scalar({"n": value(len(cycle)), "avg": value(mean(cycle)), "median": value(median(cycle))})

    # 15 stage time
    out["avg_time_in_stage_days"] = stage_time(history)

    # 16 deal size: over won leads (n counts the won leads themselves)
    amounts = [l["amount"] for l in won if l["amount"] is not None]
    out["avg_deal_size"] = scalar(
        {"n": value(len(won)), "total": value(math.fsum(amounts)), "avg": value(mean(amounts))})

    # 17 sales velocity
    velocity_rows = []
    velocity_months = series_months(
        months, [l["converted_at"] for l in leads] + [l["closed_at"] for l in closed])
    for m in velocity_months:
        opportunities = sum(1 for l in leads if in_month(l["converted_at"], m))
        won_in = [l for l in won if in_month(l["closed_at"], m)]
        closed_in = [l for l in closed if in_month(l["closed_at"], m)]
        win_rate = ratio(len(won_in), len(closed_in))
        avg_deal = mean([l["amount"] for l in won_in if l["amount"] is not None])
        cycle_days = mean([x for x in (days(l["created_at"], l["closed_at"]) for l in won_in) if x is not None])
        velocity = None
        if won_in and avg_deal is not None and cycle_days:
            velocity = opportunities * avg_deal * win_rate / cycle_days
        velocity_rows.append(((month_label(m),), {
            "opportunities": value(opportunities), "won": value(len(won_in)), "closed": value(len(closed_in)),
            "win_rate": rate(len(won_in), len(closed_in)), "avg_deal": value(avg_deal),
            "cycle_days": value(cycle_days), "velocity": value(velocity)}))
    out["sales_velocity_by_month"] = rows(["month"], velocity_rows)

    # 18 CAC
    cac_rows = []
    cac_months = series_months(months, [c["started_at"] for c in customers], [s["month"] for s in spend])
    for m in cac_months:
        spent = math.fsum(s["amount"] for s in spend if s["month"] == month_label(m) and s["amount"] is not None)
        new = sum(1 for c in customers if in_month(c["started_at"], m))
        cac_rows.append(((month_label(m),), {
            "spend": value(spent), "new_customers": value(new), "cac": value(ratio(spent, new))}))
    out["cac_by_month"] = rows(["month"], cac_rows)

    # 19-21 churn, retention, CLTV
    churn_rows, retention_rows = [], []
    total_s = total_churned = 0
    for m in months:
        s, churned = churn_parts(customers, m)
        total_s += s
        total_churned += churned
        churn_rows.append(((month_label(m),), {"S": value(s), "churned": value(churned), "churn_rate": rate(churned, s)}))
        end = month_start(next_month(m))
        e = sum(1 for c in customers if active_at(c, end))
        n = sum(1 for c in customers if in_month(c["started_at"], m))
        retention_rows.append(((month_label(m),), {
            "S": value(s), "E": value(e), "N": value(n), "retention_rate": value(ratio(e - n, s))}))
    out["churn_rate_by_month"] = rows(["month"], churn_rows)
    out["retention_rate_by_month"] = rows(["month"], retention_rows)
    arpa = mean([c["monthly_revenue"] for c in customers if c["monthly_revenue"] is not None])
    monthly_churn = ratio(total_churned, total_s)
    cltv = None if arpa is None or not monthly_churn else arpa / monthly_churn
    out["cltv"] = scalar({"arpa": value(arpa), "monthly_churn_rate": rate(total_churned, total_s), "cltv": value(cltv)})

    # 22-23 surveys
    answered = [s["nps"] for s in surveys if s["nps"] is not None]
    promoters = sum(1 for x in answered if 9 <= x <= 10)
    detractors = sum(1 for x in answered if 0 <= x <= 6)
    out["nps"] = scalar({
        "promoters": value(promoters), "detractors": value(detractors), "responses": value(len(answered)),
        "nps": value(None if not answered else 100 * (promoters - detractors) / len(answered))})
    rated = [s["csat"] for s in surveys if s["csat"] is not None]
    out["csat"] = scalar({"value": rate(sum(1 for x in rated if x in (4, 5)), len(rated))})

    # 24-25 email
    opened = [l for l in leads if (l["email_opens"] or 0) > 0]
    out["email_open_rate"] = scalar({"value": rate(len(opened), len(leads))})
    out["email_click_to_open_rate"] = scalar(
        {"value": rate(sum(1 for l in opened if (l["email_clicks"] or 0) > 0), len(opened))})

    # 26-27 activities
    meetings = [a for a in activities if a["type"] == "meeting" and a["scheduled_at"] is not None]
    out["meeting_completion_rate"] = scalar(
        {"value": rate(sum(1 for a in meetings if a["completed"] is True), len(meetings))})
    calls = {}
    for a in activities:
        if a["type"] == "call":
            counts = calls.setdefault((group_key(a["rep"]),), [0, 0])
            counts[0] += 1
            counts[1] += 1 if a["completed"] is True else 0
    out["calls_per_rep"] = rows(["rep"], [
        (key, {"calls": value(calls[key][0]), "connected": value(calls[key][1])}) for key in sorted(calls, key=key_order)])

    # 28 completeness
    filled = {f: sum(1 for l in leads if l[f] is not None) for f in REQUIRED_LEAD_FIELDS}
    completeness = {"score": value(ratio(sum(filled.values()), len(REQUIRED_LEAD_FIELDS) * len(leads)))}
    completeness.update({f: rate(filled[f], len(leads)) for f in REQUIRED_LEAD_FIELDS})
    out["data_completeness"] = scalar(completeness)

    # 29 revenue growth
    growth_months = series_months(months, [l["closed_at"] for l in won])
    revenue = [math.fsum(l["amount"] for l in won if in_month(l["closed_at"], m) and l["amount"] is not None)
               for m in growth_months]
    growth_rows = []
    for i, m in enumerate(growth_months):
        growth = None if i == 0 or revenue[i - 1] == 0 else (revenue[i] - revenue[i - 1]) / revenue[i - 1]
        growth_rows.append(((month_label(m),), {"revenue": value(revenue[i]), "growth": value(growth)}))
    out["revenue_growth_mom"] = rows(["month"], growth_rows)

    # benchmark queries
    q1_start, q1_end = seconds("2024-04-01T00:00:00Z"), seconds("2024-07-01T00:00:00Z")
    q1_base = [l for l in closed if l["source"] == "Referral"
               and l["closed_at"] is not None and q1_start <= l["closed_at"] < q1_end]
    out["q1_win_rate_by_rep_referral_2024q2"] = rows(["rep"], grouped_rate(q1_base, lambda l: (l["rep"],), is_won))
    pairs = {}
    for l in leads:
        if l["created_at"] is None:
            continue
        key = (group_key(l["source"]), month_label(month_of(l["created_at"])))
        counts = pairs.setdefault(key, [0, 0])
        counts[0] += 1
        counts[1] += 1 if is_won(l) else 0
    out["q2_conversion_by_source_month"] = rows(["source", "month"], [
        (key, {"leads": value(pairs[key][0]), "won": value(pairs[key][1]), "rate": rate(pairs[key][1], pairs[key][0])})
        for key in sorted(pairs, key=key_order)])
    out["q3_avg_stage_time"] = stage_time(history)
    return out


def load(folder):
    leads = read_table(folder, "leads")
    for l in leads:
        for f in ("created_at", "first_contact_at", "qualified_at", "converted_at", "closed_at"):
            l[f] = seconds(l[f])
        l["amount"] = number(l["amount"])
        l["nurtured"] = boolean(l["nurtured"])
        l["email_opens"] = integer(l["email_opens"])
        l["email_clicks"] = integer(l["email_clicks"])
    history = read_table(folder, "stage_history")
    for h in history:
        h["entered_at"] = seconds(h["entered_at"])
    activities = read_table(folder, "activities")
    for a in activities:
        a["scheduled_at"] = seconds(a["scheduled_at"])
        a["completed"] = boolean(a["completed"])
    customers = read_table(folder, "customers")
    for c in customers:
        c["started_at"] = seconds(c["started_at"])
        c["churned_at"] = seconds(c["churned_at"])
        c["monthly_revenue"] = number(c["monthly_revenue"])
    surveys = read_table(folder, "surveys")
    for s in surveys:
        s["nps"] = integer(s["nps"])
        s["csat"] = integer(s["csat"])
    spend = read_table(folder, "spend")
    for s in spend:
        s["amount"] = number(s["amount"])
    return {"leads": leads, "stage_history": history, "activities": activities, "customers": customers,
            "surveys": surveys, "spend": spend}


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: kpis_reference.py <folder with gen_crm CSV files>\n")
        return 2
    json.dump(compute(load(argv[1])), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
