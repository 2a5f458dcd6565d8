"""Bots: account features from platform exports, rule presets, coordination networks, feature
clustering at scale and the public cluster report.

Every function returns plain Python objects with the same JSON shape as the Rust API, the Node
package and the CLI; errors are :class:`disinfo.DisinfoError` subclasses with a stable ``.code``.

Generated from the operation specs of the Rust core (crates/disinfo/src/api). Do not edit:
run `DISINFO_UPDATE_GENERATED=1 cargo test -p disinfo --test generated` after changing them.
"""

from __future__ import annotations

import datetime
import os
from typing import Any, Callable, Literal, Mapping, Sequence, Union, cast

from typing_extensions import NotRequired, TypedDict, Unpack

from disinfo import _native
from disinfo._extra import bots as _extra
from disinfo._extra.bots import *  # noqa: F401,F403

__all__ = [
    "features",
    "features_from_text",
    "read",
    "rule",
    "handle_likelihood",
    "synthetic",
    "coordinate",
    "coordinate_text",
    "export_network",
    "normalize_text",
    "coordinate_traces",
    "coordinate_traces_file",
    "coordinate_partition",
    "coordinate_merge",
    "coordinate_merge_edges",
    "cluster_features",
    "cluster_accounts",
    "report",
    "Account",
    "AccountClusters",
    "BinWidth",
    "ClusterAccountsOptions",
    "ClusterMethod",
    "ClusterProfile",
    "ClusterRequestOptions",
    "ClusterSummary",
    "ClusterVerdict",
    "Clustering",
    "Community",
    "Compat",
    "Condition",
    "CoordinateOptions",
    "CoordinateOptionsInput",
    "CoordinateRequestOptions",
    "CoordinateResult",
    "CoordinateResultInput",
    "CoordinateTextOptions",
    "Coordination",
    "CoordinationKind",
    "Dataset",
    "Edge",
    "EdgeTable",
    "Evidence",
    "Example",
    "ExportFormat",
    "FeatureStats",
    "FeaturesMeta",
    "FeaturesOptions",
    "FeaturesTextOptions",
    "FileSplitOptions",
    "GmmDetails",
    "GraphAnalysis",
    "HdbscanDetails",
    "Histogram",
    "InputFormat",
    "KMeansDetails",
    "Map",
    "MapPoint",
    "MergeOptions",
    "Mode",
    "Network",
    "NetworkInput",
    "NetworkSummary",
    "Node",
    "NodeInput",
    "Op",
    "PartitionEdges",
    "Planted",
    "Platform",
    "Population",
    "PopulationProfile",
    "Post",
    "PostKind",
    "ReadRequestOptions",
    "ReadSummary",
    "Rejection",
    "Report",
    "ReportOptions",
    "Rule",
    "RuleArg",
    "RuleInput",
    "RuleOutcome",
    "RuleRate",
    "RuleResult",
    "ScoreScale",
    "Shared",
    "SharedItems",
    "Signals",
    "SplitOptions",
    "SyntheticConfig",
    "SyntheticData",
    "TraceRows",
    "UrlNormalization",
    "Value",
    "Verdict",
    "StrPath",
    "TimeLike",
]
__all__ += _extra.__all__

StrPath = Union[str, "os.PathLike[str]"]
"""A file system path: a ``str`` or an ``os.PathLike`` such as ``pathlib.Path``."""

TimeLike = Union[str, "datetime.datetime"]
"""A date-time: RFC 3339 text (``2024-05-01T00:00:00Z``) or a timezone-aware ``datetime``."""

# --- types ---------------------------------------------------------------------------

class Account(TypedDict):
    """One observation of an account's profile at `observed_at`.

    Handle and display name are never confused: `handle` is the `@name` used in mentions and
    URLs (without the `@`), `display_name` is the free-text name.
    """

    created_at: str | None
    """When the account was created, if the platform says."""
    declared_bot: bool | None
    """The account declares itself automated (Mastodon `bot`, labels)."""
    default_avatar: bool | None
    """The profile keeps the default avatar."""
    default_profile: bool | None
    """The profile keeps the platform's default theme/background (Twitter v1.1 `default_profile`)."""
    description: str
    """The profile description / bio (empty when none)."""
    display_name: str
    """The free-text display name (empty when none)."""
    followers: int | None
    """Number of followers at `observed_at`."""
    following: int | None
    """Number of accounts followed ("friends" on Twitter) at `observed_at`."""
    handle: str
    """The `@handle` without the leading `@` (Bluesky: the full domain handle)."""
    id: str
    """The platform's stable account id (as a string; numeric ids are written in decimal)."""
    likes_given: int | None
    """Number of likes (favourites) given at `observed_at`."""
    listed: int | None
    """Number of public lists the account is a member of."""
    observed_at: str
    """When this profile observation was made (required: counts are only meaningful at a time)."""
    platform: Platform
    """Source platform."""
    posts: int | None
    """Number of posts (statuses) at `observed_at`."""
    profile_use_background_image: bool | None
    """Twitter v1.1 `profile_use_background_image`, where known (needed by the BotometerLite
    profile feature of the same name, `profile`).
    """
    protected: bool | None
    """The account is protected / locked."""
    verified: bool | None
    """Platform verification badge."""

class AccountClusters(TypedDict):
    """The result of `cluster_accounts`: the `ClusterResult` fields plus the rows' account ids,
    the columns left out and why.

    Inputs that are not ordinary give these results, never a crash:

    - a missing value (NaN or null/None in a matrix, rows of numbers, typed-array columns, a
      DataFrame or a features object) leaves its column out, named in `dropped_columns` with the
      count and first account in `notes`; with `drop_incomplete: false` it is an
      `invalid_argument` error naming the column, row and account;
    - an infinite value is an `invalid_argument` error naming the column, row and account;
    - a constant column is kept (it standardises to zeros and weighs nothing) and noted; when
      every column is constant, all rows are one cluster (or noise, for DBSCAN with
      `min_samples` above the row count);
    - duplicate rows get the same label;
    - a single account is noise for DBSCAN (label `-1`, unless `min_samples` is 1), cluster 0
      for K-Means and the Gaussian mixture with one cluster; more clusters than accounts and
      HDBSCAN on one account (it needs 2 rows) are `invalid_argument` errors;
    - no numeric column, none left after the missing ones are dropped, or no row is an
      `invalid_argument` error (`nothing to cluster`, `has no rows`).
    """

    account_ids: list[str]
    """Account id of each row, in the order of `labels` (a plain matrix's rows are numbered
    from `"0"`).
    """
    columns: list[str]
    """Column names, in matrix order (`x0`, `x1`, ... when none were given)."""
    dropped_columns: list[str]
    """Feature columns not clustered (missing for some account, or with `log1p` a value
    `<= -1`).
    """
    gmm: NotRequired[GmmDetails | None]
    """Mixture means, weights, convergence and (when asked) probabilities."""
    hdbscan: NotRequired[HdbscanDetails | None]
    """HDBSCAN membership probabilities."""
    kmeans: NotRequired[KMeansDetails | None]
    """K-Means (and mini-batch K-Means) centres, iterations, inertia, runs and seed."""
    labels: list[int]
    """The label of each row: clusters from 0, `-1` for noise (DBSCAN and HDBSCAN only)."""
    matrix: NotRequired[list[list[float]] | None]
    """The matrix that was clustered, when `include_matrix` was set."""
    method: ClusterMethod
    """The method that ran."""
    n_clusters: int
    """Number of clusters (noise not counted)."""
    n_noise: int
    """Rows labelled noise."""
    notes: list[str]
    """Why each column was left out, and other facts about the input (constant columns,
    columns not numeric).
    """
    summaries: list[ClusterSummary]
    """One summary per label present, in label order (noise first)."""

BinWidth = Literal["day", "week", "month"]
"""The width of a histogram's bins."""

class ClusterAccountsOptions(TypedDict):
    """Options of `cluster_accounts`: the clustering's, and how the inputs are read and their
    features computed.
    """

    behaviour: NotRequired[bool]
    """Compute behaviour features over the posts (default true). When false the matrix has the
    profile columns only.
    """
    burst_window_h: NotRequired[float]
    """Hours after a longest silence counted as its wake-up burst (default 24)."""
    columns: NotRequired[list[str] | None]
    """For a matrix without column names: their names (default `x0`, `x1`, ...). For a table:
    the columns to cluster, in this order (default: every numeric column).
    """
    compat: NotRequired[Compat]
    """Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
    cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
    gives the "links" `['a',` and `'b']`; by default list text is parsed).
    """
    drop_incomplete: NotRequired[bool]
    """Leave out columns with missing values (and say which in `dropped_columns` and `notes`);
    default true. False makes a missing value an `invalid_argument` error naming its column,
    row and account. An infinite value is always such an error; a constant column is kept
    and noted (see the result's documentation for one account, duplicates, no columns).
    """
    id_column: NotRequired[str | None]
    """The column of account ids in a table (default `account_id` when present; otherwise an
    account's id is its row number).
    """
    include_matrix: NotRequired[bool]
    """Return the clustered (standardised) matrix as `matrix`; default false."""
    log1p: NotRequired[bool]
    """Take `log1p` of every value before standardising (counts are heavy-tailed); default true."""
    method: NotRequired[ClusterMethod]
    """`dbscan` (default), `kmeans`, `gmm`, `hdbscan` or `minibatch_kmeans`."""
    mode: NotRequired[Mode]
    """`strict` (fail on the first bad record, code `malformed_record` with its line, the
    default) or `lenient` (collect rejections in `read.rejected` and go on).
    """
    night_end_hour: NotRequired[int]
    """Night ends before this local hour (default 6). A start after the end wraps past midnight."""
    night_start_hour: NotRequired[int]
    """Night starts at this local hour (default 0)."""
    observed_at: NotRequired[TimeLike | None]
    """Observation time (RFC 3339) for profiles that carry none (standalone user objects,
    Bluesky profile views, TikTok user info).
    """
    params: NotRequired[dict[str, Any] | None]
    """The method's parameters, with scikit-learn's names and defaults: dbscan `eps` (0.5),
    `min_samples` (5); kmeans `n_clusters` (8), `init` (`k-means++`), `initial_centres`,
    `n_init` (`auto`), `max_iter` (300), `tol` (1e-4), `random_state` or `seed` (42);
    minibatch_kmeans `n_clusters` (8), `batch_size` (1024), `max_iter` (100), `init_size`,
    `max_no_improvement` (10), `random_state` (42); gmm `n_components` (1), `max_iter`
    (100), `tol` (1e-3), `reg_covar` (1e-6), `n_init` (1), `random_state` (42),
    `probabilities` (false); hdbscan `min_cluster_size` (5), `min_samples`,
    `cluster_selection_epsilon` (0), `cluster_selection_method` (`eom` or `leaf`),
    `allow_single_cluster` (false).
    """
    standardise: NotRequired[bool]
    """Standardise the columns (z-score, as scikit-learn's `StandardScaler`); default true."""
    utc_offset_minutes: NotRequired[int]
    """The time zone for day, hour and night features, as minutes east of UTC (default 0;
    -1439..=1439).
    """

ClusterMethod = Literal["dbscan", "kmeans", "gmm", "hdbscan", "minibatch_kmeans"]
"""The clustering algorithm."""

class ClusterProfile(TypedDict):
    """Everything the report says about one cluster."""

    coordination: Coordination | None
    """Acting together, when a network was given."""
    creation: Histogram | None
    """Creation dates (in the population's bins), when any is known."""
    creation_peak_30_days: float
    """The largest share of the known creation dates within 30 days."""
    examples: list[Example]
    """The most central accounts."""
    features: list[FeatureStats]
    """Quartiles of every feature."""
    label: int
    """The cluster label (`-1`: noise)."""
    rank: int | None
    """Rank by score among the clusters, from 1 (`null` for the noise)."""
    rules: list[RuleRate]
    """Pass rates of the rule presets."""
    score: float
    """Bot-likeness in [0, 1] (see `score`)."""
    share: float
    """`size` over all accounts."""
    shared: SharedItems
    """The items shared most."""
    signals: Signals
    """The signals of the score."""
    size: int
    """Accounts."""
    verdict: ClusterVerdict
    """`bot-like`, `mixed` or `organic`."""

class ClusterRequestOptions(TypedDict):
    """Options of `cluster_features` and `cluster_accounts`: the method and its parameters, the
    scaling, and which columns are clustered.
    """

    columns: NotRequired[list[str] | None]
    """For a matrix without column names: their names (default `x0`, `x1`, ...). For a table:
    the columns to cluster, in this order (default: every numeric column).
    """
    drop_incomplete: NotRequired[bool]
    """Leave out columns with missing values (and say which in `dropped_columns` and `notes`);
    default true. False makes a missing value an `invalid_argument` error naming its column,
    row and account. An infinite value is always such an error; a constant column is kept
    and noted (see the result's documentation for one account, duplicates, no columns).
    """
    id_column: NotRequired[str | None]
    """The column of account ids in a table (default `account_id` when present; otherwise an
    account's id is its row number).
    """
    include_matrix: NotRequired[bool]
    """Return the clustered (standardised) matrix as `matrix`; default false."""
    log1p: NotRequired[bool]
    """Take `log1p` of every value before standardising (counts are heavy-tailed); default true."""
    method: NotRequired[ClusterMethod]
    """`dbscan` (default), `kmeans`, `gmm`, `hdbscan` or `minibatch_kmeans`."""
    params: NotRequired[dict[str, Any] | None]
    """The method's parameters, with scikit-learn's names and defaults: dbscan `eps` (0.5),
    `min_samples` (5); kmeans `n_clusters` (8), `init` (`k-means++`), `initial_centres`,
    `n_init` (`auto`), `max_iter` (300), `tol` (1e-4), `random_state` or `seed` (42);
    minibatch_kmeans `n_clusters` (8), `batch_size` (1024), `max_iter` (100), `init_size`,
    `max_no_improvement` (10), `random_state` (42); gmm `n_components` (1), `max_iter`
    (100), `tol` (1e-3), `reg_covar` (1e-6), `n_init` (1), `random_state` (42),
    `probabilities` (false); hdbscan `min_cluster_size` (5), `min_samples`,
    `cluster_selection_epsilon` (0), `cluster_selection_method` (`eom` or `leaf`),
    `allow_single_cluster` (false).
    """
    standardise: NotRequired[bool]
    """Standardise the columns (z-score, as scikit-learn's `StandardScaler`); default true."""

class ClusterSummary(TypedDict):
    """One cluster (or the noise, label `-1`) of a `ClusterResult`."""

    label: int
    """The cluster label (`-1` for noise)."""
    medians: list[float]
    """Median of each column over these rows, in column order, on the ORIGINAL (not
    standardised, not log-transformed) scale; the mean of the two middle values when the
    size is even.
    """
    size: int
    """Rows with this label."""

ClusterVerdict = Literal["bot-like", "mixed", "organic"]
"""What the score calls a cluster."""

class Clustering(TypedDict):
    """How the accounts were clustered."""

    columns: list[str]
    """The clustered columns."""
    dropped_columns: list[str]
    """The columns left out."""
    method: ClusterMethod
    """The method."""
    n_clusters: int
    """Clusters found (noise not counted)."""
    n_noise: int
    """Accounts labelled noise."""
    notes: list[str]
    """Why, and other facts about the columns."""
    params: dict[str, Any]
    """Its parameters as given."""

class Community(TypedDict):
    """One community."""

    density: float
    """Directed edges inside / `size * (size - 1)`."""
    external_weight: int
    """Sum of directed weights leaving the community."""
    id: int
    """Community number (0 = largest; ties by smallest member id)."""
    internal_weight: int
    """Sum of directed weights inside."""
    members: list[str]
    """Member account ids, sorted."""
    size: int
    """Number of accounts."""

Compat = Literal["none", "qut-1.5.2"]
"""Behaviour kept for compatibility with another tool's reading of the same files."""

class Condition(TypedDict):
    """One condition: `input op value`."""

    input: str
    """The input name."""
    op: Op
    """The comparison."""
    value: Value
    """The threshold."""

class CoordinateOptions(TypedDict):
    """Options of `coordinate`."""

    evidence: int
    """Evidence pairs kept per edge (default 3)."""
    kind: CoordinationKind
    """The trace (default co-repost)."""
    min_edge_weight: int
    """Minimum directed weight of an edge (default 1)."""
    min_participation: int
    """Accounts with fewer trace posts than this take no part (default 1)."""
    min_tokens: int
    """Posts with fewer distinct words take no part in co-similar-text (default 5)."""
    self_loops: bool
    """Keep edges from an account to itself (default false)."""
    similarity_threshold: float
    """Word-set Jaccard threshold for co-similar-text (default 0.8)."""
    url_normalization: UrlNormalization
    """URL normalisation for co-link (default none, as the toolkit)."""
    window: float
    """Window in seconds, inclusive: posts of two accounts on the same trace at most this far
    apart are co-actions (default 60).
    """

class CoordinateOptionsInput(TypedDict):
    """Options of `coordinate`."""

    evidence: NotRequired[int]
    """Evidence pairs kept per edge (default 3)."""
    kind: NotRequired[CoordinationKind]
    """The trace (default co-repost)."""
    min_edge_weight: NotRequired[int]
    """Minimum directed weight of an edge (default 1)."""
    min_participation: NotRequired[int]
    """Accounts with fewer trace posts than this take no part (default 1)."""
    min_tokens: NotRequired[int]
    """Posts with fewer distinct words take no part in co-similar-text (default 5)."""
    self_loops: NotRequired[bool]
    """Keep edges from an account to itself (default false)."""
    similarity_threshold: NotRequired[float]
    """Word-set Jaccard threshold for co-similar-text (default 0.8)."""
    url_normalization: NotRequired[UrlNormalization]
    """URL normalisation for co-link (default none, as the toolkit)."""
    window: NotRequired[float]
    """Window in seconds, inclusive: posts of two accounts on the same trace at most this far
    apart are co-actions (default 60).
    """

class CoordinateRequestOptions(TypedDict):
    """Options of `coordinate`: the trace and its thresholds, how the inputs are read, and
    whether to find communities.
    """

    communities: NotRequired[bool]
    """Also find components and seeded communities (`analysis` in the result); default false."""
    compat: NotRequired[Compat]
    """Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
    cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
    gives the "links" `['a',` and `'b']`; by default list text is parsed).
    """
    evidence: NotRequired[int]
    """Evidence pairs kept per edge (default 3)."""
    kind: NotRequired[CoordinationKind]
    """The trace (default co-repost)."""
    min_community_size: NotRequired[int]
    """Communities smaller than this are reported with community `null` (default 2)."""
    min_edge_weight: NotRequired[int]
    """Minimum directed weight of an edge (default 1)."""
    min_participation: NotRequired[int]
    """Accounts with fewer trace posts than this take no part (default 1)."""
    min_tokens: NotRequired[int]
    """Posts with fewer distinct words take no part in co-similar-text (default 5)."""
    mode: NotRequired[Mode]
    """`strict` (fail on the first bad record, code `malformed_record` with its line, the
    default) or `lenient` (collect rejections in `read.rejected` and go on).
    """
    observed_at: NotRequired[TimeLike | None]
    """Observation time (RFC 3339) for profiles that carry none (standalone user objects,
    Bluesky profile views, TikTok user info).
    """
    resolution: NotRequired[float]
    """Modularity resolution (default 1.0; larger gives smaller communities)."""
    seed: NotRequired[int]
    """RNG seed of the community detection (default 42; written back in the result)."""
    self_loops: NotRequired[bool]
    """Keep edges from an account to itself (default false)."""
    similarity_threshold: NotRequired[float]
    """Word-set Jaccard threshold for co-similar-text (default 0.8)."""
    url_normalization: NotRequired[UrlNormalization]
    """URL normalisation for co-link (default none, as the toolkit)."""
    window: NotRequired[float]
    """Window in seconds, inclusive: posts of two accounts on the same trace at most this far
    apart are co-actions (default 60).
    """

class CoordinateResult(TypedDict):
    """A network, its analysis (when asked) and how the inputs were read."""

    analysis: GraphAnalysis | None
    """Components and communities, when `graph` options were given."""
    network: Network
    """The network."""
    read: ReadSummary
    """Read counts and rejections."""

class CoordinateResultInput(TypedDict):
    """A network, its analysis (when asked) and how the inputs were read."""

    analysis: NotRequired[GraphAnalysis | None]
    """Components and communities, when `graph` options were given."""
    network: NetworkInput
    """The network."""
    read: ReadSummary
    """Read counts and rejections."""

class CoordinateTextOptions(TypedDict):
    """Options of `coordinate_text`: those of `coordinate` and the input's name."""

    communities: NotRequired[bool]
    """Also find components and seeded communities (`analysis` in the result); default false."""
    compat: NotRequired[Compat]
    """Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
    cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
    gives the "links" `['a',` and `'b']`; by default list text is parsed).
    """
    evidence: NotRequired[int]
    """Evidence pairs kept per edge (default 3)."""
    kind: NotRequired[CoordinationKind]
    """The trace (default co-repost)."""
    min_community_size: NotRequired[int]
    """Communities smaller than this are reported with community `null` (default 2)."""
    min_edge_weight: NotRequired[int]
    """Minimum directed weight of an edge (default 1)."""
    min_participation: NotRequired[int]
    """Accounts with fewer trace posts than this take no part (default 1)."""
    min_tokens: NotRequired[int]
    """Posts with fewer distinct words take no part in co-similar-text (default 5)."""
    mode: NotRequired[Mode]
    """`strict` (fail on the first bad record, code `malformed_record` with its line, the
    default) or `lenient` (collect rejections in `read.rejected` and go on).
    """
    observed_at: NotRequired[TimeLike | None]
    """Observation time (RFC 3339) for profiles that carry none (standalone user objects,
    Bluesky profile views, TikTok user info).
    """
    resolution: NotRequired[float]
    """Modularity resolution (default 1.0; larger gives smaller communities)."""
    seed: NotRequired[int]
    """RNG seed of the community detection (default 42; written back in the result)."""
    self_loops: NotRequired[bool]
    """Keep edges from an account to itself (default false)."""
    similarity_threshold: NotRequired[float]
    """Word-set Jaccard threshold for co-similar-text (default 0.8)."""
    source_name: NotRequired[str | None]
    """The input's name in messages and rejections (default `<input>`)."""
    url_normalization: NotRequired[UrlNormalization]
    """URL normalisation for co-link (default none, as the toolkit)."""
    window: NotRequired[float]
    """Window in seconds, inclusive: posts of two accounts on the same trace at most this far
    apart are co-actions (default 60).
    """

class Coordination(TypedDict):
    """How the cluster's accounts act together in the coordination network."""

    connected_inside: int
    """Accounts with an edge to another account of the cluster."""
    density: float
    """`internal_edges / (size × (size − 1))`: 1 when every account acts with every other."""
    edges: list[tuple[int, int, int]]
    """Edges among `nodes`, one per pair (the larger direction's weight)."""
    external_edges: int
    """Directed edges between an account of the cluster and one outside it."""
    in_network: int
    """The cluster's accounts that are nodes of the network."""
    internal_edges: int
    """Directed edges between two accounts of the cluster."""
    nodes: list[str]
    """The network among the (up to 40) accounts with the most edges inside the cluster:
    account ids, and edges as `[from, to, symmetric weight]` indices into them.
    """

CoordinationKind = Literal["co-repost", "co-link", "co-text", "co-similar-text", "co-reply", "co-hashtag-sequence", "co-hashtag", "co-domain", "co-image", "co-object", "synchrony"]
"""The trace that makes two posts a co-action."""

class Dataset(TypedDict):
    """Everything read from one or more inputs."""

    accounts: list[Account]
    """Every profile observation, in input order (an account may be observed several times)."""
    posts: list[Post]
    """Every post, in input order."""
    records_accepted: int
    """Records accepted."""
    records_read: int
    """Records read (accepted + rejected)."""
    records_rejected: int
    """Records rejected."""
    rejected: list[Rejection]
    """Records rejected in lenient mode."""

class Edge(TypedDict):
    """One directed edge `source → target`."""

    balance: float
    """`min(weight, reverse_weight) / max(weight, reverse_weight)` in `[0, 1]`."""
    evidence: list[Evidence]
    """Up to `evidence` matched post pairs."""
    reverse_weight: int
    """The weight of the opposite direction (0 when below the threshold or absent)."""
    source: str
    """Source account id."""
    symmetric_weight: int
    """`weight + reverse_weight`: distinct posts of either account matched by the other."""
    target: str
    """Target account id."""
    weight: int
    """Distinct posts of `source` matched by `target` (the toolkit's weight)."""

class EdgeTable(TypedDict):
    """The edges of a network as columns (what `merge_edges` returns), sorted by `(source,
    target)` as in the network.
    """

    balance: list[float]
    """The smaller of the two weights over the larger."""
    reverse_weight: list[int]
    """The weight of `target → source` (0 when under `min_edge_weight`)."""
    source: list[str]
    """Source account."""
    symmetric_weight: list[int]
    """`weight + reverse_weight` (`weight` on a self-loop)."""
    target: list[str]
    """Target account."""
    weight: list[int]
    """Posts of `source` matched by `target` (at least `min_edge_weight`)."""

class Evidence(TypedDict):
    """One matched pair of posts backing an edge."""

    delta_secs: float
    """Seconds from the source post to the target post (may be negative)."""
    source_post: str
    """The post of the edge's source."""
    target_post: str
    """A post of the target that matches it."""

class Example(TypedDict):
    """One of a cluster's most central accounts."""

    account_id: str
    """Account id."""
    distance: float
    """Distance to the cluster's mean in the clustered (standardised) space."""
    handle: str
    """Handle (`""` when unknown)."""
    values: list[float | None]
    """Its value of every feature column (`null` when missing), in the feature matrix's order."""

ExportFormat = Literal["csv", "json", "graphml", "gexf"]
"""An export format."""

class FeatureStats(TypedDict):
    """Quartiles of one feature over a cluster's accounts (missing values left out)."""

    column: str
    """The feature column."""
    median: float | None
    """Median."""
    missing: int
    """Accounts whose value is missing."""
    q1: float | None
    """First quartile (`null` when every value is missing)."""
    q3: float | None
    """Third quartile."""

class FeaturesMeta(TypedDict):
    """What a feature matrix carries besides its values: row ids, column names, read counts."""

    account_ids: list[str]
    """The account id of each row."""
    columns: list[str]
    """The column names: the profile features, then the behaviour features."""
    handles: list[str]
    """The handle of each row (`""` when the account was only seen as a post author)."""
    read: ReadSummary
    """Read counts and (lenient mode) the rejected records with their line and reason."""

class FeaturesOptions(TypedDict):
    """Options of `features` and `rule`: how the inputs are read and the features computed."""

    behaviour: NotRequired[bool]
    """Compute behaviour features over the posts (default true). When false the matrix has the
    profile columns only.
    """
    burst_window_h: NotRequired[float]
    """Hours after a longest silence counted as its wake-up burst (default 24)."""
    compat: NotRequired[Compat]
    """Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
    cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
    gives the "links" `['a',` and `'b']`; by default list text is parsed).
    """
    mode: NotRequired[Mode]
    """`strict` (fail on the first bad record, code `malformed_record` with its line, the
    default) or `lenient` (collect rejections in `read.rejected` and go on).
    """
    night_end_hour: NotRequired[int]
    """Night ends before this local hour (default 6). A start after the end wraps past midnight."""
    night_start_hour: NotRequired[int]
    """Night starts at this local hour (default 0)."""
    observed_at: NotRequired[TimeLike | None]
    """Observation time (RFC 3339) for profiles that carry none (standalone user objects,
    Bluesky profile views, TikTok user info).
    """
    utc_offset_minutes: NotRequired[int]
    """The time zone for day, hour and night features, as minutes east of UTC (default 0;
    -1439..=1439).
    """

class FeaturesTextOptions(TypedDict):
    """Options of `features_from_text`: those of `features` and the input's name."""

    behaviour: NotRequired[bool]
    """Compute behaviour features over the posts (default true). When false the matrix has the
    profile columns only.
    """
    burst_window_h: NotRequired[float]
    """Hours after a longest silence counted as its wake-up burst (default 24)."""
    compat: NotRequired[Compat]
    """Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
    cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
    gives the "links" `['a',` and `'b']`; by default list text is parsed).
    """
    mode: NotRequired[Mode]
    """`strict` (fail on the first bad record, code `malformed_record` with its line, the
    default) or `lenient` (collect rejections in `read.rejected` and go on).
    """
    night_end_hour: NotRequired[int]
    """Night ends before this local hour (default 6). A start after the end wraps past midnight."""
    night_start_hour: NotRequired[int]
    """Night starts at this local hour (default 0)."""
    observed_at: NotRequired[TimeLike | None]
    """Observation time (RFC 3339) for profiles that carry none (standalone user objects,
    Bluesky profile views, TikTok user info).
    """
    source_name: NotRequired[str | None]
    """The input's name in messages and rejections (default `<input>`)."""
    utc_offset_minutes: NotRequired[int]
    """The time zone for day, hour and night features, as minutes east of UTC (default 0;
    -1439..=1439).
    """

class FileSplitOptions(TypedDict):
    """Options of `trace_rows_of_file`: those of a split (`mode`, `compat`, `bucket_secs`,
    `order_base`, the network's) and the reader's `observed_at`.
    """

    bucket_secs: NotRequired[float | None]
    """Width of the time buckets in seconds; default `max(64 × window, 3600)`."""
    compat: NotRequired[Compat]
    """How `urls` cells are split (`none` or `qut-1.5.2`), as in `coordinate`."""
    evidence: NotRequired[int]
    """Evidence pairs kept per edge (default 3)."""
    kind: NotRequired[CoordinationKind]
    """The trace (default co-repost)."""
    min_edge_weight: NotRequired[int]
    """Minimum directed weight of an edge (default 1)."""
    min_participation: NotRequired[int]
    """Accounts with fewer trace posts than this take no part (default 1)."""
    min_tokens: NotRequired[int]
    """Posts with fewer distinct words take no part in co-similar-text (default 5)."""
    mode: NotRequired[Mode]
    """`strict` (the first bad row fails, the default) or `lenient` (bad rows in `rejected`)."""
    observed_at: NotRequired[TimeLike | None]
    """Observation time (RFC 3339) for profiles that carry none, as in `coordinate`."""
    order_base: NotRequired[int]
    """The order of the table's first row when it has no `_order` column (row `i` is
    `order_base + i`): the global input order decides which of two records of one post id
    is kept.
    """
    self_loops: NotRequired[bool]
    """Keep edges from an account to itself (default false)."""
    similarity_threshold: NotRequired[float]
    """Word-set Jaccard threshold for co-similar-text (default 0.8)."""
    url_normalization: NotRequired[UrlNormalization]
    """URL normalisation for co-link (default none, as the toolkit)."""
    window: NotRequired[float]
    """Window in seconds, inclusive: posts of two accounts on the same trace at most this far
    apart are co-actions (default 60).
    """

class GmmDetails(TypedDict):
    """What the mixture fit reports besides labels (`gmm` of `ClusterResult`)."""

    converged: bool
    """Whether the lower bound settled within `max_iter`."""
    iterations: int
    """EM iterations run."""
    lower_bound: float
    """Mean log-likelihood of the rows at the last iteration."""
    means: list[list[float]]
    """Component means in the clustered (standardised) space."""
    n_init: int
    """Starts made."""
    probabilities: NotRequired[list[list[float]] | None]
    """Per-row component probabilities, when `probabilities` was asked for."""
    seed: int
    """The seed used (`random_state`)."""
    weights: list[float]
    """Mixture weights, summing to 1."""

class GraphAnalysis(TypedDict):
    """Components, communities and per-node labels."""

    communities: list[Community]
    """Communities of at least `min_community_size` accounts, largest first."""
    community_of: dict[str, int | None]
    """Community number per account id (`None` for communities below `min_community_size`)."""
    component_of: dict[str, int]
    """Component number per account id (0 = largest)."""
    components: int
    """Number of weakly connected components."""
    modularity: float
    """Modularity of the community partition (undirected, resolution 1)."""
    seed: int
    """The seed used."""

class HdbscanDetails(TypedDict):
    """What HDBSCAN reports besides labels (`hdbscan` of `ClusterResult`)."""

    probabilities: list[float]
    """Strength of each row's membership in its cluster, in [0, 1]; 0 for noise."""

class Histogram(TypedDict):
    """Counts of account creations per bin."""

    counts: list[int]
    """Creations per bin."""
    known: int
    """Accounts with a known creation date."""
    starts: list[str]
    """The first day of each bin (`YYYY-MM-DD`), in order."""
    width: BinWidth
    """The bin width."""

InputFormat = Literal["twitter-v1", "twitter-v2", "snscrape", "bluesky", "mastodon", "tiktok", "qut-csv", "coortweet", "features-csv"]
"""The input formats the adapters understand."""

class KMeansDetails(TypedDict):
    """What K-Means reports besides labels (`kmeans` of `ClusterResult`)."""

    centres: list[list[float]]
    """Final centres in the clustered (standardised) space, one row per cluster."""
    inertia: float
    """Sum of squared distances of rows to their centre."""
    iterations: int
    """Lloyd iterations of the kept run (mini-batch: steps)."""
    n_init: int
    """Runs made (`n_init`)."""
    seed: int
    """The seed of the starts (`random_state`)."""

class Map(TypedDict):
    """The map of accounts: their first two principal coordinates in the clustered space."""

    explained: list[float]
    """Share of the variance each axis explains."""
    points: list[MapPoint]
    """The accounts drawn (a spread sample of each cluster)."""
    total: int
    """All accounts."""

class MapPoint(TypedDict):
    """One account on the map."""

    label: int
    """Its cluster (`-1`: noise)."""
    x: float
    """First principal coordinate."""
    y: float
    """Second principal coordinate."""

class MergeOptions(TypedDict):
    """Options of `merge`: the network's options (and communities) and the read's counts."""

    communities: NotRequired[bool]
    """Also find components and seeded communities; default false."""
    duplicate_posts: NotRequired[int]
    """Records repeating an earlier post id."""
    evidence: NotRequired[int]
    """Evidence pairs kept per edge (default 3)."""
    kind: NotRequired[CoordinationKind]
    """The trace (default co-repost)."""
    min_community_size: NotRequired[int]
    """Communities smaller than this are reported with community `null` (default 2)."""
    min_edge_weight: NotRequired[int]
    """Minimum directed weight of an edge (default 1)."""
    min_participation: NotRequired[int]
    """Accounts with fewer trace posts than this take no part (default 1)."""
    min_tokens: NotRequired[int]
    """Posts with fewer distinct words take no part in co-similar-text (default 5)."""
    posts: NotRequired[int]
    """Distinct posts read (the network's `posts`)."""
    read: NotRequired[ReadSummary]
    """How the inputs were read."""
    resolution: NotRequired[float]
    """Modularity resolution (default 1.0; larger gives smaller communities)."""
    seed: NotRequired[int]
    """RNG seed of the community detection (default 42; written back in the result)."""
    self_loops: NotRequired[bool]
    """Keep edges from an account to itself (default false)."""
    similarity_threshold: NotRequired[float]
    """Word-set Jaccard threshold for co-similar-text (default 0.8)."""
    url_normalization: NotRequired[UrlNormalization]
    """URL normalisation for co-link (default none, as the toolkit)."""
    window: NotRequired[float]
    """Window in seconds, inclusive: posts of two accounts on the same trace at most this far
    apart are co-actions (default 60).
    """

Mode = Literal["strict", "lenient"]
"""Strict (fail on the first bad record) or lenient (collect rejections)."""

class Network(TypedDict):
    """A coordination network."""

    duplicate_posts: int
    """Posts dropped because their id repeated an earlier post."""
    edges: list[Edge]
    """Directed edges sorted by (source, target)."""
    nodes: list[Node]
    """Accounts with at least one edge, sorted by id."""
    options: CoordinateOptions
    """The options used."""
    posts: int
    """Posts read (after removing repeated ids)."""
    trace_posts: int
    """Posts carrying the trace."""

class NetworkInput(TypedDict):
    """A coordination network."""

    duplicate_posts: int
    """Posts dropped because their id repeated an earlier post."""
    edges: list[Edge]
    """Directed edges sorted by (source, target)."""
    nodes: list[NodeInput]
    """Accounts with at least one edge, sorted by id."""
    options: CoordinateOptionsInput
    """The options used."""
    posts: int
    """Posts read (after removing repeated ids)."""
    trace_posts: int
    """Posts carrying the trace."""

class NetworkSummary(TypedDict):
    """The coordination network the report used."""

    edges: int
    """Directed edges."""
    kind: CoordinationKind
    """Its trace."""
    nodes: int
    """Accounts with an edge."""
    window: float
    """Its window in seconds."""

class Node(TypedDict):
    """One account of the network."""

    handle: str | None
    """The handle, when an account record gave one."""
    id: str
    """Account id."""
    trace_posts: int
    """Posts of this account that carry the trace."""

class NodeInput(TypedDict):
    """One account of the network."""

    handle: NotRequired[str | None]
    """The handle, when an account record gave one."""
    id: str
    """Account id."""
    trace_posts: int
    """Posts of this account that carry the trace."""

Op = Literal[">=", ">", "<=", "<", "=="]
"""A comparison operator."""

class PartitionEdges(TypedDict):
    """Directed weights found in one partition (columns of equal length)."""

    post: list[int]
    """The source post's order on a per-post row (a post with several keys), -1 on an
    aggregated row.
    """
    source: list[str]
    """Source account."""
    target: list[str]
    """Target account."""
    weight: list[int]
    """Posts of `source` matched by `target` (1 on a per-post row)."""

class Planted(TypedDict):
    """The truth about one synthetic account."""

    group: int | None
    """For `Coordinated`, the group number (`0..coordinated_groups`); else `None`."""
    population: Population
    """The population the account was drawn from."""

Platform = Literal["twitter", "bluesky", "mastodon", "tiktok", "generic"]
"""The platform a record came from."""

Population = Literal["organic", "dormant_bot", "amplifier", "coordinated"]
"""The planted population of one synthetic account."""

class PopulationProfile(TypedDict):
    """What the whole population looks like (for the overview and the burst signal)."""

    creation: Histogram | None
    """Creation dates of all accounts, when any is known."""
    creation_peak_30_days: float
    """The largest share of all known creation dates within 30 days."""

class Post(TypedDict):
    """One post by one account."""

    account_id: str
    """The author's account id (matches `id`)."""
    client: str | None
    """The posting client / application, where known."""
    created_at: str
    """When the post was published."""
    domains: NotRequired[list[str]]
    """Web domains shared, where the source lists them apart from the URLs (CooRTweet's
    `domain` objects).
    """
    hashtags: list[str]
    """Hashtags without `#`, in order of appearance."""
    id: str
    """The platform's post id (Bluesky: the `at://` URI)."""
    images: NotRequired[list[str]]
    """Shared images, as the source identifies them (a perceptual hash)."""
    kind: PostKind
    """Original, reply, repost or quote."""
    lang: str | None
    """The language tag, where known."""
    mentions: list[str]
    """Mentioned handles without `@`, in order of appearance."""
    objects: NotRequired[list[str]]
    """Shared objects of an unnamed kind (CooRTweet's generic `object_id`)."""
    platform: Platform
    """Source platform."""
    quoted_id: str | None
    """For a quote: the id of the quoted post."""
    replied_to_id: str | None
    """For a reply: the id of the post replied to."""
    reposted_account_id: str | None
    """For a repost: the account id of the reposted post's author, where the platform says
    (needed by the `top_repost_source_share` feature that the `amplifier` rule reads).
    """
    reposted_id: str | None
    """For a repost: the id of the reposted post."""
    text: str
    """The post text (empty for a pure repost when the platform gives none)."""
    urls: list[str]
    """URLs in the post (expanded where the platform gives the expansion)."""

PostKind = Literal["original", "reply", "repost", "quote"]
"""What kind of post this is."""

class ReadRequestOptions(TypedDict):
    """How the inputs are read."""

    compat: NotRequired[Compat]
    """Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
    cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
    gives the "links" `['a',` and `'b']`; by default list text is parsed).
    """
    mode: NotRequired[Mode]
    """`strict` (fail on the first bad record, code `malformed_record` with its line, the
    default) or `lenient` (collect rejections in `read.rejected` and go on).
    """
    observed_at: NotRequired[TimeLike | None]
    """Observation time (RFC 3339) for profiles that carry none (standalone user objects,
    Bluesky profile views, TikTok user info).
    """

class ReadSummary(TypedDict):
    """Counts and rejections of a read."""

    records_accepted: int
    """Records accepted."""
    records_read: int
    """Records read."""
    records_rejected: int
    """Records rejected (lenient mode)."""
    rejected: list[Rejection]
    """The rejected records with line numbers and reasons."""

class Rejection(TypedDict):
    """One record that lenient mode rejected."""

    line: int
    """1-based line number (the line where the record ends for multi-line JSON; 0 if unknown)."""
    reason: str
    """What was wrong, with the JSON pointer or column where there is one."""
    record: int
    """1-based record number in the input."""
    source: str
    """The input's name."""

class Report(TypedDict):
    """The report: every number its pages show."""

    accounts: int
    """Accounts."""
    clustering: Clustering
    """The clustering."""
    clusters: list[ClusterProfile]
    """The clusters ranked by score (rank 1 first), the noise last."""
    feature_columns: list[str]
    """Every feature column, in the order of the examples' `values`."""
    files: list[str]
    """The files written, relative to the output folder (empty when nothing was written)."""
    input_format: InputFormat
    """Their format."""
    inputs: list[str]
    """The inputs, as given."""
    map: Map
    """The map."""
    network: NetworkSummary | None
    """The coordination network, when one was used."""
    population: PopulationProfile
    """The whole population's creation dates."""
    posts: int
    """Posts read."""
    read: ReadSummary
    """Read counts and rejections."""
    score: ScoreScale
    """The verdicts' thresholds."""
    title: str
    """The title."""
    version: str
    """The toolkit version that made it."""

class ReportOptions(TypedDict):
    """Options of `build`: reading, features, clustering, the network, the pages."""

    behaviour: NotRequired[bool]
    """Compute behaviour features over the posts (default true). When false the matrix has the
    profile columns only.
    """
    burst_window_h: NotRequired[float]
    """Hours after a longest silence counted as its wake-up burst (default 24)."""
    columns: NotRequired[list[str] | None]
    """The feature columns to cluster (default: every complete column)."""
    compat: NotRequired[Compat]
    """Another tool's reading, for parity checks: `none` (default) or `qut-1.5.2` (QUT `urls`
    cells split on single spaces as that toolkit does, so that its list text `['a', 'b']`
    gives the "links" `['a',` and `'b']`; by default list text is parsed).
    """
    examples: NotRequired[int]
    """Central accounts shown per cluster; default 5."""
    log1p: NotRequired[bool]
    """`log1p` before standardising; default true."""
    map_points: NotRequired[int]
    """Accounts drawn on the map at most (a spread sample of every cluster); default 5000."""
    method: NotRequired[ClusterMethod]
    """The clustering method; default `kmeans`."""
    mode: NotRequired[Mode]
    """`strict` (fail on the first bad record, code `malformed_record` with its line, the
    default) or `lenient` (collect rejections in `read.rejected` and go on).
    """
    network: NotRequired[CoordinationKind | None]
    """Build this coordination network from the inputs (`co-repost`, `co-link`, `co-hashtag`,
    `co-domain`, `co-image`, ...); default none.
    """
    network_file: NotRequired[StrPath | None]
    """A network already built: the JSON of a `coordinate` result (instead of `network`)."""
    network_min_edge_weight: NotRequired[int]
    """The network's minimum edge weight; default 1."""
    network_window: NotRequired[float]
    """The network's window in seconds; default 60."""
    night_end_hour: NotRequired[int]
    """Night ends before this local hour (default 6). A start after the end wraps past midnight."""
    night_start_hour: NotRequired[int]
    """Night starts at this local hour (default 0)."""
    observed_at: NotRequired[TimeLike | None]
    """Observation time (RFC 3339) for profiles that carry none (standalone user objects,
    Bluesky profile views, TikTok user info).
    """
    output: NotRequired[StrPath | None]
    """Write the site into this folder (created if needed); default: write nothing, return the
    report.
    """
    params: NotRequired[dict[str, Any] | None]
    """The method's parameters (as in `cluster_features`); default none (the method's
    defaults: 8 clusters for K-Means).
    """
    standardise: NotRequired[bool]
    """Standardise the columns before clustering; default true."""
    title: NotRequired[str | None]
    """The report's title; default "Clusters of accounts"."""
    top: NotRequired[int]
    """Shared links, hashtags, domains and sources listed per cluster; default 10."""
    utc_offset_minutes: NotRequired[int]
    """The time zone for day, hour and night features, as minutes east of UTC (default 0;
    -1439..=1439).
    """

class Rule(TypedDict):
    """A named rule: all conditions must hold."""

    conditions: list[Condition]
    """The conditions."""
    description: str
    """What the rule finds and where it comes from."""
    name: str
    """The rule name."""

RuleArg = Union[str, "RuleInput"]
"""A rule: a preset's name (`dormant_2019`, `amplifier`) or a rule object."""

class RuleInput(TypedDict):
    """A named rule: all conditions must hold."""

    conditions: list[Condition]
    """The conditions."""
    description: NotRequired[str]
    """What the rule finds and where it comes from."""
    name: str
    """The rule name."""

class RuleOutcome(TypedDict):
    """One account's outcome with the conditions that failed or were undefined."""

    account_id: str
    """The account id."""
    failed: list[str]
    """Conditions that failed, as `input op value` text."""
    undefined: list[str]
    """Conditions that could not be decided, with why."""
    verdict: Verdict
    """The verdict."""

class RuleRate(TypedDict):
    """A rule preset's outcome over a cluster."""

    pass_rate: float
    """`passed / size`."""
    passed: int
    """Accounts that pass."""
    rule: str
    """The preset (`dormant_2019`, `amplifier`)."""
    undefined: int
    """Accounts whose verdict is undefined (a missing input, 0/0)."""

class RuleResult(TypedDict):
    """Rule outcomes for the accounts in files."""

    outcomes: list[RuleOutcome]
    """One outcome per account, in feature-matrix row order."""
    passed: int
    """How many accounts pass."""
    read: ReadSummary
    """Read counts and rejections."""
    rule: Rule
    """The rule applied."""

class ScoreScale(TypedDict):
    """The thresholds of the verdicts (see `score`)."""

    bot_like: float
    """A score at or above this is `bot-like`."""
    organic: float
    """A score below this is `organic`."""

class Shared(TypedDict):
    """One shared item and how widely it is shared in a cluster."""

    accounts: int
    """Distinct accounts of the cluster that shared it."""
    posts: int
    """Posts of the cluster's accounts that carry it."""
    value: str
    """The link, hashtag (lower-cased, without `#`), domain or source account id."""

class SharedItems(TypedDict):
    """The items a cluster shares most, each list sorted by accounts, then posts (descending),
    then value.
    """

    domains: list[Shared]
    """Web domains (the source's domains, else the links' hosts)."""
    hashtags: list[Shared]
    """Hashtags."""
    links: list[Shared]
    """Links (URLs as written)."""
    repost_sources: list[Shared]
    """Accounts whose posts the cluster's accounts repost."""

class Signals(TypedDict):
    """The signals behind a score."""

    coordination: float
    """Share of accounts with a coordination edge inside the cluster."""
    creation_burst: float
    """Excess of creations within 30 days over the population's."""
    duplicates: float
    """Median duplicate-text ratio."""
    rules: float
    """Largest pass rate of the rule presets."""

class SplitOptions(TypedDict):
    """Options of `trace_rows`: the network's options and how the posts are read and bucketed."""

    bucket_secs: NotRequired[float | None]
    """Width of the time buckets in seconds; default `max(64 × window, 3600)`."""
    compat: NotRequired[Compat]
    """How `urls` cells are split (`none` or `qut-1.5.2`), as in `coordinate`."""
    evidence: NotRequired[int]
    """Evidence pairs kept per edge (default 3)."""
    kind: NotRequired[CoordinationKind]
    """The trace (default co-repost)."""
    min_edge_weight: NotRequired[int]
    """Minimum directed weight of an edge (default 1)."""
    min_participation: NotRequired[int]
    """Accounts with fewer trace posts than this take no part (default 1)."""
    min_tokens: NotRequired[int]
    """Posts with fewer distinct words take no part in co-similar-text (default 5)."""
    mode: NotRequired[Mode]
    """`strict` (the first bad row fails, the default) or `lenient` (bad rows in `rejected`)."""
    order_base: NotRequired[int]
    """The order of the table's first row when it has no `_order` column (row `i` is
    `order_base + i`): the global input order decides which of two records of one post id
    is kept.
    """
    self_loops: NotRequired[bool]
    """Keep edges from an account to itself (default false)."""
    similarity_threshold: NotRequired[float]
    """Word-set Jaccard threshold for co-similar-text (default 0.8)."""
    url_normalization: NotRequired[UrlNormalization]
    """URL normalisation for co-link (default none, as the toolkit)."""
    window: NotRequired[float]
    """Window in seconds, inclusive: posts of two accounts on the same trace at most this far
    apart are co-actions (default 60).
    """

class SyntheticConfig(TypedDict):
    """Generator settings. Every field has a documented default (`Default`); deserialisable from
    JSON with missing fields taking the defaults.
    """

    amplifiers: NotRequired[int]
    """Number of amplifiers (default 50)."""
    coordinated_groups: NotRequired[int]
    """Number of coordinated groups (default 5)."""
    coordination_window_secs: NotRequired[int]
    """Members of a coordinated group act within this many seconds of each event (default 60)."""
    dormant_bots: NotRequired[int]
    """Number of dormant-rule bots (default 100)."""
    dormant_created_after: NotRequired[TimeLike]
    """Dormant bots are created on or after this time (default 2019-01-01T00:00:00Z)."""
    end: NotRequired[TimeLike]
    """End of the post window and the observation time of every profile
    (default 2019-05-27T00:00:00Z).
    """
    group_events: NotRequired[int]
    """Events per coordinated group in the window (default 20)."""
    group_size: NotRequired[int]
    """Members per coordinated group (default 10)."""
    organic: NotRequired[int]
    """Number of organic accounts (default 1000)."""
    posts_per_account: NotRequired[float]
    """Mean number of posts of an organic account in the window (default 10.0)."""
    seed: NotRequired[int]
    """RNG seed (default 42). Written back into `seed`."""
    start: NotRequired[TimeLike]
    """Start of the post window (default 2019-05-01T00:00:00Z)."""

class SyntheticData(TypedDict):
    """The generator's output."""

    accounts: list[Account]
    """One observation per account, observed at `end`."""
    planted: list[Planted]
    """The truth for `accounts[i]` is `planted[i]`."""
    posts: list[Post]
    """All posts, grouped by account in account order, each account's posts in time order."""
    seed: int
    """The seed used."""

class TraceRows(TypedDict):
    """One row per trace key and time bucket of each accepted post (columns of equal length)."""

    bucket: list[int]
    """The time bucket."""
    first: list[bool]
    """True on exactly one row of each post (to count an account's trace posts)."""
    handles: list[str]
    """See `users`."""
    id_hashes: list[int]
    """A 53-bit hash of each of `ids` (FNV-1a with a final mix): the engine finds the hashes
    seen more than once and compares only those ids as text (a shared hash is a repeated
    id or, rarely, two ids that collide; the text decides).
    """
    ids: list[str]
    """The accepted rows' post ids with their order, for the engine's duplicate check: `[id,
    order]` pairs in `ids` and `orders`.
    """
    key: list[str]
    """The trace key (a repost id, a normalised URL or text, an LSH band, ...)."""
    multi: list[bool]
    """Whether the post has more than one trace key."""
    orders: list[int]
    """See `ids`."""
    owned: list[bool]
    """Whether the post belongs to this bucket (false: a copy for the bucket's window)."""
    post: list[int]
    """The post's global order (which also identifies it)."""
    rejected: list[Rejection]
    """Rejected rows (lenient mode)."""
    rows_read: int
    """Rows of the input table."""
    text: list[str]
    """The post's text, for near-duplicate text only (empty otherwise)."""
    time_us: list[int]
    """The post's time in microseconds since the epoch."""
    user: list[str]
    """The posting account."""
    user_orders: list[int]
    """See `users`."""
    user_posts: list[int]
    """The trace posts of each of `users` in this table (its rows with `first`): the engine
    adds them up per account for the network's nodes.
    """
    users: list[str]
    """The accounts of the accepted rows, each once, at its first row here: `users`,
    `handles` (the `username` of that row, empty when none) and `user_orders` (its order);
    the engine keeps, per account, the handle of its smallest order (as one process keeps
    the first row's).
    """

UrlNormalization = Literal["none", "basic"]
"""How URLs are normalised before comparison in co-link networks."""

Value = Union[bool, float, str]
"""A threshold value: a number, a boolean or an RFC 3339 time."""

Verdict = Literal["pass", "fail", "undefined"]
"""The outcome of a rule for one account."""


# --- operations ----------------------------------------------------------------------


def features(inputs: StrPath | list[StrPath], input_format: InputFormat, **options: Unpack[FeaturesOptions]) -> _extra.Features:
    """Profile and behaviour features of the accounts, one row per account: the BotometerLite profile features and behaviour features over the posts. A missing value is NaN in `values` and true in `mask`, never a made-up constant. Column names are a contract shared by every language: the profile columns, then the behaviour columns.

    Args:
        inputs: A path or a list of paths (JSON, JSONL or CSV as the platform delivers it; `.gz` is read directly).
        input_format: `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok`, `qut-csv`, `coortweet` or `features-csv` (a features CSV read back).

    Options are the keys of :class:`FeaturesOptions`.
    """
    return _extra.Features.from_native(_native.call("bots.features", [inputs, input_format], options))


def features_from_text(data: bytes | str, input_format: InputFormat, **options: Unpack[FeaturesTextOptions]) -> _extra.Features:
    """Like `features`, on one in-memory input (text or bytes).

    Args:
        data: The export's content.
        input_format: `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok`, `qut-csv`, `coortweet` or `features-csv` (a features CSV read back).

    Options are the keys of :class:`FeaturesTextOptions`.
    """
    return _extra.Features.from_native(_native.call("bots.features_from_text", [data, input_format], options))


def read(inputs: StrPath | list[StrPath], input_format: InputFormat, **options: Unpack[ReadRequestOptions]) -> Dataset:
    """Read files into the platform-neutral model: `accounts`, `posts`, `rejected` and the read counts.

    Args:
        inputs: A path or a list of paths (JSON, JSONL or CSV as the platform delivers it; `.gz` is read directly).
        input_format: `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok`, `qut-csv`, `coortweet` or `features-csv` (a features CSV read back).

    Options are the keys of :class:`ReadRequestOptions`.
    """
    return cast("Dataset", _native.call("bots.read", [inputs, input_format], options))


def rule(rule: RuleArg, inputs: StrPath | list[StrPath], input_format: InputFormat, **options: Unpack[FeaturesOptions]) -> RuleResult:
    """Apply a rule preset (`dormant_2019`, `amplifier`) or a rule object (`{name, conditions: [{input, op, value}]}`) to every account: `outcomes` with a `verdict` of `pass`, `fail` or `undefined` (0/0 ratios and missing inputs are undefined, never a pass).

    Args:
        rule: A preset's name or a rule object.
        inputs: A path or a list of paths (JSON, JSONL or CSV as the platform delivers it; `.gz` is read directly).
        input_format: `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok`, `qut-csv`, `coortweet` or `features-csv` (a features CSV read back).

    Options are the keys of :class:`FeaturesOptions`.
    """
    return cast("RuleResult", _native.call("bots.rule", [rule, inputs, input_format], options))


def handle_likelihood(handle: str) -> float | None:
    """How much a handle looks like the handles people choose, in (0, 1]: the geometric mean of smoothed character-bigram probabilities; `null` for an empty handle.

    Args:
        handle: The handle, without `@`.
    """
    return cast("float | None", _native.call("bots.handle_likelihood", [handle], None))


def synthetic(**options: Unpack[SyntheticConfig]) -> SyntheticData:
    """Seeded synthetic accounts, posts and the planted population of every account (organic users, dormant-rule bots, amplifiers, coordinated groups): `{seed, accounts, posts, planted}`.

    Options are the keys of :class:`SyntheticConfig`.
    """
    return cast("SyntheticData", _native.call("bots.synthetic", [], options))


def coordinate(inputs: StrPath | list[StrPath], input_format: InputFormat, **options: Unpack[CoordinateRequestOptions]) -> CoordinateResult:
    """Build the coordination network of the posts: accounts that act together on the same trace (`kind`: `co-repost`, `co-link`, `co-text`, `co-similar-text`, `co-reply`, `co-hashtag-sequence`, `synchrony`) within `window` seconds, inclusive. The directed weight u → v counts distinct posts of u matched by a post of v (the QUT coordination-network-toolkit's definition); every edge has `weight`, `reverse_weight`, `symmetric_weight`, `balance` and `evidence` (matched post pairs). With `communities`, the result also has `analysis` (components and seeded communities).

    Args:
        inputs: A path or a list of paths.
        input_format: The format of the inputs (`qut-csv`, `twitter-v1`, ...).

    Options are the keys of :class:`CoordinateRequestOptions`.
    """
    return cast("CoordinateResult", _native.call("bots.coordinate", [inputs, input_format], options))


def coordinate_text(data: bytes | str, input_format: InputFormat, **options: Unpack[CoordinateTextOptions]) -> CoordinateResult:
    """Like `coordinate`, on one in-memory input (text or bytes).

    Args:
        data: The posts (a QUT CSV, JSONL, ...).
        input_format: The format of the data.

    Options are the keys of :class:`CoordinateTextOptions`.
    """
    return cast("CoordinateResult", _native.call("bots.coordinate_text", [data, input_format], options))


def export_network(result: CoordinateResultInput, format: ExportFormat | None = None) -> str:
    """Render a `coordinate` result as `csv`, `json`, `graphml` (the default) or `gexf` text. GraphML and GEXF carry node attributes `handle`, `trace_posts` (and `component`, `community` when the result was analysed; -1 = no community) and edge attributes `weight`, `reverse_weight`, `symmetric_weight`, `balance`, `evidence`; Gephi, networkx and igraph read them.

    Args:
        result: What `coordinate` returned.
        format: `csv`, `json`, `graphml` or `gexf`.
    """
    return cast("str", _native.call("bots.export_network", [result, format], None))


def normalize_text(text: str) -> str:
    """The co-text normalisation (the QUT toolkit's): lower-cased, @mentions stripped, white space collapsed.

    Args:
        text: A post's text.
    """
    return cast("str", _native.call("bots.normalize_text", [text], None))


def coordinate_traces(posts: Any, **options: Unpack[SplitOptions]) -> TraceRows:
    """Step 1 of a partitioned `coordinate` (what `disinfo.dask` and `disinfo.spark` run on each partition of posts): one row per trace key and time bucket of each post of a table with the QUT toolkit's columns (`message_id`, `user_id`, `message`, `timestamp`, and `repost_id`, `reply_id`, `urls`; `_order` the rows' global order). A post is `owned` by the bucket of its time and copied into a neighbouring bucket when it lies within the window of their boundary, so that a hot object split over buckets loses and doubles no pair. `ids` and `orders` list the accepted posts for the duplicate check, `id_hashes` a 53-bit hash of each id (the engine compares as text only the ids that share one). `users`, `handles`, `user_orders` and `user_posts` list each account once, with the handle and order of its first row and its trace posts here.

    Args:
        posts: A pandas DataFrame (or columns by name) with the QUT toolkit's columns.

    Options are the keys of :class:`SplitOptions`.
    """
    return cast("TraceRows", _native.call("bots.coordinate_traces", [posts], options))


def coordinate_traces_file(input: StrPath, input_format: InputFormat, **options: Unpack[FileSplitOptions]) -> TraceRows:
    """Step 1 of a partitioned `coordinate` over files (what `disinfo.dask.coordinate_files` and `disinfo.spark.coordinate_files` run on each input file): the file read by its platform reader as `coordinate` reads it, then the trace rows of `coordinate_traces`, with the trace keys one process gives each post and orders `order_base + i` for the file's `i`-th post (give the `n`-th file `order_base = n << 32`). `users`, `handles` and `user_orders` are the file's profile observations with a handle, each account once with its last one; their orders count down from 2^53 − 1 so that the engine's rule (the handle of the smallest order) keeps the last observation, as one process does (orders stay below 2^53: up to 2^21 files of 2^32 records); then the accounts with trace posts and no handle, with an empty handle at order 2^53; `user_posts` counts each account's trace posts in the file. `rows_read` and `rejected` are the reader's.

    Args:
        input: The path of one input file.
        input_format: The format of the file (`twitter-v2`, `snscrape`, `qut-csv`, ...).

    Options are the keys of :class:`FileSplitOptions`.
    """
    return cast("TraceRows", _native.call("bots.coordinate_traces_file", [input, input_format], options))


def coordinate_partition(traces: Any, **options: Unpack[CoordinateOptionsInput]) -> PartitionEdges:
    """Step 2 of a partitioned `coordinate`: the directed weights among the trace rows of one partition (every row of a `(key, bucket)` in the same partition). A post with one trace key is counted here (`post` = -1, `weight` = its posts); a post with several keys is listed once per `(source, target, post)` for the engine to count once.

    Args:
        traces: Trace rows (`key`, `bucket`, `owned`, `time_us`, `user`, `post`, `multi`, and `text` for near-duplicate text).

    Options are the keys of :class:`CoordinateOptionsInput`.
    """
    return cast("PartitionEdges", _native.call("bots.coordinate_partition", [traces], options))


def coordinate_merge(edges: Any, nodes: Any, **options: Unpack[MergeOptions]) -> CoordinateResult:
    """Step 3 of a partitioned `coordinate`: the network of the summed directed weights (`min_edge_weight` per direction, reverse weights, balance, nodes with their trace posts), and with `communities` its components and communities; the shape of `coordinate`'s result, without evidence pairs.

    Args:
        edges: Weights: `source`, `target`, `weight` (rows of one pair are added), optionally `post` (step 2's rows as they are: a row with `post` >= 0 counts 1 per distinct `(source, target, post)`).
        nodes: Trace posts per account: `user`, `trace_posts`, optionally `handle` and `order`; an account's rows (one per partition) add up, its handle is that of its smallest `order` (without `order`, its last non-empty one).

    Options are the keys of :class:`MergeOptions`.
    """
    return cast("CoordinateResult", _native.call("bots.coordinate_merge", [edges, nodes], options))


def coordinate_merge_edges(edges: Any, **options: Unpack[CoordinateOptionsInput]) -> EdgeTable:
    """Step 3 of a partitioned `coordinate` when only the edges are wanted: the edges `coordinate_merge` gives for the same rows (`min_edge_weight` per direction, reverse and symmetric weights, balance), sorted by `(source, target)`, as columns rather than one object per edge; no nodes, counts or communities.

    Args:
        edges: Weights: `source`, `target`, `weight` (rows of one pair are added), optionally `post` (step 2's rows as they are: a row with `post` >= 0 counts 1 per distinct `(source, target, post)`).

    Options are the keys of :class:`CoordinateOptionsInput`.
    """
    return cast("EdgeTable", _native.call("bots.coordinate_merge_edges", [edges], options))


def cluster_features(table: Any, **options: Unpack[ClusterRequestOptions]) -> _extra.Clusters:
    """Cluster the accounts (rows) of a table with `dbscan`, `hdbscan`, `kmeans`, `minibatch_kmeans` or `gmm`, after `log1p` and per-column standardisation (unless `standardise` is false). The table is what `features` returns, a pandas DataFrame (an `account_id` column gives the ids; other text columns are not features) or a plain matrix. Columns with missing values are left out and named in `dropped_columns`, with the reason in `notes`; an infinite value is an error naming its column, row and account; a constant column is kept and noted; duplicate rows share a label; one account is noise for `dbscan`, cluster 0 for one K-Means or GMM cluster, and an error for `hdbscan` or more clusters than rows; no column or no row is an `invalid_argument` error. The result has `account_ids`, `labels` (noise is -1), `n_clusters`, `n_noise`, per-cluster `summaries` (size, medians on the original scale) and the method's details (`kmeans`: centres, inertia, iterations, runs, seed; `gmm`: means, weights, lower bound; `hdbscan`: probabilities). Labels equal scikit-learn's for the same parameters (DBSCAN exactly; K-Means and GMM for the same `random_state`; HDBSCAN up to merges at exactly tied heights).

    Args:
        table: The accounts: a `features` result, a pandas DataFrame (numeric columns are features, `account_id` the ids), a 2-D numpy array or list of rows; in Node a `features()` result, `Float64Array` columns or rows.

    Options are the keys of :class:`ClusterRequestOptions`.
    """
    return _extra.Clusters.from_native(_native.call("bots.cluster_features", [table], options, columnar=True))


def cluster_accounts(inputs: StrPath | list[StrPath], input_format: InputFormat, **options: Unpack[ClusterAccountsOptions]) -> _extra.Clusters:
    """Like `cluster_features`, on files: a features CSV written by `features` (`features-csv`, so that features are computed once and clustered many times) or platform exports, whose features are computed first.

    Args:
        inputs: A path or a list of paths (`.gz` is read directly).
        input_format: `features-csv`, or a platform format (`twitter-v1`, `qut-csv`, `coortweet`, ...).

    Options are the keys of :class:`ClusterAccountsOptions`.
    """
    return _extra.Clusters.from_native(_native.call("bots.cluster_accounts", [inputs, input_format], options, columnar=True))


def report(inputs: StrPath | list[StrPath], input_format: InputFormat, **options: Unpack[ReportOptions]) -> Report:
    """Cluster the accounts of the inputs and write the public report: with `output`, a self-contained static site in that folder (an overview ranking the clusters by bot-likeness with the map of accounts and creation dates, one page per cluster with its profile, charts, central accounts and the network among them, in English and French, the method written out; no server, no script, nothing loaded from outside the folder) and `report.json`. Returns the report: every number the pages show (per cluster: size, feature quartiles, rule pass rates, creation-date histogram, shared links, hashtags, domains and repost sources, coordination when `network` or `network_file` is given, central accounts, the score's signals, score and verdict).

    Args:
        inputs: A path or a list of paths (`.gz` is read directly).
        input_format: A platform format (`twitter-v1`, `qut-csv`, `coortweet`, ...) or `features-csv`.

    Options are the keys of :class:`ReportOptions`.
    """
    return cast("Report", _native.call("bots.report", [inputs, input_format], options))
