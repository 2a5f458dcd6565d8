"""disinfo: tools for the people who fight information manipulation.

- :mod:`disinfo.terms`: extract terms of service compatibly with Open Terms Archive, explain changes.
- :mod:`disinfo.bots`: account features and coordination networks.
- :mod:`disinfo.ads`: audits of political-ad archives.
- :mod:`disinfo.encyclopedia`: validation of an encyclopedia of counter-measures.

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
    DisinfoError,
    EncyclopediaError,
    EncyclopediaValueError,
    InternalError,
    TermsError,
    TermsValueError,
)

__version__: str = _native.version()

__all__ = [
    "__version__",
    "version",
    "build_info",
    "DisinfoError",
    "InternalError",
    "TermsError",
    "TermsValueError",
    "BotsError",
    "BotsValueError",
    "AdsError",
    "AdsValueError",
    "EncyclopediaError",
    "EncyclopediaValueError",
]


def version() -> str:
    """The toolkit version (the same in Rust, Python, Node and the CLI)."""
    return _native.version()


def build_info() -> dict[str, Any]:
    """The version and the tools of this build, each with its status and capabilities."""
    return _native.build_info()
