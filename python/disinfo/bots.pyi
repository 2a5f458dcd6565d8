import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping, Sequence, Union

import numpy as np
import pandas  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "PROFILE_COLUMNS",
    "BEHAVIOUR_COLUMNS",
    "INPUT_FORMATS",
    "Features",
    "features",
    "features_from_text",
    "read",
    "rule",
    "handle_likelihood",
    "synthetic",
]

PROFILE_COLUMNS: tuple[str, ...]
BEHAVIOUR_COLUMNS: tuple[str, ...]
INPUT_FORMATS: tuple[str, ...]

PathLike = Union[str, os.PathLike[str]]
TimeLike = Union[str, datetime]

@dataclass(frozen=True)
class Features:
    values: np.ndarray
    mask: np.ndarray
    columns: list[str]
    account_ids: list[str]
    handles: list[str]
    read: dict[str, Any] = ...
    @property
    def rejected(self) -> list[dict[str, Any]]: ...
    def column(self, name: str) -> np.ndarray: ...
    def to_pandas(self) -> pandas.DataFrame: ...
    def __len__(self) -> int: ...

def features(
    inputs: PathLike | Sequence[PathLike],
    input_format: str,
    *,
    mode: str = ...,
    observed_at: TimeLike | None = ...,
    behaviour: bool = ...,
    utc_offset_minutes: int = ...,
    night_start_hour: int = ...,
    night_end_hour: int = ...,
    burst_window_h: float = ...,
) -> Features: ...
def features_from_text(
    data: str | bytes,
    input_format: str,
    *,
    mode: str = ...,
    observed_at: TimeLike | None = ...,
    source_name: str | None = ...,
    behaviour: bool = ...,
    utc_offset_minutes: int = ...,
    night_start_hour: int = ...,
    night_end_hour: int = ...,
    burst_window_h: float = ...,
) -> Features: ...
def read(
    inputs: PathLike | Sequence[PathLike],
    input_format: str,
    *,
    mode: str = ...,
    observed_at: TimeLike | None = ...,
) -> dict[str, Any]: ...
def rule(
    rule: str | Mapping[str, Any],
    inputs: PathLike | Sequence[PathLike],
    input_format: str,
    *,
    mode: str = ...,
    observed_at: TimeLike | None = ...,
    behaviour: bool = ...,
) -> dict[str, Any]: ...
def handle_likelihood(handle: str) -> float | None: ...
def synthetic(**config: Any) -> dict[str, Any]: ...

# --- coordination networks, graph analysis, exports ---
COORDINATION_KINDS: tuple[str, ...]
EXPORT_FORMATS: tuple[str, ...]

def coordinate(
    inputs: PathLike | Sequence[PathLike],
    input_format: str = ...,
    *,
    kind: str = ...,
    window: float = ...,
    min_edge_weight: int = ...,
    min_participation: int = ...,
    self_loops: bool = ...,
    evidence: int = ...,
    url_normalization: str = ...,
    similarity_threshold: float = ...,
    min_tokens: int = ...,
    communities: bool = ...,
    seed: int = ...,
    resolution: float = ...,
    mode: str = ...,
) -> dict[str, Any]: ...
def coordinate_text(
    data: str | bytes,
    input_format: str = ...,
    *,
    kind: str = ...,
    window: float = ...,
    min_edge_weight: int = ...,
    min_participation: int = ...,
    self_loops: bool = ...,
    evidence: int = ...,
    url_normalization: str = ...,
    similarity_threshold: float = ...,
    min_tokens: int = ...,
    communities: bool = ...,
    seed: int = ...,
    resolution: float = ...,
    mode: str = ...,
) -> dict[str, Any]: ...
def export_network(result: Mapping[str, Any], format: str = ...) -> str: ...
def to_networkx(result: Mapping[str, Any]) -> Any: ...
def normalize_text(text: str) -> str: ...
def cluster_features(
    matrix: Any,
    method: str = ...,
    params: Mapping[str, Any] | None = ...,
    *,
    standardise: bool = ...,
    log1p: bool = ...,
    columns: Sequence[str] | None = ...,
    include_matrix: bool = ...,
) -> dict[str, Any]: ...

CLUSTER_METHODS: tuple[str, ...]

# the coordination names (mirrors `__all__ +=` at the end of bots.py).
__all__ += [
    "COORDINATION_KINDS",
    "EXPORT_FORMATS",
    "coordinate",
    "coordinate_text",
    "export_network",
    "to_networkx",
    "normalize_text",
    "CLUSTER_METHODS",
    "cluster_features",
]
