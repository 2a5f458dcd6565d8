"""The exception tree of disinfo.

Every error raised by the toolkit is a :class:`DisinfoError` with a stable ``.code`` (the same
string as in Rust, Node and the CLI) and the ``.tool`` it comes from. Each tool has its own
subclass, and a ``ValueError`` subclass of it for bad arguments::

    DisinfoError
    ├── DisinfoValueError             also a ValueError: a bad argument no tool owns (an unknown
    │                                 operation)
    ├── InternalError                 code "internal": a bug in disinfo (a caught panic)
    ├── TermsError
    │   └── TermsValueError           also a ValueError
    ├── BotsError
    │   └── BotsValueError            also a ValueError
    ├── AdsError
    │   └── AdsValueError             also a ValueError
    ├── EncyclopediaError
    │   └── EncyclopediaValueError    also a ValueError
    └── ChatError
        └── ChatValueError            also a ValueError
"""

from __future__ import annotations

__all__ = [
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


class DisinfoError(Exception):
    """Base class of every disinfo error.

    Attributes:
        message: what was wrong, where, and what to do.
        code: the stable snake_case error code (``selector_no_match``, ``internal``, ...).
        tool: ``"terms"``, ``"bots"``, ``"ads"``, ``"encyclopedia"``, or ``None`` for internal errors.
    """

    def __init__(self, message: str, code: str, tool: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.tool = tool

    def __reduce__(self) -> tuple[type[DisinfoError], tuple[str, str, str | None]]:
        return (type(self), (self.message, self.code, self.tool))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class DisinfoValueError(DisinfoError, ValueError):
    """A bad argument that belongs to no tool (an unknown operation name)."""


class InternalError(DisinfoError):
    """A bug in disinfo (a panic in the core, caught at the boundary). Please report it."""


class TermsError(DisinfoError):
    """An error of the terms tool."""


class TermsValueError(TermsError, ValueError):
    """A bad argument given to the terms tool."""


class BotsError(DisinfoError):
    """An error of the bots tool."""


class BotsValueError(BotsError, ValueError):
    """A bad argument given to the bots tool."""


class AdsError(DisinfoError):
    """An error of the ads tool."""


class AdsValueError(AdsError, ValueError):
    """A bad argument given to the ads tool."""


class EncyclopediaError(DisinfoError):
    """An error of the encyclopedia tool."""


class EncyclopediaValueError(EncyclopediaError, ValueError):
    """A bad argument given to the encyclopedia tool."""


class ChatError(DisinfoError):
    """An error of the chat commands."""


class ChatValueError(ChatError, ValueError):
    """A bad argument given to the chat commands (a configuration that is not valid)."""
