"""Times disinfo's agreement measures against krippendorff and statsmodels on the same answers.

Two peer columns: the peer on its own input (a matrix or table built beforehand), and the peer
from the same answer rows ours reads (pandas builds the matrix or table, then the peer runs):
what a user holding answers as rows, from a CSV or the review's export, runs."""

from __future__ import annotations

import sys
import time
from importlib.metadata import version
from typing import Any, Callable

import krippendorff
import numpy as np
import pandas as pd
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from disinfo import ads


def best_of(runs: int, f: Callable[[], Any]) -> tuple[float, Any]:
    best, value = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        value = f()
        best = min(best, time.perf_counter() - start)
    return best, value


def main() -> None:
    items, reviewers = int(sys.argv[1]), int(sys.argv[2])
    rng = np.random.default_rng(2011)
    truth = rng.integers(1, 6, size=items)
    matrix = np.where(rng.random((reviewers, items)) < 0.7, truth, rng.integers(1, 6, size=(reviewers, items))).astype(float)
    matrix[rng.random((reviewers, items)) < 0.2] = np.nan
    answers = [
        {"item": f"ad{u}", "reviewer": f"r{r}", "answer": float(v)}
        for r in range(reviewers)
        for u, v in enumerate(matrix[r])
        if not np.isnan(v)
    ]
    print(f"peers: krippendorff {version('krippendorff')}, statsmodels {version('statsmodels')}")
    print(f"{items:,} items x {reviewers} reviewers, {len(answers):,} answers (20 % missing); best of 3")
    print(f"{'measure':<20} {'ours (s)':>9} {'peer (s)':>9} {'ratio':>7} {'peer from rows (s)':>19} {'ratio':>7}  equal")

    def from_rows(level: str) -> float:
        pivot = pd.DataFrame(answers).pivot(index="reviewer", columns="item", values="answer")
        return float(krippendorff.alpha(reliability_data=pivot.to_numpy(dtype=float), level_of_measurement=level))

    for level in ("nominal", "ordinal", "interval"):
        ours, got = best_of(3, lambda: ads.review_agreement(answers, level=level))
        theirs, expected = best_of(3, lambda: krippendorff.alpha(reliability_data=matrix, level_of_measurement=level))
        rows_time, from_rows_value = best_of(3, lambda: from_rows(level))
        equal = abs(got["value"] - float(expected)) <= 1e-9 and abs(from_rows_value - float(expected)) <= 1e-9
        print(f"{'alpha ' + level:<20} {ours:>9.3f} {theirs:>9.3f} {theirs / ours:>6.2f}x {rows_time:>19.3f} {rows_time / ours:>6.2f}x  {equal} ({got['value']:.6f})")
    full = np.where(rng.random((items, reviewers)) < 0.7, truth[:, None], rng.integers(1, 6, size=(items, reviewers)))
    rows = [{"item": f"ad{i}", "reviewer": f"r{r}", "answer": f"c{full[i, r]}"} for i in range(items) for r in range(reviewers)]
    ours, got = best_of(3, lambda: ads.review_agreement(rows, metric="fleiss-kappa"))
    theirs, expected = best_of(3, lambda: fleiss_kappa(aggregate_raters(full)[0], method="fleiss"))

    def kappa_from_rows() -> float:
        table = pd.DataFrame(rows).pivot(index="item", columns="reviewer", values="answer")
        return float(fleiss_kappa(aggregate_raters(table.to_numpy())[0], method="fleiss"))

    rows_time, from_rows_value = best_of(3, kappa_from_rows)
    equal = abs(got["value"] - float(expected)) <= 1e-9 and abs(from_rows_value - float(expected)) <= 1e-9
    print(f"{'kappa':<20} {ours:>9.3f} {theirs:>9.3f} {theirs / ours:>6.2f}x {rows_time:>19.3f} {rows_time / ours:>6.2f}x  {equal} ({got['value']:.6f})")


if __name__ == "__main__":
    main()
