#!/usr/bin/env python3
"""Writes the hand-made CRM export fixtures of this folder, byte for byte.

Every row below is invented (no real person's or company's data). The rows are
written out by hand (or, for the two larger sample-data look-alikes, drawn from a
seeded random generator), so running this script again reproduces the very same
bytes. The files themselves are committed; this script only documents how they
were made. The expected KPI values are NOT computed here: compute_expected.py
reads the written files back on its own.

    python3 gen_fixtures.py      # rewrites every fixture file
"""

import csv
import hashlib
import io
import os
import random
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))


def path(folder, name):
    d = os.path.join(HERE, folder)
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, name)


def csv_text(rows, *, quoting=csv.QUOTE_MINIMAL, delimiter=",", newline="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=quoting, delimiter=delimiter, lineterminator=newline)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def write_bytes(p, data):
    with open(p, "wb") as f:
        f.write(data)


# ---------------------------------------------------------------------------
# 1. Salesforce opportunity report, details only, en_IN-looking formats
# ---------------------------------------------------------------------------

def inr(amount):
    """'$1,40,000.00 ': dollar sign, Indian digit grouping, trailing space."""
    if amount is None:
        return "N/A"
    whole, cents = f"{amount:.2f}".split(".")
    if len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        if head:
            groups.insert(0, head)
        whole = ",".join(groups + [tail])
    return f"${whole}.{cents} "


SF_PROB = {
    "Prospecting": 10, "Qualification": 10, "Needs Analysis": 20,
    "Value Proposition": 50, "Id. Decision Makers": 60, "Perception Analysis": 70,
    "Proposal/Price Quote": 75, "Negotiation/Review": 90, "Closed Won": 100, "Closed Lost": 0,
}

P, A, M, K = "Priya Raman", "Arjun Nair", "Meera Iyer", "Karan Malhotra"
NEW, UPG, REPL = "New Customer", "Existing Customer - Upgrade", "Existing Customer - Replacement"

# owner, account, opportunity name, type, lead source, stage, amount, close dd-mm-yyyy, created dd-mm-yyyy
SF_OPPS = [
    (P, "Sundaram Textiles", "Sundaram Textiles - ERP Rollout", NEW, "Web", "Closed Won", 140000.00, "30-09-2020", "14-02-2020"),
    (A, "Vayu Logistics", "Vayu Logistics - Fleet Tracking", NEW, "Partner Referral", "Closed Won", 90775.00, "17-11-2020", "03-06-2020"),
    (M, "Kaveri Agro Foods", "Kaveri Agro - Cold Chain Sensors", UPG, "Phone Inquiry", "Closed Won", 923.00, "21-01-2021", "28-12-2020"),
    (K, "Nilgiri Tea Traders", "Nilgiri Tea - Warehouse Licences", NEW, "Trade Show", "Closed Won", 1250000.00, "26-03-2021", "13-10-2020"),
    (P, "Iyer, Rao & Associates", "Iyer, Rao & Associates - Audit Suite", NEW, "Employee Referral", "Closed Won", None, "15-04-2021", "19-01-2021"),
    (A, "Bharat Precision Tools", "Bharat Precision - CNC Monitoring", UPG, "Web", "Closed Won", 275500.50, "31-05-2021", "22-02-2021"),
    (M, "Lotus Healthcare", "Lotus Healthcare - Patient Portal", NEW, "N/A", "Closed Won", 480000.00, "18-06-2021", "05-03-2021"),
    (K, "Coromandel Ceramics", "Coromandel Ceramics - Kiln IoT", NEW, "Purchased List", "Closed Won", 62340.25, "13-07-2021", "16-04-2021"),
    (P, "Deccan Solar Pvt Ltd", "Deccan Solar - Field Service App", NEW, "Partner Referral", "Closed Won", 999999.50, "27-08-2021", "20-05-2021"),
    (A, "Arunodaya Polymers", "Arunodaya Polymers - Renewal FY22", REPL, "Other", "Closed Won", 35000.00, "14-09-2021", "30-07-2021"),
    (M, "Konkan Fisheries", "Konkan Fisheries - Catch Traceability", NEW, "Web", "Closed Won", 118750.75, "22-10-2021", "17-06-2021"),
    (P, "Saffron Hotels", "Saffron Hotels - Booking Engine", NEW, "Trade Show", "Closed Won", 650000.00, "16-11-2021", "25-08-2021"),
    (K, "Tungabhadra Steel", "Tungabhadra Steel - Safety Analytics", UPG, "Phone Inquiry", "Closed Won", 1875000.00, "29-11-2021", "13-09-2021"),
    (A, "Indus Valley Organics", "Indus Valley Organics - Webshop", NEW, "N/A", "Closed Won", 45600.00, "19-02-2021", "24-11-2020"),
    (P, "Peacock Apparel", "Peacock Apparel - PLM", NEW, "Web", "Closed Lost", 320000.00, "23-12-2020", "15-07-2020"),
    (A, "Malabar Spices Co", "Malabar Spices - Export Docs", NEW, "Purchased List", "Closed Lost", 27500.00, "18-03-2021", "21-11-2020"),
    (M, "Kestrel Fintech", "Kestrel Fintech - KYC Module", NEW, "Partner Referral", "Closed Lost", None, "14-05-2021", "26-01-2021"),
    (K, "Godavari Cement Works", "Godavari Cement - Dispatch Planner", NEW, "Other", "Closed Lost", 410000.00, "30-06-2021", "17-03-2021"),
    (M, "Lotus Healthcare", "Lotus Healthcare - Lab Integration", UPG, "Employee Referral", "Closed Lost", 88000.00, "20-08-2021", "13-05-2021"),
    (K, "Sahyadri Dairy", "Sahyadri Dairy - Route Optimiser", NEW, "Trade Show", "Closed Lost", 154250.00, "25-10-2021", "28-06-2021"),
    (P, "Neelam Jewellers", "Neelam Jewellers - Inventory", NEW, "Web", "Prospecting", 75000.00, "31-01-2022", "24-11-2021"),
    (A, "Vayu Logistics", "Vayu Logistics - Phase 2", UPG, "Partner Referral", "Negotiation/Review", 210000.00, "15-12-2021", "19-10-2021"),
    (M, "Konkan Fisheries", "Konkan Fisheries - Cold Storage", UPG, "N/A", "Proposal/Price Quote", None, "28-02-2022", "15-11-2021"),
    (K, "Bharat Precision Tools", "Bharat Precision - Spare Parts Portal", UPG, "Web", "Value Proposition", 56000.00, "31-12-2030", "14-06-2021"),
    (P, "Sundaram Textiles", "Sundaram Textiles - Payroll Add-on", UPG, "Other", "Needs Analysis", None, "30-06-2030", "27-09-2021"),
    (A, "Chandra Motors", "Chandra Motors - Dealer CRM", NEW, "Trade Show", "Qualification", 500000.00, "31-03-2022", "18-10-2021"),
    (M, "Ganga Pharma", "Ganga Pharma - QA Docs", NEW, "Phone Inquiry", "Id. Decision Makers", 134500.00, "15-01-2022", "29-07-2021"),
    (K, "Saffron Hotels", "Saffron Hotels - Loyalty App", UPG, "Employee Referral", "Perception Analysis", 87500.00, "17-12-2021", "21-10-2021"),
    (P, "Deccan Solar Pvt Ltd", "Deccan Solar - Rooftop Survey Tool", UPG, "Partner Referral", "Prospecting", 22000.00, "30-09-2021", "16-08-2021"),
    (A, "Arunodaya Polymers", "Arunodaya Polymers - Quality Lab", UPG, "N/A", "Qualification", None, "31-12-2030", "22-11-2021"),
    (M, "Peacock Apparel", "Peacock Apparel - Retail POS", NEW, "Web", "Needs Analysis", 68000.00, "28-02-2022", "13-10-2021"),
    (K, "Godavari Cement Works", "Godavari Cement - Plant Maintenance", NEW, "Purchased List", "Value Proposition", 260000.00, "14-04-2022", "20-09-2021"),
]


def fiscal_period(ddmmyyyy):
    d, m, y = ddmmyyyy.split("-")
    return f"Q{(int(m) - 1) // 3 + 1}-{y}"


def gen_salesforce_opportunity_report():
    header = ["Opportunity Owner", "Account Name", "Opportunity Name", "Opportunity ID", "Type",
              "Lead Source", "Stage", "Probability (%)", "Fiscal Period", "Amount", "Close Date",
              "Created Date", "Private", "Closed", "Won"]
    numbered = [(i, r) for i, r in enumerate(SF_OPPS)]
    # A details-only report sorted by owner, then close date.
    def close_key(r):
        d, m, y = r[7].split("-")
        return (y, m, d)
    numbered.sort(key=lambda ir: (ir[1][0], close_key(ir[1])))
    rows = [header]
    probs = []
    for i, (owner, account, name, typ, source, stage, amount, close, created) in numbered:
        closed = stage in ("Closed Won", "Closed Lost")
        won = stage == "Closed Won"
        prob = SF_PROB[stage]
        probs.append(prob)
        rows.append([owner, account, name, f"0062x00000Ab{100 + i:03d}", typ, source, stage,
                     str(prob), fiscal_period(close), inr(amount), close, created, "FALSE",
                     "TRUE" if closed else "FALSE", "TRUE" if won else "FALSE"])
    n = len(numbered)
    n_closed = sum(1 for _, r in numbered if r[5] in ("Closed Won", "Closed Lost"))
    n_won = sum(1 for _, r in numbered if r[5] == "Closed Won")
    summary = [""] * len(header)
    summary[header.index("Probability (%)")] = repr(sum(probs) / n)
    summary[header.index("Private")] = "0"
    summary[header.index("Closed")] = repr(n_closed / n)
    summary[header.index("Won")] = repr(n_won / n)
    text = csv_text(rows, quoting=csv.QUOTE_ALL)
    text += "\n"                                   # the blank row
    text += csv_text([summary], quoting=csv.QUOTE_ALL)
    text += csv_text([[f"Grand Totals ({n} records)"],
                      ["Opportunity Report 2021"],
                      ["Copyright (c) 2000-2021 salesforce.com, inc. All rights reserved."],
                      ["Confidential Information - Do Not Distribute"],
                      ["Generated By:  Priya Raman  2/12/2021 9:13 AM"],
                      ["Tanvi Software Services Pvt. Ltd."]], quoting=csv.QUOTE_ALL)
    write_bytes(path("salesforce-opportunity-report", "Opportunity Report 2021 - Priya.csv"),
                text.encode("utf-8"))


# ---------------------------------------------------------------------------
# 2. Salesforce lead report, Windows-1252, CRLF
# ---------------------------------------------------------------------------

J, C, H = "Jürgen Weiß", "Claire Fontaine", "Marcus Hale"
ONC, WC, CC, CNC = ("Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                    "Closed - Not Converted")

# owner, first, last, title, company, lead source, lead status, rating, industry, country,
# annual revenue, created (M/D/YYYY h:mm AM), last activity (M/D/YYYY)
SF_LEADS = [
    (J, "Amélie", "Girard", "Directrice Achats", "Café Rêve SARL", "Web", ONC, "Warm", "Hospitality", "France", "€850,000", "10/20/2017 7:58 PM", ""),
    (C, "Íñigo", "Peña", "Gerente General", "Peña Hermanos S.L.", "Phone Inquiry", WC, "Hot", "Retail", "Spain", "€2,400,000", "10/23/2017 9:14 AM", "11/2/2017"),
    (H, "Søren", "Østergaard", "Logistics Manager", "Østergaard Logistik ApS", "Trade Show", CC, "Hot", "Transportation", "Denmark", "€5,100,000", "10/25/2017 12:05 AM", "12/14/2017"),
    (J, "Björn", "Müller", "Head of Procurement – DACH", "Müller & Söhne GmbH", "Partner Referral", WC, "Warm", "Manufacturing", "Germany", "€12,000,000", "10/30/2017 3:41 PM", "11/15/2017"),
    (C, "Siobhán", "O’Neill", "Operations Lead", "O’Donnell’s Hardware Ltd", "Web", CNC, "Cold", "Retail", "Ireland", "", "11/1/2017 10:02 AM", "11/20/2017"),
    (H, "Günther", "Strauß", "Braumeister", "Weißbier Brauerei AG", "Word of mouth", CC, "Warm", "Food & Beverage", "Germany", "€3,750,000", "11/3/2017 12:40 PM", "1/9/2018"),
    (J, "Mónica", "Ibáñez", "Directora Financiera", "Ibáñez Consultores", "Purchased List", ONC, "", "Consulting", "Spain", "", "11/6/2017 8:30 AM", ""),
    (C, "François", "Lemaître", "DSI", "Lemaître Frères", "Web", WC, "Warm", "Technology", "France", "€960,000", "11/8/2017 4:16 PM", "11/29/2017"),
    (H, "Ingrid", "Bjørnstad", "CFO", "Fjordlys AS", "Trade Show", CNC, "Cold", "Energy", "Norway", "€18,500,000", "11/13/2017 11:55 AM", "12/1/2017"),
    (J, "Renée", "Fauré", "Responsable Marketing", "Maison Fauré", "Other", ONC, "", "Retail", "France", "", "11/15/2017 6:07 PM", ""),
    (C, "Jürg", "Hänni", "Einkauf", "Hänni Präzision AG", "Partner Referral", CC, "Hot", "Manufacturing", "Switzerland", "€7,200,000", "11/17/2017 9:45 AM", "1/22/2018"),
    (H, "Ana", "Conceição", "Diretora", "Conceição & Filhos Lda", "Web", WC, "Warm", "Food & Beverage", "Portugal", "€1,150,000", "11/21/2017 2:22 PM", "12/5/2017"),
    (J, "Lars", "Håkansson", "IT-chef", "Håkansson Bygg AB", "Phone Inquiry", WC, "Cold", "Construction", "Sweden", "", "11/28/2017 12:00 PM", "12/11/2017"),
    (C, "Noémie", "Brûlé", "Acheteuse", "Crème Brûlée Café", "Web", ONC, "", "Hospitality", "Belgium", "€420,000", "12/1/2017 7:33 AM", ""),
    (H, "Tomás", "Muñoz", "Jefe de Compras", "Muñoz Logística", "Purchased List", CNC, "Cold", "Transportation", "Chile", "", "12/4/2017 5:50 PM", "12/20/2017"),
    (J, "Dörte", "Schäfer", "Geschäftsführerin", "Schäfer Möbelwerk KG", "Trade Show", CC, "Warm", "Manufacturing", "Germany", "€9,800,000", "12/6/2017 10:10 AM", "2/1/2018"),
    (C, "Paddy", "O’Brien", "Owner", "O’Brien’s Pub Group", "Word of mouth", WC, "Hot", "Hospitality", "Ireland", "€2,050,000", "12/11/2017 1:15 PM", "1/4/2018"),
    (H, "Élodie", "Marchand", "Chef de projet", "Marchand Énergie", "Web", ONC, "Warm", "Energy", "France", "", "12/13/2017 12:30 AM", ""),
    (J, "Kristóf", "Szabó", "Beszerzési igazgató", "Szabó és Társa Kft", "Other", WC, "", "Manufacturing", "Hungary", "", "12/18/2017 3:03 PM", "1/11/2018"),
    (C, "Maëlle", "Kervéadou", "Gérante", "Kervéadou Crêperie", "Web", CNC, "Cold", "Hospitality", "France", "", "12/20/2017 9:27 AM", "1/8/2018"),
    (H, "Matthias", "Groß", "Leiter Vertrieb", "Groß Elektrotechnik GmbH", "Partner Referral", WC, "Warm", "Technology", "Austria", "€4,300,000", "1/3/2018 8:48 AM", "1/19/2018"),
    (J, "Núria", "Ferrer", "Directora Comercial", "Ferrer i Fills", "Phone Inquiry", ONC, "", "Retail", "Spain", "", "1/8/2018 11:11 AM", ""),
    (C, "Åke", "Sjöberg", "Inköpschef", "Sjöberg Trä AB", "Trade Show", CC, "Hot", "Construction", "Sweden", "€6,600,000", "1/10/2018 4:44 PM", "2/2/2018"),
    (H, "Chloé", "Béranger", "Directrice", "Béranger Cosmétiques", "Web", WC, "Warm", "Retail", "France", "€1,900,000", "1/15/2018 10:20 AM", "1/30/2018"),
    (J, "Ørjan", "Dahl", "Daglig leder", "Dahl Fisk AS", "Purchased List", ONC, "Cold", "Food & Beverage", "Norway", "", "1/17/2018 2:58 PM", ""),
    (C, "Heiðrún", "Jónsdóttir", "Framkvæmdastjóri", "Norðurljós ehf", "Other", CNC, "Cold", "Hospitality", "Iceland", "", "1/22/2018 9:05 AM", "1/31/2018"),
    (H, "Raúl", "Gutiérrez", "Director de TI", "Gutiérrez & Asociados", "Web", ONC, "", "Consulting", "Mexico", "", "1/24/2018 12:15 PM", ""),
    (J, "Léa", "Rousseau", "Acheteuse", "Rousseau Épicerie Fine", "Partner Referral", WC, "Warm", "Food & Beverage", "France", "€730,000", "1/29/2018 5:36 PM", "2/2/2018"),
    (C, "Stefan", "Köhler", "Prokurist", "Köhler Maschinenbau GmbH", "Trade Show", CC, "Hot", "Manufacturing", "Germany", "€15,400,000", "2/1/2018 8:02 AM", "2/2/2018"),
    (H, "Beatriz", "Sánchez", "Gerente de Compras", "Sánchez Hermanos", "", ONC, "", "Retail", "Spain", "", "2/2/2018 12:50 AM", ""),
]


def gen_salesforce_lead_report():
    header = ["Lead Owner", "First Name", "Last Name", "Title", "Company", "Lead Source",
              "Lead Status", "Rating", "Industry", "Country", "Annual Revenue", "Created Date",
              "Last Activity", "Converted", "Lead ID"]
    rows = [header]
    for i, r in enumerate(SF_LEADS):
        converted = "1" if r[6] == CC else "0"
        rows.append(list(r) + [converted, f"00Q5800000Kb{200 + i:03d}"])
    text = csv_text(rows, quoting=csv.QUOTE_ALL, newline="\r\n")
    write_bytes(path("salesforce-lead-report", "report1517845993217.csv"), text.encode("cp1252"))


# ---------------------------------------------------------------------------
# 3. HubSpot deals export
# ---------------------------------------------------------------------------

MC, OA, SN, LO = "Maya Chen", "Omar Ali", "Sara Novak", "Liam O'Connor"
AS, QB, PS, DM, CS, CW, CL = ("Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled",
                              "Decision Maker Bought-In", "Contract Sent", "Closed Won", "Closed Lost")

# deal name, stage, close date, owner, amount (as HubSpot writes it), create date
HS_DEALS = [
    ("Brightwater, Inc. - New Business", CW, "02/14/2024 03:20 PM", MC, "12500", "01/03/2024 09:12 AM"),
    ("Harbor Analytics - Annual Plan", CL, "03/01/2024 11:05 AM", OA, "8000", "01/16/2024 02:45 PM"),
    ("Pinecrest Dental - Starter", CW, "03/22/2024 12:00 AM", SN, "2,400", "01/29/2024 10:30 AM"),
    ("Northwind Traders - Expansion", CW, "04/18/2024 04:10 PM", LO, "31750.5", "02/05/2024 08:55 AM"),
    ("Copperleaf Studio - Website Retainer", CL, "04/30/2024 09:40 AM", MC, "5600", "02/20/2024 01:15 PM"),
    ("Bluefin Logistics - Fleet Pilot", CW, "05/27/2024 12:30 PM", OA, "48,000", "03/04/2024 11:48 AM"),
    ("Ridgeway Schools - District Rollout", CW, "06/13/2024 02:00 PM", SN, "96000", "03/18/2024 12:20 PM"),
    ("Maple & Oak Interiors - Design Suite", CL, "06/28/2024 05:55 PM", LO, "14250", "03/27/2024 03:33 PM"),
    ("Sunpeak Solar - Installer Portal", CW, "07/19/2024 10:05 AM", MC, "22800", "04/09/2024 09:00 AM"),
    ("Greystone Legal - Matter Mgmt", CL, "08/23/2024 11:59 PM", OA, "18900.25", "04/22/2024 04:40 PM"),
    ("Lakeside Clinic - Scheduling", CL, "09/06/2024 08:15 AM", SN, "7300", "05/13/2024 10:10 AM"),
    ("Quarry Row Coffee - POS Bundle", CW, "10/15/2024 01:25 PM", LO, "3150", "05/28/2024 12:05 AM"),
    ("Falcon Freight - Renewal 2025", CW, "11/04/2024 09:30 AM", MC, "27,500", "06/03/2024 02:14 PM"),
    ("Orchard Health - Telehealth Add-on", CL, "11/08/2024 03:45 PM", OA, "11000", "06/17/2024 11:22 AM"),
    ("Silverline Media - Ad Manager", CW, "11/15/2024 12:00 AM", SN, "15400", "07/01/2024 09:47 AM"),
    ("Redwood Realty - CRM Migration", CW, "11/21/2024 12:45 PM", LO, "42000.75", "07/15/2024 03:05 PM"),
    ("Ironclad Security - SOC Monitoring", CL, "11/26/2024 10:00 AM", MC, "36500", "07/29/2024 08:30 AM"),
    ("Cobalt Robotics - Pilot", CW, "11/27/2024 04:30 PM", OA, "58250", "08/12/2024 01:50 PM"),
    ("Tidewater Marine - Parts Catalog", AS, "", SN, "", "08/26/2024 10:40 AM"),
    ("Evergreen Foods - Distributor Deal", QB, "12/20/2024 12:00 AM", LO, "19500", "09/02/2024 02:25 PM"),
    ("Summit Outdoor - B2B Portal", PS, "01/17/2025 12:00 AM", MC, "64,000", "09/09/2024 09:18 AM"),
    ("Keystone Insurance - Claims Bot", DM, "12/13/2024 05:00 PM", OA, "87500", "09/16/2024 11:11 AM"),
    ("Hollow Creek Farms - Starter", AS, "", SN, "", "09/23/2024 04:02 PM"),
    ("Vantage Dental Group - Multi-site", CS, "12/06/2024 12:00 AM", LO, "33600", "09/30/2024 12:55 PM"),
    ("Juniper Events - Ticketing", QB, "", MC, "9900", "10/07/2024 10:33 AM"),
    ("Atlas Fitness - Member App", PS, "02/28/2025 12:00 AM", OA, "", "10/14/2024 03:47 PM"),
    ("Beacon Credit Union - Onboarding", CS, "12/18/2024 12:00 AM", SN, "120,000", "10/21/2024 09:05 AM"),
    ("Wildflower Bakery - POS", AS, "", LO, "", "10/24/2024 01:30 PM"),
    ("Granite Peak Capital - Data Room", DM, "01/31/2025 12:00 AM", MC, "71000", "10/28/2024 11:20 AM"),
    ("Foxglove Pharmacy - Inventory", QB, "", OA, "", "10/31/2024 04:59 PM"),
]


def gen_hubspot_deals():
    header = ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount",
              "Create Date", "Pipeline", "Deal Type"]
    rows = [header]
    for i, (name, stage, close, owner, amount, create) in enumerate(HS_DEALS):
        existing = any(w in name for w in ("Renewal", "Expansion", "Add-on"))
        deal_type = "Existing Business" if existing else "New Business"
        rows.append([str(17588340101 + i * 7), name, stage, close, owner, amount, create,
                     "Sales Pipeline", deal_type])
    write_bytes(path("hubspot-deals-export", "hubspot-crm-exports-all-deals-2024-12-02.csv"),
                csv_text(rows).encode("utf-8"))


# ---------------------------------------------------------------------------
# 4. Pipedrive deals export
# ---------------------------------------------------------------------------

KT, JB, EP = "Kadri Tamm", "Jonas Berg", "Elena Petrova"

# id, title, owner, value, contact person, stage, status, created, expected close, won time,
# lost time, lost reason, source origin
PD_DEALS = [
    (1041, "Aurora Print deal", KT, "4800", "Mari Kask", "Negotiations Started", "Won", "2023-02-06 10:15:00", "2023-03-31", "2023-03-20 14:02:11", "", "", "Web forms"),
    (1042, "Baltic Timber deal", JB, "12500", "Toomas Ilves", "Proposal Made", "Lost", "2023-03-01 09:00:00", "2023-04-30", "", "2023-04-11 16:45:00", "Went with competitor", "Manually created"),
    (1045, "Cedar & Pine Studio deal", EP, "2300", "Olga Sokolova", "Proposal Made", "Won", "2023-04-18 13:30:00", "2023-05-31", "2023-05-29 09:12:44", "", "", "Chatbot"),
    (1049, "Dune Coffee Roasters deal", KT, "950", "Priit Rebane", "Contact Made", "Lost", "2023-06-05 11:20:00", "", "", "2023-07-14 10:05:00", "No budget", "Import"),
    (1052, "Ember Analytics deal", JB, "18750", "Linnea Holm", "Negotiations Started", "Won", "2023-07-10 08:45:00", "2023-09-30", "2023-09-27 17:30:00", "", "", "Prospector"),
    (1056, "Fjord Ferries deal", EP, "31000", "Henrik Lund", "Negotiations Started", "Won", "2023-09-04 15:10:00", "2023-11-30", "2023-11-15 12:00:00", "", "", "Manually created"),
    (1060, "Granite Works deal", JB, "6400", "Kristjan Mets", "Demo Scheduled", "Lost", "2023-10-16 10:00:00", "2023-12-15", "", "2023-12-31 23:30:00", "Price too high, no budget", "Web forms"),
    (1063, "Harbor Lights Hotel deal", KT, "8200", "Anu Saar", "Negotiations Started", "Won", "2023-11-20 09:30:00", "2023-12-31", "2024-01-01 00:00:00", "", "", "Live chat"),
    (1067, "Iris Dental deal", EP, "3600", "Viktor Orlov", "Contact Made", "Lost", "2024-01-15 14:00:00", "2024-03-01", "", "2024-02-22 11:18:09", "Unresponsive", ""),
    (1070, "Juniper Legal deal", JB, "14900", "Sofia Nyberg", "Proposal Made", "Won", "2024-02-12 10:40:00", "2024-04-30", "2024-04-30 15:55:00", "", "", "Manually created"),
    (1074, "Kelp & Co deal", KT, "2750", "Rasmus Kuusk", "Demo Scheduled", "Lost", "2024-04-02 12:05:00", "2024-06-30", "", "2024-06-18 09:00:00", "Went with competitor", "Chatbot"),
    (1078, "Lumen Labs deal", EP, "22400", "Irina Volkova", "Negotiations Started", "Won", "2024-05-20 16:25:00", "2024-08-15", "2024-08-07 10:31:00", "", "", "Prospector"),
    (1081, "Moss Garden Supply deal", JB, "5100", "Emil Strand", "Proposal Made", "Won", "2024-07-08 09:50:00", "2024-10-31", "2024-10-24 13:14:00", "", "", "Web forms"),
    (1085, "Nordic Knitwear deal", KT, "9800", "Liis Tamm", "Negotiations Started", "Lost", "2024-09-16 11:00:00", "2024-12-31", "", "2024-12-31 23:59:59", "No decision", "Import"),
    (1089, "Orbit Bikes deal", EP, "7300", "Pavel Sidorov", "Proposal Made", "Won", "2024-10-21 10:10:00", "2024-12-20", "2025-01-03 09:20:00", "", "", "Live chat"),
    (1092, "Pebble Finance deal", JB, "16000", "Maja Lindqvist", "Negotiations Started", "Lost", "2024-11-04 13:45:00", "2024-12-31", "", "2025-01-09 17:05:00", "Price too high, no budget", "Manually created"),
    (1095, "Quill Bookshop deal", KT, "1200", "Kaisa Org", "Qualified", "Open", "2024-11-12 09:05:00", "2025-02-28", "", "", "", "Web forms"),
    (1096, "Riverbend Vets deal", EP, "4400", "Dmitri Kozlov", "Contact Made", "Open", "2024-11-18 15:30:00", "2025-01-31", "", "", "", "Chatbot"),
    (1098, "Saltmarsh Brewing deal", JB, "0", "Oskar Berg", "Qualified", "Open", "2024-11-25 10:20:00", "", "", "", "", "Import"),
    (1101, "Tallinn Tech Hub deal", KT, "27500", "Marten Kivi", "Proposal Made", "Open", "2024-12-02 11:45:00", "2025-03-15", "", "", "", "Prospector"),
    (1103, "Umber Ceramics deal", EP, "3300", "Natalia Belova", "Demo Scheduled", "Open", "2024-12-05 14:10:00", "2024-12-20", "", "", "", "Manually created"),
    (1104, "Vireo Travel deal", JB, "11800", "Ebba Sjostrom", "Negotiations Started", "Open", "2024-12-09 09:35:00", "2025-01-15", "", "", "", "Web forms"),
    (1107, "Wren Architecture deal", KT, "6900", "Kadi Laur", "Contact Made", "Open", "2024-12-12 16:00:00", "2025-02-14", "", "", "", ""),
    (1109, "Xylo Music School deal", EP, "1850", "Ivan Petrov", "Qualified", "Open", "2024-12-16 10:50:00", "", "", "", "", "Live chat"),
    (1110, "Yarrow Herbals deal", JB, "5250", "Alva Ek", "Demo Scheduled", "Open", "2024-12-19 13:25:00", "2025-03-31", "", "", "", "Chatbot"),
    (1112, "Zephyr Drones deal", KT, "42000", "Siim Kallas", "Proposal Made", "Open", "2025-01-06 09:15:00", "2025-04-30", "", "", "", "Prospector"),
    (1113, "Alder Bakery deal", EP, "0", "Vera Smirnova", "Qualified", "Open", "2025-01-08 12:40:00", "", "", "", "", "Web forms"),
    (1115, "Birch Logistics deal", JB, "19900", "Nils Aberg", "Contact Made", "Open", "2025-01-10 15:55:00", "2025-05-30", "", "", "", "Manually created"),
]


def gen_pipedrive_deals():
    header = ["Deal - ID", "Deal - Title", "Deal - Owner", "Deal - Value", "Deal - Currency",
              "Deal - Organization", "Deal - Contact person", "Deal - Pipeline", "Deal - Stage",
              "Deal - Status", "Deal - Deal created", "Deal - Expected close date",
              "Deal - Won time", "Deal - Lost time", "Deal - Lost reason", "Deal - Source origin"]
    rows = [header]
    for (did, title, owner, value, person, stage, status, created, expected, won, lost, reason,
         origin) in PD_DEALS:
        org = title[: -len(" deal")]
        rows.append([str(did), title, owner, value, "EUR", org, person, "Sales pipeline", stage,
                     status, created, expected, won, lost, reason, origin])
    write_bytes(path("pipedrive-deals-export", "deals-export-2025-01-13.csv"),
                csv_text(rows).encode("utf-8"))


# ---------------------------------------------------------------------------
# 5. Converted-flag lead list in the layout of the public "X Education" data
# ---------------------------------------------------------------------------

LP, API, LAF, LI = "Landing Page Submission", "API", "Lead Add Form", "Lead Import"

# origin, source, do not email, converted, total visits, time on site, page views/visit,
# last activity, country, specialization, city
XEDU = [
    (API, "Olark Chat", "No", "0", "0", "0", "0", "Page Visited on Website", "", "Select", "Select"),
    (API, "Organic Search", "No", "0", "5", "674", "2.5", "Email Opened", "India", "Select", "Select"),
    (LP, "Direct Traffic", "No", "1", "2", "1532", "2", "Email Opened", "India", "Business Administration", "Mumbai"),
    (LP, "Direct Traffic", "No", "0", "1", "305", "1", "Unreachable", "India", "Media and Advertising", "Mumbai"),
    (LP, "Google", "No", "1", "2", "1428", "1", "Converted to Lead", "India", "Select", "Mumbai"),
    (API, "Google", "No", "0", "0", "0", "0", "Olark Chat Conversation", "", "", ""),
    (LP, "Google", "No", "1", "2", "1640", "2", "Email Opened", "India", "Supply Chain Management", "Mumbai"),
    (API, "Olark Chat", "No", "0", "0", "0", "0", "Olark Chat Conversation", "", "Select", "Select"),
    (LP, "Direct Traffic", "No", "0", "2", "71", "2", "Email Opened", "India", "IT Projects Management", "Thane & Outskirts"),
    (API, "Google", "No", "0", "4", "58", "4", "Email Opened", "India", "Finance Management", "Mumbai"),
    (LAF, "Reference", "No", "1", "0", "0", "0", "Email Opened", "", "", ""),
    (LP, "Organic Search", "Yes", "0", "8", "1351", "8", "Email Bounced", "India", "Human Resource Management", "Other Cities"),
    (API, "Olark Chat", "No", "1", "1", "1", "1", "Page Visited on Website", "India", "Select", "Select"),
    (LP, "Google", "No", "0", "3", "253", "3", "Email Opened", "United States", "Marketing Management", "Other Metro Cities"),
    (LAF, "Welingak Website", "No", "1", "0", "0", "0", "SMS Sent", "", "", ""),
    (LP, "Direct Traffic", "Yes", "0", "3", "1107", "3", "Email Bounced", "India", "Operations Management", "Mumbai"),
    (API, "Olark Chat", "No", "0", "0", "0", "0", "Olark Chat Conversation", "", "Select", "Select"),
    (LP, "google", "No", "1", "6", "1860", "3", "SMS Sent", "India", "Banking, Investment And Insurance", "Mumbai"),
    (LP, "Referral Sites", "No", "0", "2", "408", "2", "Email Opened", "India", "Select", "Select"),
    (API, "Organic Search", "No", "0", "", "511", "", "Email Opened", "unknown", "Select", "Select"),
    (LP, "Google", "No", "1", "4", "1285", "2", "SMS Sent", "India", "Travel and Tourism", "Thane & Outskirts"),
    (API, "Olark Chat", "No", "0", "0", "0", "0", "Page Visited on Website", "", "Select", "Select"),
    (LP, "Direct Traffic", "No", "1", "3", "1240", "1.5", "Email Link Clicked", "India", "Finance Management", "Mumbai"),
    (LAF, "Reference", "No", "1", "0", "0", "0", "SMS Sent", "", "", ""),
    (LP, "Google", "No", "0", "2", "46", "2", "Email Opened", "India", "Media and Advertising", "Other Cities of Maharashtra"),
    (API, "Organic Search", "No", "1", "7", "1552", "3.5", "Email Opened", "India", "Select", "Select"),
    (LP, "Direct Traffic", "No", "0", "5", "102", "5", "Form Submitted on Website", "India", "Business Administration", "Tier II Cities"),
    (API, "Olark Chat", "No", "0", "0", "0", "0", "Olark Chat Conversation", "", "Select", "Select"),
    (LI, "", "No", "0", "1", "18", "1", "Email Opened", "India", "Select", "Select"),
    (LP, "Google", "No", "0", "3", "187", "3", "Unreachable", "India", "Retail Management", "Mumbai"),
    (LP, "Direct Traffic", "Yes", "0", "2", "933", "2", "Email Bounced", "India", "Human Resource Management", "Other Cities"),
    (API, "Olark Chat", "No", "1", "2", "1208", "2", "SMS Sent", "India", "Select", "Select"),
    (LAF, "Welingak Website", "No", "1", "0", "0", "0", "Email Opened", "", "", ""),
    (LP, "Organic Search", "No", "0", "4", "297", "2", "Email Opened", "United Arab Emirates", "E-COMMERCE", "Other Metro Cities"),
    (LP, "Google", "No", "0", "", "", "", "Email Opened", "India", "Select", "Mumbai"),
    (LP, "Direct Traffic", "No", "1", "4", "1734", "4", "SMS Sent", "India", "Marketing Management", "Mumbai"),
    (API, "Olark Chat", "No", "0", "0", "0", "0", "Olark Chat Conversation", "", "Select", "Select"),
    (LP, "Google", "No", "1", "3", "1567", "1.33", "Email Opened", "India", "IT Projects Management", "Mumbai"),
    (LAF, "Reference", "No", "1", "0", "0", "0", "SMS Sent", "", "", ""),
    (LP, "Direct Traffic", "No", "0", "2", "62", "2", "Page Visited on Website", "India", "Select", "Select"),
]


def gen_converted_flag_leads():
    header = ["Prospect ID", "Lead Number", "Lead Origin", "Lead Source", "Do Not Email",
              "Converted", "TotalVisits", "Total Time Spent on Website", "Page Views Per Visit",
              "Last Activity", "Country", "Specialization", "City"]
    rows = [header]
    ns = uuid.UUID("5f1d7c1e-6a0b-4a5e-9d0e-4b6b2f7a9c11")
    for i, r in enumerate(XEDU):
        pid = str(uuid.uuid5(ns, f"kpikit-xedu-{i}"))
        rows.append([pid, str(660737 - i * 53)] + list(r))
    write_bytes(path("converted-flag-leads", "Leads.csv"), csv_text(rows).encode("utf-8"))


# ---------------------------------------------------------------------------
# 6. Two-table funnel in the layout of the public Olist marketing funnel
# ---------------------------------------------------------------------------

def h32(s):
    return hashlib.md5(s.encode()).hexdigest()


def gen_two_table_funnel():
    rng = random.Random(20180131)
    origins = ["organic_search", "paid_search", "social", "direct_traffic", "email", "referral",
               "display", "other", "unknown", ""]
    weights = [9, 8, 6, 4, 3, 2, 2, 1, 3, 2]
    pages = [h32(f"kpikit-lp-{k}") for k in range(6)]
    mqls = []
    # 40 first contacts, 2017-10-02 .. 2018-01-29
    import datetime as dt
    start = dt.date(2017, 10, 2)
    for i in range(40):
        d = start + dt.timedelta(days=int(i * 119 / 39))
        mqls.append([h32(f"kpikit-mql-{i}"), d.isoformat(), rng.choice(pages),
                     rng.choices(origins, weights)[0]])
    # make sure the messy origins are present at least once
    mqls[7][3] = "unknown"
    mqls[21][3] = ""
    mqls[33][3] = "unknown"
    won_idx = [1, 4, 6, 9, 13, 17, 20, 24, 28, 31, 35, 38]
    segments = ["pet", "car_accessories", "home_decor", "health_beauty", "household_utilities",
                "construction_tools_house_garden", "audio_video_electronics", "food_supplement",
                "sports_leisure", "bags_backpacks"]
    lead_types = ["online_medium", "online_big", "industry", "offline", "online_small",
                  "online_beginner", "online_top", "other"]
    profiles = ["cat", "eagle", "wolf", "shark", "", "eagle, cat"]
    sdrs = [h32(f"kpikit-sdr-{k}") for k in range(4)]
    srs = [h32(f"kpikit-sr-{k}") for k in range(3)]
    # days from first contact to the win; chosen so that several wins land in
    # 2018-02 .. 2018-05, after the last first-contact month (2018-01)
    lags = [12, 40, 9, 55, 21, 33, 70, 48, 26, 61, 95, 103]
    deals = []
    for k, i in enumerate(won_idx):
        first = dt.date.fromisoformat(mqls[i][1])
        t = dt.datetime.combine(first, dt.time()) + dt.timedelta(
            days=lags[k], hours=rng.randint(8, 20), minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
        revenue = rng.choice(["0.0", "0.0", "0.0", "50000.0", "100000.0", "20000.0", "0.0"])
        deals.append([mqls[i][0], h32(f"kpikit-seller-{k}"), rng.choice(sdrs), rng.choice(srs),
                      t.strftime("%Y-%m-%d %H:%M:%S"), rng.choice(segments), rng.choice(lead_types),
                      rng.choice(profiles), rng.choice(["", "", "True", "False"]),
                      rng.choice(["", "", "True", "False"]),
                      rng.choice(["", "", "5-20", "1-5", "200+", "unknown"]),
                      rng.choice(["reseller", "manufacturer", "reseller", "other"]),
                      rng.choice(["", "", "100.0", "45.0", "1000.0"]), revenue])
    # closed deals are listed in won_date order, not lead order
    deals.sort(key=lambda r: r[4])
    write_bytes(path("two-table-funnel", "marketing_qualified_leads.csv"),
                csv_text([["mql_id", "first_contact_date", "landing_page_id", "origin"]] + mqls).encode())
    write_bytes(path("two-table-funnel", "closed_deals.csv"),
                csv_text([["mql_id", "seller_id", "sdr_id", "sr_id", "won_date", "business_segment",
                           "lead_type", "lead_behaviour_profile", "has_company", "has_gtin",
                           "average_stock", "business_type", "declared_product_catalog_size",
                           "declared_monthly_revenue"]] + deals).encode())


# ---------------------------------------------------------------------------
# 7. Deal pipeline + sales teams in the layout of the public Maven CRM sample
# ---------------------------------------------------------------------------

TEAMS = [
    ("Abigail Thorne", "Harriet Vogel", "Central"),
    ("Bernard Kwan", "Harriet Vogel", "Central"),
    ("Celeste Dumont", "Harriet Vogel", "Central"),
    ("Darius Holt", "Desmond Okafor", "East"),
    ("Elif Aydin", "Desmond Okafor", "East"),
    ("Fergus Bell", "Pavel Novak", "East"),
    ("Greta Lindahl", "Pavel Novak", "East"),
    ("Hamid Rahimi", "Ines Carvalho", "West"),
    ("Isla Mercer", "Ines Carvalho", "West"),
    ("Jasper Quinn", "Ines Carvalho", "West"),
]

# agent: (won, lost, engaging, prospecting); "Wendell Pike" is not in sales_teams.csv
OUTCOMES = {
    "Abigail Thorne": (3, 1, 1, 1), "Bernard Kwan": (2, 2, 1, 0), "Celeste Dumont": (1, 2, 0, 1),
    "Darius Holt": (4, 1, 1, 1), "Elif Aydin": (2, 1, 1, 0), "Fergus Bell": (1, 3, 0, 1),
    "Greta Lindahl": (2, 0, 1, 0), "Hamid Rahimi": (2, 2, 1, 1), "Isla Mercer": (1, 1, 0, 0),
    "Wendell Pike": (1, 1, 1, 0),
}

PRODUCTS = [("Vertex Lite", 550), ("Vertex Pro", 4820), ("Nimbus Core", 1100), ("Nimbus Max", 3390)]
ACCOUNTS = ["Brightmoor", "Calderon Group", "Duskfield", "Everlane Holdings", "Fairhaven Co",
            "Glenrock", "Hartwell Systems", "Ironvale", "Junction Labs", "Kingsbridge",
            "Larkspur Media", "Moorgate Supply"]


def gen_pipeline_with_teams():
    import datetime as dt
    rng = random.Random(2024)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    opps = []
    open_seen = 0
    for agent, (w, l, e, p) in OUTCOMES.items():
        for stage, count in (("Won", w), ("Lost", l), ("Engaging", e), ("Prospecting", p)):
            for _ in range(count):
                oid = "".join(rng.choice(alphabet) for _ in range(8))
                product, price = rng.choice(PRODUCTS)
                account = rng.choice(ACCOUNTS)
                engage = close = value = ""
                if stage != "Prospecting":
                    ed = dt.date(2023, 10, 2) + dt.timedelta(days=rng.randint(0, 180))
                    engage = ed.isoformat()
                if stage in ("Won", "Lost"):
                    cd = dt.date.fromisoformat(engage) + dt.timedelta(days=rng.randint(5, 120))
                    close = cd.isoformat()
                    value = str(round(price * rng.uniform(0.9, 1.1))) if stage == "Won" else "0"
                if stage in ("Engaging", "Prospecting"):
                    open_seen += 1
                    rng.random()                   # kept so that the other rows stay as they were
                    if open_seen % 3 == 2:         # as in the Maven data, open deals without account
                        account = ""
                opps.append([oid, agent, product, account, stage, engage, close, value])
    rng.shuffle(opps)
    write_bytes(path("pipeline-with-teams", "sales_pipeline.csv"),
                csv_text([["opportunity_id", "sales_agent", "product", "account", "deal_stage",
                           "engage_date", "close_date", "close_value"]] + opps).encode())
    write_bytes(path("pipeline-with-teams", "sales_teams.csv"),
                csv_text([["sales_agent", "manager", "regional_office"]] + [list(t) for t in TEAMS]).encode())


# ---------------------------------------------------------------------------
# 8. Old-Mac CSV: CR-only line endings, ASCII
# ---------------------------------------------------------------------------

RD, VC, NB = "Rosa Delgado", "Victor Chen", "Nadia Brooks"

# lead id, created, source, owner, status, close date, amount
CR_LEADS = [
    ("L-1001", "2023-09-04", "Web", RD, "won", "2023-10-02", "4200"),
    ("L-1002", "2023-09-05", "Referral", VC, "lost", "2023-09-29", "1800"),
    ("L-1003", "2023-09-11", "Cold Call", NB, "contacted", "", ""),
    ("L-1004", "2023-09-13", "Event, Trade Fair", RD, "won", "2023-11-20", "9600"),
    ("L-1005", "2023-09-18", "Web", VC, "new", "", ""),
    ("L-1006", "2023-09-21", "Email Campaign", NB, "qualified", "", ""),
    ("L-1007", "2023-09-27", "Web", RD, "lost", "2023-10-30", "2500"),
    ("L-1008", "2023-10-02", "Referral", VC, "won", "2023-10-16", "3100"),
    ("L-1009", "2023-10-06", "Cold Call", NB, "new", "", ""),
    ("L-1010", "2023-10-10", "Web", RD, "contacted", "", ""),
    ("L-1011", "2023-10-17", "Event, Trade Fair", VC, "qualified", "", ""),
    ("L-1012", "2023-10-19", "Email Campaign", NB, "won", "2023-12-14", "7350"),
    ("L-1013", "2023-10-24", "Web", RD, "new", "", ""),
    ("L-1014", "2023-10-30", "Referral", VC, "contacted", "", ""),
    ("L-1015", "2023-11-02", "Cold Call", NB, "lost", "2023-11-28", "1200"),
    ("L-1016", "2023-11-07", "Web", RD, "qualified", "", ""),
    ("L-1017", "2023-11-09", "Email Campaign", VC, "new", "", ""),
    ("L-1018", "2023-11-14", "Referral", NB, "won", "2023-12-21", "5800"),
    ("L-1019", "2023-11-16", "Web", RD, "contacted", "", ""),
    ("L-1020", "2023-11-21", "Event, Trade Fair", VC, "lost", "2023-12-19", "6400"),
    ("L-1021", "2023-11-27", "Cold Call", NB, "contacted", "", ""),
    ("L-1022", "2023-11-30", "Web", RD, "new", "", ""),
    ("L-1023", "2023-12-04", "Referral", VC, "won", "2023-12-28", "2750"),
    ("L-1024", "2023-12-07", "Email Campaign", NB, "qualified", "", ""),
    ("L-1025", "2023-12-12", "Web", RD, "contacted", "", ""),
    ("L-1026", "2023-12-15", "Cold Call", VC, "new", "", ""),
]


def gen_cr_only():
    rows = [["Lead ID", "Created Date", "Lead Source", "Lead Owner", "Status", "Close Date", "Amount"]]
    rows += [list(r) for r in CR_LEADS]
    text = csv_text(rows, newline="\r")
    data = text.encode("ascii")
    assert b"\n" not in data
    write_bytes(path("cr-only", "leads.csv"), data)


# ---------------------------------------------------------------------------
# 9. HubSpot contacts export re-saved by Excel as "Unicode Text"
# ---------------------------------------------------------------------------

SUB, LEAD, MQL, SQL, OPP, CUST, EVAN = ("Subscriber", "Lead", "Marketing Qualified Lead",
                                        "Sales Qualified Lead", "Opportunity", "Customer", "Evangelist")
HS_OWNERS = ("Maya Chen", "Omar Ali", "Sara Novak")

# first, last, email, lifecycle, owner index (None = no owner), create date, original source
HS_CONTACTS = [
    ("José", "Álvarez", "jose.alvarez@example.com", CUST, 0, "2024-01-04 09:15", "Organic Search"),
    ("Kenji", "Satō", "kenji.sato@example.net", LEAD, 1, "2024-01-09 14:02", "Paid Search"),
    ("Zoë", "Clarke", "zoe.clarke@example.org", MQL, 2, "2024-01-12 11:47", "Social Media"),
    ("Łukasz", "Nowak", "lukasz.nowak@example.com", SQL, 0, "2024-01-18 08:30", "Referrals"),
    ("Åsa", "Lindqvist", "asa.lindqvist@example.se", SUB, None, "2024-01-23 17:20", "Email Marketing"),
    ("Chloé", "Martin", "chloe.martin@example.fr", OPP, 1, "2024-01-29 10:05", "Direct Traffic"),
    ("Katherine \"Kit\"", "Moreau", "kit.moreau@example.com", LEAD, 2, "2024-02-02 13:38", "Organic Search"),
    ("Mateusz", "Wiśniewski", "m.wisniewski@example.pl", CUST, 0, "2024-02-07 09:59", "Paid Search"),
    ("Søren", "Kierkegaard-Holm", "soren.holm@example.dk", SUB, None, "2024-02-13 16:44", "Offline Sources"),
    ("Ngozi", "Okonkwo", "ngozi.okonkwo@example.com", MQL, 1, "2024-02-16 12:12", "Organic Search"),
    ("Tomáš", "Dvořák", "tomas.dvorak@example.cz", LEAD, 2, "2024-02-21 08:05", "Referrals"),
    ("Ayşe", "Yılmaz", "ayse.yilmaz@example.com.tr", EVAN, 0, "2024-02-26 15:31", "Referrals"),
    ("Björk", "Guðmundsdóttir", "bjork.g@example.is", SQL, 1, "2024-03-01 10:48", "Social Media"),
    ("François", "Lefèvre", "f.lefevre@example.fr", LEAD, 2, "2024-03-06 11:03", "Direct Traffic"),
    ("Mei", "Lín", "mei.lin@example.com", SUB, None, "2024-03-11 19:26", "Email Marketing"),
    ("Øystein", "Berg", "oystein.berg@example.no", CUST, 1, "2024-03-14 09:09", "Organic Search"),
    ("Renée", "Dubois", "renee.dubois@example.be", MQL, 2, "2024-03-19 14:57", "Paid Search"),
    ("Jürgen", "Fischer", "j.fischer@example.de", OPP, 0, "2024-03-22 08:41", "Offline Sources"),
    ("Ana", "Conceição", "ana.conceicao@example.pt", LEAD, 1, "2024-03-27 12:36", "Social Media"),
    ("Siddharth", "Rao", "sid.rao@example.in", SQL, 2, "2024-04-02 10:10", "Organic Search"),
    ("Małgorzata", "Zielińska", "m.zielinska@example.pl", LEAD, 0, "2024-04-05 16:16", "Other Campaigns"),
    ("Hiroshi", "Itō", "hiroshi.ito@example.jp", MQL, 1, "2024-04-10 07:55", "Paid Search"),
    ("Elín", "Sigurðardóttir", "elin.s@example.is", SUB, None, "2024-04-15 20:02", "Email Marketing"),
    ("Nuño", "Castañeda", "nuno.castaneda@example.es", CUST, 2, "2024-04-18 11:29", "Referrals"),
    ("Zoë", "Achterberg", "zoe.achterberg@example.nl", LEAD, 0, "2024-04-23 13:13", "Direct Traffic"),
    ("Lúcia", "Araújo", "lucia.araujo@example.com.br", OPP, 1, "2024-04-29 09:44", "Organic Search"),
    ("Kalinda", "Murray", "kalinda.murray@example.com.au", MQL, 2, "2024-05-03 15:08", "Social Media"),
    ("Gökhan", "Öztürk", "gokhan.ozturk@example.com.tr", SQL, 0, "2024-05-08 10:21", "Paid Search"),
    ("Émile", "Gagné", "emile.gagne@example.ca", LEAD, 1, "2024-05-14 12:00", "Organic Search"),
    ("Ingrid", "Nyström", "ingrid.nystrom@example.se", SUB, None, "2024-05-20 18:37", "Offline Sources"),
]


def gen_utf16_excel():
    header = ["Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage", "Contact owner",
              "Create Date", "Original Source"]
    rows = [header]
    for i, (first, last, email, stage, owner, created, source) in enumerate(HS_CONTACTS):
        rows.append([str(51201 + i * 3), first, last, email, stage,
                     "" if owner is None else HS_OWNERS[owner], created, source])
    text = csv_text(rows, delimiter="\t", newline="\r\n")
    write_bytes(path("utf16-excel", "hubspot-crm-exports-all-contacts-2024-05-21.txt"),
                b"\xff\xfe" + text.encode("utf-16-le"))


if __name__ == "__main__":
    gen_salesforce_opportunity_report()
    gen_salesforce_lead_report()
    gen_hubspot_deals()
    gen_pipedrive_deals()
    gen_converted_flag_leads()
    gen_two_table_funnel()
    gen_pipeline_with_teams()
    gen_cr_only()
    gen_utf16_excel()
