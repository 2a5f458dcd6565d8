"""Python views of bots results: :class:`Features` (numpy arrays, pandas), :class:`Clusters`
(labels as a numpy array), networkx graphs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np

from disinfo.errors import BotsValueError

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped]  # optional: disinfo[pandas], no stubs needed

__all__ = ["PROFILE_COLUMNS", "BEHAVIOUR_COLUMNS", "Features", "Clusters", "to_networkx"]

PROFILE_COLUMNS: tuple[str, ...] = (
    "age_h", "posts", "followers", "following", "likes_given", "listed", "default_profile",
    "profile_use_background_image", "verified", "posts_per_hour", "followers_per_hour",
    "following_per_hour", "likes_given_per_hour", "listed_per_hour", "followers_following_ratio",
    "handle_length", "handle_digits", "name_length", "name_digits", "description_length",
    "handle_likelihood",
)
"""Profile feature columns, in matrix order (a contract shared with Rust, Node and the CLI)."""

BEHAVIOUR_COLUMNS: tuple[str, ...] = (
    "n_posts", "original_share", "reply_share", "repost_share", "quote_share",
    "posts_per_day_mean", "posts_per_day_max", "over_200_per_day", "gap_entropy", "hour_entropy",
    "night_share", "urls_per_post", "hashtags_per_post", "mentions_per_post",
    "duplicate_text_ratio", "distinct_clients", "longest_silence_h", "wakeup_burst",
    "top_repost_source_share",
)
"""Behaviour feature columns, in matrix order (after the profile columns)."""


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

    @classmethod
    def from_native(cls, result: tuple[np.ndarray, np.ndarray, dict[str, Any]]) -> Features:
        """The features from what the extension returns: ``(values, mask, meta)``."""
        values, mask, meta = result
        return cls(values, mask, meta["columns"], meta["account_ids"], meta["handles"], meta["read"])

    @property
    def rejected(self) -> list[dict[str, Any]]:
        """The records rejected in lenient mode (source, line, record, reason)."""
        return list(self.read.get("rejected", []))

    def column(self, name: str) -> np.ndarray:
        """The values of one column (a view)."""
        if name not in self.columns:
            raise BotsValueError(f"no column `{name}`; columns are {self.columns}", "invalid_argument", "bots")
        return self.values[:, self.columns.index(name)]

    def to_pandas(self) -> "pandas.DataFrame":
        """A DataFrame with ``account_id``, ``handle`` and one float column per feature (NaN where
        missing). Needs pandas (``pip install disinfo[pandas]``)."""
        import pandas as pd

        frame = pd.DataFrame(self.values, columns=list(self.columns))
        frame.insert(0, "handle", self.handles)
        frame.insert(0, "account_id", self.account_ids)
        return frame

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        """The values, so that a :class:`Features` can be passed where a matrix is expected."""
        return self.values if dtype is None else self.values.astype(dtype)

    def __len__(self) -> int:
        return len(self.account_ids)


class Clusters(dict[str, Any]):
    """A clustering result: the same keys as in Rust, Node and the CLI (``labels``,
    ``account_ids``, ``n_clusters``, ``summaries``, ``dropped_columns``, ``notes``, ...), with
    ``labels`` as a numpy ``int64`` array (``-1`` is noise)."""

    @classmethod
    def from_native(cls, result: Mapping[str, Any]) -> Clusters:
        """The result from what the extension returns."""
        out = cls(result)
        out["labels"] = np.asarray(result["labels"], dtype=np.int64)
        return out

    @property
    def labels(self) -> np.ndarray:
        """The label of each account, as a numpy array."""
        labels: np.ndarray = self["labels"]
        return labels

    @property
    def account_ids(self) -> list[str]:
        """The account id of each label."""
        ids: list[str] = self["account_ids"]
        return ids

    def to_pandas(self) -> "pandas.DataFrame":
        """A DataFrame with ``account_id`` and ``label``. Needs pandas."""
        import pandas as pd

        return pd.DataFrame({"account_id": self.account_ids, "label": self.labels})


def to_networkx(result: Mapping[str, Any]) -> Any:
    """Hands a ``coordinate`` result to networkx as a ``DiGraph`` (needs networkx).

    Node attributes: ``handle``, ``trace_posts``, ``component``, ``community``; edge
    attributes: ``weight``, ``reverse_weight``, ``symmetric_weight``, ``balance``, ``evidence``.
    """
    import networkx as nx  # type: ignore[import-untyped]  # optional: disinfo[networkx]

    try:
        if not isinstance(result, Mapping):
            raise TypeError(f"found {type(result).__name__}")
        return _digraph(nx, result)
    except (TypeError, ValueError, LookupError, AttributeError, RecursionError) as e:
        raise BotsValueError(
            f"invalid argument `result`: must be a `coordinate` result ({type(e).__name__}: {e!s:.200})",
            "invalid_argument",
            "bots",
        ) from e


def _digraph(nx: Any, result: Mapping[str, Any]) -> Any:
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
