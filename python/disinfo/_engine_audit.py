"""What the Dask and Spark front ends share for an ads audit split by ad key: each shard runs
``ads.audit_shard`` on a worker, the driver merges them with ``ads.audit_merge`` (the work and
the proof that the report is the single-process one are in Rust:
``crates/disinfo-ads/src/audit/partitioned.rs``).

Every shard reads every file of the collections (workers must see the same folders: a shared
file system, or the same paths on every machine) and keeps the ads whose native id hashes to it;
memory and the checks are split, reading is not.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from disinfo import ads, errors
from disinfo._engine_features import pack_error, unpack_error
from disinfo.ads import AuditReport


def absolute(collections: Sequence[Any]) -> list[Any]:
    """The collections with their folders made absolute (a worker may run in another folder);
    anything else is passed on for ``audit_shard`` to judge."""

    def one(c: Any) -> Any:
        if isinstance(c, (str, os.PathLike)):
            return os.path.abspath(os.fspath(c))
        if isinstance(c, Mapping) and isinstance(c.get("dir"), (str, os.PathLike)):
            return {**c, "dir": os.path.abspath(os.fspath(c["dir"]))}
        return c

    if isinstance(collections, (str, bytes, os.PathLike)) or not isinstance(collections, Sequence):
        raise errors.AdsValueError(
            "invalid argument `collections`: give a list of collection folders, oldest first",
            "invalid_argument",
            "ads",
        )
    return [one(c) for c in collections]


def shard_count(shards: Any, default: int) -> int:
    """``shards`` checked (a positive integer), or ``default``."""
    if shards is None:
        return max(1, int(default))
    if isinstance(shards, bool) or not isinstance(shards, int) or shards < 1:
        raise errors.AdsValueError(
            f"invalid argument `shards`: {shards!r}: give a positive integer",
            "invalid_argument",
            "ads",
        )
    return int(shards)


def run_shard(collections: list[Any], shard: int, shards: int, options: Mapping[str, Any]) -> dict[str, Any]:
    """One shard on a worker: its result, or its error as data."""
    try:
        return {"shard": ads.audit_shard(collections, shard, shards, **cast(Any, options))}
    except errors.DisinfoError as err:
        return {"error": pack_error(err), "index": shard}


def gather(parts: Iterable[Mapping[str, Any]]) -> AuditReport:
    """The report from every shard; the error of the first shard that failed (every shard reads
    every file, so a bad file or option fails them all alike)."""
    parts = list(parts)
    failed = sorted((p for p in parts if "error" in p), key=lambda p: int(p["index"]))
    if failed:
        raise unpack_error(failed[0]["error"])
    return ads.audit_merge([cast(Any, p["shard"]) for p in parts])
