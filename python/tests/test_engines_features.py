"""Dask and Spark give ``bots.features`` and ``terms.extract_batch`` exactly.

Features: the synthetic posts of ``scale_posts`` (200,000 posts, ~100,000 accounts; set
``DISINFO_ENGINE_POSTS`` for more) with 1, 7 and 64 partitions against ``bots.features`` on the
same posts written as CSV: the same bytes of values, the same mask, ids, handles, row order and
read counts. Small frames with bad rows check the lenient rejections (global lines and records)
and the strict errors; a frame without ``user_id`` raises the single-process error.

Extraction: the OTA snapshots of the reference data (``../shared/data/terms`` or
``$DISINFO_SHARED_DATA``) when present, else the repository's copies of the same demo snapshots
(tests/golden/cases) and its example snapshots, with 1 and 7 partitions.

Functions shipped to the workers come from the installed disinfo package (see conftest.py)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scale_posts import ENGINE_POSTS

from disinfo import bots, terms
from disinfo._extra.bots import Features
from disinfo.errors import BotsError, BotsValueError, DisinfoError, TermsValueError

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DISINFO_SHARED_DATA", ROOT.parent / "shared" / "data"))
PARTITIONS = [1, 7, 64]
QUT = ["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"]


# --- data -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference(engine_posts: tuple[pd.DataFrame, Path]) -> Features:
    """The single-process features of the synthetic posts' CSV file (conftest.py)."""
    _, path = engine_posts
    start = time.perf_counter()
    want = bots.features(str(path), "qut-csv")
    print(f"\n[one process] {ENGINE_POSTS} posts, {len(want)} accounts in {time.perf_counter() - start:.1f} s")
    return want


def awkward() -> pd.DataFrame:
    """A small frame with every kind of row the partitions must not change: rejected rows (no
    user, no id, a bad time) before and after accepted rows of the same account, an account
    whose first row is rejected, ids padded with white space (ASCII and not), messages spanning
    lines, a repeated post id, missing cells, accounts in many partitions' worth of order."""
    rng = np.random.default_rng(7)
    n = 3000
    frame = pd.DataFrame(
        {
            "message_id": [str(i) for i in range(n)],
            "user_id": [f"a{int(x)}" for x in rng.integers(0, 400, n)],
            "username": [f"name{int(x)}" for x in rng.integers(0, 400, n)],
            "repost_id": np.where(rng.random(n) < 0.3, "p1", ""),
            "reply_id": np.where(rng.random(n) < 0.1, "p2", ""),
            "message": [f"text {int(x)} #tag @m" for x in rng.integers(0, 50, n)],
            "timestamp": [str(1_700_000_000 + int(x)) for x in rng.integers(0, 30 * 86_400, n)],
            "urls": np.where(rng.random(n) < 0.2, "https://a.example/x https://b.example/y", ""),
        }
    )
    frame.loc[3, "user_id"] = ""  # rejected: no user
    frame.loc[10, "message"] = "two\nlines and\r\na third"
    frame.loc[11, "timestamp"] = "yesterday"  # rejected: bad time
    frame.loc[40, "message"] = "x\n\n\ny"
    frame.loc[41, "message_id"] = "  "  # rejected: no id
    frame.loc[42:60, "user_id"] = " a7\u3000"  # the same account as a7 once trimmed
    frame.loc[61, "username"] = None
    frame.loc[62, "message"] = None
    frame.loc[63, "message_id"] = "5"  # a repeated post id
    frame.loc[100, ["user_id", "timestamp"]] = ["first-rejected", "never"]  # its first row is bad
    frame.loc[2500, "user_id"] = "first-rejected"
    frame.loc[2999, "user_id"] = "\t"  # rejected: no user, last row
    return frame


def same(got: Features, want: Features) -> None:
    assert got.columns == want.columns
    assert got.account_ids == want.account_ids
    assert got.handles == want.handles
    assert got.values.shape == want.values.shape and got.values.dtype == want.values.dtype
    assert got.values.tobytes() == want.values.tobytes(), "values differ (NaN where missing included)"
    assert got.mask.dtype == want.mask.dtype and np.array_equal(got.mask, want.mask)
    assert got.read == want.read


def error_of(call: Any) -> DisinfoError:
    with pytest.raises(DisinfoError) as info:
        call()
    return info.value


def same_error(got: DisinfoError, want: DisinfoError) -> None:
    assert type(got) is type(want), (got, want)
    assert (got.code, got.tool, got.message) == (want.code, want.tool, want.message)


def csv_of(frame: pd.DataFrame) -> str:
    return str(frame.to_csv(index=False))


# --- features on Dask -------------------------------------------------------------------------


@pytest.mark.parametrize("parts", PARTITIONS)
def test_dask_features_equal_one_process(dask_engine_posts: Any, reference: Features, parts: int) -> None:
    from disinfo import dask as ddisinfo

    assert len(reference) > ENGINE_POSTS // 10, "many accounts"
    start = time.perf_counter()
    got = ddisinfo.features(dask_engine_posts(parts), npartitions=parts)
    print(f"\n[dask] features, {ENGINE_POSTS} posts, {parts} partitions: {time.perf_counter() - start:.1f} s")
    same(got, reference)


def test_dask_features_of_awkward_rows(dask_client: Any, tmp_path: Path) -> None:
    import dask.dataframe as dd

    from disinfo import dask as ddisinfo

    frame = awkward()
    path = tmp_path / "awkward.csv"
    frame.to_csv(path, index=False)
    for parts in (1, 7):
        ddf = dd.from_pandas(frame, npartitions=parts, sort=False)
        variants: list[dict[str, Any]] = [{"mode": "lenient"}, {"mode": "lenient", "behaviour": False, "utc_offset_minutes": 120}]
        for options in variants:
            want = bots.features_from_text(csv_of(frame), "qut-csv", **options)
            assert want.read["records_rejected"] == 5 and len(want.rejected) == 5
            same(ddisinfo.features(ddf, npartitions=parts, **options), want)
        # A file's rejections name the file: the same with `source_name`.
        same(
            ddisinfo.features(ddf, npartitions=parts, mode="lenient", source_name=str(path)),
            bots.features(str(path), "qut-csv", mode="lenient"),
        )
        # Strict (the default): the error of the first bad row, at its line in the whole CSV.
        want_error = error_of(lambda: bots.features(str(path), "qut-csv"))
        assert "line 5:" in want_error.message
        same_error(error_of(lambda: ddisinfo.features(ddf, npartitions=parts, source_name=str(path))), want_error)


def test_dask_features_bad_input_raise_the_one_process_error(dask_client: Any) -> None:
    import dask.dataframe as dd

    from disinfo import dask as ddisinfo

    frame = awkward()
    no_user = frame.drop(columns=["user_id"])
    want = error_of(lambda: bots.features_from_text(csv_of(no_user), "qut-csv"))
    assert isinstance(want, BotsError) and want.code == "malformed_record" and "user_id" in want.message
    same_error(error_of(lambda: ddisinfo.features(dd.from_pandas(no_user, npartitions=3))), want)
    ddf = dd.from_pandas(frame, npartitions=3)
    bad = error_of(lambda: bots.features_from_text(csv_of(frame), "qut-csv", utc_offset_minutes=5000))
    assert isinstance(bad, BotsValueError)
    same_error(error_of(lambda: ddisinfo.features(ddf, utc_offset_minutes=5000)), bad)
    unknown: dict[str, Any] = {"burst_window": 3}  # misspelt: burst_window_h
    misspelt = error_of(lambda: bots.features_from_text(csv_of(frame), "qut-csv", **unknown))
    same_error(error_of(lambda: ddisinfo.features(ddf, **unknown)), misspelt)


def test_dask_features_of_no_posts(dask_client: Any) -> None:
    import dask.dataframe as dd

    from disinfo import dask as ddisinfo

    empty = awkward().iloc[:0]
    same(ddisinfo.features(dd.from_pandas(empty, npartitions=1)), bots.features_from_text(csv_of(empty), "qut-csv"))


# --- features on Spark ------------------------------------------------------------------------


@pytest.mark.parametrize("parts", PARTITIONS)
def test_spark_features_equal_one_process(spark_engine_posts: Any, reference: Features, parts: int) -> None:
    from disinfo import spark as sdisinfo

    start = time.perf_counter()
    got = sdisinfo.features(spark_engine_posts, npartitions=parts)
    print(f"\n[spark] features, {ENGINE_POSTS} posts, {parts} partitions: {time.perf_counter() - start:.1f} s")
    same(got, reference)


def test_spark_features_of_awkward_rows(spark: Any, tmp_path: Path) -> None:
    from disinfo import spark as sdisinfo

    # The input's own order after a round-robin repartition (fixed by a checkpoint) is the
    # order of its single-process file.
    sdf = spark.createDataFrame(awkward()).repartition(7).localCheckpoint()
    frame = sdf.toPandas()
    path = tmp_path / "awkward.csv"
    frame.to_csv(path, index=False)
    # Spark runs a Python task per partition (~0.2 s each here): fewer calls than on Dask.
    want = bots.features_from_text(csv_of(frame), "qut-csv", mode="lenient")
    assert want.read["records_rejected"] == 5
    same(sdisinfo.features(sdf, npartitions=1, mode="lenient"), want)
    same(
        sdisinfo.features(sdf, npartitions=7, mode="lenient", behaviour=False, utc_offset_minutes=120),
        bots.features_from_text(csv_of(frame), "qut-csv", mode="lenient", behaviour=False, utc_offset_minutes=120),
    )
    same(
        sdisinfo.features(sdf, npartitions=7, mode="lenient", source_name=str(path)),
        bots.features(str(path), "qut-csv", mode="lenient"),
    )
    want_error = error_of(lambda: bots.features(str(path), "qut-csv"))
    same_error(error_of(lambda: sdisinfo.features(sdf, npartitions=7, source_name=str(path))), want_error)


def test_spark_features_bad_input_raise_the_one_process_error(spark: Any) -> None:
    from disinfo import spark as sdisinfo

    frame = awkward()
    no_user = frame.drop(columns=["user_id"])
    want = error_of(lambda: bots.features_from_text(csv_of(no_user), "qut-csv"))
    assert isinstance(want, BotsError) and want.code == "malformed_record"
    same_error(error_of(lambda: sdisinfo.features(spark.createDataFrame(no_user))), want)
    sdf = spark.createDataFrame(frame)
    bad = error_of(lambda: bots.features_from_text(csv_of(frame), "qut-csv", night_start_hour=30))
    assert isinstance(bad, BotsValueError)
    same_error(error_of(lambda: sdisinfo.features(sdf, night_start_hour=30)), bad)


# --- extract_batch ----------------------------------------------------------------------------


def snapshot_jobs() -> list[dict[str, Any]]:
    """Extraction jobs over OTA snapshots: the reference data's when present (demo pairs with the
    declaration in force, noise pairs, the engine's fixtures), else the repository's copies of
    the demo pairs; always the repository's example snapshots (the Open Terms Archive imprint
    over two years, with the declaration in force at each date)."""
    jobs: list[dict[str, Any]] = []
    pairs = SHARED / "terms" / "ota-demo-pairs"
    if pairs.is_dir():
        for case in sorted(pairs.iterdir()):
            job = json.loads((case / "job.json").read_text(encoding="utf-8"))
            jobs.append(
                {"id": f"pair-{case.name}", "snapshot": str(case / "snapshot.html"), "location": job["location"],
                 "select": job["select"], "remove": job["remove"]}
            )
        noise = SHARED / "terms" / "noise-pairs"
        github = "https://docs.github.com/en/site-policy/github-terms/github-terms-of-service"
        for name in ("github-tos-a.html", "github-tos-b.html"):
            jobs.append({"id": name, "snapshot": str(noise / name), "location": github, "select": "#article-contents"})
        jobs.append({"id": "brevo", "snapshot": str(noise / "brevo-privacy-noscript.html"),
                     "location": "https://www.brevo.com/legal/privacypolicy/", "select": "main"})
        fixtures = SHARED / "terms" / "engine-fixtures"
        jobs.append({"snapshot": str(fixtures / "service·A_terms_snapshot.html"), "location": "https://www.service-a.example/terms",
                     "select": "body"})
        for name in ("terms.pdf", "termsModified.pdf", "termsWithoutText.pdf"):
            jobs.append({"snapshot": str(fixtures / name), "location": "https://www.service-a.example/terms.pdf",
                         "select": "body", "mime_type": "application/pdf"})
    else:
        for case in sorted((ROOT / "tests" / "golden" / "cases").glob("terms-extract-ota-demo-*")):
            kwargs = json.loads((case / "case.json").read_text(encoding="utf-8"))["kwargs"]
            jobs.append({"id": case.name, "snapshot": str(case / "snapshot.html"), "location": kwargs["location"],
                         "select": kwargs["select"], "remove": kwargs.get("remove")})
    replay = ROOT / "examples" / "data" / "terms" / "replay"
    history = json.loads((replay / "declarations" / "Open Terms Archive.history.json").read_text(encoding="utf-8"))
    current = json.loads((replay / "declarations" / "Open Terms Archive.json").read_text(encoding="utf-8"))
    for snapshot in json.loads((replay / "snapshots.json").read_text(encoding="utf-8")):
        declared = next((d for d in history["Imprint"] if snapshot["date"] <= d["validUntil"]), current["terms"]["Imprint"])
        job = {"snapshot": str(replay / snapshot["content"]), "location": declared["fetch"], "select": declared["select"]}
        jobs.append(job if len(jobs) % 2 else dict(job, id=snapshot["commit"][:8]))
    for line in (ROOT / "examples" / "data" / "terms" / "extract" / "jobs.jsonl").read_text(encoding="utf-8").splitlines():
        job = json.loads(line)
        jobs.append(dict(job, snapshot=str(ROOT / job["snapshot"])))
    # Failures are results, in place.
    jobs.append({"content": "<main><p>x</p></main>", "location": "https://example.com/", "select": "#missing"})
    jobs.append({"id": "gone", "snapshot": str(ROOT / "no-such-snapshot.html"), "location": "https://example.com/", "select": "main"})
    jobs.append({"content": "<main><p>inline</p></main>", "location": "https://example.com/", "select": "main"})
    return jobs


@pytest.fixture(scope="module")
def batch() -> tuple[list[dict[str, Any]], list[Any]]:
    jobs = snapshot_jobs()
    assert len(jobs) >= 20, f"only {len(jobs)} extraction jobs"
    start = time.perf_counter()
    want = terms.extract_batch(jobs)  # type: ignore[arg-type]
    print(f"\n[one process] extract_batch, {len(jobs)} jobs in {time.perf_counter() - start:.2f} s")
    assert sum("markdown" in r for r in want) >= 15, "most jobs extract"
    assert sum("error" in r for r in want) >= 2, "failures come back as results"
    assert sum(r["id"].isdigit() for r in want) >= 5, "default ids (job numbers) are checked"
    return jobs, want


WRONG_FLAVOR: dict[str, Any] = {"flavor": "markdown"}


def misspelt(jobs: list[dict[str, Any]], at: int) -> list[dict[str, Any]]:
    bad = [dict(j) for j in jobs]
    bad[at] = dict(bad[at], selct="main")
    return bad


@pytest.mark.parametrize("parts", [1, 7])
def test_dask_extract_batch_equals_one_process(dask_client: Any, batch: tuple[list[Any], list[Any]], parts: int) -> None:
    import dask.bag as db

    from disinfo import dask as ddisinfo

    jobs, want = batch
    start = time.perf_counter()
    assert ddisinfo.extract_batch(jobs, npartitions=parts) == want
    print(f"\n[dask] extract_batch, {len(jobs)} jobs, {parts} partitions: {time.perf_counter() - start:.2f} s")
    assert ddisinfo.extract_batch(db.from_sequence(jobs, npartitions=parts)) == want
    assert ddisinfo.extract_batch([]) == terms.extract_batch([])
    # A job that does not decode: the error names its place among all the jobs.
    bad = misspelt(jobs, len(jobs) - 4)
    want_error = error_of(lambda: terms.extract_batch(bad))  # type: ignore[arg-type]
    assert isinstance(want_error, TermsValueError) and f"jobs[{len(jobs) - 4}]" in want_error.message
    same_error(error_of(lambda: ddisinfo.extract_batch(bad, npartitions=parts)), want_error)
    option = error_of(lambda: terms.extract_batch(jobs, **WRONG_FLAVOR))
    same_error(error_of(lambda: ddisinfo.extract_batch(jobs, npartitions=parts, **WRONG_FLAVOR)), option)
    # Jobs are decoded before the options: a bad job's error wins over a bad option's.
    both = error_of(lambda: terms.extract_batch(bad, **WRONG_FLAVOR))  # type: ignore[arg-type]
    assert both.message == want_error.message
    same_error(error_of(lambda: ddisinfo.extract_batch(bad, npartitions=parts, **WRONG_FLAVOR)), both)


@pytest.mark.parametrize("parts", [1, 7])
def test_spark_extract_batch_equals_one_process(spark: Any, batch: tuple[list[Any], list[Any]], parts: int) -> None:
    from disinfo import spark as sdisinfo

    jobs, want = batch
    start = time.perf_counter()
    assert sdisinfo.extract_batch(spark.sparkContext.parallelize(jobs, parts)) == want
    print(f"\n[spark] extract_batch, {len(jobs)} jobs, {parts} partitions: {time.perf_counter() - start:.2f} s")
    # A DataFrame of jobs (text selectors: one column type), nulls where a job has no such field.
    fields = ["id", "snapshot", "content", "location", "select", "mime_type"]
    plain = [{k: j.get(k) for k in fields} for j in jobs if isinstance(j["select"], str)]
    assert len(plain) >= 15
    schema = ", ".join(f"{k} string" for k in fields)
    table = spark.createDataFrame([tuple(j[k] for k in fields) for j in plain], schema).repartition(parts).localCheckpoint()
    rows = [r.asDict() for r in table.collect()]
    assert sdisinfo.extract_batch(table) == terms.extract_batch(rows)
    bad = misspelt(jobs, len(jobs) - 4)
    want_error = error_of(lambda: terms.extract_batch(bad))  # type: ignore[arg-type]
    same_error(error_of(lambda: sdisinfo.extract_batch(spark.sparkContext.parallelize(bad, parts))), want_error)
    option = error_of(lambda: terms.extract_batch(jobs, **WRONG_FLAVOR))
    same_error(error_of(lambda: sdisinfo.extract_batch(spark.sparkContext.parallelize(jobs, parts), **WRONG_FLAVOR)), option)
