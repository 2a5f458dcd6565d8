"""The chat router embedded in a Python web app: `disinfo.chat.handle` behind a real HTTP server on
127.0.0.1 (the standard library's, standing in for Flask or FastAPI), with the "Send to analysis"
card delivered to a second local server acting as the qualification channel's incoming webhook."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import disinfo
from disinfo import chat

ROOT = Path(__file__).resolve().parents[2]
SECRET = "python-test-signing-secret"
TOKEN = "python-test-token"


class Webhook(BaseHTTPRequestHandler):
    """Records every JSON post (the analysis channel)."""

    received: list[Any] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length", "0"))
        Webhook.received.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def make_app(config: Path) -> type[BaseHTTPRequestHandler]:
    class App(BaseHTTPRequestHandler):
        """What an embedding app does: hand the raw body and headers to the router."""

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            platform = "slack" if self.path.startswith("/slack") else None
            options: chat.HandleOptions = {"platform": platform} if platform else {}
            answer = chat.handle(config, body, dict(self.headers.items()), **options)
            payload = json.dumps(answer["body"]).encode()
            self.send_response(answer["status"])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    return App


def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def webhook() -> Iterator[str]:
    Webhook.received = []
    yield from serve(Webhook)


@pytest.fixture()
def app(tmp_path: Path, webhook: str) -> Iterator[str]:
    config = tmp_path / "chat.toml"
    config.write_text(
        f"""
[service]
public_url = "https://chat.example.org"
link_secret = "python-test-link-secret"

[slack]
signing_secret = "{SECRET}"

[mattermost]
tokens = ["{TOKEN}"]

[analysis]
webhook = "{webhook}/hooks/qualification"
channel = "~qualification"

[encyclopedia]
root = "{ROOT / 'examples' / 'data' / 'encyclopedia'}"
base_url = "https://encyclopedia.example.org/"
""",
        encoding="utf-8",
    )
    yield from serve(make_app(config))


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_a_mattermost_command_with_its_token_is_answered(app: str) -> None:
    status, body = post(f"{app}/mattermost", form(token=TOKEN, user_id="u1", command="/wiki", text="fimi"), FORM)
    assert status == 200
    assert body["response_type"] == "in_channel"
    assert "FIMI" in json.dumps(body)


def test_a_wrong_token_or_a_forged_slack_signature_is_refused(app: str) -> None:
    status, body = post(f"{app}/mattermost", form(token="guess", command="/help"), FORM)
    assert (status, body["response_type"]) == (401, "ephemeral")
    raw = form(user_id="U1", command="/help", text="")
    stamp = str(int(time.time()))
    headers = {**FORM, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": chat.sign("another secret", stamp, raw)}
    status, _ = post(f"{app}/slack/commands", raw, headers)
    assert status == 401


def test_a_signed_slack_command_is_answered(app: str) -> None:
    raw = form(user_id="U1", team_id="T1", channel_id="C1", command="/help", text="wiki")
    stamp = str(int(time.time()))
    headers = {**FORM, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": chat.sign(SECRET, stamp, raw)}
    status, body = post(f"{app}/slack/commands", raw, headers)
    assert status == 200
    assert "/wiki <term>" in body["text"]


def test_send_to_analysis_forwards_the_card_to_the_webhook(app: str) -> None:
    _, answer = post(f"{app}/mattermost", form(token=TOKEN, user_id="u1", command="/wiki", text="fimi"), FORM)
    action = answer["attachments"][0]["actions"][0]["integration"]
    assert action["url"] == "https://chat.example.org/actions"
    press = {"user_id": "u1", "user_name": "ana", "channel_id": "c1", "context": action["context"]}
    status, body = post(f"{app}/actions", json.dumps(press).encode(), {"Content-Type": "application/json"})
    assert status == 200
    assert body["ephemeral_text"] == "Sent to ~qualification by @ana."
    assert len(Webhook.received) == 1
    assert "@ana" in Webhook.received[0]["text"]
    assert Webhook.received[0]["attachments"][0]["title"] == answer["attachments"][0]["title"]


def test_a_tampered_card_is_refused(app: str) -> None:
    _, answer = post(f"{app}/mattermost", form(token=TOKEN, user_id="u1", command="/wiki", text="fimi"), FORM)
    context = answer["attachments"][0]["actions"][0]["integration"]["context"]
    context["card"] = context["card"].replace("FIMI", "Something else")
    press = {"user_id": "u1", "context": context}
    status, _ = post(f"{app}/actions", json.dumps(press).encode(), {"Content-Type": "application/json"})
    assert status == 401
    assert Webhook.received == []


def test_bad_arguments_are_typed_errors(tmp_path: Path) -> None:
    bad = tmp_path / "chat.toml"
    bad.write_text("[mattermost]\ntokenz = []\n", encoding="utf-8")
    with pytest.raises(disinfo.ChatValueError) as caught:
        chat.handle(bad, b"command=%2Fhelp", {})
    assert caught.value.code == "config_invalid"
    with pytest.raises(disinfo.DisinfoError) as io:
        chat.handle(tmp_path / "missing.toml", b"", {})
    assert io.value.code == "io"
    with pytest.raises(ValueError):
        chat.handle(bad, b"", {}, now="yesterday")
