"""Session fixtures shared by the test modules: a Dask cluster and a Spark session, each started
once per run, the first time a test asks for it (a run that asks for neither starts neither, nor
imports dask or pyspark), and the engine tests' synthetic posts, made once for the coordination
and the features tests of both engines and handed to each engine once (the engines do not
change their input).

Functions shipped to the engines' workers should be defined inside the test function (or come
from an installed package such as disinfo): a Spark Python worker does not have python/tests on
its path, so a module-level function of a test module, pickled by reference, would not load
there; a local function is pickled by value."""

from __future__ import annotations

import os
import shutil
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from distributed import Client
    from pyspark.sql import DataFrame, SparkSession


@pytest.fixture(scope="session")
def dask_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    """A distributed ``Client`` on a local cluster of 2 worker processes with 1 thread each, no
    dashboard, its scratch space under pytest's temporary directory. While it is open it is the
    default scheduler, so ``.compute()`` runs on it."""
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
        local_directory=str(tmp_path_factory.mktemp("dask")),
    )
    client = Client(cluster)
    client.wait_for_workers(2, timeout=60)
    print(f"\n[dask] LocalCluster of 2 processes started in {time.perf_counter() - start:.1f} s")
    try:
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    """A local ``SparkSession`` (2 cores, Arrow on, no UI, 8 shuffle partitions) bound to
    127.0.0.1, whose Python workers run this interpreter. Spark needs Java >= 17 (``./x test``
    installs it); without Java the fixture fails rather than skips."""
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))) and not shutil.which("java"):
        pytest.fail("Spark needs Java >= 17: run ./x test (it installs openjdk-17-jre-headless) or set JAVA_HOME")

    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as env:
        # The Python workers must be this interpreter (the .venv's, with pyarrow), not `python3`
        # on PATH; SPARK_LOCAL_IP keeps Spark from resolving the host name; SPARK_LOCAL_DIRS
        # (rather than spark.local.dir, which draws a warning) puts its scratch under pytest's basetemp.
        env.setenv("PYSPARK_PYTHON", sys.executable)
        env.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
        env.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        env.setenv("SPARK_LOCAL_DIRS", str(tmp_path_factory.mktemp("spark")))
        start = time.perf_counter()
        session = (
            SparkSession.builder.master("local[2]")
            .appName("disinfo-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.driver.memory", "2g")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        print(f"\n[spark] SparkSession {session.version} (local[2]) started in {time.perf_counter() - start:.1f} s")
        try:
            yield session
        finally:
            session.stop()


@pytest.fixture(scope="session")
def engine_posts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """The synthetic posts of the engine tests (``scale_posts.posts(ENGINE_POSTS)``, a pandas
    DataFrame) and the QUT CSV file the single-process references read."""
    from scale_posts import ENGINE_POSTS, posts

    frame = posts(ENGINE_POSTS)
    path = tmp_path_factory.mktemp("scale") / "posts.csv"
    frame.to_csv(path, index=False)
    return frame, path


@pytest.fixture(scope="session")
def dask_engine_posts(dask_client: Client, engine_posts: tuple[Any, Path]) -> Callable[[int], Any]:
    """The synthetic posts as a Dask DataFrame of ``parts`` partitions, persisted in the workers
    the first time a test asks for that partitioning."""
    import dask.dataframe as dd

    frame, _ = engine_posts
    persisted: dict[int, Any] = {}

    def partitioned(parts: int) -> Any:
        if parts not in persisted:
            with warnings.catch_warnings():
                # The posts are in the graph that persists them (22 MB for 200,000): sent once.
                warnings.filterwarnings("ignore", "Sending large graph", UserWarning)
                persisted[parts] = dd.from_pandas(frame, npartitions=parts, sort=False).persist()
        return persisted[parts]

    return partitioned


@pytest.fixture(scope="session")
def spark_engine_posts(spark: SparkSession, engine_posts: tuple[Any, Path]) -> DataFrame:
    """The synthetic posts as a Spark DataFrame, cached, in the order of their CSV file."""
    frame, _ = engine_posts
    posts = spark.createDataFrame(frame).cache()
    # createDataFrame keeps the pandas order: the reference file is that frame.
    assert posts.select("message_id").toArrow()["message_id"].to_pylist() == frame["message_id"].tolist()
    return posts
