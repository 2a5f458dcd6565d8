"""Golden dispatch of the `core.*` calls to the Python package."""

from typing import Any, Callable

import disinfo
from disinfo import _native

CALLS: dict[str, Callable[..., Any]] = {
    "version": disinfo.version,
    "build_info": disinfo.build_info,
    "force_panic": _native._force_panic,
}
