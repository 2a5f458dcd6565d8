"""Dask and Spark give the network of ``bots.coordinate`` exactly: posts with planted groups and
hot objects (a post reposted 100,000 times and a link shared 25,000 to 50,000 times over a week,
whose time buckets spread over partitions), four kinds, 1, 7 and 64 partitions.

``./x test`` runs 200,000 posts: every kind and partitioning on Dask; on Spark, whose cost per
task keeps the whole matrix out of the CI budget, every kind once and every partitioning once
(the hot repost over 64 partitions, identical texts over 7, links and near-identical texts in
one): the Rust steps are those Dask runs on the whole matrix, Spark moves their rows, the same
way for every kind. ``./x bench scale`` runs the whole matrix on both engines on 1,000,000 posts
(``DISINFO_ENGINE_POSTS``, ``DISINFO_ENGINE_FULL``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from scale_posts import ENGINE_POSTS, posts

from disinfo import bots

KINDS = ["co-repost", "co-link", "co-text", "co-similar-text"]
PARTITIONS = [1, 7, 64]
OPTIONS: dict[str, Any] = {"window": 60, "min_edge_weight": 2}
COLUMNS = ["source", "target", "weight", "reverse_weight", "symmetric_weight", "balance"]
FULL = os.environ.get("DISINFO_ENGINE_FULL") == "1"
SPARK_PARTITIONS = {"co-repost": 64, "co-link": 1, "co-text": 7, "co-similar-text": 1}
SPARK_CASES = [(k, n) for k in KINDS for n in PARTITIONS if FULL or n == SPARK_PARTITIONS[k]]


_expected: dict[str, pd.DataFrame] = {}


def expected(path: Path, kind: str) -> pd.DataFrame:
    """The single-process network's edges (computed once per kind)."""
    if kind not in _expected:
        result = bots.coordinate(str(path), "qut-csv", kind=kind, **OPTIONS)
        edges = result["network"]["edges"]
        _expected[kind] = pd.DataFrame({c: [e[c] for e in edges] for c in COLUMNS})
    return _expected[kind]


def same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    got = got[COLUMNS].sort_values(["source", "target"]).reset_index(drop=True)
    assert len(want) > 5000, "the data plants many edges"
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_the_data_plants_hot_objects_and_groups(engine_posts: tuple[pd.DataFrame, Path]) -> None:
    frame, _ = engine_posts
    assert len(frame) == ENGINE_POSTS
    assert (frame["repost_id"] == "hot-post").sum() == 100_000
    span = frame.loc[frame["repost_id"] == "hot-post", "timestamp"]
    assert span.max() - span.min() > 6 * 86_400


def test_spark_cases_cover_every_kind_and_partitioning() -> None:
    assert {k for k, _ in SPARK_CASES} == set(KINDS)
    assert {n for _, n in SPARK_CASES} == set(PARTITIONS)
    assert ("co-repost", max(PARTITIONS)) in SPARK_CASES, "the hot repost over the most partitions"


@pytest.mark.parametrize("parts", PARTITIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_dask_equals_one_process(dask_engine_posts: Any, engine_posts: tuple[pd.DataFrame, Path], kind: str, parts: int) -> None:
    from disinfo import dask as ddisinfo

    _, path = engine_posts
    got = ddisinfo.coordinate(dask_engine_posts(parts), kind=kind, npartitions=parts, **OPTIONS)
    same(got, expected(path, kind))


@pytest.mark.parametrize("kind", KINDS)
def test_dask_sums_the_weights_in_the_engine_above_the_driver_limit(
    dask_engine_posts: Any, engine_posts: tuple[pd.DataFrame, Path], kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above ``DRIVER_SUM_ROWS`` rows of weights the sums are a Dask group-by, not Rust in the
    driver: the same network."""
    from disinfo import _partitioned
    from disinfo import dask as ddisinfo

    monkeypatch.setattr(_partitioned, "DRIVER_SUM_ROWS", 0)
    _, path = engine_posts
    got = ddisinfo.coordinate(dask_engine_posts(7), kind=kind, npartitions=7, **OPTIONS)
    same(got, expected(path, kind))


@pytest.mark.parametrize(("kind", "parts"), SPARK_CASES)
def test_spark_equals_one_process(spark_engine_posts: Any, engine_posts: tuple[pd.DataFrame, Path], kind: str, parts: int) -> None:
    from disinfo import spark as sdisinfo

    _, path = engine_posts
    df = spark_engine_posts.repartition(parts) if parts > 1 else spark_engine_posts.coalesce(1)
    got = sdisinfo.coordinate(df, kind=kind, npartitions=parts, output="pandas", **OPTIONS)
    same(got, expected(path, kind))


def awkward_posts() -> tuple[pd.DataFrame, str]:
    """20,000 posts, then 40 records repeating earlier ids with other content (the first record
    wins), and rows without an account or with an unreadable time (rejected in lenient mode)."""
    frame = posts(20_000, seed=5)
    again = frame.iloc[100:140].copy()
    again["repost_id"] = "item-0-0"
    bad = frame.iloc[:3].copy()
    bad["message_id"] = ["b1", "b2", "b3"]
    bad["user_id"] = ["", " ", "u1"]
    bad["timestamp"] = bad["timestamp"].astype(str)
    bad.loc[bad.index[2], "timestamp"] = "not a time"
    mixed = pd.concat([frame.astype({"timestamp": str}), again.astype({"timestamp": str}), bad], ignore_index=True)
    return mixed, mixed.to_csv(index=False)


AWKWARD: dict[str, Any] = {"window": 60, "min_edge_weight": 2, "min_participation": 3, "mode": "lenient", "communities": True}


def without_evidence(result: dict[str, Any]) -> dict[str, Any]:
    """A single-process result as the engines give it: no evidence pairs, read counts only."""
    for edge in result["network"]["edges"]:
        edge["evidence"] = []
    result["read"]["rejected"] = len(result["read"]["rejected"])
    return result


def test_dask_network_with_duplicates_rejections_participation_and_communities(dask_client: Any) -> None:
    import dask.dataframe as dd

    from disinfo import dask as ddisinfo

    frame, csv = awkward_posts()
    want = without_evidence(bots.coordinate_text(csv, "qut-csv", kind="co-repost", **AWKWARD))
    assert want["network"]["duplicate_posts"] == 40 and want["read"]["rejected"] == 3
    got = ddisinfo.coordinate(dd.from_pandas(frame, npartitions=5, sort=False), kind="co-repost", output="network", **AWKWARD)
    got["read"]["rejected"] = len(got["read"]["rejected"])
    assert got == want
    large = ddisinfo.coordinate(dd.from_pandas(frame, npartitions=3, sort=False), kind="co-repost", output="dask", **AWKWARD)
    weights = {(e["source"], e["target"]): e["weight"] for e in want["network"]["edges"]}
    table = large.compute()
    assert dict(zip(zip(table["source"], table["target"]), table["weight"])) == weights


def test_spark_network_with_duplicates_rejections_participation_and_communities(spark: Any) -> None:
    from disinfo import spark as sdisinfo

    frame, csv = awkward_posts()
    want = without_evidence(bots.coordinate_text(csv, "qut-csv", kind="co-repost", **AWKWARD))
    # Spark's row order (monotonically_increasing_id) follows the partitions' order.
    posts_df = spark.createDataFrame(frame).coalesce(3)
    got = sdisinfo.coordinate(posts_df, kind="co-repost", output="network", **AWKWARD)
    got["read"]["rejected"] = len(got["read"]["rejected"])
    assert got == want
    # The Spark DataFrame output: the same edges, weights and balances, sorted.
    edges = sdisinfo.coordinate(posts_df, kind="co-repost", **AWKWARD).toPandas()
    assert edges.to_dict("records") == [{c: e[c] for c in COLUMNS} for e in want["network"]["edges"]]


def test_bad_input_is_a_typed_error_in_both_engines(dask_client: Any, spark: Any) -> None:
    import dask.dataframe as dd

    from disinfo import BotsValueError, DisinfoError
    from disinfo import dask as ddisinfo
    from disinfo import spark as sdisinfo

    frame = posts(10_000).drop(columns=["user_id"])
    with pytest.raises(BotsValueError, match="user_id"):
        ddisinfo.coordinate(dd.from_pandas(frame, npartitions=2, sort=False), kind="co-repost", window=60)
    with pytest.raises(BotsValueError, match="user_id"):
        sdisinfo.coordinate(spark.createDataFrame(frame), kind="co-repost", window=60, output="pandas")
    strict = posts(10_000)
    strict.loc[5, "timestamp"] = -1 << 62
    with pytest.raises(DisinfoError) as error:
        ddisinfo.coordinate(dd.from_pandas(strict.astype({"timestamp": str}), npartitions=2, sort=False), kind="co-repost", window=60)
    assert error.value.code == "malformed_record" and "order 5" in error.value.message
    with pytest.raises(TypeError, match="windw"):
        ddisinfo.coordinate(dd.from_pandas(strict, npartitions=1), kind="co-repost", window=60, windw=5)
    with pytest.raises(BotsValueError, match="window"):
        sdisinfo.coordinate(spark.createDataFrame(strict), kind="co-repost", window=-1)
    with pytest.raises(BotsValueError, match="bucket_secs"):
        ddisinfo.coordinate(dd.from_pandas(strict, npartitions=1), kind="co-repost", window=60, bucket_secs=10)
