"""The Dask and Spark engines start in the test environment and run Python code in their own
worker processes (the fixtures are in conftest.py). Needs neither disinfo nor its extension."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import pyarrow as pa
    from distributed import Client
    from pyspark.sql import SparkSession


def test_dask_map_partitions_sum(dask_client: Client) -> None:
    import dask.dataframe as dd

    frame = pd.DataFrame({"x": np.arange(1000, dtype=np.int64)})
    ddf = dd.from_pandas(frame, npartitions=10)
    assert ddf.npartitions == 10

    def double(part: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({"y": part["x"] * 2, "pid": np.int64(os.getpid())}, index=part.index)

    mapped = ddf.map_partitions(double, meta={"y": "int64", "pid": "int64"})
    total, pids = dask_client.compute([mapped["y"].sum(), mapped["pid"].unique()], sync=True)

    assert total == 2 * sum(range(1000))
    worker_pids = set(dask_client.run(os.getpid).values())
    assert len(worker_pids) == 2
    assert set(pids) <= worker_pids and os.getpid() not in set(pids)


def test_spark_map_in_arrow(spark: SparkSession) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    df = spark.range(0, 1000, numPartitions=4)

    def double(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            pid = pa.array(np.full(batch.num_rows, os.getpid(), dtype=np.int64))
            yield pa.RecordBatch.from_arrays([pc.multiply(batch.column("id"), 2), pid], names=["y", "pid"])

    rows = df.mapInArrow(double, "y long, pid long").collect()

    assert sorted(row.y for row in rows) == list(range(0, 2000, 2))
    assert os.getpid() not in {row.pid for row in rows}
