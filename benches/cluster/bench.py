"""Driver of `./x bench cluster` (see `run`): ours and scikit-learn on the same matrices, one
process per method and side (`one.py`), scikit-learn stopped at the time limit; then the
largest smaller size scikit-learn finishes, with ours on it too; agreement of the labels.

    bench.py WORK BIG FALLBACK_SIZES LIMIT_S PEER_MEM_GB METHODS OURS_LIMIT_S

HDBSCAN also runs against the `hdbscan` library (its exact dual-tree Borůvka, see `one.py`) at
the sizes in HDBSCAN_LIB_SIZES (default "50000 100000"; it grows faster than quadratically here:
~130 s at 50,000 rows, ~590 s at 100,000), with the same limits as scikit-learn.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

HERE = Path(__file__).resolve().parent

# The same parameters on both sides (the names coincide). KMeans: n_init left at "auto", the
# default of both (one k-means++ start); GMM: scikit-learn's K-Means initialisation on both.
PARAMS = {
    "dbscan": {"eps": 0.5, "min_samples": 10},
    "hdbscan": {"min_cluster_size": 100, "min_samples": 10},
    "kmeans": {"n_clusters": 8, "random_state": 42},
    "gmm": {"n_components": 8, "random_state": 42},
}


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def run_one(side: str, method: str, matrix: Path, labels: Path, limit: float | None, mem_gb: float | None) -> dict:
    """One run in a fresh process; `{"status": "timeout" | "failed", ...}` when it did not finish."""

    def cap() -> None:
        os.setsid()
        if mem_gb:
            limit_bytes = int(mem_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    cmd = [sys.executable, str(HERE / "one.py"), side, method, str(matrix), str(labels), json.dumps(PARAMS[method])]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=cap)
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"status": "timeout", "wall": time.perf_counter() - started}
    if proc.returncode != 0:
        last = (err.strip().splitlines() or ["?"])[-1]
        return {"status": "failed", "reason": last[:200], "wall": time.perf_counter() - started}
    result = json.loads(out.strip().splitlines()[-1])
    result["status"] = "ok"
    return result


def agreement(a: np.ndarray, b: np.ndarray) -> str:
    """ARI, and whether the partitions are equal up to a renumbering (a bijection of labels,
    noise included as a label) and equal outright."""
    pairs = np.unique(np.stack([a, b]), axis=1).shape[1]
    bijection = pairs == len(np.unique(a)) == len(np.unique(b))
    same = bool(np.array_equal(a, b))
    ari = adjusted_rand_score(a, b)
    return f"ARI {ari:.6f}, same partition up to renumbering: {'yes' if bijection else 'no'}, identical labels: {'yes' if same else 'no'}"


def fmt(r: dict) -> str:
    if r["status"] == "ok":
        return f"{r['seconds']:8.2f} s, peak {r['peak_mib']:7.0f} MiB, {r['n_clusters']} clusters, {r['n_noise']} noise"
    if r["status"] == "timeout":
        return f"did not finish within the limit (stopped after {r['wall']:.0f} s)"
    return f"failed after {r['wall']:.0f} s: {r['reason']}"


LIBRARY_SIZES = {int(v) for v in os.environ.get("HDBSCAN_LIB_SIZES", "50000 100000").split()}
library_lines: list[str] = []


def compare_library(n: int, matrix: Path, work: Path, ours: dict, ours_labels: Path, limit: float, mem_gb: float) -> None:
    """HDBSCAN by the `hdbscan` library on the same matrix, against ours."""
    labels = work / f"hdbscan_{n}_library.npy"
    lib = run_one("hdbscan", "hdbscan", matrix, labels, limit, mem_gb)
    print(f"   hdbscan library (dual-tree Boruvka) {fmt(lib)}", flush=True)
    line = f"hdbscan  {n:>9,} rows: hdbscan library {fmt(lib).strip()}"
    if lib["status"] == "ok" and ours["status"] == "ok":
        ratio = lib["seconds"] / ours["seconds"]
        same = agreement(np.load(ours_labels), np.load(labels))
        print(f"   ratio to the library {ratio:.1f}x; {same}", flush=True)
        line += f"; ours {ours['seconds']:.2f} s, ratio {ratio:.1f}x; {same}"
    library_lines.append(line)


def compare(method: str, n: int, matrix: Path, work: Path, limit: float, mem_gb: float, ours_limit: float) -> tuple[dict, dict]:
    ours_labels, peer_labels = work / f"{method}_{n}_ours.npy", work / f"{method}_{n}_sklearn.npy"
    print(f"-- {method} on {n:,} rows (load {load()})", flush=True)
    ours = run_one("ours", method, matrix, ours_labels, ours_limit, None)
    print(f"   ours    {fmt(ours)}", flush=True)
    peer = run_one("sklearn", method, matrix, peer_labels, limit, mem_gb)
    print(f"   sklearn {fmt(peer)}", flush=True)
    if ours["status"] == "ok" and peer["status"] == "ok":
        ratio = peer["seconds"] / ours["seconds"]
        print(f"   ratio {ratio:.1f}x; {agreement(np.load(ours_labels), np.load(peer_labels))}", flush=True)
    if method == "hdbscan" and n in LIBRARY_SIZES:
        compare_library(n, matrix, work, ours, ours_labels, limit, mem_gb)
    return ours, peer


def main() -> None:
    work, big, fallback, limit, mem_gb, methods, ours_limit = sys.argv[1:8]
    work = Path(work)
    big = int(big)
    fallback = sorted(int(s) for s in fallback.split())
    limit, mem_gb, ours_limit = float(limit), float(mem_gb), float(ours_limit)
    matrix = lambda n: work / f"matrix_{n}.npy"  # noqa: E731
    print(f"parameters: {json.dumps(PARAMS)}")
    print(f"scikit-learn limit {limit:.0f} s and {mem_gb:.0f} GiB of address space per run; ours limit {ours_limit:.0f} s")
    summary = []
    for method in methods.split():
        ours, peer = compare(method, big, matrix(big), work, limit, mem_gb, ours_limit)
        if ours["status"] == "ok":
            line = f"{method:8s} {big:>9,} rows: ours {ours['seconds']:7.2f} s ({ours['peak_mib']:5.0f} MiB)"
        else:
            line = f"{method:8s} {big:>9,} rows: ours {ours['status']} ({ours['wall']:.0f} s)"
        ratios = []
        if peer["status"] == "ok" and ours["status"] == "ok":
            ratios.append(peer["seconds"] / ours["seconds"])
            line += f", sklearn {peer['seconds']:7.2f} s ({peer['peak_mib']:5.0f} MiB), ratio {ratios[-1]:.1f}x"
        elif peer["status"] == "ok":
            line += f", sklearn {peer['seconds']:7.2f} s ({peer['peak_mib']:5.0f} MiB)"
        if peer["status"] != "ok" or ours["status"] != "ok":
            line += f", sklearn {peer['status']}" if peer["status"] != "ok" else ""
            # Ascending sizes; the next one only when scikit-learn's time at this one, scaled
            # quadratically (its HDBSCAN is quadratic; the others grow slower, so this only
            # errs towards skipping), fits within 85 % of the limit.
            best = None
            prev = None
            for n in fallback:
                if prev is not None and prev[1] * (n / prev[0]) ** 2 > 0.85 * limit:
                    line += f"; {n:,} rows not tried (predicted over the limit from {prev[0]:,} rows)"
                    break
                o, p = compare(method, n, matrix(n), work, limit, mem_gb, ours_limit)
                if p["status"] != "ok" or o["status"] != "ok":
                    line += f"; at {n:,} rows sklearn {p['status']}, ours {o['status']}"
                    break
                best = (n, o, p)
                prev = (n, p["seconds"])
            if best:
                n, o, p = best
                ratios.append(p["seconds"] / o["seconds"])
                line += (f"; largest size scikit-learn finished, {n:,} rows: ours {o['seconds']:.2f} s ({o['peak_mib']:.0f} MiB), "
                         f"sklearn {p['seconds']:.2f} s ({p['peak_mib']:.0f} MiB), ratio {ratios[-1]:.1f}x")
        target = ours.get("status") == "ok" and ours["seconds"] < 30
        line += f"  [under 30 s: {'yes' if target else 'NO'}; >= 5x scikit-learn: {'yes' if ratios and ratios[0] >= 5 else 'NO'}]"
        summary.append(line)
    print("== summary ==")
    for line in summary + library_lines:
        print(line)


if __name__ == "__main__":
    main()
