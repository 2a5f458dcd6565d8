#!/usr/bin/env bash
# Demo of `disinfo bots features` and `disinfo bots rule` on invented tweets in the Twitter API v1.1
# shape (examples/data/bots, see its README).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$ROOT/examples/data/bots"

echo "\$ disinfo bots features tweets.jsonl --input-format twitter-v1   (a few columns)"

disinfo bots features "$DATA/tweets.jsonl" --input-format twitter-v1 | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
cols = ["handle", "age_h", "posts_per_hour", "followers_following_ratio", "handle_likelihood", "repost_share", "top_repost_source_share"]
print("  ".join(f"{c[:22]:>22}" for c in cols))
for r in rows:
    cells = []
    for c in cols:
        v = r[c]
        text = v if c == "handle" else (f"{float(v):.4f}" if v else "(missing)")
        cells.append(text.rjust(22))
    print("  ".join(cells))
'
echo
echo "\$ disinfo bots rule tweets.jsonl --input-format twitter-v1 --rule dormant_2019"
disinfo bots rule "$DATA/tweets.jsonl" --input-format twitter-v1 --rule dormant_2019 | python3 -c '
import json, sys
r = json.load(sys.stdin)
name, passed, total = r["rule"]["name"], r["passed"], len(r["outcomes"])
print(f"  rule {name}: {passed} of {total} accounts pass")
for o in r["outcomes"]:
    why = "; ".join(o["failed"] + o["undefined"])
    print("  " + o["account_id"].rjust(6) + "  " + o["verdict"].ljust(9) + " " + why)
' || true
echo
echo "\$ disinfo bots rule users.jsonl --input-format twitter-v1 --rule dormant_2019 --observed-at 2019-05-27T00:00:00Z   (0 followers, 0 following)"
disinfo bots rule "$DATA/users.jsonl" --input-format twitter-v1 --rule dormant_2019 --observed-at 2019-05-27T00:00:00Z \
    | python3 -c 'import json, sys; o = json.load(sys.stdin)["outcomes"][0]; print("  " + o["account_id"] + ": " + o["verdict"] + " (" + "; ".join(o["undefined"]) + ")")' || true
