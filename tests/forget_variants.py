"""Takes the variants at position FROM and later out of a sweep's store, as if the sweep
had been killed after FROM variants: the tests resume it from there.

    python3 forget_variants.py STORE.sqlite FROM
"""
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
late = [row[0] for row in db.execute("SELECT variant FROM variants WHERE position >= ?", (int(sys.argv[2]),))]
for table in ("parameters", "axis_values", "results", "paired", "variants"):
    db.executemany(f"DELETE FROM {table} WHERE variant = ?", [(v,) for v in late])
db.commit()
