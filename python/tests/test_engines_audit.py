"""Dask and Spark give ``ads.audit`` exactly: the ads audit split by ad key over the workers,
merged in the driver, equals the single-process report (every number, table row and evidence
item), for the bench scenario (2 collections of ``DISINFO_ENGINE_ADS`` ads, 100,000 by default;
``./x bench scale`` runs 2 × 1,000,000) and the French 2019 scenario with a small evidence limit
(the evidence kept depends on the order of the findings). Errors come back typed: a malformed
file in strict mode raises the single-process error, bad options and shard counts are refused.

Functions shipped to the workers come from the installed disinfo package (see conftest.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from disinfo import ads
from disinfo.errors import AdsError, AdsValueError

ADS = int(os.environ.get("DISINFO_ENGINE_ADS", "100000"))


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Any]:
    """Two collections of the bench scenario and their single-process report."""
    dirs = ads.generate("bench", str(tmp_path_factory.mktemp("bench")), days=2, ads=ADS)
    start = time.perf_counter()
    want = ads.audit(dirs)
    print(f"\n[one process] audit of 2 x {ADS} ads in {time.perf_counter() - start:.1f} s")
    return dirs, want


@pytest.fixture(scope="module")
def fr2019(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return ads.generate("fr2019", str(tmp_path_factory.mktemp("fr2019")))


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory, fr2019: list[str]) -> list[str]:
    """The French scenario with a truncated page in its second collection."""
    import shutil

    root = tmp_path_factory.mktemp("broken")
    dirs = [str(shutil.copytree(d, root / Path(d).name)) for d in fr2019]
    page = sorted(p for p in Path(dirs[1]).iterdir() if p.suffix == ".json" and p.name != "collection.json")[0]
    page.write_text(page.read_text()[:500])
    return dirs


def first_difference(a: Any, b: Any, at: str = "") -> str | None:
    """Where two JSON values first differ (a readable failure instead of two huge dicts)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{at}/{k}: missing on one side"
            d = first_difference(a[k], b[k], f"{at}/{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{at}/{i}")
            if d:
                return d
        return None if len(a) == len(b) else f"{at}: {len(a)} vs {len(b)} items"
    return None if a == b else f"{at}: {a!r} vs {b!r}"


def same(got: Any, want: Any) -> None:
    assert first_difference(got, want) is None, first_difference(got, want)
    assert got == want


def test_dask_audit_equals_one_process(dask_client: Any, bench: tuple[list[str], Any]) -> None:
    from disinfo import dask as ddisinfo

    dirs, want = bench
    assert want["pairs"][0]["disappeared"]["total"] > 0 and want["evidence"]
    for shards in (1, 7):
        start = time.perf_counter()
        got = ddisinfo.audit(dirs, shards=shards)
        print(f"[dask] {shards} shards in {time.perf_counter() - start:.1f} s")
        same(got, want)
    # The default: one shard per worker thread.
    same(ddisinfo.audit(dirs), want)


def test_spark_audit_equals_one_process(spark: Any, bench: tuple[list[str], Any]) -> None:
    from disinfo import spark as sdisinfo

    dirs, want = bench
    # Each shard parses every file: 3 shards, more than local[2] runs at once, split and merge
    # as 7 would (Dask runs 7) for less than half the parsing.
    for shards in (1, 3):
        start = time.perf_counter()
        got = sdisinfo.audit(dirs, shards=shards)
        print(f"[spark] {shards} shards in {time.perf_counter() - start:.1f} s")
        same(got, want)


def test_small_evidence_limit_keeps_the_single_process_items(dask_client: Any, spark: Any, fr2019: list[str]) -> None:
    from disinfo import dask as ddisinfo
    from disinfo import spark as sdisinfo

    options: dict[str, Any] = {"evidence_limit": 2, "regimes": ["dsa_39_2", "ttpa_12"]}
    want = ads.audit(fr2019, **options)
    assert any(f["evidence_omitted"] > 0 for f in want["findings"])
    same(ddisinfo.audit(fr2019, shards=5, **options), want)
    same(sdisinfo.audit(fr2019, shards=3, **options), want)
    # Relative folders are made absolute in the driver.
    relative = [os.path.relpath(d) for d in fr2019]
    same(ddisinfo.audit(relative, shards=2, **options), want)
    # Described folders of raw files (no collection.json read), relative too.
    described = [
        {"dir": os.path.relpath(d), "platform": "meta", "collected_at": f"2019-05-{20 + 7 * i}T06:00:00Z", "id": f"day-{i}", "countries": ["FR"]}
        for i, d in enumerate(fr2019)
    ]
    same(sdisinfo.audit(described, shards=2, **options), ads.audit(described, **options))


def test_errors_are_the_single_process_errors(dask_client: Any, spark: Any, broken: list[str]) -> None:
    from disinfo import dask as ddisinfo
    from disinfo import spark as sdisinfo

    with pytest.raises(AdsError) as one:
        ads.audit(broken)
    for run in (lambda: ddisinfo.audit(broken, shards=3), lambda: sdisinfo.audit(broken, shards=3)):
        with pytest.raises(AdsError) as got:
            run()
        assert (type(got.value), got.value.code, got.value.message) == (type(one.value), one.value.code, one.value.message)
    # Lenient: the rejected records are listed once, as in one process.
    want = ads.audit(broken, strict=False)
    assert want["rejected"]
    same(ddisinfo.audit(broken, shards=3, strict=False), want)
    same(sdisinfo.audit(broken, shards=2, strict=False), want)
    for bad in (0, -1, 2.5, True):
        with pytest.raises(AdsValueError, match="shards"):
            ddisinfo.audit(broken, shards=bad)  # type: ignore[arg-type]
    with pytest.raises(AdsValueError, match="collections"):
        ddisinfo.audit(broken[0])
    with pytest.raises(AdsValueError, match="evidence_limt|unknown"):
        sdisinfo.audit(broken, shards=2, evidence_limt=3)  # type: ignore[call-arg]
    missing = [str(Path(broken[0]) / "missing")]
    with pytest.raises(AdsError) as one:
        ads.audit(missing)
    with pytest.raises(AdsError) as got:
        ddisinfo.audit(missing, shards=2)
    assert (got.value.code, got.value.message) == (one.value.code, one.value.message) == ("invalid_collection", one.value.message)
