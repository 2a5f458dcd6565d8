"""What the Dask and Spark versions of ``bots.features`` and ``terms.extract_batch`` share: the
pandas and Python steps each partition runs, and the assembly in the driver. The work itself is
in Rust (``bots.features_from_text``, ``terms.extract_batch``); nothing here computes a feature
or extracts a document.

Why the results are exactly those of one process
================================================

``features`` (QUT CSV posts). The single-process reference is ``bots.features_from_text`` (or
``bots.features`` on a file) on the frame written with pandas ``to_csv(index=False)``, keeping
only the columns the reader knows (:data:`QUT_COLUMNS`, in the frame's order). Every feature of
a QUT CSV account depends on that account's rows only:

- the reader makes one account per user, from the user's first accepted row (handle, and
  ``observed_at``: the option, or else that row's time); the QUT CSV has no profile counts and
  no creation date, so ``age_h`` and the rates are missing (NaN) whatever ``observed_at`` is;
- behaviour features are computed over the account's own posts (deduplicated by post id within
  the account, ordered by time then id);
- ``top_repost_source_share`` would need the author of the reposted post, which the QUT CSV does
  not carry (the reader never sets it): it is NaN in both, and no value is ever looked up in
  another account's rows.

So no dataset-wide value has to be computed first. Rows are shuffled so that all rows of one
account (keyed by ``user_id`` trimmed as the Rust reader trims it, :func:`account_key`) land in
one partition; each partition is sorted back into input order (``_order``, the row's global
position), written as CSV and read in Rust in lenient mode. The matrix rows come back in the
single-process order -- accounts in order of their first accepted row -- by sorting on the
``_order`` of that row. Values and mask are the Rust ones, copied, never recomputed.

What differs between a partition and the whole file is only the position of a record: its line
and record numbers. A rejected row's global record number is its position in the frame plus 1;
its line is ``2 + position + (newlines inside the quoted fields of the rows before it)``, which
is how the CSV reader counts lines. These are computed in a second pass over the input only when
some row was rejected. In strict mode (the default) the single-process read stops at the first
bad record; here every partition is read leniently, and the driver re-raises the error of the
first rejected row in input order by reading that row again, alone, at its line (after a filler
record of the right height): the error is the one Rust makes, same class, code and message.

``extract_batch``. Jobs are independent: each result depends on its job only, except two
things that name a job's position: the default ``id`` (the 1-based job number) and the message of
a job that cannot be decoded (``jobs[12].select: ...``). The first is set from the job's global
position after the run; the second is re-raised in the driver by decoding the failing job again
at its global position (behind placeholder jobs that decode and never run). A job that is decoded
but fails (no match, unreadable file) is a result, as in one process.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

import numpy as np

from disinfo import bots, errors, terms
from disinfo._partitioned import optional
from disinfo._extra.bots import Features

__all__ = [
    "QUT_COLUMNS",
    "RUST_WHITESPACE",
    "post_columns",
    "column_named",
    "check_features",
    "account_key",
    "partition_features",
    "chunk_stats",
    "gather_features",
    "run_jobs",
    "gather_jobs",
    "job_of_row",
    "pack_error",
    "unpack_error",
]

#: The columns of the QUT coordination-network-toolkit's CSV that the reader uses.
QUT_COLUMNS = ("message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls")

#: The characters Rust's ``str::trim`` removes (Unicode ``White_Space``). Python's ``str.strip()``
#: without arguments also removes U+001C..U+001F, so it is not used for ids.
RUST_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)

#: What the CSV reader trims from header names (``u8::is_ascii_whitespace``).
_HEADER_WHITESPACE = " \t\n\x0c\r"

#: The read counts of a features result, as ``Features.read`` holds them.
ReadCounts = dict[str, Any]

#: A placeholder extraction job: it decodes, and is never run (see :func:`gather_jobs`).
_PLACEHOLDER_JOB = {"location": "", "select": "x", "content": ""}

_JOB_INDEX = re.compile(r"`jobs\[(\d+)\]")



# --- features: the driver's checks ----------------------------------------------------------


def post_columns(columns: Iterable[Any]) -> list[str]:
    """The frame's columns that the QUT reader uses (names compared as the reader compares them,
    ASCII whitespace trimmed), in the frame's order. The others are never written."""
    return [c for c in columns if isinstance(c, str) and c.strip(_HEADER_WHITESPACE) in QUT_COLUMNS]


def column_named(columns: Sequence[str], name: str) -> str | None:
    """The column the reader takes for ``name``: the first whose trimmed name is ``name``."""
    for c in columns:
        if c.strip(_HEADER_WHITESPACE) == name:
            return c
    return None


def _header(columns: Sequence[str]) -> str:
    pd = optional("pandas")
    return cast(str, pd.DataFrame(columns=list(columns)).to_csv(index=False))


def check_features(columns: Sequence[str], options: Mapping[str, Any]) -> list[str]:
    """Runs ``bots.features_from_text`` on the header alone, in the driver: a missing column, an
    unknown option or a bad value raises here the very error of the single-process call (its
    class, code and message), before any engine work. Returns the matrix's column names."""
    empty = bots.features_from_text(_header(columns), "qut-csv", **cast(Any, options))
    return list(empty.columns)



# --- features: one partition ------------------------------------------------------------------


def account_key(values: Any) -> Any:
    """The account of each row as the Rust reader sees it: the cell's text (empty when missing)
    with Unicode white space trimmed. Rows of one account always get the same key (rows whose
    key is empty are rejected by the reader, wherever they go)."""
    pd = optional("pandas")
    series = pd.Series(values, copy=False)
    present = series.notna().to_numpy()
    out = np.full(len(series), "", dtype=object)
    out[present] = [str(v).strip(RUST_WHITESPACE) for v in series.to_numpy()[present]]
    return pd.Series(out, index=series.index, dtype=object)


def _newlines(frame: Any, columns: Sequence[str]) -> Any:
    """Per row, the newlines inside its cells (the CSV reader counts each as a line)."""
    total = np.zeros(len(frame), dtype=np.int64)
    for i in range(len(columns)):
        series = frame.iloc[:, i]
        if series.dtype.kind in "iufcbmM":
            continue
        present = series.notna().to_numpy()
        if not present.any():
            continue
        counts = series[present].astype(str).str.count("\n").to_numpy(dtype=np.int64)
        total[present] += counts
    return total


def partition_features(pdf: Any, columns: Sequence[str], options: Mapping[str, Any]) -> dict[str, Any]:
    """One partition of posts (its QUT columns and ``_order``, every row of each of its accounts)
    to its part of the matrix: values, mask, ids and handles of its accounts, the ``_order`` of
    each account's first accepted row (``first``), its read counts and rejections (``_order``,
    source, reason; the CSV text of its first rejected row). A disinfo error is returned, not
    raised (``error``), so that the driver raises the same one whatever the engine."""
    try:
        return _partition_features(pdf, columns, options)
    except errors.DisinfoError as err:
        return {"error": pack_error(err)}


def _partition_features(pdf: Any, columns: Sequence[str], options: Mapping[str, Any]) -> dict[str, Any]:
    pdf = pdf.sort_values("_order", kind="stable")
    orders = pdf["_order"].to_numpy(dtype=np.int64)
    posts = pdf[list(columns)]
    text = posts.to_csv(index=False)
    lenient = dict(options, mode="lenient")
    result = bots.features_from_text(text, "qut-csv", **cast(Any, lenient))
    read = result.read
    rejected = read.get("rejected", [])
    # One frame row is one CSV record (at least the four required cells, so never a blank line):
    # record n (1-based) is row n - 1.
    positions = np.array([r["record"] - 1 for r in rejected], dtype=np.int64)
    accepted = np.ones(len(pdf), dtype=bool)
    accepted[positions] = False
    user = column_named(columns, "user_id")
    keys = account_key(posts[user].to_numpy()[accepted]) if user is not None else None
    if keys is not None:
        firsts = ~keys.duplicated().to_numpy()
        first = orders[accepted][firsts]
        ids = keys.to_numpy()[firsts]
    else:
        first, ids = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    if len(ids) != len(result.account_ids) or list(ids) != list(result.account_ids):
        raise RuntimeError(
            "disinfo: the accounts of a partition are not those of its first accepted rows "
            f"({len(result.account_ids)} accounts, {len(ids)} first rows); please report this"
        )
    row = None
    if len(positions):
        row = posts.iloc[[int(positions[0])]].to_csv(index=False, header=False)
    return {
        "first": first,
        "values": result.values,
        "mask": result.mask,
        "columns": list(result.columns),
        "account_ids": list(result.account_ids),
        "handles": list(result.handles),
        "records_read": int(read["records_read"]),
        "records_accepted": int(read["records_accepted"]),
        "rejected": [(int(orders[p]), r["source"], r["reason"]) for p, r in zip(positions, rejected)],
        "first_rejected_row": row,
    }


def chunk_stats(pdf: Any, columns: Sequence[str], targets: Sequence[int]) -> dict[str, Any] | None:
    """For a chunk of the input in input order (a partition or a batch, with ``_order``): its
    first ``_order``, its rows and the newlines inside its cells, and for each of ``targets`` in
    it, the rows and newlines before it in the chunk. ``None`` for an empty chunk."""
    if len(pdf) == 0:
        return None
    orders = pdf["_order"].to_numpy(dtype=np.int64)
    newlines = _newlines(pdf[list(columns)], columns)
    before = np.concatenate([[0], np.cumsum(newlines)[:-1]])
    wanted = np.isin(orders, np.asarray(targets, dtype=np.int64))
    hits = [(int(orders[i]), int(i), int(before[i])) for i in np.flatnonzero(wanted)]
    return {"first": int(orders[0]), "rows": len(pdf), "newlines": int(newlines.sum()), "hits": hits}


def _locate(chunks: Iterable[dict[str, Any] | None]) -> dict[int, tuple[int, int]]:
    """The global ``(record, line)`` of each target row found by :func:`chunk_stats`."""
    rows = newlines = 0
    where: dict[int, tuple[int, int]] = {}
    for chunk in sorted((c for c in chunks if c is not None), key=lambda c: c["first"]):
        for order, index, before in chunk["hits"]:
            position = rows + index
            where[order] = (position + 1, 2 + position + newlines + before)
        rows += chunk["rows"]
        newlines += chunk["newlines"]
    return where


def _raise_again(columns: Sequence[str], options: Mapping[str, Any], row: str, line: int) -> None:
    """Reads a rejected row again, strictly, at ``line``: Rust raises the error it raised (or
    would have) for that row in the whole file."""
    pd = optional("pandas")
    text = _header(columns)
    if line >= 3:
        cells = {"message_id": "0", "user_id": "0", "timestamp": "0", "message": "\n" * (line - 3)}
        filler = [cells.get(c.strip(_HEADER_WHITESPACE), "") for c in columns]
        text += pd.DataFrame([filler], columns=list(columns)).to_csv(index=False, header=False)
    bots.features_from_text(text + row, "qut-csv", **cast(Any, options))


def gather_features(
    parts: Iterable[dict[str, Any]],
    columns: Sequence[str],
    matrix_columns: Sequence[str],
    options: Mapping[str, Any],
    locate: Callable[[list[int]], Iterable[dict[str, Any] | None]],
) -> Features:
    """The driver's assembly: the partitions' rows in the single-process order, summed read
    counts, rejections at their global record and line (``locate`` runs :func:`chunk_stats` over
    the input, only when a row was rejected), and in strict mode the first rejection's error."""
    parts = list(parts)
    for part in parts:
        if "error" in part:
            raise unpack_error(part["error"])
    width = len(matrix_columns)
    first = np.concatenate([np.zeros(0, dtype=np.int64)] + [p["first"] for p in parts])
    order = np.argsort(first, kind="stable")
    values = np.concatenate([np.zeros((0, width))] + [p["values"].reshape(-1, width) for p in parts])[order]
    mask = np.concatenate([np.zeros((0, width), dtype=bool)] + [p["mask"].reshape(-1, width) for p in parts])[order]
    ids = [x for p in parts for x in p["account_ids"]]
    handles = [x for p in parts for x in p["handles"]]
    rejected = sorted(r for p in parts for r in p["rejected"])
    read: ReadCounts = {
        "records_read": sum(p["records_read"] for p in parts),
        "records_accepted": sum(p["records_accepted"] for p in parts),
        "records_rejected": len(rejected),
        "rejected": [],
    }
    if rejected:
        strict = options.get("mode", "strict") == "strict"
        targets = [rejected[0][0]] if strict else [r[0] for r in rejected]
        where = _locate(locate(targets))
        if strict:
            rows = [p["first_rejected_row"] for p in parts if p["rejected"] and p["rejected"][0][0] == targets[0]]
            _raise_again(columns, options, rows[0], where[targets[0]][1])
            raise RuntimeError("disinfo: a rejected row was accepted when read again; please report this")
        read["rejected"] = [
            {"source": source, "line": where[o][1], "record": where[o][0], "reason": reason}
            for o, source, reason in rejected
        ]
    return Features(
        np.ascontiguousarray(values),
        np.ascontiguousarray(mask),
        list(matrix_columns),
        [ids[i] for i in order],
        [handles[i] for i in order],
        read,
    )


# --- errors across processes ------------------------------------------------------------------


def pack_error(err: errors.DisinfoError) -> dict[str, Any]:
    """A disinfo error as plain data (a Spark worker's exception reaches the driver as text)."""
    return {"type": type(err).__name__, "message": err.message, "code": err.code, "tool": err.tool}


def unpack_error(packed: Mapping[str, Any]) -> errors.DisinfoError:
    """The error :func:`pack_error` packed, of the same class."""
    kind = getattr(errors, str(packed["type"]), None)
    if not (isinstance(kind, type) and issubclass(kind, errors.DisinfoError)):
        kind = errors.DisinfoError
    return kind(packed["message"], packed["code"], packed["tool"])


# --- extract_batch ----------------------------------------------------------------------------


def job_of_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A job from a table row: its fields, with the null fields of nested objects (a range
    selector read as a struct) left out."""

    def clean(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: clean(v) for k, v in value.items() if v is not None}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        return value

    return {k: clean(v) for k, v in row.items()}


def run_jobs(jobs: Iterable[Any], options: Mapping[str, Any]) -> dict[str, Any]:
    """One partition of jobs: ``terms.extract_batch`` on them, with the positions of the jobs
    without an id (their default id is their number in the partition, renumbered by
    :func:`gather_jobs`); or the error, with the partition's first job that does not decode."""
    jobs = list(jobs)
    try:
        results = terms.extract_batch(jobs, **cast(Any, options))
    except errors.DisinfoError as err:
        match = _JOB_INDEX.search(err.message)
        index = int(match.group(1)) if match and err.code == "invalid_argument" else None
        bad = jobs[index] if index is not None and index < len(jobs) else None
        return {"n": len(jobs), "error": pack_error(err), "index": index if bad is not None else None, "job": bad}
    missing = [i for i, job in enumerate(jobs) if isinstance(job, Mapping) and job.get("id") is None]
    return {"n": len(jobs), "results": results, "missing": missing}


def gather_jobs(parts: Iterable[dict[str, Any]], options: Mapping[str, Any]) -> list[Any]:
    """The partitions' results in input order, default ids renumbered; or the error of the call
    in one process: the first job (in input order) that does not decode, else the partitions'
    common error (a bad option)."""
    out: list[Any] = []
    offset = 0
    other: dict[str, Any] | None = None
    for part in parts:
        if "error" in part:
            if part["index"] is not None:
                # Jobs are decoded before the options, and in order: this job's error is the one.
                placeholders = [dict(_PLACEHOLDER_JOB) for _ in range(offset + part["index"])]
                terms.extract_batch(placeholders + [part["job"]], **cast(Any, options))
                raise unpack_error(part["error"])
            other = other or part
        elif other is None:
            results = part["results"]
            for i in part["missing"]:
                results[i]["id"] = str(offset + i + 1)
            out.extend(results)
        offset += part["n"]
    if other is not None:
        raise unpack_error(other["error"])
    return out
