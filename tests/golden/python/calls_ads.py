"""Golden dispatch of the `ads.*` calls to the Python package."""

import tempfile
from typing import Any, Callable

from disinfo import ads


def audit_generated(scenario: str, seed: int = 2019, **options: Any) -> Any:
    """Writes the seeded scenario into a temporary folder and audits it."""
    with tempfile.TemporaryDirectory() as folder:
        dirs = ads.generate(scenario, folder, seed=seed)
        return ads.audit(dirs, **options)


CALLS: dict[str, Callable[..., Any]] = {
    "audit_generated": audit_generated,
}
