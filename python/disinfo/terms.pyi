import os
from typing import Any, Literal

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
