"""Text columns backed by Arrow (``string[pyarrow]``, what Dask reads text as) cross to Rust from
their buffers; the values must be those of the same column as Python strings: nulls as empty
text, non-ASCII text, slices (an offset into the buffers), several chunks, 64-bit offsets, and
buffers that are not aligned (as after a transfer between processes). A buffer that lies is an
``invalid_argument`` error naming the column, never a crash."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

from disinfo import bots
from disinfo.errors import BotsValueError

ROWS = {
    "message_id": ["1", "2", "3", "4", "5", "6"],
    "user_id": ["anna", "ben", "cléo", "dan", "ève", "anna"],
    "username": ["Anna", None, "Cléo 🌍", "", "Ève", "Anna"],
    "repost_id": ["", "1", "1", "1", None, "1"],
    "reply_id": ["", "", "", "", "", ""],
    "message": ["#a x", "RT", "RT", "RT", "مرحبا #b", "RT"],
    "timestamp": ["1600000000", "1600000010", "1600000020", "1600000030", "1600000040", "1600000050"],
    "urls": ["", "", "", "", "https://é.fr/x", ""],
}


def traces(frame: pd.DataFrame, kind: str = "co-repost") -> Any:
    return bots.coordinate_traces(frame, kind=kind, window=60)


def as_objects(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), "")


def unaligned(array: pa.Array) -> pa.Array:
    """The same strings with their offsets one byte off 8-byte alignment."""
    validity, offsets, data = array.buffers()
    shifted = pa.py_buffer(b"\0" + offsets.to_pybytes())
    return pa.Array.from_buffers(array.type, len(array), [validity, shifted.slice(1), data], offset=array.offset)


@pytest.mark.parametrize("kind", ["co-repost", "co-text", "co-link"])
def test_arrow_columns_read_as_their_python_strings(kind: str) -> None:
    plain = pd.DataFrame(ROWS)
    want = traces(as_objects(plain), kind)
    assert want["key"], "the fixture has trace keys"
    arrow = plain.astype("string[pyarrow]")
    assert traces(arrow, kind) == want
    large = pd.DataFrame({c: pd.array(v, dtype=pd.ArrowDtype(pa.large_string())) for c, v in ROWS.items()})
    assert traces(large, kind) == want
    # Several chunks, and a slice whose buffers start before its first row.
    chunked = pd.concat([arrow.iloc[:2], arrow.iloc[2:]])
    assert traces(chunked, kind) == want
    wider = pd.concat([arrow.iloc[:1], arrow]).iloc[1:]
    assert traces(wider, kind) == want


def test_unaligned_offsets_and_nulls() -> None:
    plain = pd.DataFrame(ROWS)
    want = traces(as_objects(plain))
    columns = {}
    for c, values in ROWS.items():
        array = pa.array(values, pa.string()).slice(0)
        columns[c] = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([unaligned(array)])))
    assert traces(pd.DataFrame(columns)) == want
    nulls = pd.DataFrame({c: pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([pa.nulls(6, pa.string())]))) for c in ["message", "urls"]})
    with_nulls = plain.astype("string[pyarrow]").assign(**{c: nulls[c] for c in nulls})
    assert traces(with_nulls) == traces(as_objects(plain).assign(message="", urls=""))


class _Chunk:
    """An Arrow string array as the binding reads it, with buffers pyarrow would refuse."""

    def __init__(self, n: int, offsets: bytes, data: bytes) -> None:
        self.n, self.offset, self.type = n, 0, "string"
        self._buffers = [None, pa.py_buffer(offsets), pa.py_buffer(data)]

    def __len__(self) -> int:
        return self.n

    def buffers(self) -> list[Any]:
        return self._buffers


class _FakeArrowArray:
    def __init__(self, chunk: _Chunk) -> None:
        self.chunk = chunk

    def __arrow_array__(self) -> Any:
        return type("Chunked", (), {"type": "string", "chunks": [self.chunk]})()


class _Series:
    def __init__(self, array: Any) -> None:
        self.array, self.dtype = array, type("Dtype", (), {"kind": "O"})()


class _Frame:
    """A frame whose `message_id` column is backed by lying Arrow buffers."""

    def __init__(self, chunk: _Chunk) -> None:
        plain = pd.DataFrame({c: v[:2] for c, v in ROWS.items()}).astype("string[pyarrow]")
        self.columns = list(plain.columns)
        self.dtypes, self.iloc = plain.dtypes, plain.iloc
        self._columns = {c: plain[c] for c in plain.columns}
        self._columns["message_id"] = _Series(_FakeArrowArray(chunk))  # type: ignore[assignment]

    def __getitem__(self, name: str) -> Any:
        return self._columns[name]


@pytest.mark.parametrize(
    "offsets, data",
    [
        (pa.array([0, 1, 999], pa.int32()).buffers()[1].to_pybytes(), b"12"),  # past the data
        (pa.array([0, 2, 1], pa.int32()).buffers()[1].to_pybytes(), b"12"),  # going back
        (pa.array([0, -5, 2], pa.int32()).buffers()[1].to_pybytes(), b"12"),  # negative
        (pa.array([0, 1], pa.int32()).buffers()[1].to_pybytes(), b"12"),  # too few offsets
        (pa.array([0, 1, 2], pa.int32()).buffers()[1].to_pybytes(), b"1\xff"),  # not UTF-8
        (b"\0\0", b""),  # a buffer too short for one offset
    ],
)
def test_lying_buffers_are_an_error_not_a_crash(offsets: bytes, data: bytes) -> None:
    with pytest.raises(BotsValueError, match="message_id"):
        traces(_Frame(_Chunk(2, offsets, data)))  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["co-repost", "co-similar-text"])
def test_step_results_cross_back_as_arrays_with_the_values_of_the_lists(kind: str) -> None:
    """The engines take steps 1 and 2's columns as numpy arrays and Arrow buffers: the frames
    hold the values of the lists every other caller gets (non-ASCII and empty text, a repeated
    id with its hash, the text column filled with empty text when the kind has none)."""
    from disinfo import _partitioned as p

    rows = p.clean_posts(pd.DataFrame({**ROWS, "message_id": ["1", "2", "3", "3", "5", "6"]}, dtype="string[pyarrow]"))
    options = {"kind": kind, "window": 60, "bucket_secs": 60}
    listed = bots.coordinate_traces(rows, **options)
    columnar = p._columns("bots.coordinate_traces", [rows], options)
    assert isinstance(columnar["key"], tuple) and columnar["bucket"].dtype == "int64"
    trace_rows, ids, users, read = p.trace_frames(columnar)
    for column in p.TRACE_DTYPES:
        expected = listed[column] or [""] * len(listed["key"])  # type: ignore[literal-required]
        assert trace_rows[column].tolist() == expected, column
    assert trace_rows["key"].dtype == p.TEXT_DTYPE and trace_rows["text"].dtype == p.TEXT_DTYPE
    assert ids["id"].tolist() == listed["ids"] and ids["order"].tolist() == listed["orders"]
    assert ids["hash"].tolist() == listed["id_hashes"] and ids["hash"][2] == ids["hash"][3]
    assert users["user"].tolist() == listed["users"] and users["handle"].tolist() == listed["handles"]
    assert read == {"rows": 6, "rejected": []}

    weights = p.partition_edges(trace_rows, {**options, "min_edge_weight": 1})
    step2 = bots.coordinate_partition(trace_rows[[c for c in trace_rows.columns if c != "first"]], kind=kind, window=60)
    assert weights["source"].tolist() == step2["source"] and weights["target"].tolist() == step2["target"]
    assert weights["weight"].tolist() == step2["weight"] and weights["post"].tolist() == step2["post"]
    if kind == "co-repost":  # the reposts of "1" within a minute: edges to compare
        assert len(weights) > 0
