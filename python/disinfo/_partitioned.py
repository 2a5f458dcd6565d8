"""What the Dask and Spark front ends share: the options of a partitioned co-action network,
the columns of its tables, and the pandas steps each partition runs (the work is in Rust:
``bots.coordinate_traces``, ``bots.coordinate_partition``, ``bots.coordinate_merge``).

The scheme, and why it gives the single-process network exactly, is in ``docs/scale.md``.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from disinfo import _native, bots

#: The QUT toolkit's columns a table of posts may have (others are ignored).
POST_COLUMNS = ("message_id", "user_id", "username", "message", "timestamp", "repost_id", "reply_id", "urls")

def _text_dtype() -> Any:
    """Arrow strings where pyarrow is installed (they group and shuffle without a Python object
    per value), else Python objects."""
    try:
        importlib.import_module("pyarrow")
    except ImportError:
        return object
    return "string[pyarrow]"


#: The pandas type of text columns the engines group and shuffle.
TEXT_DTYPE = _text_dtype()


#: Trace rows and their pandas types, as ``coordinate_traces`` returns them (``text`` is empty
#: unless near-duplicate text).
TRACE_DTYPES: dict[str, Any] = {
    "key": TEXT_DTYPE,
    "bucket": "int64",
    "owned": bool,
    "time_us": "int64",
    "user": TEXT_DTYPE,
    "post": "int64",
    "multi": bool,
    "first": bool,
    "text": TEXT_DTYPE,
}

#: One partition's weights and their pandas types, as ``coordinate_partition`` returns them.
EDGE_DTYPES: dict[str, Any] = {"source": TEXT_DTYPE, "target": TEXT_DTYPE, "weight": "int64", "post": "int64"}

#: One partition's accounts (each once: the handle and order of its first row, its trace posts
#: there) and their pandas types, from ``coordinate_traces``' ``users``, ``handles``,
#: ``user_orders`` and ``user_posts``.
ACCOUNT_DTYPES: dict[str, Any] = {"user": TEXT_DTYPE, "handle": TEXT_DTYPE, "order": "int64", "trace_posts": "int64"}

#: Options read per partition (the rest are the merge's: communities, their settings).
SPLIT_OPTIONS = (
    "kind",
    "window",
    "min_edge_weight",
    "min_participation",
    "self_loops",
    "evidence",
    "url_normalization",
    "similarity_threshold",
    "min_tokens",
    "mode",
    "compat",
    "bucket_secs",
)

#: Options of the network itself (what ``coordinate_partition`` reads).
NETWORK_OPTIONS = SPLIT_OPTIONS[:9]

#: Where a partition's row orders start: partition ``i`` numbers its rows from ``i << 32``.
ORDER_SHIFT = 32

#: Columns a kind never reads (its trace keys come from other columns; rows are validated
#: without them): they cross to Rust empty, which costs nothing.
UNREAD_COLUMNS: dict[str, tuple[str, ...]] = {
    "co-repost": ("message", "urls"),
    "co-reply": ("message", "urls"),
    "co-link": ("message",),
    "co-domain": ("message",),
}


#: Up to this many rows of weights (step 2's rows of every partition), the driver gathers them
#: and ``coordinate_merge`` (or ``coordinate_merge_edges``) adds the rows of each pair in Rust
#: (7.2 million rows gathered in 2.4 s and merged into 528,151 edges in 2.4 s on 2 cores, where
#: Dask's group-by on the text keys took 10 s before the merge); above it, the group-by runs in
#: the engine, which keeps the driver's memory bounded (~100 bytes per row).
DRIVER_SUM_ROWS = 20_000_000


#: Options of the platform readers, for networks split by file.
READ_OPTIONS = ("observed_at",)


def options_of(kind: str, window: float, min_edge_weight: int, extra: dict[str, Any], *, files: bool = False) -> dict[str, Any]:
    """The full options of a call, checked once in the driver (an unknown option is an error
    here, not in a worker); ``files``: a network split by file also takes the readers'
    options."""
    options = {"kind": kind, "window": window, "min_edge_weight": min_edge_weight, **extra}
    known = set(SPLIT_OPTIONS) | {"communities", "seed", "resolution", "min_community_size"}
    if files:
        known |= set(READ_OPTIONS)
    unknown = sorted(set(options) - known)
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    # The Rust side validates values (window, thresholds) on an empty table.
    bots.coordinate_traces({c: [] for c in POST_COLUMNS}, **_pick(options, SPLIT_OPTIONS))
    return options


def absolute_paths(inputs: Any) -> list[str]:
    """A path or a list of paths, made absolute here in the driver (workers have their own
    working directories)."""
    listed = [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs
    return [os.path.abspath(os.fspath(path)) for path in listed]


def optional(name: str) -> Any:
    """An optional dependency (pandas, pyarrow, dask, pyspark: the extras), imported when used
    and typed as ``Any`` (none of them ships complete stubs)."""
    return importlib.import_module(name)


def _pick(options: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in options.items() if k in names}


def set_threads(cores: int) -> None:
    """Gives the Rust thread pool of this worker process the cores the engine granted, unless
    the user chose (``RAYON_NUM_THREADS``); read once, at the pool's first use."""
    os.environ.setdefault("RAYON_NUM_THREADS", str(max(1, cores)))


def _empty_text(pdf: Any) -> Any:
    """A column of empty text as long as ``pdf``: Arrow nulls (read as empty text without a
    value per row) when pyarrow is there, else empty strings."""
    pd = optional("pandas")
    if TEXT_DTYPE is object:
        return pd.Series([""] * len(pdf), index=pdf.index, dtype=object)
    pa = optional("pyarrow")
    nulls = pa.chunked_array([pa.nulls(len(pdf), pa.string())])
    return pd.Series(pd.arrays.ArrowStringArray(nulls), index=pdf.index)


def clean_posts(pdf: Any, kind: str | None = None) -> Any:
    """The QUT columns of a pandas frame (and ``_order``, the rows' global order, when there is
    one), with missing text as empty strings (a Dask or Spark frame carries missing ids as NaN or
    None) and integer ids as their digits; the columns ``kind`` never reads are left empty."""
    out = {}
    unread = UNREAD_COLUMNS.get(kind or "", ())
    for column in POST_COLUMNS:
        if column not in pdf.columns:
            continue
        if column in unread:
            out[column] = _empty_text(pdf)
            continue
        series = pdf[column]
        dtype_kind = series.dtype.kind
        if dtype_kind in "iub":
            out[column] = series.astype("int64").astype(str) if column != "timestamp" else series
        elif dtype_kind == "f":
            out[column] = series
        elif series.hasnans:
            out[column] = series.astype(object).where(series.notna(), "")
        else:
            out[column] = series
    if "_order" in pdf.columns:
        out["_order"] = pdf["_order"]
    pd = optional("pandas")

    return pd.DataFrame(out, index=pdf.index)


def _columns(operation: str, args: list[Any], options: dict[str, Any]) -> dict[str, Any]:
    """Step 1's or step 2's result with its columns as arrays (text as Arrow buffers) when
    pyarrow is there, else as lists: see :func:`_series`."""
    return dict(_native.call(operation, args, options, columnar=TEXT_DTYPE is not object))


def _series(values: Any, dtype: Any, rows: int | None = None) -> Any:
    """One column of a result as a pandas Series of ``dtype``: a numpy array as it is, text from
    its ``(offsets, data)`` Arrow buffers without a Python object per value (``rows`` empty
    values when the column was left empty), a list as pandas reads it."""
    pd = optional("pandas")
    if not isinstance(values, tuple):
        return pd.Series([""] * rows if rows is not None and len(values) == 0 else values, dtype=dtype)
    pa, np = optional("pyarrow"), optional("numpy")
    offsets, data = values
    if rows is not None and len(offsets) == 1:
        offsets = np.zeros(rows + 1, dtype=np.int64)
    text = pa.LargeStringArray.from_buffers(len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(data))
    series = pd.Series(pd.arrays.ArrowStringArray(text))
    return series if dtype == TEXT_DTYPE else series.astype(dtype)


def split_partition(pdf: Any, order_base: int, options: dict[str, Any]) -> tuple[Any, Any, Any, dict[str, Any]]:
    """Step 1 on one partition: its trace rows, its accepted ``(id, order, hash)`` rows and its
    accounts' first rows ``(user, handle, order)`` as pandas frames, and its read counts."""
    split = dict(_pick(options, SPLIT_OPTIONS), order_base=order_base)
    return trace_frames(_columns("bots.coordinate_traces", [clean_posts(pdf, options.get("kind"))], split))


def split_file(path: str, order_base: int, input_format: bots.InputFormat, options: dict[str, Any]) -> tuple[Any, Any, Any, dict[str, Any]]:
    """Step 1 on one input file read by its platform reader: what :func:`split_partition`
    returns (rejections with the file's name and line)."""
    split = dict(_pick(options, SPLIT_OPTIONS + READ_OPTIONS), order_base=order_base)
    return trace_frames(_columns("bots.coordinate_traces_file", [path, input_format], split))


def frame_of(dtypes: dict[str, Any]) -> Any:
    """An empty frame of these columns and types (a Dask frame's ``meta``)."""
    pd = optional("pandas")
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()})


def trace_frames(rows: dict[str, Any]) -> tuple[Any, Any, Any, dict[str, Any]]:
    """Step 1's rows as pandas frames: the trace rows, the accepted ``(id, order, hash)`` rows
    (``hash``: the 53-bit hash of the id, by which the duplicate check groups them before
    comparing ids as text), the accounts' ``(user, handle, order, trace_posts)`` rows, and the
    read counts."""
    pd = optional("pandas")

    count = len(rows["bucket"])
    traces = pd.DataFrame({c: _series(rows[c], t, count if c == "text" else None) for c, t in TRACE_DTYPES.items()})
    ids = pd.DataFrame(
        {
            "id": _series(rows["ids"], TEXT_DTYPE),
            "order": _series(rows["orders"], "int64"),
            "hash": _series(rows["id_hashes"], "int64"),
        }
    )
    users = pd.DataFrame(
        {
            "user": _series(rows["users"], TEXT_DTYPE),
            "handle": _series(rows["handles"], TEXT_DTYPE),
            "order": _series(rows["user_orders"], "int64"),
            "trace_posts": _series(rows["user_posts"], "int64"),
        }
    )
    read = {"rows": rows["rows_read"], "rejected": rows["rejected"]}
    return traces, ids, users, read


def hash_buckets(ids: Any, buckets: int) -> list[Any]:
    """The id hashes of one partition's ``(id, order, hash)`` rows split into ``buckets`` by
    value, for :func:`shared_hashes` (a shuffle of 8 bytes per post)."""
    hashes = ids["hash"].to_numpy()
    which = hashes.view("uint64") % buckets
    return [hashes[which == b] for b in range(buckets)]


def shared_hashes(*parts: Any) -> Any:
    """The hashes found more than once in one bucket of every partition."""
    np = optional("numpy")
    hashes = np.concatenate(parts) if parts else np.empty(0, dtype="int64")
    values, counts = np.unique(hashes, return_counts=True)
    return values[counts > 1]


def repeated_ids(candidates: Any) -> set[int]:
    """The orders of the later records of each id among ``candidates`` (the ``(id, order)``
    rows whose id hash is shared): every record of an id but the one of smallest order."""
    first = candidates.groupby("id", observed=True)["order"].transform("min")
    return set(candidates.loc[candidates["order"] != first, "order"].tolist())


def first_handles(users: Any) -> Any:
    """Each account's handle at its smallest order (a partition of ``(user, handle, order)``
    rows holding all of its accounts' rows)."""
    return users.sort_values("order", kind="stable").drop_duplicates("user")[["user", "handle"]]


def nodes_frame(counts: Any, handles: Any) -> Any:
    """The accounts' trace posts (a Series by user) and handles as the merge's node table."""
    pd = optional("pandas")

    nodes = pd.DataFrame({"user": counts.index.astype(object), "trace_posts": counts.to_numpy()})
    return nodes.merge(handles.astype({"user": object, "handle": object}), on="user", how="left").fillna({"handle": ""})


def partition_edges(traces: Any, options: dict[str, Any]) -> Any:
    """Step 2 on one shuffled partition: its weights as a pandas frame."""
    pd = optional("pandas")

    columns = ["key", "bucket", "owned", "time_us", "user", "post", "multi"]
    if options["kind"] == "co-similar-text":
        columns.append("text")
    edges = _columns("bots.coordinate_partition", [traces[columns]], _pick(options, NETWORK_OPTIONS))
    return pd.DataFrame({c: _series(edges[c], t) for c, t in EDGE_DTYPES.items()})


def account_nodes(accounts: Any, dropped: Any) -> Any:
    """The merge's node rows from every partition's account rows: as they are (the merge adds
    an account's trace posts and keeps the handle of its smallest order), or, when records of a
    repeated id were dropped (``dropped``: their trace posts by account), one row per account
    with the dropped posts taken off."""
    if dropped.empty:
        return accounts
    totals = accounts.groupby("user", observed=True)["trace_posts"].sum().sub(dropped, fill_value=0)
    first = first_handles(accounts)
    return first.assign(trace_posts=first["user"].map(totals).astype("int64").to_numpy())


def merge(edges: Any, nodes: Any, options: dict[str, Any], posts: int, duplicates: int, read: list[dict[str, Any]]) -> Any:
    """Step 3 in the driver: the network of the summed weights, as ``bots.coordinate`` returns it."""
    rows = sum(r["rows"] for r in read)
    rejected = [x for r in read for x in r["rejected"]]
    merge_options = dict(
        options,
        posts=posts,
        duplicate_posts=duplicates,
        read={
            "records_read": rows,
            "records_accepted": rows - len(rejected),
            "records_rejected": len(rejected),
            "rejected": rejected,
        },
    )
    for name in ("mode", "compat", "bucket_secs", *READ_OPTIONS):
        merge_options.pop(name, None)
    return bots.coordinate_merge(edges, nodes, **merge_options)


#: The edge table and its pandas types, as ``coordinate_merge_edges`` returns it.
EDGE_TABLE_DTYPES: dict[str, Any] = {
    "source": TEXT_DTYPE,
    "target": TEXT_DTYPE,
    "weight": "int64",
    "reverse_weight": "int64",
    "symmetric_weight": "int64",
    "balance": "float64",
}


def merge_edges(edges: Any, options: dict[str, Any]) -> Any:
    """Step 3 in the driver when only the edges are wanted: the edges of :func:`merge`'s network
    as a pandas frame ``source, target, weight, reverse_weight, symmetric_weight, balance``,
    built from columns (no Python object per edge)."""
    pd = optional("pandas")

    table = _columns("bots.coordinate_merge_edges", [edges], _pick(options, NETWORK_OPTIONS))
    return pd.DataFrame({c: _series(table[c], t) for c, t in EDGE_TABLE_DTYPES.items()})


def edge_frame(result: Any) -> Any:
    """The edges of a network as a pandas frame ``source, target, weight, reverse_weight,
    symmetric_weight, balance``."""
    pd = optional("pandas")

    columns = ["source", "target", "weight", "reverse_weight", "symmetric_weight", "balance"]
    edges = result["network"]["edges"]
    return pd.DataFrame({c: [e[c] for e in edges] for c in columns}, columns=columns)
