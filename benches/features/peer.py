"""The pandas peer of `./x bench features`: the same formulas (the profile and behaviour
features documented in crates/disinfo-bots/src/features/) on the same synthetic data, written the way a pandas user
would (vectorised columns, groupby, one .map for the handle likelihood). Times only the feature
computation, not CSV parsing. Compares its numbers with a sample of ours.

Usage: peer.py DATA_DIR TABLE_TSV
"""

from __future__ import annotations

import json
import math
import sys
import time

import numpy as np
import pandas as pd

data_dir, table_path = sys.argv[1], sys.argv[2]

# --- the handle table, same smoothing as the crate ------------------------------------------
SYM = {c: i for i, c in enumerate("abcdefghijklmnopqrstuvwxyz0123456789_.")}
START, END, OTHER = 39, 40, 38
counts = np.zeros((41, 41))
def sym_of(c: str) -> int:
    return {"^": START, "$": END, "?": OTHER}.get(c, SYM.get(c, OTHER))
for line in open(table_path, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    a, b, n = line.rstrip("\n").split("\t")
    counts[sym_of(a), sym_of(b)] = int(n)
LOGP = np.log((counts + 1.0) / (counts.sum(axis=1, keepdims=True) + 40.0))

def likelihood(handle: str) -> float:
    if not handle:
        return math.nan
    prev, total, n = START, 0.0, 0
    for c in handle.lower():
        s = SYM.get(c, OTHER)
        total += LOGP[prev, s]
        prev, n = s, n + 1
    total += LOGP[prev, END]
    return math.exp(total / (n + 1))

acc = pd.read_csv(f"{data_dir}/accounts.csv", dtype={"account_id": str, "handle": str, "display_name": str, "description": str},
                  keep_default_na=False, na_values={"created_s": [""], "posts": [""], "followers": [""], "following": [""],
                                                   "likes_given": [""], "listed": [""], "default_profile": [""],
                                                   "profile_use_background_image": [""], "verified": [""]})
posts = pd.read_csv(f"{data_dir}/posts.csv", dtype={"account_id": str, "client": "category", "source": "category"},
                    keep_default_na=False, na_values={"text_hash": [""], "client": [""], "source": [""]})

def profile(acc: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=acc.index)
    out["age_h"] = ((acc["observed_s"] - acc["created_s"]) / 3600.0).clip(lower=1.0)
    for c in ["posts", "followers", "following", "likes_given", "listed"]:
        out[c] = acc[c].astype(float)
    for c in ["default_profile", "profile_use_background_image", "verified"]:
        out[c] = acc[c].astype(float)
    for c in ["posts", "followers", "following", "likes_given", "listed"]:
        out[f"{c}_per_hour"] = out[c] / out["age_h"]
    out["followers_following_ratio"] = out["followers"] / out["following"].clip(lower=1.0)
    h = acc["handle"]
    out["handle_length"] = h.str.len().astype(float).where(h != "")
    out["handle_digits"] = h.str.count(r"[0-9]").astype(float).where(h != "")
    out["name_length"] = acc["display_name"].str.len().astype(float)
    out["name_digits"] = acc["display_name"].str.count(r"[0-9]").astype(float)
    out["description_length"] = acc["description"].str.len().astype(float)
    out["handle_likelihood"] = h.map(likelihood)
    return out

def entropy(frame: pd.DataFrame, key: str) -> pd.Series:
    c = frame.groupby(["row", key], observed=True).size()
    p = c / c.groupby(level=0).transform("sum")
    return (-(p * np.log2(p))).groupby(level=0).sum() + 0.0

def behaviour(posts: pd.DataFrame, rows: pd.Series) -> pd.DataFrame:
    p = posts.assign(row=posts["account_id"].map(rows)).sort_values(["row", "t"], kind="stable")
    g = p.groupby("row", sort=True)
    out = pd.DataFrame(index=pd.Index(np.sort(p["row"].unique()), name="row"))
    n = g.size()
    out["n_posts"] = n.astype(float)
    kinds = pd.crosstab(p["row"], p["kind"]).reindex(columns=[0, 1, 2, 3], fill_value=0)
    for k, name in enumerate(["original_share", "reply_share", "repost_share", "quote_share"]):
        out[name] = kinds[k] / n
    day = p["t"] // 86400
    per_day = p.assign(day=day).groupby(["row", "day"]).size()
    span = day.groupby(p["row"]).agg(["min", "max"])
    out["posts_per_day_mean"] = n / (span["max"] - span["min"] + 1)
    out["posts_per_day_max"] = per_day.groupby(level=0).max().astype(float)
    out["over_200_per_day"] = (out["posts_per_day_max"] > 200).astype(float)
    gap = g["t"].diff()
    p["gap"] = gap
    has_gap = p[gap.notna()].copy()
    has_gap["bin"] = np.floor(np.log2(has_gap["gap"].clip(lower=0) + 1.0)).astype(int)
    out["gap_entropy"] = entropy(has_gap, "bin")
    p["hour"] = (p["t"] // 3600) % 24
    out["hour_entropy"] = entropy(p, "hour")
    out["night_share"] = (p["hour"] < 6).groupby(p["row"]).mean()
    out["urls_per_post"] = g["n_urls"].mean()
    out["hashtags_per_post"] = g["n_hashtags"].mean()
    out["mentions_per_post"] = g["n_mentions"].mean()
    texts = p[p["text_hash"].notna()].groupby("row")["text_hash"]
    out["duplicate_text_ratio"] = 1.0 - texts.nunique() / texts.size()
    out["distinct_clients"] = g["client"].nunique().replace(0, np.nan).astype(float)
    # Longest silence: the first largest gap; its burst counts posts in [t_wake, t_wake + 24 h).
    idx = has_gap.groupby("row")["gap"].idxmax()
    wake = p.loc[idx.values, ["row", "t", "gap"]].set_index("row")
    out["longest_silence_h"] = wake["gap"] / 3600.0
    w = p[["row", "t"]].merge(wake[["t"]].rename(columns={"t": "t_wake"}), left_on="row", right_index=True)
    in_burst = (w["t"] >= w["t_wake"]) & (w["t"] < w["t_wake"] + 86400)
    out["wakeup_burst"] = in_burst.groupby(w["row"]).sum().astype(float)
    rep = p[(p["kind"] == 2) & p["source"].notna()]
    by_src = rep.groupby(["row", "source"], observed=True).size()
    out["top_repost_source_share"] = by_src.groupby(level=0).max() / by_src.groupby(level=0).sum()
    return out

t0 = time.perf_counter()
prof = profile(acc)
t_profile = time.perf_counter() - t0
rows = pd.Series(np.arange(len(acc)), index=acc["account_id"])
t0 = time.perf_counter()
beh = behaviour(posts, rows)
t_behaviour = time.perf_counter() - t0
full = pd.concat([prof, beh.reindex(prof.index)], axis=1)

# Agreement with a sample of ours.
ours = json.load(open(f"{data_dir}/ours_sample.json"))
theirs = full[ours["columns"]].iloc[: len(ours["rows"])].to_numpy()
mine = np.array([[np.nan if v is None else v for v in r["values"]] for r in ours["rows"]], dtype=float)
same_nan = np.array_equal(np.isnan(mine), np.isnan(theirs))
diff = np.nanmax(np.abs(mine - theirs) / np.maximum(1.0, np.abs(mine)))
worst = ours["columns"][int(np.nanargmax(np.nanmax(np.abs(mine - theirs) / np.maximum(1.0, np.abs(mine)), axis=0)))]
print(json.dumps({"profile_s": t_profile, "behaviour_s": t_behaviour, "profile_and_behaviour_s": t_profile + t_behaviour,
                  "sample_rows": len(mine), "same_missing": bool(same_nan), "max_rel_diff": float(diff), "worst_column": worst,
                  "pandas": pd.__version__}))
