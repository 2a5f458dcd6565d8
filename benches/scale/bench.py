"""One side of ./x bench scale (see run): `one`, `dask` or `spark` builds the co-repost network of
a QUT CSV and writes its edges as Parquet; `one-files` and `dask-files` do the same from the
posts as part files (a folder); `dask-floor` measures what any Dask pipeline from this CSV must
do at least (read it, shuffle the reposts by the reposted id, count them; no disinfo) and
`dask-read` only its reading;
`compare` checks the edge tables are equal and prints the ratios."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil

OPTIONS = {"kind": "co-repost", "window": 60, "min_edge_weight": 2}
COLUMNS = ["source", "target", "weight", "reverse_weight", "symmetric_weight", "balance"]


class PeakMemory:
    """The largest total resident memory of this process and its descendants, sampled."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def one(path: str | list[str]) -> pd.DataFrame:
    from disinfo import bots

    result = bots.coordinate(path, "qut-csv", **OPTIONS)
    edges = result["network"]["edges"]
    return pd.DataFrame({c: [e[c] for e in edges] for c in COLUMNS})


def dask(path: str) -> pd.DataFrame:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from disinfo import dask as ddisinfo

    with tempfile.TemporaryDirectory() as scratch:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1", local_directory=scratch)
        with Client(cluster):
            posts = dd.read_csv(path, dtype=str, keep_default_na=False, blocksize="64MiB")
            edges = ddisinfo.coordinate(posts, unique_ids=False, **OPTIONS)
        cluster.close()
    return edges


def one_files(folder: str) -> pd.DataFrame:
    return one(sorted(str(f) for f in Path(folder).glob("part-*.csv")))


def dask_files(folder: str) -> pd.DataFrame:
    """The same posts as part files (as Dask and Spark write a table), one task per file: each
    worker reads its file with disinfo's own reader (`coordinate_files`)."""
    from distributed import Client, LocalCluster

    from disinfo import dask as ddisinfo

    files = sorted(str(f) for f in Path(folder).glob("part-*.csv"))
    with tempfile.TemporaryDirectory() as scratch:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1", local_directory=scratch)
        with Client(cluster):
            edges = ddisinfo.coordinate_files(files, "qut-csv", unique_ids=False, **OPTIONS)
        cluster.close()
    return edges


def dask_floor(path: str, shuffle: bool = True) -> int:
    """Read the CSV and shuffle the reposts by the reposted id on the same cluster as `dask`:
    the least a Dask DataFrame pipeline from this file to a network by object can do (without
    `shuffle`: only read it, counting its rows)."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory() as scratch:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1", local_directory=scratch)
        with Client(cluster):
            posts = dd.read_csv(path, dtype=str, keep_default_na=False, blocksize="64MiB")
            if shuffle:
                reposts = posts[posts["repost_id"] != ""][["user_id", "repost_id", "timestamp"]]
                rows = int(reposts.shuffle(on="repost_id").map_partitions(len).sum().compute())
            else:
                rows = int(posts.map_partitions(len).sum().compute())
        cluster.close()
    return rows


def spark(path: str) -> pd.DataFrame:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "6g")
        .config("spark.sql.shuffle.partitions", "16")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    from disinfo import spark as sdisinfo

    posts = session.read.csv(path, header=True)
    edges = sdisinfo.coordinate(posts, output="pandas", **OPTIONS)
    session.stop()
    return edges


def main() -> None:
    mode = sys.argv[1]
    if mode == "compare":
        tables = [pd.read_parquet(p).sort_values(["source", "target"]).reset_index(drop=True) for p in sys.argv[2:]]
        names = [Path(p).stem.removeprefix("edges_") for p in sys.argv[3:]]
        for name, t in zip(names, tables[1:]):
            pd.testing.assert_frame_equal(t[COLUMNS], tables[0][COLUMNS], check_dtype=False)
            print(f"{name}: the same {len(t):,} edges and weights as one process")
        runs = json.loads((Path(sys.argv[2]).parent / "results.json").read_text())
        base = runs["one"]["seconds"]
        if "dask-read" in runs:
            floor = runs["dask-read"]["seconds"]
            print(f"dask reading the CSV alone (dd.read_csv, no disinfo): {floor:.1f} s = {floor / base:.2f} x one process")
        if "dask-floor" in runs:
            floor = runs["dask-floor"]["seconds"]
            print(f"dask floor (read the CSV, shuffle the reposts by object, no disinfo): {floor:.1f} s = {floor / base:.2f} x one process")
        for name in [n for n in ["one-files", "dask", "dask-files", "spark"] if n in runs]:
            r = runs[name]
            print(f"{name}: {r['seconds']:.1f} s = {r['seconds'] / base:.2f} x one process ({base:.1f} s); peak {r['peak_gb']:.2f} GB vs {runs['one']['peak_gb']:.2f} GB")
        for name, against in [("dask", "one"), ("dask-files", "one-files")]:
            if name not in runs or against not in runs:
                continue
            ratio = runs[name]["seconds"] / runs[against]["seconds"]
            print(f"target: {name} within 1.5x of {against}: {ratio:.2f}x, {'met' if ratio <= 1.5 else 'NOT met'}")
        return
    path, out = sys.argv[2], sys.argv[3]
    if mode in ("dask-floor", "dask-read"):
        with PeakMemory() as memory:
            start = time.perf_counter()
            rows = dask_floor(path, shuffle=mode == "dask-floor")
            seconds = time.perf_counter() - start
        results = Path(out).parent / "results.json"
        runs = json.loads(results.read_text()) if results.exists() else {}
        runs[mode] = {"seconds": seconds, "peak_gb": memory.peak / 1e9, "rows": rows}
        results.write_text(json.dumps(runs, indent=1))
        print(f"{mode}: {seconds:.1f} s, peak memory {memory.peak / 1e9:.2f} GB, {rows:,} {'reposts shuffled' if mode == 'dask-floor' else 'rows read'}")
        return
    run = {"one": one, "one-files": one_files, "dask": dask, "dask-files": dask_files, "spark": spark}[mode]
    with PeakMemory() as memory:
        start = time.perf_counter()
        edges = run(path)
        seconds = time.perf_counter() - start
    edges[COLUMNS].to_parquet(out, index=False)
    results = Path(out).parent / "results.json"
    runs = json.loads(results.read_text()) if results.exists() and mode != "one" else {}
    runs[mode] = {"seconds": seconds, "peak_gb": memory.peak / 1e9, "edges": len(edges)}
    results.write_text(json.dumps(runs, indent=1))
    print(f"{mode}: {seconds:.1f} s, peak memory {memory.peak / 1e9:.2f} GB, {len(edges):,} edges")


if __name__ == "__main__":
    main()
