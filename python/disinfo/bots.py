"""Bots: account features from platform exports, rule presets, synthetic data.

Read Twitter/X (API v1.1, v2, snscrape), Bluesky, Mastodon, TikTok research API or QUT CSV
exports and get one feature row per account: the BotometerLite profile features and behaviour
features over the posts, as numpy arrays with a missing-value mask (missing is NaN *and*
``mask == True``, never a made-up constant)::

    from disinfo import bots

    f = bots.features(["tweets.jsonl"], "twitter-v1")
    f.values[:, f.columns.index("posts_per_hour")]
    df = f.to_pandas()            # needs pandas

Column names are a contract shared with Rust, Node and the CLI: :data:`PROFILE_COLUMNS` first,
then :data:`BEHAVIOUR_COLUMNS`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Mapping, Sequence, Union

import numpy as np

from disinfo import _native
from disinfo.errors import BotsValueError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

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

PROFILE_COLUMNS: tuple[str, ...] = (
    "age_h", "posts", "followers", "following", "likes_given", "listed", "default_profile",
    "profile_use_background_image", "verified", "posts_per_hour", "followers_per_hour",
    "following_per_hour", "likes_given_per_hour", "listed_per_hour", "followers_following_ratio",
    "handle_length", "handle_digits", "name_length", "name_digits", "description_length",
    "handle_likelihood",
)
"""Profile feature columns, in matrix order."""

BEHAVIOUR_COLUMNS: tuple[str, ...] = (
    "n_posts", "original_share", "reply_share", "repost_share", "quote_share",
    "posts_per_day_mean", "posts_per_day_max", "over_200_per_day", "gap_entropy", "hour_entropy",
    "night_share", "urls_per_post", "hashtags_per_post", "mentions_per_post",
    "duplicate_text_ratio", "distinct_clients", "longest_silence_h", "wakeup_burst",
    "top_repost_source_share",
)
"""Behaviour feature columns, in matrix order (after the profile columns)."""

INPUT_FORMATS: tuple[str, ...] = (
    "twitter-v1", "twitter-v2", "snscrape", "bluesky", "mastodon", "tiktok", "qut-csv",
)
"""The input format names."""

PathLike = Union[str, "os.PathLike[str]"]
TimeLike = Union[str, datetime]


@dataclass(frozen=True)
class Features:
    """A feature matrix: one row per account, one column per feature.

    Attributes:
        values: float64 array (accounts × columns); NaN where a value is missing.
        mask: bool array of the same shape; True exactly where the value is missing.
        columns: the column names (:data:`PROFILE_COLUMNS`, then :data:`BEHAVIOUR_COLUMNS`).
        account_ids: the account id of each row.
        handles: the handle of each row ("" when only seen as a post author).
        read: read counts (``records_read``, ``records_accepted``, ``records_rejected``) and
            ``rejected`` (lenient mode: every rejected record with ``line`` and ``reason``).
    """

    values: np.ndarray
    mask: np.ndarray
    columns: list[str]
    account_ids: list[str]
    handles: list[str]
    read: dict[str, Any] = field(default_factory=dict)

    @property
    def rejected(self) -> list[dict[str, Any]]:
        """The records rejected in lenient mode (source, line, record, reason)."""
        return list(self.read.get("rejected", []))

    def column(self, name: str) -> np.ndarray:
        """The values of one column (a view)."""
        try:
            j = self.columns.index(name)
        except ValueError:
            raise BotsValueError(f"no column `{name}`; columns are {self.columns}", "invalid_argument", "bots") from None
        return self.values[:, j]

    def to_pandas(self) -> "pandas.DataFrame":
        """A DataFrame with ``account_id``, ``handle`` and one float column per feature (NaN where
        missing). Needs pandas (``pip install disinfo[pandas]``)."""
        import pandas as pd

        frame = pd.DataFrame(self.values, columns=list(self.columns))
        frame.insert(0, "handle", self.handles)
        frame.insert(0, "account_id", self.account_ids)
        return frame

    def __len__(self) -> int:
        return len(self.account_ids)


def _time(value: TimeLike | None, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise BotsValueError(f"`{name}` must be timezone-aware (e.g. tzinfo=timezone.utc)", "invalid_argument", "bots")
        return value.astimezone(timezone.utc).isoformat()
    return _native.bots_parse_time(str(value), name)


def _read_options(mode: str, observed_at: TimeLike | None, source_name: str | None) -> dict[str, Any]:
    options: dict[str, Any] = {"mode": mode}
    t = _time(observed_at, "observed_at")
    if t is not None:
        options["observed_at"] = t
    if source_name is not None:
        options["source_name"] = source_name
    return options


def _feature_options(
    behaviour: bool, utc_offset_minutes: int, night_start_hour: int, night_end_hour: int, burst_window_h: float
) -> dict[str, Any]:
    return {
        "behaviour": behaviour,
        "utc_offset_minutes": utc_offset_minutes,
        "night_start_hour": night_start_hour,
        "night_end_hour": night_end_hour,
        "burst_window_h": burst_window_h,
    }


def _paths(inputs: PathLike | Sequence[PathLike]) -> list[str]:
    if isinstance(inputs, (str, os.PathLike)):
        return [os.fspath(inputs)]
    return [os.fspath(p) for p in inputs]


def _wrap(result: tuple[np.ndarray, np.ndarray, dict[str, Any]]) -> Features:
    values, mask, meta = result
    return Features(values, mask, meta["columns"], meta["account_ids"], meta["handles"], meta["read"])


def features(
    inputs: PathLike | Sequence[PathLike],
    input_format: str,
    *,
    mode: str = "strict",
    observed_at: TimeLike | None = None,
    behaviour: bool = True,
    utc_offset_minutes: int = 0,
    night_start_hour: int = 0,
    night_end_hour: int = 6,
    burst_window_h: float = 24.0,
) -> Features:
    """Profile and behaviour features of the accounts in one or more files.

    Args:
        inputs: a path or a list of paths (JSON, JSONL or CSV as the platform delivers it).
        input_format: one of :data:`INPUT_FORMATS`.
        mode: ``"strict"`` (fail on the first bad record, :class:`~disinfo.BotsError` with code
            ``malformed_record`` and the line) or ``"lenient"`` (collect rejections in ``read``).
        observed_at: observation time for profiles that carry none (RFC 3339 text or an aware
            datetime).
        behaviour: also compute the behaviour features over the posts.
        utc_offset_minutes: time zone of the day/hour/night features.
        night_start_hour, night_end_hour: the night window, local hours ``[start, end)``.
        burst_window_h: hours after the longest silence counted as its wake-up burst.
    """
    return _wrap(
        _native.bots_features(
            _paths(inputs),
            input_format,
            _read_options(mode, observed_at, None),
            _feature_options(behaviour, utc_offset_minutes, night_start_hour, night_end_hour, burst_window_h),
        )
    )


def features_from_text(
    data: str | bytes,
    input_format: str,
    *,
    mode: str = "strict",
    observed_at: TimeLike | None = None,
    source_name: str | None = None,
    behaviour: bool = True,
    utc_offset_minutes: int = 0,
    night_start_hour: int = 0,
    night_end_hour: int = 6,
    burst_window_h: float = 24.0,
) -> Features:
    """Like :func:`features`, on one in-memory input (text or bytes)."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return _wrap(
        _native.bots_features_from_text(
            raw,
            input_format,
            _read_options(mode, observed_at, source_name),
            _feature_options(behaviour, utc_offset_minutes, night_start_hour, night_end_hour, burst_window_h),
        )
    )


def read(
    inputs: PathLike | Sequence[PathLike],
    input_format: str,
    *,
    mode: str = "strict",
    observed_at: TimeLike | None = None,
) -> dict[str, Any]:
    """Reads files into the platform-neutral model: ``accounts``, ``posts``, ``rejected`` and
    the read counts, as plain dicts (the same JSON shape as Rust and Node)."""
    return _native.bots_read(_paths(inputs), input_format, _read_options(mode, observed_at, None))


def rule(
    rule: str | Mapping[str, Any],
    inputs: PathLike | Sequence[PathLike],
    input_format: str,
    *,
    mode: str = "strict",
    observed_at: TimeLike | None = None,
    behaviour: bool = True,
) -> dict[str, Any]:
    """Applies a rule preset (``"dormant_2019"``, ``"amplifier"``) or a rule dict
    (``{"name", "conditions": [{"input", "op", "value"}]}``) to every account: ``outcomes`` with
    ``verdict`` pass / fail / undefined (0/0 ratios and missing inputs are undefined, never a
    pass)."""
    return _native.bots_rule(
        rule if isinstance(rule, str) else dict(rule),
        _paths(inputs),
        input_format,
        _read_options(mode, observed_at, None),
        _feature_options(behaviour, 0, 0, 6, 24.0),
    )


def handle_likelihood(handle: str) -> float | None:
    """How much a handle looks like handles people choose, in (0, 1]; None for ""."""
    return _native.bots_handle_likelihood(handle)


def synthetic(**config: Any) -> dict[str, Any]:
    """Seeded synthetic accounts, posts and the planted population of every account.

    Keyword arguments are the fields of the Rust ``SyntheticConfig`` (``seed``, ``organic``,
    ``dormant_bots``, ``amplifiers``, ``coordinated_groups``, ``group_size``, ...), with the same
    defaults. Returns ``{"seed", "accounts", "posts", "planted"}``.
    """
    for key in ("start", "end", "dormant_created_after"):
        if key in config:
            config[key] = _time(config[key], key)
    return _native.bots_synthetic(config)


# --- coordination networks, graph analysis, exports --------------------------------

COORDINATION_KINDS: tuple[str, ...] = (
    "co-repost", "co-link", "co-text", "co-similar-text", "co-reply", "co-hashtag-sequence",
    "synchrony",
)
"""Coordination kinds accepted by :func:`coordinate` (the traces of DESIGN §4.3)."""

EXPORT_FORMATS: tuple[str, ...] = ("csv", "json", "graphml", "gexf")
"""Formats accepted by :func:`export_network`."""


def _coordinate_options(
    kind: str,
    window: float,
    min_edge_weight: int,
    min_participation: int,
    self_loops: bool,
    evidence: int,
    url_normalization: str,
    similarity_threshold: float,
    min_tokens: int,
) -> dict[str, Any]:
    return {
        "kind": kind.replace("_", "-"),
        "window_secs": float(window),
        "min_edge_weight": min_edge_weight,
        "min_participation": min_participation,
        "self_loops": self_loops,
        "evidence": evidence,
        "url_normalization": url_normalization,
        "similarity_threshold": float(similarity_threshold),
        "min_tokens": min_tokens,
    }


def _graph_options(communities: bool, seed: int, resolution: float) -> dict[str, Any] | None:
    if not communities:
        return None
    return {"seed": seed, "resolution": float(resolution)}


def coordinate(
    inputs: PathLike | Sequence[PathLike],
    input_format: str = "qut-csv",
    *,
    kind: str = "co-repost",
    window: float = 60.0,
    min_edge_weight: int = 1,
    min_participation: int = 1,
    self_loops: bool = False,
    evidence: int = 3,
    url_normalization: str = "none",
    similarity_threshold: float = 0.8,
    min_tokens: int = 5,
    communities: bool = False,
    seed: int = 42,
    resolution: float = 1.0,
    mode: str = "strict",
) -> dict[str, Any]:
    """Builds the coordination network of the posts in files.

    ``kind`` is one of :data:`COORDINATION_KINDS`; ``window`` is in seconds and inclusive
    (``|Δt| <= window``). The directed weight ``u → v`` counts distinct posts of ``u`` matched by
    a post of ``v`` (the QUT coordination-network-toolkit's definition). With
    ``communities=True`` the result also has ``analysis`` (components and seeded communities).

    Returns ``{"network": {"nodes", "edges", ...}, "analysis": ... | None, "read": {...}}``;
    every edge has ``source``, ``target``, ``weight``, ``reverse_weight``,
    ``symmetric_weight``, ``balance`` and ``evidence`` (matched post pairs).
    """
    return _native.bots_coordinate(
        _paths(inputs),
        input_format,
        _coordinate_options(kind, window, min_edge_weight, min_participation, self_loops, evidence,
                            url_normalization, similarity_threshold, min_tokens),
        _read_options(mode, None, None),
        _graph_options(communities, seed, resolution),
    )


def coordinate_text(
    data: str | bytes,
    input_format: str = "qut-csv",
    *,
    kind: str = "co-repost",
    window: float = 60.0,
    min_edge_weight: int = 1,
    min_participation: int = 1,
    self_loops: bool = False,
    evidence: int = 3,
    url_normalization: str = "none",
    similarity_threshold: float = 0.8,
    min_tokens: int = 5,
    communities: bool = False,
    seed: int = 42,
    resolution: float = 1.0,
    mode: str = "strict",
) -> dict[str, Any]:
    """Like :func:`coordinate`, on one in-memory input (``str`` or ``bytes``)."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return _native.bots_coordinate_text(
        raw,
        input_format,
        _coordinate_options(kind, window, min_edge_weight, min_participation, self_loops, evidence,
                            url_normalization, similarity_threshold, min_tokens),
        _read_options(mode, None, "<input>"),
        _graph_options(communities, seed, resolution),
    )


def export_network(result: Mapping[str, Any], format: str = "graphml") -> str:
    """Renders a :func:`coordinate` result as ``csv``, ``json``, ``graphml`` or ``gexf`` text.

    GraphML and GEXF carry node attributes ``handle``, ``trace_posts`` (and ``component``,
    ``community`` when the result was analysed; ``-1`` = no community) and edge attributes
    ``weight``, ``reverse_weight``, ``symmetric_weight``, ``balance``, ``evidence``.
    """
    return _native.bots_export(dict(result), format)


def to_networkx(result: Mapping[str, Any]) -> Any:
    """Hands a :func:`coordinate` result to networkx as a ``DiGraph`` (needs networkx).

    Node attributes: ``handle``, ``trace_posts``, ``component``, ``community``; edge
    attributes: ``weight``, ``reverse_weight``, ``symmetric_weight``, ``balance``, ``evidence``.
    """
    import networkx as nx

    network = result["network"]
    analysis = result.get("analysis") or {}
    component_of = analysis.get("component_of", {})
    community_of = analysis.get("community_of", {})
    g = nx.DiGraph()
    for node in network["nodes"]:
        g.add_node(
            node["id"],
            handle=node.get("handle"),
            trace_posts=node["trace_posts"],
            component=component_of.get(node["id"]),
            community=community_of.get(node["id"]),
        )
    for e in network["edges"]:
        g.add_edge(
            e["source"], e["target"], weight=e["weight"], reverse_weight=e["reverse_weight"],
            symmetric_weight=e["symmetric_weight"], balance=e["balance"], evidence=e["evidence"],
        )
    return g


def normalize_text(text: str) -> str:
    """The co-text normalisation (the QUT toolkit's): lower-case, strip @mentions, collapse
    white space."""
    return _native.bots_normalize_text(text)


CLUSTER_METHODS = ("dbscan", "kmeans", "gmm", "hdbscan")


def cluster_features(
    matrix: Any,
    method: str = "dbscan",
    params: Mapping[str, Any] | None = None,
    *,
    standardise: bool = True,
    log1p: bool = True,
    columns: Sequence[str] | None = None,
    include_matrix: bool = False,
) -> dict[str, Any]:
    """Clusters rows (accounts) of a feature matrix: ``dbscan``, ``kmeans``, ``gmm`` or ``hdbscan``.

    ``matrix`` is a 2-D numpy array, a list of rows, or a :class:`Features` result (its column
    names are then used); values must be finite. ``params`` are the method's parameters, with
    scikit-learn's names and defaults:

    - ``dbscan``: ``eps`` (0.5), ``min_samples`` (5);
    - ``kmeans``: ``n_clusters`` (8), ``initial_centres`` (k-means++ when absent), ``max_iter``
      (300), ``tol`` (1e-4, relative to the mean column variance), ``seed`` (42);
    - ``gmm``: ``n_components`` (1), ``max_iter`` (100), ``tol`` (1e-3), ``reg_covar`` (1e-6),
      ``seed`` (42), ``probabilities`` (False: add per-row component probabilities);
    - ``hdbscan``: ``min_cluster_size`` (5), ``min_samples`` (= ``min_cluster_size``),
      ``cluster_selection_epsilon`` (0), ``cluster_selection_method`` (``"eom"`` or ``"leaf"``),
      ``allow_single_cluster`` (False).

    The matrix is standardised first (``log1p`` then per-column z-score, as scikit-learn's
    ``StandardScaler``) unless ``standardise=False``. Returns the JSON-shaped result shared with
    Rust, Node and the CLI: ``{"method", "columns", "labels", "n_clusters", "n_noise",
    "summaries": [{"label", "size", "medians"}], ...}`` with ``"kmeans"`` (``centres``,
    ``iterations``, ``inertia``), ``"gmm"`` (``means``, ``weights``, ``converged``, ``iterations``,
    ``lower_bound``, ``probabilities``?) or ``"hdbscan"`` (``probabilities``), and ``"matrix"`` (the
    clustered matrix) when ``include_matrix=True``. Noise is ``-1``; medians are on the original
    scale.
    """
    if columns is None and hasattr(matrix, "columns") and hasattr(matrix, "values"):
        columns = list(matrix.columns)
        matrix = matrix.values
    data = matrix.tolist() if isinstance(matrix, np.ndarray) else matrix
    rows = [[float(v) for v in row] for row in data]
    options: dict[str, Any] = {
        "method": method,
        "params": dict(params or {}),
        "standardise": standardise,
        "log1p": log1p,
        "include_matrix": include_matrix,
    }
    return _native.bots_cluster(rows, list(columns) if columns is not None else None, options)


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
