"""Runs ours (the release CLI, median of 5 runs, wall time including process start, reading,
classification and JSON output) and the difflib peer (diff time only) on each pair; prints a table.
Peak memory of one run of each under /usr/bin/time -v."""

from __future__ import annotations

import json
import pathlib
import statistics
import subprocess
import sys
import time

bin_, pairs_dir = sys.argv[1], pathlib.Path(sys.argv[2])
peer = pathlib.Path(__file__).with_name("peer_difflib.py")


def peak_mib(cmd: list[str]) -> float:
    log = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True).stderr
    kib = next(int(l.split()[-1]) for l in log.splitlines() if "Maximum resident set size" in l)
    return kib / 1024


print(f"{'pair':<6} {'KB':>5} | {'ours s':>7} {'MiB':>5} {'changes':>7} | {'difflib words s':>15} {'MiB':>5} {'ratio':>7} | {'difflib lines+words s':>21} {'ratio':>7}")
for old in sorted(pairs_dir.glob("pair*-old.md")):
    new = old.with_name(old.name.replace("-old", "-new"))
    ours_cmd = [bin_, "terms", "diff", str(old), str(new), "--format", "json", "--granularity", "word"]
    times = []
    for _ in range(5):
        t = time.perf_counter()
        out = subprocess.run(ours_cmd, capture_output=True)
        times.append(time.perf_counter() - t)
    ours = statistics.median(times)
    changes = len(json.loads(out.stdout)["changes"])
    peers = {}
    for mode in ("words", "lines-then-words"):
        res = subprocess.run([sys.executable, str(peer), mode, str(old), str(new)], capture_output=True, text=True, check=True)
        peers[mode] = float(res.stdout.split()[1])
    mem_ours = peak_mib(ours_cmd)
    mem_peer = peak_mib([sys.executable, str(peer), "words", str(old), str(new)])
    print(
        f"{old.name[:5]:<6} {old.stat().st_size // 1000:>5} | {ours:>7.3f} {mem_ours:>5.1f} {changes:>7} | "
        f"{peers['words']:>15.3f} {mem_peer:>5.1f} {peers['words'] / ours:>6.1f}x | "
        f"{peers['lines-then-words']:>21.3f} {peers['lines-then-words'] / ours:>6.1f}x"
    )
print("ratio = difflib diff time / our whole-process time (higher is better for us)")
