"""Signed Slack slash-command requests for wrk (benches/chat/run).

    python3 requests.py SECRET COMMAND OUT N TEXT...

Writes N lines `timestamp<TAB>signature<TAB>body` to OUT: Slack's v0 signatures
(HMAC-SHA256 of `v0:{timestamp}:{body}` under the signing secret) at one timestamp, now,
so the requests stay valid for Slack's five-minute window; the texts and the user ids
(1,000 of them) cycle. wrk's Lua reads them once (load.lua) and sends them in turn.
"""

import hashlib
import hmac
import sys
import time
import urllib.parse


def main() -> None:
    secret, command, out, n, *texts = sys.argv[1:]
    timestamp = str(int(time.time()))
    with open(out, "w", encoding="utf-8") as f:
        for i in range(int(n)):
            body = urllib.parse.urlencode({
                "token": "unused",
                "team_id": "T0BENCH",
                "team_domain": "bench",
                "channel_id": "C0BENCH",
                "channel_name": "bench",
                "user_id": f"U{i % 1000:04d}",
                "user_name": f"analyst{i % 1000}",
                "command": command,
                "text": texts[i % len(texts)],
                "response_url": "",
            })
            base = f"v0:{timestamp}:{body}".encode()
            signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
            f.write(f"{timestamp}\t{signature}\t{body}\n")


if __name__ == "__main__":
    main()
