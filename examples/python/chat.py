"""Answers Slack slash commands the way a Flask or FastAPI app embedding disinfo does: sign the
request as Slack would, hand the raw body and headers to `chat.handle`, print the answer."""

import tempfile
import time
import urllib.parse
from pathlib import Path

from disinfo import chat

data = Path(__file__).resolve().parents[1] / "data"
secret = "example-signing-secret"  # Slack app → Basic Information → Signing Secret
config = Path(tempfile.mkdtemp()) / "chat.toml"
config.write_text(
    f"""
[service]
public_url = "https://chat-tools.example.org"

[slack]
signing_secret = "{secret}"

[encyclopedia]
root = "{data / 'encyclopedia'}"
base_url = "https://encyclopedia.example.org/"
""",
    encoding="utf-8",
)

for text in ["fimi", "prebunkng"]:
    body = urllib.parse.urlencode({"user_id": "U1", "command": "/wiki", "text": text}).encode()
    stamp = str(int(time.time()))
    headers = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": chat.sign(secret, stamp, body)}
    answer = chat.handle(config, body, headers, platform="slack")
    print(f"/wiki {text} -> HTTP {answer['status']}: {answer['body']['text']}")
    for card in answer["body"].get("attachments", []):
        print(f"  {card['title']} <{card.get('title_link', '')}>")
        print(f"  {card['text']}")
