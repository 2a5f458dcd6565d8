"""`./x bench memory` (issue 23, "Memory ceilings"): each data-heavy CLI command on the largest
input of its benchmark, under a memory ceiling of twice its measured peak.

For each command (inputs.COMMANDS): make its input at the full size and at a quarter; run it once
without a limit (peak RSS from GNU time); run it again under a limit of 2 x that peak
(limits.detect: cgroup v1, cgroup v2, else prlimit --as) and check that it ends with the same exit
code and the same output (SHA-256 of stdout and of what it writes); run it on the quarter to see
how the peak grows with the input. Prints the table, the growth and what each command streams.

Usage: ceilings.py CLI COORDINATE_BENCH (run by benches/memory/run). Exit 1 when a command failed
under its ceiling, gave a different output there, or failed or could not be prepared at all.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import inputs
import limits
from inputs import Command, Input, PrepareError, Setup, mib, remove, tail

# The peak RSS comes from GNU time (%M), not from wait4 here: a child forked by this Python
# process starts with Python's pages, and exec keeps that high-water mark in ru_maxrss (~20 MiB
# on every command); time's child is forked from time, a process of ~1 MiB.
TIME = "/usr/bin/time"
# Exit codes of a run that worked: 0, or 1 for findings (violations, differences, failures
# reported in the result), as the CLI documents.
WORKED = (0, 1)
# What limits.JOIN exits with when the command could not be put in the cgroup.
NOT_JOINED = 122
# The ceiling as a multiple of the measured peak: the 2 (CEILING_FACTOR overrides it, e.g.
# 0.5 to see a failure reported).
FACTOR = float(os.environ.get("CEILING_FACTOR", "2"))
if FACTOR <= 0:
    raise SystemExit(f"CEILING_FACTOR={FACTOR:g}: give a positive number")


@dataclass(frozen=True)
class Run:
    """One run of a command: exit code (negative: killed by that signal), wall seconds, peak
    resident memory in bytes, peak address space in bytes (when sampled, else 0), size and digest
    of its output, the end of its stderr."""

    code: int
    wall: float
    peak: int
    vm_peak: int
    out_bytes: int
    digest: str
    stderr: str


@dataclass
class Measured:
    """What was found for one command."""

    command: Command
    full: Input | None = None
    quarter: Input | None = None
    base: Run | None = None
    capped: Run | None = None
    small: Run | None = None
    usage: limits.Usage | None = None
    limit: int = 0
    outcome: str = "not run"
    failed: bool = True


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return f"machine: {os.cpu_count()} cores, {model}, {ram:.0f} GiB RAM; load {load}"


def digest(stdout: Path, inp: Input) -> str:
    h = hashlib.sha256()
    with stdout.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    h.update(inp.fingerprint().encode())
    return h.hexdigest()


def vm_peak_of(pid: int) -> int:
    """The high-water mark of the address space (VmPeak) of the command GNU time `pid` runs; 0
    when it is not running."""
    try:
        child = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()[0]
        line = next(x for x in Path(f"/proc/{child}/status").read_text().splitlines() if x.startswith("VmPeak:"))
        return int(line.split()[1]) * 1024
    except (OSError, StopIteration, ValueError, IndexError):
        return 0


def wait(pid: int, sample_vm: bool) -> tuple[int, int]:
    """Waits for `pid`: its wait status and, with `sample_vm`, the VmPeak of its command as last
    read while it ran (a process's address space is gone by the time it can be reaped)."""
    if not sample_vm:
        return os.waitpid(pid, 0)[1], 0
    vm_peak, pause = 0, 0.0005
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, vm_peak
        vm_peak = max(vm_peak, vm_peak_of(pid))
        time.sleep(pause)
        pause = min(2 * pause, 0.05)


def timed(report: Path, code: int, wall: float) -> tuple[int, float, int]:
    """Exit code, wall seconds and peak RSS in bytes from GNU time's report (`%e %M`, after a
    "Command terminated by signal N" line when the command was killed); what the caller saw of
    `time` itself (its exit code, the wall clock around it, no peak) where the report is missing."""
    lines = report.read_text().splitlines() if report.exists() else []
    for line in lines:
        if line.startswith("Command terminated by signal "):
            code = -int(line.split()[-1])
    try:
        seconds, kib = lines[-1].split()
        return code, float(seconds), int(kib) * 1024
    except (IndexError, ValueError):
        return code, wall, 0


def run(setup: Setup, inp: Input, label: str, prefix: list[str] | None = None, sample_vm: bool = False) -> Run:
    """Runs `inp` (under `prefix` when given) with stdout to a file, through GNU time."""
    for path in inp.outputs:
        remove(path)
    out_dir = setup.work / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    stdout, stderr, report = (out_dir / f"{label}.{kind}" for kind in ("stdout", "stderr", "time"))
    remove(report)
    argv = [*(prefix or []), TIME, "-f", "%e %M", "-o", str(report), "--", *inp.argv]
    start = time.monotonic()
    with stdout.open("wb") as out, stderr.open("wb") as err:
        proc = subprocess.Popen(argv, cwd=setup.root, stdout=out, stderr=err)
        status, vm_peak = wait(proc.pid, sample_vm)
        proc.returncode = os.waitstatus_to_exitcode(status)
    code, wall, peak = timed(report, proc.returncode, time.monotonic() - start)
    return Run(
        code=code,
        wall=wall,
        peak=peak,
        vm_peak=vm_peak,
        out_bytes=stdout.stat().st_size,
        digest=digest(stdout, inp) if code in WORKED else "",
        stderr=tail(stderr.read_text(errors="replace")),
    )


def verdict(base: Run, capped: Run, usage: limits.Usage, mechanism: limits.Mechanism) -> tuple[str, bool]:
    """The outcome of the run under the ceiling, and whether it failed."""
    if capped.code == base.code and capped.digest == base.digest:
        return "ok", False
    if usage.oom_kills or capped.code == -signal.SIGKILL:
        return "FAILED: OOM-killed, over the ceiling", True
    if isinstance(mechanism, limits.Prlimit) and (
        capped.code == -signal.SIGABRT or "memory allocation" in capped.stderr
    ):
        return "FAILED: allocation refused under the address-space limit", True
    if capped.code == NOT_JOINED:
        return "FAILED: could not join the cgroup", True
    if capped.code != base.code:
        return f"FAILED: exit {capped.code} (without the limit: {base.code})", True
    return "FAILED: different output", True


def prepare(setup: Setup, m: Measured) -> None:
    """Makes both inputs, timing what had to be generated."""
    start = time.monotonic()
    m.full = m.command.prepare(setup, 1)
    m.quarter = m.command.prepare(setup, 4)
    took = time.monotonic() - start
    print(f"   input: {m.full.size}; 1/4: {m.quarter.size} (prepared in {took:.1f} s)", flush=True)


def measure(setup: Setup, mechanism: limits.Mechanism, command: Command) -> Measured:
    """Prepares the command's inputs, then runs it without a limit, under the ceiling, on 1/4."""
    m = Measured(command)
    print(f"== {command.name}", flush=True)
    try:
        prepare(setup, m)
    except (PrepareError, OSError, ValueError) as e:
        m.outcome = f"ERROR: input not prepared: {e}"
        print(f"   {m.outcome}", flush=True)
        return m
    slug = command.name.replace(" ", "-")
    if baseline(setup, mechanism, m, slug):
        capped(setup, mechanism, m, slug)
        quarter(setup, m, slug)
    return m


def baseline(setup: Setup, mechanism: limits.Mechanism, m: Measured, slug: str) -> bool:
    """The run without a limit, and the ceiling from its peak; False when it did not work."""
    assert m.full is not None
    by_address_space = mechanism.measures == "address space"
    m.base = run(setup, m.full, f"{slug}-full", sample_vm=by_address_space)
    if m.base.code not in WORKED or m.base.out_bytes == 0:
        m.outcome = f"ERROR: exit {m.base.code} without a limit" + ("" if m.base.out_bytes else ", no output")
        print(f"   {m.outcome}: {' '.join(m.full.argv)}", flush=True)
        if m.base.stderr:
            print(m.base.stderr, flush=True)
        return False
    peak = m.base.vm_peak if by_address_space else m.base.peak
    m.limit = -(-int(FACTOR * peak) // 4096) * 4096
    vm = f", address space {mib(m.base.vm_peak)}" if by_address_space else ""
    print(
        f"   full: {m.base.wall:.2f} s, peak {mib(m.base.peak)}{vm}, exit {m.base.code}; again under {mib(m.limit)}",
        flush=True,
    )
    return True


def capped(setup: Setup, mechanism: limits.Mechanism, m: Measured, slug: str) -> None:
    """The run under the ceiling, judged against the run without a limit."""
    assert m.full is not None and m.base is not None
    with mechanism.cage(m.limit) as cage:
        m.capped = run(setup, m.full, f"{slug}-capped", cage.prefix)
        m.usage = cage.usage()
    m.outcome, m.failed = verdict(m.base, m.capped, m.usage, mechanism)
    print(f"   under the ceiling: {m.outcome} ({m.capped.wall:.2f} s, peak {mib(m.capped.peak)})", flush=True)
    if m.failed and m.capped.stderr:
        print(m.capped.stderr, flush=True)


def quarter(setup: Setup, m: Measured, slug: str) -> None:
    """The run on the quarter input, for the growth of the peak."""
    assert m.quarter is not None
    m.small = run(setup, m.quarter, f"{slug}-quarter")
    if m.small.code not in WORKED or m.small.out_bytes == 0:
        m.outcome, m.failed = f"ERROR: exit {m.small.code} on the 1/4 input", True
        print(f"   {m.outcome}: {' '.join(m.quarter.argv)}", flush=True)
        if m.small.stderr:
            print(m.small.stderr, flush=True)
    else:
        print(f"   1/4: {m.small.wall:.2f} s, peak {mib(m.small.peak)}", flush=True)


def short(n: int | None) -> str:
    if n is None:
        return "-"
    return f"{n / 2**20:,.0f} MiB" if n < 10 * 2**30 else f"{n / 2**30:,.1f} GiB"


def print_ceilings(results: list[Measured], mechanism: limits.Mechanism) -> None:
    head = (
        f"{'command':<22} {'input':<48} {'wall':>8} {'peak RSS':>10} {'limit':>10} {'wall cap':>9} "
        f"{'RSS cap':>9} {'cg max':>9} {'at limit':>8}  {'mechanism':<12} outcome"
    )
    measure = "address space (VmPeak)" if mechanism.measures == "address space" else "RSS"
    print(f"\n== ceilings: each command again under {FACTOR:g} x its peak {measure} ({mechanism.name})")
    print(head)
    print("-" * len(head))
    for m in results:
        full = m.full.size if m.full else "-"
        row = f"{m.command.name:<22} {full:<48}"
        if m.base and m.capped and m.usage:
            top = m.usage.max_bytes
            reached = "-" if top is None else ("yes" if top >= m.limit - (64 << 10) else "no")
            row += (
                f" {m.base.wall:>7.2f}s {short(m.base.peak):>10} {short(m.limit):>10} {m.capped.wall:>8.2f}s"
                f" {short(m.capped.peak):>9} {short(m.usage.max_bytes):>9} {reached:>8}  {mechanism.name:<12}"
            )
        else:
            row += f" {'':>8} {'':>10} {'':>10} {'':>9} {'':>9} {'':>9} {'':>8}  {'':<12}"
        print(f"{row} {m.outcome}")
    print(f"mechanism: {mechanism.note}")
    print(
        "columns: wall and peak RSS without a limit; wall cap, RSS cap: the run under the limit; "
        "cg max: the cgroup's highest charge (page cache included; the binary's pages are charged to "
        "whoever read them first, so it can be below the RSS); at limit: the charge reached the limit "
        "(the kernel then reclaimed page cache)"
    )


def print_growth(results: list[Measured]) -> None:
    head = (
        f"{'command':<22} {'1/4 input':<48} {'peak':>10}   {'full input':<48} {'peak':>10} "
        f"{'input x':>8} {'peak x':>7}  reading"
    )
    print("\n== growth: peak RSS at a quarter of the input and at the full input")
    print(head)
    print("-" * len(head))
    for m in results:
        if not (m.full and m.quarter and m.base and m.small):
            continue
        ratio = m.full.amount / max(m.quarter.amount, 1)
        print(
            f"{m.command.name:<22} {m.quarter.size:<48} {short(m.small.peak):>10}   {m.full.size:<48} "
            f"{short(m.base.peak):>10} {ratio:>7.1f}x {m.base.peak / m.small.peak:>6.2f}x  {m.command.reading}"
        )


def print_reduced(results: list[Measured]) -> None:
    """For commands run below their benchmark's size: the peak there, projected linearly from
    the two sizes measured, against this machine's RAM."""
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    lines = []
    for m in results:
        if not (m.command.bench and m.full and m.quarter and m.base and m.small):
            continue
        amount, what = m.command.bench
        if m.full.amount >= 0.9 * amount:  # the generators' sizes come within a few % of a bench's
            continue
        slope = (m.base.peak - m.small.peak) / max(m.full.amount - m.quarter.amount, 1)
        projected = int(m.base.peak + slope * (amount - m.full.amount))
        lines.append(
            f"{m.command.name:<22} ran on {m.full.size}; {what}: projected peak {short(projected)}, "
            f"ceiling {short(int(FACTOR * projected))}, with {short(ram)} of RAM on this machine"
        )
    if lines:
        print("\n== reduced sizes (smaller than the benchmark's largest input; set the size to run it)")
        print("\n".join(lines))


def print_reading(results: list[Measured]) -> None:
    print("\n== streamed or read whole (from crates/disinfo-cli/src and the core readers it calls)")
    for m in results:
        print(f"{m.command.name:<22} {m.command.reading:<10} {m.command.why}")


def setup_from(argv: list[str]) -> Setup:
    if len(argv) != 3:
        raise SystemExit(__doc__)
    root = Path(__file__).resolve().parents[2]
    shared = Path(os.environ.get("DISINFO_SHARED_DATA", root.parent / "shared/data"))
    return Setup(
        root=root,
        work=root / ".cache/bench/memory",
        cli=Path(argv[1]).resolve(),
        posts_tool=Path(argv[2]).resolve(),
        python=sys.executable,
        shared=shared,
        sizes=inputs.Sizes.from_env(),
    )


def selected(only: str) -> list[Command]:
    if not only:
        return inputs.COMMANDS
    names = [n.strip() for n in only.split(",") if n.strip()]
    known = {c.name for c in inputs.COMMANDS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"ONLY: unknown command(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return [c for c in inputs.COMMANDS if c.name in names]


def main() -> int:
    setup = setup_from(sys.argv)
    if not os.access(TIME, os.X_OK):
        raise SystemExit(f"{TIME} is needed to measure peak memory (Debian: apt-get install time)")
    commands = selected(os.environ.get("ONLY", ""))
    mechanism = limits.detect(os.environ.get("CEILING_MECHANISM") or None)
    started = time.monotonic()
    print(machine())
    print(f"ceiling mechanism: {mechanism.note}")
    sizes = ", ".join(f"{k.upper()}={v:,}" for k, v in vars(setup.sizes).items())
    print(f"sizes: {sizes} (set any of them in the environment); inputs in {setup.work}")
    results = [measure(setup, mechanism, c) for c in commands]
    print_ceilings(results, mechanism)
    print_growth(results)
    print_reduced(results)
    print_reading(results)
    failed = [m.command.name for m in results if m.failed]
    minutes, seconds = divmod(int(time.monotonic() - started), 60)
    print(f"\nbench took {minutes} min {seconds} s")
    if failed:
        print(f"FAILED: {', '.join(failed)}")
        return 1
    print(f"all {len(results)} command(s) ran under {FACTOR:g} x their peak with the same output")
    return 0


if __name__ == "__main__":
    sys.exit(main())
