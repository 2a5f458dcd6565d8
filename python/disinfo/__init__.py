"""disinfo: tools for the people who fight information manipulation.

- :mod:`disinfo.terms`: extract terms of service compatibly with Open Terms Archive, explain changes.
- :mod:`disinfo.bots`: account features and coordination networks.
- :mod:`disinfo.ads`: audits of political-ad archives.
- :mod:`disinfo.encyclopedia`: validation of an encyclopedia of counter-measures.
- :mod:`disinfo.chat`: the analysts' slash commands for Mattermost and Slack, to embed in a web app.

Every error is a :class:`disinfo.DisinfoError` with a stable ``.code``.
"""

from __future__ import annotations

from typing import Any

from disinfo import _native
from disinfo.errors import (
    AdsError,
    AdsValueError,
    BotsError,
    BotsValueError,
    ChatError,
    ChatValueError,
    DisinfoError,
    DisinfoValueError,
    EncyclopediaError,
    EncyclopediaValueError,
    InternalError,
    TermsError,
    TermsValueError,
)

__version__: str = _native.call("core.version", [], None)

__all__ = [
    "__version__",
    "version",
    "build_info",
    "DisinfoError",
    "DisinfoValueError",
    "InternalError",
    "TermsError",
    "TermsValueError",
    "BotsError",
    "BotsValueError",
    "AdsError",
    "AdsValueError",
    "EncyclopediaError",
    "EncyclopediaValueError",
    "ChatError",
    "ChatValueError",
]


def version() -> str:
    """The toolkit version (the same in Rust, Python, Node and the CLI)."""
    result: str = _native.call("core.version", [], None)
    return result


def build_info() -> dict[str, Any]:
    """The version and the tools of this build, each with its status and capabilities."""
    result: dict[str, Any] = _native.call("core.build_info", [], None)
    return result
