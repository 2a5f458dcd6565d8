"""Terms of service: extraction compatible with Open Terms Archive, versions, explained diffs
and tracking.

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
from disinfo import _progress

__all__ = [
    "extract",
    "extract_declared",
    "extract_batch",
    "parse_declaration",
    "load_declaration",
    "validate",
    "diff",
    "diff_render",
    "services",
    "versions",
    "version_at",
    "history",
    "track",
    "replay",
    "Author",
    "BatchJob",
    "BatchResult",
    "Change",
    "ChangeKind",
    "Classification",
    "DeclaredOptions",
    "Diff",
    "DiffOptions",
    "DiffRenderOptions",
    "DiffStats",
    "DirectoryReport",
    "DocumentCounts",
    "EventError",
    "ExtractBatchOptions",
    "ExtractOptions",
    "ExtractionSettings",
    "FetchErrorKind",
    "FilterArg",
    "FilterSpec",
    "Flavor",
    "Format",
    "Granularity",
    "HistoryChange",
    "HistoryOptions",
    "HistoryReport",
    "HistoryStats",
    "JobError",
    "Outcome",
    "PairSummary",
    "ParseDeclarationOptions",
    "RangeSelector",
    "RecordKind",
    "Rejected",
    "ReplayFailure",
    "ReplayOptions",
    "ReplayReport",
    "Selectors",
    "ServiceDeclaration",
    "Side",
    "SourceDocument",
    "Span",
    "Stage",
    "Terms",
    "TermsHistory",
    "TrackEvent",
    "TrackReport",
    "TrackRequestOptions",
    "ValidationReport",
    "VersionAt",
    "VersionInfo",
    "StrPath",
    "TimeLike",
]

StrPath = Union[str, "os.PathLike[str]"]
"""A file system path: a ``str`` or an ``os.PathLike`` such as ``pathlib.Path``."""

TimeLike = Union[str, "datetime.datetime"]
"""A date-time: RFC 3339 text (``2024-05-01T00:00:00Z``) or a timezone-aware ``datetime``."""

# --- types ---------------------------------------------------------------------------

class Author(TypedDict):
    """Who commits the records (OTA collections configure their bot here)."""

    email: NotRequired[str]
    """Author and committer e-mail (default `bot@opentermsarchive.org`)."""
    name: NotRequired[str]
    """Author and committer name (default `Open Terms Archive Bot`)."""

class BatchJob(TypedDict):
    """One extraction job."""

    content: NotRequired[str | None]
    """The snapshot itself (instead of `snapshot`)."""
    id: NotRequired[str | None]
    """A caller label echoed in the result (default: the 1-based job number)."""
    location: str
    """The document location (the base of relative links), as in OTA's job files."""
    mime_type: NotRequired[str | None]
    """MIME type (default: sniffed)."""
    remove: NotRequired[Selectors | None]
    """`remove` in OTA's syntax."""
    select: Selectors
    """`select` in OTA's syntax."""
    snapshot: NotRequired[StrPath | None]
    """Path of the snapshot file."""

class BatchResult(TypedDict):
    """The result of one job: `markdown` or `error`."""

    error: NotRequired[JobError | None]
    """The error, when it failed."""
    id: str
    """The job's id."""
    markdown: NotRequired[str | None]
    """The Markdown, when the job succeeded."""

class Change(TypedDict):
    """One explained change."""

    classification: Classification
    """What the change means."""
    heading_path: list[str]
    """The headings the change sits under, outermost first (in the new version; in the old one
    for a deletion).
    """
    kind: ChangeKind
    """`insert`, `delete`, `replace` or `move`."""
    new: Side
    """The new side."""
    old: Side
    """The old side."""
    old_heading_path: NotRequired[list[str] | None]
    """For a move: the headings of the old place."""
    reason: str
    """Why it was classified so, in plain words."""

ChangeKind = Literal["insert", "delete", "replace", "move"]
"""The kind of edit."""

Classification = Literal["formatting", "editorial", "link", "substantive"]
"""What a change means for a reader, from least to most significant."""

class DeclaredOptions(TypedDict):
    """Options of `extract_declared`."""

    at: NotRequired[str | None]
    """RFC 3339 date of the snapshots: the declaration in force then (default: the current one)."""
    declaration: StrPath
    """Path of the service declaration (`Service.json`; its history file beside it is read
    too). Required.
    """
    flavor: NotRequired[Flavor]
    """`ota` (default) or `canonical`."""
    mime_type: NotRequired[str | None]
    """MIME type of the snapshots (default: sniffed)."""
    terms_type: str
    """The terms type (`Terms of Service`, `Privacy Policy`, ...). Required."""

class Diff(TypedDict):
    """A classified, section-aware diff of two versions."""

    changes: list[Change]
    """The changes, in the order of the new version (deletions at their old place)."""
    classification: Classification
    """The classification of the whole diff: the most significant of its changes
    (`formatting` when the texts are identical).
    """
    granularity: Granularity
    """The granularity the changes were computed at."""
    identical: bool
    """True when the two texts are byte-identical."""
    reason: str
    """Why the whole diff got its classification."""
    stats: DiffStats
    """Counts."""

class DiffOptions(TypedDict):
    """Options of `diff`."""

    context_lines: NotRequired[int]
    """Unchanged lines shown around each change in the unified and HTML renderings (default 3)."""
    detect_moves: NotRequired[bool]
    """Report paragraphs that moved without change as moves (default true)."""
    granularity: NotRequired[Granularity]
    """Granularity of the changes (default `word`)."""
    new_name: NotRequired[str]
    """Name of the new version in renderings (default `new`)."""
    old_name: NotRequired[str]
    """Name of the old version in renderings (default `old`)."""

class DiffRenderOptions(TypedDict):
    """Options of `diff_render`: the rendering and the diff's own options."""

    context_lines: NotRequired[int]
    """Unchanged lines shown around each change in the unified and HTML renderings (default 3)."""
    detect_moves: NotRequired[bool]
    """Report paragraphs that moved without change as moves (default true)."""
    format: NotRequired[Format]
    """`text` (a unified diff), `markdown` (a report) or `html` (a self-contained side-by-side
    page, the default).
    """
    granularity: NotRequired[Granularity]
    """Granularity of the changes (default `word`)."""
    new_name: NotRequired[str]
    """Name of the new version in renderings (default `new`)."""
    old_name: NotRequired[str]
    """Name of the old version in renderings (default `old`)."""

class DiffStats(TypedDict):
    """Counts over the changes of a diff."""

    by_classification: dict[str, int]
    """Number of changes of each classification."""
    by_kind: dict[str, int]
    """Number of changes of each kind (`insert`, `delete`, `replace`, `move`)."""
    lines_deleted: int
    """Lines only in the old version (moves excluded)."""
    lines_inserted: int
    """Lines only in the new version (moves excluded)."""
    similarity: float
    """Similarity of the two versions at line level, between 0 and 1 (1 when identical)."""

class DirectoryReport(TypedDict):
    """The result of tracking a declarations directory."""

    rejected: list[Rejected]
    """Declaration files that did not load, with the reason (they are not tracked)."""
    report: TrackReport
    """What happened to each tracked document."""
    services: int
    """Service files that loaded."""

class DocumentCounts(TypedDict):
    """The counts of one terms document (service and terms type)."""

    failures: int
    """Failures."""
    incomplete: int
    """Fetches of combined terms that still lacked a snapshot of another source document."""
    service: str
    """The service id."""
    snapshots: int
    """Snapshot commits replayed."""
    terms_type: str
    """The terms type."""
    unchanged: int
    """Extractions whose text equals the latest version (nothing recorded)."""
    upgrades: int
    """Versions recorded as technical or declaration upgrades."""
    versions: int
    """Versions recorded (`First record of` and `Record new changes of`)."""

class EventError(TypedDict):
    """The error of an error event."""

    code: str
    """The stable error code (`fetch_failed`, `selector_no_match`, ...)."""
    kind: NotRequired[FetchErrorKind | None]
    """For fetch errors: `http_status`, `timeout`, `too_large`, `network`, ..."""
    message: str
    """What went wrong."""
    status: NotRequired[int | None]
    """The HTTP status, when there was one."""
    url: str
    """The URL of the source document concerned."""

class ExtractBatchOptions(TypedDict):
    """Options of `extract_batch`."""

    flavor: NotRequired[Flavor]
    """`ota` (default) or `canonical`."""

class ExtractOptions(TypedDict):
    """Options of `extract`: where the page comes from, what to keep, and how to render it."""

    filters: NotRequired[list[FilterArg]]
    """Filters by name, or `{name: params}` objects (OTA's syntax): OTA's built-in filters and
    ours; an unknown name is an error.
    """
    flavor: NotRequired[Flavor]
    """`ota` (byte-identical to Open Terms Archive's engine, the default) or `canonical`."""
    location: str
    """The document's location (URL): the base of relative links. Required."""
    max_bytes: NotRequired[int]
    """Snapshots larger than this many bytes are refused with `input_too_large` (100 MiB)."""
    max_depth: NotRequired[int]
    """Pages nested deeper than this are refused with `nesting_too_deep` (4096)."""
    mime_type: NotRequired[str | None]
    """MIME type of the snapshot (default: sniffed; `application/pdf` for `%PDF-`)."""
    remove: NotRequired[Selectors | None]
    """What to drop first (same syntax as `select`)."""
    select: Selectors
    """What to keep: a CSS selector, a range object (`{"startBefore": "h1", "endAfter":
    "footer"}`) or a list of both, as in Open Terms Archive declarations. Required.
    """

class ExtractionSettings(TypedDict):
    """Options of an extraction. JSON: `{"flavor": "ota", "max_bytes": 104857600}`."""

    flavor: NotRequired[Flavor]
    """Markdown flavour (default `ota`)."""
    max_bytes: NotRequired[int]
    """Snapshots larger than this are refused with `input_too_large` (default 100 MiB)."""
    max_depth: NotRequired[int]
    """Pages nested deeper than this are refused with `nesting_too_deep` (default 4096)."""
    tracking_params: NotRequired[list[str] | None]
    """Query parameters the canonical flavour removes (default `DEFAULT_TRACKING_PARAMS`)."""

FetchErrorKind = Literal["invalid_url", "http_status", "timeout", "too_large", "too_many_redirects", "network"]
"""Why a fetch failed."""

FilterArg = Union[str, dict[str, Any]]
"""A filter as written in a declaration: a name, or `{name: params}`."""

class FilterSpec(TypedDict):
    """A `filter` item: a name, or `{name: params}`."""

    name: str
    """The filter function name."""
    params: Any
    """Its parameters (OTA passes them as the second argument), if any."""

Flavor = Literal["ota", "canonical"]
"""Which Markdown to write."""

Format = Literal["text", "markdown", "html"]
"""A text rendering of a diff."""

Granularity = Literal["line", "word", "char"]
"""How finely a changed region is split into changes."""

HistoryChange = TypedDict(
    "HistoryChange",
    {
        "changes": int,
        "classification": "Classification",
        "date": str,
        "diff": NotRequired[Union["Diff", None]],
        "from": str,
        "kind": "RecordKind",
        "reason": str,
        "reverts": Union[str, None],
        "service": str,
        "terms_type": str,
        "to": str,
    },
)
"""One change of a repository in `changes`: a `PairSummary` with its document.
JSON: the summary's fields beside `service` and `terms_type`.
"""

class HistoryOptions(TypedDict):
    """Options of `history`)."""

    classification: NotRequired[list[Classification]]
    """Only changes of these classifications in `changes` (default: all)."""
    context_lines: NotRequired[int]
    """Unchanged lines shown around each change in the unified and HTML renderings (default 3)."""
    detect_moves: NotRequired[bool]
    """Report paragraphs that moved without change as moves (default true)."""
    granularity: NotRequired[Granularity]
    """Granularity of the changes (default `word`)."""
    include_diffs: NotRequired[bool]
    """Include the full diff of every pair (default false: classification and counts only)."""
    limit: NotRequired[int | None]
    """At most this many changes in `changes`, the newest (default: all)."""
    new_name: NotRequired[str]
    """Name of the new version in renderings (default `new`)."""
    old_name: NotRequired[str]
    """Name of the old version in renderings (default `old`)."""
    service: NotRequired[str | None]
    """Only this service (all when `None`)."""
    since: NotRequired[str | None]
    """Only changes recorded at or after this date in `changes`: RFC 3339, or a
    day (its start, UTC). Default: no limit.
    """
    terms_type: NotRequired[str | None]
    """Only this terms type (all when `None`)."""
    until: NotRequired[str | None]
    """Only changes recorded at or before this date in `changes`: RFC 3339, or a
    day (its end, UTC). Default: no limit.
    """

class HistoryReport(TypedDict):
    """The history of a repository (or of the selected documents)."""

    changes: list[HistoryChange]
    """Every change of the selected documents in one list, newest first, filtered by
    `classification`, `since` and `until` and cut at `limit` (without the
    full diffs, which stay in `terms`).
    """
    commits: int
    """Commits walked."""
    skipped_commits: int
    """Commits that are not records (README, licence, ...)."""
    stats: HistoryStats
    """Statistics over all selected documents."""
    terms: list[TermsHistory]
    """Each document's history, by service then terms type."""

class HistoryStats(TypedDict):
    """Summary statistics of a history."""

    by_classification: dict[str, int]
    """Pairs per classification."""
    changes: int
    """Number of consecutive pairs (changes between versions)."""
    first: str | None
    """Date of the first version."""
    last: str | None
    """Date of the last version."""
    substantive_share: float
    """Share of pairs classified `substantive` (0 when there are none), rounded to 4 decimals."""
    technical_upgrades: int
    """Versions recorded as technical upgrades (re-extractions, not changes at the source)."""
    versions: int
    """Number of versions."""
    versions_per_year: dict[str, int]
    """Versions recorded per calendar year (UTC)."""

class JobError(TypedDict):
    """The error of a failed job."""

    code: str
    """Stable error code."""
    message: str
    """Message."""

Outcome = Literal["first_record", "changed", "unchanged", "fetch_error", "extract_error", "record_error"]
"""What happened to one target in one tracking run."""

PairSummary = TypedDict(
    "PairSummary",
    {
        "changes": int,
        "classification": "Classification",
        "date": str,
        "diff": NotRequired[Union["Diff", None]],
        "from": str,
        "kind": "RecordKind",
        "reason": str,
        "reverts": Union[str, None],
        "to": str,
    },
)
"""One change in the history of a document: the pair summarised."""

class ParseDeclarationOptions(TypedDict):
    """Options of `parse_declaration`."""

    file: NotRequired[str]
    """The file name used in errors and, without `.json`, as the service id (`<input>`)."""

class RangeSelector(TypedDict):
    """The DOM range between two nodes: one of `startBefore`/`startAfter` and one of `endBefore`/`endAfter`, each a CSS selector."""

    endAfter: NotRequired[str]
    endBefore: NotRequired[str]
    startAfter: NotRequired[str]
    startBefore: NotRequired[str]

RecordKind = Literal["first_record", "update", "technical_upgrade"]
"""Why a record was written."""

class Rejected(TypedDict):
    """A file that did not load."""

    code: str
    """The error code."""
    file: str
    """The file."""
    message: str
    """The error message."""

class ReplayFailure(TypedDict):
    """One failure: the replay records nothing from this snapshot and goes on."""

    code: str
    """The stable error code (`selector_no_match`, `snapshot_missing_location`, ...)."""
    commit: str
    """The snapshot commit (40 hex digits)."""
    date: str
    """The snapshot's date (RFC 3339, UTC)."""
    message: str
    """What went wrong."""
    path: str
    """The snapshot file (`<service>/<terms type>.html`), empty when the commit holds none."""
    service: str | None
    """The service id, when known."""
    stage: Stage
    """Where it failed."""
    terms_type: str | None
    """The terms type, when known."""

class ReplayOptions(TypedDict):
    """Options of `replay`. JSON (every field optional): `{"service": null, "terms_type": null,
    "since": null, "until": "2026-06-25", "apply_upgrades": false, "snapshot_id_template":
    "%SNAPSHOT_ID", "legacy_snapshots": true, "window": 64, "extract": {"flavor": "ota"},
    "author": {"name": "Open Terms Archive Bot", "email": "bot@opentermsarchive.org"}}`.
    """

    apply_upgrades: NotRequired[bool]
    """After the replay, re-extract the latest snapshot of every document with the declaration in
    force at `until` (the current one without `until`) and record `Apply technical or
    declaration upgrade on …` where the text differs (default false).
    """
    author: NotRequired[Author]
    """Author and committer of the versions (default `Open Terms Archive Bot
    <bot@opentermsarchive.org>`, as OTA's collections commit), whatever the git configuration
    of the machine says: the same replay gives the same commit ids everywhere.
    """
    extract: NotRequired[ExtractionSettings]
    """Extraction options (default: the `ota` flavour, byte-identical to OTA's engine)."""
    legacy_snapshots: NotRequired[bool]
    """Accept snapshot commits without any trailer, as OTA's engines wrote them before 2025:
    their location is the one declared (default true). When false they fail with
    `snapshot_missing_location`. A commit with trailers but no location always fails.
    """
    service: NotRequired[str | None]
    """Only this service id (default: all)."""
    since: NotRequired[str | None]
    """Replay the snapshots fetched at or after this date: RFC 3339, or a day (its start, UTC).
    Earlier snapshots are only read as the latest snapshot of combined terms. Default: all.
    """
    snapshot_id_template: NotRequired[str]
    """How version commits name their snapshots: `%SNAPSHOT_ID` is replaced by the snapshot
    commit id (default `%SNAPSHOT_ID`; OTA collections use
    `https://github.com/<org>/<collection>-snapshots/commit/%SNAPSHOT_ID`).
    """
    terms_type: NotRequired[str | None]
    """Only this terms type (default: all)."""
    until: NotRequired[str | None]
    """Replay the snapshots fetched at or before this date: RFC 3339, or a day (its end, UTC).
    Default: all.
    """
    window: NotRequired[int]
    """Fetches extracted in parallel before their versions are written (default 64; 0 is read as
    1); memory holds one window of texts.
    """

class ReplayReport(TypedDict):
    """What a replay did. JSON: `{"engine": ..., "snapshots_read": ..., "documents": [...],
    "failures": [...], "versions": [...], ...}`.
    """

    commits: int
    """Commits of the snapshots repository walked."""
    documents: list[DocumentCounts]
    """Per document, by service then terms type."""
    engine: str
    """The engine named in the `X-engine-version` trailer of each version (`disinfo-terms/<version>`)."""
    extractions: int
    """Extractions run (one per fetch of a terms document, plus upgrades)."""
    failures: list[ReplayFailure]
    """Every failure, by date then commit."""
    failures_by_code: dict[str, int]
    """Failures per code."""
    fetchers: dict[str, int]
    """Snapshots per `X-fetcher` trailer (`htmlOnly`, `fullDom`; `none` without trailer)."""
    incomplete: int
    """Fetches of combined terms that still lacked a snapshot of another source document."""
    legacy_snapshots: int
    """Snapshots without any trailer (engines before 2025): their location is the declared one."""
    resumed_after: str | None
    """The date of the newest record the versions repository already held: snapshots up to it
    were not replayed again. `None` for a new repository.
    """
    since: str | None
    """The first snapshot date replayed (RFC 3339, UTC), when limited."""
    skipped_commits: int
    """Commits that are not records (README, licence, merges), as OTA ignores them."""
    snapshots_filtered: int
    """Snapshot commits of other services or terms types than the selected ones."""
    snapshots_out_of_range: int
    """Snapshot commits outside the date range or before the resume point (read for the latest
    snapshot of combined terms only).
    """
    snapshots_read: int
    """Snapshot commits replayed (in the date range, of the selected documents)."""
    unchanged: int
    """Extractions whose text equals the latest version: nothing recorded."""
    until: str | None
    """The last snapshot date replayed (RFC 3339, UTC), when limited."""
    upgrades_recorded: int
    """Versions recorded as `Apply technical or declaration upgrade on`."""
    versions: list[VersionInfo]
    """The versions written, in commit order."""
    versions_recorded: int
    """Versions recorded (`First record of`, `Record new changes of`)."""

Selectors = Union[str, "RangeSelector", list[Union[str, "RangeSelector"]]]
"""A CSS selector, a range selector, or an array of both (Open Terms Archive's syntax)."""

class ServiceDeclaration(TypedDict):
    """A service: its current declarations and, when a history file exists, the past ones."""

    history: dict[str, list[Terms]]
    """Past declarations by terms type, sorted by `valid_until`."""
    id: str
    """The service id (file name without `.json`)."""
    imported_from: str | None
    """`importedFrom`, when present."""
    name: str
    """The public name (`name`)."""
    terms: dict[str, Terms]
    """Current declarations by terms type."""

class Side(TypedDict):
    """One side (old or new) of a change."""

    span: Span
    """Where the text is (for an empty side: where the other side's text would go)."""
    text: str
    """The text of this side (empty for the missing side of an insert or delete)."""

class SourceDocument(TypedDict):
    """A source document, with the `combine` defaults already applied."""

    execute_client_scripts: bool
    """Whether OTA runs the page's scripts before extracting (`executeClientScripts`)."""
    filters: list[FilterSpec]
    """Filters, by name (`filter`)."""
    location: str
    """The URL to fetch (`fetch`), also the base of relative links."""
    pdf: bool
    """True when the declaration is OTA's `pdfDocument` form (only `fetch`, a `.pdf` URL)."""
    remove: Selectors | None
    """What to drop first (`remove`)."""
    select: Selectors | None
    """What to keep (`select`); `None` only for PDF documents."""

class Span(TypedDict):
    """A region of one version: byte offsets into the UTF-8 text plus a human locator."""

    column: int
    """1-based column of `start`, in Unicode scalar values."""
    end: int
    """Byte offset after the last byte (exclusive); equals `start` for an empty side."""
    line: int
    """1-based line of `start`."""
    start: int
    """Byte offset of the first byte (inclusive)."""

Stage = Literal["commit", "snapshot", "declaration", "extraction", "upgrade"]
"""Where in the replay a failure happened."""

class Terms(TypedDict):
    """The declaration of one terms type: one or more source documents."""

    combined: bool
    """True when declared with `combine`."""
    source_documents: list[SourceDocument]
    """The source documents, in declared order (joined with `\\n\\n- - -\\n\\n` once extracted)."""
    valid_until: str | None
    """The last date this declaration applies to (history entries only), inclusive."""

class TermsHistory(TypedDict):
    """The history of one terms document."""

    changes: list[PairSummary]
    """The classified change between each version and the next."""
    service: str
    """The service id."""
    stats: HistoryStats
    """Its statistics."""
    terms_type: str
    """The terms type."""
    versions: list[VersionInfo]
    """Its versions, oldest first."""

class TrackEvent(TypedDict):
    """The report entry of one target."""

    classification: NotRequired[Classification | None]
    """The classification of the change, for `changed`."""
    diff: NotRequired[Diff | None]
    """The diff against the previous version, for `changed`."""
    error: NotRequired[EventError | None]
    """The error, for error outcomes."""
    outcome: Outcome
    """What happened."""
    service: str
    """The service id."""
    snapshot_ids: list[str]
    """Snapshot commit ids of the source documents (new or unchanged) that were fetched."""
    snapshots_recorded: int
    """How many snapshots were new (their bytes changed)."""
    terms_type: str
    """The terms type."""
    version: NotRequired[VersionInfo | None]
    """The version recorded, for `first_record` and `changed`."""

class TrackReport(TypedDict):
    """The report of a tracking run."""

    counts: dict[str, int]
    """Events per outcome."""
    date: str
    """The date of the run (the caller's `now`), used as the record date."""
    events: list[TrackEvent]
    """One event per target, in the order given."""

class TrackRequestOptions(TypedDict):
    """Options of `track`: which documents, how they are fetched and diffed, and the date."""

    connect_timeout_ms: NotRequired[int]
    """Time allowed to connect, in milliseconds (default 10 000)."""
    context_lines: NotRequired[int]
    """Unchanged lines shown around each change in the unified and HTML renderings (default 3)."""
    detect_moves: NotRequired[bool]
    """Report paragraphs that moved without change as moves (default true)."""
    granularity: NotRequired[Granularity]
    """Granularity of the changes (default `word`)."""
    max_bytes: NotRequired[int]
    """Largest body accepted, in bytes (default 50 MiB)."""
    max_redirects: NotRequired[int]
    """Redirects followed (default 10)."""
    new_name: NotRequired[str]
    """Name of the new version in renderings (default `new`)."""
    now: NotRequired[str | None]
    """The record date (RFC 3339). When omitted, the current time, read once here at the API
    boundary (tracking itself never reads the clock).
    """
    old_name: NotRequired[str]
    """Name of the old version in renderings (default `old`)."""
    retries: NotRequired[int]
    """Extra attempts after a network error, a timeout or a 5xx answer (default 2)."""
    retry_delay_ms: NotRequired[int]
    """Wait before the first retry, doubled for each further one, in milliseconds (default 1 000)."""
    service: NotRequired[str | None]
    """Only this service id."""
    snapshot_id_template: NotRequired[str]
    """Snapshot identifier template written in version commit messages (`%SNAPSHOT_ID` is replaced)."""
    terms_type: NotRequired[str | None]
    """Only this terms type."""
    timeout_ms: NotRequired[int]
    """Overall time allowed for one attempt, in milliseconds (default 30 000)."""
    user_agent: NotRequired[str]
    """The `User-Agent` header (default names the toolkit and its version)."""

class ValidationReport(TypedDict):
    """What `validate` found in declaration files and directories."""

    history_files: int
    """History files read."""
    loaded: list[str]
    """Ids of the services that loaded, in path order."""
    orphan_histories: int
    """History files without a service file beside them (validated, counted here)."""
    rejected: list[Rejected]
    """Files that did not load, with the error code and message."""
    service_files: int
    """Service files read (`*.json` but not `*.history.json`)."""

class VersionAt(TypedDict):
    """The version in force at a date, and its text."""

    text: str
    """Its Markdown text."""
    version: VersionInfo
    """The version."""

class VersionInfo(TypedDict):
    """One record (version or snapshot) of one terms document."""

    blob: str
    """The blob id of the recorded text."""
    date: str
    """The record date: the snapshot's fetch date (commit date, RFC 3339, UTC)."""
    id: str
    """The commit id (40 hex digits)."""
    kind: RecordKind
    """First record, update or technical upgrade (from the commit message)."""
    path: str
    """The file path in the repository."""
    service: str
    """The service id (the folder name)."""
    snapshot_ids: list[str]
    """The snapshot ids named in the commit message."""
    subject: str
    """The first line of the commit message."""
    terms_type: str
    """The terms type (the file name without extension)."""


# --- operations ----------------------------------------------------------------------


def extract(content: bytes | str, before: Callable[[str], str] | None = None, after: Callable[[str], str] | None = None, **options: Unpack[ExtractOptions]) -> str:
    """Extract the Markdown version of one snapshot, as Open Terms Archive does.

    `select`/`remove` take OTA's syntax: a CSS selector, a range object (`{"startBefore": "h1", "endAfter": "footer"}`) or a list of both. `flavor` `ota` gives byte-identical output to OTA's engine; `canonical` our cleaner form. `before` receives the decoded HTML and returns the HTML to use; `after` receives the Markdown. PDF snapshots become Markdown paragraphs.

    Args:
        content: The snapshot: HTML or PDF bytes, or text.
        before: A function HTML -> HTML applied before extraction.
        after: A function Markdown -> Markdown applied after conversion.

    Options are the keys of :class:`ExtractOptions`.
    """
    return cast("str", _native.call("terms.extract", [content, before, after], options))


def extract_declared(contents: Sequence[bytes | str], **options: Unpack[DeclaredOptions]) -> str:
    """Extract terms declared in an OTA service file: one snapshot per source document, in declared order, joined with OTA's `\\n\\n- - -\\n\\n`; `at` (RFC 3339) picks the declaration in force then.

    Args:
        contents: One snapshot per source document, in declared order.

    Options are the keys of :class:`DeclaredOptions`.
    """
    return cast("str", _native.call("terms.extract_declared", [contents], options))


def extract_batch(jobs: list[BatchJob], *, progress: _progress.ProgressArg = False, **options: Unpack[ExtractBatchOptions]) -> list[BatchResult]:
    """Extract many snapshots in parallel; results in input order. Each job is `{id?, snapshot (a path) | content, location, select, remove?, mime_type?}`; each result `{id, markdown}` or `{id, error: {code, message}}`: a failing job never stops the others.

    Args:
        jobs: The extraction jobs.
        progress: ``True`` for a progress bar (tqdm's when it is installed), or a tqdm-like object to advance.

    Options are the keys of :class:`ExtractBatchOptions`.
    """
    with _progress.observer(progress, "terms.extract_batch") as bar:
        return cast("list[BatchResult]", _native.call("terms.extract_batch", [jobs], options, bar))


def parse_declaration(text: str, **options: Unpack[ParseDeclarationOptions]) -> ServiceDeclaration:
    """Parse and validate an OTA service declaration (JSON text) against OTA's schema.

    Args:
        text: The declaration's JSON text.

    Options are the keys of :class:`ParseDeclarationOptions`.
    """
    return cast("ServiceDeclaration", _native.call("terms.parse_declaration", [text], options))


def load_declaration(path: StrPath) -> ServiceDeclaration:
    """Load `<Service>.json` (and `<Service>.history.json` beside it).

    Args:
        path: The service file.
    """
    return cast("ServiceDeclaration", _native.call("terms.load_declaration", [path], None))


def validate(paths: StrPath | list[StrPath]) -> ValidationReport:
    """Validate OTA declarations (files, or directories of them) against OTA's schema: counts, the ids that loaded, and every rejected file with its code and reason.

    Args:
        paths: A path or a list of paths (files or directories).
    """
    return cast("ValidationReport", _native.call("terms.validate", [paths], None))


def diff(old: str, new: str, **options: Unpack[DiffOptions]) -> Diff:
    """Explain what changed between two versions.

    The result has a `classification` (`formatting`, `editorial`, `link` or `substantive`), a `reason`, `identical`, `stats` and `changes`; each change has a `kind` (`insert`, `delete`, `replace`, `move`), a `classification`, a `reason`, the `heading_path` it sits under and its `old`/`new` sides (text and span).

    Args:
        old: The old version (Markdown).
        new: The new version (Markdown).

    Options are the keys of :class:`DiffOptions`.
    """
    return cast("Diff", _native.call("terms.diff", [old, new], options))


def diff_render(old: str, new: str, **options: Unpack[DiffRenderOptions]) -> str:
    """Render the diff of two versions as unified `text`, a `markdown` report or a self-contained side-by-side `html` page (no external assets, no scripts).

    Args:
        old: The old version (Markdown).
        new: The new version (Markdown).

    Options are the keys of :class:`DiffRenderOptions`.
    """
    return cast("str", _native.call("terms.diff_render", [old, new], options))


def services(repo: StrPath) -> dict[str, list[str]]:
    """The services of an OTA-layout versions repository and, for each, its terms types.

    Args:
        repo: The versions repository.
    """
    return cast("dict[str, list[str]]", _native.call("terms.services", [repo], None))


def versions(repo: StrPath, service: str, terms_type: str) -> list[VersionInfo]:
    """The versions of one document, oldest first: `id`, `date`, `kind`, `subject`, `snapshot_ids`...

    Args:
        repo: The versions repository.
        service: The service (its folder name).
        terms_type: The terms type (`Terms of Service`, ...).
    """
    return cast("list[VersionInfo]", _native.call("terms.versions", [repo, service, terms_type], None))


def version_at(repo: StrPath, service: str, terms_type: str, date: str) -> VersionAt:
    """The version in force at `date` (RFC 3339, or a day `YYYY-MM-DD` read as its end) and its text: `{version, text}`.

    Args:
        repo: The versions repository.
        service: The service (its folder name).
        terms_type: The terms type (`Terms of Service`, ...).
        date: RFC 3339 date-time, or a day `YYYY-MM-DD`.
    """
    return cast("VersionAt", _native.call("terms.version_at", [repo, service, terms_type, date], None))


def history(repo: StrPath, **options: Unpack[HistoryOptions]) -> HistoryReport:
    """The history of a versions repository: each document's versions, the classified change between consecutive versions, and statistics (versions per year, share of substantive changes).

    Args:
        repo: The versions repository.

    Options are the keys of :class:`HistoryOptions`.
    """
    return cast("HistoryReport", _native.call("terms.history", [repo], options))


def track(declarations: StrPath, versions: StrPath, snapshots: StrPath, *, progress: _progress.ProgressArg = False, **options: Unpack[TrackRequestOptions]) -> DirectoryReport:
    """Track a directory of OTA declarations once: fetch each source document, store the snapshot when its bytes changed, extract, record a version when the text changed (both repositories in OTA's git layout, created when missing).

    The report has `services`, `rejected` and `report` (`date`, `events`, `counts`); each event has an `outcome` (`first_record`, `changed`, `unchanged`, `fetch_error`, `extract_error`, `record_error`), the recorded `version`, the classified `diff`, or the `error`. A document that cannot be fetched or extracted is an error event, never "unchanged".

    Args:
        declarations: The declarations directory.
        versions: The versions repository (created when missing).
        snapshots: The snapshots repository (created when missing).
        progress: ``True`` for a progress bar (tqdm's when it is installed), or a tqdm-like object to advance.

    Options are the keys of :class:`TrackRequestOptions`.
    """
    with _progress.observer(progress, "terms.track") as bar:
        return cast("DirectoryReport", _native.call("terms.track", [declarations, versions, snapshots], options, bar))


def replay(declarations: StrPath, snapshots: StrPath, versions: StrPath, *, progress: _progress.ProgressArg = False, **options: Unpack[ReplayOptions]) -> ReplayReport:
    """Replay an Open Terms Archive snapshots repository into a versions repository: walk the snapshot commits oldest first, pick the declaration in force at each fetch date (history files, `validUntil` inclusive), extract with OTA's pipeline (combined documents from the latest snapshot of each source) and record a version when the text changed, in OTA's layout (`First record of …`, `Record new changes of …`, the snapshot ids, an `X-engine-version` trailer). Replaying onto an existing repository appends only newer snapshots; `apply_upgrades` re-extracts the latest snapshot of every document. Every snapshot that cannot be replayed is a failure naming its commit, with a code; the replay goes on.

    Args:
        declarations: The declarations directory.
        snapshots: The snapshots repository.
        versions: The versions repository to write (created when missing).
        progress: ``True`` for a progress bar (tqdm's when it is installed), or a tqdm-like object to advance.

    Options are the keys of :class:`ReplayOptions`.
    """
    with _progress.observer(progress, "terms.replay") as bar:
        return cast("ReplayReport", _native.call("terms.replay", [declarations, snapshots, versions], options, bar))
