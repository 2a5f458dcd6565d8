#!/usr/bin/env bash
# Demo of the citizens' review: a campaign built from the bundled Meta collections, its ads in the
# order reviewers get them, and the agreement of three reviewers' answers
# (examples/data/ads/review/answers.csv, written for the demo: not real reviewers' answers).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
META=examples/data/ads/meta-fr
ANSWERS=examples/data/ads/review/answers.csv

echo "\$ disinfo ads review init --campaign $DIR --id fr-2019 $META/{2019-05-20,2019-05-27,2019-06-03}"
disinfo ads review init --campaign "$DIR" --id fr-2019 "$META/2019-05-20" "$META/2019-05-27" "$META/2019-06-03"
echo
echo "\$ python3 ...   (the campaign's ads in the reviewers' order: disappeared, changed, then the others)"
python3 - "$DIR/campaign.json" <<'PY'
import json, sys
for ad in json.load(open(sys.argv[1], encoding="utf-8"))["ads"]:
    print("%-11s %s  %-34s %s" % (ad["status"], ad["item"], ad["payer"], ad["texts"][0]["text"]))
PY
echo
echo "\$ disinfo ads review export --campaign $DIR $ANSWERS --format csv --table agreement"
disinfo ads review export --campaign "$DIR" "$ANSWERS" --format csv --table agreement
echo
echo "\$ disinfo ads review agreement $ANSWERS --question nature"
disinfo ads review agreement "$ANSWERS" --question nature
