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
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

from disinfo import _partitioned as p
from disinfo import errors
from disinfo.errors import DisinfoError

__all__ = ["coordinate"]

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
    """The ``mapInArrow`` function of step 1: trace rows (``row = "t"``), accepted ids
    (``"i"``: ``id``, its order in ``post``), accounts' first rows (``"u"``: ``user``, the
    handle in ``text``, the order in ``post``), rejected rows (``"r"``: reason in ``text``) and
    an error (``"e"``: the error as JSON in ``text``)."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        pd, pa = p.optional("pandas"), p.optional("pyarrow")

        p.set_threads(_task_cores())
        for batch in batches:
            try:
                traces, ids, users, read = p.split_partition(batch.to_pandas(), 0, options)
            except DisinfoError as e:
                # Raised again in the driver as the same class (a Python worker's exception
                # would reach it as Spark's PythonException).
                error = json.dumps({"class": type(e).__name__, "message": e.message, "code": e.code, "tool": e.tool})
                yield pa.RecordBatch.from_pylist([{"row": "e", "text": error}], schema=_arrow_schema(_SPLIT_SCHEMA))
                return
            traces.insert(0, "row", "t")
            traces["id"] = None
            ids_rows = pd.DataFrame({"row": "i", "post": ids["order"], "id": ids["id"]})
            rejected = pd.DataFrame(
                {
                    "row": "r",
                    "post": [r["record"] for r in read["rejected"]],
                    "text": [r["reason"] for r in read["rejected"]],
                }
            )
            users_rows = pd.DataFrame({"row": "u", "user": users["user"], "text": users["handle"], "post": users["order"]})
            out = pd.concat([traces, ids_rows, users_rows, rejected], ignore_index=True).reindex(columns=_COLUMNS)
            yield pa.RecordBatch.from_pandas(out, schema=_arrow_schema(_SPLIT_SCHEMA), preserve_index=False)

    return run


def _edge_batches(options: dict[str, Any]) -> Any:
    """The ``mapInArrow`` function of step 2: the whole partition's trace rows at once."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        pa = p.optional("pyarrow")

        p.set_threads(_task_cores())
        received = list(batches)
        rows = pa.Table.from_batches(received) if received else _arrow_schema(_SPLIT_SCHEMA).empty_table()
        edges = p.partition_edges(rows.to_pandas(), options)
        yield pa.RecordBatch.from_pandas(edges, schema=_arrow_schema(_EDGE_SCHEMA), preserve_index=False)

    return run


def _arrow_schema(ddl: str) -> Any:
    pa = p.optional("pyarrow")

    types = {"string": pa.string(), "long": pa.int64(), "boolean": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind in (f.split() for f in ddl.split(", "))])


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


def _network(split: Any, options: dict[str, Any], parts: int, unique_ids: bool, output: str, min_edge_weight: int) -> Any:
    from pyspark.sql import functions as F

    failed = split.filter(F.col("row") == "e").select("text").limit(1).collect()
    if failed:
        error = json.loads(failed[0]["text"])
        raise getattr(errors, error["class"], DisinfoError)(error["message"], error["code"], error["tool"])
    traces = split.filter(F.col("row") == "t").drop("row", "id")
    ids = split.filter(F.col("row") == "i").select("id", F.col("post").alias("order"))
    rejected = [
        {"source": "posts", "line": 0, "record": r["post"], "reason": r["text"]}
        for r in split.filter(F.col("row") == "r").select("post", "text").collect()
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
        # The driver assembles the network (reverse weights, balance; nodes and handles for
        # `network`) from the kept weights: one job, no join or sort in Spark.
        pd = p.optional("pandas")
        nodes = pd.DataFrame({"user": [], "trace_posts": []})
        if output == "network":
            users = split.filter(F.col("row") == "u")
            handles = users.groupBy("user").agg(F.min_by("text", "post").alias("handle")).toPandas()
            nodes = p.nodes_frame(counts.toPandas().set_index("user")["count"], handles)
        read = [{"rows": accepted + len(rejected), "rejected": rejected}]
        weights = kept.toPandas()
        edges = weights if len(weights) else pd.DataFrame({"source": [], "target": [], "weight": []})
        result = p.merge(edges, nodes, options, accepted - duplicates, duplicates, read)
        return result if output == "network" else p.edge_frame(result)
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
