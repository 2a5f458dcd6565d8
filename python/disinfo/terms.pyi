import os
from typing import Any, Callable, Literal

Flavor = Literal["ota"] | Literal["canonical"]
Selector = Any

def extract(
    content: bytes | str,
    *,
    location: str,
    select: Selector,
    remove: Selector | None = ...,
    flavor: Flavor = ...,
    mime_type: str | None = ...,
    filters: list[Any] | None = ...,
    before: Callable[[str], str] | None = ...,
    after: Callable[[str], str] | None = ...,
    max_bytes: int | None = ...,
    max_depth: int | None = ...,
) -> str: ...
def extract_declared(
    contents: list[bytes | str],
    *,
    declaration: str | os.PathLike[str],
    terms_type: str,
    at: str | None = ...,
    flavor: Flavor = ...,
    mime_type: str | None = ...,
) -> str: ...
def extract_batch(jobs: list[dict[str, Any]], *, flavor: Flavor = ...) -> list[dict[str, Any]]: ...
def parse_declaration(text: str, *, file: str = ...) -> dict[str, Any]: ...
def load_declaration(path: str | os.PathLike[str]) -> dict[str, Any]: ...
def validate_directory(path: str | os.PathLike[str]) -> dict[str, Any]: ...


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
) -> dict[str, Any]: ...
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
) -> str: ...
def services(repo: str | os.PathLike[str]) -> dict[str, list[str]]: ...
def versions(repo: str | os.PathLike[str], service: str, terms_type: str) -> list[dict[str, Any]]: ...
def version_at(repo: str | os.PathLike[str], service: str, terms_type: str, date: str) -> dict[str, Any]: ...
def history(
    repo: str | os.PathLike[str],
    *,
    service: str | None = None,
    terms_type: str | None = None,
    include_diffs: bool = False,
    granularity: Granularity = "word",
) -> dict[str, Any]: ...
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
) -> dict[str, Any]: ...
