"""The peer of `./x bench ads`: the pandas notebook logic an analyst writes for the same audit.

For each collection folder (Meta ads_archive paged JSON dumps): load every page with `json`,
build a DataFrame of the columns the checks need; then for each consecutive pair the set
differences (common, added, disappeared), the reappeared-later class (present in a later
collection), the rates, and the field coverage counts (present / null / absent per field).
It prints the same pair figures as `disinfo ads audit --format csv --table pairs`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

FIELDS = ["page_name", "funding_entity", "ad_creative_body", "ad_delivery_start_time",
          "ad_delivery_stop_time", "spend", "impressions", "demographic_distribution",
          "region_distribution"]


def load(folder: Path) -> pd.DataFrame:
    rows = []
    for page in sorted(folder.glob("*.json")):
        if page.name == "collection.json":
            continue
        with page.open(encoding="utf-8") as f:
            doc = json.load(f)
        rows.extend(doc["data"] if isinstance(doc, dict) else doc)
    df = pd.DataFrame.from_records(rows, columns=["id", "page_id"] + FIELDS)
    df["spend_lo"] = pd.to_numeric(df["spend"].map(lambda s: s.get("lower_bound") if isinstance(s, dict) else None))
    df["impressions_lo"] = pd.to_numeric(df["impressions"].map(lambda s: s.get("lower_bound") if isinstance(s, dict) else None))
    # Keep what the audit needs: coverage flags instead of the nested columns (memory).
    for f in FIELDS:
        df[f] = df[f].notna()
    return df


def coverage(df: pd.DataFrame) -> dict[str, int]:
    return {f: int(df[f].sum()) for f in FIELDS}


def main() -> None:
    folders = [Path(p) for p in sys.argv[1:]]
    frames = [load(f) for f in folders]
    for f, df in zip(folders, frames):
        cov = coverage(df)
        print(f"coverage {f.name}: ads={len(df)} " + " ".join(f"{k}={v}" for k, v in cov.items()), file=sys.stderr)
    ids = [set(df["id"]) for df in frames]
    print("from,to,size_from,size_to,common,added,disappeared,reappeared,unexplained,gross,net")
    for i in range(len(frames) - 1):
        a, b = frames[i], frames[i + 1]
        sa, sb = ids[i], ids[i + 1]
        common = len(sa & sb)
        gone = a[~a["id"].isin(sb)]
        later = set().union(*ids[i + 2:]) if i + 2 < len(ids) else set()
        reappeared = int(gone["id"].isin(later).sum())
        merged = a.merge(b[["id", "impressions_lo"]], on="id", suffixes=("", "_next"))
        _down = int((merged["impressions_lo_next"] < merged["impressions_lo"]).sum())
        n_a, n_b = len(sa), len(sb)
        print(f"{folders[i].name},{folders[i + 1].name},{n_a},{n_b},{common},{n_b - common},{len(gone)},"
              f"{reappeared},{len(gone) - reappeared},{round(len(gone) / n_a, 4)},{round((n_a - n_b) / n_a, 4)}")


if __name__ == "__main__":
    main()
