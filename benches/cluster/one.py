"""One clustering run for `./x bench cluster`, in its own process so that its peak memory and
its time limit are its own.

    one.py ours|sklearn|hdbscan METHOD MATRIX.npy LABELS_OUT.npy PARAMS_JSON

`hdbscan` is the `hdbscan` library (McInnes, Healy & Astels), HDBSCAN's reference
implementation, with its exact dual-tree Borůvka spanning tree: the fastest exact algorithm
published for it (McInnes & Healy 2017), a second peer for HDBSCAN only.

Loads the matrix (already standardised: ours runs with `standardise=False`) and imports the
side's library before the clock starts (scikit-learn's import alone takes ~1 s, which is not
clustering), times only the clustering call, writes the labels and prints one JSON line:
seconds, clusters, noise rows and the process's peak resident memory (which includes Python,
numpy and the matrix itself).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import Callable

import numpy as np


Run = Callable[[str, np.ndarray, dict], np.ndarray]


# Each side is loaded before its clock starts: the loader imports the library and returns the
# call that is timed.


def ours() -> Run:
    from disinfo import bots

    def run(method: str, x: np.ndarray, params: dict) -> np.ndarray:
        return np.asarray(bots.cluster_features(x, method=method, params=params, standardise=False)["labels"])

    return run


def sklearn() -> Run:
    from sklearn import cluster, mixture

    def run(method: str, x: np.ndarray, params: dict) -> np.ndarray:
        # Every scikit-learn estimator gets all cores where it takes n_jobs (the neighbour
        # queries of DBSCAN and HDBSCAN); KMeans uses OpenMP and GaussianMixture BLAS threads on
        # all cores.
        if method == "dbscan":
            return cluster.DBSCAN(algorithm="kd_tree", n_jobs=-1, **params).fit(x).labels_
        if method == "hdbscan":
            return cluster.HDBSCAN(algorithm="kd_tree", n_jobs=-1, **params).fit(x).labels_
        if method == "kmeans":
            return cluster.KMeans(**params).fit(x).labels_
        if method == "gmm":
            return mixture.GaussianMixture(**params).fit_predict(x)
        raise SystemExit(f"unknown method {method}")

    return run


def mcinnes() -> Run:
    import hdbscan

    def run(method: str, x: np.ndarray, params: dict) -> np.ndarray:
        if method != "hdbscan":
            raise SystemExit(f"the hdbscan library has no {method}")
        # Its `min_samples` counts the neighbours of a row without the row itself,
        # scikit-learn's (and ours) with it: one less asks for the same core distances. The
        # exact spanning tree (`approx_min_span_tree=False`), as ours and scikit-learn's; core
        # distances on all cores.
        return hdbscan.HDBSCAN(
            min_cluster_size=params["min_cluster_size"],
            min_samples=params["min_samples"] - 1,
            algorithm="boruvka_kdtree",
            approx_min_span_tree=False,
            core_dist_n_jobs=-1,
        ).fit_predict(x)

    return run


def main() -> None:
    side, method, matrix, labels_out, params = sys.argv[1:6]
    x = np.ascontiguousarray(np.load(matrix))
    run = {"ours": ours, "sklearn": sklearn, "hdbscan": mcinnes}[side]()
    start = time.perf_counter()
    labels = run(method, x, json.loads(params))
    seconds = time.perf_counter() - start
    np.save(labels_out, labels.astype(np.int64))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "seconds": seconds,
        "rows": int(x.shape[0]),
        "cols": int(x.shape[1]),
        "n_clusters": int(len(set(labels.tolist()) - {-1})),
        "n_noise": int((labels == -1).sum()),
        "peak_mib": peak_mib,
        "matrix_mib": x.nbytes / 2**20,
        "cpus": len(os.sched_getaffinity(0)),
    }))


if __name__ == "__main__":
    main()
