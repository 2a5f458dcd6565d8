"""The review's agreement measures against their reference implementations: Krippendorff's alpha
against the `krippendorff` package (nominal, ordinal, interval, ratio) on 200 random answer
matrices with missing values, Fleiss' kappa against statsmodels, to 1e-9."""

from __future__ import annotations

import math
from typing import Any

import krippendorff
import numpy as np
import pytest
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from disinfo import ads
from disinfo.errors import AdsValueError

LEVELS = ["nominal", "ordinal", "interval", "ratio"]


def random_matrices(count: int, seed: int) -> list[np.ndarray]:
    """Reviewers × items matrices of small integer answers, with 0 to 60 % missing."""
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < count:
        reviewers = int(rng.integers(2, 8))
        items = int(rng.integers(2, 60))
        values = int(rng.integers(2, 7))
        matrix = rng.integers(1, values + 1, size=(reviewers, items)).astype(float)
        # Agreement planted on some items so that values range from below 0 to near 1.
        truth = rng.integers(1, values + 1, size=items)
        agree = rng.random((reviewers, items)) < rng.random()
        matrix[agree] = np.broadcast_to(truth, matrix.shape)[agree]
        matrix[rng.random((reviewers, items)) < rng.random() * 0.6] = np.nan
        out.append(matrix)
    return out


def answers_of(matrix: np.ndarray) -> list[dict[str, Any]]:
    return [
        {"item": f"ad{u}", "reviewer": f"r{r}", "answer": float(v)}
        for r, row in enumerate(matrix)
        for u, v in enumerate(row)
        if not math.isnan(v)
    ]


def reference_alpha(matrix: np.ndarray, level: str) -> float | None:
    """The package's alpha, or None where it is undefined (it raises or returns NaN)."""
    try:
        with np.errstate(divide="ignore", invalid="ignore"):
            value = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement=level))
    except ValueError:
        return None
    return None if math.isnan(value) else value


@pytest.mark.parametrize("level", LEVELS)
def test_alpha_equals_the_krippendorff_package(level: str) -> None:
    matrices = random_matrices(200, seed=2011)
    compared = 0
    for k, matrix in enumerate(matrices):
        expected = reference_alpha(matrix, level)
        got = ads.review_agreement(answers_of(matrix), level=level)
        if expected is None:
            assert got["value"] is None, (k, got)
            assert got["undefined"], (k, got)
            continue
        assert got["value"] is not None, (k, got)
        assert abs(got["value"] - expected) <= 1e-9, (k, level, got["value"], expected)
        compared += 1
    # The generator keeps almost every matrix measurable: the comparison is not vacuous.
    assert compared >= 190, compared


def test_alpha_of_words_in_order_equals_the_package_with_a_value_domain() -> None:
    words = ["very low", "low", "mid", "high", "very high"]
    for k, matrix in enumerate(random_matrices(50, seed=7)):
        texts = np.full(matrix.shape, "nan", dtype=object)
        mask = ~np.isnan(matrix)
        texts[mask] = [words[min(int(v), 5) - 1] for v in matrix[mask]]
        answers = [
            {"item": f"ad{u}", "reviewer": f"r{r}", "answer": texts[r, u]}
            for r in range(matrix.shape[0])
            for u in range(matrix.shape[1])
            if mask[r, u]
        ]
        expected = reference_alpha(np.where(mask, np.minimum(matrix, 5), np.nan), "ordinal")
        got = ads.review_agreement(answers, level="ordinal", order=words)
        if expected is None:
            assert got["value"] is None
        else:
            assert abs(got["value"] - expected) <= 1e-9, k


def test_fleiss_kappa_equals_statsmodels() -> None:
    rng = np.random.default_rng(1971)
    for k in range(200):
        raters = int(rng.integers(2, 9))
        items = int(rng.integers(2, 80))
        categories = int(rng.integers(2, 6))
        ratings = rng.integers(0, categories, size=(items, raters))
        truth = rng.integers(0, categories, size=items)
        agree = rng.random((items, raters)) < rng.random()
        ratings[agree] = np.broadcast_to(truth[:, None], ratings.shape)[agree]
        table, _ = aggregate_raters(ratings)
        with np.errstate(divide="ignore", invalid="ignore"):
            expected = float(fleiss_kappa(table, method="fleiss"))
        answers = [
            {"item": f"ad{i}", "reviewer": f"r{r}", "answer": f"c{ratings[i, r]}"}
            for i in range(items)
            for r in range(raters)
        ]
        got = ads.review_agreement(answers, metric="fleiss-kappa")
        if math.isnan(expected):
            assert got["value"] is None, k
        else:
            assert abs(got["value"] - expected) <= 1e-9, (k, got["value"], expected)
        assert (got["items"], got["reviewers"]) == (items, raters)


def test_bad_answers_are_typed_errors() -> None:
    with pytest.raises(AdsValueError, match=r"answers\[1\]"):
        ads.review_agreement(
            [{"item": "a", "reviewer": "r", "answer": 1}, {"item": "a", "reviewer": "r", "answer": 2}]
        )
    with pytest.raises(AdsValueError, match="level"):
        ads.review_agreement([], level="cardinal")
    with pytest.raises(AdsValueError, match="not a finite number"):
        ads.review_agreement([{"item": "a", "reviewer": "r", "answer": "many"}], level="interval")
    with pytest.raises(AdsValueError):
        ads.review_agreement([{"item": "a", "reviewer": "r", "answer": {"nested": [1]}}])
    deep: Any = "x"
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(AdsValueError):
        ads.review_agreement([{"item": "a", "reviewer": "r", "answer": deep}])
    assert ads.review_agreement([])["value"] is None
