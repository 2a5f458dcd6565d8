"""Bots: account features from platform exports, rule presets, coordination networks and
feature clustering.

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
    "cluster_features",
    "Account",
    "ClusterMethod",
    "ClusterRequestOptions",
    "ClusterResult",
    "ClusterSummary",
    "Community",
    "Condition",
    "CoordinateOptions",
    "CoordinateOptionsInput",
    "CoordinateRequestOptions",
    "CoordinateResult",
    "CoordinateResultInput",
    "CoordinateTextOptions",
    "CoordinationKind",
    "Dataset",
    "Edge",
    "Evidence",
    "ExportFormat",
    "FeaturesMeta",
    "FeaturesOptions",
    "FeaturesTextOptions",
    "GmmDetails",
    "GraphAnalysis",
    "HdbscanDetails",
    "InputFormat",
    "KMeansDetails",
    "Mode",
    "Network",
    "NetworkInput",
    "Node",
    "NodeInput",
    "Op",
    "Planted",
    "Platform",
    "Population",
    "Post",
    "PostKind",
    "ReadRequestOptions",
    "ReadSummary",
    "Rejection",
    "Rule",
    "RuleArg",
    "RuleInput",
    "RuleOutcome",
    "RuleResult",
    "SyntheticConfig",
    "SyntheticData",
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

ClusterMethod = Literal["dbscan", "kmeans", "gmm", "hdbscan"]
"""The clustering algorithm."""

class ClusterRequestOptions(TypedDict):
    """Options of `cluster_features`."""

    columns: NotRequired[list[str] | None]
    """The column names, for the cluster summaries (default `x0`, `x1`, ...)."""
    include_matrix: NotRequired[bool]
    """Return the clustered (standardised) matrix as `matrix`; default false."""
    log1p: NotRequired[bool]
    """Take `log1p` of every value before standardising (counts are heavy-tailed); default true."""
    method: NotRequired[ClusterMethod]
    """`dbscan` (default), `kmeans`, `gmm` or `hdbscan`."""
    params: NotRequired[dict[str, Any] | None]
    """The method's parameters, with scikit-learn's names and defaults: dbscan `eps` (0.5),
    `min_samples` (5); kmeans `n_clusters` (8), `initial_centres`, `max_iter` (300), `tol`
    (1e-4), `seed` (42); gmm `n_components` (1), `max_iter` (100), `tol` (1e-3), `reg_covar`
    (1e-6), `seed` (42), `probabilities` (false); hdbscan `min_cluster_size` (5),
    `min_samples`, `cluster_selection_epsilon` (0), `cluster_selection_method` (`eom` or
    `leaf`), `allow_single_cluster` (false).
    """
    standardise: NotRequired[bool]
    """Standardise the columns (z-score, as scikit-learn's `StandardScaler`); default true."""

class ClusterResult(TypedDict):
    """The result of `cluster_matrix`."""

    columns: list[str]
    """Column names, in matrix order (`x0`, `x1`, ... when none were given)."""
    gmm: NotRequired[GmmDetails | None]
    """Mixture means, weights, convergence and (when asked) probabilities."""
    hdbscan: NotRequired[HdbscanDetails | None]
    """HDBSCAN membership probabilities."""
    kmeans: NotRequired[KMeansDetails | None]
    """K-Means centres, iterations and inertia."""
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
    summaries: list[ClusterSummary]
    """One summary per label present, in label order (noise first)."""

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

CoordinationKind = Literal["co-repost", "co-link", "co-text", "co-similar-text", "co-reply", "co-hashtag-sequence", "synchrony"]
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

class Evidence(TypedDict):
    """One matched pair of posts backing an edge."""

    delta_secs: float
    """Seconds from the source post to the target post (may be negative)."""
    source_post: str
    """The post of the edge's source."""
    target_post: str
    """A post of the target that matches it."""

ExportFormat = Literal["csv", "json", "graphml", "gexf"]
"""An export format."""

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
    probabilities: NotRequired[list[list[float]] | None]
    """Per-row component probabilities, when `probabilities` was asked for."""
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

InputFormat = Literal["twitter-v1", "twitter-v2", "snscrape", "bluesky", "mastodon", "tiktok", "qut-csv"]
"""The input formats the adapters understand."""

class KMeansDetails(TypedDict):
    """What K-Means reports besides labels (`kmeans` of `ClusterResult`)."""

    centres: list[list[float]]
    """Final centres in the clustered (standardised) space, one row per cluster."""
    inertia: float
    """Sum of squared distances of rows to their centre."""
    iterations: int
    """Lloyd iterations run."""

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

class Post(TypedDict):
    """One post by one account."""

    account_id: str
    """The author's account id (matches `id`)."""
    client: str | None
    """The posting client / application, where known."""
    created_at: str
    """When the post was published."""
    hashtags: list[str]
    """Hashtags without `#`, in order of appearance."""
    id: str
    """The platform's post id (Bluesky: the `at://` URI)."""
    kind: PostKind
    """Original, reply, repost or quote."""
    lang: str | None
    """The language tag, where known."""
    mentions: list[str]
    """Mentioned handles without `@`, in order of appearance."""
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
        inputs: A path or a list of paths (JSON, JSONL or CSV as the platform delivers it).
        input_format: `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok` or `qut-csv`.

    Options are the keys of :class:`FeaturesOptions`.
    """
    return _extra.Features.from_native(_native.call("bots.features", [inputs, input_format], options))


def features_from_text(data: bytes | str, input_format: InputFormat, **options: Unpack[FeaturesTextOptions]) -> _extra.Features:
    """Like `features`, on one in-memory input (text or bytes).

    Args:
        data: The export's content.
        input_format: `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok` or `qut-csv`.

    Options are the keys of :class:`FeaturesTextOptions`.
    """
    return _extra.Features.from_native(_native.call("bots.features_from_text", [data, input_format], options))


def read(inputs: StrPath | list[StrPath], input_format: InputFormat, **options: Unpack[ReadRequestOptions]) -> Dataset:
    """Read files into the platform-neutral model: `accounts`, `posts`, `rejected` and the read counts.

    Args:
        inputs: A path or a list of paths (JSON, JSONL or CSV as the platform delivers it).
        input_format: `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok` or `qut-csv`.

    Options are the keys of :class:`ReadRequestOptions`.
    """
    return cast("Dataset", _native.call("bots.read", [inputs, input_format], options))


def rule(rule: RuleArg, inputs: StrPath | list[StrPath], input_format: InputFormat, **options: Unpack[FeaturesOptions]) -> RuleResult:
    """Apply a rule preset (`dormant_2019`, `amplifier`) or a rule object (`{name, conditions: [{input, op, value}]}`) to every account: `outcomes` with a `verdict` of `pass`, `fail` or `undefined` (0/0 ratios and missing inputs are undefined, never a pass).

    Args:
        rule: A preset's name or a rule object.
        inputs: A path or a list of paths (JSON, JSONL or CSV as the platform delivers it).
        input_format: `twitter-v1`, `twitter-v2`, `snscrape`, `bluesky`, `mastodon`, `tiktok` or `qut-csv`.

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


def cluster_features(matrix: Any, **options: Unpack[ClusterRequestOptions]) -> ClusterResult:
    """Cluster the rows (accounts) of a feature matrix with `dbscan`, `kmeans`, `gmm` or `hdbscan`, after `log1p` and per-column standardisation (unless `standardise` is false). Values must be finite. The result has `labels` (noise is -1), `n_clusters`, `n_noise` and per-cluster `summaries` (size, medians on the original scale), plus the method's details (`kmeans`: centres, inertia; `gmm`: means, weights; `hdbscan`: probabilities).

    Args:
        matrix: Rows of numbers: a 2-D numpy array, a list of rows, or columns of `Float64Array`s in Node.

    Options are the keys of :class:`ClusterRequestOptions`.
    """
    return cast("ClusterResult", _native.call("bots.cluster_features", [matrix], options))
