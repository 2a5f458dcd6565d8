"""`bots.cluster_features` on bad input (issue 19, acceptance 5): NaN and infinite values,
constant columns, a single account, duplicate rows, no columns. Each gives a coded error or the
result its documentation describes, never a crash."""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
import pandas as pd
import pytest

from disinfo import bots
from disinfo.errors import BotsValueError


def invalid(call: Callable[[], Any], *words: str) -> BotsValueError:
    """The `invalid_argument` error `call` raises; its message holds every word."""
    with pytest.raises(BotsValueError) as info:
        call()
    assert info.value.code == "invalid_argument", info.value
    assert isinstance(info.value, ValueError)
    for word in words:
        assert word in str(info.value), str(info.value)
    return info.value


def frame(**columns: list[Any]) -> pd.DataFrame:
    return pd.DataFrame({"account_id": ["a", "b", "c", "d"][: len(next(iter(columns.values())))], **columns})


def test_nan_column_of_a_dataframe_is_left_out_and_named() -> None:
    df = frame(followers=[1.0, 2.0, 30.0, 40.0], posts=[1.0, math.nan, 3.0, 4.0])
    r = bots.cluster_features(df, method="kmeans", params={"n_clusters": 2})
    assert r["columns"] == ["followers"]
    assert r["dropped_columns"] == ["posts"]
    assert any("`posts` left out" in n and "account b" in n for n in r["notes"]), r["notes"]


def test_nan_with_drop_incomplete_false_names_column_row_and_account() -> None:
    df = frame(followers=[1.0, 2.0, 30.0, 40.0], posts=[1.0, math.nan, 3.0, 4.0])
    invalid(lambda: bots.cluster_features(df, drop_incomplete=False), "`posts`", "row 1", "account b")


def test_only_nan_columns_is_an_error_saying_nothing_is_left() -> None:
    df = frame(posts=[math.nan, 1.0, 2.0, 3.0])
    invalid(lambda: bots.cluster_features(df), "nothing to cluster", "`posts`")


@pytest.mark.parametrize("value", [math.inf, -math.inf], ids=repr)
def test_infinite_value_names_column_row_and_account(value: float) -> None:
    df = frame(followers=[1.0, 2.0, 30.0, 40.0], posts=[1.0, 2.0, value, 4.0])
    invalid(lambda: bots.cluster_features(df), "`posts`", "row 2", "account c", "infinite")
    matrix = np.array([[1.0, 2.0], [3.0, value]])
    invalid(lambda: bots.cluster_features(matrix), "`x1`", "row 1", "(account 1)", "infinite")


def test_constant_column_is_kept_and_noted() -> None:
    df = frame(followers=[1.0, 2.0, 300.0, 400.0], verified=[0.0, 0.0, 0.0, 0.0])
    r = bots.cluster_features(df, method="kmeans", params={"n_clusters": 2})
    assert r["columns"] == ["followers", "verified"]
    assert any("`verified` is constant" in n for n in r["notes"]), r["notes"]
    assert r["labels"][0] == r["labels"][1] != r["labels"][2] == r["labels"][3]


def test_every_column_constant_gives_one_cluster_or_noise() -> None:
    df = frame(followers=[5.0, 5.0, 5.0, 5.0])
    r = bots.cluster_features(df, method="dbscan", params={"min_samples": 2})
    assert list(r["labels"]) == [0, 0, 0, 0]
    r = bots.cluster_features(df, method="kmeans", params={"n_clusters": 1})
    assert list(r["labels"]) == [0, 0, 0, 0]


def test_single_account_is_noise_for_dbscan_and_an_error_where_more_clusters_than_rows() -> None:
    one = [[3.0, 4.0]]
    r = bots.cluster_features(one)
    assert list(r["labels"]) == [-1] and r["n_clusters"] == 0 and r["n_noise"] == 1
    r = bots.cluster_features(one, method="dbscan", params={"min_samples": 1})
    assert list(r["labels"]) == [0]
    invalid(lambda: bots.cluster_features(one, method="kmeans"), "n_clusters", "1 rows")
    r = bots.cluster_features(one, method="kmeans", params={"n_clusters": 1})
    assert list(r["labels"]) == [0]
    invalid(lambda: bots.cluster_features(one, method="hdbscan"), "HDBSCAN needs at least 2 rows")


def test_duplicate_rows_share_a_label() -> None:
    rows = [[1.0, 2.0]] * 5 + [[100.0, 200.0]] * 5
    for method, params in [
        ("dbscan", {"min_samples": 3}),
        ("kmeans", {"n_clusters": 2}),
        ("hdbscan", {"min_cluster_size": 3}),
        ("gmm", {"n_components": 2}),
    ]:
        labels = list(bots.cluster_features(rows, method=method, params=params)["labels"])
        assert len(set(labels[:5])) == 1 and len(set(labels[5:])) == 1, (method, labels)
        assert labels[0] != labels[5], (method, labels)


def test_no_columns_is_an_error() -> None:
    invalid(lambda: bots.cluster_features(np.zeros((3, 0))), "no")
    invalid(lambda: bots.cluster_features(pd.DataFrame({"account_id": ["a", "b"]})), "nothing to cluster")
    invalid(lambda: bots.cluster_features(pd.DataFrame({"account_id": ["a", "b"], "lang": ["fr", "de"]})), "nothing to cluster")


def test_no_rows_is_an_error() -> None:
    invalid(lambda: bots.cluster_features(np.zeros((0, 2))), "no rows")


def test_nan_or_none_in_a_matrix_is_missing() -> None:
    for matrix in ([[1.0, math.nan], [2.0, 3.0]], [[1.0, None], [2.0, 3.0]], np.array([[1.0, math.nan], [2.0, 3.0]])):
        r = bots.cluster_features(matrix)
        assert r["dropped_columns"] == ["x1"] and r["columns"] == ["x0"], matrix


def test_complex_numbers_are_an_error_not_their_real_part() -> None:
    """numpy would keep the real part and say so only with a ComplexWarning."""
    invalid(lambda: bots.cluster_features(np.array([[1 + 2j, 0], [3, 4j]])), "complex numbers are not accepted")
    invalid(lambda: bots.cluster_features([[1 + 2j, 0.0], [3.0, 4.0]]), "complex numbers are not accepted")
    invalid(lambda: bots.cluster_features(np.array([[1, 0], [3, 4]], dtype=np.complex64)), "complex numbers are not accepted")


def test_single_account_with_gmm_is_one_cluster() -> None:
    assert list(bots.cluster_features([[3.0, 4.0]], method="gmm")["labels"]) == [0]


def test_a_matrix_in_any_memory_layout_is_clustered_as_its_rows() -> None:
    """A C-ordered array is taken as one block; Fortran-ordered, strided and transposed views
    are read value by value: the same rows, the same result (the DataFrame of the same values
    too)."""
    rng = np.random.default_rng(3)
    rows = np.vstack([rng.normal(0, 1, (30, 3)), rng.normal(8, 1, (30, 3))])
    options: dict[str, Any] = {"method": "kmeans", "params": {"n_clusters": 2, "random_state": 1}, "log1p": False}
    want = bots.cluster_features(np.ascontiguousarray(rows), **options)
    wide = np.zeros((60, 6))
    wide[:, ::2] = rows
    for layout in (np.asfortranarray(rows), wide[:, ::2], np.ascontiguousarray(rows.T).T):
        got = bots.cluster_features(layout, **options)
        assert np.array_equal(got.labels, want.labels)
        assert got["kmeans"] == want["kmeans"]
    named = bots.cluster_features(pd.DataFrame(rows, columns=["x0", "x1", "x2"]), **options)
    assert np.array_equal(named.labels, want.labels)
    # A plain matrix's accounts are its row numbers, as the DataFrame without an id column has
    # them, a list of str like any other result's ids.
    assert want.account_ids == named.account_ids == [str(i) for i in range(60)]
    assert type(want["account_ids"]) is list and all(type(i) is str for i in want["account_ids"])


def test_a_large_matrix_is_read_where_numpy_keeps_it_or_copied_from_features() -> None:
    """A float64 C-ordered array is lent to the core for the call (read-only arrays too) and
    left as it was; other layouts are made C-ordered by numpy first; a `Features` object's
    matrix is copied in blocks spread over the cores (past one block of 2**17 values, with a
    partial last one). The same rows, the same result."""
    rng = np.random.default_rng(4)
    rows = np.vstack([rng.normal(0, 1, (25_001, 3)), rng.normal(6, 1, (25_000, 3))])
    before = rows.copy()
    options: dict[str, Any] = {"method": "kmeans", "params": {"n_clusters": 2, "random_state": 1}, "log1p": False}
    want = bots.cluster_features(np.asfortranarray(rows), **options)
    read_only = rows.copy()
    read_only.setflags(write=False)
    features = bots.Features(rows, np.zeros(rows.shape, dtype=bool), ["x0", "x1", "x2"],
                             [str(i) for i in range(len(rows))], [""] * len(rows), {})
    for table in (rows, read_only, features):
        got = bots.cluster_features(table, **options)
        assert np.array_equal(got.labels, want.labels) and got["kmeans"] == want["kmeans"]
        assert got["summaries"] == want["summaries"] and len(got.labels) == 50_001
    assert np.array_equal(rows, before)
