"""Terms of service: extraction compatible with Open Terms Archive, versions and explained diffs.

Every function returns plain Python objects with the same JSON shape as the Rust API, the Node
package and the ``disinfo terms`` CLI. Errors are :class:`disinfo.TermsError` (bad arguments:
:class:`disinfo.TermsValueError`) with a stable ``.code``.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from disinfo import _native

# --- extraction and declarations (issue 3) go above this line ---

# --- diffs, versions, history (issue 4) ---

Granularity = Literal["line", "word", "char"]
DiffFormat = Literal["text", "markdown", "html"]


def diff(
    old: str,
    new: str,
    *,
    granularity: Granularity = "word",
    detect_moves: bool = True,
    old_name: str = "old",
    new_name: str = "new",
    context_lines: int = 3,
) -> dict[str, Any]:
    """Explain what changed between two versions.

    Returns a dict with ``classification`` (``formatting``, ``editorial``, ``link`` or
    ``substantive``), ``reason``, ``identical``, ``stats`` and ``changes``; each change has
    ``kind`` (``insert``, ``delete``, ``replace``, ``move``), ``classification``, ``reason``,
    ``heading_path`` (list of heading texts) and ``old``/``new`` sides (``text`` and ``span`` with
    byte ``start``/``end``, 1-based ``line`` and ``column``).
    """
    result: dict[str, Any] = _native.terms_diff(
        old,
        new,
        granularity=granularity,
        detect_moves=detect_moves,
        old_name=old_name,
        new_name=new_name,
        context_lines=context_lines,
    )
    return result


def diff_render(
    old: str,
    new: str,
    *,
    format: DiffFormat = "html",
    granularity: Granularity = "word",
    detect_moves: bool = True,
    old_name: str = "old",
    new_name: str = "new",
    context_lines: int = 3,
) -> str:
    """Render the diff of two versions as unified ``text``, a ``markdown`` report or a
    self-contained side-by-side ``html`` page."""
    result: str = _native.terms_diff_render(
        old,
        new,
        format=format,
        granularity=granularity,
        detect_moves=detect_moves,
        old_name=old_name,
        new_name=new_name,
        context_lines=context_lines,
    )
    return result


def services(repo: str | os.PathLike[str]) -> dict[str, list[str]]:
    """The services of an OTA-layout versions repository and, for each, its terms types."""
    result: dict[str, list[str]] = _native.terms_services(os.fspath(repo))
    return result


def versions(repo: str | os.PathLike[str], service: str, terms_type: str) -> list[dict[str, Any]]:
    """The versions of one document, oldest first: ``id``, ``date``, ``kind``, ``snapshot_ids``..."""
    result: list[dict[str, Any]] = _native.terms_versions(os.fspath(repo), service, terms_type)
    return result


def version_at(repo: str | os.PathLike[str], service: str, terms_type: str, date: str) -> dict[str, Any]:
    """The version in force at ``date`` (RFC 3339, or a day ``YYYY-MM-DD`` read as its end) and its
    text: ``{"version": {...}, "text": "..."}``."""
    result: dict[str, Any] = _native.terms_version_at(os.fspath(repo), service, terms_type, date)
    return result


def history(
    repo: str | os.PathLike[str],
    *,
    service: str | None = None,
    terms_type: str | None = None,
    include_diffs: bool = False,
    granularity: Granularity = "word",
) -> dict[str, Any]:
    """The history of a versions repository: each document's versions, the classified change
    between consecutive versions, and statistics (versions per year, share of substantive changes)."""
    result: dict[str, Any] = _native.terms_history(
        os.fspath(repo),
        service=service,
        terms_type=terms_type,
        include_diffs=include_diffs,
        granularity=granularity,
    )
    return result
