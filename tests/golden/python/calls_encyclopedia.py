"""Golden dispatch of the `encyclopedia.*` calls to the Python package."""

from typing import Any, Callable

from disinfo import encyclopedia

CALLS: dict[str, Callable[..., Any]] = {
    "check_files": encyclopedia.check_files,
    "migrate_pages": encyclopedia.migrate_pages,
    "rules": encyclopedia.rules,
}
