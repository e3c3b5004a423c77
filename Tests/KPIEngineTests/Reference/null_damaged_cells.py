#!/usr/bin/env python3
"""Copies the CSV files of a gen_crm.py --dirty folder with every damaged cell emptied.

The independent half of the dirty-data check: KPIKit reads the damaged files leniently (each
damaged cell becomes null and is listed), and its KPIs must equal the reference's on this copy,
where the same cells are simply empty. Reads dirty_rows.json (file, line, column; 1-based,
physical lines, header = 1) and nothing of KPIKit.

Usage: null_damaged_cells.py <dirty folder> <output folder>
"""

import csv
import json
import os
import sys


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = argv[1], argv[2]
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(source, "dirty_rows.json"), encoding="utf-8") as handle:
        damaged = json.load(handle)
    cells = {}
    for entry in damaged:
        cells.setdefault(entry["file"], {}).setdefault(entry["line"], set()).add(entry["column"])
    for name in sorted(os.listdir(source)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(source, name), newline="", encoding="utf-8") as handle:
            # gen_crm writes no quoted fields, so a stray quote is just a character here.
            rows = list(csv.reader(handle, quoting=csv.QUOTE_NONE))
        for line, columns in cells.get(name, {}).items():
            for column in columns:
                rows[line - 1][column - 1] = ""
        with open(os.path.join(target, name), "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
