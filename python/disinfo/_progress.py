"""``progress=`` of the long calls (``terms.extract_batch``, ``terms.replay``, ``terms.track``,
``ads.audit``): ``True`` draws a bar — tqdm's (``tqdm.auto``, a widget in notebooks) when tqdm is
installed, a one-line bar on a terminal's standard error otherwise — and any tqdm-like object
(a ``total`` attribute and an ``update(n)`` method) is advanced instead.

The core reports from its worker threads; the extension redraws at most ten times a second.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any, Protocol, Union, runtime_checkable

from disinfo import errors


@runtime_checkable
class ProgressBar(Protocol):
    """What a ``progress=`` object needs: tqdm's ``total`` and ``update``."""

    total: Any

    def update(self, n: int = 1) -> Any: ...


ProgressArg = Union[bool, ProgressBar, None]
"""``False``/``None`` (no bar), ``True`` (a bar), or a tqdm-like object."""


class TerminalBar:
    """The bar of ``progress=True`` without tqdm: ``description done/total`` redrawn in place on
    standard error when it is a terminal, nothing otherwise (logs stay clean)."""

    def __init__(self, description: str) -> None:
        self.description = description
        self.total: int = 0
        self.n = 0
        self._live = sys.stderr.isatty()

    def update(self, n: int = 1) -> None:
        self.n += n
        self.refresh()

    def refresh(self) -> None:
        if self._live:
            total = f"/{self.total}" if self.total else ""
            sys.stderr.write(f"\r{self.description}: {self.n}{total}")
            sys.stderr.flush()

    def close(self) -> None:
        if self._live:
            sys.stderr.write("\n")
            sys.stderr.flush()


def default_bar(description: str) -> Any:
    """tqdm's automatic bar when tqdm is installed, else :class:`TerminalBar`."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return TerminalBar(description)
    return tqdm(desc=description, total=None)


@contextlib.contextmanager
def observer(progress: ProgressArg, description: str) -> Iterator[Any]:
    """The object the extension advances for one call (``None`` for no progress); a bar made
    here is closed when the call ends, one given by the caller is left open."""
    if progress is None or progress is False:
        yield None
        return
    if progress is True:
        bar = default_bar(description)
        try:
            yield bar
        finally:
            bar.close()
        return
    if not isinstance(progress, ProgressBar):
        tool = description.split(".")[0]
        error = getattr(errors, f"{tool.capitalize()}ValueError", errors.DisinfoValueError)
        raise error(
            "invalid argument `progress`: must be True, False or an object with `total` and "
            f"`update(n)` (a tqdm bar), found {type(progress).__name__}",
            "invalid_argument",
            tool,
        )
    yield progress
