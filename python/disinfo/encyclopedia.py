"""Encyclopedia: validation of entries (Markdown with YAML front matter) with precise diagnostics.

Every function returns plain Python objects with the same JSON shape as the Rust API, the Node
package and the ``disinfo encyclopedia`` CLI. A report is a dict with ``files``, ``entries``,
``errors``, ``warnings`` and ``diagnostics``; each diagnostic has ``file``, ``line``, ``column``,
``end_line``, ``end_column``, ``pointer`` (JSON pointer), ``rule`` (``FM004``, ``SC004``,
``RF001``, ...), ``severity`` (``error``/``warning``), ``message``, ``suggestion`` and
``related``. Errors are :class:`disinfo.EncyclopediaError` (bad arguments:
:class:`disinfo.EncyclopediaValueError`) with a stable ``.code``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any, Union

from disinfo import _native

Schema = Union[Mapping[str, Any], str, "os.PathLike[str]", None]


def _schema(schema: Schema) -> Mapping[str, Any] | None:
    """A schema given as a path is read as JSON here (pure conversion); dicts pass through."""
    if schema is None or isinstance(schema, Mapping):
        return schema
    with open(os.fspath(schema), encoding="utf-8") as f:
        loaded: Mapping[str, Any] = json.load(f)
    return loaded


def check(
    path: str | os.PathLike[str],
    *,
    schema: Schema = None,
    max_front_matter_bytes: int | None = None,
    max_nodes: int | None = None,
    max_depth: int | None = None,
) -> dict[str, Any]:
    """Check every entry under ``path`` (``*.md`` except README.md and ``.``/``_`` names).

    ``schema`` extends the shipped entry schema (a dict, or the path of a JSON file). Limits:
    front matter size (default 1 MiB, FM008), YAML nodes after alias expansion (100,000, FM006),
    nesting depth (64, FM007). ``report["errors"] == 0`` means the corpus can be published.
    """
    result: dict[str, Any] = _native.encyclopedia_check(
        os.fspath(path),
        schema=_schema(schema),
        max_front_matter_bytes=max_front_matter_bytes,
        max_nodes=max_nodes,
        max_depth=max_depth,
    )
    return result


def check_files(
    files: Mapping[str, str | bytes],
    *,
    schema: Schema = None,
    max_front_matter_bytes: int | None = None,
    max_nodes: int | None = None,
    max_depth: int | None = None,
) -> dict[str, Any]:
    """Check in-memory files: ``{relative path: text or bytes}``. Same report as :func:`check`."""
    result: dict[str, Any] = _native.encyclopedia_check_files(
        dict(files),
        schema=_schema(schema),
        max_front_matter_bytes=max_front_matter_bytes,
        max_nodes=max_nodes,
        max_depth=max_depth,
    )
    return result


def migrate(
    old_dir: str | os.PathLike[str], new_dir: str | os.PathLike[str], created: str
) -> dict[str, Any]:
    """Convert the old one-page-per-phase-and-type layout into one file per entry.

    ``new_dir`` must not exist or be empty. ``created`` (``YYYY-MM-DD``) is written into every
    entry. Returns ``pages``, ``entries`` (path, id, sources) and ``unmapped`` (file, line,
    reason): everything that could not be mapped.
    """
    result: dict[str, Any] = _native.encyclopedia_migrate(os.fspath(old_dir), os.fspath(new_dir), created)
    return result


def migrate_pages(pages: Mapping[str, str | bytes], created: str) -> dict[str, Any]:
    """In-memory :func:`migrate`: returns ``{"files": {path: text}, "report": {...}}``."""
    result: dict[str, Any] = _native.encyclopedia_migrate_pages(dict(pages), created)
    return result


def rules() -> list[dict[str, str]]:
    """The rules: ``id``, ``severity`` and ``title``."""
    result: list[dict[str, str]] = _native.encyclopedia_rules()
    return result


def schema() -> dict[str, Any]:
    """The shipped entry schema (JSON Schema 2020-12)."""
    result: dict[str, Any] = _native.encyclopedia_schema()
    return result


def to_text(report: Mapping[str, Any]) -> str:
    """The text form of a report: ``path:line:col: error[RULE] message`` lines and a summary."""
    text: str = _native.encyclopedia_to_text(dict(report))
    return text


__all__ = ["check", "check_files", "migrate", "migrate_pages", "rules", "schema", "to_text"]
