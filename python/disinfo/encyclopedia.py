"""Encyclopedia: validation of entries (Markdown with YAML front matter) with diagnostics that
point at the line; migration from the old page layout.

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
    "check",
    "check_files",
    "migrate",
    "migrate_pages",
    "rules",
    "schema",
    "to_text",
    "CheckRequestOptions",
    "Diagnostic",
    "DiagnosticInput",
    "MigrateReport",
    "MigratedEntry",
    "MigratedPages",
    "Related",
    "Report",
    "ReportInput",
    "Rule",
    "SchemaArg",
    "Severity",
    "Unmapped",
    "StrPath",
    "TimeLike",
]

StrPath = Union[str, "os.PathLike[str]"]
"""A file system path: a ``str`` or an ``os.PathLike`` such as ``pathlib.Path``."""

TimeLike = Union[str, "datetime.datetime"]
"""A date-time: RFC 3339 text (``2024-05-01T00:00:00Z``) or a timezone-aware ``datetime``."""

# --- types ---------------------------------------------------------------------------

class CheckRequestOptions(TypedDict):
    """Options of `check` and `check_files`."""

    max_depth: NotRequired[int]
    """Deepest YAML nesting (default 64); deeper gives FM007."""
    max_front_matter_bytes: NotRequired[int]
    """Largest front matter, in bytes (default 1 MiB); larger gives FM008."""
    max_nodes: NotRequired[int]
    """Most YAML nodes after alias expansion (default 100,000); more gives FM006."""
    schema: NotRequired[SchemaArg | None]
    """A corpus's own schema extending the shipped entry schema (an object, or a JSON file's
    path).
    """

class Diagnostic(TypedDict):
    """One problem found in the corpus."""

    column: int
    """1-based column of the start, in characters."""
    end_column: int
    """1-based column just after the end."""
    end_line: int
    """1-based line of the end."""
    file: str
    """Path of the file, relative to the corpus root, with `/` separators."""
    line: int
    """1-based line of the start."""
    message: str
    """What is wrong, in one sentence."""
    pointer: str
    """JSON pointer into the front matter (`/sources/0/url`); empty for the whole document or
    for places outside the front matter.
    """
    related: list[Related]
    """Other places that explain the problem."""
    rule: str
    """Stable rule id (`FM004`, `SC001`, `RF001`, ...), see `RULES`."""
    severity: Severity
    """Error or warning."""
    suggestion: str | None
    """The replacement text for the offending key or value (`maintainers`, `2017-07-07`,
    `'no'`), when one is known.
    """

class DiagnosticInput(TypedDict):
    """One problem found in the corpus."""

    column: int
    """1-based column of the start, in characters."""
    end_column: int
    """1-based column just after the end."""
    end_line: int
    """1-based line of the end."""
    file: str
    """Path of the file, relative to the corpus root, with `/` separators."""
    line: int
    """1-based line of the start."""
    message: str
    """What is wrong, in one sentence."""
    pointer: str
    """JSON pointer into the front matter (`/sources/0/url`); empty for the whole document or
    for places outside the front matter.
    """
    related: list[Related]
    """Other places that explain the problem."""
    rule: str
    """Stable rule id (`FM004`, `SC001`, `RF001`, ...), see `RULES`."""
    severity: Severity
    """Error or warning."""
    suggestion: NotRequired[str | None]
    """The replacement text for the offending key or value (`maintainers`, `2017-07-07`,
    `'no'`), when one is known.
    """

class MigrateReport(TypedDict):
    """The result of a migration."""

    entries: list[MigratedEntry]
    """Entries written, sorted by path."""
    pages: int
    """Old pages read."""
    unmapped: list[Unmapped]
    """What could not be mapped, sorted by file and line."""

class MigratedEntry(TypedDict):
    """One entry written by the migration."""

    id: str
    """The entry's id."""
    path: str
    """The new file, relative to the new corpus root."""
    sources: list[str]
    """Where it came from: `old/page.md:12` (and more places when merged from several pages)."""

class MigratedPages(TypedDict):
    """The entries written by an in-memory migration, and its report."""

    files: dict[str, str]
    """The entry files by relative path."""
    report: MigrateReport
    """What was migrated and what could not be."""

class Related(TypedDict):
    """Another place that explains a diagnostic (the first definition of a duplicate id, a step of
    a cycle, ...).
    """

    column: int
    """1-based column."""
    file: str
    """Path of the file, relative to the corpus root, with `/` separators."""
    line: int
    """1-based line."""
    message: str
    """What is at that place."""

class Report(TypedDict):
    """The result of a check."""

    diagnostics: list[Diagnostic]
    """Every diagnostic, sorted by file, line, column and rule."""
    entries: int
    """Files whose front matter loaded (entries taking part in the cross-reference checks)."""
    errors: int
    """Diagnostics of severity error."""
    files: int
    """Files read."""
    warnings: int
    """Diagnostics of severity warning."""

class ReportInput(TypedDict):
    """The result of a check."""

    diagnostics: list[DiagnosticInput]
    """Every diagnostic, sorted by file, line, column and rule."""
    entries: int
    """Files whose front matter loaded (entries taking part in the cross-reference checks)."""
    errors: int
    """Diagnostics of severity error."""
    files: int
    """Files read."""
    warnings: int
    """Diagnostics of severity warning."""

class Rule(TypedDict):
    """One rule: its id, default severity and what it checks."""

    id: str
    """Stable id (`FM001`)."""
    severity: Severity
    """Default severity."""
    title: str
    """What the rule checks."""

SchemaArg = Union[StrPath, dict[str, Any]]
"""A corpus's own schema: a JSON Schema object, or the path of a JSON file holding one."""

Severity = Literal["error", "warning"]
"""How bad a diagnostic is. Any `Error` makes `disinfo encyclopedia check` exit 1."""

class Unmapped(TypedDict):
    """Something the migration could not map."""

    file: str
    """The old page."""
    line: int
    """1-based line."""
    reason: str
    """What could not be mapped, and what was done with it."""


# --- operations ----------------------------------------------------------------------


def check(path: StrPath, **options: Unpack[CheckRequestOptions]) -> Report:
    """Check every entry (`*.md` except README.md and names starting with `.` or `_`): front matter, schema, URLs and links, cross references. The report has `files`, `entries`, `errors`, `warnings` and `diagnostics`; each diagnostic has `file`, `line`, `column`, `end_line`, `end_column`, `pointer` (JSON pointer), `rule` (`FM004`, `SC004`, `RF001`, ...), `severity`, `message`, `suggestion` and `related`. `errors == 0` means the corpus can be published.

    Args:
        path: The corpus folder.

    Options are the keys of :class:`CheckRequestOptions`.
    """
    return cast("Report", _native.call("encyclopedia.check", [path], options))


def check_files(files: Mapping[str, bytes | str], **options: Unpack[CheckRequestOptions]) -> Report:
    """Check in-memory files (relative path → text or bytes): the same report as `check`.

    Args:
        files: The entries by relative path.

    Options are the keys of :class:`CheckRequestOptions`.
    """
    return cast("Report", _native.call("encyclopedia.check_files", [files], options))


def migrate(old_dir: StrPath, new_dir: StrPath, created: str) -> MigrateReport:
    """Convert the old one-page-per-phase-and-type layout into one file per entry. `new_dir` must not exist or be empty; `created` (`YYYY-MM-DD`) is written into every entry. The report lists `pages`, `entries` (path, id, sources) and `unmapped` (file, line, reason): everything that could not be mapped.

    Args:
        old_dir: The old pages.
        new_dir: Where the entries are written.
        created: The creation date of the entries (`YYYY-MM-DD`).
    """
    return cast("MigrateReport", _native.call("encyclopedia.migrate", [old_dir, new_dir, created], None))


def migrate_pages(pages: Mapping[str, bytes | str], created: str) -> MigratedPages:
    """In-memory `migrate`: `{files: {path: text}, report}`.

    Args:
        pages: The old pages by relative path.
        created: The creation date of the entries (`YYYY-MM-DD`).
    """
    return cast("MigratedPages", _native.call("encyclopedia.migrate_pages", [pages, created], None))


def rules() -> list[Rule]:
    """The rules: `id`, `severity` and `title`."""
    return cast("list[Rule]", _native.call("encyclopedia.rules", [], None))


def schema() -> Any:
    """The shipped entry schema (JSON Schema 2020-12)."""
    return cast("Any", _native.call("encyclopedia.schema", [], None))


def to_text(report: ReportInput) -> str:
    """The text form of a report: `path:line:col: error[RULE] message` lines and a summary.

    Args:
        report: What `check` returned.
    """
    return cast("str", _native.call("encyclopedia.to_text", [report], None))
