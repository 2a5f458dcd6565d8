#!/usr/bin/env bash
# Demo of `disinfo terms diff` and `disinfo terms history` on two recorded versions of Open Terms
# Archive's imprint (examples/data/terms/versions, ODC-By).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$ROOT/examples/data/terms/versions"

echo "\$ disinfo terms diff imprint-2025.md imprint-2026-01-28.md --format markdown   (first 25 lines)"
(cd "$DATA" && disinfo terms diff imprint-2025.md imprint-2026-01-28.md --format markdown || true) | head -25

# An OTA-layout versions repository, written as OTA's engine does (git add + commit at the fetch date).
REPO="$(mktemp -d)"
trap 'rm -rf "$REPO"' EXIT
git -C "$REPO" init -q
mkdir -p "$REPO/Open Terms Archive"
commit() {
    cp "$1" "$REPO/Open Terms Archive/Imprint.md"
    git -C "$REPO" add .
    GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git -C "$REPO" -c user.name=OTA-Bot -c user.email=bot@opentermsarchive.org \
        commit -q -m "$3 Open Terms Archive Imprint" -m "This version was recorded after extracting from snapshot f7057809c1"
}
commit "$DATA/imprint-2025.md" 2025-06-01T12:00:00Z "First record of"
commit "$DATA/imprint-2026-01-28.md" 2026-01-28T12:30:21Z "Record new changes of"
echo
echo "\$ disinfo terms history REPO --format markdown"
disinfo terms history "$REPO" --format markdown
