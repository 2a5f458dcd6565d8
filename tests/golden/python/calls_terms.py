"""Golden dispatch of the `terms.*` calls to the Python package."""

from typing import Any, Callable

from disinfo import terms

CALLS: dict[str, Callable[..., Any]] = {
    # --- extraction and declarations ---
    "extract": terms.extract,
    "parse_declaration": terms.parse_declaration,
    # --- diffs ---
    "diff": terms.diff,
    "diff_render": terms.diff_render,
}
