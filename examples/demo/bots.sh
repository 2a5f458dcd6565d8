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
echo
echo "\$ disinfo bots coordinate coordination/qut_sample_data.csv --input-format qut-csv --kind co-link --window 3600 --communities --format json   (summary)"
disinfo bots coordinate "$DATA/coordination/qut_sample_data.csv" --input-format qut-csv --kind co-link \
    --window 3600 --communities --format json 2>/dev/null | python3 -c '
import json, sys
r = json.load(sys.stdin)
a = r["analysis"]
print("  %d accounts, %d directed edges, modularity %.3f" % (len(r["nodes"]), len(r["edges"]), a["modularity"]))
for e in sorted(r["edges"], key=lambda e: -e["symmetric_weight"])[:3]:
    print("  account %s <-> account %s: %d co-links within an hour" % (e["source"], e["target"], e["symmetric_weight"]))
'
