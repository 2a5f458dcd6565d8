"""Co-action networks on Spark, identical to :func:`disinfo.bots.coordinate` on the same posts.

``pip install disinfo[spark]`` (Java 17 or later). A Spark DataFrame with the QUT toolkit's
columns (``message_id, user_id, username, repost_id, reply_id, message, timestamp, urls``) is
read as it is::

    from disinfo import spark as sdisinfo

    posts = spark.read.csv("posts/*.csv", header=True)    # every column as text
    edges = sdisinfo.coordinate(posts, kind="co-repost", window=60, min_edge_weight=2)
    edges.write.parquet("edges.parquet")

Each partition's trace keys are computed in Rust over Arrow batches (``mapInArrow``), the rows
repartitioned by ``(key, time bucket)``, each partition's weights computed in Rust, and the
weights summed by Spark. ``docs/scale.md`` explains why the result is exact.

Posts in a platform's format (any ``input_format`` of :func:`disinfo.bots.coordinate`) are split
by file, one Spark task per file, with the result of ``bots.coordinate`` on the files::

    edges = sdisinfo.coordinate_files(["/data/tweets-1.jsonl", "/data/tweets-2.jsonl"], "twitter-v2",
                                      kind="co-link", window=60)

``features`` reads a Spark DataFrame of posts with the QUT toolkit's columns (``message_id,
user_id, username, repost_id, reply_id, message, timestamp, urls``)::

    from disinfo import spark as sdisinfo

    posts = spark.read.csv("posts/*.csv", header=True)    # every column as text
    f = sdisinfo.features(posts)                           # a bots.Features, in the driver

Every QUT column is cast to text by Spark (integers as their digits); the rows get their global
position (``monotonically_increasing_id``), are repartitioned by account (``user_id`` trimmed
as the Rust reader trims it), and each partition -- whole, over Arrow (``mapInArrow``) -- is
written as a QUT CSV and its features computed in Rust by ``bots.features_from_text``. The
driver puts the rows back in the single-process order. The result -- values, mask, ids,
handles, row order, read counts, lenient-mode rejections with their line and record,
strict-mode errors -- is that of ``bots.features_from_text`` on the QUT columns cast to text by
Spark (``posts.select([col(c).cast("string") ...]).toPandas()``) written with
``to_csv(index=False)``: for text and integer columns, the frame as it is. The input must read
the same rows in the same order each time it is computed (files, a checkpoint; not an unseeded
random sample).
Why this is exact is in :mod:`disinfo._engine_features`.

``extract_batch`` runs ``terms.extract_batch`` on each partition of an RDD of jobs (dicts), or of
a DataFrame whose rows are jobs (nulls in nested structs left out; use an RDD when ``select``
mixes strings, lists and range objects), and returns the results in input order. Snapshot
paths are read by the workers: give absolute paths.

``audit`` splits an ads audit by ad key over Spark tasks and returns the report of
:func:`disinfo.ads.audit` on the same collections (every number, table row and evidence item)::

    from disinfo import spark as sdisinfo

    report = sdisinfo.audit(["/archive/2024-05-01", "/archive/2024-05-08"], shards=64)

Each shard reads every file and keeps the ads whose id hashes to it: the executors must see the
collection folders (relative folders are made absolute in the driver).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import numpy as np
from typing_extensions import Unpack

from disinfo import _engine_audit as audits
from disinfo import _engine_features as eng
from disinfo import _partitioned as p
from disinfo._extra.bots import Features
from disinfo.ads import AuditOptionsInput, AuditReport, CollectionArg
from disinfo.bots import FeaturesTextOptions, InputFormat, StrPath
from disinfo.errors import AdsValueError, DisinfoError
from disinfo.terms import BatchResult, ExtractBatchOptions

__all__ = ["coordinate", "coordinate_files", "features", "extract_batch", "audit"]

_SPLIT_SCHEMA = (
    "row string, key string, bucket long, owned boolean, time_us long, user string, post long, "
    "multi boolean, first boolean, text string, id string"
)
_EDGE_SCHEMA = "source string, target string, weight long, post long"
_COLUMNS = [field.split()[0] for field in _SPLIT_SCHEMA.split(", ")]


def _task_cores() -> int:
    from pyspark import TaskContext

    context = TaskContext.get()
    return int(context.cpus()) if context is not None else 1


def _split_batches(options: dict[str, Any]) -> Any:
    """The ``mapInArrow`` function of step 1 on posts: the rows of :func:`_split_rows`."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        p.set_threads(_task_cores())
        for batch in batches:
            try:
                out = _split_rows(*p.split_partition(batch.to_pandas(), 0, options))
            except DisinfoError as e:
                yield _error_batch(e)
                return
            # Arrow-backed text columns are chunked: a table, then its batches.
            yield from _batches(out, _SPLIT_SCHEMA)

    return run


def _file_split_batches(input_format: InputFormat, options: dict[str, Any]) -> Any:
    """The ``mapInArrow`` function of step 1 on files (rows ``file, path``): each file read by
    its platform reader, its rows those of :func:`_split_rows`."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        p.set_threads(_task_cores())
        for batch in batches:
            for file in batch.to_pylist():
                try:
                    out = _split_rows(*p.split_file(file["path"], file["file"] << p.ORDER_SHIFT, input_format, options))
                except DisinfoError as e:
                    yield _error_batch(e)
                    return
                yield from _batches(out, _SPLIT_SCHEMA)

    return run


def _split_rows(traces: Any, ids: Any, users: Any, read: dict[str, Any]) -> Any:
    """Step 1's frames as one table of rows: trace rows (``row = "t"``), accepted ids (``"i"``:
    ``id``, its order in ``post``), accounts (``"u"``: ``user``, the handle in ``text``, the
    order in ``post``), rejected records (``"r"``: the record in ``post``, the reason in
    ``text``, the source in ``id``, the line in ``bucket``) and the records read (``"c"``: in
    ``post``). ``traces`` is extended in place."""
    pd = p.optional("pandas")

    traces.insert(0, "row", "t")
    traces["id"] = None
    ids_rows = pd.DataFrame({"row": "i", "post": ids["order"], "id": ids["id"]})
    # Orders are exact integers: every frame's `post` is int64, so the concatenation keeps it so.
    rejected = pd.DataFrame(
        {
            "row": "r",
            "post": pd.Series([r["record"] for r in read["rejected"]], dtype="int64"),
            "text": pd.Series([r["reason"] for r in read["rejected"]], dtype=object),
            "id": pd.Series([r["source"] for r in read["rejected"]], dtype=object),
            "bucket": pd.Series([r["line"] for r in read["rejected"]], dtype="int64"),
        }
    )
    users_rows = pd.DataFrame({"row": "u", "user": users["user"], "text": users["handle"], "post": users["order"]})
    counts = pd.DataFrame({"row": ["c"], "post": pd.Series([read["rows"]], dtype="int64")})
    return pd.concat([traces, ids_rows, users_rows, rejected, counts], ignore_index=True).reindex(columns=_COLUMNS)


def _error_batch(error: DisinfoError) -> Any:
    """An error row (``"e"``: the error as JSON in ``text``), raised again in the driver as the
    same class (a Python worker's exception would reach it as Spark's PythonException)."""
    pa = p.optional("pyarrow")
    return pa.RecordBatch.from_pylist([{"row": "e", "text": json.dumps(eng.pack_error(error))}], schema=_arrow_schema(_SPLIT_SCHEMA))


def _batches(frame: Any, schema: str) -> Any:
    """A pandas frame as Arrow batches of ``schema``."""
    pa = p.optional("pyarrow")
    return pa.Table.from_pandas(frame, schema=_arrow_schema(schema), preserve_index=False).to_batches()


def _edge_batches(options: dict[str, Any]) -> Any:
    """The ``mapInArrow`` function of step 2: the whole partition's trace rows at once."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        pa = p.optional("pyarrow")

        p.set_threads(_task_cores())
        received = list(batches)
        rows = pa.Table.from_batches(received) if received else _arrow_schema(_SPLIT_SCHEMA).empty_table()
        yield from _batches(p.partition_edges(rows.to_pandas(), options), _EDGE_SCHEMA)

    return run


def coordinate(
    posts: Any,
    kind: str,
    window: float,
    min_edge_weight: int = 1,
    *,
    npartitions: int | None = None,
    unique_ids: bool = False,
    output: Literal["spark", "pandas", "network"] = "spark",
    **options: Any,
) -> Any:
    """The coordination network of a Spark DataFrame of posts (QUT columns).

    - ``kind``, ``window``, ``min_edge_weight`` and the other options are those of
      :func:`disinfo.bots.coordinate` (and ``bucket_secs``, the time buckets' width, default
      ``max(64 × window, 3600)``).
    - ``npartitions``: partitions of the shuffle by trace key (default: the input's).
    - ``unique_ids``: skip the duplicate-id check when the ids are known to be distinct.
    - ``output``: ``"spark"`` (default) a Spark DataFrame ``source, target, weight,
      reverse_weight, symmetric_weight, balance`` sorted by ``source, target``; ``"pandas"`` the
      same collected; ``"network"`` the whole result of ``bots.coordinate`` (nodes, read counts,
      ``analysis`` with ``communities=True``; no evidence pairs), assembled in the driver.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    options = p.options_of(kind, window, min_edge_weight, options)
    parts = npartitions or posts.rdd.getNumPartitions()
    columns = [c for c in p.POST_COLUMNS if c in posts.columns]
    ordered = posts.select(*columns).withColumn("_order", F.monotonically_increasing_id())
    split = ordered.mapInArrow(_split_batches(options), _SPLIT_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK)
    result = _network(split, options, parts, unique_ids, output, min_edge_weight)
    if output != "spark":
        # A Spark DataFrame result still reads the cached rows when it runs.
        split.unpersist()
    return result


def coordinate_files(
    inputs: StrPath | Sequence[StrPath],
    input_format: InputFormat,
    kind: str,
    window: float,
    min_edge_weight: int = 1,
    *,
    spark: Any = None,
    npartitions: int | None = None,
    unique_ids: bool = False,
    output: Literal["spark", "pandas", "network"] = "spark",
    **options: Any,
) -> Any:
    """The coordination network of input files in any format :func:`disinfo.bots.coordinate`
    reads (``twitter-v1``, ``twitter-v2``, ``snscrape``, ``bluesky``, ``mastodon``, ``tiktok``,
    ``coortweet``, ``qut-csv``), one Spark task per file: the network of
    ``bots.coordinate(inputs, input_format, ...)``, handles and read counts (lenient-mode
    rejections with their file and line) included.

    ``spark``: the session (default: the active one). The options and ``output`` are those of
    :func:`coordinate`, and the readers' ``observed_at``; ``npartitions`` defaults to the
    number of files. The executors must see the files (relative paths are made absolute in the
    driver).
    """
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    options = p.options_of(kind, window, min_edge_weight, options, files=True)
    session = spark or SparkSession.getActiveSession()
    if session is None:
        raise ValueError("no active Spark session: pass spark=")
    paths = p.absolute_paths(inputs)
    files = session.sparkContext.parallelize([(i, path) for i, path in enumerate(paths)], max(1, len(paths))).toDF("file long, path string")
    split = files.mapInArrow(_file_split_batches(input_format, options), _SPLIT_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK)
    result = _network(split, options, npartitions or max(1, len(paths)), unique_ids, output, min_edge_weight)
    if output != "spark":
        split.unpersist()
    return result


def _network(split: Any, options: dict[str, Any], parts: int, unique_ids: bool, output: str, min_edge_weight: int) -> Any:
    from pyspark.sql import functions as F

    failed = split.filter(F.col("row") == "e").select("text").limit(1).collect()
    if failed:
        raise eng.unpack_error(json.loads(failed[0]["text"]))
    traces = split.filter(F.col("row") == "t").drop("row", "id")
    ids = split.filter(F.col("row") == "i").select("id", F.col("post").alias("order"))
    rejected = [
        {"source": r["id"], "line": r["bucket"], "record": r["post"], "reason": r["text"]}
        for r in split.filter(F.col("row") == "r").select("id", "bucket", "post", "text").collect()
    ]
    accepted = ids.count()
    duplicates = 0
    if not unique_ids:
        repeated = ids.groupBy("id").agg(F.min("order").alias("first"), F.count("*").alias("n")).filter("n > 1")
        dropped = ids.join(repeated, "id").filter(F.col("order") != F.col("first")).select(F.col("order").alias("post"))
        duplicates = dropped.count()
        if duplicates:
            traces = traces.join(dropped, "post", "left_anti")
    counts = traces.filter("first").groupBy("user").count()
    if options.get("min_participation", 1) > 1:
        active = counts.filter(F.col("count") >= options["min_participation"]).select("user")
        traces = traces.join(active, "user", "left_semi")
    shuffled = traces.repartition(parts, "key", "bucket").select(
        F.lit("t").alias("row"), *[c for c in p.TRACE_DTYPES], F.lit(None).cast("string").alias("id")
    )
    pieces = shuffled.mapInArrow(_edge_batches(options), _EDGE_SCHEMA)
    counted = pieces.filter("post < 0").groupBy("source", "target").agg(F.sum("weight").alias("weight"))
    listed = (
        pieces.filter("post >= 0")
        .dropDuplicates(["source", "target", "post"])
        .groupBy("source", "target")
        .agg(F.count("*").alias("weight"))
    )
    summed = counted.unionByName(listed).groupBy("source", "target").agg(F.sum("weight").alias("weight"))
    # The weight threshold holds per direction: filtering before the merge is exact.
    kept = summed.filter(F.col("weight") >= min_edge_weight)
    if output != "spark":
        # The driver assembles the edges (reverse weights, balance) or the network (nodes and
        # handles too) from the kept weights: one job, no join or sort in Spark.
        pd = p.optional("pandas")
        weights = kept.toPandas()
        edges = weights if len(weights) else pd.DataFrame({"source": [], "target": [], "weight": []})
        if output == "pandas":
            return p.merge_edges(edges, options)
        users = split.filter(F.col("row") == "u")
        handles = users.groupBy("user").agg(F.min_by("text", "post").alias("handle")).toPandas()
        nodes = p.nodes_frame(counts.toPandas().set_index("user")["count"], handles)
        rows_read = split.filter(F.col("row") == "c").agg(F.sum("post")).collect()[0][0] or 0
        read = [{"rows": rows_read, "rejected": rejected}]
        return p.merge(edges, nodes, options, accepted - duplicates, duplicates, read)
    back = kept.select(F.col("source").alias("target"), F.col("target").alias("source"), F.col("weight").alias("back"))
    loop = F.col("source") == F.col("target")
    reverse = F.when(loop, F.col("weight")).otherwise(F.coalesce(F.col("back"), F.lit(0)))
    edges = (
        kept.join(back, ["source", "target"], "left")
        .withColumn("reverse_weight", reverse.cast("long"))
        .withColumn("symmetric_weight", F.when(loop, F.col("weight")).otherwise(F.col("weight") + F.col("reverse_weight")))
        .withColumn(
            "balance",
            F.least("weight", "reverse_weight").cast("double") / F.greatest("weight", "reverse_weight").cast("double"),
        )
        .select("source", "target", "weight", "reverse_weight", "symmetric_weight", "balance")
        .orderBy("source", "target")
    )
    return edges


#: The rows the features step returns: ``a`` a chunk of up to :data:`_CHUNK` accounts
#: (``first``: the ``_order`` of each one's first accepted row as int64, ``values`` float64 and
#: ``mask`` bool row-major bytes, LZ4-compressed, ``ids``, ``handles``; ``n`` the accounts),
#: ``c`` a partition's read counts (``n`` read, ``m`` accepted), ``r`` a rejection (``order``,
#: ``text`` the reason, ``handle`` the source, ``id`` the CSV row for the first of a
#: partition), ``e`` a disinfo error (``text``: JSON). Accounts travel as a few large binary
#: cells rather than a row of doubles each: Spark moves a million accounts in seconds, in far
#: less memory (a QUT CSV leaves most profile columns missing: NaN compresses well).
_FEATURES_SCHEMA = (
    "kind string, order long, n long, m long, id string, handle string, text string, "
    "first binary, values binary, mask binary, ids array<string>, handles array<string>"
)

#: The rows of the statistics step: ``s`` a batch (``order`` its first row, ``n`` rows, ``m``
#: newlines), ``h`` a target row (``n`` rows and ``m`` newlines before it in its batch, whose
#: first row is ``batch``).
_STATS_SCHEMA = "kind string, order long, n long, m long, batch long"

_CHUNK = 8192




def _arrow_schema(ddl: str) -> Any:
    pa = p.optional("pyarrow")
    types = {
        "string": pa.string(),
        "long": pa.int64(),
        "boolean": pa.bool_(),
        "binary": pa.binary(),
        "array<string>": pa.list_(pa.string()),
    }
    return pa.schema([(name, types[kind]) for name, kind in (f.split() for f in ddl.split(", "))])


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _features_batches(batches: Iterator[Any], columns: list[str], options: dict[str, Any]) -> Iterator[Any]:
    """The ``mapInArrow`` function: the whole partition at once (an account's rows may span
    Arrow batches), its results as :data:`_FEATURES_SCHEMA` rows."""
    pa = p.optional("pyarrow")
    p.set_threads(_task_cores())
    schema = _arrow_schema(_FEATURES_SCHEMA)
    received = list(batches)
    if not received:
        return
    # Text columns (nulls as None, written as empty cells) and the row order.
    pdf = pa.Table.from_batches(received).to_pandas()
    del received
    pdf.columns = [*columns, "_order", "_key"]
    part = eng.partition_features(pdf, columns, options)
    del pdf
    if "error" in part:
        yield _rows(schema, kind=["e"], text=[json.dumps(part["error"])])
        return
    yield _rows(schema, kind=["c"], n=[part["records_read"]], m=[part["records_accepted"]])
    rejected = part["rejected"]
    if rejected:
        yield _rows(
            schema,
            kind=["r"] * len(rejected),
            order=[r[0] for r in rejected],
            handle=[r[1] for r in rejected],
            text=[r[2] for r in rejected],
            id=[part["first_rejected_row"]] + [None] * (len(rejected) - 1),
        )
    first = np.ascontiguousarray(part["first"], dtype="<i8")
    values = np.ascontiguousarray(part["values"], dtype="<f8")
    mask = np.ascontiguousarray(part["mask"], dtype=np.bool_)
    ids, handles = part["account_ids"], part["handles"]
    chunks = range(0, len(ids), _CHUNK)
    for start in chunks:
        end = start + _CHUNK
        yield _rows(
            schema,
            kind=["a"],
            n=[len(ids[start:end])],
            first=[_pack(first[start:end])],
            values=[_pack(values[start:end])],
            mask=[_pack(mask[start:end])],
            ids=[ids[start:end]],
            handles=[handles[start:end]],
        )


def _pack(array: Any) -> bytes:
    pa = p.optional("pyarrow")
    packed: bytes = pa.compress(array.tobytes(), codec="lz4", asbytes=True)
    return packed


def _unpack(packed: bytes, dtype: Any, count: int) -> Any:
    pa = p.optional("pyarrow")
    size = np.dtype(dtype).itemsize * count
    return np.frombuffer(pa.decompress(packed, decompressed_size=size, codec="lz4", asbytes=True), dtype=dtype)


def _rows(schema: Any, kind: list[str], **columns: Any) -> Any:
    pa = p.optional("pyarrow")
    arrays = []
    for field in schema:
        if field.name == "kind":
            arrays.append(pa.array(kind, type=field.type))
        elif field.name in columns:
            arrays.append(pa.array(columns[field.name], type=field.type))
        else:
            arrays.append(pa.nulls(len(kind), type=field.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _stats_batches(batches: Iterator[Any], columns: list[str], targets: list[int]) -> Iterator[Any]:
    pa = p.optional("pyarrow")
    schema = _arrow_schema(_STATS_SCHEMA)
    for batch in batches:
        pdf = batch.to_pandas()
        pdf.columns = [*columns, "_order"]
        stats = eng.chunk_stats(pdf, columns, targets)
        if stats is None:
            continue
        hits = stats["hits"]
        yield pa.RecordBatch.from_pydict(
            {
                "kind": ["s"] + ["h"] * len(hits),
                "order": [stats["first"]] + [h[0] for h in hits],
                "n": [stats["rows"]] + [h[1] for h in hits],
                "m": [stats["newlines"]] + [h[2] for h in hits],
                "batch": [stats["first"]] * (1 + len(hits)),
            },
            schema=schema,
        )


def _chunks(table: Any) -> list[dict[str, Any]]:
    """The statistics rows back as :func:`disinfo._engine_features.chunk_stats` results."""
    rows = table.to_pydict()
    records = list(zip(rows["kind"], rows["order"], rows["n"], rows["m"], rows["batch"]))
    chunks = {o: {"first": o, "rows": n, "newlines": m, "hits": []} for k, o, n, m, _ in records if k == "s"}
    for k, o, n, m, batch in records:
        if k == "h":
            chunks[batch]["hits"].append((o, n, m))
    return list(chunks.values())


def features(posts: Any, *, npartitions: int | None = None, **options: Unpack[FeaturesTextOptions]) -> Features:
    """The features of the accounts of a Spark DataFrame of posts (QUT columns), as
    :func:`disinfo.bots.features_from_text` gives them on the whole frame written as CSV, in the
    driver.

    - ``options`` are those of ``bots.features_from_text`` (``mode``, ``compat``,
      ``behaviour``, ``utc_offset_minutes``, night hours, ``burst_window_h``, ``observed_at``,
      ``source_name``); a missing column or a bad option raises the same error, from the driver.
    - ``npartitions``: partitions of the repartition by account (default: the input's).

    Computes the input twice when a row is rejected (to find its line in the whole CSV)."""
    F = p.optional("pyspark.sql.functions")
    columns = eng.post_columns(list(posts.columns))
    matrix_columns = eng.check_features(columns, options)
    user = eng.column_named(columns, "user_id")
    assert user is not None  # check_features raised otherwise
    width = len(matrix_columns)
    settings = dict(options)
    text = posts.select(*[F.col(_quoted(c)).cast("string").alias(f"c{i}") for i, c in enumerate(columns)])
    ordered = text.withColumn("_order", F.monotonically_increasing_id())
    # The account as the reader trims it (white space as Rust's `str::trim`), for the grouping.
    account = F.btrim(F.coalesce(F.col(f"c{columns.index(user)}"), F.lit("")), F.lit(eng.RUST_WHITESPACE))
    parts = npartitions or posts.rdd.getNumPartitions()
    shuffled = ordered.withColumn("_key", account).repartition(parts, "_key")
    run = functools.partial(_features_batches, columns=columns, options=settings)
    table = shuffled.mapInArrow(run, _FEATURES_SCHEMA).toArrow()
    rows = table.to_pydict()
    kinds = rows["kind"]
    failures = [message for kind, message in zip(kinds, rows["text"]) if kind == "e"]
    if failures:
        raise eng.unpack_error(json.loads(failures[0]))
    chunks = [i for i, kind in enumerate(kinds) if kind == "a"]
    counts = [i for i, kind in enumerate(kinds) if kind == "c"]
    # Rejections: (order, source, reason, CSV row of a partition's first rejection).
    rejected = sorted(
        (rows["order"][i], rows["handle"][i], rows["text"][i], rows["id"][i]) for i, kind in enumerate(kinds) if kind == "r"
    )

    def joined(name: str, dtype: Any, per_account: int) -> Any:
        empty = [np.zeros(0, dtype=dtype)]
        return np.concatenate(empty + [_unpack(rows[name][i], dtype, rows["n"][i] * per_account) for i in chunks])

    # All chunks as one part: the assembly orders rows by `first`, whatever their partition.
    part = {
        "first": joined("first", "<i8", 1).astype(np.int64),
        "values": joined("values", "<f8", width).astype(np.float64).reshape(-1, width),
        "mask": joined("mask", np.bool_, width).reshape(-1, width),
        "account_ids": [x for i in chunks for x in rows["ids"][i]],
        "handles": [x for i in chunks for x in rows["handles"][i]],
        "records_read": sum(rows["n"][i] for i in counts),
        "records_accepted": sum(rows["m"][i] for i in counts),
        "rejected": [(o, s, r) for o, s, r, _ in rejected],
        # Only a partition's first rejection carries its row; the first of all is one of them.
        "first_rejected_row": rejected[0][3] if rejected else None,
    }

    def locate(targets: list[int]) -> Iterable[dict[str, Any] | None]:
        stats = functools.partial(_stats_batches, columns=columns, targets=targets)
        return _chunks(ordered.mapInArrow(stats, _STATS_SCHEMA).toArrow())

    return eng.gather_features([part], columns, matrix_columns, settings, locate)


def _jobs(index: int, rows: Iterable[Any], options: dict[str, Any], table: bool) -> Iterator[dict[str, Any]]:
    p.set_threads(_task_cores())
    jobs = (eng.job_of_row(row.asDict(recursive=True)) for row in rows) if table else rows
    part = eng.run_jobs(jobs, options)
    part["partition"] = index
    yield part


def extract_batch(jobs: Any, **options: Unpack[ExtractBatchOptions]) -> list[BatchResult]:
    """:func:`disinfo.terms.extract_batch` over an RDD of jobs (dicts) or a DataFrame of them, one
    call per partition, results in input order, identical to the call on all the jobs in one
    process (default ids are the jobs' global numbers; a job that does not decode raises the same
    error, naming its global position)."""
    table = hasattr(jobs, "rdd") and hasattr(jobs, "columns")
    rdd = jobs.rdd if table else jobs
    settings = dict(options)
    run = functools.partial(_jobs, options=settings, table=table)
    parts = sorted(rdd.mapPartitionsWithIndex(run).collect(), key=lambda p: p["partition"])
    results: list[BatchResult] = eng.gather_jobs(parts, settings)
    return results


def _audit_shard(shard: int, collections: list[Any], shards: int, options: dict[str, Any]) -> dict[str, Any]:
    p.set_threads(_task_cores())
    return audits.run_shard(collections, shard, shards, options)


def audit(
    collections: Sequence[CollectionArg], *, shards: int | None = None, spark: Any = None, **options: Unpack[AuditOptionsInput]
) -> AuditReport:
    """:func:`disinfo.ads.audit` split by ad key into ``shards`` Spark tasks (default: the
    context's default parallelism) of ``spark`` (default: the active session), merged in the
    driver by :func:`disinfo.ads.audit_merge`: the same report, every number and evidence item."""
    if spark is None:
        spark = p.optional("pyspark.sql").SparkSession.getActiveSession()
        if spark is None:
            raise AdsValueError("invalid argument `spark`: no active Spark session: start one or pass `spark=`", "invalid_argument", "ads")
    folders = audits.absolute(collections)
    context = spark.sparkContext
    n = audits.shard_count(shards, context.defaultParallelism)
    run = functools.partial(_audit_shard, collections=folders, shards=n, options=dict(options))
    return audits.gather(context.parallelize(range(n), n).map(run).collect())
