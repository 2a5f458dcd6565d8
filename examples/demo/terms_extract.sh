#!/usr/bin/env bash
# Demo of `disinfo terms extract` on a snapshot Open Terms Archive captured (examples/data/terms/extract, ODC-By).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$ROOT/examples/data/terms/extract"
cd "$ROOT"

echo "\$ disinfo terms extract imprint.html --url https://opentermsarchive.org/en/legal-notice --select .textcontent   (first 12 lines)"
disinfo terms extract "$DATA/imprint.html" --url https://opentermsarchive.org/en/legal-notice --select .textcontent | head -12
echo
echo "\$ disinfo terms extract imprint.html --declaration 'Open Terms Archive.json' --terms-type Imprint --flavor canonical   (first 6 lines)"
disinfo terms extract "$DATA/imprint.html" --declaration "$DATA/Open Terms Archive.json" --terms-type Imprint --flavor canonical | head -6
echo
echo "\$ disinfo terms extract-batch jobs.jsonl   (markdown sizes)"
disinfo terms extract-batch "$DATA/jobs.jsonl" --quiet 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print("  " + r["id"] + ": " + (str(len(r["markdown"])) + " characters" if "markdown" in r else r["error"]["code"]))
'
echo
echo "\$ disinfo terms validate 'Open Terms Archive.json'"
disinfo terms validate "$DATA/Open Terms Archive.json"
