"""Golden dispatch of the `ads.*` calls to the Python package."""

from typing import Any, Callable

CALLS: dict[str, Callable[..., Any]] = {}
