"""Records scikit-learn's DBSCAN and HDBSCAN labels on the 200,000-account benchmark matrix, for
the parity test `python/tests/test_cluster_parity_200k.py` (run by `./x corpus`).

scikit-learn's HDBSCAN takes ~18 minutes on this matrix on 2 cores (Prim's algorithm over all
pairs), too long for every CI run, so its labels are recorded once with the matrix's SHA-256; the
test regenerates the matrix with the seeded generator, checks the hash and compares our labels.
Run again (about 20 minutes) after changing the generator, the parameters or scikit-learn:

    .venv/bin/python benches/cluster/sklearn_labels.py target/bench-cluster/matrix_200000.npy \
        python/tests/data/cluster_200k_sklearn.npz
"""

from __future__ import annotations

import hashlib
import json
import sys
import time

import numpy as np
import sklearn
from sklearn import cluster

from bench import PARAMS  # the parameters ./x bench cluster times, recorded with the labels

RECORDED = ("dbscan", "hdbscan")


def main() -> None:
    matrix_path, out = sys.argv[1:3]
    digest = hashlib.sha256(open(matrix_path, "rb").read()).hexdigest()
    x = np.load(matrix_path)
    started = time.perf_counter()
    dbscan = cluster.DBSCAN(algorithm="kd_tree", n_jobs=-1, **PARAMS["dbscan"]).fit(x)
    print(f"DBSCAN: {time.perf_counter() - started:.1f} s", flush=True)
    core = np.zeros(len(x), dtype=bool)
    core[dbscan.core_sample_indices_] = True
    started = time.perf_counter()
    hdbscan = cluster.HDBSCAN(algorithm="kd_tree", n_jobs=-1, **PARAMS["hdbscan"]).fit(x)
    print(f"HDBSCAN: {time.perf_counter() - started:.1f} s", flush=True)
    np.savez_compressed(
        out,
        matrix_sha256=np.array(digest),
        sklearn_version=np.array(sklearn.__version__),
        params=np.array(json.dumps({m: PARAMS[m] for m in RECORDED})),
        dbscan_labels=dbscan.labels_.astype(np.int32),
        dbscan_core=core,
        hdbscan_labels=hdbscan.labels_.astype(np.int32),
    )


if __name__ == "__main__":
    main()
