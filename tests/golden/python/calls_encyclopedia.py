"""Golden dispatch of the `encyclopedia.*` calls to the Python package."""

from typing import Any, Callable

CALLS: dict[str, Callable[..., Any]] = {}
