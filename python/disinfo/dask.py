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
"""

from __future__ import annotations

from typing import Any, Literal

from disinfo import _partitioned as p

__all__ = ["coordinate"]


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
    dask, dd, pd = (p.optional(m) for m in ("dask", "dask.dataframe", "pandas"))

    options = p.options_of(kind, window, min_edge_weight, options)
    parts = npartitions or posts.npartitions
    split = [dask.delayed(_split, nout=4)(part, i, options) for i, part in enumerate(posts.to_delayed())]
    split = list(dask.persist(*split))
    trace_meta = pd.DataFrame({c: pd.Series(dtype=t) for c, t in p.TRACE_DTYPES.items()})
    traces = dd.from_delayed([s[0] for s in split], meta=trace_meta, verify_meta=False)
    ids = dd.from_delayed(
        [s[1] for s in split],
        meta=pd.DataFrame({"id": pd.Series(dtype=object), "order": pd.Series(dtype="int64")}),
        verify_meta=False,
    )
    users = dd.from_delayed(
        [s[2] for s in split],
        meta=pd.DataFrame({"user": pd.Series(dtype=object), "handle": pd.Series(dtype=object), "order": pd.Series(dtype="int64")}),
        verify_meta=False,
    )
    (read,) = dask.compute([s[3] for s in split])
    accepted = int(ids.shape[0].compute())
    duplicates = 0
    if not unique_ids:
        seen = ids.groupby("id")["order"].agg(["min", "count"])
        repeated = seen[seen["count"] > 1]["min"].compute()
        if len(repeated):
            first = set(repeated.to_numpy().tolist())
            dropped = ids[ids["id"].isin(set(repeated.index)) & ~ids["order"].isin(first)]["order"].compute()
            duplicates = len(dropped)
            drop = set(dropped.to_numpy().tolist())
            traces = traces[~traces["post"].isin(drop)]
    counts = traces[traces["first"]].groupby("user").size()
    if options.get("min_participation", 1) > 1:
        active = counts[counts >= options["min_participation"]].compute()
        traces = traces[traces["user"].isin(set(active.index))]
    shuffled = traces.shuffle(on=["key", "bucket"], npartitions=parts)
    edge_meta = pd.DataFrame({c: pd.Series(dtype=t) for c, t in p.EDGE_DTYPES.items()})
    pieces = shuffled.map_partitions(_edges, options, meta=edge_meta)
    counted = pieces[pieces["post"] < 0].groupby(["source", "target"])["weight"].sum()
    listed = pieces[pieces["post"] >= 0].drop_duplicates(subset=["source", "target", "post"])
    weights = dd.concat([counted.reset_index(), listed.groupby(["source", "target"]).size().rename("weight").reset_index()])
    summed = weights.groupby(["source", "target"])["weight"].sum().reset_index()
    # The weight threshold holds per direction: filtering before the merge is exact.
    kept = summed[summed["weight"] >= min_edge_weight]
    if output == "dask":
        return kept
    handles = users.shuffle(on="user").map_partitions(p.first_handles, meta=users._meta[["user", "handle"]])
    summed_pdf, counts_pdf, handles_pdf = dask.compute(kept, counts, handles)
    nodes = p.nodes_frame(counts_pdf, handles_pdf)
    result = p.merge(summed_pdf, nodes, options, accepted - duplicates, duplicates, read)
    return result if output == "network" else p.edge_frame(result)

