"""Terms of service: extraction compatible with Open Terms Archive, versions and explained diffs.

Every function returns plain Python objects with the same JSON shape as the Rust API, the Node
package and the ``disinfo terms`` CLI. Errors are :class:`disinfo.TermsError` (bad arguments:
:class:`disinfo.TermsValueError`) with a stable ``.code``.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Literal

from disinfo import _native

# --- extraction and declarations ---

Flavor = Literal["ota"] | Literal["canonical"]  # a runtime Union, as stubtest expects
Selector = Any  # a CSS selector str, a range dict, or a list of both (OTA's syntax)


def extract(
    content: bytes | str,
    *,
    location: str,
    select: Selector,
    remove: Selector | None = None,
    flavor: Flavor = "ota",
    mime_type: str | None = None,
    filters: list[Any] | None = None,
    before: Callable[[str], str] | None = None,
    after: Callable[[str], str] | None = None,
    max_bytes: int | None = None,
    max_depth: int | None = None,
) -> str:
    """Extract the Markdown version of one snapshot, as Open Terms Archive does.

    ``select``/``remove`` take OTA's syntax: a CSS selector, a range dict
    (``{"startBefore": "h1", "endAfter": "footer"}``) or a list of both. ``flavor="ota"`` gives
    byte-identical output to OTA's engine; ``"canonical"`` our cleaner form. ``before`` receives
    the decoded HTML and returns the HTML to use; ``after`` receives the Markdown. PDF snapshots
    (``mime_type="application/pdf"`` or ``%PDF-`` content) become Markdown paragraphs.
    """
    return _native.terms_extract(
        content,
        location=location,
        select=select,
        remove=remove,
        flavor=flavor,
        mime_type=mime_type,
        filters=filters,
        before=before,
        after=after,
        max_bytes=max_bytes,
        max_depth=max_depth,
    )


def extract_declared(
    contents: list[bytes | str],
    *,
    declaration: str | os.PathLike[str],
    terms_type: str,
    at: str | None = None,
    flavor: Flavor = "ota",
    mime_type: str | None = None,
) -> str:
    """Extract terms declared in an OTA service file: one snapshot per source document, joined
    with OTA's ``\n\n- - -\n\n``; ``at`` (RFC 3339) picks the declaration in force then."""
    return _native.terms_extract_declared(
        list(contents),
        declaration=os.fspath(declaration),
        terms_type=terms_type,
        at=at,
        flavor=flavor,
        mime_type=mime_type,
    )


def extract_batch(jobs: list[dict[str, Any]], *, flavor: Flavor = "ota") -> list[dict[str, Any]]:
    """Extract many snapshots in parallel (the GIL is released). Each job is
    ``{"id"?, "snapshot" (path) | "content", "url", "select", "remove"?, "mime_type"?}``; each
    result ``{"id", "markdown"}`` or ``{"id", "error": {"code", "message"}}``, in input order."""
    return _native.terms_extract_batch(jobs, flavor=flavor)


def parse_declaration(text: str, *, file: str = "<input>") -> dict[str, Any]:
    """Parse and validate an OTA service declaration (JSON text) against OTA's schema."""
    return _native.terms_parse_declaration(text, file=file)


def load_declaration(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Load ``<Service>.json`` (and ``<Service>.history.json`` beside it)."""
    return _native.terms_load_declaration(os.fspath(path))


def validate_directory(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Load every declaration of a directory: counts, loaded ids, rejected files with reasons."""
    return _native.terms_validate_directory(os.fspath(path))



# --- diffs, versions, history ---

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


def track(
    declarations: str | os.PathLike[str],
    versions: str | os.PathLike[str],
    snapshots: str | os.PathLike[str],
    *,
    service: str | None = None,
    terms_type: str | None = None,
    user_agent: str | None = None,
    timeout_ms: int = 30_000,
    retries: int = 2,
    max_bytes: int = 50 * 1024 * 1024,
    snapshot_id_template: str = "%SNAPSHOT_ID",
    now: str | None = None,
) -> dict[str, Any]:
    """Track a directory of OTA declarations once: fetch each source document, store the snapshot
    when its bytes changed, extract, record a version when the text changed (both repositories in
    OTA's git layout, created when missing).

    Returns ``{"services", "rejected", "report": {"date", "events", "counts"}}``; each event has an
    ``outcome`` (``first_record``, ``changed``, ``unchanged``, ``fetch_error``, ``extract_error``,
    ``record_error``), the recorded ``version``, the classified ``diff``, or the ``error``.
    A document that cannot be fetched or extracted is an error event, never "unchanged".
    ``now`` (RFC 3339) is the record date; the current time when omitted.
    """
    result: dict[str, Any] = _native.terms_track(
        os.fspath(declarations),
        os.fspath(versions),
        os.fspath(snapshots),
        service=service,
        terms_type=terms_type,
        user_agent=user_agent,
        timeout_ms=timeout_ms,
        retries=retries,
        max_bytes=max_bytes,
        snapshot_id_template=snapshot_id_template,
        now=now,
    )
    return result
