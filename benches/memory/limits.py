"""Memory ceilings for one child process: a cgroup (v1 or v2) memory limit, else `prlimit --as`.

A mechanism's `cage(limit)` is a context manager that yields a `Cage`: the argv prefix that puts
the command inside the limit, and `usage()` to read what the kernel saw once the command is done.
The cgroup is created for one run and removed after it, so its counters are that run's.

Swap is limited too where the kernel lets us (`memory.memsw.limit_in_bytes`, `memory.swap.max`):
otherwise a command over its ceiling could be swapped out instead of failing.
"""

from __future__ import annotations

import itertools
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

# Joins the cgroup whose `cgroup.procs` is $0, then becomes the command; what the command starts
# (GNU time starts disinfo) is born in the cgroup.
JOIN = 'echo $$ > "$0" || exit 122; exec "$@"'
_runs = itertools.count(1)


@dataclass(frozen=True)
class Usage:
    """What the kernel counted during a run under a ceiling (None: not available)."""

    max_bytes: int | None
    oom_kills: int | None


@dataclass(frozen=True)
class Cage:
    """How to run one command under a ceiling, and what it used there."""

    prefix: list[str]
    usage: Callable[[], Usage]


class Mechanism(Protocol):
    """A way to put a ceiling on a process's memory."""

    name: str
    note: str
    # What the limit counts, and so what the ceiling is a multiple of: "rss" (the peak resident
    # set) or "address space" (the peak virtual size, VmPeak).
    measures: str

    def cage(self, limit: int) -> AbstractContextManager[Cage]:
        """Limits the command run with the cage's prefix to `limit` bytes."""
        ...


def _write(path: Path, value: str | int) -> None:
    path.write_text(f"{value}\n")


def _read_int(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _read_keys(path: Path) -> dict[str, int]:
    """`key value` lines (memory.oom_control, memory.events) as a dict."""
    try:
        pairs = (line.split() for line in path.read_text().splitlines())
        return {p[0]: int(p[1]) for p in pairs if len(p) == 2 and p[1].isdigit()}
    except OSError:
        return {}


def _remove_cgroup(path: Path) -> None:
    """Removes an empty cgroup; the kernel may take a moment to see its last task gone."""
    for _ in range(50):
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.1)
    print(f"warning: could not remove the cgroup {path}; remove it with rmdir")


@contextmanager
def _cgroup(root: Path, set_limit: Callable[[Path], None], usage: Callable[[Path], Usage]) -> Iterator[Cage]:
    """A cgroup of its own under `root` for one run (either version): made, limited by
    `set_limit`, joined by the command through the cage's prefix, read by `usage`, removed."""
    group = root / f"disinfo-ceiling-{os.getpid()}-{next(_runs)}"
    group.mkdir()
    try:
        set_limit(group)
        yield Cage(["sh", "-c", JOIN, str(group / "cgroup.procs")], lambda: usage(group))
    finally:
        _remove_cgroup(group)


class CgroupV1:
    """The v1 memory controller: memory.limit_in_bytes (+ memsw), max_usage_in_bytes, oom_control."""

    name = "cgroup v1"
    measures = "rss"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.swap = (root / "memory.memsw.limit_in_bytes").exists()
        swap = " and memory.memsw.limit_in_bytes (no swap)" if self.swap else " (swap not limited)"
        self.note = (
            f"cgroup v1 memory controller at {root}: memory.limit_in_bytes{swap}; "
            "resident memory and the page cache the command fills count against it"
        )

    def cage(self, limit: int) -> AbstractContextManager[Cage]:
        def set_limit(group: Path) -> None:
            _write(group / "memory.limit_in_bytes", limit)
            if self.swap:
                _write(group / "memory.memsw.limit_in_bytes", limit)

        return _cgroup(self.root, set_limit, self._usage)

    @staticmethod
    def _usage(group: Path) -> Usage:
        # memory.failcnt is not read: with memsw set to the same limit it stays 0 on this
        # kernel even when the limit is reached (max_usage_in_bytes says that).
        return Usage(
            max_bytes=_read_int(group / "memory.max_usage_in_bytes"),
            oom_kills=_read_keys(group / "memory.oom_control").get("oom_kill"),
        )


class CgroupV2:
    """The v2 memory controller: memory.max (+ memory.swap.max 0), memory.peak, memory.events."""

    name = "cgroup v2"
    measures = "rss"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.note = (
            f"cgroup v2 at {root}: memory.max and memory.swap.max 0; "
            "resident memory and the page cache the command fills count against it"
        )

    def cage(self, limit: int) -> AbstractContextManager[Cage]:
        def set_limit(group: Path) -> None:
            _write(group / "memory.max", limit)
            if (group / "memory.swap.max").exists():
                _write(group / "memory.swap.max", 0)

        return _cgroup(self.root, set_limit, self._usage)

    @staticmethod
    def _usage(group: Path) -> Usage:
        return Usage(
            max_bytes=_read_int(group / "memory.peak"),
            oom_kills=_read_keys(group / "memory.events").get("oom_kill"),
        )


class Prlimit:
    """`prlimit --as`: a limit on address space, not on resident memory."""

    name = "prlimit --as"
    measures = "address space"
    note = (
        "prlimit --as (no writable cgroup memory controller): a looser, different measure: the "
        "limit is on virtual address space (thread stacks, allocator arenas, mapped files count "
        "whole), so the ceiling is a multiple of the peak address space (VmPeak, sampled while the "
        "command runs), not of the resident peak; a refused allocation aborts the command"
    )

    @contextmanager
    def cage(self, limit: int) -> Iterator[Cage]:
        yield Cage(["prlimit", f"--as={limit}", "--"], lambda: Usage(None, None))


def _probe(root: Path, limit_file: str) -> bool:
    """True when a child cgroup can be made under `root` and given a memory limit."""
    group = root / f"disinfo-ceiling-probe-{os.getpid()}"
    try:
        group.mkdir()
    except OSError:
        return False
    try:
        _write(group / limit_file, 1 << 30)
        return True
    except OSError:
        return False
    finally:
        _remove_cgroup(group)


def _v2_root() -> Path | None:
    """The cgroup v2 hierarchy whose children can get the memory controller, if any."""
    for root in (Path("/sys/fs/cgroup"), Path("/sys/fs/cgroup/unified")):
        controllers = root / "cgroup.controllers"
        if not controllers.exists() or "memory" not in controllers.read_text().split():
            continue
        subtree = root / "cgroup.subtree_control"
        if "memory" not in subtree.read_text().split():
            try:
                _write(subtree, "+memory")
            except OSError:
                continue
        return root
    return None


def detect(forced: str | None = None) -> Mechanism:
    """The first usable mechanism (cgroup v1, cgroup v2, prlimit), or the one `forced` names."""
    v1 = Path("/sys/fs/cgroup/memory")
    candidates: dict[str, Callable[[], Mechanism | None]] = {
        "cgroup-v1": lambda: CgroupV1(v1) if _probe(v1, "memory.limit_in_bytes") else None,
        "cgroup-v2": lambda: CgroupV2(r) if (r := _v2_root()) and _probe(r, "memory.max") else None,
        "prlimit": lambda: Prlimit() if shutil.which("prlimit") else None,
    }
    if forced:
        if forced not in candidates:
            raise SystemExit(f"CEILING_MECHANISM={forced}: use one of {', '.join(candidates)}")
        found = candidates[forced]()
        if found is None:
            raise SystemExit(f"CEILING_MECHANISM={forced} is not usable on this machine")
        return found
    for make in candidates.values():
        found = make()
        if found is not None:
            return found
    raise SystemExit("no way to limit memory: no writable cgroup memory controller and no prlimit")
