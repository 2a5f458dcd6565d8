#!/usr/bin/env bash
# Demo of `disinfo ads audit` and `disinfo ads search` on the bundled example collections.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
META="$ROOT/examples/data/ads/meta-fr"
GOOGLE="$ROOT/examples/data/ads/google-fr"

echo "\$ disinfo ads audit examples/data/ads/meta-fr/{2019-05-20,2019-05-27,2019-06-03} --format markdown   (pairs and findings)"
status=0
report="$(disinfo ads audit "$META/2019-05-20" "$META/2019-05-27" "$META/2019-06-03" --format markdown)" || status=$?
printf '%s\n' "$report" | sed -n '/^## Pairs/,/^## Field coverage/p' | sed '$d'
echo "(exit status $status: 1 means a violation was found)"
echo
echo "\$ disinfo ads audit examples/data/ads/google-fr/week-{1,2} --format csv --table pairs"
disinfo ads audit "$GOOGLE/week-1" "$GOOGLE/week-2" --format csv --table pairs || true
echo
echo "\$ disinfo ads search sondage examples/data/ads/meta-fr/*   (matched ads and where they went)"
disinfo ads search sondage "$META/2019-05-20" "$META/2019-05-27" "$META/2019-06-03" | \
    python3 -c '
import json, sys
for a in json.load(sys.stdin)["ads"]:
    print("ad", a["ad"]["id"], "matched in", a["matched_in"], "missing from", a["missing_from"])
'
