"""Chat: the analysts' slash commands for Mattermost and Slack (verify, authorise, answer),
for web apps that embed the router without disinfo's server.

Every function returns plain Python objects with the same JSON shape as the Rust API, the Node
package and the CLI; errors are :class:`disinfo.DisinfoError` subclasses with a stable ``.code``.

Generated from the operation specs of the Rust core (crates/disinfo/src/api). Do not edit:
run `DISINFO_UPDATE_GENERATED=1 cargo test -p disinfo --test generated` after changing them.
"""

from __future__ import annotations

import datetime
import os
from typing import Any, Callable, Literal, Mapping, Sequence, Union, cast

from typing_extensions import NotRequired, TypedDict, Unpack

from disinfo import _native

__all__ = [
    "handle",
    "page",
    "sign",
    "commands",
    "CommandInfo",
    "DeliveryReport",
    "HandleOptions",
    "HandleResult",
    "PageResult",
    "Platform",
    "UsageLine",
    "StrPath",
    "TimeLike",
]

StrPath = Union[str, "os.PathLike[str]"]
"""A file system path: a ``str`` or an ``os.PathLike`` such as ``pathlib.Path``."""

TimeLike = Union[str, "datetime.datetime"]
"""A date-time: RFC 3339 text (``2024-05-01T00:00:00Z``) or a timezone-aware ``datetime``."""

# --- types ---------------------------------------------------------------------------

class CommandInfo(TypedDict):
    """One command: its name, what it is for and how to type it."""

    name: str
    """Its name (`bots`), typed `/bots`."""
    summary: str
    """What it is for."""
    usage: list[UsageLine]
    """The ways to type it, each with what it does."""

class DeliveryReport(TypedDict):
    """A post the answer called for, and what became of it."""

    body: Any
    """The JSON posted."""
    error: str | None
    """Why it failed (code `delivery_failed`'s message), when it did."""
    status: int | None
    """The HTTP status received, when it was delivered."""
    url: str
    """Where it went."""

class HandleOptions(TypedDict):
    """Options of `handle`."""

    deliver: NotRequired[bool]
    """Whether to make the answer's posts (forwarded cards, message updates) before returning
    (default true); when false they are returned undelivered for the caller to post.
    """
    now: NotRequired[str | None]
    """The time the request is checked at (RFC 3339); the current time when omitted. Slack
    signatures older than five minutes are refused.
    """
    platform: NotRequired[Platform | None]
    """The platform the endpoint is for (`slack` or `mattermost`); detected when omitted (a
    Slack signature header means Slack).
    """

class HandleResult(TypedDict):
    """The answer to a chat request: send `body` as JSON with `status`."""

    body: Any
    """The JSON body (`response_type`, `text`, `attachments`, ...)."""
    deliveries: list[DeliveryReport]
    """The posts the answer called for (made already unless `deliver` was false)."""
    status: int
    """The HTTP status: 200 for answers (errors in what the user typed included), 400 for a body
    that cannot be read, 401 for a request not from the platform, 403 for a command not open to
    this user, channel or team, 413 for a body over the limit.
    """

class PageResult(TypedDict):
    """A page the service links to (a chart, a diff, a full result), as an embedding app serves it
    under `{public_url}/pages/{name}`.
    """

    body_base64: str
    """The body, base64-encoded (PNG charts are binary)."""
    content_type: str
    """`image/png`, `text/html; charset=utf-8` or `text/plain; charset=utf-8`."""
    status: int
    """200, or 400/403/404 (with a plain-text body saying why)."""

Platform = Literal["slack", "mattermost"]
"""Which platform sent a request."""

class UsageLine(TypedDict):
    """A way to type a command."""

    description: str
    """What it answers."""
    syntax: str
    """`/bots <account>`."""


# --- operations ----------------------------------------------------------------------


def handle(config: StrPath, body: bytes | str, headers: dict[str, str], **options: Unpack[HandleOptions]) -> HandleResult:
    """Answer one chat request — a Slack or Mattermost slash command, or a "Send to analysis" button press — with the router of a configuration file: verify it (Slack's v0 signature within five minutes, or Mattermost's command token, in constant time), check who may run the command, run it and return the HTTP answer (`status`, JSON `body`) to send back, with the posts it called for (`deliveries`: forwarded cards, message updates). The router is loaded once per configuration file and reloaded when the file changes. Commands that take long run to the end here: a web app that must answer within Slack's 3 seconds runs this in the background and posts the body to the request's `response_url`.

    Args:
        config: The service's TOML configuration file.
        body: The request's raw body, exactly as received.
        headers: The request's headers (names in any case).

    Options are the keys of :class:`HandleOptions`.
    """
    return cast("HandleResult", _native.call("chat.handle", [config, body, headers], options))


def page(config: StrPath, name: str, query: str) -> PageResult:
    """Serve a page the answers link to (`chart.png`, `diff.html`, `full.txt`) from the query string of its link (signature included): what an app that embeds `handle` serves under `{public_url}/pages/{name}`. A link the service did not give out is refused with 403.

    Args:
        config: The service's TOML configuration file.
        name: The page's name (the path segment after `/pages/`).
        query: The link's query string (after `?`).
    """
    return cast("PageResult", _native.call("chat.page", [config, name, query], None))


def sign(secret: str, timestamp: str, body: bytes | str) -> str:
    """Slack's v0 signature of a request body sent at `timestamp` (Unix seconds): `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` under the signing secret — the `X-Slack-Signature` header of a genuine request (for tests, load generators and clients).

    Args:
        secret: The signing secret.
        timestamp: Unix seconds, as sent in `X-Slack-Request-Timestamp`.
        body: The raw body.
    """
    return cast("str", _native.call("chat.sign", [secret, timestamp, body], None))


def commands() -> list[CommandInfo]:
    """The commands the router answers, each with its summary and usage lines (what to register in Mattermost or Slack; `/help` shows the same)."""
    return cast("list[CommandInfo]", _native.call("chat.commands", [], None))
