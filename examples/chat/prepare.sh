#!/usr/bin/env bash
# Records the versions repository that /terms reads in the example chat configuration
# (`[terms] versions = "state/versions"` in chat.toml).
#
#   examples/chat/prepare.sh [DIR]      DIR: where `versions` and `snapshots` go (default: examples/chat/state)
#
# 1. Rebuilds a snapshots repository from examples/data/terms/replay/snapshots.json: twelve real
#    captures of Open Terms Archive's imprint, each committed with the date and message OTA wrote.
# 2. Replays it with the example declarations (`disinfo terms replay`) into DIR/versions: a versions
#    repository in OTA's layout with "Open Terms Archive" / "Imprint" recorded several times.
#
# The `disinfo` command is `$DISINFO_CLI` when set, else the one on PATH, else the workspace's
# debug build. Idempotent: a DIR that already holds both repositories is left as it is (remove it
# to record again). Needs git and python3 (to read the JSON list).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="$root/examples/data/terms/replay"
state="${1:-$here/state}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
snapshots="$state/snapshots"
versions="$state/versions"

if [[ -n "${DISINFO_CLI:-}" ]]; then
  cli="$DISINFO_CLI"
elif command -v disinfo >/dev/null 2>&1; then
  cli="disinfo"
elif [[ -x "$root/target/debug/disinfo" ]]; then
  cli="$root/target/debug/disinfo"
else
  echo "prepare.sh: no disinfo command: set DISINFO_CLI, put disinfo on PATH or run cargo build -p disinfo-cli" >&2
  exit 2
fi

# A repository is complete once its HEAD names a commit (an interrupted run leaves none).
complete() { git -C "$1" rev-parse --verify --quiet HEAD >/dev/null 2>&1; }

if complete "$snapshots" && complete "$versions"; then
  echo "prepare.sh: $versions is already there (remove $state to record it again)"
  exit 0
fi

# Leftovers of an interrupted run are recorded again from scratch.
rm -rf "$snapshots" "$versions"
tmp="$(mktemp -d "$state/.snapshots.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# The user's git configuration (hooks, signing, templates) must not change the commits.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
git -C "$tmp" init -q
# One line per snapshot (file, content, date, tab-separated) and its message in a file of its own
# (messages span lines: trailers).
python3 - "$data/snapshots.json" "$tmp/.messages" <<'EOF' >"$tmp/.list"
import json, os, sys
os.mkdir(sys.argv[2])
for i, entry in enumerate(json.load(open(sys.argv[1], encoding="utf-8"))):
    with open(os.path.join(sys.argv[2], str(i)), "w", encoding="utf-8") as f:
        f.write(entry["message"])
    print("\t".join([entry["file"], entry["content"], entry["date"]]))
EOF
i=0
while IFS=$'\t' read -r file content date; do
  mkdir -p "$tmp/$(dirname "$file")"
  cp "$data/$content" "$tmp/$file"
  git -C "$tmp" add -- "$file"
  GIT_AUTHOR_NAME="Open Terms Archive Bot" GIT_AUTHOR_EMAIL="bot@opentermsarchive.org" \
  GIT_COMMITTER_NAME="Open Terms Archive Bot" GIT_COMMITTER_EMAIL="bot@opentermsarchive.org" \
  GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" \
    git -C "$tmp" commit -q --cleanup=verbatim -F "$tmp/.messages/$i"
  i=$((i + 1))
done <"$tmp/.list"
rm -rf "$tmp/.list" "$tmp/.messages"
mv "$tmp" "$snapshots"
trap - EXIT

# Two snapshots fail with the declaration in force at their date (see the replay README): the
# replay reports them and exits 1, which is expected here; anything else is a failure.
status=0
"$cli" terms replay --quiet \
  --declarations "$data/declarations" \
  --snapshots "$snapshots" \
  --versions "$versions" || status=$?
if [[ $status -gt 1 ]] || ! complete "$versions"; then
  echo "prepare.sh: the replay into $versions failed (exit $status)" >&2
  exit 2
fi
echo "prepare.sh: recorded $versions"
