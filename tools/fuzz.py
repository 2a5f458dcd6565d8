#!/usr/bin/env python3
"""Runs the fuzz targets of fuzz/ (what `./x fuzz` calls).

    ./x fuzz [TARGET ...] [--seconds N] [--jobs J] [--rss-mb MB] [--build dev|release]
             [--sanitizer address|none] [--build-only]

Installs cargo-fuzz (pinned, `cargo install --locked`) when it is missing, builds every target
with the nightly toolchain (stable with RUSTC_BOOTSTRAP=1 where there is no nightly), seeds each
target's corpus from the repository's data and ../shared/data, then runs the targets, J at a
time, N seconds each under a memory limit.

The build is optimised and under AddressSanitizer by default (about 15 minutes from scratch on
2 cores, for runs of minutes to hours). Under CI (CI=true) it is a debug build without sanitizer
(`--build dev --sanitizer none`: a few minutes, with overflow checks; slower executions matter
little in short runs); each combination builds in a folder of its own under fuzz/target.

What libFuzzer finds is kept under fuzz/: the growing corpus in fuzz/corpus/TARGET, a crash in
fuzz/artifacts/TARGET. Every input under fuzz/regressions/TARGET (crashes found before, fixed
since) is run first, each time.

Prints one line per target (executions, coverage, corpus size) and exits 1 when a target
crashed, leaked, timed out or ran out of memory, naming the input that did it.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
SHARED = Path(os.environ.get("DISINFO_SHARED_DATA", ROOT.parent / "shared" / "data"))
CARGO_FUZZ_VERSION = "0.13.2"

# Where each target's first inputs come from: globs under the repository (and ../shared/data,
# when it is there). A seed is a real input of the format the target reads.
SEEDS: dict[str, list[str]] = {
    "terms_extract": ["examples/data/terms/extract/*.html", "examples/data/terms/replay/snapshots/*", "@terms/**/*.html"],
    "terms_declaration": ["examples/data/terms/replay/declarations/*.json", "@terms/declarations/*/*.json"],
    "terms_diff": ["examples/data/terms/versions/*.md", "@terms/**/*.md"],
    "terms_replay_commit": [],
    "encyclopedia_parse": ["examples/data/encyclopedia/**/*.md", "crates/disinfo-encyclopedia/data/**/*.md"],
    "ads_adapters": ["examples/data/ads/**/*.json", "examples/data/ads/**/*.csv", "examples/data/ads/**/*.jsonl"],
    "ads_review_forms": [],
    "bots_twitter_v1": ["examples/data/bots/*.jsonl", "crates/disinfo-bots/tests/data/same_account/twitter_v1.jsonl", "tests/golden/cases/bots-*/*.jsonl"],
    "bots_twitter_v2": ["crates/disinfo-bots/tests/data/same_account/twitter_v2.json"],
    "bots_snscrape": ["examples/data/bots/tweets.jsonl"],
    "bots_bluesky": ["crates/disinfo-bots/tests/data/same_account/bluesky.json"],
    "bots_mastodon": ["crates/disinfo-bots/tests/data/same_account/mastodon.json"],
    "bots_tiktok": ["crates/disinfo-bots/tests/data/same_account/tiktok.json"],
    "bots_qut_csv": ["examples/data/bots/coordination/*.csv"],
    "bots_features_csv": ["tests/golden/cases/bots-*/features.csv"],
    "bots_cluster_input": ["tests/golden/cases/bots-*/features.csv"],
    "chat_request": [],
}
MAX_SEEDS = 200
MAX_SEED_BYTES = 256 * 1024
# Smaller seeds where a run's cost grows faster than the input (a character diff of two halves).
MAX_SEED_BYTES_OF = {"terms_diff": 16 * 1024}


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, text=True, check=False, **kw)  # type: ignore[call-overload]


def cargo_fuzz() -> tuple[list[str], dict[str, str]]:
    """The command that runs cargo-fuzz (installed first if needed) and its environment."""
    env = dict(os.environ)
    nightly = run(["rustup", "run", "nightly", "rustc", "--version"], capture_output=True).returncode == 0
    if nightly:
        cmd = ["cargo", "+nightly", "fuzz"]
    else:
        cmd = ["cargo", "fuzz"]
        env["RUSTC_BOOTSTRAP"] = "1"
    version = run(["cargo", "fuzz", "--version"], capture_output=True)
    if version.returncode != 0 or CARGO_FUZZ_VERSION not in version.stdout:
        print(f"installing cargo-fuzz {CARGO_FUZZ_VERSION}", flush=True)
        # It only drives cargo: built unoptimised and without debug information, it compiles in
        # 43 core-seconds instead of 70.
        done = run(
            ["cargo", "install", "--locked", "--debug", "cargo-fuzz", "--version", CARGO_FUZZ_VERSION],
            env={**os.environ, "CARGO_PROFILE_DEV_DEBUG": "false"},
        )
        if done.returncode != 0:
            sys.exit("fuzz: could not install cargo-fuzz (cargo install failed, see above)")
    return cmd, env


def commits(bundle: Path, limit: int) -> list[bytes]:
    """`path\nmessage` of the first file and the message of up to `limit` commits of a git
    bundle (OTA's snapshots: what the replay's commit reader reads)."""
    if not bundle.is_file():
        return []
    with tempfile.TemporaryDirectory() as tmp:
        if run(["git", "clone", "-q", "--bare", str(bundle), tmp], capture_output=True).returncode != 0:
            return []
        log = run(["git", "-C", tmp, "log", f"-n{limit}", "--name-only", "--format=%x00%B%x01"], capture_output=True)
    seeds = []
    for entry in log.stdout.split("\0")[1:]:
        message, _, files = entry.partition("\1")
        path = next((f for f in files.splitlines() if f.strip()), "")
        seeds.append(f"{path}\n{message.strip()}".encode())
    return seeds


def seed(target: str) -> Path:
    """Copies the target's seeds into fuzz/seeds/TARGET (named by their hash); returns it."""
    out = FUZZ / "seeds" / target
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if target == "terms_replay_commit":
        for data in commits(SHARED / "terms/ota-demo-collection/demo-snapshots.bundle", MAX_SEEDS):
            (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
        return out
    count = 0
    for pattern in SEEDS.get(target, []):
        base, glob = (SHARED, pattern[1:]) if pattern.startswith("@") else (ROOT, pattern)
        if not base.is_dir():
            continue
        for path in sorted(base.glob(glob)):
            if count >= MAX_SEEDS:
                return out
            if not path.is_file() or path.stat().st_size > MAX_SEED_BYTES_OF.get(target, MAX_SEED_BYTES):
                continue
            data = path.read_bytes()
            (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
            count += 1
    return out


STAT = re.compile(r"^stat::(\w+):\s*(\d+)", re.M)
PULSE = re.compile(r"cov: (\d+) ft: (\d+) corp: (\d+)")
ARTIFACT = re.compile(r"Test unit written to (\S+)")


def build_flags(build: str, sanitizer: str) -> list[str]:
    """The cargo-fuzz options of a build, shared by `build` and `run`."""
    flags = ["--sanitizer", sanitizer]
    if build == "dev":
        flags.append("--dev")
    if (build, sanitizer) != ("release", "address"):
        flags += ["--target-dir", str(FUZZ / "target" / f"{build}-{sanitizer}")]
    return flags


def fuzz_one(cmd: list[str], env: dict[str, str], flags: list[str], target: str, seconds: int, rss_mb: int) -> dict[str, object]:
    corpus = FUZZ / "corpus" / target
    corpus.mkdir(parents=True, exist_ok=True)
    dirs = [str(corpus), str(seed(target))]
    regressions = FUZZ / "regressions" / target
    if regressions.is_dir():
        dirs.append(str(regressions))
    log_path = FUZZ / "logs" / f"{target}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with log_path.open("w") as log:
        done = run(
            [*cmd, "run", *flags, target, *dirs, "--",
             f"-max_total_time={seconds}", f"-rss_limit_mb={rss_mb}", f"-malloc_limit_mb={rss_mb}",
             "-timeout=20", "-print_final_stats=1", "-close_fd_mask=1"],
            cwd=FUZZ, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    text = log_path.read_text(errors="replace")
    stats = {k: int(v) for k, v in STAT.findall(text)}
    pulses = PULSE.findall(text)
    cov, ft, _ = pulses[-1] if pulses else ("?", "?", "?")
    return {
        "target": target,
        "ok": done.returncode == 0,
        "seconds": round(time.monotonic() - start),
        "execs": stats.get("number_of_executed_units", 0),
        "cov": cov,
        "ft": ft,
        "corpus": sum(1 for _ in corpus.iterdir()),
        "artifact": (ARTIFACT.findall(text) or [""])[-1],
        "log": str(log_path.relative_to(ROOT)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="./x fuzz", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    parser.add_argument("--seconds", type=int, default=60, help="seconds per target (default 60)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="targets run at once (default: the cores)")
    parser.add_argument("--rss-mb", type=int, default=2048, help="memory limit per target in MB (default 2048)")
    ci = os.environ.get("CI", "").lower() in ("true", "1")
    parser.add_argument("--build", choices=["release", "dev"], default="dev" if ci else "release",
                        help="cargo profile (default: release; dev under CI)")
    parser.add_argument("--sanitizer", choices=["address", "none"], default="none" if ci else "address",
                        help="sanitizer (default: address; none under CI)")
    parser.add_argument("--build-only", action="store_true",
                        help="build the targets and stop (CI builds them while other steps run)")
    args = parser.parse_args()
    flags = build_flags(args.build, args.sanitizer)
    cmd, env = cargo_fuzz()
    listed = run([*cmd, "list"], cwd=FUZZ, env=env, capture_output=True)
    if listed.returncode != 0:
        print(listed.stderr, file=sys.stderr)
        return 2
    known = listed.stdout.split()
    unknown = [t for t in args.targets if t not in known]
    if unknown:
        print(f"fuzz: no such target: {', '.join(unknown)} (targets: {', '.join(known)})", file=sys.stderr)
        return 2
    missing = [t for t in known if t not in SEEDS]
    if missing:
        print(f"fuzz: no seed list in tools/fuzz.py for {', '.join(missing)}", file=sys.stderr)
        return 2
    targets = args.targets or known
    print(f"building {len(known)} fuzz targets ({' '.join([*cmd, 'build', *flags])})", flush=True)
    start = time.monotonic()
    if ci:  # a build from scratch, never built again on that machine
        env["CARGO_INCREMENTAL"] = "0"
    built = run([*cmd, "build", *flags], cwd=FUZZ, env=env)
    if built.returncode != 0:
        return 2
    print(f"built in {time.monotonic() - start:.0f} s", flush=True)
    if args.build_only:
        return 0
    print(f"running {len(targets)} targets, {args.seconds} s each, {args.jobs} at a time, {args.rss_mb} MB at most", flush=True)
    failed = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(fuzz_one, cmd, env, flags, t, args.seconds, args.rss_mb) for t in targets]
        for future in concurrent.futures.as_completed(futures):
            r = future.result()
            rate = int(r["execs"]) // max(int(r["seconds"]), 1)  # type: ignore[call-overload]
            status = "ok" if r["ok"] else "FAILED"
            print(f"{status:6} {r['target']:20} {r['seconds']:>5} s {r['execs']:>11} execs ({rate}/s)  cov {r['cov']:>6}  ft {r['ft']:>6}  corpus {r['corpus']:>6}", flush=True)
            if not r["ok"]:
                failed.append(r)
    for r in failed:
        report(r, [*cmd, "run", *flags])
    return 1 if failed else 0


def report(r: dict[str, object], rerun: list[str]) -> None:
    """What a failed target left: the end of its log, and the input that failed (also in base64,
    for a machine whose files are gone after the run, such as CI's)."""
    log = (ROOT / str(r["log"])).read_text(errors="replace").splitlines()
    print(f"\n{r['target']} failed; the end of {r['log']}:", file=sys.stderr)
    print("\n".join(log[-40:]), file=sys.stderr)
    artifact = (FUZZ / str(r["artifact"])).resolve()  # libFuzzer names it from fuzz/ or absolutely
    if not r["artifact"] or not artifact.is_file():
        return
    data = artifact.read_bytes()
    print(f"  input: {artifact} ({len(data)} bytes)\n  again: cd fuzz && {' '.join(rerun)} {r['target']} {artifact}\n"
          f"  then fix it and keep the input in fuzz/regressions/{r['target']}/", file=sys.stderr)
    if len(data) <= 64 * 1024:
        print(f"  base64: {base64.b64encode(data).decode()}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
