import os
from typing import Any, Mapping, Sequence, Union

import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = ["REGIMES", "TABLES", "audit", "render", "search", "generate", "to_pandas"]

PathLike = Union[str, os.PathLike[str]]
REGIMES: tuple[str, ...]
TABLES: tuple[str, ...]

def audit(
    dirs: Sequence[PathLike],
    *,
    regimes: Sequence[str] | None = ...,
    strict: bool | None = ...,
    evidence_limit: int | None = ...,
    retention_days: Mapping[str, int] | None = ...,
    late_after_hours: int | None = ...,
    share_tolerance: float | None = ...,
    shared_payer_min_advertisers: int | None = ...,
) -> dict[str, Any]: ...
def render(report: Mapping[str, Any], format: str = ..., table: str | None = ...) -> str: ...
def search(
    pattern: str,
    dirs: Sequence[PathLike],
    *,
    regex: bool = ...,
    case_insensitive: bool = ...,
    max_hits: int | None = ...,
    strict: bool = ...,
) -> dict[str, Any]: ...
def generate(
    scenario: str, out_dir: PathLike, *, seed: int = ..., days: int | None = ..., ads: int | None = ...
) -> list[str]: ...
def to_pandas(report: Mapping[str, Any], table: str = ...) -> pandas.DataFrame: ...
