#!/usr/bin/env bash
# Demo of `disinfo encyclopedia check` and `migrate` on the bundled example corpus.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$ROOT/examples/data/encyclopedia"
PLANTED="$ROOT/tests/golden/cases/encyclopedia-planted-defects/corpus"

echo "\$ disinfo encyclopedia check examples/data/encyclopedia --format text"
disinfo encyclopedia check "$DATA" --format text
echo
echo "\$ disinfo encyclopedia check <the same corpus with 20 planted defects> --format text   (first 16 lines)"
status=0
report="$(disinfo encyclopedia check "$PLANTED" --format text)" || status=$?
printf '%s\n' "$report" | sed -n '1,16p'
echo "..."
printf '%s\n' "$report" | tail -n 1
echo "(exit status $status: any error makes the check fail)"

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
echo
echo "\$ disinfo encyclopedia migrate examples/data/encyclopedia/_old-layout NEW --created 2024-05-01"
summarise() {
    python3 -c "$(cat <<'PY'
import json, sys
r = json.load(sys.stdin)
print(str(r["pages"]) + " pages -> " + str(len(r["entries"])) + " entries")
for e in r["entries"]:
    print("  wrote " + e["path"])
print("could not map:")
for u in r["unmapped"]:
    print("  " + u["file"] + ":" + str(u["line"]) + ": " + u["reason"])
PY
)"
}
disinfo encyclopedia migrate "$DATA/_old-layout" "$OUT/new" --created 2024-05-01 | summarise
echo
echo "\$ disinfo encyclopedia check NEW --format text   (what is left to fix by hand)"
disinfo encyclopedia check "$OUT/new" --format text || true
