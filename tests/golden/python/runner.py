"""The Python runner of the cross-language golden cases (see tests/golden/README.md).

Each case calls a public function of the package by name (``terms.diff`` is
``disinfo.terms.diff``), with the case's positional arguments and its keyword arguments.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import subprocess
import shutil
from pathlib import Path
from typing import Any, Callable

from canonical import canonical

import disinfo
from disinfo import _native
from disinfo.bots import Clusters, Features

GOLDEN = Path(__file__).resolve().parents[1]
CASES = GOLDEN / "cases"
OUT = GOLDEN.parents[1] / "target" / "golden" / "python"


def _resolve(value: Any, folder: Path, scratch: Path, results: list[Any]) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        (key, arg), = value.items()
        if key == "$text":
            return (folder / arg).read_text(encoding="utf-8")
        if key == "$bytes":
            return (folder / arg).read_bytes()
        if key == "$tmp":
            return str(scratch / arg)
        if key == "$path":
            return str(arg)  # calls run in the case folder
        if key == "$repo":
            return str(Path("../../../..") / arg)
        if key == "$git":
            dest = scratch / Path(arg).stem
            if not (folder / dest).exists():
                subprocess.run(["git", "clone", "-q", arg, str(dest)], check=True, cwd=folder)
            return str(dest)
        if key == "$result":
            return results[arg]
    if isinstance(value, list):
        return [_resolve(v, folder, scratch, results) for v in value]
    if isinstance(value, dict):
        return {k: _resolve(v, folder, scratch, results) for k, v in value.items()}
    return value


def _function(name: str) -> Callable[..., Any]:
    tool, _, function = name.partition(".")
    if tool == "core":
        if function.startswith("_"):
            return lambda *args, **kwargs: _native.call(name, list(args), kwargs or None)
        found: Callable[..., Any] = getattr(disinfo, function)
        return found
    module = importlib.import_module(f"disinfo.{tool}")
    found = getattr(module, function)
    return found


def _json(result: Any) -> Any:
    """The JSON form of a result: a feature matrix as its metadata with rows of values, numpy
    labels as a list."""
    if isinstance(result, Features):
        rows = [[None if math.isnan(v) else float(v) for v in row] for row in result.values.tolist()]
        return {
            "account_ids": result.account_ids,
            "handles": result.handles,
            "columns": result.columns,
            "read": result.read,
            "values": rows,
        }
    if isinstance(result, Clusters):
        return {**result, "labels": result["labels"].tolist()}
    return result


def _call(call: dict[str, Any], folder: Path, scratch: Path, results: list[Any]) -> Any:
    args = _resolve(call.get("args", []), folder, scratch, results)
    kwargs = _resolve(call.get("kwargs", {}), folder, scratch, results)
    previous = os.getcwd()
    os.chdir(folder)  # calls run in the case folder: paths are relative, as in every language
    try:
        return _json(_function(call["call"])(*args, **kwargs))
    finally:
        os.chdir(previous)


def case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "case.json").is_file())


def run_case(folder: Path) -> str:
    case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    # Relative to the case folder, the same path in every language; emptied before each case.
    scratch = Path("../../../../target/golden-scratch") / folder.name
    shutil.rmtree(folder / scratch, ignore_errors=True)
    (folder / scratch).mkdir(parents=True)
    results: list[Any] = []
    for setup in case.get("setup", []):
        results.append(_call(setup, folder, scratch, results))
    try:
        outcome: Any = {"ok": _call(case, folder, scratch, results)}
    except disinfo.DisinfoError as err:
        outcome = {"error": {"code": err.code, "tool": err.tool, "message": err.message}}
    text = canonical(outcome)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{folder.name}.json").write_text(text, encoding="utf-8")
    return text
