#!/usr/bin/env bash
# Demo of `disinfo chat serve`: the analysts' slash commands over the bundled example data, asked
# over HTTP as Slack asks them (signed requests) and answered as Slack shows them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOGS="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$LOGS"
}
trap cleanup EXIT

# The versions repository /terms reads (examples/chat/state, kept between runs).
"$ROOT/examples/chat/prepare.sh" >/dev/null

export DISINFO_SLACK_SIGNING_SECRET="demo-signing-secret"
export DISINFO_MATTERMOST_TOKENS="demo-token"
export DISINFO_LINK_SECRET="demo-link-secret"
export DISINFO_ANALYSIS_WEBHOOK="http://127.0.0.1:9/analysis"

echo "\$ disinfo chat serve --config examples/chat/chat.toml --listen 127.0.0.1:0"
disinfo chat serve --config "$ROOT/examples/chat/chat.toml" --listen 127.0.0.1:0 2>"$LOGS/server.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$LOGS/server.log" 2>/dev/null && break
    sleep 0.1
done
URL="$(grep -o 'http://[0-9.:]*' "$LOGS/server.log" | head -1)"
[ -n "$URL" ] || { cat "$LOGS/server.log"; exit 1; }
echo "listening on $URL"

python3 - "$URL" <<'PY'
import hashlib, hmac, json, sys, time, urllib.parse, urllib.request

url = sys.argv[1]

def slack(command, text):
    body = urllib.parse.urlencode({"team_id": "T1", "channel_id": "C1", "user_id": "U1",
                                   "user_name": "analyst", "command": command, "text": text}).encode()
    stamp = str(int(time.time()))
    mac = hmac.new(b"demo-signing-secret", b"v0:" + stamp.encode() + b":" + body, hashlib.sha256)
    request = urllib.request.Request(url + "/slack/commands", data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + mac.hexdigest()})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())

def show(command, text):
    status, body = slack(command, text)
    print(f"\n{command} {text}    (HTTP {status}, {body.get('response_type')})")
    for line in (body.get("text") or "").splitlines()[:6]:
        print("  " + line)
    for card in body.get("attachments", [])[:3]:
        print(f"  ┌ {card['title']}")
        for line in (card.get("text") or "").splitlines()[:4]:
            print(f"  │ {line[:110]}")
        for field in card.get("fields", [])[:6]:
            print(f"  │ {field['title']}: {field['value'][:90]}")
        if card.get("image_url"):
            print(f"  │ chart: {card['image_url'][:80]}…")
        print("  └")

show("/wiki", "fimi")
show("/wiki", "prebunkng")
show("/terms", "Open Terms Archive")
show("/bots", "eu_news_247")
show("/bots", "shared #EU2019")
show("/ads", "europe")
show("/scale", "FR 12k")
show("/scale", "FRA lots")
PY
