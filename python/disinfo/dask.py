"""Co-action networks on Dask, identical to :func:`disinfo.bots.coordinate` on the same posts.

``pip install disinfo[dask]``. A Dask DataFrame with the QUT toolkit's columns (``message_id,
user_id, username, repost_id, reply_id, message, timestamp, urls``) is read as it is::

    import dask.dataframe as dd
    from disinfo import dask as ddisinfo

    edges = ddisinfo.coordinate(dd.read_csv("posts-*.csv", dtype=str), kind="co-repost", window=60,
                                min_edge_weight=2)

Each partition's trace keys are computed in Rust, the rows shuffled by ``(key, time bucket)``,
each shuffled partition's weights computed in Rust, and the weights summed; the network (and its
communities) is assembled in the driver. ``docs/scale.md`` explains why the result is exact.
Read ids as text (``dtype=str``): an id column read as floats has lost digits past 2**53.

Posts in a platform's format (any ``input_format`` of :func:`disinfo.bots.coordinate`) are
split by file, one task per file, with the same result as ``bots.coordinate`` on the files::

    edges = ddisinfo.coordinate_files(sorted(glob.glob("/data/tweets-*.jsonl")), "twitter-v2",
                                      kind="co-link", window=60, min_edge_weight=2)

Split by file is the faster route when the posts are files (QUT CSV part files included): each
worker reads its files with disinfo's reader, where ``dd.read_csv`` alone costs more than the
whole single-process network (``docs/scale.md``, "What the engines cost").

``features`` reads a Dask DataFrame of posts with the QUT toolkit's columns (``message_id,
user_id, username, repost_id, reply_id, message, timestamp, urls``)::

    import dask.dataframe as dd
    from disinfo import dask as ddisinfo

    f = ddisinfo.features(dd.read_csv("posts-*.csv", dtype=str))   # a bots.Features

The rows are shuffled by account (``user_id``), each partition is written as a QUT CSV and its
features computed in Rust by ``bots.features_from_text``, and the driver puts the rows back in
the single-process order. The result -- values, mask, ids, handles, row order, read counts,
lenient-mode rejections with their line and record, strict-mode errors -- is that of
``bots.features_from_text`` on ``posts.compute()`` written with ``to_csv(index=False)`` (its QUT
columns). Read ids as text (``dtype=str``): ids read as floats have lost digits past 2**53 and
are written as ``1.0``. Why this is exact is in :mod:`disinfo._engine_features`.

``extract_batch`` runs ``terms.extract_batch`` on each partition of a Dask bag of jobs (or a list
of jobs split into ``npartitions``) and returns the results in input order. Snapshot paths are
read by the workers: give absolute paths (a relative one is resolved in each worker's directory).

``audit`` splits an ads audit by ad key over the workers and returns the report of
:func:`disinfo.ads.audit` on the same collections (every number, table row and evidence item)::

    from disinfo import dask as ddisinfo

    report = ddisinfo.audit(["archive/2024-05-01", "archive/2024-05-08"], shards=16)

Each shard reads every file and keeps the ads whose id hashes to it: the workers must see the
collection folders (relative folders are made absolute in the driver).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any, Literal, cast

import numpy as np
from typing_extensions import Unpack

from disinfo import _engine_audit as audits
from disinfo import _engine_features as eng
from disinfo import _partitioned as p
from disinfo._extra.bots import Features
from disinfo.ads import AuditOptionsInput, AuditReport, CollectionArg
from disinfo.bots import FeaturesTextOptions, InputFormat, StrPath
from disinfo.terms import BatchResult, ExtractBatchOptions

__all__ = ["coordinate", "coordinate_files", "features", "extract_batch", "audit"]


def _worker_threads() -> int:
    try:
        from distributed import get_worker

        return int(get_worker().state.nthreads)
    except (ImportError, ValueError, AttributeError):
        return 1


def _split(pdf: Any, number: int, options: dict[str, Any]) -> tuple[Any, Any, Any, dict[str, Any]]:
    p.set_threads(_worker_threads())
    return p.split_partition(pdf, number << p.ORDER_SHIFT, options)


def _edges(traces: Any, options: dict[str, Any]) -> Any:
    p.set_threads(_worker_threads())
    return p.partition_edges(traces, options)


def coordinate(
    posts: Any,
    kind: str,
    window: float,
    min_edge_weight: int = 1,
    *,
    npartitions: int | None = None,
    unique_ids: bool = False,
    output: Literal["pandas", "network", "dask"] = "pandas",
    **options: Any,
) -> Any:
    """The coordination network of a Dask DataFrame of posts (QUT columns).

    - ``kind``, ``window``, ``min_edge_weight`` and the other options (``min_participation``,
      ``self_loops``, ``url_normalization``, ``similarity_threshold``, ``min_tokens``, ``mode``,
      ``compat``, ``communities``, ``seed``, ``resolution``, ``min_community_size``) are those
      of :func:`disinfo.bots.coordinate`; ``bucket_secs`` sets the time buckets' width
      (default ``max(64 × window, 3600)``).
    - ``npartitions``: partitions of the shuffle (default: the input's).
    - ``unique_ids``: skip the duplicate-id check (one pass over the ids) when the ids are known
      to be distinct.
    - ``output``: ``"pandas"`` (default) a DataFrame ``source, target, weight, reverse_weight,
      symmetric_weight, balance``; ``"network"`` the whole result of ``bots.coordinate``
      (network with nodes, ``analysis`` with ``communities=True``, read counts; no evidence
      pairs); ``"dask"`` a Dask DataFrame ``source, target, weight`` of the directed weights
      ``>= min_edge_weight``, left uncomputed for outputs too large for the driver.
    """
    dask = p.optional("dask")

    options = p.options_of(kind, window, min_edge_weight, options)
    split = [dask.delayed(_split, nout=4)(part, i, options) for i, part in enumerate(posts.to_delayed())]
    return _network(split, options, npartitions or posts.npartitions, unique_ids, output)


def _split_file(path: str, number: int, input_format: InputFormat, options: dict[str, Any]) -> tuple[Any, Any, Any, dict[str, Any]]:
    p.set_threads(_worker_threads())
    return p.split_file(path, number << p.ORDER_SHIFT, input_format, options)


def coordinate_files(
    inputs: StrPath | Sequence[StrPath],
    input_format: InputFormat,
    kind: str,
    window: float,
    min_edge_weight: int = 1,
    *,
    npartitions: int | None = None,
    unique_ids: bool = False,
    output: Literal["pandas", "network", "dask"] = "pandas",
    **options: Any,
) -> Any:
    """The coordination network of input files in any format :func:`disinfo.bots.coordinate`
    reads (``twitter-v1``, ``twitter-v2``, ``snscrape``, ``bluesky``, ``mastodon``, ``tiktok``,
    ``coortweet``, ``qut-csv``), one task per file: the network of ``bots.coordinate(inputs,
    input_format, ...)``, handles and read counts (lenient-mode rejections with their file and
    line) included.

    Each worker reads its file with the platform reader and gives its posts their trace keys
    (``bots.coordinate_traces_file``); the rest is :func:`coordinate`'s. The options are
    ``coordinate``'s and the readers' ``observed_at``; ``npartitions`` defaults to the number
    of files. The workers must see the files (relative paths are made absolute in the driver).
    """
    dask = p.optional("dask")

    options = p.options_of(kind, window, min_edge_weight, options, files=True)
    paths = p.absolute_paths(inputs)
    if not paths:
        return _no_files(options, output)
    split = [dask.delayed(_split_file, nout=4)(path, i, input_format, options) for i, path in enumerate(paths)]
    return _network(split, options, npartitions or len(paths), unique_ids, output)


def _no_files(options: dict[str, Any], output: str) -> Any:
    """The network of no input, in the form ``output`` asks for."""
    dd, pd = p.optional("dask.dataframe"), p.optional("pandas")

    result = p.merge(pd.DataFrame({"source": [], "target": [], "weight": []}), pd.DataFrame({"user": [], "trace_posts": []}), options, 0, 0, [])
    if output == "dask":
        meta = pd.DataFrame({"source": pd.Series(dtype=p.TEXT_DTYPE), "target": pd.Series(dtype=p.TEXT_DTYPE), "weight": pd.Series(dtype="int64")})
        return dd.from_pandas(meta, npartitions=1)
    return result if output == "network" else p.edge_frame(result)


def _network(split: list[Any], options: dict[str, Any], parts: int, unique_ids: bool, output: str) -> Any:
    """Steps 1 (``split``: each partition's or file's delayed step 1) to 3 of a network."""
    dask, dd, pd = (p.optional(m) for m in ("dask", "dask.dataframe", "pandas"))

    min_edge_weight = options["min_edge_weight"]
    split = list(dask.persist(*split))
    traces = dd.from_delayed([s[0] for s in split], meta=p.frame_of(p.TRACE_DTYPES), verify_meta=False)
    ids = dd.from_delayed(
        [s[1] for s in split],
        meta=pd.DataFrame({"id": pd.Series(dtype=p.TEXT_DTYPE), "order": pd.Series(dtype="int64"), "hash": pd.Series(dtype="int64")}),
        verify_meta=False,
    )
    users = dd.from_delayed([s[2] for s in split], meta=p.frame_of(p.ACCOUNT_DTYPES), verify_meta=False)
    (read,) = dask.compute([s[3] for s in split])
    accepted = int(ids.shape[0].compute())
    duplicates = 0
    dropped_posts = pd.Series(dtype="int64")
    if not unique_ids:
        # Ids are compared by hash first: each bucket of hashes (by value) meets in one task.
        buckets = max(2, min(len(split), 16))
        pieces = [dask.delayed(p.hash_buckets, nout=buckets)(s[1], buckets) for s in split]
        found = dask.compute(*[dask.delayed(p.shared_hashes)(*[piece[b] for piece in pieces]) for b in range(buckets)])
        shared = set(np.concatenate(found).tolist())
        if shared:
            drop = p.repeated_ids(ids[ids["hash"].isin(shared)].compute())
            duplicates = len(drop)
            is_dropped = traces["post"].isin(drop)
            dropped = traces[is_dropped]
            dropped_posts = dropped[dropped["first"]].groupby("user").size().compute()
            traces = traces[~is_dropped]
    counts = traces[traces["first"]].groupby("user").size()
    if options.get("min_participation", 1) > 1:
        active = counts[counts >= options["min_participation"]].compute()
        traces = traces[traces["user"].isin(set(active.index))]
    shuffled = traces.shuffle(on=["key", "bucket"], npartitions=parts)
    pieces = shuffled.map_partitions(_edges, options, meta=p.frame_of(p.EDGE_DTYPES))
    if output != "dask":
        pieces = pieces.persist()
        if int(pieces.shape[0].compute()) <= p.DRIVER_SUM_ROWS:
            # Few enough rows for the driver: step 2's rows (and for the network every
            # partition's account rows) as they are; Rust adds them up.
            if output == "pandas":
                (pieces_pdf,) = _gathered(pieces)
                return p.merge_edges(pieces_pdf, options)
            pieces_pdf, accounts_pdf = _gathered(pieces, users)
            nodes = p.account_nodes(accounts_pdf, dropped_posts)
            return p.merge(pieces_pdf, nodes, options, accepted - duplicates, duplicates, read)
    counted = pieces[pieces["post"] < 0].groupby(["source", "target"])["weight"].sum()
    listed = pieces[pieces["post"] >= 0].drop_duplicates(subset=["source", "target", "post"])
    weights = dd.concat([counted.reset_index(), listed.groupby(["source", "target"]).size().rename("weight").reset_index()])
    summed = weights.groupby(["source", "target"])["weight"].sum().reset_index()
    # The weight threshold holds per direction: filtering before the merge is exact.
    kept = summed[summed["weight"] >= min_edge_weight]
    if output == "dask":
        return kept
    if output == "pandas":
        (summed_pdf,) = _gathered(kept)
        return p.merge_edges(summed_pdf, options)
    handles = users.shuffle(on="user").map_partitions(p.first_handles, meta=users._meta[["user", "handle"]])
    summed_pdf, counts_pdf, handles_pdf = dask.compute(kept, counts, handles)
    nodes = p.nodes_frame(counts_pdf, handles_pdf)
    return p.merge(summed_pdf, nodes, options, accepted - duplicates, duplicates, read)


def _gathered(*frames: Any) -> list[Any]:
    """The partitions of Dask frames brought to the driver and concatenated there (not by
    ``compute``, which concatenates in a worker and sends the whole frame again)."""
    dask, pd = p.optional("dask"), p.optional("pandas")

    parts = dask.compute(*[frame.to_delayed() for frame in frames])
    return [pd.concat(list(pieces), ignore_index=True) if len(pieces) else frame._meta for frame, pieces in zip(frames, parts)]


def _number(pdf: Any, user: str, partition_info: dict[str, Any] | None = None) -> Any:
    """Adds ``_order`` (the row's global position: partition number and row) and ``_key`` (its
    account as the reader trims it)."""
    number = int(partition_info["number"]) if partition_info else 0
    out = pdf.copy()
    out["_order"] = (np.int64(number) << p.ORDER_SHIFT) + np.arange(len(pdf), dtype=np.int64)
    out["_key"] = eng.account_key(pdf[user]).to_numpy()
    return out


def _features(pdf: Any, columns: list[str], options: dict[str, Any]) -> dict[str, Any]:
    p.set_threads(_worker_threads())
    return eng.partition_features(pdf, columns, options)


def _stats(pdf: Any, columns: list[str], targets: list[int]) -> dict[str, Any] | None:
    return eng.chunk_stats(pdf, columns, targets)


def _jobs(part: Iterable[Any], options: dict[str, Any]) -> dict[str, Any]:
    p.set_threads(_worker_threads())
    return eng.run_jobs(part, options)


def features(posts: Any, *, npartitions: int | None = None, **options: Unpack[FeaturesTextOptions]) -> Features:
    """The features of the accounts of a Dask DataFrame of posts (QUT columns), as
    :func:`disinfo.bots.features_from_text` gives them on the whole frame written as CSV.

    - ``options`` are those of ``bots.features_from_text`` (``mode``, ``compat``,
      ``behaviour``, ``utc_offset_minutes``, night hours, ``burst_window_h``, ``observed_at``,
      ``source_name``); a missing column or a bad option raises the same error, from the driver.
    - ``npartitions``: partitions of the shuffle by account (default: the input's).

    Computes the input twice when a row is rejected (to find its line in the whole CSV)."""
    dask = p.optional("dask")
    columns = eng.post_columns(list(posts.columns))
    matrix_columns = eng.check_features(columns, options)
    user = eng.column_named(columns, "user_id")
    assert user is not None  # check_features raised otherwise
    frame = posts[columns]
    meta = frame._meta.assign(_order=np.zeros(0, dtype=np.int64), _key=np.zeros(0, dtype=object))
    ordered = frame.map_partitions(_number, user, meta=meta)
    shuffled = ordered.shuffle(on="_key", npartitions=npartitions or posts.npartitions)
    settings = dict(options)
    tasks = [dask.delayed(_features)(part, columns, settings) for part in shuffled.to_delayed()]
    parts: Sequence[dict[str, Any]] = dask.compute(*tasks)

    def locate(targets: list[int]) -> Iterable[dict[str, Any] | None]:
        chunks = [dask.delayed(_stats)(part, columns, targets) for part in ordered.to_delayed()]
        found: Iterable[dict[str, Any] | None] = dask.compute(*chunks)
        return found

    return eng.gather_features(parts, columns, matrix_columns, settings, locate)


def extract_batch(
    jobs: Any, *, npartitions: int | None = None, **options: Unpack[ExtractBatchOptions]
) -> list[BatchResult]:
    """:func:`disinfo.terms.extract_batch` over a Dask bag of jobs (or a list of jobs, split into
    ``npartitions``, default Dask's choice): one call per partition, results in input order,
    identical to the call on all the jobs in one process (default ids are the jobs' global
    numbers; a job that does not decode raises the same error, naming its global position)."""
    dask = p.optional("dask")
    bag = p.optional("dask.bag")
    if not isinstance(jobs, bag.Bag):
        jobs = bag.from_sequence(list(jobs), npartitions=npartitions) if npartitions else bag.from_sequence(list(jobs))
    elif npartitions and npartitions != jobs.npartitions:
        jobs = jobs.repartition(npartitions=npartitions)
    settings = dict(options)
    parts: Sequence[dict[str, Any]] = dask.compute(*[dask.delayed(_jobs)(p, settings) for p in jobs.to_delayed()])
    results: list[BatchResult] = eng.gather_jobs(parts, settings)
    return results


def _audit_shard(collections: list[Any], shard: int, shards: int, options: dict[str, Any]) -> dict[str, Any]:
    p.set_threads(_worker_threads())
    return audits.run_shard(collections, shard, shards, options)


def _cluster_threads() -> int:
    try:
        from distributed import get_client

        threads: dict[str, int] = cast(Any, get_client()).nthreads()
        return sum(threads.values())
    except (ImportError, ValueError):
        return os.cpu_count() or 1


def audit(collections: Sequence[CollectionArg], *, shards: int | None = None, **options: Unpack[AuditOptionsInput]) -> AuditReport:
    """:func:`disinfo.ads.audit` split by ad key into ``shards`` tasks (default: the threads of
    the current Dask client, else this machine's cores), merged in the driver by
    :func:`disinfo.ads.audit_merge`: the same report, every number and evidence item."""
    dask = p.optional("dask")
    folders = audits.absolute(collections)
    n = audits.shard_count(shards, _cluster_threads())
    settings = dict(options)
    tasks = [dask.delayed(_audit_shard)(folders, i, n, settings) for i in range(n)]
    return audits.gather(dask.compute(*tasks))
