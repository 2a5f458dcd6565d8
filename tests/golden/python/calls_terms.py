"""Golden dispatch of the `terms.*` calls to the Python package."""

from typing import Any, Callable

from disinfo import terms

CALLS: dict[str, Callable[..., Any]] = {
    # --- issue 3: extraction and declarations ---
    "extract": terms.extract,
    "parse_declaration": terms.parse_declaration,
    # --- issue 4: diffs ---
    "diff": terms.diff,
    "diff_render": terms.diff_render,
}
